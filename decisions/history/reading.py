"""Reading the trail of a record: its versions, newest first, and what changed between two.

django-simple-history writes one row per save (who, when, why, whether it was a correction, and
every field's value); this module turns those rows into what the 'Geschiedenis' pages show.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, cast

from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Case, OuterRef, Subquery, Value, When
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext_lazy

from councils.models import ClerkMembership
from councils.roles import CLERK, COUNCIL_MEMBER, PROGRAM_OFFICE
from decisions.models import FractieVote, Treatment, Vote
from gr_portal.core.history import reason_text
from gr_portal.core.periods import format_moment
from gr_portal.core.textdiff import FieldChange, field_changes

# Fields that say nothing to a reader: the key, and the counter for optimistic locking.
HIDDEN_FIELDS = frozenset({"id", "revision"})

ACTIONS = {
    "+": pgettext_lazy("history", "aangemaakt"),
    "~": pgettext_lazy("history", "gewijzigd"),
    "-": pgettext_lazy("history", "verwijderd"),
}


def with_roles(rows):
    """History rows annotated with their user's role for the public page (security audit
    F15: login names are no one's business): the role group that says most (programmabureau,
    then griffie, then raadslid) and, for a griffie, its municipality. No extra query."""
    groups = Group.objects.filter(user=OuterRef("history_user")).order_by(
        Case(
            When(name=PROGRAM_OFFICE, then=Value(0)),
            When(name=CLERK, then=Value(1)),
            When(name=COUNCIL_MEMBER, then=Value(2)),
            default=Value(3),
        )
    )
    municipalities = ClerkMembership.objects.filter(user=OuterRef("history_user")).order_by(
        "municipality__name"
    )
    return rows.annotate(
        role_group=Subquery(groups.values("name")[:1]),
        role_municipality=Subquery(municipalities.values("municipality__name")[:1]),
    )


def role_label(group: str | None, municipality: str | None) -> str:
    """ "Programmabureau", "Griffie Dordrecht", "Raadslid"; "Beheerder" for anyone else."""
    if group == PROGRAM_OFFICE:
        return gettext("Programmabureau")
    if group == CLERK and municipality:
        return gettext("Griffie %(municipality)s") % {"municipality": municipality}
    if group == COUNCIL_MEMBER:
        return gettext("Raadslid")
    return gettext("Beheerder")


def user_label(row, *, with_name: bool = False) -> str:
    """Who made a version: the role, and for signed-in readers also the name; 'systeem' for
    loads and scripts."""
    user = row.history_user
    if user is None:
        return gettext("systeem")
    role = role_label(getattr(row, "role_group", None), getattr(row, "role_municipality", None))
    if not with_name:
        return role
    return f"{user.get_full_name() or user.get_username()} ({role})"


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


def _version(row, *, is_latest: bool, previous_id: int | None = None, user: str = "") -> Version:
    return Version(
        row=row,
        history_id=row.history_id,
        date=row.history_date,
        moment=format_moment(row.history_date),
        user=user,
        action=str(ACTIONS.get(row.history_type, row.history_type)),
        reason=reason_text(row),
        is_correction=bool(row.history_is_correction),
        is_latest=is_latest,
        previous_id=previous_id,
    )


def _versions_of(rows, *, with_names: bool = False) -> list[Version]:
    """Versions from history rows ordered newest first, with who made them (with_roles)."""
    rows = list(with_roles(rows))
    return [
        _version(
            row,
            is_latest=index == 0,
            previous_id=rows[index + 1].history_id if index + 1 < len(rows) else None,
            user=user_label(row, with_name=with_names),
        )
        for index, row in enumerate(rows)
    ]


def shows_names(viewer) -> bool:
    """Whether `viewer` reads who made a version by name: anyone signed in (accounts are made
    for the portal's staff and role holders); anonymous visitors read the role only."""
    return bool(viewer is not None and viewer.is_authenticated)


def versions(obj, *, with_names: bool = False) -> list[Version]:
    """The record's versions, newest first, with who (role; the name `with_names`) and
    reason. One query."""
    rows = obj.history.select_related("history_user").order_by("-history_date", "-history_id")
    return _versions_of(rows, with_names=with_names)


@dataclass(frozen=True)
class VoteTrail:
    """The versions of a treatment's vote and of its per-fractie rows, newest first."""

    votes: list[Version]
    fractie_votes: list[Version]


def vote_trail(treatment: Treatment, *, with_names: bool = False) -> VoteTrail:
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
        votes=_versions_of(votes.order_by(*newest_first), with_names=with_names),
        fractie_votes=_versions_of(fractie_votes.order_by(*newest_first), with_names=with_names),
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
    old: dict[str, str] = {}
    new: dict[str, str] = {}
    labels: dict[str, str] = {}
    for field in fields:
        before, after = getattr(older, field.attname), getattr(newer, field.attname)
        labels[field.name] = capfirst(str(field.verbose_name))
        if before == after:
            # Equal values drop out of the diff; no need to look up or format them.
            old[field.name] = new[field.name] = ""
            continue
        related = None
        if field.is_relation:
            ids = [value for value in (before, after) if value is not None]
            target = cast(type[models.Model], field.related_model)
            related = target._base_manager.in_bulk(ids)
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


def changes_since_revision(model: type[models.Model], loaded_revision: int, current) -> tuple:
    """What changed between the revision a user loaded and the stored record (optimistic
    locking refused a save): the changed fields as label, old and new value, and the newest
    history row (who saved in between, and when). Two queries."""
    newest = current.history.select_related("history_user").first()
    labels = {f.name: f.verbose_name for f in model._meta.fields}
    if loaded_revision == 0 and newest is not None:
        # The user loaded the form before the record existed: everything in it is new.
        return [
            {"label": labels[f.name], "old": "", "new": str(getattr(current, f.name))}
            for f in model._meta.fields
            if not f.is_relation
            and f.editable
            and f.name != "id"
            and getattr(current, f.name) not in (None, "")
        ], newest
    loaded = current.history.filter(revision=loaded_revision).first()
    if loaded is None or newest is None:
        return [], newest
    changes = [
        {"label": labels.get(change.field, change.field), "old": change.old, "new": change.new}
        for change in newest.diff_against(loaded, excluded_fields=["revision"]).changes
    ]
    return changes, newest
