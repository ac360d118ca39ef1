"""Two-factor sign-in for staff (issue 12 item 4, gr_portal.accounts.twofactor): set up with a
real TOTP secret, codes computed as an authenticator app computes them, recovery codes used
once, and who is asked."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from gr_portal.accounts.twofactor import SSO_SESSION_KEY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def _app_code(device, offset=0):
    """The code an authenticator app shows now for `device` (RFC 6238)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset * device.step
    return f"{totp.token():0{device.digits}d}"


def _log_in(client, username):
    response = client.post(reverse("login"), {"username": username, "password": "test-password"})
    assert response.status_code == 302
    return response


def _set_up(client, user):
    response = client.get(reverse("clerk:workspace"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("twofactor:setup"))
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    done = client.post(
        reverse("twofactor:setup"), {"token": _app_code(device), "next": "/griffie/"}
    )
    assert done.status_code == 200
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
    assert len(codes) == 10
    return codes


def test_a_clerk_sets_up_the_app_then_uses_the_portal(client, dordrecht_clerk):
    _log_in(client, "griffie-dordrecht")
    _set_up(client, dordrecht_clerk)
    assert client.get(reverse("clerk:workspace")).status_code == 200
    assert TOTPDevice.objects.get(user=dordrecht_clerk).confirmed


def test_a_wrong_code_does_not_confirm_the_app(client, dordrecht_clerk):
    _log_in(client, "griffie-dordrecht")
    client.get(reverse("twofactor:setup"))
    device = TOTPDevice.objects.get(user=dordrecht_clerk)
    wrong = f"{(int(_app_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("twofactor:setup"), {"token": wrong})
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    assert not TOTPDevice.objects.get(user=dordrecht_clerk).confirmed
    assert client.get(reverse("clerk:workspace")).status_code == 302


def test_the_next_sign_in_asks_for_a_code_and_a_recovery_code_works_once(
    client, dordrecht_clerk, django_user_model
):
    from django.test import Client

    _log_in(client, "griffie-dordrecht")
    codes = _set_up(client, dordrecht_clerk)
    second = Client()
    _log_in(second, "griffie-dordrecht")
    asked = second.get(reverse("clerk:workspace"))
    assert asked["Location"].startswith(reverse("twofactor:verify"))
    verify = reverse("twofactor:verify") + "?next=/griffie/"
    response = second.post(verify, {"token": codes[0]})
    assert response.status_code == 302
    assert response["Location"] == "/griffie/"
    assert second.get(reverse("clerk:workspace")).status_code == 200
    third = Client()
    _log_in(third, "griffie-dordrecht")
    refused = third.post(verify, {"token": codes[0]})
    assert refused.status_code == 200  # used up
    page = refused.content.decode()
    # Refused as wrong, or (the app's device counted the miss too) as one attempt too many.
    assert "Deze code klopt niet" in page or "Te veel verkeerde codes" in page
    assert third.get(reverse("clerk:workspace")).status_code == 302


def test_a_code_from_the_app_signs_in(client, dordrecht_clerk):
    from django.test import Client

    _log_in(client, "griffie-dordrecht")
    _set_up(client, dordrecht_clerk)
    device = TOTPDevice.objects.get(user=dordrecht_clerk)
    other = Client()
    _log_in(other, "griffie-dordrecht")
    # The code of the next period: the one used to set up cannot be used twice.
    response = other.post(reverse("twofactor:verify"), {"token": _app_code(device, offset=1)})
    assert response.status_code == 302


def test_the_back_office_asks_for_the_second_factor(client, program_office):
    program_office.set_password("test-password")
    program_office.save()
    _log_in(client, "programmabureau")
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("twofactor:setup"))


def test_a_council_member_signs_in_with_a_password_only(client, council_member):
    _log_in(client, "raadslid")
    assert client.get("/").status_code == 200


def test_single_sign_on_users_are_not_asked_again(client, dordrecht_clerk):
    client.force_login(dordrecht_clerk)
    session = client.session
    session[SSO_SESSION_KEY] = True
    session.save()
    assert client.get(reverse("clerk:workspace")).status_code == 200


def test_without_the_second_factor_no_page_opens(client, dordrecht_clerk):
    client.force_login(dordrecht_clerk)
    for url in ("/", reverse("clerk:workspace"), reverse("admin:index"), "/zoeken/?q=x"):
        response = client.get(url)
        assert response.status_code == 302, url
    assert client.get(reverse("twofactor:overview")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302


def test_after_a_wrong_code_the_page_says_how_long_to_wait(client, dordrecht_clerk):
    _log_in(client, "griffie-dordrecht")
    client.get(reverse("twofactor:setup"))
    device = TOTPDevice.objects.get(user=dordrecht_clerk)
    wrong = f"{(int(_app_code(device)) + 1) % 1_000_000:06d}"
    client.post(reverse("twofactor:setup"), {"token": wrong})
    response = client.post(reverse("twofactor:setup"), {"token": _app_code(device)})
    page = response.content.decode()
    assert "Te veel verkeerde codes achter elkaar. Wacht" in page
    assert not TOTPDevice.objects.get(user=dordrecht_clerk).confirmed
