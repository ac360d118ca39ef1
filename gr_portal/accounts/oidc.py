"""Single sign-on with the municipality's or regeling's own identity provider (OpenID Connect,
mozilla-django-oidc), configured from the environment (settings, "OIDC_*"; README).

Who may sign in this way is decided here, not by the provider: an existing, active account
whose e-mail address the provider states (and has verified). Nobody gets an account, or a
role, by signing in. A person signed in this way has passed the provider's own second factor,
so the portal does not ask for its own (gr_portal.accounts.twofactor.SSO_SESSION_KEY).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from gr_portal.accounts.twofactor import SSO_SESSION_KEY


def is_enabled() -> bool:
    return bool(settings.OIDC_RP_CLIENT_ID)


class PortalOIDCBackend(OIDCAuthenticationBackend):
    def verify_claims(self, claims) -> bool:
        # An address the provider says it has not verified identifies nobody.
        return bool(claims.get("email")) and claims.get("email_verified", True) is not False

    def filter_users_by_claims(self, claims):
        email = claims.get("email")
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True)

    def create_user(self, claims):  # pragma: no cover - OIDC_CREATE_USER is off
        raise PermissionError("Accounts are made by the portal's administrators")


class PortalOIDCRequestView(OIDCAuthenticationRequestView):
    """The start of single sign-on; 404 where it is not configured."""

    def get(self, request):
        if not is_enabled():
            raise Http404
        return super().get(request)


class PortalOIDCCallbackView(OIDCAuthenticationCallbackView):
    def get(self, request):
        if not is_enabled():
            raise Http404
        return super().get(request)

    def login_success(self):
        response = super().login_success()
        self.request.session[SSO_SESSION_KEY] = True
        return response

    def login_failure(self):
        messages.error(
            self.request,
            _(
                "Inloggen via uw organisatie is niet gelukt. Hoort u toegang te hebben, vraag "
                "dan het programmabureau uw account aan te maken met uw e-mailadres van het werk."
            ),
        )
        return super().login_failure()
