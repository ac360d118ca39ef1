"""Records made the way clerks make them: through decisions.services, never by hand."""

import datetime
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from decisions import services
from decisions.models import Amendment, Motion, Opinion, Treatment
from decisions.rules import FractieCount, derive_outcome
from gr_portal.core.choices import Outcome, VoteMethod

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def record_vote(
    treatment: Treatment,
    *,
    day: int = 12,
    user=None,
    vote_subjects: bool = False,
    absent: Mapping[str, int] | None = None,
) -> Treatment:
    """Record, through the clerk's services, what a council did with the concept GR-tekst: an
    adopted per-fractie vote (all but the smallest fractie for), amendment A1 rejected, motion
    M1 adopted, and a zienswijze. Returns the treatment as stored.

    Every member is present unless `absent` says otherwise (fractie name: members absent).
    With `vote_subjects` the amendment and the motion have a per-fractie vote of their own too
    (A1: only its sponsor for; M1: as the proposal), so that every vote a page can show exists.
    """
    term = treatment.body.municipality.terms.get()
    fracties = list(term.fracties.all())  # largest first
    absent = absent or {}
    for_all_but_the_smallest = _vote(term, fracties, voting_for=fracties[:-1], absent=absent)
    recorded = services.treatment_record(
        treatment=treatment,
        revision=treatment.revision,
        user=user,
        outcome=for_all_but_the_smallest.result.outcome,
        new_meeting=services.NewMeeting(
            starts_at=datetime.datetime(2022, 7, day, 20, 0, tzinfo=AMSTERDAM)
        ),
        version=treatment.decision.versions.get(number=1),
        vote=for_all_but_the_smallest,
    )
    _record_subject(
        Amendment,
        recorded,
        "A1",
        "Rol van de raad",
        fracties[:1],
        Outcome.REJECTED,
        _vote(term, fracties, voting_for=fracties[:1], absent=absent) if vote_subjects else None,
    )
    _record_subject(
        Motion,
        recorded,
        "M1",
        "Medewerkers Drechtwerk",
        fracties[1:3],
        Outcome.ADOPTED,
        for_all_but_the_smallest if vote_subjects else None,
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


#: The seven municipalities of the Drechtsteden, by name, in alphabetical order.
DRECHTSTEDEN = (
    "Alblasserdam",
    "Dordrecht",
    "Hardinxveld-Giessendam",
    "Hendrik-Ido-Ambacht",
    "Papendrecht",
    "Sliedrecht",
    "Zwijndrecht",
)


def record_outcome(
    treatment: Treatment,
    outcome: Outcome,
    *,
    starts_at,
    user=None,
    withheld_ground: str = "",
    received_on=None,
) -> Treatment:
    """Record, through the clerk's services, only what `treatment`'s body decided at a meeting
    starting at `starts_at` (on version 1), without a vote: as a college's decision is entered.
    A toestemming withheld needs its ground (Wgr art. 1 lid 4); `received_on` is the day a
    council received the draft (its zienswijze term runs from it)."""
    extra = {"received_on": received_on} if received_on is not None else {}
    return services.treatment_record(
        treatment=treatment,
        revision=treatment.revision,
        user=user,
        outcome=outcome,
        new_meeting=services.NewMeeting(starts_at=starts_at),
        version=treatment.decision.versions.get(number=1),
        vote=None,
        withheld_ground=withheld_ground,
        **extra,
    )


def _vote(term, fracties, *, voting_for, absent: Mapping[str, int]) -> services.VoteInput:
    """Every sitting member present but those `absent` (fractie name: number); the fracties in
    `voting_for` for, the others against; every member accounted for (decisions.rules)."""
    rows = []
    for fractie in fracties:
        away = absent.get(fractie.name, 0)
        voting = fractie.seats - away
        rows.append(
            services.FractieVoteInput(
                fractie=fractie,
                votes_for=voting if fractie in voting_for else 0,
                votes_against=0 if fractie in voting_for else voting,
                absent=away,
            )
        )
    present = term.sitting_members - sum(row.absent or 0 for row in rows)
    result = derive_outcome(
        method=VoteMethod.PER_FRACTIE,
        council_size=term.size,
        vacant_seats=term.vacant_seats,
        members_present=present,
        fracties=[_count(row) for row in rows],
    )
    return services.VoteInput(
        method=VoteMethod.PER_FRACTIE, members_present=present, result=result, fracties=tuple(rows)
    )


def _count(row):
    return FractieCount(
        name=row.fractie.name,
        seats=row.fractie.seats,
        votes_for=row.votes_for,
        votes_against=row.votes_against,
        not_taking_part=row.not_taking_part,
        absent=row.absent or 0,
    )


def _record_subject(model, treatment, code, title, sponsors, outcome, vote):
    if vote is not None and vote.result.outcome != outcome:
        raise AssertionError(f"{code} in {treatment.body}: the vote gives {vote.result.outcome}")
    fields = {"code": code, "title": title, "text": "…", "sponsors": sponsors, "outcome": outcome}
    if model is Amendment:
        services.amendment_save(
            amendment=Amendment(treatment=treatment),
            revision=1,
            user=None,
            changed_text=False,
            vote=vote,
            **fields,
        )
    else:
        services.motion_save(
            motion=Motion(treatment=treatment), revision=1, user=None, vote=vote, **fields
        )


def record_outcomes(
    slug: str, kind: str, outcome: Outcome, municipalities, *, withheld_ground: str = ""
) -> None:
    """Record (see record_outcome) `outcome` for the council or college (`kind`) of each named
    municipality on decision `slug`, each at its own meeting from 5 December 2022 on."""
    for index, name in enumerate(municipalities):
        treatment = Treatment.objects.select_related("body__municipality", "decision").get(
            decision__slug=slug, body__municipality__name=name, body__kind=kind, round=1
        )
        starts_at = datetime.datetime(2022, 12, 5 + index, 20, tzinfo=AMSTERDAM)
        record_outcome(treatment, outcome, starts_at=starts_at, withheld_ground=withheld_ground)


def record_every_step(slug: str, municipality_slug: str) -> None:
    """Record every step of a municipality on decision `slug`, as its griffie would: the
    council's vote (record_vote, on 12 July 2022) and then the college's decision (adopted, on
    19 July 2022), so that its records are complete and can be checked."""
    treatments = Treatment.objects.select_related("body__municipality", "decision").filter(
        decision__slug=slug, body__municipality__slug=municipality_slug, round=1
    )
    for treatment in sorted(treatments, key=lambda t: t.body.kind != "council"):
        if treatment.body.kind == "council":
            record_vote(treatment)
        else:
            starts_at = datetime.datetime(2022, 7, 19, 10, tzinfo=AMSTERDAM)
            record_outcome(treatment, Outcome.ADOPTED, starts_at=starts_at)
