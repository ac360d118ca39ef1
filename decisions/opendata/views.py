"""The public downloads (mounted at /open-data/) and the page that documents them.

Only published decisions are exported, for everyone: the views never look at the user. Each
download asks opendata.selectors for its records (a fixed number of queries) and hands them to
the pure builders: matrix, popolo, feed; the page shows opendata.fields and opendata.examples.
"""

import csv
from functools import wraps

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from decisions.opendata import examples, fields, matrix, popolo, selectors
from decisions.opendata.feed import FEED_SIZE, StatusFeed

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


def _csv_response(filename: str, fields, rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.DictWriter(response, fieldnames=[field.name for field in fields])
    writer.writeheader()
    writer.writerows(rows)
    return response


def _json_response(filename: str, document: dict) -> JsonResponse:
    response = JsonResponse(document, json_dumps_params=fields.JSON_OPTIONS)
    # Inline: a browser shows the JSON; saving it proposes this name.
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def open_data(request):
    """The 'Open data' page: every download with its address, format, fields and an example.
    No queries: it documents the downloads and reads nothing."""
    return render(
        request,
        "decisions/opendata/opendata.html",
        {
            "urls": {
                name: request.build_absolute_uri(reverse(f"opendata:{name}")) for name in DOWNLOADS
            },
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
        },
    )


def _matrix_rows(request) -> list[dict]:
    return matrix.matrix_rows(selectors.published_statuses(), request.build_absolute_uri)


@_public
def matrix_csv(request):
    """The status matrix as CSV. Queries: see selectors.published_statuses (three)."""
    return _csv_response("gr-portal-stand.csv", fields.MATRIX_FIELDS, _matrix_rows(request))


@_public
def matrix_json(request):
    """The status matrix as JSON. Queries: see selectors.published_statuses (three)."""
    return _json_response("gr-portal-stand.json", matrix.matrix_document(_matrix_rows(request)))


@_public
def votes_csv(request):
    """Every vote, one row per fractie. Queries: see selectors.published_votes (two)."""
    rows = popolo.vote_rows(selectors.published_votes(), request.build_absolute_uri)
    return _csv_response("gr-portal-stemmingen.csv", fields.VOTE_FIELDS, rows)


@_public
def member_votes_csv(request):
    """Every member's own vote where recorded, one row each. Queries: see
    selectors.published_votes (three)."""
    rows = popolo.member_vote_rows(selectors.published_votes())
    return _csv_response("gr-portal-stemmen-per-lid.csv", fields.MEMBER_VOTE_FIELDS, rows)


@_public
def votes_json(request):
    """Every vote as a Popolo vote event. Queries: see selectors.published_votes (two)."""
    events = popolo.vote_events(selectors.published_votes(), request.build_absolute_uri)
    return _json_response("gr-portal-stemmingen.json", popolo.votes_document(events))


#: The Atom feed of the latest status changes. Queries: see feed.StatusFeed (four).
status_feed = _public(StatusFeed())
