"""The steps of a regional decision for each participant, as data, and the words for each step.

Wet gemeenschappelijke regelingen (text as in force from 1 July 2022, kept beside the repository
in shared/standards/law/wgr-2022-art-1-9.md):

* art. 1 lid 2: the colleges send the draft ("het ontwerp") of a regeling to their councils —
  except the draft of a regeling that the councils themselves (also) enter;
* art. 1 lid 3: a council may give its zienswijze "binnen acht weken na ontvangst van het
  ontwerp";
* art. 1 lid 4: the colleges do not enter a regeling "dan na verkregen toestemming van de
  gemeenteraden"; the toestemming "kan slechts worden onthouden wegens strijd met het recht of
  het algemeen belang";
* art. 1 lid 5: changing, joining and leaving count as entering;
* art. 9 lid 1: the regeling itself says how a change takes effect (stored per regeling as its
  amendment rule, counted over all of its participants: decisions.rules.takes_effect);
* art. 35 lid 1 and 3 (budget cycle; this text is not among shared/standards, quoted from the
  Wgr as amended on 1 July 2022): the dagelijks bestuur sends the draft budget to the councils
  "twaalf weken voordat zij aan het algemeen bestuur wordt aangeboden", and the councils may
  give their zienswijze on it — so a council's term on a budget is twelve weeks.

So in a collegeregeling the council's toestemming is not the change: the college's decision is,
and it may be taken only after the toestemming. In a raadsregeling the council decides itself,
without the zienswijze procedure of lid 2–3. Pure: values of the stored vocabularies in, steps
and Dutch words out; nothing here touches the database.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gr_portal.core.choices import BodyKind, DecisionKind, Outcome, Purpose, RegelingKind

#: Wgr art. 1 lid 3: a council's zienswijze "binnen acht weken na ontvangst van het ontwerp".
OPINION_TERM = datetime.timedelta(weeks=8)
#: Wgr art. 35 lid 1: the draft budget reaches the councils twelve weeks before the algemeen
#: bestuur decides on it; their zienswijze (lid 3) fits inside those twelve weeks.
BUDGET_OPINION_TERM = datetime.timedelta(weeks=12)


def opinion_term(decision_kind: str = DecisionKind.DRAFT_TEXT) -> datetime.timedelta:
    """How long a council has for its zienswijze on this kind of decision: twelve weeks on a
    budget (Wgr art. 35 lid 1), eight weeks on the draft of a regeling (art. 1 lid 3)."""
    return BUDGET_OPINION_TERM if decision_kind == DecisionKind.BUDGET else OPINION_TERM


def opinion_basis(decision_kind: str = DecisionKind.DRAFT_TEXT) -> str:
    """The article that sets the zienswijze term of opinion_term."""
    return "Wgr art. 35 lid 1" if decision_kind == DecisionKind.BUDGET else "Wgr art. 1 lid 3"


def opinion_deadline(
    received_on: datetime.date, decision_kind: str = DecisionKind.DRAFT_TEXT
) -> datetime.date:
    """The last day for the council's zienswijze: eight weeks after the day the council received
    the draft (Wgr art. 1 lid 3), twelve on a draft budget (art. 35 lid 1). Received on Tuesday
    7 June 2022, the term on a draft regeling ends on Tuesday 2 August 2022."""
    return received_on + opinion_term(decision_kind)


@dataclass(frozen=True)
class Step:
    """One step a participant takes: which of its bodies, for what, on what legal basis."""

    body_kind: str
    purpose: str
    basis: str


_DRAFT_SENT = Step(BodyKind.EXECUTIVE, Purpose.DECISION, "Wgr art. 1 lid 2")
_OPINION = Step(BodyKind.COUNCIL, Purpose.OPINION, "Wgr art. 1 lid 3")
_CONSENT = Step(BodyKind.COUNCIL, Purpose.CONSENT, "Wgr art. 1 lid 4")
_CHANGE_BY_COLLEGE = Step(BodyKind.EXECUTIVE, Purpose.DECISION, "Wgr art. 1 lid 4 en 5")
_CHANGE_BY_COUNCIL = Step(BodyKind.COUNCIL, Purpose.DECISION, "Wgr art. 1 lid 1 en 5")
# A decision in principle and a letter for the council's information precede the Wgr's steps;
# the Wgr names no article for them (basis left empty rather than guessed).
_PRINCIPLE_BY_COLLEGE = Step(BodyKind.EXECUTIVE, Purpose.DECISION, "")
_PRINCIPLE_BY_COUNCIL = Step(BodyKind.COUNCIL, Purpose.DECISION, "")
_NOTICE = Step(BodyKind.COUNCIL, Purpose.NOTICE, "")
_BUDGET_OPINION = Step(BodyKind.COUNCIL, Purpose.OPINION, "Wgr art. 35 lid 3")

#: Per kind of regeling and kind of decision: each participant's steps, in the order they are
#: taken; the last one completes the participant's part. A kind of regeling not listed here
#: (e.g. one whose kind is not yet verified) falls back to the steps its treatments show.
PROCEDURES: dict[tuple[str, str], tuple[Step, ...]] = {
    (RegelingKind.COLLEGE, DecisionKind.PRINCIPLE): (_NOTICE, _PRINCIPLE_BY_COLLEGE),
    (RegelingKind.COLLEGE, DecisionKind.DRAFT_TEXT): (_DRAFT_SENT, _OPINION),
    (RegelingKind.COLLEGE, DecisionKind.FINAL_TEXT): (_CONSENT, _CHANGE_BY_COLLEGE),
    (RegelingKind.MAYOR, DecisionKind.FINAL_TEXT): (_CONSENT, _CHANGE_BY_COLLEGE),
    (RegelingKind.COUNCIL, DecisionKind.PRINCIPLE): (_PRINCIPLE_BY_COUNCIL,),
    (RegelingKind.COUNCIL, DecisionKind.DRAFT_TEXT): (_CHANGE_BY_COUNCIL,),
    (RegelingKind.COUNCIL, DecisionKind.FINAL_TEXT): (_CHANGE_BY_COUNCIL,),
    # A gemengde regeling: the councils take part themselves, so they decide (no lid 2–3).
    (RegelingKind.MIXED, DecisionKind.FINAL_TEXT): (_CHANGE_BY_COUNCIL,),
    # The budget of an openbaar lichaam: the councils' zienswijze; the algemeen bestuur adopts
    # it (art. 35 lid 1 and 3), a step of the regeling's own body, not of its participants.
    **{(kind, DecisionKind.BUDGET): (_BUDGET_OPINION,) for kind in RegelingKind.values},
}


def steps_for(regeling_kind: str, decision_kind: str) -> tuple[Step, ...] | None:
    """The participant's steps for this decision, or None when the procedure is not known."""
    return PROCEDURES.get((regeling_kind, decision_kind))


def completing_purpose(steps: tuple[Step, ...]) -> tuple[str, str]:
    """(body kind, purpose) of the step that completes a participant's part: the last one."""
    last = steps[-1]
    return last.body_kind, last.purpose


def completing_step(
    regeling_kind: str, decision_kind: str, treated: set[tuple[str, str]]
) -> tuple[str, str] | None:
    """(body kind, purpose) of the step that completes a participant's part of a decision.

    From the procedure when it is known; otherwise from the steps the participant's bodies
    were asked to take (`treated`: body kind and purpose of each): a college's decision after
    a council's toestemming (Wgr art. 1 lid 4), a council's zienswijze on a draft (lid 3), a
    council's decision where the council decides, else the college's decision. None when
    nothing is asked of the participant.
    """
    steps = steps_for(regeling_kind, decision_kind)
    if steps is not None:
        return completing_purpose(steps)
    council_purposes = {purpose for body, purpose in treated if body == BodyKind.COUNCIL}
    college_decides = (BodyKind.EXECUTIVE, Purpose.DECISION) in treated
    if Purpose.CONSENT in council_purposes and college_decides:
        return BodyKind.EXECUTIVE, Purpose.DECISION
    for purpose in (Purpose.OPINION, Purpose.DECISION, Purpose.CONSENT):
        if purpose in council_purposes:
            return BodyKind.COUNCIL, purpose
    if college_decides:
        return BodyKind.EXECUTIVE, Purpose.DECISION
    return None


# --- the words for each step -------------------------------------------------------------


def is_change(regeling_kind: str, decision_kind: str, body_kind: str, purpose: str) -> bool:
    """Whether a college's decision is the change of the regeling itself, taken after the
    council's toestemming (Wgr art. 1 lid 4)."""
    steps = steps_for(regeling_kind, decision_kind)
    if steps is None or (body_kind, purpose) != (BodyKind.EXECUTIVE, Purpose.DECISION):
        return False
    return completing_purpose(steps) == (body_kind, purpose) and _CONSENT in steps


def step_words(
    *,
    regeling_kind: str,
    decision_kind: str,
    body_kind: str,
    purpose: str,
    outcome: str,
    withheld_ground: str = "",
) -> str:
    """A treatment's outcome in the words of its step (see outcome_words)."""
    return outcome_words(
        body_kind=body_kind,
        purpose=purpose,
        outcome=outcome,
        withheld_ground=withheld_ground,
        change=is_change(regeling_kind, decision_kind, body_kind, purpose),
    )


def outcome_words(
    *, body_kind: str, purpose: str, outcome: str, withheld_ground: str = "", change: bool = False
) -> str:
    """What a step's recorded outcome means, in the words of its step: a zienswijze is
    "ingediend", never "aangenomen"; toestemming is "verleend" or "onthouden (strijd met het
    recht)"; a college's change is "besluit tot wijziging genomen". `change` says the college's
    decision is the change of the regeling (after the council's toestemming)."""
    if not outcome:
        return ""
    if outcome not in (Outcome.ADOPTED, Outcome.REJECTED):
        return str(Outcome(outcome).label)
    adopted = outcome == Outcome.ADOPTED
    if purpose == Purpose.OPINION:
        return gettext("zienswijze ingediend") if adopted else gettext("geen zienswijze")
    if purpose == Purpose.CONSENT:
        if adopted:
            return gettext("toestemming verleend")
        ground = str(WITHHELD_GROUNDS.get(withheld_ground, ""))
        if ground:
            return gettext("toestemming onthouden (%(ground)s)") % {"ground": ground}
        return gettext("toestemming onthouden")
    if purpose == Purpose.NOTICE:
        return gettext("kennisgenomen") if adopted else str(Outcome(outcome).label)
    if body_kind == BodyKind.EXECUTIVE and change:
        return gettext("besluit tot wijziging genomen") if adopted else gettext("niet gewijzigd")
    return str(Outcome(outcome).label)


#: The grounds of Wgr art. 1 lid 4, as the words say them (the stored values are on
#: decisions.models.WithheldGround).
WITHHELD_GROUNDS = {
    "law": _("strijd met het recht"),
    "public_interest": _("strijd met het algemeen belang"),
}


def withheld_ground_error(purpose: str, outcome: str, ground: str) -> str | None:
    """A toestemming may be withheld only for strijd met het recht or het algemeen belang
    (Wgr art. 1 lid 4): a refusal names its ground, and only a refused toestemming has one."""
    refused = purpose == Purpose.CONSENT and outcome == Outcome.REJECTED
    if refused and not ground:
        return gettext(
            "Toestemming kan alleen worden onthouden wegens strijd met het recht of het algemeen "
            "belang (Wgr art. 1 lid 4): kies de grond."
        )
    if ground and not refused:
        return gettext("Alleen een onthouden toestemming heeft een grond (Wgr art. 1 lid 4).")
    return None


def change_before_consent(
    *,
    regeling_kind: str,
    decision_kind: str,
    body_kind: str,
    purpose: str,
    outcome: str,
    consent_outcome: str | None,
) -> str | None:
    """A college decides to change the regeling only "na verkregen toestemming van de
    gemeenteraden" (Wgr art. 1 lid 4; changing counts as entering, lid 5): its decision to
    change cannot be recorded before its council's toestemming is recorded as granted.

    `consent_outcome` is the outcome of the council's latest toestemming treatment ("" when it
    is not recorded yet, None when the council was not asked). The message, or None. Only the
    decision to change is held back: a college may always decide not to change.
    """
    change = is_change(regeling_kind, decision_kind, body_kind, purpose)
    if outcome != Outcome.ADOPTED or not change:
        return None
    if consent_outcome == Outcome.ADOPTED:
        return None
    if consent_outcome == Outcome.REJECTED:
        return gettext(
            "De raad heeft de toestemming onthouden: het college kan niet besluiten tot de "
            "wijziging (Wgr art. 1 lid 4)."
        )
    return gettext(
        "Het college besluit pas tot de wijziging na verkregen toestemming van de raad (Wgr "
        "art. 1 lid 4 en 5), en die is nog niet vastgelegd als verleend. Leg eerst het besluit "
        "van de raad over de toestemming vast."
    )
