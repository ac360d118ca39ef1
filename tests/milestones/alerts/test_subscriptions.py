"""Following by e-mail (issue 14 item 1, 5, 6 in part): subscribe without an account, a
confirmation message sent by the background worker to a real SMTP server (aiosmtpd) after the
request, with both parts and the one-click unsubscribe headers; confirm, unsubscribe and manage
from the signed links; a temporary SMTP failure retried and delivered once; the subscribe form
limited so that nobody fills a third party's inbox; unconfirmed addresses deleted."""

import datetime
import time

import pytest
from django.core import signing
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from councils.models import Municipality
from milestones.alerts import services, targets, tokens
from milestones.models import Subscription
from tests.milestones.alerts.smtp import PORTAL, parts, run_worker


def _path(url: str) -> str:
    assert url.startswith(PORTAL), url
    return url.removeprefix(PORTAL)


def _subscribe(client, email="Raadslid@Example.nl", **target):
    target = target or {"gemeente": "dordrecht"}
    return client.post(
        reverse("alerts:subscribe"),
        {"email": email, "frequency": "immediate", "language": "nl", **target},
    )


def test_subscribe_confirm_and_unsubscribe_in_one_click(client, world, smtp):
    page = client.get(reverse("alerts:subscribe"), {"gemeente": "dordrecht"})
    assert page.status_code == 200
    assert "Dordrecht volgen" in page.content.decode()

    response = _subscribe(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("alerts:sent") + "?gemeente=dordrecht"
    assert smtp.messages == []  # nothing is sent inside the request
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    subscription = Subscription.objects.get()
    assert subscription.email == "raadslid@example.nl"
    assert subscription.confirmed_at is None
    assert "Kijk in uw e-mail" in client.get(response["Location"]).content.decode()

    run_worker()

    [message] = smtp.messages
    assert message["To"] == "raadslid@example.nl"
    assert message["Subject"] == "Bevestig dat u Dordrecht wilt volgen"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = "".join(str(message["List-Unsubscribe"]).split()).strip("<>")
    body = parts(message)
    assert set(body) == {"text/plain", "text/html"}
    confirm_url = next(
        line for line in body["text/plain"].splitlines() if "/volgen/bevestigen/" in line
    )
    assert unsubscribe_url in body["text/plain"]
    assert f'href="{confirm_url}"' in body["text/html"]

    # Opening the link confirms nothing (a mail scanner may open it); the button does.
    shown = client.get(_path(confirm_url))
    assert shown.status_code == 200
    assert "Bevestigen" in shown.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None
    confirmed = client.post(_path(confirm_url))
    assert "U volgt Dordrecht" in confirmed.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None

    # RFC 8058: the mail client posts without a CSRF token.
    strict = Client(enforce_csrf_checks=True)
    gone = strict.post(
        _path(unsubscribe_url),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert gone.status_code == 200
    assert "U bent afgemeld" in gone.content.decode()
    assert not Subscription.objects.exists()


def test_a_temporary_smtp_failure_is_retried_and_delivered_once(client, world, smtp):
    smtp.refuse = 1
    _subscribe(client)
    run_worker()
    assert len(smtp.messages) == 1
    results = list(DBTaskResult.objects.order_by("enqueued_at"))
    assert [result.status for result in results] == ["SUCCESSFUL", "SUCCESSFUL"]
    assert [result.return_value for result in results] == ["retry in 0 s", "sent"]
    run_worker()
    assert len(smtp.messages) == 1  # never twice


def test_a_confirmed_address_gets_no_second_confirmation(client, world, smtp):
    _subscribe(client)
    run_worker()
    Subscription.objects.update(confirmed_at=timezone.now())
    _subscribe(client)
    run_worker()
    assert len(smtp.messages) == 1
    assert Subscription.objects.count() == 1


@pytest.mark.django_db
def test_the_form_refuses_what_it_cannot_follow_and_says_what_is_wrong(client, dataset):
    assert client.get(reverse("alerts:subscribe")).status_code == 404
    assert client.get(reverse("alerts:subscribe"), {"gemeente": "atlantis"}).status_code == 404
    response = _subscribe(client, email="geen-adres")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Voer een geldig e-mailadres in." in page
    assert 'value="geen-adres"' in page  # what was typed is shown again
    assert not Subscription.objects.exists()


@pytest.mark.django_db
@override_settings(ALERTS_SUBSCRIBE_PER_EMAIL=3, ALERTS_SUBSCRIBE_PER_ADDRESS=5)
def test_the_form_is_limited_per_e_mail_address_and_per_client(
    client, dataset, django_capture_on_commit_callbacks
):
    """A third party's address gets at most three messages a day, whoever asks; one client
    at most five subscriptions an hour."""
    slugs = list(Municipality.objects.order_by("slug").values_list("slug", flat=True)[:6])
    with django_capture_on_commit_callbacks() as queued:
        for slug in slugs[:4]:
            response = _subscribe(client, email="slachtoffer@example.nl", gemeente=slug)
            assert response.status_code == 302  # the same answer, over the limit or not
    messages = [c for c in queued if c.__qualname__.startswith("subscribe.")]
    assert len(messages) == 3
    assert Subscription.objects.count() == 3
    assert _subscribe(client, email="ander@example.nl", gemeente=slugs[4]).status_code == 302
    refused = _subscribe(client, email="ander@example.nl", gemeente=slugs[5])
    assert refused.status_code == 429
    assert "Te veel aanmeldingen vanaf dit adres" in refused.content.decode()


@pytest.mark.django_db
def test_a_confirm_link_expires_and_a_forged_link_is_refused(client, dataset, settings):
    target = targets.find("gemeente", "dordrecht")
    subscription = services.subscribe("a@example.nl", target, frequency="daily", language="en")
    token = tokens.confirm_token(subscription)
    assert tokens.read_confirm(token) == (subscription.pk, "a@example.nl")
    later = time.time() + (settings.ALERTS_CONFIRM_HOURS + 1) * 3600
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: later)
        assert tokens.read_confirm(token) is None
    # An unsubscribe token is no confirm token, and a changed one is no token at all.
    assert tokens.read_confirm(tokens.unsubscribe_token(subscription)) is None
    response = client.get(reverse("alerts:confirm", args=[token[:-2] + "xx"]))
    assert response.status_code == 400
    assert "Deze link werkt niet" in response.content.decode()


@pytest.mark.django_db
def test_the_manage_page_changes_frequency_and_unsubscribes(client, dataset):
    dordrecht = targets.find("gemeente", "dordrecht")
    regeling = targets.find("regeling", "gr-sociaal")
    first = services.subscribe("b@example.nl", dordrecht, frequency="immediate", language="nl")
    second = services.subscribe("b@example.nl", regeling, frequency="immediate", language="nl")
    services.subscribe("c@example.nl", dordrecht, frequency="immediate", language="nl")
    url = reverse("alerts:manage", args=[tokens.manage_token("b@example.nl")])
    page = client.get(url).content.decode()
    assert "Dordrecht" in page
    assert "c@example.nl" not in page
    client.post(url, {"subscription": first.pk, "frequency": "daily"})
    first.refresh_from_db()
    assert first.frequency == "daily"
    client.post(url, {"subscription": second.pk, "unsubscribe": "1"})
    assert not Subscription.objects.filter(pk=second.pk).exists()
    # Another address's subscription cannot be touched from this link.
    other = Subscription.objects.get(email="c@example.nl")
    client.post(url, {"subscription": other.pk, "unsubscribe": "1"})
    assert Subscription.objects.filter(pk=other.pk).exists()


@pytest.mark.django_db
def test_unconfirmed_subscriptions_are_deleted_after_a_week(dataset, settings):
    target = targets.find("gemeente", "dordrecht")
    old = services.subscribe("old@example.nl", target, frequency="daily", language="nl")
    kept = services.subscribe("kept@example.nl", target, frequency="daily", language="nl")
    week = datetime.timedelta(days=settings.ALERTS_UNCONFIRMED_DAYS, hours=1)
    Subscription.objects.filter(pk__in=[old.pk, kept.pk]).update(created_at=timezone.now() - week)
    Subscription.objects.filter(pk=kept.pk).update(confirmed_at=timezone.now())
    call_command("purge_subscriptions", verbosity=0)
    assert list(Subscription.objects.values_list("email", flat=True)) == ["kept@example.nl"]


@pytest.mark.django_db
def test_the_privacy_statement_says_what_is_kept_and_for_how_long(client, db, settings):
    page = client.get(reverse("privacy")).content.decode()
    assert "Uw e-mailadres, wat u volgt" in page
    assert f"na {settings.ALERTS_UNCONFIRMED_DAYS} dagen" in page


@pytest.mark.django_db
def test_a_signed_in_user_manages_theirs_in_the_account(client, dataset, council_member):
    council_member.email = "Raadslid@Papendrecht.nl"
    council_member.save()
    dordrecht = targets.find("gemeente", "dordrecht")
    mine = services.subscribe(
        "raadslid@papendrecht.nl", dordrecht, frequency="immediate", language="nl"
    )
    services.subscribe("ander@example.nl", dordrecht, frequency="immediate", language="nl")
    assert client.get(reverse("alerts:mine")).status_code == 302  # to the login
    client.force_login(council_member)
    page = client.get(reverse("alerts:mine")).content.decode()
    assert "Dordrecht" in page
    assert "ander@example.nl" not in page
    client.post(reverse("alerts:mine"), {"subscription": mine.pk, "unsubscribe": "1"})
    assert not Subscription.objects.filter(pk=mine.pk).exists()
    assert Subscription.objects.filter(email="ander@example.nl").exists()
