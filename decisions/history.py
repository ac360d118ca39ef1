"""The public trail of every edited record: its versions, what changed, and restoring one.

django-simple-history writes one row per save (who, when, why, and every field's value); this
module reads those rows for the 'Geschiedenis' pages and writes a restore as a new save, so a
restore is itself a version with a user and a reason and nothing is ever overwritten.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from decisions.diff import FieldChange, field_changes
from decisions.models import (
    Amendment,
    Decision,
    DecisionVersion,
    FractieVote,
    Motion,
    Opinion,
    Treatment,
    Vote,
)
from decisions.services import record_check_withdraw
from milestones.models import Milestone

# Fields that say nothing to a reader: the key, and the counter for optimistic locking.
HIDDEN_FIELDS = frozenset({"id", "revision"})

ACTIONS = {
    "+": pgettext_lazy("history", "aangemaakt"),
    "~": pgettext_lazy("history", "gewijzigd"),
    "-": pgettext_lazy("history", "verwijderd"),
}

# A vote correction's reason starts with this word (decisions.services writes "Correctie: …").
CORRECTION_PREFIX = "correctie"


@dataclass(frozen=True)
class HistoryKind:
    """A record type with a history page, named in the URL (/geschiedenis/<name>/<pk>/)."""

    name: str
    model: type[models.Model]
    # Lookups from the record to the Decision it belongs to; reading requires that decision to
    # be visible. "" is the record itself (a Decision); no paths at all means public.
    decision_paths: tuple[str, ...]
    select_related: tuple[str, ...] = ()
    # A vote's totals only make sense with its per-fractie rows; it is corrected through the
    # clerk's correction flow (which rewrites both), never restored on its own.
    restorable: bool = True

    @property
    def verbose_name(self) -> str:
        return capfirst(self.model._meta.verbose_name)


KINDS: dict[str, HistoryKind] = {
    kind.name: kind
    for kind in (
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
        HistoryKind("mijlpaal", Milestone, ()),
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
    )
}

KIND_BY_MODEL: dict[type[models.Model], HistoryKind] = {kind.model: kind for kind in KINDS.values()}


def visible_records(kind: HistoryKind, user) -> QuerySet:
    """The records of this kind whose history `user` may read.

    A record that belongs to a decision is as visible as that decision (published ones for
    everyone, drafts for those allowed to see them); milestones are public.
    """
    if kind.decision_paths == ("",):
        return Decision.objects.visible_to(user).select_related(*kind.select_related)
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


# --- reading versions --------------------------------------------------------------------------


def format_moment(moment: datetime.datetime) -> str:
    """'12 juli 2022, 21.15 uur': a moment as Dutch running text, in local time."""
    local = timezone.localtime(moment)
    return gettext("%(date)s, %(time)s uur") % {
        "date": date_format(local, "j F Y"),
        "time": date_format(local, "G.i"),
    }


def user_label(user) -> str:
    """Who made a version: full name, else user name; 'systeem' for loads and scripts."""
    if user is None:
        return gettext("systeem")
    return user.get_full_name() or user.get_username()


@dataclass(frozen=True)
class Version:
    """One history row as the pages show it. `row` is the historical record itself."""

    row: Any
    history_id: int
    date: datetime.datetime
    moment: str
    user: str
    action: str
    reason: str
    is_correction: bool
    is_latest: bool
    # The version just before this one (None for the first): "what did this edit change?"
    previous_id: int | None = None

    @property
    def restorable(self) -> bool:
        """Restoring the latest version would change nothing; a deletion leaves nothing to set."""
        return not self.is_latest and self.row.history_type != "-"


def _version(row, *, is_latest: bool, previous_id: int | None = None) -> Version:
    reason = row.history_change_reason or ""
    return Version(
        row=row,
        history_id=row.history_id,
        date=row.history_date,
        moment=format_moment(row.history_date),
        user=user_label(row.history_user),
        action=str(ACTIONS.get(row.history_type, row.history_type)),
        reason=reason,
        is_correction=reason.strip().casefold().startswith(CORRECTION_PREFIX),
        is_latest=is_latest,
        previous_id=previous_id,
    )


def _versions_of(rows) -> list[Version]:
    """Versions from history rows ordered newest first."""
    rows = list(rows)
    return [
        _version(
            row,
            is_latest=index == 0,
            previous_id=rows[index + 1].history_id if index + 1 < len(rows) else None,
        )
        for index, row in enumerate(rows)
    ]


def versions(obj) -> list[Version]:
    """The record's versions, newest first, with user and reason. One query."""
    rows = obj.history.select_related("history_user").order_by("-history_date", "-history_id")
    return _versions_of(rows)


@dataclass(frozen=True)
class VoteTrail:
    """The versions of a treatment's vote and of its per-fractie rows, newest first."""

    votes: list[Version]
    fractie_votes: list[Version]


def vote_trail(treatment: Treatment) -> VoteTrail:
    """Every version of the votes on this treatment, also of votes deleted since. Two queries.

    Read from the history tables rather than from treatment.vote: a vote that was removed and
    recorded again has a new id, and the earlier one must stay visible.
    """
    votes = Vote.history.filter(treatment_id=treatment.pk).select_related("history_user")
    fractie_votes = FractieVote.history.filter(
        vote_id__in=Vote.history.filter(treatment_id=treatment.pk).values("id")
    ).select_related("history_user", "fractie")
    newest_first = ("-history_date", "-history_id")
    return VoteTrail(
        votes=_versions_of(votes.order_by(*newest_first)),
        fractie_votes=_versions_of(fractie_votes.order_by(*newest_first)),
    )


# --- comparing ---------------------------------------------------------------------------------


def compared_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields a version is compared and restored on: editable, concrete, not the key."""
    return [
        field
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key and field.name not in HIDDEN_FIELDS
    ]


def display_value(field: models.Field, value, related: dict | None = None) -> str:
    """A stored value as a reader sees it: choice labels, 'ja'/'nee', Dutch dates.

    A foreign key shows the related object from `related` (id -> object), or its bare id when
    that object is gone or was not looked up.
    """
    if value is None or value == "":
        return ""
    if field.is_relation:
        target = (related or {}).get(value)
        return str(target) if target is not None else str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return gettext("ja") if value else gettext("nee")
    if isinstance(value, datetime.datetime):
        return format_moment(value)
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    return str(value)


def compare_rows(model: type[models.Model], older, newer) -> list[FieldChange]:
    """The fields that differ between two historical rows of `model`, as readers see them.

    Related objects are looked up only for foreign keys that changed: one query per such field.
    """
    fields = compared_fields(model)
    old, new, labels = {}, {}, {}
    for field in fields:
        before, after = getattr(older, field.attname), getattr(newer, field.attname)
        labels[field.name] = capfirst(field.verbose_name)
        if before == after:
            # Equal values drop out of the diff; no need to look up or format them.
            old[field.name] = new[field.name] = ""
            continue
        related = None
        if field.is_relation:
            ids = [value for value in (before, after) if value is not None]
            related = field.related_model._base_manager.in_bulk(ids)
        old[field.name] = display_value(field, before, related)
        new[field.name] = display_value(field, after, related)
    return field_changes(old, new, labels)


def compare(obj, older_id: int, newer_id: int) -> list[FieldChange]:
    """What changed from one version of `obj` to another (both history ids of `obj`).

    Raises the history model's DoesNotExist when an id is not a version of this record.
    """
    rows = obj.history.in_bulk([older_id, newer_id], field_name="history_id")
    if older_id not in rows or newer_id not in rows:
        raise obj.history.model.DoesNotExist
    return compare_rows(type(obj), rows[older_id], rows[newer_id])


# --- restoring ---------------------------------------------------------------------------------


def restore(obj, history_id: int, *, user, reason: str):
    """Make an earlier version of `obj` current again, as a new version with user and reason.

    Sets every editable field (not many-to-many relations) from that version, validates the
    result like any other edit and saves it, all in one transaction under a row lock: on a
    ValidationError nothing is saved. Raises the history model's DoesNotExist when `history_id`
    is not a version of `obj`.
    """
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Geef een reden voor het herstel.")})
    model = type(obj)
    with transaction.atomic():
        row = obj.history.get(history_id=history_id)
        if row.history_type == "-":
            raise ValidationError(_("Een verwijderde versie kan niet worden hersteld."))
        # The stored row, locked: an edit saved since the page was loaded is not lost unseen,
        # and a Revisioned record counts on from its current revision.
        obj.refresh_from_db(from_queryset=model._default_manager.select_for_update())
        for field in compared_fields(model):
            setattr(obj, field.attname, getattr(row, field.attname))
        obj._change_reason = gettext("Hersteld naar versie van %(moment)s – %(reason)s") % {
            "moment": format_moment(row.history_date),
            "reason": reason,
        }
        obj._history_user = user
        obj.full_clean()
        obj.save()
        decision_id, municipality_id = _check_scope(obj)
        if decision_id is not None:
            record_check_withdraw(decision_id, municipality_id, user=user, reason=reason)
    return obj


def _check_scope(obj) -> tuple[int | None, int | None]:
    """The (decision, municipality) whose griffie check a change to `obj` withdraws."""
    if isinstance(obj, Opinion):
        return obj.decision_id, obj.municipality_id
    treatment = obj if isinstance(obj, Treatment) else getattr(obj, "treatment", None)
    if isinstance(treatment, Treatment):
        return treatment.decision_id, treatment.body.municipality_id
    return None, None
