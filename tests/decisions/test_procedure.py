"""The Wgr's steps as data (decisions.procedure), article by article: Wgr art. 1 lid 2–5 and
art. 9, as in force from 1 July 2022 (shared/standards/law/)."""

import datetime

import pytest

from decisions import procedure
from gr_portal.core.choices import BodyKind, DecisionKind, Outcome, Purpose, RegelingKind

COUNCIL, COLLEGE = BodyKind.COUNCIL, BodyKind.EXECUTIVE


# --- Wgr art. 1 lid 3: "binnen acht weken na ontvangst van het ontwerp" -------------------------


@pytest.mark.parametrize(
    ("received", "deadline"),
    [
        (datetime.date(2022, 6, 7), datetime.date(2022, 8, 2)),  # a Tuesday: a Tuesday
        (datetime.date(2022, 6, 2), datetime.date(2022, 7, 28)),
        (datetime.date(2022, 12, 20), datetime.date(2023, 2, 14)),  # across the year's end
        (datetime.date(2024, 1, 10), datetime.date(2024, 3, 6)),  # across a leap day
    ],
)
def test_art_1_lid_3_the_zienswijze_term_is_eight_weeks_after_receipt(received, deadline):
    assert procedure.opinion_deadline(received) == deadline
    assert (deadline - received).days == 56


# --- the steps per kind of regeling (Wgr art. 1 lid 2–5) ----------------------------------------


def test_art_1_lid_2_and_3_a_collegeregelings_draft_goes_to_the_councils_for_a_zienswijze():
    steps = procedure.steps_for(RegelingKind.COLLEGE, DecisionKind.DRAFT_TEXT)
    assert [(s.body_kind, s.purpose, s.basis) for s in steps] == [
        (COLLEGE, Purpose.DECISION, "Wgr art. 1 lid 2"),
        (COUNCIL, Purpose.OPINION, "Wgr art. 1 lid 3"),
    ]
    # The zienswijze completes the participant's part of the draft.
    assert procedure.completing_purpose(steps) == (COUNCIL, Purpose.OPINION)


def test_art_1_lid_4_and_5_in_a_collegeregeling_the_college_changes_after_the_toestemming():
    """The council's toestemming is not the change: the college's decision after it is."""
    steps = procedure.steps_for(RegelingKind.COLLEGE, DecisionKind.FINAL_TEXT)
    assert [(s.body_kind, s.purpose) for s in steps] == [
        (COUNCIL, Purpose.CONSENT),
        (COLLEGE, Purpose.DECISION),
    ]
    assert procedure.completing_purpose(steps) == (COLLEGE, Purpose.DECISION)
    kinds = (RegelingKind.COLLEGE, DecisionKind.FINAL_TEXT)
    assert procedure.is_change(*kinds, COLLEGE, Purpose.DECISION)
    assert not procedure.is_change(*kinds, COUNCIL, Purpose.CONSENT)


@pytest.mark.parametrize("kind", [RegelingKind.COUNCIL, RegelingKind.MIXED])
def test_art_1_lid_1_where_the_councils_take_part_themselves_the_council_decides(kind):
    steps = procedure.steps_for(kind, DecisionKind.FINAL_TEXT)
    assert procedure.completing_purpose(steps) == (COUNCIL, Purpose.DECISION)
    assert all(step.purpose != Purpose.OPINION for step in steps)  # no lid 2–3
    assert not procedure.is_change(kind, DecisionKind.FINAL_TEXT, COLLEGE, Purpose.DECISION)


def test_an_unknown_procedure_follows_the_steps_the_bodies_were_asked_to_take():
    treated = {(COUNCIL, Purpose.CONSENT), (COLLEGE, Purpose.DECISION)}
    assert procedure.completing_step("unknown", DecisionKind.FINAL_TEXT, treated) == (
        COLLEGE,
        Purpose.DECISION,
    )
    assert procedure.completing_step("unknown", "x", {(COUNCIL, Purpose.OPINION)}) == (
        COUNCIL,
        Purpose.OPINION,
    )
    assert procedure.completing_step("unknown", "x", set()) is None


# --- the words of each step -----------------------------------------------------------------


def _words(purpose, outcome, *, body=COUNCIL, ground="", kind=DecisionKind.FINAL_TEXT):
    return procedure.step_words(
        regeling_kind=RegelingKind.COLLEGE,
        decision_kind=kind,
        body_kind=body,
        purpose=purpose,
        outcome=outcome,
        withheld_ground=ground,
    )


def test_a_zienswijze_is_ingediend_never_aangenomen():
    words = _words(Purpose.OPINION, Outcome.ADOPTED, kind=DecisionKind.DRAFT_TEXT)
    assert words == "zienswijze ingediend"
    assert _words(Purpose.OPINION, Outcome.REJECTED) == "geen zienswijze"


def test_art_1_lid_4_toestemming_is_verleend_or_onthouden_with_its_ground():
    assert _words(Purpose.CONSENT, Outcome.ADOPTED) == "toestemming verleend"
    assert _words(Purpose.CONSENT, Outcome.REJECTED, ground="law") == (
        "toestemming onthouden (strijd met het recht)"
    )
    assert _words(Purpose.CONSENT, Outcome.REJECTED, ground="public_interest") == (
        "toestemming onthouden (strijd met het algemeen belang)"
    )


def test_a_colleges_change_is_besluit_tot_wijziging_genomen():
    assert _words(Purpose.DECISION, Outcome.ADOPTED, body=COLLEGE) == (
        "besluit tot wijziging genomen"
    )
    assert _words(Purpose.DECISION, Outcome.REJECTED, body=COLLEGE) == "niet gewijzigd"
    # Not decided yet: no words at all, never "ingestemd".
    assert _words(Purpose.DECISION, "", body=COLLEGE) == ""
    assert _words(Purpose.DECISION, Outcome.POSTPONED, body=COLLEGE) == "aangehouden"


# --- Wgr art. 1 lid 4: the grounds of a refusal, and no change before the toestemming -----------


def test_art_1_lid_4_a_toestemming_is_withheld_only_on_a_ground():
    assert "kies de grond" in procedure.withheld_ground_error(Purpose.CONSENT, Outcome.REJECTED, "")
    assert procedure.withheld_ground_error(Purpose.CONSENT, Outcome.REJECTED, "law") is None
    assert "Alleen een onthouden toestemming" in procedure.withheld_ground_error(
        Purpose.CONSENT, Outcome.ADOPTED, "law"
    )
    assert procedure.withheld_ground_error(Purpose.CONSENT, Outcome.ADOPTED, "") is None


@pytest.mark.parametrize(
    ("consent", "refused"),
    [
        ("", "nog niet vastgelegd als verleend"),
        (Outcome.POSTPONED, "nog niet vastgelegd als verleend"),
        (Outcome.REJECTED, "De raad heeft de toestemming onthouden"),
        (Outcome.ADOPTED, None),
    ],
)
def test_art_1_lid_4_the_college_changes_only_after_the_councils_toestemming(consent, refused):
    message = procedure.change_before_consent(
        regeling_kind=RegelingKind.COLLEGE,
        decision_kind=DecisionKind.FINAL_TEXT,
        body_kind=COLLEGE,
        purpose=Purpose.DECISION,
        outcome=Outcome.ADOPTED,
        consent_outcome=consent,
    )
    if refused is None:
        assert message is None
    else:
        assert refused in message
        assert "Wgr art. 1 lid 4" in message


def test_a_college_may_always_decide_not_to_change():
    assert (
        procedure.change_before_consent(
            regeling_kind=RegelingKind.COLLEGE,
            decision_kind=DecisionKind.FINAL_TEXT,
            body_kind=COLLEGE,
            purpose=Purpose.DECISION,
            outcome=Outcome.REJECTED,
            consent_outcome="",
        )
        is None
    )


def test_a_budget_gives_the_councils_twelve_weeks_a_draft_regeling_eight():
    sent = datetime.date(2027, 3, 2)
    assert procedure.opinion_deadline(sent, DecisionKind.BUDGET) == datetime.date(2027, 5, 25)
    assert procedure.opinion_deadline(sent, DecisionKind.DRAFT_TEXT) == datetime.date(2027, 4, 27)
    assert procedure.opinion_basis(DecisionKind.BUDGET) == "Wgr art. 35 lid 1"
    assert procedure.opinion_basis(DecisionKind.DRAFT_TEXT) == "Wgr art. 1 lid 3"
    for kind in RegelingKind.values:
        (step,) = procedure.steps_for(kind, DecisionKind.BUDGET)
        assert (step.body_kind, step.purpose) == (BodyKind.COUNCIL, Purpose.OPINION)
