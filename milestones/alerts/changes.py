"""From the history tables to notices, and from notices to words.

collect() reads the historical treatments and zienswijzen of the last hours, keeps the status
changes of published decisions, and makes a Notice for every confirmed subscription that
follows the change's process, regeling, municipality or decision — once (a unique constraint),
in one transaction, so that a worker stopped in the middle leaves nothing half done. A
subscription hears only of changes made after it was confirmed.

words() gives a notice its title and summary in the words of the Atom feed, which are those of
the pages ("Gemeenteraad Dordrecht: Concept aangepaste GR-tekst GR Sociaal aangenomen ...
Stand: ..."), with the reason for a correction.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from decisions.opendata import selectors
from decisions.opendata.feed import StatusChange, status_changes, with_stand
from decisions.selectors import participants_of
from milestones.models import Notice, Subscription

TREATMENTS = "behandeling"
OPINIONS = "zienswijze"
#: Amendments and motions, by the word of their feed entries.
SUBJECTS = ("amendement", "motie")


def _followers(row, municipality_id: int | None, decision=None) -> Q:
    decision = decision or row.decision
    match = (
        Q(process_id=decision.process_id)
        | Q(regeling_id=decision.regeling_id)
        | Q(decision_id=decision.pk)
    )
    if municipality_id is not None:
        match |= Q(municipality_id=municipality_id)
    return match & Q(confirmed_at__isnull=False, confirmed_at__lte=row.history_date)


@transaction.atomic
def collect(now: datetime.datetime | None = None) -> list[int]:
    """Make the notices of every change of the last ALERTS_LOOKBACK_HOURS; the ids of the new
    ones. Read again each time rather than from a cursor, so that a change committed late (a
    long transaction) is not skipped; the unique constraint keeps each notice single."""
    since = (now or timezone.now()) - datetime.timedelta(hours=settings.ALERTS_LOOKBACK_HOURS)
    made: list[int] = []
    changes, _rows = selectors.treatment_status_changes(since=since)
    for row in changes:
        made += _notify(row, f"{TREATMENTS}/{row.history_id}", row.body.municipality_id)
    for row in selectors.opinion_rows(since=since):
        made += _notify(row, f"{OPINIONS}/{row.history_id}", row.municipality_id)
    for row in selectors.subject_changes(since=since):
        treatment = row.treatment
        made += _notify(
            row,
            f"{row.subject_kind}/{row.history_id}",
            treatment.body.municipality_id,
            decision=treatment.decision,
        )
    return made


def _notify(row, change: str, municipality_id: int | None, decision=None) -> list[int]:
    made = []
    for subscription in Subscription.objects.filter(_followers(row, municipality_id, decision)):
        try:
            with transaction.atomic():
                notice, created = Notice.objects.get_or_create(
                    subscription=subscription, change=change
                )
        except IntegrityError:  # made by another worker at the same moment
            continue
        if created:
            made.append(notice.pk)
    return made


@dataclass(frozen=True)
class Told:
    """A change as a message tells it."""

    title: str
    summary: str
    link: str
    correction: bool


def words(changes: Iterable[str], authority: str) -> dict[str, Told]:
    """Each change (``behandeling/<history id>``, ``zienswijze/<history id>``) of published
    decisions in the feed's words, in the current language; a change of a decision no longer
    published is left out (it is not told)."""
    keys = list(changes)
    treatment_ids = {int(key.split("/")[1]) for key in keys if key.startswith(TREATMENTS + "/")}
    opinion_ids = {int(key.split("/")[1]) for key in keys if key.startswith(OPINIONS + "/")}
    subject_ids = {
        kind: {int(key.split("/")[1]) for key in keys if key.startswith(kind + "/")}
        for kind in SUBJECTS
    }
    treatment_rows, history = selectors.treatment_status_changes(ids=treatment_ids)
    opinions = selectors.opinion_rows(ids=opinion_ids)
    subjects = selectors.subject_changes(ids=subject_ids) if any(subject_ids.values()) else []
    if subjects:  # the stand after an amendment's outcome needs its decision's treatments
        also = {row.treatment.decision_id for row in subjects}
        _changes, more = selectors.treatment_status_changes(ids=(), decisions=also)
        history = [*history, *more]
    told_changes = status_changes(
        treatment_rows,
        opinions,
        [],
        authority=authority,
        limit=len(keys) or 1,
        subject_rows=subjects,
    )
    participants = participants_of({change.decision.regeling_id for change in told_changes})
    corrections = (
        {f"{TREATMENTS}/{row.history_id}": row.history_is_correction for row in treatment_rows}
        | {f"{OPINIONS}/{row.history_id}": row.history_is_correction for row in opinions}
        | {f"{row.subject_kind}/{row.history_id}": row.history_is_correction for row in subjects}
    )
    told = {}
    for change in with_stand(told_changes, history, participants):
        key = _key(change)
        told[key] = Told(change.title, change.summary, change.link, corrections.get(key, False))
    return told


def _key(change: StatusChange) -> str:
    """The notice's key of a feed entry: its tag ends in <kind>/<history id>."""
    return change.id.rsplit(":", 1)[1]
