"""The OpenAPI document's shared parts, added to every operation by drf-spectacular's
post-processing hook: the API-Version, ETag and Last-Modified headers, the 304 of a conditional
request, the errors as problems (RFC 9457), and the components they refer to."""

from __future__ import annotations

from gr_portal.core.api.problems import PROBLEM, TITLES

HEADERS = {
    "API-Version": {
        "description": "De volledige versie van de API (semver).",
        "schema": {"type": "string", "example": "1.0.0"},
    },
    "ETag": {
        "description": "Versie van het antwoord, voor If-None-Match.",
        "schema": {"type": "string"},
    },
    "Last-Modified": {
        "description": "Laatste wijziging van de gegevens, voor If-Modified-Since.",
        "schema": {"type": "string"},
    },
}

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "Een fout, volgens RFC 9457 (problem details).",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "description": "Soort fout (about:blank: zie de status)."},
        "title": {"type": "string", "description": "Korte omschrijving van de soort fout."},
        "status": {"type": "integer", "description": "De HTTP-status."},
        "detail": {"type": "string", "description": "Wat er aan de hand is."},
        "instance": {"type": "string", "description": "Het pad waarover de fout gaat."},
        "invalidParams": {
            "type": "array",
            "description": "Bij 400: welke parameters ongeldig zijn, en waarom.",
            "items": {
                "type": "object",
                "required": ["name", "code", "reason"],
                "properties": {
                    "name": {"type": "string"},
                    "code": {"type": "string"},
                    "reason": {"type": "string"},
                },
            },
        },
    },
}

TOMBSTONE_SCHEMA = {
    "type": "object",
    "description": "Een object dat sinds `gewijzigdSinds` is verwijderd.",
    "required": ["id", "url", "verwijderdOp"],
    "properties": {
        "id": {"type": "string", "description": "ID van het verwijderde object."},
        "url": {"type": "string", "format": "uri", "description": "De URL die het had (nu 404)."},
        "verwijderdOp": {
            "type": "string",
            "format": "date-time",
            "description": "Wanneer het is verwijderd.",
        },
    },
}


def _version_header() -> dict:
    return {"API-Version": {"$ref": "#/components/headers/API-Version"}}


def _problem(status: int) -> dict:
    return {
        "description": str(TITLES[status]),
        "headers": _version_header(),
        "content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def add_shared_parts(result, generator, request, public):
    """drf-spectacular POSTPROCESSING_HOOKS: headers, 304 and problems on every operation."""
    components = result.setdefault("components", {})
    components.setdefault("headers", {}).update(HEADERS)
    schemas = components.setdefault("schemas", {})
    schemas["Problem"] = PROBLEM_SCHEMA
    schemas["Verwijderd"] = TOMBSTONE_SCHEMA
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, response in responses.items():
                if status.startswith("2"):
                    response["headers"] = {
                        name: {"$ref": f"#/components/headers/{name}"} for name in HEADERS
                    }
            responses["304"] = {
                "description": "Niet gewijzigd sinds If-None-Match of If-Modified-Since.",
                "headers": _version_header(),
            }
            for status in (400, 404, 405, 429, 500, 503):
                responses[str(status)] = _problem(status)
    return result
