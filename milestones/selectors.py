"""Milestones as far as the recorded decisions have reached them.

A milestone names the decisions and the bodies it is about ("Concept aangepaste GR-tekst:
raden": the seven councils on the concept). It is reached when every one of those bodies has
settled its treatment of those decisions, and started when the first one has; the dates are the
meetings'. The programmabureau may also enter actual dates itself (an information evening has no
treatment); those come first.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from decisions.models import Decision, Treatment
from decisions.status import latest_rounds
from gr_portal.core.choices import DECIDED
from milestones.models import Milestone


def with_recorded_progress(
    milestones: QuerySet[Milestone], user=None, *, known: Iterable[Treatment] = ()
) -> list[Milestone]:
    """The milestones, each with `recorded_start` and `recorded_end`: the first and last
    meeting day on which its bodies settled its decisions (`recorded_end` only once all have),
    and with the in-memory `actual_start` / `actual_end` filled from them where the
    programmabureau entered none (`progress_from_records` says which). For display: these
    instances are not to be saved.

    Queries: the milestones (with process), their decisions (visible to `user` when given) and
    bodies, and the treatments of those decisions with their meetings — four, however many
    milestones; three when `known` already holds every treatment of those decisions (loaded
    with their meetings, e.g. for the same page's statuses): only the missing ones are read.
    """
    decisions = Decision.objects.visible_to(user) if user is not None else Decision.objects.all()
    loaded: list[Any] = list(
        milestones.select_related("process")
        .prefetch_related(
            Prefetch("decisions", queryset=decisions, to_attr="visible_decisions"), "bodies"
        )
        .order_by("planned_start", "title")
    )
    decision_ids = {d.pk for m in loaded for d in m.visible_decisions}
    known = [t for t in known if t.decision_id in decision_ids]
    missing = decision_ids - {t.decision_id for t in known}
    read = (
        list(Treatment.objects.filter(decision_id__in=missing).select_related("meeting"))
        if missing
        else []
    )
    treatments = latest_rounds([*known, *read])
    by_decision: dict[int, list[Treatment]] = {}
    for treatment in treatments.values():
        by_decision.setdefault(treatment.decision_id, []).append(treatment)
    for milestone in loaded:
        _apply(milestone, by_decision)
    return loaded


def _apply(milestone: Any, by_decision: dict[int, list[Treatment]]) -> None:
    body_ids = {body.pk for body in milestone.bodies.all()}
    relevant = [
        treatment
        for decision in milestone.visible_decisions
        for treatment in by_decision.get(decision.pk, [])
        if not body_ids or treatment.body_id in body_ids
    ]
    days = [
        timezone.localdate(t.meeting.starts_at)
        for t in relevant
        if t.outcome in DECIDED and t.meeting_id is not None and t.meeting is not None
    ]
    settled = bool(relevant) and all(t.outcome in DECIDED for t in relevant)
    recorded_start: datetime.date | None = min(days) if days else None
    recorded_end: datetime.date | None = max(days) if settled and days else None
    milestone.recorded_start = recorded_start
    milestone.recorded_end = recorded_end
    from_records = milestone.actual_start is None and recorded_start is not None
    milestone.progress_from_records = from_records
    if milestone.actual_start is None:
        milestone.actual_start = recorded_start
    if milestone.actual_end is None and milestone.actual_start is not None:
        end = recorded_end
        milestone.actual_end = end if end is None or end >= milestone.actual_start else None


def next_milestone(milestones: Iterable[Milestone]) -> Milestone | None:
    """The first milestone, in planned order, that is not reached (by what was recorded)."""
    return next((m for m in milestones if m.actual_end is None), None)
