"""Subscribing, confirming and unsubscribing: each one transaction; a message is queued only
after the commit, so a failed save sends nothing and a sent message never points at nothing."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from milestones.alerts import targets
from milestones.alerts.tasks import send_confirmation
from milestones.models import Subscription


def normalised(email: str) -> str:
    return email.strip().lower()


@transaction.atomic
def subscribe(
    email: str,
    target: targets.Target,
    *,
    frequency: str,
    language: str,
    user=None,
) -> Subscription:
    """Subscribe `email` to `target`, unconfirmed, and queue the confirmation message. The
    same address and target again: the frequency and language as now chosen, a new message
    while it is unconfirmed, none once it is confirmed (the answer on screen is the same, so
    the form tells nobody whether an address is subscribed)."""
    email = normalised(email)
    subscription = Subscription.objects.filter(email=email, **{target.field: target.obj}).first()
    if subscription is None:
        subscription = Subscription(email=email, **{target.field: target.obj})
    subscription.frequency = frequency
    subscription.language = language
    if user is not None and user.email and normalised(user.email) == email:
        subscription.user = user
    try:
        with transaction.atomic():
            subscription.save()
    except IntegrityError:  # the same subscription saved at the same moment by another request
        subscription = Subscription.objects.get(email=email, **{target.field: target.obj})
    if subscription.confirmed_at is None:
        pk = subscription.pk
        transaction.on_commit(lambda: send_confirmation.enqueue(pk))
    return subscription


@transaction.atomic
def confirm(subscription_id: int, email: str) -> Subscription | None:
    subscription = (
        Subscription.objects.select_for_update().filter(pk=subscription_id, email=email).first()
    )
    if subscription is None:
        return None
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


@transaction.atomic
def unsubscribe(subscription_id: int, email: str) -> bool:
    """Delete the subscription (nothing of it is kept); False when it was already gone."""
    deleted, _ = Subscription.objects.filter(pk=subscription_id, email=email).delete()
    return bool(deleted)


@transaction.atomic
def purge_unconfirmed(now: datetime.datetime | None = None) -> int:
    """Delete what was never confirmed within ALERTS_UNCONFIRMED_DAYS; how many."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.ALERTS_UNCONFIRMED_DAYS)
    deleted, _ = Subscription.objects.unconfirmed_before(cutoff).delete()
    return deleted


@transaction.atomic
def set_frequency(subscription_id: int, email: str, frequency: str) -> None:
    Subscription.objects.filter(pk=subscription_id, email=email).update(frequency=frequency)
