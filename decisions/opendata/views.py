"""The public downloads (mounted at /open-data/) and the page that documents them.

Only published decisions are exported, for everyone: the views never look at the user. Each
download loads its records in a fixed number of queries and hands them to the pure builders in
decisions.opendata.
"""

import csv
import json
from functools import wraps

from django.conf import settings
from django.db.models import F, Prefetch, Q, Value, Window
from django.db.models.functions import Coalesce, Lag
from django.http import HttpResponse, JsonResponse
from django.http.request import split_domain_port
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from decisions.models import Decision, FractieVote, Opinion, RecordCheck, Treatment, Vote
from decisions.opendata import builders as opendata
from decisions.selectors import load_statuses
from gr_portal.core.choices import Outcome

JSON_OPTIONS = {"ensure_ascii": False, "indent": 2}


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
    response = JsonResponse(document, json_dumps_params=JSON_OPTIONS)
    # Inline: a browser shows the JSON; saving it proposes this name.
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# --- loading -------------------------------------------------------------------------------


def published_matrix_rows(request) -> list[dict]:
    """Queries: published decisions; their treatments with body, municipality, regeling,
    meeting, version and vote; the griffies' checks — three."""
    statuses = load_statuses(Decision.objects.published())
    return opendata.matrix_rows(statuses, request.build_absolute_uri)


def _subject_paths(prefix: str) -> list[str]:
    return [
        f"{prefix}decision",
        f"{prefix}body__municipality",
        f"{prefix}meeting",
        f"{prefix}version",
    ]


def published_votes() -> list[Vote]:
    """Every vote on a published decision, whatever its subject.

    Queries: the votes with subject, treatment, decision, body, municipality, meeting and
    version (one join each); their fractie results with fractie and council term — two (one
    when there are no votes).
    """
    published = Decision.objects.published()
    return list(
        Vote.objects.filter(
            Q(treatment__decision__in=published)
            | Q(amendment__treatment__decision__in=published)
            | Q(motion__treatment__decision__in=published)
        )
        .select_related(
            *_subject_paths("treatment__"),
            *_subject_paths("amendment__treatment__"),
            *_subject_paths("motion__treatment__"),
        )
        .prefetch_related(
            Prefetch("fractie_votes", queryset=FractieVote.objects.select_related("fractie__term"))
        )
    )


def _feed_authority(request) -> str:
    """The host name in the feed's tag: URIs; a setting keeps them when the host changes."""
    configured = getattr(settings, "OPEN_DATA_TAG_AUTHORITY", "")
    return configured or split_domain_port(request.get_host())[0]


def _treatment_changes():
    """Historical treatments whose outcome, meeting or text version differs from the row before
    (or that were created with an outcome), newest first: one query, however long the history.

    The previous values come from a window function (LAG per treatment), so only changed rows
    leave the database.
    """
    history = Treatment.history.model
    order = [F("history_date").asc(), F("history_id").asc()]

    def previous(expression):
        return Window(Lag(expression), partition_by=[F("id")], order_by=order)

    meeting = Coalesce("meeting_id", Value(0))
    version = Coalesce("version_id", Value(0))
    return (
        history.objects.filter(decision__published=True)
        .annotate(
            meeting_key=meeting,
            version_key=version,
            previous_outcome=previous(F("outcome")),
            previous_meeting=previous(meeting),
            previous_version=previous(version),
        )
        .filter(
            Q(history_type="+", outcome__gt="")
            | Q(history_type="~")
            & (
                ~Q(outcome=F("previous_outcome"))
                | ~Q(meeting_key=F("previous_meeting"))
                | ~Q(version_key=F("previous_version"))
            )
        )
        .select_related("decision", "body__municipality", "body__regeling", "meeting", "version")
        .order_by("-history_date", "-history_id")[: opendata.FEED_SIZE]
    )


def _latest_history(model):
    return (
        model.history.model.objects.filter(decision__published=True)
        .select_related("decision", "municipality")
        .order_by("-history_date", "-history_id")[: opendata.FEED_SIZE]
    )


# --- views ---------------------------------------------------------------------------------


@require_GET
def open_data(request):
    """The 'Open data' page: every download with its address, format, fields and an example."""
    absolute = request.build_absolute_uri
    example_row = opendata.EXAMPLE_MATRIX_ROW
    matrix_csv_example = (
        ",".join(f.name for f in opendata.MATRIX_FIELDS)
        + "\n"
        + ",".join(
            "" if example_row[f.name] is None else str(example_row[f.name])
            for f in opendata.MATRIX_FIELDS
        )
    )
    return render(
        request,
        "decisions/opendata/opendata.html",
        {
            "urls": {
                name: absolute(reverse(f"opendata:{name}"))
                for name in ("matrix_csv", "matrix_json", "votes_csv", "votes_json", "feed")
            },
            "matrix_fields": opendata.MATRIX_FIELDS,
            "vote_fields": opendata.VOTE_FIELDS,
            "matrix_csv_example": matrix_csv_example,
            "matrix_json_example": json.dumps(
                opendata.matrix_document([example_row]), **JSON_OPTIONS
            ),
            "vote_event_example": json.dumps(
                opendata.votes_document([opendata.EXAMPLE_VOTE_EVENT]), **JSON_OPTIONS
            ),
            "results": [
                (code, Outcome(code).label, result) for code, result in opendata.RESULTS.items()
            ],
            "vote_event_fields": opendata.VOTE_EVENT_FIELDS,
            "group_results": opendata.GROUP_RESULTS,
            "count_options": opendata.COUNT_OPTIONS,
            "subjects": opendata.SUBJECTS,
            "licence_name": opendata.LICENCE_NAME,
            "licence_url": opendata.LICENCE_URL,
            "popolo_url": opendata.POPOLO_VOTE_EVENT_URL,
            "feed_size": opendata.FEED_SIZE,
        },
    )


@_public
def matrix_csv(request):
    """The status matrix as CSV. Queries: see published_matrix_rows (three)."""
    return _csv_response(
        "gr-portal-stand.csv", opendata.MATRIX_FIELDS, published_matrix_rows(request)
    )


@_public
def matrix_json(request):
    """The status matrix as JSON. Queries: see published_matrix_rows (three)."""
    return _json_response(
        "gr-portal-stand.json", opendata.matrix_document(published_matrix_rows(request))
    )


@_public
def votes_csv(request):
    """Every vote, one row per fractie. Queries: see published_votes (two)."""
    rows = opendata.vote_rows(published_votes(), request.build_absolute_uri)
    return _csv_response("gr-portal-stemmingen.csv", opendata.VOTE_FIELDS, rows)


@_public
def votes_json(request):
    """Every vote as a Popolo vote event. Queries: see published_votes (two)."""
    events = opendata.vote_events(published_votes(), request.build_absolute_uri)
    return _json_response("gr-portal-stemmingen.json", opendata.votes_document(events))


@_public
def status_feed(request):
    """The Atom feed of the latest status changes.

    Queries: changed treatment versions, zienswijze versions, griffie-check versions (each the
    newest fifty, with decision and body or municipality) — three.
    """
    authority = _feed_authority(request)
    changes = opendata.status_changes(
        _treatment_changes(),
        _latest_history(Opinion),
        _latest_history(RecordCheck),
        authority=authority,
        absolute=request.build_absolute_uri,
    )
    feed = opendata.status_feed(
        changes,
        authority=authority,
        link=request.build_absolute_uri(reverse("home")),
        feed_url=request.build_absolute_uri(reverse("opendata:feed")),
    )
    response = HttpResponse(content_type=feed.content_type)
    feed.write(response, "utf-8")
    return response
