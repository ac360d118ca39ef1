"""The synthetic data of bench.synthetic, which the scale tests (tests/gr_portal/test_scale.py)
and the benchmarks build: valid (a sample passes full_clean(), the rules that no single row can
check hold), published, and the same for the same seed.
"""

import random

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from bench.synthetic import TERM_END, build
from councils.models import (
    Body,
    CouncilTerm,
    Fractie,
    FractieMembership,
    Meeting,
    Member,
    Municipality,
    Regeling,
)
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
from milestones.models import Milestone

SAMPLED = (
    Municipality,
    Body,
    CouncilTerm,
    Fractie,
    Member,
    FractieMembership,
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
    assert counts["municipalities"] == 14
    assert counts["regelingen"] == 6

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
    # Every synthetic seat has a member, and every synthetic name is marked as made up.
    synthetic = Member.objects.exclude(pk__in=existing[Member])
    assert synthetic.exists()
    assert not synthetic.filter(generated=False).exists()
    new_terms = CouncilTerm.objects.exclude(pk__in=existing[CouncilTerm])
    for term in new_terms.prefetch_related("fracties__memberships"):
        for fractie in term.fracties.all():
            assert len(fractie.memberships.all()) == fractie.seats, fractie
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
                    fv.fractie.name,
                    fv.seats,
                    fv.votes_for,
                    fv.votes_against,
                    fv.not_taking_part,
                    fv.absent,
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

    # Published: an anonymous visitor sees every synthetic decision on its process's page.
    for decision in Decision.objects.select_related("process"):
        assert decision.published
        page = client.get(decision.process.get_absolute_url()).content.decode()
        assert escape(decision.title) in page


def test_build_is_deterministic(empty_db):
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
