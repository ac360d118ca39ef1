"""Specification of the history: every edit leaves one row with who, why and what changed.

An edit sets ``_history_user`` and ``_change_reason`` on the instance before saving, as the
admin and the services do (django-simple-history reads both). Loading the dataset again, when
nothing in the file changed, must leave the history untouched.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps

from councils.models import Body, Meeting, Municipality
from decisions.models import DecisionVersion, Treatment
from gr_portal.core.choices import Outcome
from gr_portal.dataset import CHANGE_REASON, load_dataset

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


def history_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in historical_models()}


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


def test_every_model_of_the_project_keeps_history():
    names = {model.__name__ for model in historical_models()}
    for app_label in HISTORY_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if not model.__name__.startswith("Historical"):
                assert f"Historical{model.__name__}" in names, model


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


def test_loading_the_dataset_makes_creation_rows_with_the_loaders_reason(dataset):
    row = dordrecht().history.get()
    assert row.history_type == "+"
    assert row.history_change_reason == CHANGE_REASON
    assert row.history_user is None


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


# --- reloading the dataset ---------------------------------------------------------------------


def test_the_first_load_writes_history_for_every_loaded_table(db):
    load_dataset()
    counts = history_counts()
    for label in (
        "councils.HistoricalMunicipality",
        "councils.HistoricalRegeling_participants",
        "councils.HistoricalCouncilTerm",
        "councils.HistoricalFractie",
        "councils.HistoricalBody",
        "decisions.HistoricalDecision",
        "decisions.HistoricalTreatment",
        "milestones.HistoricalMilestone",
        "milestones.HistoricalMilestone_bodies",
        "milestones.HistoricalMilestone_decisions",
    ):
        assert counts[label] > 0, label


def test_a_second_load_creates_no_history_rows_at_all(dataset):
    before = history_counts()
    load_dataset()
    assert history_counts() == before


def test_a_second_load_reports_no_changes(dataset):
    report = load_dataset()
    assert not report.changed
    assert report.created == {}
    assert report.updated == {}


def test_a_reload_leaves_a_recorded_outcome_and_its_history_alone(dataset, dordrecht_clerk):
    treatment = record_outcome(
        dordrecht_council_treatment(), dordrecht_clerk, "Raadsvergadering 7 juli 2022"
    )
    before = history_counts()
    load_dataset()
    assert history_counts() == before
    treatment.refresh_from_db()
    assert treatment.outcome == Outcome.ADOPTED
    assert treatment.meeting is not None


def test_a_reload_restores_a_changed_value_with_one_row_carrying_the_loaders_reason(
    dataset, program_office
):
    municipality = dordrecht()
    loaded_population = municipality.population
    edit(municipality, program_office, "Tikfout", population=1)
    before = history_counts()
    load_dataset()
    after = history_counts()
    assert after["councils.HistoricalMunicipality"] == (
        before["councils.HistoricalMunicipality"] + 1
    )
    assert {label: count for label, count in after.items() if count != before[label]} == {
        "councils.HistoricalMunicipality": before["councils.HistoricalMunicipality"] + 1
    }
    latest = municipality.history.latest()
    assert latest.population == loaded_population
    assert latest.history_change_reason == CHANGE_REASON
    assert latest.history_type == "~"
