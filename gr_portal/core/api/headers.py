"""Every answer under /api/: the API-Version header, and an error answered by Django rather than
DRF (no such path, a server error, the database unavailable) as a problem."""

from __future__ import annotations

from django.utils.translation import gettext

from gr_portal.core.api import PREFIX, VERSION
from gr_portal.core.api.problems import DETAILS, PROBLEM, problem_response

#: Headers of Django's answer kept on the problem made of it.
_KEPT = ("Retry-After", "Allow", "Vary", "Cache-Control")


class ApiMiddleware:
    """Outside everything that may answer an API request (the page cache, the database fault
    middleware, the URL resolver), so that each of their answers gets the header too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(PREFIX):
            return response
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith(
            (PROBLEM, "application/json")
        ):
            problem = problem_response(
                response.status_code, _detail(response.status_code), request.path
            )
            for header in _KEPT:
                if header in response:
                    problem[header] = response[header]
            response = problem
        response["API-Version"] = VERSION
        return response


def _detail(status_code: int) -> str:
    detail = DETAILS.get(status_code)
    return str(detail) if detail else gettext("De vraag kon niet worden beantwoord.")
