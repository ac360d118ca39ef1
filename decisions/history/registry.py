"""The record types with a public history page (/geschiedenis/<soort>/<id>/), and who may read one.

Each app registers its own kinds: decisions registers its records below; milestones registers
its milestones when it is ready (milestones.apps), so that this module, a layer below, never
imports them. A record that belongs to a decision is as visible as that decision.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q, QuerySet
from django.utils.text import capfirst

from decisions.models import (
    Amendment,
    Decision,
    DecisionVersion,
    Motion,
    Opinion,
    Process,
    Treatment,
    Vote,
)


@dataclass(frozen=True)
class HistoryKind:
    """A record type with a history page, named in the URL (/geschiedenis/<name>/<pk>/)."""

    name: str
    model: type[models.Model]
    # Lookups from the record to the Decision it belongs to; reading requires that decision to
    # be visible. "" is the record itself (a Decision).
    decision_paths: tuple[str, ...]
    select_related: tuple[str, ...] = ()
    # A vote's totals only make sense with its per-fractie rows; it is corrected through the
    # clerk's correction flow (which rewrites both), never restored on its own.
    restorable: bool = True
    # For a record that belongs to no decision: the records of this kind `user` may see.
    visible: Callable[[Any], QuerySet] | None = None

    @property
    def verbose_name(self) -> str:
        return capfirst(str(self.model._meta.verbose_name))


KINDS: dict[str, HistoryKind] = {}
KIND_BY_MODEL: dict[type[models.Model], HistoryKind] = {}


def register(kind: HistoryKind) -> HistoryKind:
    """Give records of `kind.model` a history page under /geschiedenis/<kind.name>/."""
    existing = KINDS.get(kind.name)
    if existing is not None and existing != kind:
        raise ValueError(f"history kind {kind.name!r} is registered twice")
    KINDS[kind.name] = kind
    KIND_BY_MODEL[kind.model] = kind
    return kind


for _kind in (
    HistoryKind(
        "behandeling",
        Treatment,
        ("decision",),
        # body for str(treatment), vote for the link to the vote's own page
        ("decision", "body__municipality", "body__regeling", "vote"),
    ),
    HistoryKind("amendement", Amendment, ("treatment__decision",), ("treatment__decision",)),
    HistoryKind("motie", Motion, ("treatment__decision",), ("treatment__decision",)),
    HistoryKind("zienswijze", Opinion, ("decision",), ("decision", "municipality")),
    HistoryKind("besluit", Decision, ("",)),
    HistoryKind("tekstversie", DecisionVersion, ("decision",), ("decision",)),
    HistoryKind(
        "stemming",
        Vote,
        (
            "treatment__decision",
            "amendment__treatment__decision",
            "motion__treatment__decision",
        ),
        (
            "treatment__decision",
            "amendment__treatment__decision",
            "motion__treatment__decision",
        ),
        restorable=False,
    ),
):
    register(_kind)


def visible_records(kind: HistoryKind, user) -> QuerySet:
    """The records of this kind whose history `user` may read.

    A record that belongs to a decision is as visible as that decision (published ones for
    everyone, drafts for those allowed to see them); a kind without decision paths (a
    milestone) registers its own visibility rule as `visible`.
    """
    if kind.decision_paths == ("",):
        return Decision.objects.visible_to(user).select_related(*kind.select_related)
    if kind.visible is not None:
        return kind.visible(user).select_related(*kind.select_related)
    queryset = kind.model._default_manager.select_related(*kind.select_related)
    if not kind.decision_paths:
        return queryset
    visible = Decision.objects.visible_to(user)
    condition = Q()
    for path in kind.decision_paths:
        condition |= Q(**{f"{path}__in": visible})
    return queryset.filter(condition)


def decision_of(kind: HistoryKind, obj) -> Decision | None:
    """The decision a record belongs to (for the way back), or None for a milestone."""
    for path in kind.decision_paths:
        target = obj
        for part in filter(None, path.split("__")):
            target = getattr(target, part, None)
            if target is None:
                break
        if target is not None:
            return target
    return None


def regeling_ids_of(kind: HistoryKind, obj) -> list[int]:
    """The regelingen of the process a record belongs to: whose programmabureau may restore it
    (councils.access.may_maintain). One query."""
    decision = decision_of(kind, obj)
    process_id = decision.process_id if decision is not None else getattr(obj, "process_id", None)
    if process_id is None:
        return []
    return list(
        Process.regelingen.through.objects.filter(process_id=process_id).values_list(
            "regeling_id", flat=True
        )
    )
