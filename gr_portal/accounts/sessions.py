"""A signed-in session ends SESSION_COOKIE_AGE after it began or was last extended, and the
person is warned before it does (WCAG 2.2.1, timing adjustable): static/js/session.js shows a
dialog SESSION_WARNING_SECONDS before the end, with a button that extends the session by a
whole period (`extend`) and one that logs out. A page left open past the end says so.

The moment is kept in the session itself (EXPIRES_KEY), so that reading it costs no query and
ending it does not depend on when the session row was last written.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

EXPIRES_KEY = "grportal_expires"


def _renew(session) -> int:
    expires = int(time.time()) + settings.SESSION_COOKIE_AGE
    session[EXPIRES_KEY] = expires
    # The stored session lasts a new full period; the cookie still ends with the browser.
    session.set_expiry(
        0 if settings.SESSION_EXPIRE_AT_BROWSER_CLOSE else settings.SESSION_COOKIE_AGE
    )
    return expires


@receiver(user_logged_in, dispatch_uid="gr_portal.accounts.sessions.start")
def _start(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        _renew(request.session)


class SessionTimeoutMiddleware:
    """After AuthenticationMiddleware: a session past its end is logged out, and the page asked
    for answers with the login page and a message saying why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        expires = request.session.get(EXPIRES_KEY) if hasattr(request, "session") else None
        if expires is not None and request.user.is_authenticated and time.time() > expires:
            logout(request)
            messages.info(request, _("Uw sessie was verlopen; log opnieuw in om verder te gaan."))
            return HttpResponseRedirect(
                reverse("login") + "?" + urlencode({"next": request.get_full_path()})
            )
        return self.get_response(request)


@require_POST
@login_required
def extend(request):
    """The dialog's "Ingelogd blijven": a new full period, its end as seconds since 1970."""
    return JsonResponse({"expiresAt": _renew(request.session)})
