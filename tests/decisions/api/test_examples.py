"""The API's examples on the 'Open data' page are written by hand; they must have the keys and
the shape of the real answers (and the page must show them)."""

from django.urls import reverse
from django.utils import timezone

from decisions.api.examples import EXAMPLE_STEMMING, EXAMPLE_STEMRESULTAAT, EXAMPLE_SYNC
from decisions.models import Amendment
from tests.api import api


def _shape(value):
    """Keys and types, recursively; a reference or URL is a string like any other."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    return type(value).__name__


def test_the_stemming_example_has_the_shape_of_a_real_stemming(client, voted):
    real = api(client, f"stemmingen/{voted.vote.pk}")
    example = {**EXAMPLE_STEMMING, "stemmen": real["stemmen"]}
    assert _shape(example) == _shape(real)
    assert sorted(EXAMPLE_STEMMING) == sorted(real)


def test_the_fractie_example_has_the_shape_of_a_real_result(client, voted):
    real = api(client, "stemresultatenperfractie")["results"][0]
    assert _shape(EXAMPLE_STEMRESULTAAT) == _shape(real)


def test_the_sync_example_has_the_shape_of_a_real_sync(client, voted):
    moment = timezone.now()
    Amendment.objects.get(treatment=voted).delete()
    real = api(client, "informatieobjecten", gewijzigdSinds=moment.isoformat())
    assert _shape(EXAMPLE_SYNC) == _shape(real)


def test_the_open_data_page_documents_the_api(client, db):
    page = client.get(reverse("opendata:index")).content.decode()
    assert 'href="http://testserver/api/v1/documentatie"' in page
    assert "gewijzigdSinds" in page
    assert "&quot;stemresultatenPerFractie&quot;" in page
