"""Reads of decisions that pages, downloads and letters share, each in a fixed number of queries.

What a user may see is decided by the querysets' ``visible_to(user)`` (which ask
councils.access.may_see_drafts); what a set of decisions' status is, by :func:`load_statuses`
and decisions.status. Views ask here; nothing here renders.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When
from django.db.models.functions import Coalesce, TruncDate

from councils.models import Municipality
from decisions.models import (
    Amendment,
    Decision,
    DecisionVersion,
    FractieVote,
    Motion,
    Opinion,
    RecordCheck,
    Treatment,
)
from decisions.rules import is_tie
from decisions.status import DecisionStatus, decision_statuses, latest_rounds
from gr_portal.core.choices import Outcome
from gr_portal.core.textdiff import Segment, word_diff


def load_statuses(decisions: QuerySet[Decision] | Iterable[Decision]) -> list[DecisionStatus]:
    """The status of each decision per municipality, in the order given.

    Queries: the decisions (with process and regeling, when a queryset is given); their
    treatments with body, municipality, regeling, meeting, version and vote; the griffies'
    checks — three, however many decisions or municipalities.
    """
    if isinstance(decisions, QuerySet):
        decisions = decisions.select_related("process", "regeling")
    decisions = list(decisions)
    treatments = Treatment.objects.filter(decision__in=decisions).with_related()
    checks = RecordCheck.objects.filter(decision__in=decisions)
    return decision_statuses(decisions, treatments, checks)


def previous_round_tied(treatment: Treatment) -> bool:
    """Whether the previous round of this treatment was postponed on a tie (Gemeentewet
    art. 32 lid 4): in that next meeting a tie rejects (lid 5). One query, none in round 1."""
    if treatment.round <= 1:
        return False
    previous = (
        Treatment.objects.filter(
            decision_id=treatment.decision_id, body_id=treatment.body_id, round=treatment.round - 1
        )
        .select_related("vote")
        .first()
    )
    if previous is None or previous.outcome != Outcome.POSTPONED:
        return False
    vote = getattr(previous, "vote", None)
    return vote is not None and is_tie(vote.votes_for, vote.votes_against)


@dataclass
class DecisionRecord:
    """Everything a decision's page shows of what was decided and how it was voted."""

    decision: Decision
    versions: list[DecisionVersion]
    treatments: list[Treatment]
    opinions: list[Opinion]
    status: DecisionStatus
    latest_ids: set[int] = field(default_factory=set)
    # Per version voted on that is no longer current: its word diff to the current text.
    changes_since: dict[int, list[Segment]] = field(default_factory=dict)

    @property
    def current_version(self) -> DecisionVersion | None:
        return self.versions[-1] if self.versions else None


def decision_record(decision: Decision) -> DecisionRecord:
    """A decision's versions, treatments per body with their votes, amendments and motions,
    the zienswijzen and the griffies' checks.

    Queries: versions, treatments (with body, municipality, meeting, version, vote), fractie
    votes, amendments, amendment sponsors, motions, motion sponsors, zienswijzen, griffie
    checks — nine, whatever the number of bodies (prefetches of empty sets are skipped).
    """
    versions = list(decision.versions.order_by("number"))
    treatments = list(
        decision.treatments.with_related()
        .prefetch_related(
            Prefetch("vote__fractie_votes", queryset=FractieVote.objects.select_related("fractie")),
            Prefetch(
                "amendments",
                queryset=Amendment.objects.select_related("vote").prefetch_related("sponsors"),
            ),
            Prefetch(
                "motions",
                queryset=Motion.objects.select_related("vote").prefetch_related("sponsors"),
            ),
        )
        # College before council: the order in which they decide.
        .order_by("body__municipality__name", "-body__kind", "round")
    )
    opinions = list(Opinion.objects.filter(decision=decision).select_related("municipality"))
    checks = RecordCheck.objects.filter(decision=decision).select_related("municipality")
    current = versions[-1] if versions else None
    voted = {t.version_id for t in treatments if t.version_id}
    return DecisionRecord(
        decision=decision,
        versions=versions,
        treatments=treatments,
        opinions=opinions,
        status=decision_statuses([decision], treatments, checks)[0],
        latest_ids={t.pk for t in latest_rounds(treatments).values()},
        # Computed once per version voted on, however many bodies voted on it.
        changes_since={
            version.pk: word_diff(version.text, current.text)
            for version in versions
            if current is not None and version.pk in voted and version is not current
        },
    )


@dataclass
class WorkspaceItem:
    """A decision as one municipality's griffie sees it in its workspace."""

    decision: Decision
    municipality: Municipality
    check: RecordCheck | None


@dataclass
class Workspace:
    """A griffie's own treatments, open ones first, and its decisions with their checks."""

    municipalities: list[Municipality]
    open_treatments: list[Treatment]
    done_treatments: list[Treatment]
    decision_checks: list[WorkspaceItem]


def clerk_workspace(user, municipalities: list[Municipality]) -> Workspace:
    """The treatments of `municipalities` on decisions `user` may see, open first, then by date.

    Queries: treatments (with decision, body, municipality, meeting, version, vote), the
    griffies' checks (with who checked) — two, after the user's permissions (which
    visible_to asks for, once per request).
    """
    treatments = list(
        Treatment.objects.visible_to(user)
        .filter(body__municipality__in=municipalities)
        .select_related("decision", "body__municipality", "meeting", "version", "vote")
        .annotate(
            is_open=Case(
                When(outcome="", then=Value(0)), default=Value(1), output_field=IntegerField()
            ),
            day=Coalesce(TruncDate("meeting__starts_at"), "planned_on"),
        )
        .order_by("is_open", "day", "decision__sequence", "-body__kind")
    )
    checks = {
        (check.decision_id, check.municipality_id): check
        for check in RecordCheck.objects.filter(
            municipality__in=municipalities, decision__in={t.decision_id for t in treatments}
        ).select_related("checked_by")
    }
    items: dict[tuple[int, int], WorkspaceItem] = {}
    for treatment in treatments:
        key = (treatment.decision_id, treatment.body.municipality_id)
        if key not in items:
            municipality = treatment.body.municipality
            items[key] = WorkspaceItem(treatment.decision, municipality, checks.get(key))
    return Workspace(
        municipalities=municipalities,
        open_treatments=[t for t in treatments if not t.outcome],
        done_treatments=[t for t in treatments if t.outcome],
        decision_checks=sorted(
            items.values(), key=lambda item: (item.decision.sequence, item.municipality.name)
        ),
    )
