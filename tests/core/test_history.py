"""Specification of the history: every edit leaves one row with who, why and what changed, and
whether it corrects an earlier record.

Every portal model keeps history (django-simple-history, with the portal's Attribution base).
An edit in the back office sets ``_history_user`` and ``_change_reason`` on the instance before
saving (simple-history reads both); every other write attributes itself through
``gr_portal.core.history.with_history``, which also marks corrections. The reason of a correction
is stored as typed; the word "Correctie" is added when the row is shown, in the reader's language.
"""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy

from councils.models import Body, Meeting, Municipality
from decisions.models import DecisionVersion, Treatment
from gr_portal.core.choices import Outcome
from gr_portal.core.history import reason_text, stored_text, with_history

pytestmark = pytest.mark.django_db

HISTORY_APPS = ("councils", "decisions", "milestones")


# --- helpers -----------------------------------------------------------------------------------


def historical_models():
    """Every history table of the project, the many-to-many histories included."""
    return [
        model
        for app_label in HISTORY_APPS
        for model in apps.get_app_config(app_label).get_models()
        if model.__name__.startswith("Historical")
    ]


def edit(obj, user, reason, **values):
    for name, value in values.items():
        setattr(obj, name, value)
    obj._history_user = user
    obj._change_reason = reason
    obj.save()
    return obj


def dordrecht():
    return Municipality.objects.get(slug="dordrecht")


def dordrecht_council_treatment():
    return Treatment.objects.get(
        decision__slug="concept-gr-tekst-2022",
        body__municipality__slug="dordrecht",
        body__kind=Body.Kind.COUNCIL,
        round=1,
    )


def record_outcome(treatment, user, reason):
    meeting = Meeting.objects.create(
        body=treatment.body,
        starts_at=datetime.datetime(2022, 7, 7, 20, 0, tzinfo=ZoneInfo("Europe/Amsterdam")),
    )
    version = DecisionVersion.objects.get(decision=treatment.decision, number=1)
    return edit(treatment, user, reason, meeting=meeting, version=version, outcome=Outcome.ADOPTED)


# --- the history tables ------------------------------------------------------------------------


#: The models that keep no history, and why.
WITHOUT_HISTORY = {
    # Personal data (AVG): an e-mail address is deleted with its subscription, and a history
    # table would keep it (milestones.alerts, the privacy statement).
    "Subscription": "personal data, deleted on unsubscribe",
    # Delivery bookkeeping of the alerts, deleted with its subscription; what it tells is
    # itself a historical row.
    "Notice": "delivery bookkeeping",
}


def test_every_model_of_the_project_keeps_history():
    names = {model.__name__ for model in historical_models()}
    for app_label in HISTORY_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if model.__name__.startswith("Historical") or model.__name__ in WITHOUT_HISTORY:
                continue
            assert f"Historical{model.__name__}" in names, model
    assert not names & {f"Historical{name}" for name in WITHOUT_HISTORY}


# --- creating ----------------------------------------------------------------------------------


def test_creating_a_municipality_makes_one_creation_row_with_user_and_reason(program_office):
    municipality = Municipality(
        name="Gorinchem", slug="gorinchem", cbs_code="GM0512", area_type="urban"
    )
    edit(municipality, program_office, "Nieuwe deelnemer")
    rows = list(municipality.history.all())
    assert len(rows) == 1
    assert rows[0].history_type == "+"
    assert rows[0].history_user == program_office
    assert rows[0].history_change_reason == "Nieuwe deelnemer"
    assert rows[0].name == "Gorinchem"


# --- editing a municipality --------------------------------------------------------------------


def test_editing_a_municipality_adds_exactly_one_history_row(dataset, program_office):
    municipality = dordrecht()
    before = municipality.history.count()
    edit(municipality, program_office, "CBS-cijfer 1 januari 2023", population=121_000)
    assert municipality.history.count() == before + 1


def test_the_edit_row_records_user_reason_type_and_new_value(dataset, program_office):
    municipality = dordrecht()
    edit(municipality, program_office, "CBS-cijfer 1 januari 2023", population=121_000)
    latest = municipality.history.latest()
    assert latest.history_type == "~"
    assert latest.history_user == program_office
    assert latest.history_change_reason == "CBS-cijfer 1 januari 2023"
    assert latest.population == 121_000


def test_the_edit_row_keeps_the_previous_value_in_the_row_before_it(dataset, program_office):
    municipality = dordrecht()
    old_population = municipality.population
    edit(municipality, program_office, "CBS-cijfer 1 januari 2023", population=121_000)
    latest = municipality.history.latest()
    assert latest.prev_record.population == old_population
    assert latest.prev_record.history_type == "+"


def test_diff_against_the_previous_row_lists_exactly_the_changed_field(dataset, program_office):
    municipality = dordrecht()
    old_population = municipality.population
    edit(municipality, program_office, "CBS-cijfer 1 januari 2023", population=121_000)
    new_row, old_row = municipality.history.all()[:2]
    delta = new_row.diff_against(old_row)
    assert delta.changed_fields == ["population"]
    [change] = delta.changes
    assert (change.field, change.old, change.new) == ("population", old_population, 121_000)


def test_edits_by_two_users_are_told_apart(dataset, program_office, dordrecht_clerk):
    municipality = dordrecht()
    edit(municipality, program_office, "Eerste correctie", population=120_000)
    edit(municipality, dordrecht_clerk, "Tweede correctie", population=121_000)
    rows = list(municipality.history.all()[:2])
    assert [(row.history_user, row.history_change_reason) for row in rows] == [
        (dordrecht_clerk, "Tweede correctie"),
        (program_office, "Eerste correctie"),
    ]


# --- editing a treatment -----------------------------------------------------------------------


def test_recording_a_councils_outcome_adds_one_row_with_the_clerk_and_reason(
    dataset, dordrecht_clerk
):
    treatment = dordrecht_council_treatment()
    before = treatment.history.count()
    record_outcome(treatment, dordrecht_clerk, "Raadsvergadering 7 juli 2022")
    assert treatment.history.count() == before + 1
    latest = treatment.history.latest()
    assert latest.history_type == "~"
    assert latest.history_user == dordrecht_clerk
    assert latest.history_change_reason == "Raadsvergadering 7 juli 2022"
    assert latest.outcome == Outcome.ADOPTED


def test_diff_of_a_recorded_outcome_lists_meeting_version_and_outcome(dataset, dordrecht_clerk):
    treatment = record_outcome(
        dordrecht_council_treatment(), dordrecht_clerk, "Raadsvergadering 7 juli 2022"
    )
    new_row, old_row = treatment.history.all()[:2]
    delta = new_row.diff_against(old_row)
    assert sorted(delta.changed_fields) == ["meeting", "outcome", "version"]
    outcome = next(change for change in delta.changes if change.field == "outcome")
    assert (outcome.old, outcome.new) == ("", "adopted")


# --- with_history: attribution and the correction flag -----------------------------------------


def test_with_history_attributes_the_next_save(dataset, dordrecht_clerk):
    municipality = dordrecht()
    assert with_history(municipality, user=dordrecht_clerk, reason="CBS-cijfer") is municipality
    municipality.population = 121_000
    municipality.save()
    row = municipality.history.latest()
    assert (row.history_user, row.history_change_reason) == (dordrecht_clerk, "CBS-cijfer")
    assert row.history_is_correction is False


def test_a_correction_is_stored_as_a_flag_and_its_reason_as_typed(dataset, dordrecht_clerk):
    municipality = dordrecht()
    municipality.population = 1
    with_history(municipality, user=dordrecht_clerk, reason="telfout", correction=True).save()
    row = municipality.history.latest()
    assert row.history_is_correction is True
    assert row.history_change_reason == "telfout"


def test_the_flag_does_not_stick_to_the_next_plain_save(dataset, dordrecht_clerk):
    municipality = dordrecht()
    with_history(municipality, user=dordrecht_clerk, reason="telfout", correction=True).save()
    with_history(municipality, user=dordrecht_clerk, reason="aanvulling").save()
    assert municipality.history.latest().history_is_correction is False


def test_a_save_without_with_history_is_no_correction(dataset, program_office):
    municipality = edit(dordrecht(), program_office, "Correctie: zo heet het niet", population=2)
    row = municipality.history.latest()
    assert row.history_is_correction is False
    assert reason_text(row) == "Correctie: zo heet het niet"  # words alone mark nothing


def test_a_deletion_carries_its_attribution_and_flag(dataset, dordrecht_clerk):
    meeting = Meeting.objects.create(
        body=dordrecht_council_treatment().body,
        starts_at=datetime.datetime(2022, 7, 7, 20, 0, tzinfo=ZoneInfo("Europe/Amsterdam")),
    )
    pk = meeting.pk
    with_history(meeting, user=dordrecht_clerk, reason="dubbel", correction=True).delete()
    row = Meeting.history.filter(id=pk).latest()
    assert row.history_type == "-"
    assert (row.history_user, row.history_change_reason) == (dordrecht_clerk, "dubbel")
    assert row.history_is_correction is True


def test_without_a_user_the_user_is_left_to_the_request(dataset, program_office):
    municipality = dordrecht()
    municipality._history_user = program_office  # as simple-history's middleware would
    with_history(municipality, reason="geen gebruiker opgegeven").save()
    assert municipality.history.latest().history_user == program_office


def test_user_none_is_the_system(dataset):
    municipality = dordrecht()
    with_history(municipality, user=None, reason="script").save()
    assert municipality.history.latest().history_user is None


# --- reason_text: the reason as readers see it -------------------------------------------------


def row(reason, correction):
    return SimpleNamespace(history_change_reason=reason, history_is_correction=correction)


def test_a_correction_reads_correctie_and_its_reason():
    with translation.override("nl"):
        assert reason_text(row("telfout", True)) == "Correctie: telfout"
        assert reason_text(row("  telfout ", True)) == "Correctie: telfout"


def test_a_correction_without_a_reason_reads_correctie():
    with translation.override("nl"):
        assert reason_text(row("", True)) == "Correctie"
        assert reason_text(row(None, True)) == "Correctie"


def test_a_plain_change_reads_its_reason_only():
    assert reason_text(row(" Raadsvergadering 7 juli 2022 ", False)) == (
        "Raadsvergadering 7 juli 2022"
    )
    assert reason_text(row(None, False)) == ""
    assert reason_text(SimpleNamespace()) == ""  # a row of a model without the flag


def test_the_word_correctie_is_in_the_readers_language():
    with translation.override("en"):
        assert reason_text(row("telfout", True)) == "Correction: telfout"


# --- stored_text: what the system writes is in the site's language -----------------------------


def test_a_stored_text_is_dutch_whatever_the_active_language():
    with translation.override("en"):
        assert gettext("Vastgelegd door de griffie") == "Recorded by the clerk's office"
        assert stored_text(gettext_lazy("Vastgelegd door de griffie")) == (
            "Vastgelegd door de griffie"
        )
        assert stored_text(lambda: gettext("Vastgelegd door de griffie")) == (
            "Vastgelegd door de griffie"
        )
        assert translation.get_language() == "en"  # and the language is given back
