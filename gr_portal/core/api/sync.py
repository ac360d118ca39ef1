"""Incremental sync: ``gewijzigdSinds`` on every list, read from the history tables.

Every edited model keeps a historical row per save and delete (django-simple-history,
gr_portal.core.history), so "what changed since" needs no extra bookkeeping: an object is
changed when it has a historical row at or after the moment (or one of the objects it is
shown through has: a resource says which, see ResourceFilterSet.changed_since), and deleted
when its last row is a deletion and it no longer exists. Deleted objects come back as
tombstones beside the page (``verwijderd``), and only where what they belonged to is still
published: nothing unpublished appears, not even as a tombstone.
"""

from __future__ import annotations

import datetime

import django_filters
from django.db.models import Model, QuerySet

SINCE = "gewijzigdSinds"


def changed_ids(model: type[Model], since: datetime.datetime) -> QuerySet:
    """The ids of `model`'s objects with a historical row at or after `since` (a subquery)."""
    history = model.history.model  # type: ignore[attr-defined]
    return history.objects.filter(history_date__gte=since).values("id")


def deleted_rows(model: type[Model], since: datetime.datetime) -> QuerySet:
    """The deletions of `model`'s objects at or after `since`, of objects that do not exist
    now (one re-created with its old id is not deleted), oldest first."""
    history = model.history.model  # type: ignore[attr-defined]
    return (
        history.objects.filter(history_type="-", history_date__gte=since)
        .exclude(id__in=model._default_manager.values("pk"))
        .order_by("history_date", "history_id")
    )


class ResourceFilterSet(django_filters.FilterSet):
    """The filters of a list, with ``gewijzigdSinds``: the objects changed since then."""

    gewijzigdSinds = django_filters.IsoDateTimeFilter(
        method="filter_changed_since",
        help_text="Alleen wat is gewijzigd op of na dit moment (ISO 8601 met tijdzone), plus "
        "onder `verwijderd` wat sindsdien is verwijderd: voor incrementele synchronisatie.",
    )

    def filter_changed_since(self, queryset, name, value):
        return self.changed_since(queryset, value)

    def changed_since(self, queryset: QuerySet, since: datetime.datetime) -> QuerySet:
        """The objects of `queryset` changed since `since`: by default those with a historical
        row of their own; a resource shown through others (a treatment through its decision)
        adds theirs."""
        return queryset.filter(pk__in=changed_ids(queryset.model, since))
