"""The signed links in the messages: confirm (expires after ALERTS_CONFIRM_HOURS), unsubscribe
(one subscription, no expiry: it must work from an old message) and manage (every subscription
of one address, for ALERTS_MANAGE_DAYS). Signed with the SECRET_KEY, each with its own salt, so
no link can stand in for another."""

from __future__ import annotations

from django.conf import settings
from django.core import signing

_CONFIRM = "alerts.confirm"
_UNSUBSCRIBE = "alerts.unsubscribe"
_MANAGE = "alerts.manage"


def confirm_token(subscription) -> str:
    return signing.dumps([subscription.pk, subscription.email], salt=_CONFIRM, compress=True)


def unsubscribe_token(subscription) -> str:
    return signing.dumps([subscription.pk, subscription.email], salt=_UNSUBSCRIBE, compress=True)


def manage_token(email: str) -> str:
    return signing.dumps(email, salt=_MANAGE, compress=True)


def read_confirm(token: str) -> tuple[int, str] | None:
    """(id, address) of a confirm link not older than ALERTS_CONFIRM_HOURS; None otherwise."""
    try:
        pk, email = signing.loads(
            token, salt=_CONFIRM, max_age=settings.ALERTS_CONFIRM_HOURS * 3600
        )
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return int(pk), str(email)


def read_unsubscribe(token: str) -> tuple[int, str] | None:
    try:
        pk, email = signing.loads(token, salt=_UNSUBSCRIBE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return int(pk), str(email)


def read_manage(token: str) -> str | None:
    try:
        email = signing.loads(token, salt=_MANAGE, max_age=settings.ALERTS_MANAGE_DAYS * 86400)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return str(email)
