"""The treatment cells of the status pages (decisions.templatetags.treatments): the words, dates
and counts the included templates showed, in Dutch and in English."""

import datetime

from django.utils import timezone, translation

from decisions.models import RecordCheck, Treatment
from decisions.templatetags.treatments import matrix_cell, record_check, treatment_status
from gr_portal.core.choices import Outcome, Purpose
from tests.recording import AMSTERDAM, record_outcome, record_vote

CONCEPT = "concept-gr-tekst-2022"


def _treatment(municipality="dordrecht", kind="council"):
    return (
        Treatment.objects.with_related()
        .select_related("decision__regeling")
        .get(
            decision__slug=CONCEPT, body__municipality__slug=municipality, body__kind=kind, round=1
        )
    )


def _text(html) -> str:
    return " ".join(str(html).split())


def test_nothing_planned_and_planned(dataset):
    assert _text(treatment_status(None)) == (
        '<span class="status status-none">geen behandeling</span>'
    )
    planned = _treatment()
    planned.planned_on, planned.planned_precision = datetime.date(2099, 7, 1), "month"
    assert _text(treatment_status(planned)) == (
        '<span class="status status-planned"><span class="status-label">gepland</span> '
        f"{planned.planned_label}</span>"
    )
    planned.planned_on = datetime.date(2022, 7, 1)
    assert "status-overdue" in str(treatment_status(planned))
    assert f"te laat</span> – gepland {planned.planned_label}</span>" in str(
        treatment_status(planned)
    )


def test_a_recorded_vote_shows_outcome_day_and_count(dataset):
    record_vote(_treatment(), day=12)
    html = _text(treatment_status(_treatment()))
    assert html.startswith('<span class="status status-adopted"><span class="status-label">')
    assert '<time datetime="2022-07-12">12 juli 2022</time>' in html
    assert '<span class="vote-count">(' in html
    with translation.override("en"):
        assert "12 July 2022" in str(treatment_status(_treatment()))


def test_a_second_round_and_the_zienswijze_term(dataset):
    treatment = _treatment()
    treatment.round = 2
    treatment.outcome = Outcome.ADOPTED
    treatment.purpose = Purpose.OPINION
    treatment.received_on = datetime.date(2022, 5, 1)
    html = str(treatment_status(treatment))
    assert '<span class="round">ronde 2</span>' in html
    assert html.count("deadline") == 1  # decided: no meeting recorded, so not late
    treatment.outcome = ""
    html = str(treatment_status(treatment))
    assert '<span class="deadline deadline-passed">zienswijze uiterlijk 26 juni 2022' in html
    assert "termijn verstreken" in html
    with translation.override("en"):
        assert "opinion due by 26 June 2022" in str(treatment_status(treatment))


def test_a_zienswijze_decided_after_its_term(dataset):
    record_outcome(
        _treatment("sliedrecht"),
        Outcome.ADOPTED,
        starts_at=datetime.datetime(2022, 7, 12, 20, tzinfo=AMSTERDAM),
        received_on=datetime.date(2022, 5, 1),
    )
    html = str(treatment_status(_treatment("sliedrecht")))
    assert "deadline-passed" in html
    assert "na de termijn besloten" in html


def test_the_griffie_check_and_the_matrix_cell(dataset):
    treatment = _treatment()
    check = RecordCheck(
        decision=treatment.decision,
        municipality=treatment.body.municipality,
        checked_at=datetime.datetime(2022, 7, 20, 23, 30, tzinfo=datetime.UTC),
    )
    # 23:30 UTC is 21 July in Amsterdam: the day in the portal's time zone.
    assert timezone.localtime(check.checked_at).day == 21
    assert _text(record_check(check)) == (
        '<span class="status status-checked"><span class="status-label">gecontroleerd</span> '
        "door de griffie op 21 juli 2022</span>"
    )
    assert "niet gecontroleerd" in str(record_check(None))
    with translation.override("en"):
        assert "by the clerk's office on 21 July 2022" in str(record_check(check))
    assert _text(matrix_cell(None, None)) == '<span class="meta">–</span>'
    treatment.purpose = Purpose.NOTICE
    cell = str(matrix_cell(treatment, check))
    assert '<br><span class="meta">ter kennisname</span>' in cell
    assert "gecontroleerd" not in cell  # nothing recorded yet: the check is not shown
    treatment.outcome = Outcome.ADOPTED
    assert "<br>" + str(record_check(check)) in str(matrix_cell(treatment, check))
