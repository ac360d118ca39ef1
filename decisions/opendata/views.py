"""The public downloads (mounted at /open-data/) and the page that documents them.

Only published decisions are exported, for everyone: the views never look at the user. Each
download asks opendata.selectors for its records (a fixed number of queries) and hands them to
the pure builders: matrix, popolo, feed; the page shows opendata.fields and opendata.examples.
"""

import csv
import functools
import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from functools import wraps

from django.conf import settings
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET

from councils.models import Municipality
from decisions.api import examples as api_examples
from decisions.models import Process
from decisions.opendata import examples, fields, matrix, popolo, selectors
from decisions.opendata.feed import FEED_SIZE, StatusFeed
from gr_portal.core.api.pagination import MAX_PAGE_SIZE
from gr_portal.core.spreadsheet import safe_row

DOWNLOADS = ("matrix_csv", "matrix_json", "votes_csv", "member_votes_csv", "votes_json", "feed")


def _public(view):
    """A GET-only download, the same for every visitor: in Dutch whatever language the visitor
    chose (names such as 'Gemeenteraad Dordrecht' are data), and fetchable by any site (CORS)."""

    @require_GET
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapper


class _Echo:
    """A file-like object whose write() returns what it was given: csv.writer then yields
    each line instead of keeping it."""

    def write(self, value: str) -> str:
        return value


def _streamed_csv(filename: str, fields, rows: Iterable[dict]) -> StreamingHttpResponse:
    """A CSV download written as it is read: the header, then each row, no cell a formula
    (gr_portal.core.spreadsheet)."""
    names = [field.name for field in fields]
    writer = csv.DictWriter(_Echo(), fieldnames=names)

    def lines() -> Iterator[str]:
        yield writer.writeheader()
        for row in rows:
            yield writer.writerow(safe_row(row))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _chunked(build: Callable[[list], list], chunks: Iterable[list]) -> Iterator:
    """The builder's output for each chunk of votes in turn: one chunk in memory at a time.

    The first chunk is read here, inside the view: a database that is unavailable when the
    download starts is answered as on any page (tried once more, else the Dutch 503), not after
    the headers have gone out with a broken body."""
    chunks = iter(chunks)
    first = next(chunks, None)
    return _built(build, chunks if first is None else itertools.chain([first], chunks))


def _built(build: Callable[[list], list], chunks: Iterable[list]) -> Iterator:
    """In Dutch, as every download: a streamed body is built after the view has returned,
    outside the language _public chose, so it chooses it again here."""
    with translation.override(settings.LANGUAGE_CODE):
        for chunk in chunks:
            yield from build(chunk)


@require_GET
def open_data(request):
    """The 'Open data' page: every download with its address, format, fields and an example.
    No queries: it documents the downloads and reads nothing."""
    origin = f"{request.scheme}://{request.get_host()}"
    return render(
        request,
        "decisions/opendata/opendata.html",
        {
            "feed_url": request.build_absolute_uri(reverse("opendata:feed")),
            "documentation": _documentation(
                translation.get_language(), origin, get_script_prefix()
            ),
        },
    )


@functools.lru_cache(maxsize=16)
def _documentation(language: str, origin: str, prefix: str) -> SafeString:
    """The page's body. It documents the downloads from the code alone (their addresses,
    fields, examples and licence), so in one language on one host it is the same for every
    request: rendered once per process. Rendering it was nine tenths of the page's time
    (bench/pages.py); the host is one that ALLOWED_HOSTS let through, so the entries are few.
    """

    def address(name: str) -> str:
        return origin + reverse(name)

    return render_to_string(
        "decisions/opendata/documentation.html",
        {
            "urls": {name: address(f"opendata:{name}") for name in DOWNLOADS},
            "matrix_fields": fields.MATRIX_FIELDS,
            "vote_fields": fields.VOTE_FIELDS,
            "member_vote_fields": fields.MEMBER_VOTE_FIELDS,
            "matrix_csv_example": examples.matrix_csv_example(),
            "matrix_json_example": examples.matrix_json_example(),
            "vote_event_example": examples.vote_event_example(),
            "results": fields.popolo_results(),
            "vote_event_fields": fields.VOTE_EVENT_FIELDS,
            "group_results": fields.GROUP_RESULTS,
            "count_options": fields.COUNT_OPTIONS,
            "subjects": fields.SUBJECTS,
            "licence_name": fields.LICENCE_NAME,
            "licence_url": fields.LICENCE_URL,
            "popolo_url": fields.POPOLO_VOTE_EVENT_URL,
            "feed_size": FEED_SIZE,
            "api": {
                "root": address("api:api-root"),
                "docs": address("api:docs"),
                "openapi_json": address("api:schema-json"),
                "openapi_yaml": address("api:schema-yaml"),
                "stemming": api_examples.example(api_examples.EXAMPLE_STEMMING),
                "stemresultaat": api_examples.example(api_examples.EXAMPLE_STEMRESULTAAT),
                "sync": api_examples.example(api_examples.EXAMPLE_SYNC),
                "max_page_size": MAX_PAGE_SIZE,
                "snapshot": address("api:bulk-snapshot"),
                "changes": address("api:bulk-changes")
                + "?gewijzigdSinds=2022-01-01T00:00:00%2B01:00",
                "archive": address("api:bulk-archive"),
            },
        },
    )


def _scope(request) -> selectors.Scope:
    """?traject=<slug> and ?gemeente=<slug>: one process, one municipality (404 when unknown or
    unpublished)."""
    process = municipality = None
    if slug := request.GET.get("traject"):
        process = get_object_or_404(Process.objects.published(), slug=slug)
    if slug := request.GET.get("gemeente"):
        municipality = get_object_or_404(Municipality, slug=slug)
    return selectors.Scope(process=process, municipality=municipality)


def _matrix_rows(request, scope: selectors.Scope) -> Iterator[dict]:
    """The matrix's rows, a few decisions at a time (selectors.published_status_chunks)."""
    here = scope.municipality.pk if scope.municipality is not None else None

    def rows(statuses):
        return matrix.matrix_rows(statuses, request.build_absolute_uri, municipality_id=here)

    return _chunked(rows, selectors.published_status_chunks(scope))


@_public
def matrix_csv(request):
    """The status matrix as CSV, streamed. Queries: the decisions' ids, then four per ten
    decisions (selectors.published_status_chunks)."""
    scope = _scope(request)
    name = f"gr-portal-stand{scope.suffix}.csv"
    return _streamed_csv(name, fields.MATRIX_FIELDS, _matrix_rows(request, scope))


def _streamed_json(
    filename: str, document: dict, key: str, items: Iterable
) -> StreamingHttpResponse:
    """A JSON document written as it is read: `document` with the list under `key` filled from
    `items`, one at a time."""
    head = json.dumps({**document, key: []}, **fields.JSON_OPTIONS)
    opening, closing = head.rsplit("[]", 1)

    def parts() -> Iterator[str]:
        yield opening + "["
        for index, item in enumerate(items):
            text = json.dumps(item, **fields.JSON_OPTIONS).replace("\n", "\n    ")
            yield ("," if index else "") + "\n    " + text
        yield "\n  ]" + closing

    response = StreamingHttpResponse(parts(), content_type="application/json")
    # Inline: a browser shows the JSON; saving it proposes this name.
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@_public
def matrix_json(request):
    """The status matrix as JSON, streamed. Queries: as matrix_csv."""
    scope = _scope(request)
    return _streamed_json(
        f"gr-portal-stand{scope.suffix}.json",
        matrix.matrix_document([]),
        "rows",
        _matrix_rows(request, scope),
    )


@_public
def votes_csv(request):
    """Every vote, one row per fractie, streamed a few decisions at a time. Queries: see
    selectors.published_vote_chunks (one, then four per chunk)."""
    scope = _scope(request)

    def rows(votes):
        return popolo.vote_rows(votes, request.build_absolute_uri)

    chunks = selectors.published_vote_chunks(scope)
    name = f"gr-portal-stemmingen{scope.suffix}.csv"
    return _streamed_csv(name, fields.VOTE_FIELDS, _chunked(rows, chunks))


@_public
def member_votes_csv(request):
    """Every member's own vote where recorded, one row each, streamed. Queries: see
    selectors.published_vote_chunks."""
    scope = _scope(request)
    chunks = selectors.published_vote_chunks(scope)
    name = f"gr-portal-stemmen-per-lid{scope.suffix}.csv"
    return _streamed_csv(name, fields.MEMBER_VOTE_FIELDS, _chunked(popolo.member_vote_rows, chunks))


@_public
def votes_json(request):
    """Every vote as a Popolo vote event, streamed: the document's head, then the councils'
    events a few decisions at a time, the algemene besturen's weighted votes, then its tail.
    Queries: see selectors.published_vote_chunks, and two for the weighted votes."""
    scope = _scope(request)

    def events(votes):
        return popolo.vote_events(votes, request.build_absolute_uri)

    def board_events():
        # After the councils' votes: the algemene besturen's, weighted (two queries).
        yield from popolo.board_vote_events(
            selectors.published_board_votes(scope), request.build_absolute_uri
        )

    return _streamed_json(
        f"gr-portal-stemmingen{scope.suffix}.json",
        popolo.votes_document([]),
        "vote_events",
        itertools.chain(_chunked(events, selectors.published_vote_chunks(scope)), board_events()),
    )


#: The Atom feed of the latest status changes. Queries: see feed.StatusFeed (six to eight).
status_feed = _public(StatusFeed())
