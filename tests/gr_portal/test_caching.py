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
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
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
    # another app server: another client, the same Redis
    from django.test import Client

    assert Client().get(url)["X-Cache"] == "hit"
    redis.clear()


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
