"""The messages, in the subscriber's language, each with a plain-text and an HTML part and the
headers that let a mail client offer one-click unsubscribe (RFC 2369, RFC 8058)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from milestones.alerts import targets, tokens


def absolute(path: str) -> str:
    """A link in a message: the portal's address (PORTAL_URL) and `path` (a worker has no
    request to take the host from)."""
    return settings.PORTAL_URL.rstrip("/") + path


def links(subscription) -> dict[str, str]:
    return {
        "unsubscribe_url": absolute(
            reverse("alerts:unsubscribe", args=[tokens.unsubscribe_token(subscription)])
        ),
        "manage_url": absolute(
            reverse("alerts:manage", args=[tokens.manage_token(subscription.email)])
        ),
        "privacy_url": absolute(reverse("privacy")),
    }


def _message(subscription, subject: str, template: str, context: dict) -> EmailMultiAlternatives:
    context = {**links(subscription), **context}
    text = render_to_string(f"milestones/alerts/mail/{template}.txt", context)
    html = render_to_string(f"milestones/alerts/mail/{template}.html", context)
    message = EmailMultiAlternatives(
        subject,
        text,
        to=[subscription.email],
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def confirmation(subscription) -> EmailMultiAlternatives:
    """'Bevestig dat u … wilt volgen', with the link that expires."""
    target = targets.of(subscription)
    with translation.override(subscription.language):
        subject = gettext("Bevestig dat u %(name)s wilt volgen") % {"name": target.name}
        return _message(
            subscription,
            subject,
            "confirm",
            {
                "target_name": target.name,
                "target_url": absolute(target.url),
                "confirm_url": absolute(
                    reverse("alerts:confirm", args=[tokens.confirm_token(subscription)])
                ),
                "hours": settings.ALERTS_CONFIRM_HOURS,
                "frequency": subscription.get_frequency_display(),
            },
        )


def authority() -> str:
    """The host name of the feed's tag: URIs, from PORTAL_URL (no request in a worker)."""
    return settings.OPEN_DATA_TAG_AUTHORITY or urlsplit(settings.PORTAL_URL).hostname or ""


def changes_message(subscription, told: list, *, digest: bool) -> EmailMultiAlternatives:
    """One change (or, in a digest, a day's changes) of what `subscription` follows, in its
    language: each in the feed's words, a correction said to be one, with a link to the page."""
    target = targets.of(subscription)
    with translation.override(subscription.language):
        items = [
            {
                "title": item.title,
                "summary": item.summary,
                "url": absolute(item.link),
                "correction": item.correction,
            }
            for item in told
        ]
        if digest:
            subject = gettext("%(name)s: de wijzigingen van vandaag") % {"name": target.name}
        elif told[0].correction:
            subject = gettext("Correctie: %(title)s") % {"title": told[0].title}
        else:
            subject = told[0].title
        return _message(
            subscription,
            subject,
            "changes",
            {
                "items": items,
                "digest": digest,
                "target_name": target.name,
                "target_url": absolute(target.url),
            },
        )
