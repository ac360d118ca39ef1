"""The real Drechtsteden 2022 dataset (gr_portal.dataset): what it holds, that loading it leaves
a history row per record with the loader's reason, and that loading twice changes nothing."""

import datetime
import json
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command

from councils.models import Body, CouncilTerm, Fractie, Meeting, Municipality, Regeling
from decisions.models import Decision, DecisionVersion, Treatment
from decisions.rules import council_size_for_population
from gr_portal.core.choices import Outcome
from gr_portal.dataset import CHANGE_REASON, DATASET_PATH, load_dataset
from milestones.models import Milestone

CBS_CODES = {
    "Alblasserdam": "GM0482",
    "Dordrecht": "GM0505",
    "Hardinxveld-Giessendam": "GM0523",
    "Hendrik-Ido-Ambacht": "GM0531",
    "Papendrecht": "GM0590",
    "Sliedrecht": "GM0610",
    "Zwijndrecht": "GM0642",
}
COUNCIL_SIZES = {
    "Alblasserdam": 19,
    "Dordrecht": 39,
    "Hardinxveld-Giessendam": 17,
    "Hendrik-Ido-Ambacht": 23,
    "Papendrecht": 23,
    "Sliedrecht": 21,
    "Zwijndrecht": 27,
}


def _row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"councils", "decisions", "milestones"}
    }


def historical_models():
    """Every history table of the project, the many-to-many histories included."""
    return [
        model
        for app_label in ("councils", "decisions", "milestones")
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


def record_outcome(treatment, user, reason):
    meeting = Meeting.objects.create(
        body=treatment.body,
        starts_at=datetime.datetime(2022, 7, 7, 20, 0, tzinfo=ZoneInfo("Europe/Amsterdam")),
    )
    version = DecisionVersion.objects.get(decision=treatment.decision, number=1)
    return edit(treatment, user, reason, meeting=meeting, version=version, outcome=Outcome.ADOPTED)


def dordrecht_council_treatment():
    return Treatment.objects.get(
        decision__slug="concept-gr-tekst-2022",
        body__municipality__slug="dordrecht",
        body__kind=Body.Kind.COUNCIL,
        round=1,
    )


def test_the_seven_municipalities_with_cbs_codes(dataset):
    assert dict(Municipality.objects.values_list("name", "cbs_code")) == CBS_CODES


def test_council_sizes_and_fracties_add_up(dataset):
    for term in CouncilTerm.objects.select_related("municipality"):
        assert term.size == COUNCIL_SIZES[term.municipality.name]
        assert term.starts_on.year == 2022
        assert term.ends_on.year == 2026
        assert sum(term.fracties.values_list("seats", flat=True)) + term.vacant_seats == term.size


def test_council_sizes_match_gemeentewet_article_8_for_the_estimated_population(dataset):
    for municipality in Municipality.objects.all():
        term = municipality.terms.get()
        assert council_size_for_population(municipality.population) == term.size


def test_dordrecht_fracties_are_the_official_result(dataset):
    term = CouncilTerm.objects.get(municipality__name="Dordrecht")
    assert term.composition_reliability == "official"
    assert term.fracties.count() == 14
    assert Fractie.objects.get(term=term, name="GroenLinks").seats == 6


def test_estimates_and_unverified_figures_are_marked_with_their_source(dataset):
    for municipality in Municipality.objects.all():
        assert municipality.population_reliability == "estimate"
        assert municipality.population_source
    alblasserdam = CouncilTerm.objects.get(municipality__name="Alblasserdam")
    assert alblasserdam.composition_reliability == "unverified"
    assert "rijnmond.nl" in alblasserdam.composition_source
    assert CouncilTerm.objects.get(municipality__name="Papendrecht").composition_reliability == (
        "derived"
    )


def test_regelingen_with_their_amendment_rule(dataset):
    sociaal = Regeling.objects.get(short_name="GR Sociaal")
    assert sociaal.kind == "college"
    assert sociaal.amendment_rule == "all"
    assert sociaal.in_force_since == datetime.date(2022, 1, 1)
    assert sociaal.participants.count() == 7
    assert Regeling.objects.get(short_name="GR Drechtwerk").participants.count() == 7


def test_fourteen_municipal_bodies_and_the_regelingen_boards(dataset):
    assert Body.objects.of_municipalities().count() == 14
    assert Body.objects.filter(regeling__isnull=False).count() == 4


@pytest.mark.parametrize(
    ("slug", "college", "council", "council_purpose"),
    [
        ("principebesluit-samenvoeging-2022", (2022, 3, 8, "day"), (2022, 3, 1, "month"), "notice"),
        ("concept-gr-tekst-2022", (2022, 6, 1, "month"), (2022, 7, 1, "month"), "opinion"),
        ("definitieve-gr-tekst-2022", (2022, 11, 1, "month"), (2022, 12, 1, "month"), "consent"),
    ],
)
def test_each_decision_is_planned_for_all_fourteen_bodies(
    dataset, slug, college, council, council_purpose
):
    decision = Decision.objects.get(slug=slug)
    treatments = decision.treatments.select_related("body")
    assert treatments.count() == 14
    for treatment in treatments:
        year, month, day, precision = college if treatment.body.kind == "executive" else council
        assert treatment.planned_on == datetime.date(year, month, day)
        assert treatment.planned_precision == precision
        assert treatment.outcome == ""
    assert {t.purpose for t in treatments if t.body.kind == "council"} == {council_purpose}
    assert decision.versions.count() == 1
    assert decision.source


def test_milestones_of_seed_000(dataset):
    titles = list(Milestone.objects.values_list("title", flat=True))
    assert "Principebesluit colleges" in titles
    assert "Inloopavond(en) raadsleden" in titles
    assert "Definitieve GR-tekst: raden" in titles
    inloop = Milestone.objects.get(title="Inloopavond(en) raadsleden")
    assert inloop.planned_label == "april 2022 – juli 2022"
    assert inloop.bodies.count() == 7
    december = Milestone.objects.get(title="Definitieve GR-tekst: raden")
    assert list(december.decisions.values_list("slug", flat=True)) == ["definitieve-gr-tekst-2022"]
    assert all(m.source for m in Milestone.objects.all())


def test_a_second_load_changes_nothing_not_even_history(dataset):
    before = _row_counts()
    report = load_dataset()
    assert not report.changed
    assert _row_counts() == before


def test_a_load_keeps_what_clerks_recorded(dataset):
    treatment = Treatment.objects.filter(body__kind="council").first()
    treatment.notes = "Geagendeerd voor de raadsvergadering."
    treatment.save()
    load_dataset()
    treatment.refresh_from_db()
    assert treatment.notes == "Geagendeerd voor de raadsvergadering."


def test_a_broken_dataset_loads_nothing(empty_db, tmp_path):
    data = json.loads(DATASET_PATH.read_text(encoding="utf-8"))
    data["municipalities"][-1]["term"]["fracties"][0]["seats"] += 1  # Zwijndrecht: 28 of 27
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValidationError, match="maar de raad telt 27 zetels"):
        load_dataset(broken)
    assert Municipality.objects.count() == 0


def test_the_command_reports_and_is_idempotent(empty_db, capsys):
    call_command("load_drechtsteden")
    assert "7 gemeenten" in capsys.readouterr().out
    call_command("load_drechtsteden")
    assert "niets gewijzigd" in capsys.readouterr().out


# --- history of the load -----------------------------------------------------------------------


def test_loading_the_dataset_makes_creation_rows_with_the_loaders_reason(dataset):
    row = dordrecht().history.get()
    assert row.history_type == "+"
    assert row.history_change_reason == CHANGE_REASON
    assert row.history_user is None


# --- reloading the dataset ---------------------------------------------------------------------


def test_the_first_load_writes_history_for_every_loaded_table(empty_db):
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
