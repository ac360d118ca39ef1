"""A database that is gone for a moment: one retry for a read, then a Dutch 503 with
Retry-After; no 500, no traceback in the log; /_healthz/ 503 until the database answers."""

import logging

import psycopg
import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from decisions.models import Process
from gr_portal import views
from gr_portal.dataset import load_dataset


class Flaky:
    """Stands in for a function the view calls: fails `times` times, then does its work."""

    def __init__(self, real, times: int):
        self.real, self.times, self.calls = real, times, 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        if self.calls <= self.times:
            raise OperationalError("server closed the connection unexpectedly")
        return self.real(*args, **kwargs)


def process_url():
    return reverse("process_detail", args=[Process.objects.published().first().slug])


def test_a_read_that_loses_the_database_once_is_retried(client, dataset, monkeypatch):
    flaky = Flaky(views.process_overviews, times=1)
    monkeypatch.setattr(views, "process_overviews", flaky)
    response = client.get(process_url())
    assert response.status_code == 200
    assert flaky.calls == 2


def test_a_database_that_stays_away_gets_the_dutch_503(client, dataset, monkeypatch, caplog):
    flaky = Flaky(views.process_overviews, times=5)
    monkeypatch.setattr(views, "process_overviews", flaky)
    with caplog.at_level(logging.WARNING):
        response = client.get(process_url())
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "Even niet beschikbaar" in page
    assert "Probeer het over een paar seconden opnieuw" in page
    assert "OperationalError" not in page  # no internals
    assert flaky.calls == 2  # tried once more, not in a loop
    assert not [record for record in caplog.records if record.exc_info]
    assert any("Database unavailable" in record.getMessage() for record in caplog.records)


def test_a_write_is_not_retried(client, program_office, monkeypatch):
    from milestones.planning import views as planning_views

    process = Process.objects.published().first()
    flaky = Flaky(planning_views.publish_process, times=1)
    monkeypatch.setattr(planning_views, "publish_process", flaky)
    client.force_login(program_office)
    response = client.post(reverse("planning:publish", args=[process.slug]))
    assert response.status_code == 503
    assert flaky.calls == 1


def test_a_lazily_read_session_that_fails_gets_the_503(dataset, monkeypatch, caplog):
    """The database gone while the session is read for the page's menu (lazily, while the
    template renders): 503, and the log has one line, not a traceback."""
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore

    client = Client(raise_request_exception=False)
    client.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32

    def gone(self):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(SessionStore, "load", gone)
    with caplog.at_level(logging.WARNING):
        response = client.get(reverse("login"))
    assert response.status_code == 503
    assert "Even niet beschikbaar" in response.content.decode()
    assert not [record for record in caplog.records if record.exc_info]


def test_the_error_handler_answers_503_for_an_unavailable_database(rf):
    """handler500, for a failure outside any view (a middleware): the 503 page, rendered
    without the database."""
    try:
        raise OperationalError("could not connect to server")
    except OperationalError:
        response = views.server_error(rf.get("/"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"


def test_the_log_keeps_one_line_for_an_unavailable_database():
    from gr_portal.middleware import DatabaseUnavailableFilter

    try:
        raise OperationalError("could not connect to server")
    except OperationalError:
        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error", (), None
        )
        import sys

        record.exc_info = sys.exc_info()
    assert DatabaseUnavailableFilter().filter(record)
    assert record.exc_info is None
    assert record.levelno == logging.WARNING
    assert "could not connect" in record.getMessage()


def test_other_errors_get_the_dutch_500_without_internals(dataset, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(views, "process_overviews", broken)
    client = Client(raise_request_exception=False)
    response = client.get(process_url())
    assert response.status_code == 500
    page = response.content.decode()
    assert "Er ging iets mis" in page
    assert "secret internals" not in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a real connection to break")
def test_a_real_broken_connection_is_replaced(transactional_db, client):
    """The database ends this process's connection (as a restart does): the health check says
    503 once and then 200, and a page answers 200 through the retry."""
    load_dataset()
    url = process_url()
    assert client.get(url).status_code == 200

    def terminate_own_backend():
        pid = connection.connection.info.backend_pid
        settings = connection.settings_dict
        with psycopg.connect(
            dbname=settings["NAME"],
            user=settings["USER"],
            host=settings["HOST"],
            port=settings["PORT"] or 5432,
            autocommit=True,
        ) as other:
            other.execute("SELECT pg_terminate_backend(%s)", [pid])

    terminate_own_backend()
    assert client.get(reverse("healthz")).status_code == 503
    assert client.get(reverse("healthz")).status_code == 200
    terminate_own_backend()
    assert client.get(url).status_code == 200


def test_a_download_that_cannot_start_gets_503_not_a_broken_stream(client, dataset, monkeypatch):
    """A streamed download reads its first part inside the view: the database gone at the
    start is retried and answered like any page, before any header is sent."""
    from decisions.opendata import selectors

    real = selectors.published_vote_chunks
    calls = []

    def lazily_failing(*args, **kwargs):
        calls.append(1)

        def chunks():
            if len(calls) <= times:
                raise OperationalError("server closed the connection unexpectedly")
            yield from real(*args, **kwargs)

        return chunks()

    monkeypatch.setattr(selectors, "published_vote_chunks", lazily_failing)
    times = 1
    response = client.get(reverse("opendata:votes_json"))
    assert response.status_code == 200
    assert b"vote_events" in b"".join(response.streaming_content)
    calls.clear()
    times = 5
    response = client.get(reverse("opendata:votes_csv"))
    assert response.status_code == 503
    assert not response.streaming
    assert response["Retry-After"] == "5"
