"""The background work of the alerts, on the queue the letter batches use (django-tasks):
sending, retried with backoff when the SMTP server fails."""

from __future__ import annotations

import datetime
import logging
import smtplib

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from milestones.alerts import mail
from milestones.models import Subscription

logger = logging.getLogger(__name__)


def retry_delay(attempt: int) -> datetime.timedelta | None:
    """How long to wait before attempt `attempt` + 1 (ALERTS_RETRY_SECONDS, growing); None
    when there is no attempt left."""
    delays = settings.ALERTS_RETRY_SECONDS
    if attempt > len(delays):
        return None
    return datetime.timedelta(seconds=delays[attempt - 1])


@task()
def send_confirmation(subscription_id: int, attempt: int = 1) -> str:
    """The confirmation message of a subscription still unconfirmed (one confirmed or gone in
    the meantime gets none)."""
    subscription = Subscription.objects.filter(pk=subscription_id, confirmed_at=None).first()
    if subscription is None:
        return "nothing to send"
    try:
        mail.confirmation(subscription).send()
    except (smtplib.SMTPException, OSError) as error:
        delay = retry_delay(attempt)
        if delay is None:
            logger.warning(
                "Confirmation %s not sent after %s attempts: %s", subscription_id, attempt, error
            )
            return "failed"
        send_confirmation.using(run_after=timezone.now() + delay).enqueue(
            subscription_id, attempt + 1
        )
        return f"retry in {delay.total_seconds():.0f} s"
    return "sent"
