"""Records made the way clerks make them: through decisions.services, never by hand."""

import datetime

from django.utils import timezone

from decisions import services
from decisions.models import Amendment, Motion, Opinion, Treatment
from decisions.rules import FractieCount, derive_outcome
from gr_portal.core.choices import Outcome, VoteMethod


def record_vote(treatment: Treatment, *, day: int = 12, user=None) -> Treatment:
    """Record, through the clerk's services, what a council did with the concept GR-tekst: an
    adopted per-fractie vote (all but the smallest fractie for), amendment A1 rejected, motion
    M1 adopted, and a zienswijze. Returns the treatment as stored."""
    term = treatment.body.municipality.terms.get()
    fracties = list(term.fracties.all())
    voting_for = fracties[:-1]
    rows = tuple(
        services.FractieVoteInput(
            fractie=fractie,
            votes_for=fractie.seats if fractie in voting_for else 0,
            votes_against=0 if fractie in voting_for else fractie.seats,
        )
        for fractie in fracties
    )
    result = derive_outcome(
        method=VoteMethod.PER_FRACTIE,
        council_size=term.size,
        vacant_seats=term.vacant_seats,
        members_present=term.size,
        fracties=[_count(row) for row in rows],
    )
    vote = services.VoteInput(
        method=VoteMethod.PER_FRACTIE, members_present=term.size, result=result, fracties=rows
    )
    recorded = services.treatment_record(
        treatment=treatment,
        revision=treatment.revision,
        user=user,
        outcome=result.outcome,
        new_meeting=services.NewMeeting(
            starts_at=timezone.make_aware(datetime.datetime(2022, 7, day, 20, 0))
        ),
        version=treatment.decision.versions.get(number=1),
        vote=vote,
    )
    _record_subject(Amendment, recorded, "A1", "Rol van de raad", fracties[:1], Outcome.REJECTED)
    _record_subject(
        Motion, recorded, "M1", "Medewerkers Drechtwerk", fracties[1:3], Outcome.ADOPTED
    )
    services.opinion_save(
        opinion=Opinion(
            decision=recorded.decision,
            municipality=recorded.body.municipality,
            treatment=recorded,
        ),
        revision=1,
        user=user,
        text="De raad stemt in met het concept.",
        submitted_on=None,
    )
    return recorded


def _count(row):
    return FractieCount(
        name=row.fractie.name,
        seats=row.fractie.seats,
        votes_for=row.votes_for,
        votes_against=row.votes_against,
    )


def _record_subject(model, treatment, code, title, sponsors, outcome):
    fields = {"code": code, "title": title, "text": "…", "sponsors": sponsors, "outcome": outcome}
    if model is Amendment:
        services.amendment_save(
            amendment=Amendment(treatment=treatment),
            revision=1,
            user=None,
            changed_text=False,
            vote=None,
            **fields,
        )
    else:
        services.motion_save(
            motion=Motion(treatment=treatment), revision=1, user=None, vote=None, **fields
        )
