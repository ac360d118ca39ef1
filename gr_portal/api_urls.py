"""The open-data API at /api/v1/: each app's resources (councils.api, decisions.api,
milestones.api) under one router, the OpenAPI document and its documentation page."""

from django.urls import path
from drf_spectacular.views import (
    SpectacularJSONAPIView,
    SpectacularSwaggerSplitView,
    SpectacularYAMLAPIView,
)
from rest_framework.routers import DefaultRouter

from gr_portal import api_bulk, api_docs
from gr_portal.api_routes import ROUTES

app_name = "api"


class Router(DefaultRouter):
    """No trailing slashes (API Design Rules, /core/no-trailing-slash); the root lists the
    resources."""

    include_format_suffixes = False

    def __init__(self):
        super().__init__(trailing_slash=False)


router = Router()
for prefix, viewset, basename in ROUTES:
    router.register(prefix, viewset, basename=basename)

urlpatterns = [
    path("bulk/snapshot.ndjson", api_bulk.SnapshotView.as_view(), name="bulk-snapshot"),
    path("bulk/wijzigingen.ndjson", api_bulk.ChangesView.as_view(), name="bulk-changes"),
    path("bulk/open-data.zip", api_bulk.ArchiveView.as_view(), name="bulk-archive"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema-json"),
    path("openapi.yaml", SpectacularYAMLAPIView.as_view(), name="schema-yaml"),
    path("documentatie", api_docs.documentation, name="docs"),
    path(
        "swagger-ui",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema-json", template_name="api/swagger_ui.html"
        ),
        name="swagger",
    ),
    *router.urls,
]
