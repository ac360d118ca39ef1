"""The login's and the password reset's limits (security audit F7, F13), counted with the
floor's counters and client address (gr_portal.core.throttling); django-axes asks the same
client_ip (AXES_CLIENT_IP_CALLABLE)."""

from __future__ import annotations

from django.conf import settings

from gr_portal.core.throttling import Limit, client_ip

__all__ = [
    "HOUR",
    "Limit",
    "client_ip",
    "login_failures_per_address",
    "password_resets_per_account",
    "password_resets_per_address",
]

HOUR = 3600


def login_failures_per_address() -> Limit:
    return Limit(
        "login-address",
        settings.LOGIN_FAILURES_PER_ADDRESS,
        int(settings.AXES_COOLOFF_TIME * HOUR),
    )


def password_resets_per_address() -> Limit:
    return Limit("reset-address", settings.PASSWORD_RESETS_PER_ADDRESS, HOUR)


def password_resets_per_account() -> Limit:
    return Limit("reset-account", settings.PASSWORD_RESETS_PER_ACCOUNT, HOUR)
