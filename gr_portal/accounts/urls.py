"""Logging in and out, and setting a password: Django's auth views with Dutch paths and templates.

The URL names are Django's own (login, logout, password_reset, ...), so LOGIN_URL = "login" and
`{% url 'password_reset' %}` work as everywhere. Failed logins are throttled by django-axes
(settings: AXES_*); a locked-out login is answered with registration/locked_out.html.

Logout is POST-only (Django's LogoutView since 5.0): a link cannot log anybody out.
"""

from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from gr_portal.accounts import sessions
from gr_portal.accounts.views import PortalLoginView, PortalPasswordResetView, throttled_login

SITE_NAME = _("GR Portal")

urlpatterns = [
    path("sessie-verlengen/", sessions.extend, name="session_extend"),
    path("tweestaps/", include("gr_portal.accounts.twofactor_urls")),
    path("inloggen/", throttled_login(PortalLoginView.as_view()), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "wachtwoord-vergeten/",
        PortalPasswordResetView.as_view(
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
            extra_email_context={"site_name": SITE_NAME},
        ),
        name="password_reset",
    ),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-instellen/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-instellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "wachtwoord-wijzigen/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "wachtwoord-wijzigen/klaar/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]
