"""Sending notices: claimed in a short transaction (so that two workers never take the same),
sent, then marked — or given back with a later due time when the SMTP server fails, until
ALERTS_RETRY_SECONDS runs out. Each message carries a Message-ID made from its notices, so that
even a message sent again after a worker died between sending and marking is one message to
the receiving side."""

from __future__ import annotations

import datetime
import logging
import smtplib
from collections import defaultdict
from dataclasses import dataclass

from django.core.mail import make_msgid
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from milestones.alerts import changes, mail
from milestones.alerts.retry import retry_delay
from milestones.models import Notice, Subscription

logger = logging.getLogger(__name__)

#: How long a claim holds: a notice still 'sending' after this was left by a stopped worker.
CLAIM = datetime.timedelta(minutes=10)


@dataclass
class Outcome:
    sent: int = 0
    withheld: int = 0
    retry_at: datetime.datetime | None = None


def _due(now: datetime.datetime) -> Q:
    pending = Q(state=Notice.State.PENDING) & (Q(due_at__isnull=True) | Q(due_at__lte=now))
    stale = Q(state=Notice.State.SENDING, due_at__lte=now)
    return pending | stale


@transaction.atomic
def _claim(frequency: str, now: datetime.datetime) -> list[Notice]:
    notices = list(
        Notice.objects.select_for_update(skip_locked=True)
        .filter(_due(now), subscription__frequency=frequency)
        .filter(subscription__confirmed_at__isnull=False)
        .select_related("subscription")
        .order_by("created_at", "pk")
    )
    Notice.objects.filter(pk__in=[n.pk for n in notices]).update(
        state=Notice.State.SENDING, due_at=now + CLAIM
    )
    return notices


def _groups(notices: list[Notice], *, digest: bool) -> list[tuple[Subscription, list[Notice]]]:
    """One message per notice, or (a digest) per subscription."""
    if not digest:
        return [(notice.subscription, [notice]) for notice in notices]
    by_subscription: dict[int, list[Notice]] = defaultdict(list)
    for notice in notices:
        by_subscription[notice.subscription_id].append(notice)
    return [(group[0].subscription, group) for group in by_subscription.values()]


def send(frequency: str, now: datetime.datetime | None = None) -> Outcome:
    """Send what is due for subscriptions of `frequency`: immediate ones one message per
    change, daily ones one digest each."""
    now = now or timezone.now()
    digest = frequency == Subscription.Frequency.DAILY
    outcome = Outcome()
    notices = _claim(frequency, now)
    by_language: dict[str, dict] = {}
    for language in {notice.subscription.language for notice in notices}:
        with translation.override(language):
            by_language[language] = changes.words(
                {notice.change for notice in notices if notice.subscription.language == language},
                mail.authority(),
            )
    for subscription, group in _groups(notices, digest=digest):
        told = [by_language[subscription.language].get(notice.change) for notice in group]
        tellable = [(notice, item) for notice, item in zip(group, told, strict=True) if item]
        withheld = [notice for notice, item in zip(group, told, strict=True) if item is None]
        if withheld:
            Notice.objects.filter(pk__in=[n.pk for n in withheld]).update(
                state=Notice.State.WITHHELD, due_at=None
            )
            outcome.withheld += len(withheld)
        if not tellable:
            continue
        message = mail.changes_message(
            subscription, [item for _notice, item in tellable], digest=digest
        )
        ids = "-".join(str(notice.pk) for notice, _item in tellable)
        message.extra_headers["Message-ID"] = make_msgid(f"notice-{ids}", mail.authority() or None)
        pks = [notice.pk for notice, _item in tellable]
        try:
            message.send()
        except (smtplib.SMTPException, OSError) as error:
            attempts = max(notice.attempts for notice, _item in tellable) + 1
            delay = retry_delay(attempts)
            if delay is None:
                logger.warning("Notices %s not sent after %s attempts: %s", pks, attempts, error)
                Notice.objects.filter(pk__in=pks).update(
                    state=Notice.State.FAILED, attempts=attempts, due_at=None
                )
                continue
            due = now + delay
            Notice.objects.filter(pk__in=pks).update(
                state=Notice.State.PENDING, attempts=attempts, due_at=due
            )
            outcome.retry_at = min(outcome.retry_at or due, due)
            continue
        Notice.objects.filter(pk__in=pks).update(
            state=Notice.State.SENT, sent_at=timezone.now(), due_at=None
        )
        outcome.sent += len(pks)
    return outcome
