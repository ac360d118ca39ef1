"""Writes of what clerks record: each one atomic, validated, with history (who, why).

Forms validate what was typed and derive the outcome with decisions.rules; the functions here
change state. Every function that edits an existing record takes the revision the user loaded
and refuses the save (StaleRecord) when someone else saved in between: optimistic locking, with
a row lock so that two concurrent saves cannot both pass the check.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from councils.models import Fractie, Meeting
from decisions.models import (
    Amendment,
    Decision,
    DecisionVersion,
    FractieVote,
    Motion,
    Opinion,
    RecordCheck,
    Treatment,
    Vote,
)
from decisions.rules import VoteResult
from gr_portal.core.choices import Outcome, VoteMethod
from gr_portal.core.history import stored_text, with_history


class StaleRecord(Exception):
    """The record changed since the user loaded it; `current` is the record as stored now."""

    def __init__(self, current, loaded_revision: int):
        super().__init__(f"{current!r} is at revision {current.revision}, not {loaded_revision}")
        self.current = current
        self.loaded_revision = loaded_revision


@dataclass(frozen=True)
class FractieVoteInput:
    fractie: Fractie
    votes_for: int = 0
    votes_against: int = 0
    not_taking_part: int = 0


@dataclass(frozen=True)
class VoteInput:
    """A vote as typed and checked: method, presence, per-fractie counts and derived result."""

    method: VoteMethod
    members_present: int
    result: VoteResult
    fracties: tuple[FractieVoteInput, ...] = ()


@dataclass(frozen=True)
class NewMeeting:
    starts_at: datetime.datetime
    location: str = ""


def _reason(reason: str, *, correction: bool) -> str:
    """The reason as stored: what the clerk typed. A correction is marked as such in the
    history (with_history), so its reason needs no prefix; a first recording without a
    reason gets the system's, in the site's language."""
    reason = reason.strip()
    if reason or correction:
        return reason
    return stored_text(gettext_lazy("Vastgelegd door de griffie"))


def _save(obj, *, user, reason: str, correction: bool = False) -> None:
    """Validate (fields and clean(); the database holds the constraints) and save, attributed."""
    obj.full_clean(exclude=_loaded_relations(obj), validate_constraints=False)
    with_history(obj, user=user, reason=reason, correction=correction).save()


def _delete(obj, *, user, reason: str, correction: bool = False) -> None:
    with_history(obj, user=user, reason=reason, correction=correction).delete()


def _loaded_relations(obj) -> list[str]:
    """Foreign keys whose object this code loaded itself: no query to check they exist."""
    return [
        field.name
        for field in obj._meta.concrete_fields
        if field.is_relation and field.is_cached(obj)
    ]


def _lock(model, obj, revision: int):
    """Lock the row and check the revision the user loaded; returns the locked, fresh row."""
    locked = model.objects.select_for_update(of=("self",)).get(pk=obj.pk)
    if locked.revision != revision:
        raise StaleRecord(locked, revision)
    return locked


def record_check_withdraw(
    decision_id: int, municipality_id: int | None, *, user, reason: str
) -> None:
    """A change to a municipality's records withdraws its griffie's 'checked' statement."""
    if municipality_id is None:
        return
    for check in RecordCheck.objects.filter(
        decision_id=decision_id, municipality_id=municipality_id
    ):
        note = stored_text(
            lambda: _("Controle vervallen door wijziging: %(reason)s") % {"reason": reason}
        )
        _delete(check, user=user, reason=note)


def _save_vote(
    *, vote: Vote | None, subject: dict, data: VoteInput, user, reason: str, correction: bool
) -> Vote:
    """Create or update a vote and its per-fractie rows in place, so history shows each change."""
    if vote is None:
        vote = Vote(**subject)
    vote.method = data.method
    vote.members_present = data.members_present
    vote.votes_for = data.result.votes_for
    vote.votes_against = data.result.votes_against
    _save(vote, user=user, reason=reason, correction=correction)
    existing = {fv.fractie_id: fv for fv in vote.fractie_votes.all()} if vote.pk else {}
    wanted = set()
    for row in data.fracties:
        wanted.add(row.fractie.pk)
        fractie_vote = existing.get(row.fractie.pk) or FractieVote(vote=vote, fractie=row.fractie)
        values = {
            "seats": row.fractie.seats,
            "votes_for": row.votes_for,
            "votes_against": row.votes_against,
            "not_taking_part": row.not_taking_part,
        }
        if fractie_vote.pk and all(getattr(fractie_vote, k) == v for k, v in values.items()):
            continue
        for name, value in values.items():
            setattr(fractie_vote, name, value)
        _save(fractie_vote, user=user, reason=reason, correction=correction)
    for fractie_id, fractie_vote in existing.items():
        if fractie_id not in wanted:
            _delete(fractie_vote, user=user, reason=reason, correction=correction)
    return vote


def _delete_vote(vote: Vote | None, *, user, reason: str, correction: bool) -> None:
    if vote is None:
        return
    for fractie_vote in vote.fractie_votes.all():
        _delete(fractie_vote, user=user, reason=reason, correction=correction)
    _delete(vote, user=user, reason=reason, correction=correction)


def meeting_create(*, body, new_meeting: NewMeeting, user) -> Meeting:
    """A meeting of `body`, created while a clerk records what happened in it."""
    created = Meeting(body=body, starts_at=new_meeting.starts_at, location=new_meeting.location)
    reason = stored_text(gettext_lazy("Aangemaakt bij het vastleggen van een behandeling"))
    _save(created, user=user, reason=reason)
    return created


@transaction.atomic
def treatment_record(
    *,
    treatment: Treatment,
    revision: int,
    user,
    outcome: Outcome,
    meeting: Meeting | None = None,
    new_meeting: NewMeeting | None = None,
    version: DecisionVersion | None = None,
    vote: VoteInput | None = None,
    notes: str = "",
    reason: str = "",
) -> Treatment:
    """Record (or correct) how a body treated a decision.

    A correction (the treatment already had an outcome) is marked as one in the history of the
    treatment and of its vote. A tie in a meeting that was not full postpones the decision
    (Gemeentewet art. 32 lid 4): the next round is planned right away.
    """
    locked = _lock(Treatment, treatment, revision)
    correction = locked.outcome != ""
    reason = _reason(reason, correction=correction)
    if meeting is not None:
        locked.meeting = meeting
    elif new_meeting is not None:
        locked.meeting = meeting_create(body=locked.body, new_meeting=new_meeting, user=user)
    locked.version = version
    locked.outcome = outcome
    locked.notes = notes
    _save(locked, user=user, reason=reason, correction=correction)
    current_vote = Vote.objects.filter(treatment=locked).first()
    if vote is None:
        _delete_vote(current_vote, user=user, reason=reason, correction=correction)
    else:
        _save_vote(
            vote=current_vote,
            subject={"treatment": locked},
            data=vote,
            user=user,
            reason=reason,
            correction=correction,
        )
    if outcome == Outcome.POSTPONED and vote is not None and vote.result.is_tie:
        _next_round_plan(locked, user=user)
    record_check_withdraw(locked.decision_id, locked.body.municipality_id, user=user, reason=reason)
    return locked


def _next_round_plan(treatment: Treatment, *, user) -> Treatment:
    """The treatment of the next round after a tie (Gemeentewet art. 32 lid 4), planned."""
    following = Treatment.objects.filter(
        decision_id=treatment.decision_id, body_id=treatment.body_id, round=treatment.round + 1
    ).first()
    if following is not None:
        return following
    following = Treatment(
        decision=treatment.decision,
        body=treatment.body,
        round=treatment.round + 1,
        purpose=treatment.purpose,
        planned_precision=treatment.planned_precision,
    )
    reason = stored_text(gettext_lazy("Nieuwe ronde na staking der stemmen"))
    _save(following, user=user, reason=reason)
    return following


def _save_motion_like(model, obj, revision, *, user, fields: dict, sponsors, vote, reason):
    if obj.pk is None:
        correction = False
        locked = obj
    else:
        locked = _lock(model, obj, revision)
        correction = locked.outcome != ""
    reason = _reason(reason, correction=correction)
    for name, value in fields.items():
        setattr(locked, name, value)
    _save(locked, user=user, reason=reason, correction=correction)
    if set(locked.sponsors.values_list("pk", flat=True)) != {f.pk for f in sponsors}:
        with_history(locked, user=user, reason=reason, correction=correction)
        locked.sponsors.set(sponsors)
    field = model._meta.model_name
    current_vote = Vote.objects.filter(**{field: locked}).first()
    if vote is None:
        _delete_vote(current_vote, user=user, reason=reason, correction=correction)
    else:
        _save_vote(
            vote=current_vote,
            subject={field: locked},
            data=vote,
            user=user,
            reason=reason,
            correction=correction,
        )
    treatment = locked.treatment
    record_check_withdraw(
        treatment.decision_id, treatment.body.municipality_id, user=user, reason=reason
    )
    return locked


@transaction.atomic
def amendment_save(
    *,
    amendment: Amendment,
    revision: int,
    user,
    code: str,
    title: str,
    text: str,
    sponsors,
    outcome: Outcome | str,
    changed_text: bool,
    vote: VoteInput | None,
    reason: str = "",
) -> Amendment:
    fields = {
        "code": code,
        "title": title,
        "text": text,
        "outcome": outcome,
        "changed_text": changed_text,
    }
    return _save_motion_like(
        Amendment,
        amendment,
        revision,
        user=user,
        fields=fields,
        sponsors=sponsors,
        vote=vote,
        reason=reason,
    )


@transaction.atomic
def motion_save(
    *,
    motion: Motion,
    revision: int,
    user,
    code: str,
    title: str,
    text: str,
    sponsors,
    outcome: Outcome | str,
    vote: VoteInput | None,
    reason: str = "",
) -> Motion:
    fields = {"code": code, "title": title, "text": text, "outcome": outcome}
    return _save_motion_like(
        Motion,
        motion,
        revision,
        user=user,
        fields=fields,
        sponsors=sponsors,
        vote=vote,
        reason=reason,
    )


@transaction.atomic
def opinion_save(
    *,
    opinion: Opinion,
    revision: int,
    user,
    text: str,
    submitted_on: datetime.date | None,
    reason: str = "",
) -> Opinion:
    if opinion.pk is None:
        locked = opinion
        reason = reason.strip() or stored_text(
            gettext_lazy("Zienswijze vastgelegd door de griffie")
        )
    else:
        locked = _lock(Opinion, opinion, revision)
        reason = reason.strip() or stored_text(gettext_lazy("Zienswijze gewijzigd door de griffie"))
    locked.text = text
    locked.submitted_on = submitted_on
    _save(locked, user=user, reason=reason)
    record_check_withdraw(locked.decision_id, locked.municipality_id, user=user, reason=reason)
    return locked


@transaction.atomic
def record_check_mark(*, decision: Decision, municipality, user) -> RecordCheck:
    """The griffie states that its records on this decision are complete and checked."""
    check = (
        RecordCheck.objects.select_for_update()
        .filter(decision=decision, municipality=municipality)
        .first()
    )
    if check is None:
        check = RecordCheck(decision=decision, municipality=municipality, checked_by=user)
        _save(check, user=user, reason="")
    else:
        check.checked_by = user
        check.checked_at = timezone.now()
        _save(
            check,
            user=user,
            reason=stored_text(gettext_lazy("Opnieuw gecontroleerd door de griffie")),
        )
    return check
