"""The background work of the alerts, on the queue the letter batches use (django-tasks):
sending, retried with backoff when the SMTP server fails."""

from __future__ import annotations

import logging
import smtplib

from django.utils import timezone
from django_tasks import task

from milestones.alerts import mail
from milestones.alerts.changes import collect
from milestones.alerts.retry import retry_delay
from milestones.alerts.sending import send
from milestones.models import Subscription

logger = logging.getLogger(__name__)


def _send_or_retry(message, again, key: int, attempt: int, done: str) -> str:
    """Send `message`; when the SMTP server fails, queue `again` (the task itself) for `key`
    after the next wait of ALERTS_RETRY_SECONDS, until they run out."""
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        delay = retry_delay(attempt)
        if delay is None:
            logger.warning("%s %s not sent after %s attempts: %s", again.name, key, attempt, error)
            return "failed"
        again.using(run_after=timezone.now() + delay).enqueue(key, attempt + 1)
        return f"retry in {delay.total_seconds():.0f} s"
    return done


@task()
def send_confirmation(subscription_id: int, attempt: int = 1) -> str:
    """The confirmation message of a subscription still unconfirmed (one confirmed or gone in
    the meantime gets none)."""
    subscription = Subscription.objects.filter(pk=subscription_id, confirmed_at=None).first()
    if subscription is None:
        return "nothing to send"
    return _send_or_retry(
        mail.confirmation(subscription), send_confirmation, subscription_id, attempt, "sent"
    )


@task()
def collect_changes() -> str:
    """After a clerk's write: make the notices of the new changes, then send what is due."""
    made = collect()
    if made:
        send_notices.enqueue()
    return f"{len(made)} notices"


@task()
def send_notices() -> str:
    """Send the immediate notices that are due; when the SMTP server failed, again later."""
    outcome = send(Subscription.Frequency.IMMEDIATE)
    if outcome.retry_at is not None:
        send_notices.using(run_after=outcome.retry_at).enqueue()
    return f"{outcome.sent} sent, {outcome.withheld} withheld" + (
        " (retry later)" if outcome.retry_at else ""
    )


@task()
def send_reminder(user_id: int, attempt: int = 1) -> str:
    """One person's weekly reminder (milestones.alerts.reminders)."""
    from django.contrib.auth import get_user_model

    from milestones.alerts import reminders

    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return "no one to remind"
    due = reminders.for_user(user)
    if not due:
        return "nothing due"
    return _send_or_retry(
        reminders.message(user, due), send_reminder, user_id, attempt, f"{len(due)} steps"
    )
