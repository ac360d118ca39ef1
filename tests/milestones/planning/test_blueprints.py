"""The templates' plans: the right steps for each kind of process and regeling, with the law's
terms counted from the start."""

import datetime

import pytest

from gr_portal.core.choices import BodyKind, DecisionKind, ProcessKind, Purpose, RegelingKind
from milestones.planning.blueprints import BLUEPRINTS, PlanError, default_title, plan_process

START = datetime.date(2027, 3, 2)  # a Tuesday
PARTICIPANTS = [11, 12, 13]


def plan(kind, regeling_kind=RegelingKind.COLLEGE, **options):
    options.setdefault("participants", PARTICIPANTS)
    options.setdefault("has_general_board", True)
    return plan_process(
        kind, regeling_kind=regeling_kind, start=START, title="Wijziging GR X", **options
    )


def steps_of(planned, municipality):
    return [(s.body_kind, s.purpose) for s in planned.steps if s.municipality == municipality]


def test_amendment_of_a_collegeregeling_asks_zienswijze_then_toestemming_and_change():
    result = plan(ProcessKind.AMENDMENT)
    draft, final = result.decisions
    assert (draft.kind, final.kind) == (DecisionKind.DRAFT_TEXT, DecisionKind.FINAL_TEXT)
    for municipality in PARTICIPANTS:
        assert steps_of(draft, municipality) == [
            (BodyKind.EXECUTIVE, Purpose.DECISION),
            (BodyKind.COUNCIL, Purpose.OPINION),
        ]
        assert steps_of(final, municipality) == [
            (BodyKind.COUNCIL, Purpose.CONSENT),
            (BodyKind.EXECUTIVE, Purpose.DECISION),
        ]
    opinion = next(s for s in draft.steps if s.purpose == Purpose.OPINION)
    # Wgr art. 1 lid 3: eight weeks after receipt; received on the day the draft goes out.
    assert opinion.received_on == START
    assert opinion.deadline == datetime.date(2027, 4, 27)
    assert opinion.basis == "Wgr art. 1 lid 3"
    consent = next(s for s in final.steps if s.purpose == Purpose.CONSENT)
    change = next(s for s in final.steps if s.body_kind == BodyKind.EXECUTIVE)
    assert opinion.deadline < final.introduced_on < consent.planned_on < change.planned_on
    assert consent.deadline is None


def test_raadsregeling_has_no_draft_round():
    result = plan(ProcessKind.AMENDMENT, RegelingKind.COUNCIL)
    assert [d.kind for d in result.decisions] == [DecisionKind.FINAL_TEXT]
    assert steps_of(result.decisions[0], 11) == [(BodyKind.COUNCIL, Purpose.DECISION)]


def test_merger_starts_with_decisions_in_principle():
    result = plan(ProcessKind.MERGER)
    assert [d.kind for d in result.decisions] == [
        DecisionKind.PRINCIPLE,
        DecisionKind.DRAFT_TEXT,
        DecisionKind.FINAL_TEXT,
    ]
    assert [d.sequence for d in result.decisions] == [1, 2, 3]
    principle, draft, _final = result.decisions
    assert principle.introduced_on == START
    assert draft.introduced_on > START
    assert {m.title for m in result.milestones} >= {"Principebesluiten", "Zienswijzetermijn"}


def test_accession_plans_for_the_newcomer_too():
    result = plan(ProcessKind.ACCESSION, subject=99)
    assert result.newcomers == (99,)
    for planned in result.decisions:
        assert {s.municipality for s in planned.steps} == {11, 12, 13, 99}


def test_withdrawal_plans_for_the_leaving_participant_and_the_general_board():
    result = plan(ProcessKind.WITHDRAWAL, subject=12)
    (decision,) = result.decisions
    assert steps_of(decision, 12) == [
        (BodyKind.COUNCIL, Purpose.CONSENT),
        (BodyKind.EXECUTIVE, Purpose.DECISION),
    ]
    assert steps_of(decision, 11) == []
    assert steps_of(decision, None) == [(BodyKind.GENERAL_BOARD, Purpose.DECISION)]


def test_budget_gives_twelve_weeks_then_the_general_board_adopts():
    result = plan(ProcessKind.BUDGET)
    (budget,) = result.decisions
    assert budget.kind == DecisionKind.BUDGET
    opinion = next(s for s in budget.steps if s.municipality == 11)
    assert (opinion.purpose, opinion.basis) == (Purpose.OPINION, "Wgr art. 35 lid 3")
    # Wgr art. 35 lid 1: twelve weeks, not eight.
    assert opinion.deadline == START + datetime.timedelta(weeks=12) == datetime.date(2027, 5, 25)
    board = next(s for s in budget.steps if s.municipality is None)
    assert board.body_kind == BodyKind.GENERAL_BOARD
    assert board.planned_on >= opinion.deadline


@pytest.mark.parametrize(
    ("kind", "options", "message"),
    [
        (ProcessKind.ACCESSION, {}, "Kies de gemeente"),
        (ProcessKind.ACCESSION, {"subject": 11}, "neemt al deel"),
        (ProcessKind.WITHDRAWAL, {"subject": 99}, "Alleen een deelnemer"),
        (ProcessKind.BUDGET, {"has_general_board": False}, "geen algemeen bestuur"),
        (ProcessKind.AMENDMENT, {"participants": []}, "nog geen deelnemers"),
        (ProcessKind.OTHER, {}, "geen sjabloon"),
    ],
)
def test_what_a_template_cannot_plan_is_said(kind, options, message):
    with pytest.raises(PlanError, match=message):
        plan(kind, **options)


def test_a_regeling_of_unknown_kind_cannot_be_planned():
    with pytest.raises(PlanError, match="soort regeling is niet vastgesteld"):
        plan(ProcessKind.AMENDMENT, RegelingKind.UNKNOWN)


def test_the_budget_template_does_not_depend_on_the_regeling_kind():
    assert plan(ProcessKind.BUDGET, RegelingKind.UNKNOWN).decisions


def test_every_template_has_a_title():
    for kind in BLUEPRINTS:
        assert default_title(kind, "GR Sociaal", subject="Hendrik-Ido-Ambacht", year=2028)
    assert default_title(ProcessKind.BUDGET, "GR Sociaal", year=2028) == "Begroting 2028 GR Sociaal"
