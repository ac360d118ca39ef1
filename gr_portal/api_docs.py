"""The API's documentation page, /api/v1/documentatie: every resource with its paths, its
filters and its fields, drawn on the server from the OpenAPI document (drf-spectacular), in
the portal's own accessible layout. Swagger UI (/api/v1/swagger-ui) stays beside it for trying
requests out; its third-party interface does not meet WCAG 2.1 AA (nested controls, contrast),
which is why it is not the documentation."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from django.shortcuts import render
from django.views.decorators.http import require_GET
from drf_spectacular.generators import SchemaGenerator


@cache
def document() -> dict:
    """The OpenAPI document as the endpoints serve it (generated once per process)."""
    return SchemaGenerator().get_schema(request=None, public=True)


@dataclass(frozen=True)
class Row:
    name: str
    type: str
    required: bool
    description: str


@dataclass
class Resource:
    path: str
    detail: str | None
    description: str
    parameters: list[Row] = field(default_factory=list)
    fields: list[Row] = field(default_factory=list)
    component: str = ""
    kind: str = ""

    @property
    def anchor(self) -> str:
        return self.path.strip("/").replace("/", "-").replace(".", "-") or "root"


def _component(ref: str) -> str:
    return ref.rsplit("/", 1)[1]


def type_of(prop: dict, schemas: dict | None = None) -> str:
    """A property's type in words: 'string (date-time)', 'lijst van string (uri)',
    'VerwijzingNaarResource', 'string: voor, tegen, gelijk' (a value list is spelt out)."""
    schemas = schemas or {}
    if "$ref" in prop:
        name = _component(prop["$ref"])
        target = schemas.get(name, {})
        return type_of(target, schemas) if "enum" in target else name
    if "allOf" in prop:
        return " ".join(type_of(part, schemas) for part in prop["allOf"])
    kind = prop.get("type", "object")
    if kind == "array":
        return f"lijst van {type_of(prop.get('items', {}), schemas)}"
    words = kind
    if "format" in prop:
        words += f" ({prop['format']})"
    if "enum" in prop:
        words += ": " + ", ".join(str(value) for value in prop["enum"] if value not in (None, ""))
    return words


def _fields(schemas: dict, name: str) -> list[Row]:
    schema = schemas.get(name, {})
    required = set(schema.get("required", []))
    return [
        Row(prop_name, type_of(prop, schemas), prop_name in required, prop.get("description", ""))
        for prop_name, prop in schema.get("properties", {}).items()
    ]


def resources() -> list[Resource]:
    """The resources in the order of the document, each with its list and object paths."""
    spec = document()
    schemas = spec["components"]["schemas"]
    found: dict[str, Resource] = {}
    for path, operations in spec["paths"].items():
        operation = operations["get"]
        base = path.removesuffix("/{id}")
        if path.endswith("/{id}"):
            if base in found:
                found[base].detail = path
            continue
        resource = Resource(path, None, operation.get("description", ""))
        resource.parameters = [
            Row(
                parameter["name"],
                type_of(parameter.get("schema", {}), schemas),
                bool(parameter.get("required")),
                parameter.get("description", ""),
            )
            for parameter in operation.get("parameters", [])
        ]
        content = operation["responses"]["200"].get("content", {})
        if "application/json" in content:
            schema = content["application/json"]["schema"]
            listing = schemas.get(_component(schema.get("$ref", "#/x")), {})
            items = listing.get("properties", {}).get("results", {}).get("items", {})
            if "$ref" in items:
                resource.component = _component(items["$ref"])
                resource.fields = _fields(schemas, resource.component)
                resource.kind = "ODS" if resource.component in ODS_COMPONENTS else "uitbreiding"
        else:
            resource.kind = ", ".join(content)
        found[path] = resource
    return list(found.values())


#: The components named and shaped as in ODS Open Raadsinformatie; the others are extensions.
ODS_COMPONENTS = {
    "Vergadering",
    "Agendapunt",
    "Besluit",
    "Stemming",
    "Stem",
    "StemresultaatPerFractie",
    "Fractie",
    "FractieLidmaatschap",
    "NatuurlijkPersoon",
    "InformatieObject",
}


@require_GET
def documentation(request):
    """No queries: the document describes the API and reads no data."""
    spec = document()
    return render(
        request,
        "api/documentation.html",
        {
            "info": spec["info"],
            "server": spec["servers"][0]["url"],
            "resources": resources(),
        },
    )
