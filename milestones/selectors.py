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

from django.db.models import QuerySet, Value
from django.utils import timezone

from decisions.models import Decision, Treatment
from decisions.status import latest_rounds
from gr_portal.core.choices import DECIDED
from milestones.models import Milestone


def with_recorded_progress(
    milestones: QuerySet[Milestone],
    user=None,
    *,
    known: Iterable[Treatment] = (),
    decisions: Iterable[Decision] = (),
) -> list[Milestone]:
    """The milestones, each with `recorded_start` and `recorded_end`: the first and last
    meeting day on which its bodies settled its decisions (`recorded_end` only once all have),
    and with the in-memory `actual_start` / `actual_end` filled from them where the
    programmabureau entered none (`progress_from_records` says which); `visible_decisions`
    holds its decisions that `user` may see (all of them without a user). For display: these
    instances are not to be saved.

    Queries: the milestones (with process); their links to decisions and to bodies (one flat
    read of both); the linked decisions that `decisions` does not already hold (visible to
    `user`); the treatments of those decisions with their meetings that `known` does not
    already hold — four, however many milestones; two when the page has loaded its visible
    decisions and their treatments (with meetings) already, as the process and home pages do.
    """
    loaded: list[Any] = list(
        milestones.select_related("process").order_by("planned_start", "title")
    )
    if not loaded:
        return loaded
    ids = [milestone.pk for milestone in loaded]
    decision_links = Milestone.decisions.through.objects.filter(milestone_id__in=ids)
    body_links = Milestone.bodies.through.objects.filter(milestone_id__in=ids)
    links = decision_links.values_list("milestone_id", "decision_id", Value("d")).union(
        body_links.values_list("milestone_id", "body_id", Value("b"))
    )
    decision_ids: dict[int, list[int]] = {}
    body_ids: dict[int, set[int]] = {}
    for milestone_id, target_id, kind in links:
        if kind == "d":
            decision_ids.setdefault(milestone_id, []).append(target_id)
        else:
            body_ids.setdefault(milestone_id, set()).add(target_id)

    visible = Decision.objects.visible_to(user) if user is not None else Decision.objects.all()
    by_pk = {decision.pk: decision for decision in decisions}
    linked = {pk for pks in decision_ids.values() for pk in pks}
    unknown = linked - by_pk.keys()
    if unknown:
        by_pk.update((d.pk, d) for d in visible.filter(pk__in=unknown))
    for milestone in loaded:
        milestone.visible_decisions = sorted(
            (by_pk[pk] for pk in decision_ids.get(milestone.pk, ()) if pk in by_pk),
            key=lambda decision: (decision.process_id, decision.sequence),
        )
        milestone.body_ids = body_ids.get(milestone.pk, set())

    shown = {pk for pk in linked if pk in by_pk}
    known = [t for t in known if t.decision_id in shown]
    missing = shown - {t.decision_id for t in known}
    read = (
        # Unordered: the default ordering joins decisions, processes and bodies only to sort.
        list(Treatment.objects.filter(decision_id__in=missing).select_related("meeting").order_by())
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
    body_ids = milestone.body_ids
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
