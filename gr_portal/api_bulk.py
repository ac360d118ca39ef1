"""The API in bulk, for whoever wants everything at once: an NDJSON snapshot of every
resource, an NDJSON change stream built from the history tables (with the reason for each
change and whether it corrected an earlier record), and one ZIP of the CSV and JSON downloads
with a README that carries the format's version.

Everything published and nothing else: the snapshot reads each resource's own list (the
viewsets of councils.api, decisions.api and milestones.api), the change stream each list's
history (ResourceViewSet.changes). Both are streamed, a chunk of objects at a time.
"""

from __future__ import annotations

import datetime
import heapq
import io
import json
import zipfile
from collections.abc import Iterator

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone, translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from decisions.opendata import views as downloads
from decisions.opendata.fields import LICENCE_URL
from gr_portal.api_routes import ROUTES
from gr_portal.core.api import VERSION
from gr_portal.core.api.viewsets import PublicThrottle, ResourceViewSet

#: The bulk formats' version: raised when a line's shape changes.
FORMAT_VERSION = "1.0.0"
NDJSON = "application/x-ndjson"


def _resources(request) -> Iterator[tuple[str, ResourceViewSet]]:
    """Every resource of the router, as (path, a viewset ready to read its list)."""
    for prefix, viewset_class, basename in ROUTES:
        viewset = viewset_class()
        viewset.request = request
        viewset.format_kwarg = None
        viewset.args, viewset.kwargs = (), {}
        viewset.basename = basename
        viewset.action = "list"
        yield prefix, viewset


def _line(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def _head(kind: str) -> dict:
    return {
        "formaat": kind,
        "versie": FORMAT_VERSION,
        "apiVersie": VERSION,
        "gemaakt": timezone.localtime().isoformat(),
        "licentie": LICENCE_URL,
    }


def snapshot_lines(request) -> Iterator[str]:
    """The head, then one line per object: ``{"bron": <path>, "object": {...}}``, resource by
    resource, each in the order of its list."""
    yield _line(_head("gr-portal-snapshot"))
    for prefix, viewset in _resources(request):
        serializer = viewset.get_serializer_class()
        context = viewset.get_serializer_context()
        for obj in viewset.iter_objects():
            yield _line({"bron": prefix, "object": serializer(obj, context=context).data})


def change_lines(request, since: datetime.datetime) -> Iterator[str]:
    """The head, then one line per change since `since`, oldest first, over all resources."""
    yield _line({**_head("gr-portal-wijzigingen"), "gewijzigdSinds": since.isoformat()})
    paths = {}
    streams = []
    for prefix, viewset in _resources(request):
        paths[viewset.basename] = prefix
        streams.append(viewset.changes(since))
    for change in heapq.merge(*streams, key=lambda change: change.at):
        yield _line(
            {
                "bron": paths[change.resource],
                "id": change.id,
                "wijziging": change.change,
                "op": timezone.localtime(change.at).isoformat(),
                "reden": change.reason,
                "correctie": change.correction,
            }
        )


def _streamed(lines: Iterator[str], filename: str) -> StreamingHttpResponse:
    def dutch() -> Iterator[str]:
        with translation.override(settings.LANGUAGE_CODE):
            yield from lines

    response = StreamingHttpResponse(dutch(), content_type=f"{NDJSON}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class _BulkView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [PublicThrottle]


class SnapshotView(_BulkView):
    @extend_schema(
        operation_id="bulk_snapshot",
        tags=["bulk"],
        description="Alles wat de API publiceert, als NDJSON: eerst een regel met formaat, "
        'versie en moment, dan per object een regel `{"bron": ..., "object": ...}`, bron '
        "voor bron, elk object zoals zijn lijst het geeft.",
        responses={(200, NDJSON): OpenApiResponse(OpenApiTypes.STR, description="NDJSON.")},
    )
    def get(self, request):
        return _streamed(snapshot_lines(request), "gr-portal-snapshot.ndjson")


class _SinceSerializer(serializers.Serializer):
    gewijzigdSinds = serializers.DateTimeField(required=True)


class ChangesView(_BulkView):
    @extend_schema(
        operation_id="bulk_changes",
        tags=["bulk"],
        description="Elke wijziging sinds `gewijzigdSinds`, oudste eerst, over alle bronnen, "
        "uit de geschiedenis: per regel bron, id, wijziging (Toevoeging, Aanpassing, "
        "Verwijdering), moment, reden en of het een correctie was. Alleen wat gepubliceerd "
        "is.",
        parameters=[
            OpenApiParameter(
                "gewijzigdSinds",
                OpenApiTypes.DATETIME,
                required=True,
                description="Vanaf dit moment (ISO 8601 met tijdzone).",
            )
        ],
        responses={(200, NDJSON): OpenApiResponse(OpenApiTypes.STR, description="NDJSON.")},
    )
    def get(self, request):
        given = _SinceSerializer(data=request.query_params)
        if not given.is_valid():
            raise ValidationError(given.errors)
        since = given.validated_data["gewijzigdSinds"]
        return _streamed(change_lines(request, since), "gr-portal-wijzigingen.ndjson")


README = """GR Portal: open data in bulk
============================

Formaatversie: {version} (API {api})
Gemaakt: {made}
Licentie: {licence}

Wat erin zit
------------
stand.csv, stand.json            de stand per besluit en gemeente (zie /open-data/#stand)
stemmingen.csv                   alle stemmingen, een regel per fractie per stemming
stemmingen.json                  alle stemmingen als Popolo vote events, ook die van de
                                 algemene besturen, gewogen
stemmen-per-lid.csv              de stem van elk raadslid, waar vastgelegd
snapshot.ndjson                  elk object van de API (/api/v1/), een regel per object

Alles is UTF-8. De velden zijn beschreven op /open-data/ en in de documentatie van de API
(/api/v1/documentatie). Alleen gepubliceerde besluiten. De formaatversie gaat omhoog zodra
de vorm van een bestand verandert.
"""


class ArchiveView(_BulkView):
    @extend_schema(
        operation_id="bulk_archive",
        tags=["bulk"],
        description="Eén ZIP met de CSV- en JSON-downloads, het snapshot en een README met "
        "de formaatversie.",
        responses={
            (200, "application/zip"): OpenApiResponse(OpenApiTypes.BINARY, description="ZIP.")
        },
    )
    def get(self, request):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(
                "README.txt",
                README.format(
                    version=FORMAT_VERSION,
                    api=VERSION,
                    made=timezone.localtime().isoformat(timespec="seconds"),
                    licence=LICENCE_URL,
                ),
            )
            django_request = request._request
            for name, view in (
                ("stand.csv", downloads.matrix_csv),
                ("stand.json", downloads.matrix_json),
                ("stemmingen.csv", downloads.votes_csv),
                ("stemmingen.json", downloads.votes_json),
                ("stemmen-per-lid.csv", downloads.member_votes_csv),
            ):
                response = view(django_request)
                archive.writestr(name, b"".join(response.streaming_content))
            with archive.open("snapshot.ndjson", "w") as snapshot:
                for line in snapshot_lines(request):
                    snapshot.write(line.encode())
        response = HttpResponse(buffer.getvalue(), content_type="application/zip")
        response["Content-Disposition"] = 'attachment; filename="gr-portal-open-data.zip"'
        return response
