"""The API's documentation page: every resource of the OpenAPI document with its paths, its
filters and its fields (value lists spelt out), in the portal's layout, no queries."""

from django.urls import reverse

from gr_portal.api_docs import document, type_of


def test_the_page_lists_every_path_with_its_parameters_and_fields(
    client, db, django_assert_num_queries
):
    with django_assert_num_queries(0):
        page = client.get(reverse("api:docs")).content.decode()
    for path in document()["paths"]:
        assert f"<code>{path.removesuffix('/{id}')}</code>" in page or path in page
    assert "gewijzigdSinds" in page
    assert "<code>fractiestemresultaat</code>" in page
    assert "string: aangenomen, verworpen, verdeeld" in page
    assert 'href="/api/v1/swagger-ui"' in page


def test_types_are_worded():
    schemas = {"Keuze": {"type": "string", "enum": ["voor", "tegen"]}}
    assert type_of({"type": "string", "format": "date"}) == "string (date)"
    assert type_of({"type": "array", "items": {"type": "string", "format": "uri"}}) == (
        "lijst van string (uri)"
    )
    assert type_of({"allOf": [{"$ref": "#/components/schemas/Keuze"}]}, schemas) == (
        "string: voor, tegen"
    )
    assert type_of({"$ref": "#/components/schemas/VerwijzingNaarResource"}, schemas) == (
        "VerwijzingNaarResource"
    )
