"""Page-number paging: a stable order (the viewsets order by id, so a row added while a client
pages through lands on a later page, never twice or in a gap), at most MAX_PAGE_SIZE objects a
page, ODS's ``next`` and ``previous`` with the ``count``, and the tombstones of a sync."""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from gr_portal.core.api.problems import PAGE_MISSING

PAGE_SIZE = 100
MAX_PAGE_SIZE = 500


class Pages(PageNumberPagination):
    page_size = PAGE_SIZE
    page_query_param = "pagina"
    page_size_query_param = "paginaGrootte"
    max_page_size = MAX_PAGE_SIZE
    page_query_description = "Het nummer van de pagina (vanaf 1)."
    page_size_query_description = (
        f"Aantal objecten per pagina (standaard {PAGE_SIZE}, hoogstens {MAX_PAGE_SIZE})."
    )
    invalid_page_message = PAGE_MISSING + "."

    def get_paginated_response(self, data, deleted=None):
        assert self.page is not None  # called after paginate_queryset
        body = {
            "count": self.page.paginator.count,
            "next": self.get_next_link(),
            "previous": self.get_previous_link(),
            "results": data,
        }
        if deleted is not None:
            body["verwijderd"] = deleted
        return Response(body)

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "results"],
            "properties": {
                "count": {"type": "integer", "description": "Aantal objecten op alle pagina's."},
                "next": {
                    "type": "string",
                    "format": "uri",
                    "nullable": True,
                    "description": "De volgende pagina.",
                },
                "previous": {
                    "type": "string",
                    "format": "uri",
                    "nullable": True,
                    "description": "De vorige pagina.",
                },
                "results": schema,
                "verwijderd": {
                    "type": "array",
                    "description": "Alleen bij `gewijzigdSinds`, op de eerste pagina: wat "
                    "sindsdien is verwijderd.",
                    "items": {"$ref": "#/components/schemas/Verwijderd"},
                },
            },
        }
