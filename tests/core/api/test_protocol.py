"""The API's protocol, whatever the resource: API-Version on every answer, errors as
application/problem+json (400, 404, 405, 429, 500, 503), CORS for GET from any origin without
credentials, conditional requests (ETag, Last-Modified, 304) and stable paging with a cap."""

import pytest
from django.db import OperationalError
from django.test import Client

from councils.api.serializers import MunicipalitySerializer
from councils.models import Municipality
from gr_portal.core.api import VERSION
from gr_portal.core.api.pagination import MAX_PAGE_SIZE
from gr_portal.core.api.viewsets import PublicThrottle

PROBLEM = "application/problem+json"


def _problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    assert response["API-Version"] == VERSION
    body = response.json()
    assert body["status"] == status
    assert body["title"]
    assert body["detail"]
    assert body["instance"] == response.wsgi_request.path
    return body


def test_every_answer_carries_the_api_version(client, dataset):
    for path in ("/api/v1/", "/api/v1/gemeenten", "/api/v1/gemeenten/1", "/api/v1/openapi.json"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["API-Version"] == VERSION == "1.0.0"
    assert "API-Version" not in client.get("/")  # the pages are no API


def test_a_bad_filter_is_a_400_problem_naming_the_parameter(client, dataset):
    body = _problem(client.get("/api/v1/gemeenten", {"gewijzigdSinds": "gisteren"}), 400)
    assert [param["name"] for param in body["invalidParams"]] == ["gewijzigdSinds"]
    assert body["detail"] == "Een of meer parameters zijn ongeldig."
    body = _problem(
        client.get("/api/v1/vergaderingen", {"vergaderdatumVanaf": "volgende week"}), 400
    )
    assert body["invalidParams"][0]["name"] == "vergaderdatumVanaf"


def test_unknown_objects_paths_and_pages_are_404_problems(client, dataset):
    assert "bestaat niet" in _problem(client.get("/api/v1/gemeenten/999999"), 404)["detail"]
    _problem(client.get("/api/v1/bestaat-niet"), 404)
    _problem(client.get("/api/v1/gemeenten/"), 404)  # no trailing slashes
    assert _problem(client.get("/api/v1/gemeenten", {"pagina": 99}), 404)["detail"] == (
        "Deze pagina bestaat niet."
    )
    _problem(client.get("/api/v1/informatieobjecten/amendement-999999"), 404)


def test_writing_is_a_405_problem(client, dataset):
    for method in (client.post, client.put, client.patch, client.delete):
        _problem(method("/api/v1/gemeenten/1", {}, content_type="application/json"), 405)


def test_too_many_requests_are_a_429_problem_with_retry_after(client, dataset, monkeypatch):
    monkeypatch.setattr(PublicThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    for _ in range(3):
        assert client.get("/api/v1/regelingen").status_code == 200
    response = client.get("/api/v1/regelingen")
    body = _problem(response, 429)
    assert int(response["Retry-After"]) > 0
    assert "seconden" in body["detail"]


def test_a_server_error_is_a_500_problem_without_a_traceback(dataset, monkeypatch):
    def broken(self, municipality):
        raise RuntimeError("kapot")

    monkeypatch.setattr(MunicipalitySerializer, "get_tooi", broken)
    response = Client(raise_request_exception=False).get("/api/v1/gemeenten")
    body = _problem(response, 500)
    assert "kapot" not in response.content.decode()
    assert "Traceback" not in body["detail"]


def test_the_database_gone_is_a_503_problem_with_retry_after(dataset, monkeypatch):
    def gone(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(MunicipalitySerializer, "get_tooi", gone)
    response = Client(raise_request_exception=False).get("/api/v1/gemeenten")
    _problem(response, 503)
    assert int(response["Retry-After"]) > 0


def test_cors_lets_any_origin_read_without_credentials(client, dataset):
    response = client.get("/api/v1/gemeenten", headers={"Origin": "https://krant.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "API-Version" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/gemeenten",
        headers={"Origin": "https://krant.example", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 200
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    # The portal's own pages are not opened to other origins.
    page = client.get("/", headers={"Origin": "https://krant.example"})
    assert "Access-Control-Allow-Origin" not in page


@pytest.mark.page_cache
def test_a_conditional_request_is_answered_304_until_the_data_changes(client, dataset):
    first = client.get("/api/v1/gemeenten")
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]
    assert first["Cache-Control"] == "public, no-cache"
    again = client.get("/api/v1/gemeenten", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again["API-Version"] == VERSION
    assert (
        client.get("/api/v1/gemeenten", headers={"If-Modified-Since": modified}).status_code == 304
    )
    dordrecht = Municipality.objects.get(slug="dordrecht")
    dordrecht.population += 1
    dordrecht.save()
    changed = client.get("/api/v1/gemeenten", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_the_page_size_is_capped_and_the_order_stable(client, dataset):
    body = client.get("/api/v1/natuurlijkpersonen", {"paginaGrootte": 10_000}).json()
    assert len(body["results"]) == min(body["count"], MAX_PAGE_SIZE)
    ids = [int(obj["id"]) for obj in body["results"]]
    assert ids == sorted(ids)


def test_paging_while_rows_are_added_has_no_duplicates_and_no_gaps(client, dataset):
    """A client pages through the municipalities while new ones are registered: every
    municipality that was there at the start is seen exactly once."""
    before = set(Municipality.objects.values_list("pk", flat=True))
    seen: list[int] = []
    page = 1
    while True:
        body = client.get("/api/v1/gemeenten", {"pagina": page, "paginaGrootte": 50}).json()
        seen.extend(int(obj["id"]) for obj in body["results"])
        Municipality.objects.create(
            name=f"Nieuwe gemeente {page}", slug=f"nieuw-{page}", cbs_code=f"GM9{page:03d}"
        )
        if not body["next"]:
            break
        page += 1
    assert len(seen) == len(set(seen))
    assert before <= set(seen)


def test_the_rate_limit_counts_per_client_behind_the_portals_proxy(
    client, dataset, monkeypatch, settings
):
    """Behind a trusted proxy every client has its own count (gr_portal.core.throttling); an
    untrusted sender cannot choose an address by sending X-Forwarded-For."""
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    monkeypatch.setattr(PublicThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(2):
        assert (
            client.get("/api/v1/regelingen", HTTP_X_FORWARDED_FOR="192.0.2.7", **proxy).status_code
            == 200
        )
    assert (
        client.get("/api/v1/regelingen", HTTP_X_FORWARDED_FOR="192.0.2.7", **proxy).status_code
        == 429
    )
    assert (
        client.get("/api/v1/regelingen", HTTP_X_FORWARDED_FOR="192.0.2.8", **proxy).status_code
        == 200
    )
    # Not from the proxy: the header is ignored, the sender's own address counts.
    stranger = {"REMOTE_ADDR": "198.51.100.5"}
    for forged in ("192.0.2.20", "192.0.2.21"):
        assert (
            client.get("/api/v1/regelingen", HTTP_X_FORWARDED_FOR=forged, **stranger).status_code
            == 200
        )
    assert (
        client.get("/api/v1/regelingen", HTTP_X_FORWARDED_FOR="192.0.2.22", **stranger).status_code
        == 429
    )
