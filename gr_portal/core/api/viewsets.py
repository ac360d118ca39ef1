"""The base of every resource: read-only, anonymous, rate-limited, paged in a stable order, and
synced with ``gewijzigdSinds`` (tombstones beside the first page)."""

from __future__ import annotations

import builtins
import datetime
import heapq
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.throttling import AnonRateThrottle

from gr_portal.core.api.pagination import Pages
from gr_portal.core.api.serializers import absolute
from gr_portal.core.api.sync import SINCE, ResourceFilterSet, deleted_rows
from gr_portal.core.throttling import client_ip

#: A historical row's type in ODS's words (Vergadering.wijziging).
CHANGE_WORDS = {"+": "Toevoeging", "~": "Aanpassing", "-": "Verwijdering"}


@dataclass(frozen=True)
class Change:
    """One line of the change stream: what changed, when, and why (with whether it corrected
    an earlier record). Who made it is not told."""

    resource: str
    id: str
    change: str
    at: datetime.datetime
    reason: str
    correction: bool

    @classmethod
    def of(cls, resource: str, key: str, row) -> Change:
        return cls(
            resource=resource,
            id=key,
            change=CHANGE_WORDS[row.history_type],
            at=row.history_date,
            reason=row.history_change_reason or "",
            correction=bool(getattr(row, "history_is_correction", False)),
        )


def in_chunks(queryset: QuerySet, size: int) -> Iterator:
    """The objects of `queryset` (ordered by id) `size` at a time by keyset paging: memory
    bounded by one chunk, the queryset's queries once per chunk."""
    last = None
    while True:
        chunk = queryset if last is None else queryset.filter(pk__gt=last)
        objects = builtins.list(chunk[:size])
        yield from objects
        if len(objects) < size:
            return
        last = objects[-1].pk


class PublicThrottle(AnonRateThrottle):
    """Every client, logged in or not, is anonymous here (the API reads no session); counted
    per address behind the portal's own proxies (TRUSTED_PROXIES), as the logins are."""

    scope = "anon"

    def get_ident(self, request) -> str:
        return client_ip(request)


class ResourceViewSet(viewsets.ReadOnlyModelViewSet):
    """A list and its objects. A subclass sets queryset (already restricted to what is
    published, with what its serializer reads loaded in a fixed number of queries),
    serializer_class and filterset_class, and says in ``deleted_scope`` which deleted rows
    may be told (default: none)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [PublicThrottle]
    renderer_classes = [JSONRenderer]
    pagination_class = Pages
    lookup_value_regex = r"[0-9]+"
    filterset_class: type[ResourceFilterSet]
    #: The order of the list: ids ascending, so that paging is stable.
    ordering: tuple[str, ...] = ("pk",)

    def dispatch(self, request, *args, **kwargs):
        # One language for the data, whatever the visitor's cookie: the API speaks Dutch, as
        # ODS does (and one cached answer serves every client).
        with translation.override(settings.LANGUAGE_CODE):
            return super().dispatch(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().order_by(*self.ordering)

    #: Whether every deletion may be told (what the list shows is public as a whole, such as
    #: the municipalities); otherwise deleted_scope says which.
    public_deletions = False

    def deleted_scope(self, rows: QuerySet) -> QuerySet:
        """Of the historical deletion rows, those that may be told: whose object belonged to
        something still published. All with public_deletions, else none by default."""
        return rows if self.public_deletions else rows.none()

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        objects = self.paginate_queryset(queryset)
        return self.page_response(self.get_serializer(objects, many=True).data)

    def page_response(self, data):
        """The page of `data`, with the tombstones on the first page of a sync."""
        pages = cast(Pages, self.paginator)
        since = self._since(self.request)
        deleted = None
        if since is not None and pages.page is not None and pages.page.number == 1:
            deleted = self.tombstones(since)
        return pages.get_paginated_response(data, deleted)

    def _since(self, request):
        if SINCE not in request.query_params:
            return None
        filterset = self.filterset_class(request.query_params, queryset=self.get_queryset())
        return filterset.form.cleaned_data.get(SINCE) if filterset.is_valid() else None

    #: Objects read at a time by iter_objects.
    CHUNK = 500

    def iter_objects(self) -> Iterator:
        """Every object of the list, a chunk at a time (in_chunks: the list is ordered by id)."""
        return in_chunks(self.get_queryset(), self.CHUNK)

    def changes(self, since) -> Iterator[Change]:
        """Every recorded change since `since` of what this list shows (its objects' historical
        rows) and the deletions it may tell (deleted_scope), oldest first: the change stream.
        Two queries, read as they are sent."""
        model = self.get_queryset().model
        history = model.history.model.objects
        shown = (
            history.filter(history_date__gte=since, id__in=self.get_queryset().values("pk"))
            .exclude(history_type="-")
            .order_by("history_date", "history_id")
        )
        deleted = self.deleted_scope(deleted_rows(model, since))
        return heapq.merge(
            (Change.of(self.basename, str(row.id), row) for row in shown.iterator()),
            (Change.of(self.basename, str(row.id), row) for row in deleted.iterator()),
            key=lambda change: change.at,
        )

    def tombstones(self, since) -> builtins.list[dict]:
        model = self.get_queryset().model
        rows = self.deleted_scope(deleted_rows(model, since))
        view_name = f"api:{self.basename}-detail"
        seen: dict[int, dict] = {}
        for row in rows:
            seen[row.id] = {
                "id": str(row.id),
                "url": absolute(self.request, view_name, str(row.id)),
                "verwijderdOp": serializers.DateTimeField().to_representation(row.history_date),
            }
        return list(seen.values())
