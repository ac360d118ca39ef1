"""The votes: one CSV row per fractie per vote, and each vote as a Popolo vote event.

Pure: the view loads the votes (opendata.selectors.published_votes) and hands them here. Every
value is JSON-native, so stemmingen.json is exactly these events. The vocabulary (RESULTS,
SUBJECTS, COUNT_OPTIONS, GROUP_RESULTS) and the documented fields are in opendata.fields.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst

from councils.models import Body
from decisions.models import BoardVote, Treatment, Vote
from decisions.opendata.fields import (
    LICENCE_URL,
    RESULTS,
    SUBJECT_AMENDMENT,
    SUBJECT_MOTION,
    SUBJECT_PROPOSAL,
    VOTE_FIELDS,
    Absolute,
    local_datetime,
    version_number,
)

_BODY_ORDER = {Body.Kind.EXECUTIVE: 0, Body.Kind.COUNCIL: 1}
# Amendments are voted before the proposal, motions after it.
_SUBJECT_ORDER = {SUBJECT_AMENDMENT: 0, SUBJECT_PROPOSAL: 1, SUBJECT_MOTION: 2}


@dataclass(frozen=True)
class _Subject:
    """What a vote is about, with the treatment it belongs to."""

    classification: str
    id: str
    code: str
    title: str
    text: str
    treatment: Treatment


def _subject(vote: Vote) -> _Subject:
    amendment = vote.amendment if vote.amendment_id else None
    motion = vote.motion if vote.motion_id else None
    if amendment is not None:
        return _Subject(
            SUBJECT_AMENDMENT,
            f"amendment/{amendment.pk}",
            amendment.code,
            amendment.title,
            amendment.text,
            amendment.treatment,
        )
    if motion is not None:
        return _Subject(
            SUBJECT_MOTION,
            f"motion/{motion.pk}",
            motion.code,
            motion.title,
            motion.text,
            motion.treatment,
        )
    treatment = vote.treatment
    assert treatment is not None  # a vote has exactly one subject (a database constraint)
    decision = treatment.decision
    version = treatment.version if treatment.version_id else None
    text = version.text if version is not None else decision.title
    return _Subject(
        SUBJECT_PROPOSAL, f"treatment/{treatment.pk}", "", decision.title, text, treatment
    )


def _sorted_votes(votes: Iterable[Vote]) -> list[tuple[Vote, _Subject]]:
    """Votes in the order of the process: decision, municipality, college before council,
    round, then amendments, the proposal and motions as they are voted."""

    def key(item: tuple[Vote, _Subject]):
        vote, subject = item
        treatment = subject.treatment
        municipality = treatment.body.municipality
        return (
            treatment.decision.process_id,
            treatment.decision.sequence,
            municipality.name if municipality else "",
            _BODY_ORDER.get(Body.Kind(treatment.body.kind), 2),
            treatment.round,
            _SUBJECT_ORDER[subject.classification],
            subject.code,
            vote.pk,
        )

    return sorted(((vote, _subject(vote)) for vote in votes), key=key)


def _not_voting(vote: Vote) -> int:
    return max(vote.members_present - vote.votes_for - vote.votes_against, 0)


_FRACTIE_COLUMNS = tuple(field.name for field in VOTE_FIELDS if field.name.startswith("fractie_"))


def subject_outcome(vote: Vote) -> str:
    """The outcome recorded on what was voted on ('' while none is recorded)."""
    subject = vote.amendment or vote.motion or vote.treatment
    return subject.outcome if subject is not None else ""


def vote_rows(votes: Iterable[Vote], absolute: Absolute) -> list[dict]:
    """One row per fractie per vote (a vote without per-fractie results gets one row).

    `votes` have their subject, its treatment's decision, body, municipality, meeting and
    version loaded, and `fractie_votes` prefetched with fractie and term.
    """
    rows = []
    for vote, subject in _sorted_votes(votes):
        treatment = subject.treatment
        municipality = treatment.body.municipality
        common = {
            "vote_id": f"vote/{vote.pk}",
            "decision_slug": treatment.decision.slug,
            "decision_title": treatment.decision.title,
            "decision_url": absolute(treatment.decision.get_absolute_url()),
            "municipality_name": municipality.name if municipality else None,
            "municipality_cbs_code": municipality.cbs_code if municipality else None,
            "body_name": str(treatment.body),
            "meeting_start": local_datetime(
                treatment.meeting.starts_at if treatment.meeting is not None else None
            ),
            "subject_id": subject.id,
            "subject_classification": subject.classification,
            "subject_code": subject.code or None,
            "subject_title": subject.title,
            "method": vote.method,
            "outcome": subject_outcome(vote) or None,
            "members_present": vote.members_present,
            "votes_for": vote.votes_for,
            "votes_against": vote.votes_against,
        }
        fractie_votes = list(vote.fractie_votes.all())
        if not fractie_votes:
            rows.append({**common, **dict.fromkeys(_FRACTIE_COLUMNS)})
        for fractie_vote in fractie_votes:
            rows.append(
                {
                    **common,
                    "fractie_id": f"fractie/{fractie_vote.fractie_id}",
                    "fractie_name": fractie_vote.fractie.name,
                    "fractie_seats": fractie_vote.seats,
                    "fractie_seats_reliability": fractie_vote.fractie.term.composition_reliability,
                    "fractie_votes_for": fractie_vote.votes_for,
                    "fractie_votes_against": fractie_vote.votes_against,
                    "fractie_not_voting": fractie_vote.not_taking_part,
                    "fractie_absent": fractie_vote.absent,
                }
            )
    return rows


def _counts(votes_for: int, votes_against: int, not_voting: int, absent: int | None) -> list:
    counts = [
        {"option": "yes", "value": votes_for},
        {"option": "no", "value": votes_against},
        {"option": "not voting", "value": not_voting},
    ]
    if absent is not None:
        counts.append({"option": "absent", "value": absent})
    return counts


def _group_result(votes_for: int, votes_against: int) -> str:
    if votes_for > votes_against:
        return "pass"
    if votes_against > votes_for:
        return "fail"
    return "tie" if votes_for else "not voting"


def _organization(body: Body) -> dict:
    """A body as a Popolo organization; a municipality's body has the municipality as area."""
    organization: dict[str, object] = {
        "id": f"body/{body.pk}",
        "name": str(body),
        "classification": body.kind,
    }
    municipality = body.municipality
    if municipality is not None:
        organization["area"] = {
            "id": municipality.cbs_code,
            "identifier": municipality.cbs_code,
            "name": municipality.name,
            "classification": "municipality",
        }
    return organization


def _legislative_session(treatment: Treatment) -> dict | None:
    """The meeting in which the vote took place, as a Popolo event."""
    meeting = treatment.meeting if treatment.meeting_id else None
    if meeting is None:
        return None
    # As str(meeting), but with the treatment's body (the same body, already loaded).
    name = "{kind} {body}, {day}".format(
        kind=capfirst(meeting.get_kind_display()),
        body=treatment.body,
        day=date_format(timezone.localtime(meeting.starts_at), "j F Y"),
    )
    return {
        "id": f"meeting/{meeting.pk}",
        "name": name,
        "start_date": local_datetime(meeting.starts_at),
        "location": meeting.location or None,
    }


def vote_events(votes: Iterable[Vote], absolute: Absolute) -> list[dict]:
    """Each vote as a Popolo vote event, with its totals and the result per fractie.

    Loaded as for vote_rows.
    """
    events = []
    for vote, subject in _sorted_votes(votes):
        treatment = subject.treatment
        decision = treatment.decision
        outcome = subject_outcome(vote)
        fractie_votes = list(vote.fractie_votes.all())
        # Absences are known only from the fracties' seats; members present are counted anyway.
        absent = (
            max(sum(fv.seats for fv in fractie_votes) - vote.members_present, 0)
            if fractie_votes
            else None
        )
        organization = _organization(treatment.body)
        session = _legislative_session(treatment)
        start_date = session["start_date"] if session else None
        result = RESULTS.get(outcome)
        events.append(
            {
                "id": f"vote/{vote.pk}",
                "identifier": subject.code or None,
                "motion": {
                    "id": subject.id,
                    "classification": subject.classification,
                    "title": subject.title,
                    "text": subject.text,
                    # Popolo's motion.date is a date-time: the meeting's start, with its offset.
                    "date": start_date,
                    "organization": organization,
                    "legislative_session_id": session["id"] if session else None,
                    "result": result,
                },
                "organization_id": organization["id"],
                "legislative_session": session,
                "classification": vote.method,
                "start_date": start_date,
                "result": result,
                # The totals, then each fractie's as counts with its group_id (Popolo's way
                # to count per group; the same numbers as group_results).
                "counts": [
                    *_counts(vote.votes_for, vote.votes_against, _not_voting(vote), absent),
                    *(
                        {**count, "group_id": f"fractie/{fv.fractie_id}"}
                        for fv in fractie_votes
                        for count in _counts(
                            fv.votes_for, fv.votes_against, fv.not_taking_part, fv.absent
                        )
                    ),
                ],
                "group_results": [
                    {
                        "group_id": f"fractie/{fv.fractie_id}",
                        "group": {
                            "id": f"fractie/{fv.fractie_id}",
                            "name": fv.fractie.name,
                            "classification": "party",
                            "seats": fv.seats,
                            "seats_reliability": fv.fractie.term.composition_reliability,
                        },
                        "result": _group_result(fv.votes_for, fv.votes_against),
                        "counts": _counts(
                            fv.votes_for, fv.votes_against, fv.not_taking_part, fv.absent
                        ),
                    }
                    for fv in fractie_votes
                ],
                "votes": [_member_vote(member_vote) for member_vote in vote.member_votes.all()],
                "sources": [{"url": absolute(decision.get_absolute_url()), "note": decision.title}],
                "extras": {
                    "decision_slug": decision.slug,
                    "decision_title": decision.title,
                    "outcome": outcome or None,
                    "members_present": vote.members_present,
                    "round": treatment.round,
                    "purpose": treatment.purpose,
                    "version": version_number(treatment),
                },
            }
        )
    return events


#: A member's vote as a Popolo vote option (Open Civic Data's names, as in the counts).
MEMBER_OPTIONS = {
    "for": "yes",
    "against": "no",
    "abstained": "not voting",
    "absent": "absent",
    "noted_against": "no",
}


def _member_vote(member_vote) -> dict:
    """One member's vote (recorded in a roll call, an abstention under Gemeentewet art. 28 or
    an "aantekening" on a hamerstuk) as a Popolo vote; the name only where a source gives it."""
    member = member_vote.member
    voter: dict[str, object] = {"id": f"member/{member.pk}"}
    if member.name:
        voter["name"] = member.name
    vote: dict[str, object] = {
        "voter_id": f"member/{member.pk}",
        "voter": voter,
        "option": MEMBER_OPTIONS[member_vote.choice],
        "group_id": f"fractie/{member_vote.fractie_id}",
        "extras": {"choice": member_vote.choice},
    }
    if member_vote.ground:
        vote["extras"] = {"choice": member_vote.choice, "abstention_ground": member_vote.ground}
    return vote


#: A delegation's vote in an algemeen bestuur as a Popolo vote option.
BOARD_OPTIONS = {"for": "yes", "against": "no", "absent": "not voting"}


def board_vote_events(board_votes: Iterable[BoardVote], absolute: Absolute) -> list[dict]:
    """Each weighted vote of an algemeen bestuur as a Popolo vote event: one vote per
    participant's delegation with its ``weight`` (councils.weighting, as kept with the vote),
    the delegations counted per option, and the weighted totals among the extras (Popolo's
    counts are whole numbers).

    `board_votes` come with their treatment, decision, body, meeting and version loaded, and
    their lines (with municipality) as ``loaded_lines`` (selectors.published_board_votes).
    """
    events = []
    for board_vote in board_votes:
        treatment = board_vote.treatment
        decision = treatment.decision
        version = treatment.version if treatment.version_id else None
        organization = _organization(treatment.body)
        session = _legislative_session(treatment)
        start_date = session["start_date"] if session else None
        result = RESULTS.get(treatment.outcome)
        lines = board_vote.loaded_lines  # type: ignore[attr-defined]
        events.append(
            {
                "id": f"board-vote/{board_vote.pk}",
                "identifier": None,
                "motion": {
                    "id": f"treatment/{treatment.pk}",
                    "classification": SUBJECT_PROPOSAL,
                    "title": decision.title,
                    "text": version.text if version is not None else decision.title,
                    "date": start_date,
                    "organization": organization,
                    "legislative_session_id": session["id"] if session else None,
                    "result": result,
                },
                "organization_id": organization["id"],
                "legislative_session": session,
                "classification": "weighted",
                "start_date": start_date,
                "result": result,
                "counts": [
                    {
                        "option": option,
                        "value": sum(1 for line in lines if BOARD_OPTIONS[line.choice] == option),
                    }
                    for option in ("yes", "no", "not voting")
                ],
                "votes": [
                    {
                        "voter_id": f"municipality/{line.municipality.cbs_code}",
                        "voter": {
                            "id": f"municipality/{line.municipality.cbs_code}",
                            "name": line.municipality.name,
                            "classification": "municipality",
                        },
                        "option": BOARD_OPTIONS[line.choice],
                        "role": "delegation",
                        "weight": float(line.weight),
                    }
                    for line in lines
                ],
                "sources": [{"url": absolute(decision.get_absolute_url()), "note": decision.title}],
                "extras": {
                    "decision_slug": decision.slug,
                    "decision_title": decision.title,
                    "outcome": treatment.outcome or None,
                    "weighting": board_vote.method,
                    "threshold": board_vote.threshold,
                    "weight_for": float(board_vote.weight_for),
                    "weight_against": float(board_vote.weight_against),
                    "weight_absent": float(board_vote.weight_absent),
                    "round": treatment.round,
                    "purpose": treatment.purpose,
                    "version": version_number(treatment),
                },
            }
        )
    return events


def votes_document(events: list[dict]) -> dict:
    """The JSON download of the votes: the licence and the Popolo vote events."""
    return {"license": LICENCE_URL, "vote_events": events}


def member_vote_rows(votes: Iterable[Vote]) -> list[dict]:
    """One row per member's vote where recorded (stemmen-per-lid.csv), in the votes' order.

    Loaded as for vote_rows, with `member_votes` prefetched with member and fractie.
    """
    rows = []
    for vote, subject in _sorted_votes(votes):
        treatment = subject.treatment
        municipality = treatment.body.municipality
        meeting = treatment.meeting if treatment.meeting_id else None
        for member_vote in vote.member_votes.all():
            rows.append(
                {
                    "vote_id": f"vote/{vote.pk}",
                    "decision_slug": treatment.decision.slug,
                    "municipality_cbs_code": municipality.cbs_code if municipality else None,
                    "body_name": str(treatment.body),
                    "meeting_start": local_datetime(meeting.starts_at if meeting else None),
                    "subject_id": subject.id,
                    "member_id": f"member/{member_vote.member_id}",
                    "member_name": member_vote.member.name or None,
                    "fractie_name": member_vote.fractie.name,
                    "choice": member_vote.choice,
                    "abstention_ground": member_vote.ground or None,
                }
            )
    return rows
