"""The login page: Django's LoginView and AuthenticationForm with two small changes.

- A wrong user name or password is an error of the form, not of one field (saying which one was
  wrong would tell an attacker which user names exist). Django links a field's own errors to its
  input; LoginForm does the same for that form error, so that a screen reader announces it on
  either input.
- A `next` that points back to the login or password-reset pages (the header's login link on
  those pages carries one) is ignored: after logging in the user goes on to LOGIN_REDIRECT_URL
  instead of landing on the login form again.
"""

from urllib.parse import urlsplit

from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.urls import Resolver404, resolve

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

    def get_redirect_url(self):
        url = super().get_redirect_url()  # "" unless safe (same host)
        if url:
            try:
                match = resolve(urlsplit(url).path)
            except Resolver404:
                return url
            if match.url_name in NOT_A_DESTINATION:
                return ""
        return url
