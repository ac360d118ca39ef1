"""Scale: every public page answers in the same number of queries with ten times the data.

Each page is measured on the real Drechtsteden data (with votes, amendments, motions and
zienswijzen recorded, so that no prefetch is skipped for being empty), then again after
bench.synthetic.build(scale=10) has added ten times as many municipalities, decisions and votes.
The decision and municipality pages are measured on the busiest decision and municipality of the
moment, so they grow too. The synthetic data itself must be valid: a sample passes full_clean().
"""

import datetime
import random

import pytest
from django.db import connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from bench.synthetic import TERM_END, build
from councils.models import Body, CouncilTerm, Fractie, Meeting, Municipality, Regeling
from decisions.models import (
    Amendment,
    Decision,
    DecisionVersion,
    FractieVote,
    Motion,
    Opinion,
    Process,
    RecordCheck,
    Treatment,
    Vote,
)
from decisions.rules import FractieCount, derive_outcome
from gr_portal.core.choices import Outcome, VoteMethod
from milestones.models import Milestone


def _busiest_decision() -> Decision:
    """The decision with the most treatments (then fractie votes) among those with amendments
    and motions: every prefetch of the decision page has rows to fetch."""
    return (
        # Subqueries, not joins: a join in filter() would be reused by the counts below.
        Decision.objects.filter(pk__in=Amendment.objects.values("treatment__decision"))
        .filter(pk__in=Motion.objects.values("treatment__decision"))
        .annotate(
            treatment_count=Count("treatments", distinct=True),
            fractie_votes=Count("treatments__vote__fractie_votes", distinct=True),
        )
        .order_by("-treatment_count", "-fractie_votes", "slug")
        .first()
    )


def _busiest_municipality() -> Municipality:
    return (
        Municipality.objects.annotate(treatment_count=Count("bodies__treatments"))
        .order_by("-treatment_count", "slug")
        .first()
    )


# The five public pages of today. Timeline, search, open data and agenda come next:
# "timeline", "search", "open_data", "open_data_matrix_csv", "open_data_matrix_json",
# "open_data_votes_csv", "open_data_votes_json", "status_feed", "agenda_ics", "municipality_ics".
PAGES = {
    "home": lambda: reverse("home"),
    "status_matrix": lambda: reverse("decisions:status_matrix"),
    "decision_detail": lambda: reverse("decision_detail", args=[_busiest_decision().slug]),
    "decision_versions": lambda: reverse("decisions:versions", args=[_busiest_decision().slug]),
    "municipality_detail": lambda: reverse(
        "municipality_detail", args=[_busiest_municipality().slug]
    ),
    "timeline": lambda: reverse("milestones:timeline"),
    "search": lambda: reverse("search:page") + "?q=samenvoeging",
    "open_data": lambda: reverse("opendata:index"),
    "open_data_matrix_csv": lambda: reverse("opendata:matrix_csv"),
    "open_data_matrix_json": lambda: reverse("opendata:matrix_json"),
    "open_data_votes_csv": lambda: reverse("opendata:votes_csv"),
    "open_data_votes_json": lambda: reverse("opendata:votes_json"),
    "status_feed": lambda: reverse("opendata:feed"),
    "agenda_ics": lambda: reverse("milestones:agenda"),
    "municipality_ics": lambda: reverse(
        "milestones:municipality_agenda", args=[_busiest_municipality().slug]
    ),
}


def _record_council_votes(decision: Decision) -> None:
    """Each council's vote on the decision, per fractie, with an amendment, a motion (each
    voted) and a zienswijze: what a griffie records after the meeting."""
    treatments = Treatment.objects.filter(decision=decision, body__kind=Body.Kind.COUNCIL)
    version = decision.versions.get(number=1)
    for day, treatment in enumerate(treatments.select_related("body__municipality"), start=4):
        treatment.meeting = Meeting.objects.create(
            body=treatment.body,
            starts_at=timezone.make_aware(datetime.datetime(2022, 7, day, 20)),
        )
        treatment.version = version
        treatment.outcome = Outcome.ADOPTED
        treatment.save()
        fracties = list(
            CouncilTerm.objects.get(municipality=treatment.body.municipality).fracties.all()
        )
        amendment = Amendment.objects.create(
            treatment=treatment, code="A1", title="Rol van de raad", text="…", outcome="rejected"
        )
        amendment.sponsors.set(fracties[-1:])
        motion = Motion.objects.create(
            treatment=treatment, code="M1", title="Medewerkers", text="…", outcome="adopted"
        )
        motion.sponsors.set(fracties[:2])
        # The proposal and the motion carried by all but the smallest fractie; the amendment,
        # sponsored by the smallest, rejected by all the others.
        for subject, carried in (
            ({"treatment": treatment}, True),
            ({"amendment": amendment}, False),
            ({"motion": motion}, True),
        ):
            counts = [
                (f, f.seats, 0) if (i < len(fracties) - 1) == carried else (f, 0, f.seats)
                for i, f in enumerate(fracties)
            ]
            vote = Vote.objects.create(
                **subject,
                method=VoteMethod.PER_FRACTIE,
                members_present=sum(f.seats for f in fracties),
                votes_for=sum(c[1] for c in counts),
                votes_against=sum(c[2] for c in counts),
            )
            FractieVote.objects.bulk_create(
                FractieVote(vote=vote, fractie=f, seats=f.seats, votes_for=vf, votes_against=va)
                for f, vf, va in counts
            )
        Opinion.objects.create(
            decision=decision,
            municipality=treatment.body.municipality,
            treatment=treatment,
            text="De raad stemt in met het concept.",
        )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _volume() -> dict[str, int]:
    return {
        "municipalities": Municipality.objects.count(),
        "decisions": Decision.objects.count(),
        "votes": Vote.objects.count(),
    }


@pytest.mark.parametrize("name", PAGES)
def test_page_queries_do_not_grow_with_ten_times_the_data(client, dataset, name):
    _record_council_votes(Decision.objects.get(slug="concept-gr-tekst-2022"))
    before, volume_before = PAGES[name](), _volume()
    queries_before = _queries(client, before)

    build(scale=10)

    after, volume_after = PAGES[name](), _volume()
    for what, count in volume_after.items():
        assert count >= 5 * volume_before[what], f"{what}: {volume_before[what]} → {count}"
    assert _queries(client, after) == queries_before, f"{before} at 1x, {after} at 10x"


SAMPLED = (
    Municipality,
    Body,
    CouncilTerm,
    Fractie,
    Regeling,
    Process,
    Decision,
    DecisionVersion,
    Meeting,
    Treatment,
    Vote,
    FractieVote,
    Amendment,
    Motion,
    Opinion,
    RecordCheck,
    Milestone,
)


def test_synthetic_data_is_valid(client, dataset):
    existing = {model: set(model.objects.values_list("pk", flat=True)) for model in SAMPLED}
    counts = build(scale=2)
    assert counts["municipalities"] == 14 and counts["regelingen"] == 6

    rng = random.Random(0)
    for model in SAMPLED:
        new = sorted(set(model.objects.values_list("pk", flat=True)) - existing[model])
        assert new, f"no {model.__name__} built"
        for obj in model.objects.filter(pk__in=rng.sample(new, min(len(new), 8))):
            obj.full_clean()

    # Rules that no single row can check: every council full (art. 8), every vote's outcome
    # the one the rules derive, every meeting inside its body's term and after the proposal.
    for term in CouncilTerm.objects.all():
        term.validate_composition()
    votes = Vote.objects.select_related(
        "treatment__body",
        "treatment__meeting",
        "amendment__treatment__body",
        "amendment__treatment__meeting",
        "motion__treatment__body",
        "motion__treatment__meeting",
    ).prefetch_related("fractie_votes__fractie")
    for vote in votes:
        subject = vote.subject
        treatment = subject if isinstance(subject, Treatment) else subject.treatment
        term = CouncilTerm.objects.covering(
            treatment.body.municipality_id, timezone.localdate(treatment.meeting.starts_at)
        ).get()
        result = derive_outcome(
            method=vote.method,
            council_size=term.size,
            vacant_seats=term.vacant_seats,
            members_present=vote.members_present,
            fracties=[
                FractieCount(
                    fv.fractie.name, fv.seats, fv.votes_for, fv.votes_against, fv.not_taking_part
                )
                for fv in vote.fractie_votes.all()
            ],
        )
        assert result.outcome == subject.outcome, vote
        assert (result.votes_for, result.votes_against) == (vote.votes_for, vote.votes_against)
    for treatment in Treatment.objects.filter(meeting__isnull=False).select_related(
        "meeting", "decision", "body"
    ):
        held_on = timezone.localdate(treatment.meeting.starts_at)
        assert treatment.meeting.body_id == treatment.body_id
        assert treatment.decision.introduced_on <= held_on < TERM_END

    # Published: an anonymous visitor sees every synthetic decision.
    page = client.get(reverse("home")).content.decode()
    for decision in Decision.objects.all():
        assert decision.published and escape(decision.title) in page


def test_build_is_deterministic(db):
    def snapshot():
        return (
            list(
                Municipality.objects.order_by("cbs_code").values_list(
                    "cbs_code", "name", "population"
                )
            ),
            list(
                Fractie.objects.order_by("term__municipality__cbs_code", "name").values_list(
                    "name", "seats"
                )
            ),
            list(Decision.objects.order_by("slug").values_list("slug", "introduced_on")),
            list(
                Treatment.objects.order_by(
                    "decision__slug", "body__municipality__cbs_code", "body__kind", "round"
                ).values_list("outcome", "planned_on")
            ),
            Vote.objects.count(),
            FractieVote.objects.count(),
        )

    with transaction.atomic():
        build(scale=1, seed=7)
        first = snapshot()
        transaction.set_rollback(True)
    build(scale=1, seed=7)
    assert snapshot() == first
    assert first[4] > 0
