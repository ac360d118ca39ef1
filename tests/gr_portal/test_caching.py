"""Public pages cached for anonymous visitors and answered 304 when unchanged; a write shows at
once; logged-in users never get a cached page; Redis shares the cache where configured."""

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse

from councils.models import Municipality
from decisions.models import Process, Treatment
from gr_portal.core.models import current
from tests.recording import record_vote

pytestmark = pytest.mark.page_cache


def process_url():
    return reverse("process_detail", args=[Process.objects.published().first().slug])


def test_a_public_page_is_rendered_once_then_served_from_the_cache(
    client, dataset, django_assert_num_queries
):
    url = process_url()
    first = client.get(url)
    assert first["X-Cache"] == "miss"
    # the data version only: nothing is rendered
    with django_assert_num_queries(1):
        second = client.get(url)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Cache-Control"] == "public, no-cache"
    assert "Cookie" in second["Vary"]


def test_an_unchanged_page_is_answered_304_without_rendering(
    client, dataset, django_assert_num_queries
):
    url = process_url()
    first = client.get(url)
    with django_assert_num_queries(1):
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


@pytest.mark.parametrize("name", ["opendata:votes_json", "opendata:matrix_csv", "opendata:feed"])
def test_downloads_and_feeds_answer_304_too(client, dataset, name):
    first = client.get(reverse(name))
    assert first.status_code == 200
    assert first.has_header("ETag")
    assert client.get(reverse(name), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_a_clerks_save_shows_at_once(client, dataset):
    """The version is raised in the transaction of the write: the next request misses."""
    url = reverse("decision_detail", args=["concept-gr-tekst-2022"])
    before = client.get(url)
    version = current()[0]
    treatment = Treatment.objects.select_related("body__municipality", "decision").get(
        decision__slug="concept-gr-tekst-2022",
        body__municipality__slug="dordrecht",
        body__kind="council",
        round=1,
    )
    record_vote(treatment, day=12)
    assert current()[0] > version
    after = client.get(url)
    assert after["X-Cache"] == "miss"
    assert after["ETag"] != before["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200


def test_any_write_raises_the_version(dataset):
    version = current()[0]
    municipality = Municipality.objects.get(slug="sliedrecht")
    municipality.save()
    assert current()[0] == version + 1


def test_a_logged_in_user_never_gets_a_cached_page(client, dataset, council_member):
    url = process_url()
    public = client.get(url)
    assert public["X-Cache"] == "miss"
    client.force_login(council_member)
    own = client.get(url)
    assert not own.has_header("X-Cache")
    assert "Uitloggen" in own.content.decode()
    assert "Uitloggen" not in public.content.decode()
    client.logout()
    assert "Uitloggen" not in client.get(url).content.decode()


def test_each_language_has_its_own_page(client, dataset):
    from django.conf import settings

    url = process_url()
    dutch = client.get(url).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url)
    assert english["X-Cache"] == "miss"
    assert english.content.decode() != dutch


def test_pages_with_private_answers_are_not_cached(client, dataset):
    assert not client.get(reverse("login")).has_header("X-Cache")
    assert not client.get("/trajecten/bestaat-niet/").has_header("X-Cache")


def test_the_language_switch_works_without_a_token(client, dataset):
    """The switch is the one form of a public page; it carries no CSRF token, so the page is
    the same for everyone (a forged switch can only change the language)."""
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302


REDIS = {
    "default": {
        "BACKEND": "gr_portal.cache_backends.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/13",
        "KEY_PREFIX": "grportal-test",
    }
}


@override_settings(CACHES=REDIS)
def test_with_redis_every_app_server_shares_the_cache(client, dataset):
    redis = caches["default"]
    redis.clear()
    url = process_url()
    assert client.get(url)["X-Cache"] == "miss"
    keys = redis._cache.get_client().keys("grportal-test:*")
    assert keys
    # another app server: its own cache connection to the same Redis reads the same page
    from django.test import Client

    from gr_portal.cache_backends import RedisCache

    elsewhere = RedisCache(REDIS["default"]["LOCATION"], {"KEY_PREFIX": "grportal-test"})
    assert elsewhere._cache is not redis._cache
    stored = [key.decode().removeprefix("grportal-test:1:") for key in keys]
    assert all(elsewhere.get(key) is not None for key in stored)
    assert Client().get(url)["X-Cache"] == "hit"
    redis.clear()


@override_settings(CACHES=REDIS)
def test_the_redis_client_is_made_once_per_connection_pool():
    """Django's client makes a redis.Redis per call; ours keeps one (a third of a hit)."""
    redis = caches["default"]._cache
    assert redis.get_client() is redis.get_client()
    assert redis.get_client(write=True) is redis.get_client()


def test_a_hit_is_sent_compressed_as_stored_and_plain_to_who_takes_no_gzip(client, dataset):
    import gzip

    url = process_url()
    plain = client.get(url)
    compressed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert compressed["X-Cache"] == "miss"
    again = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert again["X-Cache"] == "hit"
    assert again["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in again["Vary"]
    assert gzip.decompress(again.content) == plain.content
    assert again["ETag"] != plain["ETag"]  # two representations, two tags
    assert client.get(url)["X-Cache"] == "hit"
    assert not client.get(url).has_header("Content-Encoding")


def test_a_transaction_raises_the_version_once_and_a_rollback_not_at_all(dataset):
    from django.db import transaction

    municipality = Municipality.objects.get(slug="sliedrecht")
    version = current()[0]
    with transaction.atomic():
        municipality.save()
        municipality.save()
    assert current()[0] == version + 1
    try:
        with transaction.atomic():
            municipality.save()
            raise RuntimeError("refused")
    except RuntimeError:
        pass
    assert current()[0] == version + 1
    with transaction.atomic():
        municipality.save()
    assert current()[0] == version + 2


def test_data_written_in_bulk_shows_at_once_too(client, dataset):
    """The loaders write in bulk (no signals) and raise the version themselves."""
    from bench.synthetic import build

    before = client.get(reverse("home"))
    build(1)
    after = client.get(reverse("home"))
    assert after["X-Cache"] == "miss"
    assert after.content != before.content


def test_a_version_that_cannot_be_read_leaves_the_answer_to_the_page(client, dataset, monkeypatch):
    """The cache asks the database first; when it is gone, the page behind it answers (and
    gets the Dutch 503 the same way as without the cache)."""
    from django.db import OperationalError

    from gr_portal import caching, views

    def gone():
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(caching, "current", gone)
    assert client.get(process_url()).status_code == 200  # the database is back for the page
    monkeypatch.setattr(views, "process_overviews", lambda *a, **k: gone())
    response = client.get(process_url())
    assert response.status_code == 503
    assert response["Retry-After"] == "5"


def test_a_streamed_download_is_kept_once_sent_whole(client, dataset, django_assert_num_queries):
    url = reverse("opendata:votes_json")
    first = client.get(url)
    assert first.streaming
    assert first["X-Cache"] == "miss"
    sent = b"".join(first.streaming_content)
    with django_assert_num_queries(1):  # the data version only
        second = client.get(url)
    assert second["X-Cache"] == "hit"
    assert second.content == sent
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Disposition"] == first["Content-Disposition"]


def test_a_download_not_sent_whole_or_too_large_is_not_kept(client, dataset, monkeypatch):
    from gr_portal import caching

    url = reverse("opendata:matrix_csv")
    unread = client.get(url)
    next(iter(unread.streaming_content))  # the client goes away after the first part
    assert client.get(url)["X-Cache"] == "miss"

    monkeypatch.setattr(caching, "MAX_BYTES", 100)
    url = reverse("opendata:votes_csv")
    whole = client.get(url)
    assert len(b"".join(whole.streaming_content)) > 100
    assert client.get(url)["X-Cache"] == "miss"


def test_the_local_copies_are_bounded_by_bytes_and_drop_the_least_used():
    from gr_portal.caching import LocalPages

    local = LocalPages(max_bytes=1000)
    local.put("a", (b"x" * 200, ()))
    local.put("b", (b"x" * 200, ()))
    local.put("c", (b"x" * 200, ()))
    assert local.get("a") is not None  # used: now the most recent
    local.put("d", (b"x" * 200, ()))
    local.put("e", (b"x" * 200, ()))  # 1,000 bytes: everything still fits
    local.put("f", (b"x" * 200, ()))  # over: b, the least recently used, goes
    assert local.get("b") is None
    assert all(local.get(key) is not None for key in "acdef")
    local.put("big", (b"x" * 300, ()))  # more than a quarter: the shared cache only
    assert local.get("big") is None


def test_a_restored_database_that_counts_from_one_again_gets_new_keys(client, dataset):
    """The key holds the version's time as well as its number."""
    from gr_portal.core.models import DataVersion

    url = process_url()
    first = client.get(url)
    row = DataVersion.objects.get(pk=1)
    DataVersion.objects.filter(pk=1).update(changed_at=row.changed_at.replace(year=2030))
    again = client.get(url)
    assert again["X-Cache"] == "miss"
    assert again["ETag"] != first["ETag"]


@pytest.mark.django_db(transaction=True)
def test_the_version_read_is_the_connections_health_check(monkeypatch):
    """On a persistent connection, one round trip: the version query stands in for Django's
    SELECT 1; when it fails the connection is replaced and the query asked again."""
    from django.db import OperationalError, connections

    from gr_portal.core import models

    conn = connections["default"]
    current()  # connected
    enabled = conn.health_check_enabled
    checks = []
    monkeypatch.setattr(type(conn), "is_usable", lambda self: checks.append(1) or True)
    try:
        conn.health_check_enabled = True
        conn.health_check_done = False
        current()
        assert checks == []
        assert conn.health_check_done

        real = models._read_current
        calls = []

        def broken_once():
            calls.append(1)
            if len(calls) == 1:
                raise OperationalError("server closed the connection unexpectedly")
            return real()

        monkeypatch.setattr(models, "_read_current", broken_once)
        closed = []
        real_close = type(conn).close
        monkeypatch.setattr(type(conn), "close", lambda self: closed.append(1) or real_close(self))
        conn.health_check_done = False
        assert current()[0] >= 0
        assert calls == [1, 1]
        assert closed == [1]
    finally:
        conn.health_check_enabled = enabled
