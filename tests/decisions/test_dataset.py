"""The real Drechtsteden 2022 dataset: what it holds, and that loading twice changes nothing."""

import datetime
import json

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command

from councils.models import Body, CouncilTerm, Fractie, Municipality, Regeling
from decisions.models import Decision, Treatment
from decisions.rules import council_size_for_population
from gr_portal.dataset import DATASET_PATH, load_dataset
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


def test_the_seven_municipalities_with_cbs_codes(dataset):
    assert dict(Municipality.objects.values_list("name", "cbs_code")) == CBS_CODES


def test_council_sizes_and_fracties_add_up(dataset):
    for term in CouncilTerm.objects.select_related("municipality"):
        assert term.size == COUNCIL_SIZES[term.municipality.name]
        assert term.starts_on.year == 2022 and term.ends_on.year == 2026
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
