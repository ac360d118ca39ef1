"""milestones.selectors.with_recorded_progress: the same progress whether the page hands it the
decisions and treatments it already read or not, in fewer queries when it does, and never a
decision the reader may not see."""

from django.contrib.auth.models import AnonymousUser

from decisions.models import Decision, Treatment
from gr_portal.core.choices import BodyKind, Outcome
from milestones.models import Milestone
from milestones.selectors import with_recorded_progress
from tests.recording import record_outcomes

MERGER = "samenvoeging-drechtwerk-sociaal"
PRINCIPLE = "principebesluit-samenvoeging-2022"


def _progress(milestones):
    return [
        (
            m.pk,
            m.actual_start,
            m.actual_end,
            m.recorded_start,
            m.recorded_end,
            m.progress_from_records,
            [d.pk for d in m.visible_decisions],
            sorted(m.body_ids),
        )
        for m in milestones
    ]


def _page_reads(user):
    decisions = list(
        Decision.objects.visible_to(user).filter(process__slug=MERGER).select_related("regeling")
    )
    treatments = list(Treatment.objects.filter(decision__in=decisions).for_statuses())
    return decisions, treatments


def test_the_page_reads_give_the_same_progress_in_two_queries(dataset, django_assert_num_queries):
    record_outcomes(PRINCIPLE, BodyKind.EXECUTIVE, Outcome.ADOPTED, ["Alblasserdam", "Dordrecht"])
    user = AnonymousUser()
    milestones = Milestone.objects.filter(process__slug=MERGER)
    with django_assert_num_queries(4):
        alone = with_recorded_progress(milestones, user)
    decisions, treatments = _page_reads(user)
    with django_assert_num_queries(2):
        shared = with_recorded_progress(milestones, user, known=treatments, decisions=decisions)
    assert _progress(shared) == _progress(alone)
    started = [m for m in shared if m.recorded_start is not None]
    assert started, "two colleges decided: a milestone about them has started"
    assert all(m.recorded_end is None for m in started)  # five colleges are still to decide
    assert any(m.body_ids for m in shared)
    assert any(m.visible_decisions for m in shared)


def test_a_draft_decision_of_a_milestone_stays_hidden_from_the_public(
    dataset, django_assert_num_queries
):
    draft = Decision.objects.get(slug=PRINCIPLE)
    Decision.objects.filter(pk=draft.pk).update(published=False)
    user = AnonymousUser()
    milestones = Milestone.objects.filter(process__slug=MERGER, decisions=draft)
    assert milestones.exists()
    decisions, treatments = _page_reads(user)
    assert draft.pk not in {d.pk for d in decisions}
    # The linked draft is not among the page's decisions: it is looked up (one query more)
    # and, not visible, left out.
    with django_assert_num_queries(3):
        shown = with_recorded_progress(milestones, user, known=treatments, decisions=decisions)
    assert shown
    assert all(draft.pk not in [d.pk for d in m.visible_decisions] for m in shown)
    everything = with_recorded_progress(milestones)
    assert all(draft.pk in [d.pk for d in m.visible_decisions] for m in everything)
