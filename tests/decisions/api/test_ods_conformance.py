"""Every ODS-shaped body validates against the matching component schema of VNG's ODS Open
Raadsinformatie (../shared/standards/ods/openapi.yaml, 2.0.0-beta.4), with
openapi-schema-validator (OpenAPI 3.0 schemas, formats checked), and nothing fetched: the
components refer only to each other.

Our extensions are extra properties, which ODS's schemas allow (none closes its properties);
what ODS requires is there, in ODS's value lists and formats."""

from functools import cache
from pathlib import Path

import pytest
import yaml
from openapi_schema_validator import OAS30Validator, oas30_format_checker

from tests.api import every_result

ODS = Path(__file__).resolve().parents[3].parent / "shared" / "standards" / "ods" / "openapi.yaml"

#: Our resource -> ODS's component.
ODS_SHAPED = {
    "vergaderingen": "Vergadering",
    "agendapunten": "Agendapunt",
    "besluiten": "Besluit",
    "stemmingen": "Stemming",
    "stemmen": "Stem",
    "stemresultatenperfractie": "StemresultaatPerFractie",
    "fracties": "Fractie",
    "fractielidmaatschappen": "FractieLidmaatschap",
    "natuurlijkpersonen": "NatuurlijkPersoon",
    "informatieobjecten": "InformatieObject",
}


@cache
def _components() -> dict:
    if not ODS.is_file():
        pytest.skip(f"ODS's OpenAPI document is not at {ODS}")
    return yaml.safe_load(ODS.read_text())["components"]


def validator(component: str) -> OAS30Validator:
    schema = {"$ref": f"#/components/schemas/{component}", "components": _components()}
    return OAS30Validator(schema, format_checker=oas30_format_checker)


def errors(component: str, body: dict) -> list[str]:
    return [
        f"{list(error.absolute_path)}: {error.message}"
        for error in validator(component).iter_errors(body)
    ]


def test_the_ods_components_are_self_contained():
    """Nothing to fetch: no reference in the components leaves the document."""
    text = yaml.safe_dump(_components())
    assert "https://raw.githubusercontent.com" not in text


def test_a_body_without_what_ods_requires_is_refused():
    """The check can fail: a Stemming without its agendapunt, a Stem with a choice outside
    ODS's StemKeuze."""
    assert any("agendapunt" in error for error in errors("Stemming", {"url": "u", "id": "1"}))
    stem = {
        "url": "http://x/1",
        "id": "1",
        "aanwezigeDeelnemer": {"id": "1", "url": "http://x/p/1"},
        "stemming": {"id": "1", "url": "http://x/s/1"},
        "keuzeStemming": "aantekening_tegen",
    }
    assert any("keuzeStemming" in error for error in errors("Stem", stem))


@pytest.mark.parametrize(("resource", "component"), ODS_SHAPED.items())
def test_every_object_validates_against_its_ods_component(client, voted, resource, component):
    objects = every_result(client, resource)
    assert objects
    for body in objects:
        assert errors(component, body) == [], f"{resource}/{body['id']}"
