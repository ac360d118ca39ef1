"""Errors as application/problem+json (RFC 9457), as the API Design Rules require.

Two ways in: DRF's own errors (a bad filter, an unknown object, a method not allowed, the rate
limit) through :func:`exception_handler`; and what Django answers before or after DRF (no such
path, a server error, the database unavailable) through gr_portal.core.api.headers, which turns
those answers under /api/ into problems too.
"""

from __future__ import annotations

import json
import math

from django.http import HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

#: How a page number past the last page is answered (gr_portal.core.api.pagination).
PAGE_MISSING = "Deze pagina bestaat niet"

PROBLEM = "application/problem+json"

TITLES = {
    400: _("Ongeldige vraag"),
    404: _("Niet gevonden"),
    405: _("Methode niet toegestaan"),
    406: _("Formaat niet beschikbaar"),
    429: _("Te veel verzoeken"),
    500: _("Interne fout"),
    503: _("Tijdelijk niet beschikbaar"),
}

DETAILS = {
    404: _("Dit adres of object bestaat niet (of is niet gepubliceerd)."),
    500: _("Er ging iets mis aan onze kant. Probeer het later opnieuw."),
    503: _("De gegevens zijn even niet bereikbaar. Probeer het zo opnieuw."),
}


def problem_body(status_code: int, detail: str, instance: str, **extra) -> dict:
    """The members of a problem: type, title, status, detail and the path it is about."""
    title = TITLES.get(status_code)
    body = {
        "type": "about:blank",
        "title": str(title) if title else str(status_code),
        "status": status_code,
        "detail": detail,
        "instance": instance,
    }
    body.update(extra)
    return body


def problem_response(status_code: int, detail: str, instance: str) -> HttpResponse:
    """A Django response carrying a problem (outside DRF)."""
    body = problem_body(status_code, detail, instance)
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status_code, content_type=PROBLEM
    )


def _invalid_params(detail) -> list[dict]:
    """A validation error's messages per parameter, as Open Zaak and the Objects API give them."""
    if not isinstance(detail, dict):
        return [{"name": "nonFieldErrors", "code": "invalid", "reason": str(detail)}]
    params = []
    for name, messages in detail.items():
        for message in messages if isinstance(messages, list) else [messages]:
            params.append(
                {"name": name, "code": getattr(message, "code", "invalid"), "reason": str(message)}
            )
    return params


def exception_handler(exc, context):
    """DRF's errors as problems; anything else is raised on (None), for Django to answer: the
    database fault middleware answers 503, the rest is a 500 — both made problems on the way
    out (gr_portal.core.api.headers)."""
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    request = context["request"]
    extra = {}
    if isinstance(exc, exceptions.ValidationError):
        detail = gettext("Een of meer parameters zijn ongeldig.")
        extra["invalidParams"] = _invalid_params(exc.detail)
    elif isinstance(exc, exceptions.Throttled):
        detail = gettext("Te veel verzoeken. Probeer het over %(seconds)s seconden opnieuw.") % {
            "seconds": math.ceil(getattr(exc, "wait", None) or 1)
        }
    elif response.status_code == 404 and not str(getattr(exc, "detail", "")).startswith(
        PAGE_MISSING
    ):
        detail = str(DETAILS[404])  # not Django's or DRF's English words for a missing object
    else:
        detail = str(getattr(exc, "detail", exc))
    body = problem_body(response.status_code, detail, request.path, **extra)
    problem = Response(body, status=response.status_code, headers=dict(response.items()))
    problem.content_type = PROBLEM
    return problem


#: For the schema: the statuses every operation documents as problems.
ERROR_STATUSES = (status.HTTP_400_BAD_REQUEST, 404, 405, 429, 500, 503)
