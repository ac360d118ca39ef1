"""Two-factor sign-in for staff (issue 12 item 4): a TOTP app (django-otp) and recovery codes.

Who must use it: the programmabureau, the griffies and anyone with the back office (staff),
when TWO_FACTOR_REQUIRED is on (the default in production; the test settings switch it off,
and tests/gr_portal/test_twofactor.py on). A council member or a visitor signs in with a password
only. Someone who signed in through single sign-on (OIDC) has had the organisation's own second
factor and is not asked again (SSO_SESSION_KEY).

After the password, SecondFactorMiddleware sends such a user to set up an app (first time: a QR
code, a code from the app to confirm it, then ten recovery codes shown once) or to enter a code
(a code from the app, or one recovery code, which is then used up). Until then every page but
the account pages answers with that redirect. Wrong codes are throttled by django-otp (each
failure doubles the wait).
"""

from __future__ import annotations

import base64
import io
import re

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from councils.access import is_clerk, is_program_office

#: Set in the session by the single sign-on login: the identity provider did the second factor.
SSO_SESSION_KEY = "grportal_sso"
RECOVERY_CODES = 10
APP_NAME = "Authenticator-app"
CODES_NAME = "Herstelcodes"

#: Paths that stay open before the second factor: signing in and out, the account pages, the
#: back office's own login, the language switch, the health check and the static files.
OPEN_PREFIXES = ("/account/", "/beheer/login/", "/beheer/logout/", "/i18n/", "/_healthz/", "/oidc/")


def needs_second_factor(user) -> bool:
    """Whether `user` must have passed a second factor to use the portal now."""
    if not settings.TWO_FACTOR_REQUIRED or not user.is_authenticated:
        return False
    return bool(user.is_staff or user.is_superuser or is_program_office(user) or is_clerk(user))


def is_verified(request) -> bool:
    return bool(request.session.get(SSO_SESSION_KEY)) or request.user.is_verified()


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


class SecondFactorMiddleware:
    """After django_otp.middleware.OTPMiddleware: a user who needs a second factor and has not
    given one is sent to give it (or to set it up), from every page but OPEN_PREFIXES."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if (
            not path.startswith(OPEN_PREFIXES)
            and not path.startswith(settings.STATIC_URL)
            and request.user.is_authenticated
            and not is_verified(request)  # before the role: a verified user costs no query
            and needs_second_factor(request.user)
        ):
            name = "twofactor:verify" if user_has_device(request.user) else "twofactor:setup"
            return _to(name, request.get_full_path())
        return self.get_response(request)


def _to(name: str, next_url: str) -> HttpResponseRedirect:
    """To a step of the second factor, coming back to `next_url` after it."""
    return HttpResponseRedirect(reverse(name) + "?" + urlencode({"next": next_url}))


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")  # Dutch labels carry no colon
        super().__init__(*args, **kwargs)

    def clean_token(self) -> str:
        return "".join(self.cleaned_data["token"].split()).lower()


WRONG_CODE = _("Deze code klopt niet of is verlopen. Kijk in de app naar de code van nu.")


def _throttled(devices) -> str | None:
    """The message when wrong codes made a device wait (django-otp doubles the wait after
    each failure), or None."""
    waits = []
    for device in devices:
        allowed, info = device.verify_is_allowed()
        locked_until = (info or {}).get("locked_until")
        if not allowed and locked_until is not None:
            waits.append(max(1, int((locked_until - timezone.now()).total_seconds()) + 1))
    if not waits:
        return None
    return gettext(
        "Te veel verkeerde codes achter elkaar. Wacht %(seconds)s seconden en probeer het "
        "dan opnieuw."
    ) % {"seconds": min(waits)}


def _qr_svg(url: str) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    # The SVG as an image: no markup of a third party inside the page.
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def _new_recovery_codes(user) -> list[str]:
    """Ten fresh recovery codes (the old ones stop working), returned to be shown once."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name=CODES_NAME)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@login_required
def setup(request):
    """First time: a QR code for the app, and a code from the app to confirm it."""
    if user_has_device(request.user):
        return _to("twofactor:verify", _safe_next(request, ""))
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name=APP_NAME, confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = _throttled([device])
        if wait:
            form.add_error("token", wait)
        elif device.verify_token(form.cleaned_data["token"]):
            with transaction.atomic():
                device.confirmed = True
                device.save()
                TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
                codes = _new_recovery_codes(request.user)
            otp_login(request, device)
            return render(
                request,
                "registration/twofactor_codes.html",
                {"codes": codes, "next": _safe_next(request, reverse("after_login"))},
            )
        else:
            form.add_error("token", WRONG_CODE)
    return render(
        request,
        "registration/twofactor_setup.html",
        {
            "form": form,
            "qr": mark_safe(_qr_svg(device.config_url)),
            # In groups of four, as the apps show it and a person types it over.
            "secret": " ".join(re.findall(".{1,4}", base64.b32encode(device.bin_key).decode())),
            "next": _safe_next(request, ""),
        },
    )


@login_required
def verify(request):
    """After the password: a code from the app, or a recovery code."""
    if not user_has_device(request.user):
        return _to("twofactor:setup", _safe_next(request, ""))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = _throttled(TOTPDevice.objects.filter(user=request.user, confirmed=True))
        device = None if wait else match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_safe_next(request, reverse("after_login")))
        form.add_error("token", wait or WRONG_CODE)
    return render(
        request,
        "registration/twofactor_verify.html",
        {"form": form, "next": _safe_next(request, "")},
    )


@login_required
def overview(request):
    """The account's second factor: whether it is set up, and new recovery codes."""
    codes = StaticDevice.objects.filter(user=request.user, name=CODES_NAME).first()
    return render(
        request,
        "registration/twofactor_overview.html",
        {
            "has_app": TOTPDevice.objects.filter(user=request.user, confirmed=True).exists(),
            "codes_left": codes.token_set.count() if codes else 0,
            "required": needs_second_factor(request.user),
            "verified": is_verified(request),
        },
    )


@require_POST
@login_required
def new_codes(request):
    """Ten new recovery codes, for a user who passed the second factor in this session."""
    if not is_verified(request):
        return redirect("twofactor:verify")
    codes = _new_recovery_codes(request.user)
    return render(
        request,
        "registration/twofactor_codes.html",
        {"codes": codes, "next": reverse("twofactor:overview")},
    )
