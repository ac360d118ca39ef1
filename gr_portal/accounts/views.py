"""The login page: Django's LoginView and AuthenticationForm with two small changes.

- A wrong user name or password is an error of the form, not of one field (saying which one was
  wrong would tell an attacker which user names exist). Django links a field's own errors to its
  input; LoginForm does the same for that form error, so that a screen reader announces it on
  either input.
- A `next` that points back to the login or password-reset pages (the header's login link on
  those pages carries one) is ignored: after logging in the user goes on to LOGIN_REDIRECT_URL
  instead of landing on the login form again.

Beside django-axes's lock per user name and address, an address that failed too often over all
user names is refused (`throttled_login`, also on the back office's login), and password reset
mails are limited per address and per account (gr_portal.accounts.throttling).
"""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import LoginView, PasswordResetView
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import Resolver404, resolve

from gr_portal.accounts import throttling
from gr_portal.accounts.oidc import is_enabled

LOGIN_ERROR_ID = "login-error"

NOT_A_DESTINATION = {
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}


class LoginForm(AuthenticationForm):
    def full_clean(self):
        super().full_clean()
        if self.non_field_errors():
            for name in ("username", "password"):
                if not self.errors.get(name):
                    attrs = self.fields[name].widget.attrs
                    attrs["aria-describedby"] = LOGIN_ERROR_ID
                    attrs["aria-invalid"] = "true"


class PortalLoginView(LoginView):
    authentication_form = LoginForm
    extra_context = {"login_error_id": LOGIN_ERROR_ID}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "oidc_enabled": is_enabled(),
            "oidc_login_label": settings.OIDC_LOGIN_LABEL,
        }

    def get_redirect_url(self, request=None):
        url = super().get_redirect_url()  # "" unless safe (same host)
        if url:
            try:
                match = resolve(urlsplit(url).path)
            except Resolver404:
                return url
            if match.url_name in NOT_A_DESTINATION:
                return ""
        return url


@receiver(user_login_failed, dispatch_uid="gr_portal.accounts.count_failure_per_address")
def _count_failure_per_address(sender, credentials, request=None, **kwargs):
    if request is not None:
        throttling.login_failures_per_address().hit(throttling.client_ip(request))


def throttled_login(view):
    """Refuse logins (429) from an address that failed LOGIN_FAILURES_PER_ADDRESS times within
    the cool-off time, whatever the user names (guessing one password for many accounts)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        limit = throttling.login_failures_per_address()
        if request.method == "POST" and limit.exceeded(throttling.client_ip(request)):
            return render(
                request,
                "registration/address_locked_out.html",
                {"minutes": limit.seconds // 60},
                status=429,
            )
        return view(request, *args, **kwargs)

    return wrapper


class PortalPasswordResetView(PasswordResetView):
    """Django's reset view with limits: per address a Dutch 429, per account silence (the
    page says the same as always, so it tells nobody whether the address has an account)."""

    def post(self, request, *args, **kwargs):
        if not throttling.password_resets_per_address().hit(throttling.client_ip(request)):
            return render(
                request,
                "registration/password_reset_throttled.html",
                {"minutes": 60},
                status=429,
            )
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if not throttling.password_resets_per_account().hit(form.cleaned_data["email"]):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
