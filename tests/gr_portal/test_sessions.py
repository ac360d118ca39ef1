"""A signed-in session ends on time and warns before it does (gr_portal.accounts.sessions;
WCAG 2.2.1): the end is kept in the session, the dialog's button extends it, a page asked for
after the end logs out and says why."""

import time

import pytest
from django.urls import reverse

from gr_portal.accounts.sessions import EXPIRES_KEY

pytestmark = pytest.mark.django_db


def test_signing_in_sets_the_end_of_the_session(client, settings, council_member):
    before = int(time.time())
    client.post(reverse("login"), {"username": "raadslid", "password": "test-password"})
    expires = client.session[EXPIRES_KEY]
    assert (
        before + settings.SESSION_COOKIE_AGE <= expires <= time.time() + settings.SESSION_COOKIE_AGE
    )
    page = client.get("/").content.decode()
    assert f'data-expires-at="{expires}"' in page
    assert f'data-warn-seconds="{settings.SESSION_WARNING_SECONDS}"' in page
    assert "js/session.js" in page


def test_anonymous_pages_carry_no_session_dialog(client, dataset):
    assert "session-timeout" not in client.get("/").content.decode()


def test_the_dialogs_button_extends_the_session(client, council_member):
    client.force_login(council_member)
    session = client.session
    session[EXPIRES_KEY] = int(time.time()) + 10
    session.save()
    response = client.post(reverse("session_extend"))
    assert response.status_code == 200
    assert response.json()["expiresAt"] > time.time() + 60
    assert client.session[EXPIRES_KEY] == response.json()["expiresAt"]
    assert client.get(reverse("session_extend")).status_code == 405


def test_a_page_asked_for_after_the_end_logs_out_and_says_why(client, council_member):
    client.force_login(council_member)
    session = client.session
    session[EXPIRES_KEY] = int(time.time()) - 1
    session.save()
    response = client.get("/stand/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "Uw sessie was verlopen" in page
