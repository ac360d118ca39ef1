"""A letter for every participant of its process, exported in the background.

The web request only records a LetterBatch and, once that is committed, hands its id to the
task queue (django-tasks: the portal's database by default, Redis where REDIS_URL is set;
settings, "Background work"). A worker then renders the letters one by one, writing its
progress to the batch as it goes, and archives them all in one transaction that also marks the
batch done. So:

* the page shows progress from any process, whichever backend runs the job;
* a worker that stops half-way has archived nothing: the batch is run again from the start
  (its state says "bezig" with an old start; run it again with `retry`), never twice over;
* a batch that already ended is not run again when its task is delivered twice.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from milestones.letters import content, rendering, services
from milestones.models import Letter, LetterBatch

#: A running batch that made no progress for this long is taken to have lost its worker.
STALLED_AFTER = datetime.timedelta(minutes=10)


def request_batch(letter: Letter, *, user) -> LetterBatch:
    """Record a batch for every participant of the letter's process and queue it after the
    commit. Call inside the request's transaction (or none)."""
    batch = LetterBatch.objects.create(
        letter=letter, requested_by=user, total=len(content.participants(letter))
    )
    transaction.on_commit(lambda: export_letter_batch.enqueue(batch.pk))
    return batch


def is_stalled(batch: LetterBatch, now: datetime.datetime | None = None) -> bool:
    """Queued or running, without news for STALLED_AFTER: its worker is gone."""
    if batch.is_finished:
        return False
    last = batch.started_at or batch.requested_at
    return (now or timezone.now()) - last > STALLED_AFTER


def retry(batch: LetterBatch) -> None:
    """Queue a stalled batch again (after the commit)."""
    LetterBatch.objects.filter(pk=batch.pk).update(
        state=LetterBatch.State.QUEUED, requested_at=timezone.now(), started_at=None
    )
    transaction.on_commit(lambda: export_letter_batch.enqueue(batch.pk))


def run_batch(batch_id: int) -> str:
    """Run one batch (the worker's side); returns the state it ended in."""
    with transaction.atomic():
        batch = (
            LetterBatch.objects.select_for_update(of=("self",))
            .select_related("letter__process", "requested_by")
            .get(pk=batch_id)
        )
        if batch.is_finished:
            return batch.state  # delivered twice: it ran already
        batch.state = LetterBatch.State.RUNNING
        batch.started_at = timezone.now()
        batch.done = 0
        batch.attempts += 1
        batch.save(update_fields=["state", "started_at", "done", "attempts"])
    letter = batch.letter
    municipalities = content.participants(letter)
    LetterBatch.objects.filter(pk=batch_id).update(total=len(municipalities))

    def progress(done: int, total: int, municipality) -> None:
        LetterBatch.objects.filter(pk=batch_id).update(
            done=done, total=total, current=municipality.name, started_at=timezone.now()
        )

    def finish(results) -> None:
        combined = rendering.combine_pdf([document for _archived, document in results])
        LetterBatch.objects.filter(pk=batch_id).update(
            state=LetterBatch.State.DONE,
            done=len(results),
            current="",
            combined_pdf=combined,
            finished_at=timezone.now(),
        )

    try:
        services.letters_export(
            letter=letter,
            municipalities=municipalities,
            user=batch.requested_by,
            progress=progress,
            batch=batch,
            on_archived=finish,
        )
    except services.LetterExportError as error:
        LetterBatch.objects.filter(pk=batch_id).update(
            state=LetterBatch.State.FAILED,
            error=str(error),
            current="",
            finished_at=timezone.now(),
        )
        return LetterBatch.State.FAILED
    except Exception as error:  # the worker's log has the traceback; the page has the words
        LetterBatch.objects.filter(pk=batch_id).update(
            state=LetterBatch.State.FAILED,
            error=_("Het exporteren is onverwacht gestopt (%(error)s).")
            % {"error": type(error).__name__},
            current="",
            finished_at=timezone.now(),
        )
        raise
    return LetterBatch.State.DONE


@task()
def export_letter_batch(batch_id: int) -> str:
    """The task a worker runs (`manage.py db_worker`, or `manage.py rqworker default` where
    REDIS_URL is set): one batch, by id."""
    return run_batch(batch_id)
