"""Specification of a decision's status across the participants of its regeling
(decisions.status, with the steps of decisions.procedure): whose part is done, who still
blocks, whether the step is taken under the regeling's rule, and the one sentence (the verdict)
every page, feed and letter shows.

Pure Python on unsaved model instances: nothing here touches the database.
"""

from collections.abc import Iterator

import pytest
from django.utils import translation

from councils.models import Body, Municipality, Regeling
from decisions.models import Decision, RecordCheck, Treatment
from decisions.status import (
    DONE,
    REFUSED,
    WAITING,
    DecisionStatus,
    current_step,
    decision_statuses,
    latest_rounds,
)
from gr_portal.core.choices import AmendmentRule, DecisionKind, Outcome, RegelingKind
from tests.recording import DRECHTSTEDEN

Purpose = Treatment.Purpose
COUNCIL, EXECUTIVE = Body.Kind.COUNCIL, Body.Kind.EXECUTIVE


@pytest.fixture(autouse=True, scope="module")
def dutch() -> Iterator[None]:
    with translation.override("nl"):
        yield


def municipalities(names=DRECHTSTEDEN):
    return [Municipality(pk=index, name=name) for index, name in enumerate(names, start=1)]


def decision(kind, *, regeling_kind=RegelingKind.COLLEGE, rule=AmendmentRule.ALL_PARTICIPANTS):
    regeling = Regeling(pk=1, short_name="GR Sociaal", kind=regeling_kind, amendment_rule=rule)
    return Decision(pk=1, kind=kind, regeling=regeling)


def treatment(decision_, municipality, kind, purpose, outcome="", round=1, ground=""):
    body = Body(pk=municipality.pk * 10 + (kind == COUNCIL), kind=kind)
    body.municipality = municipality
    made = Treatment(
        decision=decision_,
        body=body,
        outcome=outcome,
        purpose=purpose,
        round=round,
        withheld_ground=ground,
    )
    made.decision_id, made.body_id = decision_.pk, body.pk
    return made


def status(kind, steps, *, participants=DRECHTSTEDEN, recorded=None, **decision_options):
    """The status of a decision of `kind` whose participants each have the bodies and
    purposes of `steps` ((body kind, purpose), ...); `recorded` maps a municipality's name to
    the outcomes of its steps, in that order ("" = nothing recorded). Municipalities among
    the participants that have no treatments at all count too."""
    decision_ = decision(kind, **decision_options)
    people = municipalities(participants)
    treatments = []
    for municipality in people:
        if recorded is not None and municipality.name not in recorded:
            continue  # a participant with nothing planned or recorded
        outcomes = (recorded or {}).get(municipality.name, ("",) * len(steps))
        for (body_kind, purpose), outcome in zip(steps, outcomes, strict=True):
            ground = "law" if purpose == Purpose.CONSENT and outcome == Outcome.REJECTED else ""
            treatments.append(
                treatment(decision_, municipality, body_kind, purpose, outcome, 1, ground)
            )
    [result] = decision_statuses([decision_], treatments, (), {1: people})
    return result


PRINCIPLE = ((COUNCIL, Purpose.NOTICE), (EXECUTIVE, Purpose.DECISION))
DRAFT = ((EXECUTIVE, Purpose.DECISION), (COUNCIL, Purpose.OPINION))
FINAL = ((COUNCIL, Purpose.CONSENT), (EXECUTIVE, Purpose.DECISION))
ADOPTED, REJECTED, POSTPONED = Outcome.ADOPTED, Outcome.REJECTED, Outcome.POSTPONED


# --- the verdict: each step in its own words ---------------------------------------------------


def test_a_principebesluit_is_the_colleges_to_take():
    principle = status(DecisionKind.PRINCIPLE, PRINCIPLE)
    assert principle.verdict == "0 van 7 colleges hebben besloten; wacht op alle 7 gemeenten."


def test_a_zienswijze_is_ingediend_never_consent():
    """Wgr art. 1 lid 3: a council may give a zienswijze; it is not a consent."""
    recorded = dict.fromkeys(DRECHTSTEDEN, ("", ""))
    recorded["Dordrecht"] = (ADOPTED, ADOPTED)
    draft = status(DecisionKind.DRAFT_TEXT, DRAFT, recorded=recorded)
    assert draft.verdict == (
        "1 van 7 raden heeft een zienswijze ingediend; wacht op Alblasserdam, "
        "Hardinxveld-Giessendam, Hendrik-Ido-Ambacht, Papendrecht, Sliedrecht, Zwijndrecht."
    )
    assert "ingestemd" not in draft.verdict
    assert "Een zienswijze is geen instemming" in draft.force_line


def test_a_council_that_gives_no_zienswijze_has_taken_its_step():
    recorded = dict.fromkeys(DRECHTSTEDEN, (ADOPTED, ADOPTED))
    recorded["Zwijndrecht"] = (ADOPTED, REJECTED)
    draft = status(DecisionKind.DRAFT_TEXT, DRAFT, recorded=recorded)
    assert draft.verdict == (
        "6 van 7 raden hebben een zienswijze ingediend, 1 heeft besloten geen zienswijze in te "
        "dienen."
    )
    assert draft.in_force  # every council has had its say
    assert draft.rejected_by == []


def test_in_a_collegeregeling_the_college_changes_the_regeling_after_the_toestemming():
    """Wgr art. 1 lid 4: the council's toestemming is not the change; the college's decision
    is, and it comes after the toestemming."""
    recorded = dict.fromkeys(DRECHTSTEDEN, (ADOPTED, ""))  # every council consented
    recorded["Dordrecht"] = (ADOPTED, ADOPTED)  # one college changed the regeling
    final = status(DecisionKind.FINAL_TEXT, FINAL, recorded=recorded)
    assert [m.name for m in final.adopted_by] == ["Dordrecht"]
    assert not final.in_force
    assert final.verdict == (
        "1 van 7 colleges heeft besloten tot wijziging; toestemming van 7 van 7 raden; wacht op "
        "Alblasserdam, Hardinxveld-Giessendam, Hendrik-Ido-Ambacht, Papendrecht, Sliedrecht, "
        "Zwijndrecht."
    )


def test_a_withheld_toestemming_blocks_the_colleges_change():
    recorded = dict.fromkeys(DRECHTSTEDEN, (ADOPTED, ADOPTED))
    recorded["Sliedrecht"] = (REJECTED, "")
    final = status(DecisionKind.FINAL_TEXT, FINAL, recorded=recorded)
    [sliedrecht] = [row for row in final.rows if row.municipality.name == "Sliedrecht"]
    assert sliedrecht.state == REFUSED
    assert final.verdict == (
        "6 van 7 colleges hebben besloten tot wijziging; toestemming van 6 van 7 raden; "
        "toestemming onthouden door Sliedrecht."
    )
    assert not final.in_force


def test_in_a_raadsregeling_the_council_decides_itself():
    """Wgr art. 1 lid 2: no zienswijze procedure where the councils enter the regeling."""
    steps = ((COUNCIL, Purpose.DECISION),)
    recorded = {"Dordrecht": (ADOPTED,)}
    final = status(
        DecisionKind.FINAL_TEXT,
        steps,
        recorded=recorded,
        participants=["Dordrecht", "Zwijndrecht"],
        regeling_kind=RegelingKind.COUNCIL,
    )
    assert final.verdict == "1 van 2 raden heeft besloten; wacht op Zwijndrecht."


def test_a_postponed_step_is_still_awaited():
    recorded = {"Dordrecht": (ADOPTED, POSTPONED)}
    draft = status(DecisionKind.DRAFT_TEXT, DRAFT, recorded=recorded, participants=["Dordrecht"])
    assert [row.state for row in draft.rows] == [WAITING]
    assert draft.verdict == "0 van 1 raden hebben een zienswijze ingediend; wacht op Dordrecht."


def test_the_verdict_follows_the_active_language():
    principle = status(DecisionKind.PRINCIPLE, PRINCIPLE)
    with translation.override("en"):
        assert principle.verdict == (
            "0 of 7 municipal executives have decided; waiting for all 7 municipalities."
        )


# --- every participant counts, recorded or not (Wgr art. 9) ---------------------------------


def test_a_participant_with_nothing_recorded_still_counts():
    recorded = dict.fromkeys(DRECHTSTEDEN[:6], (ADOPTED, ADOPTED))  # Zwijndrecht: nothing
    final = status(DecisionKind.FINAL_TEXT, FINAL, recorded=recorded)
    assert len(final.rows) == 7
    assert [m.name for m in final.waiting_for] == ["Zwijndrecht"]
    assert not final.in_force


@pytest.mark.parametrize(
    ("rule", "adopted", "in_force"),
    [
        (AmendmentRule.ALL_PARTICIPANTS, 6, False),
        (AmendmentRule.ALL_PARTICIPANTS, 7, True),
        (AmendmentRule.TWO_THIRDS, 4, False),
        (AmendmentRule.TWO_THIRDS, 5, True),
        (AmendmentRule.MAJORITY, 3, False),
        (AmendmentRule.MAJORITY, 4, True),
    ],
)
def test_in_force_follows_the_regelings_own_rule_over_all_participants(rule, adopted, in_force):
    recorded = dict.fromkeys(DRECHTSTEDEN[:adopted], (ADOPTED, ADOPTED))
    final = status(DecisionKind.FINAL_TEXT, FINAL, recorded=recorded, rule=rule)
    assert final.in_force is in_force


COUNCIL_DECIDES = ((COUNCIL, Purpose.DECISION),)
KINDS_AND_STEPS = [
    (RegelingKind.COLLEGE, FINAL),
    (RegelingKind.MAYOR, FINAL),
    (RegelingKind.COUNCIL, COUNCIL_DECIDES),
    (RegelingKind.MIXED, COUNCIL_DECIDES),
    (RegelingKind.UNKNOWN, FINAL),
]


def test_every_kind_of_regeling_is_covered():
    assert {kind for kind, _steps in KINDS_AND_STEPS} == set(RegelingKind)


@pytest.mark.parametrize(("regeling_kind", "steps"), KINDS_AND_STEPS)
def test_every_kind_of_regeling_has_a_completing_step(regeling_kind, steps):
    """Known procedures come from decisions.procedure (a raadsregeling's council decides
    itself, Wgr art. 1 lid 2); an unknown kind falls back to the steps its treatments show (a
    college's decision after a toestemming)."""
    recorded = dict.fromkeys(DRECHTSTEDEN, (ADOPTED,) * len(steps))
    final = status(DecisionKind.FINAL_TEXT, steps, recorded=recorded, regeling_kind=regeling_kind)
    assert all(row.completes is not None for row in final.rows)
    assert all(row.state == DONE for row in final.rows)
    assert final.in_force


def test_a_decision_without_participants_is_not_in_force():
    assert not DecisionStatus(decision(DecisionKind.FINAL_TEXT)).in_force


# --- the current step --------------------------------------------------------------------------


def test_the_current_step_is_the_first_not_yet_taken():
    done = status(
        DecisionKind.PRINCIPLE,
        PRINCIPLE,
        recorded=dict.fromkeys(DRECHTSTEDEN, ("", ADOPTED)),
    )
    open_ = status(DecisionKind.DRAFT_TEXT, DRAFT)
    later = status(DecisionKind.FINAL_TEXT, FINAL)
    assert done.in_force
    assert current_step([done, open_, later]) is open_


def test_when_every_step_is_taken_the_current_step_is_the_last():
    steps = [
        status(
            DecisionKind.FINAL_TEXT, FINAL, recorded=dict.fromkeys(DRECHTSTEDEN, (ADOPTED, ADOPTED))
        )
        for _ in range(3)
    ]
    assert current_step(steps) is steps[-1]


def test_no_steps_no_current_step():
    assert current_step([]) is None


# --- from treatments to statuses ---------------------------------------------------------------


def test_only_the_latest_round_of_a_body_counts():
    concept = decision(DecisionKind.DRAFT_TEXT)
    [dordrecht] = municipalities(["Dordrecht"])
    first = treatment(concept, dordrecht, COUNCIL, Purpose.OPINION, POSTPONED, round=1)
    second = treatment(concept, dordrecht, COUNCIL, Purpose.OPINION, ADOPTED, round=2)
    assert list(latest_rounds([second, first]).values()) == [second]
    assert list(latest_rounds([first, second]).values()) == [second]


def test_statuses_have_a_row_per_participant_in_alphabetical_order_with_its_check():
    concept = decision(DecisionKind.DRAFT_TEXT)
    zwijndrecht, alblasserdam = municipalities(["Zwijndrecht", "Alblasserdam"])
    treatments = [
        treatment(concept, zwijndrecht, COUNCIL, Purpose.OPINION, ADOPTED),
        treatment(concept, zwijndrecht, EXECUTIVE, Purpose.DECISION, ADOPTED),
    ]
    board = Treatment(decision=concept, body=Body(pk=99, kind=Body.Kind.GENERAL_BOARD))
    board.decision_id, board.body_id = concept.pk, 99
    check = RecordCheck(decision_id=concept.pk, municipality_id=zwijndrecht.pk)
    [result] = decision_statuses(
        [concept], [*treatments, board], [check], {1: [zwijndrecht, alblasserdam]}
    )
    assert [row.municipality.name for row in result.rows] == ["Alblasserdam", "Zwijndrecht"]
    alblasserdam_row, zwijndrecht_row = result.rows
    assert (zwijndrecht_row.council, zwijndrecht_row.executive) == (treatments[0], treatments[1])
    assert (alblasserdam_row.council, alblasserdam_row.executive) == (None, None)
    assert zwijndrecht_row.check is check
    assert alblasserdam_row.check is None
    assert alblasserdam_row.state == WAITING


def test_a_decision_without_participants_or_treatments_has_an_empty_status():
    [result] = decision_statuses([decision(DecisionKind.DRAFT_TEXT)], [])
    assert result.rows == []
    assert result.waiting_for == []
