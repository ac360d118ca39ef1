"""Writes of what clerks record: each one atomic, validated, with history (who, why).

Forms validate what was typed and derive the outcome with decisions.rules; the functions here
change state. Every function that edits an existing record takes the revision the user loaded
and refuses the save (StaleRecord) when someone else saved in between: optimistic locking, with
a row lock so that two concurrent saves cannot both pass the check.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from councils.models import Attendance, Body, Fractie, Meeting, Member
from decisions import procedure, signals
from decisions.models import (
    Amendment,
    Decision,
    DecisionVersion,
    FractieVote,
    MemberVote,
    Motion,
    Opinion,
    RecordCheck,
    Treatment,
    Vote,
)
from decisions.rules import (
    VoteResult,
    abstention_ground_error,
    has_quorum,
    meeting_before_version,
    opinion_before_meeting,
    unopened_meeting_error,
)
from decisions.selectors import consent_outcome, council_on, missing_steps
from gr_portal.core.choices import Outcome, VoteMethod
from gr_portal.core.history import stored_text, with_history
from gr_portal.core.models import bump


class StaleRecord(Exception):
    """The record changed since the user loaded it; `current` is the record as stored now."""

    def __init__(self, current, loaded_revision: int):
        super().__init__(f"{current!r} is at revision {current.revision}, not {loaded_revision}")
        self.current = current
        self.loaded_revision = loaded_revision


@dataclass(frozen=True)
class FractieVoteInput:
    """One fractie's part in a vote: every member for, against, abstaining (art. 28) or absent.

    `seats` is the fractie's members on the day of the vote (default: its seats in the term);
    `absent` left out means "the members not otherwise accounted for".
    """

    fractie: Fractie
    votes_for: int = 0
    votes_against: int = 0
    not_taking_part: int = 0
    absent: int | None = None
    seats: int | None = None

    @property
    def members(self) -> int:
        return self.fractie.seats if self.seats is None else self.seats

    @property
    def absent_members(self) -> int:
        if self.absent is not None:
            return self.absent
        return max(self.members - self.votes_for - self.votes_against - self.not_taking_part, 0)


@dataclass(frozen=True)
class MemberVoteInput:
    """One member's part in a vote (decisions.models.MemberVote): in a roll call every member,
    for, against, abstaining under Gemeentewet art. 28 (with the ground of lid 1) or absent; in
    other votes the members who had to abstain, were absent or asked for "aantekening" on a
    hamerstuk (``noted_against``). `fractie` is the member's fractie on the day of the vote."""

    member: Member
    fractie: Fractie
    choice: str
    ground: str = ""


@dataclass(frozen=True)
class VoteInput:
    """A vote as typed and checked: method, presence, per-fractie counts, the members named in
    it, and the derived result."""

    method: VoteMethod
    members_present: int
    result: VoteResult
    fracties: tuple[FractieVoteInput, ...] = ()
    members: tuple[MemberVoteInput, ...] = ()


class Keep(enum.Enum):
    """A value a service leaves as stored (see treatment_record's `received_on`)."""

    KEEP = "keep"


KEEP: Literal[Keep.KEEP] = Keep.KEEP


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


def _history_rows(model, objs, *, kind: str, user, reason: str, correction: bool) -> None:
    """History rows for objects written in bulk (bulk writes send no signals): one query."""
    history = model.history.model
    now = timezone.now()
    history.objects.bulk_create(
        [
            history(
                history_date=now,
                history_type=kind,
                history_user=user,
                history_change_reason=reason,
                history_is_correction=correction,
                **{f.attname: getattr(obj, f.attname) for f in history.tracked_fields},
            )
            for obj in objs
        ]
    )


def _bulk_save(model, creates: list, updates: list, fields: list[str], **attribution) -> None:
    """Validate and save rows in bulk, each with its history row: a few queries, however many
    rows (a council's members, a vote's fracties). Relations must be set as objects, so that
    validating them needs no query."""
    user, reason, correction = (
        attribution["user"],
        attribution["reason"],
        attribution["correction"],
    )
    for obj in [*creates, *updates]:
        obj.full_clean(exclude=_loaded_relations(obj), validate_constraints=False)
        with_history(obj, user=user, reason=reason, correction=correction)
    flag = {"history_is_correction": correction}
    if creates or updates:
        bump()  # bulk writes send no signals (gr_portal.core.models)
    if updates:
        bulk_update_with_history(
            updates, model, fields, default_change_reason=reason, custom_historical_attrs=flag
        )
    if creates:
        bulk_create_with_history(
            creates, model, default_change_reason=reason, custom_historical_attrs=flag
        )


def _bulk_delete(model, objs: list, *, user, reason: str, correction: bool) -> None:
    """Delete rows in bulk, each leaving a history row ("verwijderd"): two queries. Only for
    rows nothing else refers to (member votes, fractie votes, presentielijst rows)."""
    if not objs:
        return
    _history_rows(model, objs, kind="-", user=user, reason=reason, correction=correction)
    bump()
    # No cascades to follow and the history is written above: a plain DELETE, without the
    # per-row signals (and per-row history inserts) of QuerySet.delete().
    model._default_manager.filter(pk__in=[obj.pk for obj in objs])._raw_delete(DEFAULT_DB_ALIAS)


@dataclass
class _Row:
    """A row a bulk sync wants: its relations (objects) and its plain values."""

    relations: dict[str, models.Model]
    values: dict[str, Any] = field(default_factory=dict)


def _sync(model, existing: Mapping, wanted: Mapping[Any, _Row], parent: dict, **attribution):
    """Make the stored rows `existing` (by key) what `wanted` says: create, update (only rows
    that change) and delete in bulk, each with history. `parent` are the relations every row
    shares (its vote or meeting)."""
    creates, updates, changed_fields = [], [], set()
    for key, row in wanted.items():
        obj = existing.get(key)
        if obj is None:
            creates.append(model(**parent, **row.relations, **row.values))
            continue
        changed = {name for name, value in row.values.items() if getattr(obj, name) != value}
        changed |= {
            name for name, rel in row.relations.items() if getattr(obj, f"{name}_id") != rel.pk
        }
        for name, value in {**parent, **row.relations, **row.values}.items():
            setattr(obj, name, value)  # relations as objects: validating them needs no query
        if changed:
            updates.append(obj)
            changed_fields |= changed
    gone = [obj for key, obj in existing.items() if key not in wanted]
    _bulk_delete(model, gone, **attribution)
    _bulk_save(model, creates, updates, sorted(changed_fields), **attribution)


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
    """Create or update a vote, its per-fractie rows and its members' rows in place, so that
    history shows each change; the rows are written in bulk (a fixed number of queries, however
    many fracties and members)."""
    _check_member_votes(data)
    if vote is None:
        vote = Vote(**subject)
    vote.method = data.method
    vote.members_present = data.members_present
    vote.votes_for = data.result.votes_for
    vote.votes_against = data.result.votes_against
    _save(vote, user=user, reason=reason, correction=correction)
    attribution = {"user": user, "reason": reason, "correction": correction}
    _sync(
        FractieVote,
        {fv.fractie_id: fv for fv in vote.fractie_votes.all()},
        {
            row.fractie.pk: _Row(
                {"fractie": row.fractie},
                {
                    "seats": row.members,
                    "votes_for": row.votes_for,
                    "votes_against": row.votes_against,
                    "not_taking_part": row.not_taking_part,
                    "absent": row.absent_members,
                },
            )
            for row in data.fracties
        },
        {"vote": vote},
        **attribution,
    )
    _sync(
        MemberVote,
        {mv.member_id: mv for mv in vote.member_votes.all()},
        {
            row.member.pk: _Row(
                {"member": row.member, "fractie": row.fractie},
                {"choice": row.choice, "ground": row.ground},
            )
            for row in data.members
        },
        {"vote": vote},
        **attribution,
    )
    return vote


def _check_member_votes(data: VoteInput) -> None:
    """The members named in a vote agree with its counts: an abstention has its ground
    (Gemeentewet art. 28 lid 1) and is counted in its fractie's row; in a roll call the members
    are the counts."""
    errors = []
    for row in data.members:
        message = abstention_ground_error(
            str(row.member),
            abstained=row.choice == MemberVote.Choice.ABSTAINED,
            ground=row.ground,
        )
        if message:
            errors.append(message)
    if data.members:
        for fractie in data.fracties:
            choices = [m.choice for m in data.members if m.fractie.pk == fractie.fractie.pk]
            counts = {
                MemberVote.Choice.ABSTAINED: fractie.not_taking_part,
                MemberVote.Choice.FOR: fractie.votes_for,
                MemberVote.Choice.AGAINST: fractie.votes_against,
                MemberVote.Choice.ABSENT: fractie.absent_members,
            }
            if data.method != VoteMethod.ROLL_CALL:  # per fractie only abstentions are named
                counts = {MemberVote.Choice.ABSTAINED: fractie.not_taking_part}
            if any(choices.count(choice) != count for choice, count in counts.items()):
                errors.append(
                    _("De leden van %(fractie)s in de stemming tellen niet op tot haar rij.")
                    % {"fractie": fractie.fractie}
                )
    if errors:
        raise ValidationError(errors)


def _delete_vote(vote: Vote | None, *, user, reason: str, correction: bool) -> None:
    if vote is None:
        return
    attribution = {"user": user, "reason": reason, "correction": correction}
    _bulk_delete(FractieVote, list(vote.fractie_votes.all()), **attribution)
    _bulk_delete(MemberVote, list(vote.member_votes.all()), **attribution)
    _delete(vote, **attribution)


def meeting_create(*, body, new_meeting: NewMeeting, user) -> Meeting:
    """A meeting of `body`, created while a clerk records what happened in it."""
    created = Meeting(body=body, starts_at=new_meeting.starts_at, location=new_meeting.location)
    reason = stored_text(gettext_lazy("Aangemaakt bij het vastleggen van een behandeling"))
    _save(created, user=user, reason=reason)
    return created


@dataclass(frozen=True)
class AttendanceState:
    """A presentielijst as a user loaded it: who was present at the opening, who was absent,
    and the meeting it was convened again after. The form carries it (``encode``), so that a
    save from a list that someone else changed in between is refused with what changed
    (optimistic locking for a list of rows; decisions.models.Revisioned does it for one)."""

    present: frozenset[int] = frozenset()
    absent: frozenset[int] = frozenset()
    reconvened_from_id: int | None = None

    @classmethod
    def of(cls, meeting: Meeting, attendance: Mapping[int, bool]) -> AttendanceState:
        return cls(
            present=frozenset(m for m, present in attendance.items() if present),
            absent=frozenset(m for m, present in attendance.items() if not present),
            reconvened_from_id=meeting.reconvened_from_id,
        )

    @property
    def recorded(self) -> bool:
        return bool(self.present or self.absent)

    def encode(self) -> str:
        """'p1.2.3;a4;r7': compact and stable."""

        def ids(values) -> str:
            return ".".join(str(v) for v in sorted(values))

        return f"p{ids(self.present)};a{ids(self.absent)};r{self.reconvened_from_id or ''}"

    @classmethod
    def decode(cls, text: str) -> AttendanceState:
        """The state from ``encode``; ValueError when the text is not one."""
        present, absent, reconvened = text.split(";")
        if present[:1] != "p" or absent[:1] != "a" or reconvened[:1] != "r":
            raise ValueError(f"not a presentielijst state: {text!r}")

        def ids(part: str) -> frozenset[int]:
            return frozenset(int(v) for v in part[1:].split(".") if v)

        return cls(ids(present), ids(absent), int(reconvened[1:]) if reconvened[1:] else None)


class StaleAttendance(Exception):
    """The presentielijst changed since the user loaded it: `current` is the list as stored."""

    def __init__(self, meeting: Meeting, loaded: AttendanceState, current: AttendanceState):
        super().__init__(f"the presentielijst of {meeting!r} changed since it was loaded")
        self.meeting = meeting
        self.loaded = loaded
        self.current = current


@transaction.atomic
def attendance_record(
    *,
    meeting: Meeting,
    user,
    present: Collection[int],
    loaded: AttendanceState,
    reconvened_from: Meeting | None = None,
    reason: str = "",
) -> Meeting:
    """Record (or correct) a council meeting's presentielijst: each member with a seat that day,
    present (the ids in `present`) or absent at the opening, in bulk (a fixed number of
    queries, however many members), and whether the meeting could be opened.

    A meeting opens when more than half of the sitting members are present (Gemeentewet art. 20
    lid 1); one convened again after a meeting that could not open (`reconvened_from`, lid 2)
    opens without that (lid 3). A meeting that could not be opened decided nothing: refused
    when votes or outcomes other than "aangehouden" are recorded in it. Refused as well
    (StaleAttendance) when the list is no longer the one the user `loaded`. A change to a
    recorded list is a correction.
    """
    locked = (
        Meeting.objects.select_for_update(of=("self",)).select_related("body").get(pk=meeting.pk)
    )
    if locked.body.kind != Body.Kind.COUNCIL:
        raise ValidationError(_("Alleen een vergadering van de raad heeft een presentielijst."))
    existing = {row.member_id: row for row in locked.attendance.all()}
    current = AttendanceState.of(locked, {m: row.present for m, row in existing.items()})
    if current != loaded:
        raise StaleAttendance(locked, loaded, current)
    council = council_on(locked.body.municipality_id, locked.day)
    if council is None:
        raise ValidationError(_("De vergadering valt buiten elke vastgelegde raadsperiode."))
    seats = {seat.member.pk: seat.member for seat in council.seats}
    if set(present) - set(seats):
        raise ValidationError(
            _("Alleen leden met een zetel op de dag van de vergadering staan op de presentielijst.")
        )
    correction = current.recorded
    reason = reason.strip() or stored_text(
        gettext_lazy("Presentielijst gewijzigd door de griffie")
        if correction
        else gettext_lazy("Presentielijst vastgelegd door de griffie")
    )
    attribution = {"user": user, "reason": reason, "correction": correction}
    opened = reconvened_from is not None or has_quorum(len(set(present)), council.sitting)
    if not opened:
        _refuse_decisions_in(locked)
    if locked.opened != opened or locked.reconvened_from_id != getattr(reconvened_from, "pk", None):
        locked.opened = opened
        locked.reconvened_from = reconvened_from
        _save(locked, **attribution)
    _sync(
        Attendance,
        existing,
        {pk: _Row({"member": member}, {"present": pk in present}) for pk, member in seats.items()},
        {"meeting": locked},
        **attribution,
    )
    return locked


def _refuse_decisions_in(meeting: Meeting) -> None:
    """A meeting that could not be opened (Gemeentewet art. 20 lid 1) cannot hold the votes or
    decisions recorded in it."""
    decided = meeting.treatments.exclude(outcome__in=["", Outcome.POSTPONED]).exists()
    voted = Vote.objects.filter(
        Q(treatment__meeting=meeting)
        | Q(amendment__treatment__meeting=meeting)
        | Q(motion__treatment__meeting=meeting)
    ).exists()
    if decided or voted:
        raise ValidationError(
            _(
                "Volgens deze presentielijst was niet meer dan de helft van de zitting hebbende "
                "leden aanwezig, zodat de vergadering niet kon worden geopend (Gemeentewet art. 20 "
                "lid 1). Maar in deze vergadering zijn al stemmingen of besluiten vastgelegd. "
                "Corrigeer eerst die behandelingen, of de presentielijst."
            )
        )


@transaction.atomic
def treatment_schedule(*, treatment: Treatment, revision: int, meeting: Meeting, user) -> Treatment:
    """Put a treatment not decided yet on the agenda of `meeting` (a meeting of its own body),
    so that its presentielijst, its amendments and its motions can be recorded before its own
    vote. A decided treatment keeps its meeting: that is changed by correcting it."""
    locked = _lock(Treatment, treatment, revision)
    if meeting.body_id != locked.body_id:
        raise ValidationError(_("Kies een vergadering van %(body)s.") % {"body": locked.body})
    if locked.outcome or locked.meeting_id == meeting.pk:
        return locked
    errors = _treatment_errors(locked, "", meeting=meeting, day=meeting.day, version=None)
    if errors:
        raise ValidationError(errors)
    locked.meeting = meeting
    reason = stored_text(gettext_lazy("Geagendeerd voor een vergadering door de griffie"))
    _save(locked, user=user, reason=reason)
    return locked


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
    withheld_ground: str = "",
    received_on: datetime.date | Literal[Keep.KEEP] | None = KEEP,
) -> Treatment:
    """Record (or correct) how a body treated a decision.

    Refused (ValidationError, nothing saved): a version younger than the meeting; an outcome
    other than "aangehouden" without a vote in a meeting that could not be opened (Gemeentewet
    art. 20 lid 1); a college's decision to change the regeling before its council's
    toestemming is recorded as granted (Wgr art. 1 lid 4); a refused toestemming without its
    ground, or a ground without a refusal (Treatment.clean). `received_on` is the day the
    council received the draft (Wgr art. 1 lid 3), left as stored unless given.

    A correction (the treatment already had an outcome) is marked as one in the history of the
    treatment and of its vote. A tie in a meeting that was not full (Gemeentewet art. 32 lid 4),
    an invalid vote (art. 29) and a proposal held over in a meeting that could not be opened
    (art. 20 lid 2) bring the decision back: the next round is planned right away.
    """
    locked = _lock(Treatment, treatment, revision)
    correction = locked.outcome != ""
    reason = _reason(reason, correction=correction)
    day = meeting.day if meeting is not None else None
    if new_meeting is not None and meeting is None:
        day = timezone.localdate(new_meeting.starts_at)
    errors = _treatment_errors(locked, outcome, meeting=meeting, day=day, version=version)
    if meeting is not None and not meeting.opened:
        errors.update(_unopened_errors(outcome, vote))
    if errors:
        raise ValidationError(errors)
    if meeting is not None:
        locked.meeting = meeting
    elif new_meeting is not None:
        locked.meeting = meeting_create(body=locked.body, new_meeting=new_meeting, user=user)
    locked.version = version
    locked.outcome = outcome
    locked.notes = notes
    locked.withheld_ground = withheld_ground
    if received_on is not KEEP:
        locked.received_on = received_on
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
    # The decision comes back in a next meeting after a tie (Gemeentewet art. 32 lid 4) and
    # after an invalid vote (art. 29 lid 2 sub a): its next round is planned right away.
    tied = outcome == Outcome.POSTPONED and vote is not None and vote.result.is_tie
    if tied or outcome == Outcome.INVALID:
        _next_round_plan(locked, user=user)
    elif outcome == Outcome.POSTPONED and meeting is not None and not meeting.opened:
        _next_round_plan(locked, user=user, unopened=True)
    record_check_withdraw(locked.decision_id, locked.body.municipality_id, user=user, reason=reason)
    signals.after_commit(locked.decision_id)
    return locked


def _treatment_errors(
    treatment: Treatment,
    outcome: Outcome | str,
    *,
    meeting: Meeting | None,
    day: datetime.date | None,
    version: DecisionVersion | None,
) -> dict[str, str]:
    """What a treatment to be recorded must not contradict: the version voted on existed on
    the day of the meeting; a college changes the regeling only after its council's
    toestemming (Wgr art. 1 lid 4)."""
    errors: dict[str, str] = {}
    if day is not None and version is not None:
        message = meeting_before_version(day, version.created_on, version.number)
        if message:
            errors["version"] = message
    body = treatment.body
    if body.kind == Body.Kind.EXECUTIVE and outcome == Outcome.ADOPTED:
        decision = treatment.decision
        kinds = {
            "regeling_kind": decision.regeling.kind,
            "decision_kind": decision.kind,
            "body_kind": body.kind,
            "purpose": treatment.purpose,
        }
        if procedure.is_change(**kinds):
            message = procedure.change_before_consent(
                **kinds, outcome=outcome, consent_outcome=consent_outcome(treatment)
            )
            if message:
                errors["outcome"] = message
    return errors


def _unopened_errors(outcome: Outcome | str, vote: VoteInput | None) -> dict[str, str]:
    message = unopened_meeting_error(outcome, voted=vote is not None)
    return {"meeting": message} if message else {}


def _next_round_plan(treatment: Treatment, *, user, unopened: bool = False) -> Treatment:
    """The treatment of the next round, planned: after a tie (Gemeentewet art. 32 lid 4), an
    invalid vote (art. 29) or a meeting that could not be opened (art. 20 lid 2)."""
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
    if unopened:
        why = gettext_lazy("Nieuwe ronde: de vergadering kon niet worden geopend")
    elif treatment.outcome == Outcome.POSTPONED:
        why = gettext_lazy("Nieuwe ronde na staking der stemmen")
    else:
        why = gettext_lazy("Nieuwe ronde na een ongeldige stemming")
    reason = stored_text(why)
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
        # A new zienswijze's form carries revision 0: if one was saved since it was loaded
        # (another clerk, or a second tab), this save is stale like any other.
        existing = (
            Opinion.objects.select_for_update(of=("self",))
            .filter(decision_id=opinion.decision_id, municipality_id=opinion.municipality_id)
            .first()
        )
        if existing is not None:
            raise StaleRecord(existing, revision)
        locked = opinion
        reason = reason.strip() or stored_text(
            gettext_lazy("Zienswijze vastgelegd door de griffie")
        )
    else:
        locked = _lock(Opinion, opinion, revision)
        reason = reason.strip() or stored_text(gettext_lazy("Zienswijze gewijzigd door de griffie"))
    meeting = locked.treatment.meeting if locked.treatment_id else None
    if submitted_on is not None and meeting is not None:
        message = opinion_before_meeting(submitted_on, meeting.day)
        if message:
            raise ValidationError({"submitted_on": message})
    locked.text = text
    locked.submitted_on = submitted_on
    if locked.pk is None:
        try:
            with transaction.atomic():  # a savepoint: the first of two simultaneous saves wins
                _save(locked, user=user, reason=reason)
        except IntegrityError:
            existing = Opinion.objects.filter(
                decision_id=locked.decision_id, municipality_id=locked.municipality_id
            ).first()
            if existing is None:
                raise
            raise StaleRecord(existing, revision) from None
    else:
        _save(locked, user=user, reason=reason)
    record_check_withdraw(locked.decision_id, locked.municipality_id, user=user, reason=reason)
    signals.after_commit(locked.decision_id)
    return locked


@transaction.atomic
def record_check_mark(*, decision: Decision, municipality, user) -> RecordCheck:
    """The griffie states that its records on this decision are complete and checked.

    Only when they are: every step of that municipality's bodies on the decision has a
    recorded outcome that settles it (a postponed vote is not settled); otherwise refused with
    the steps still open, in Dutch.
    """
    missing = missing_steps(decision, municipality)
    if missing:
        raise ValidationError(
            _(
                "De gegevens van %(municipality)s over ‘%(decision)s’ zijn nog niet compleet: "
                "nog niet vastgelegd is %(missing)s."
            )
            % {
                "municipality": municipality,
                "decision": decision,
                "missing": ", ".join(
                    f"{treatment.body} ({treatment.get_purpose_display()})" for treatment in missing
                ),
            }
        )
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
