"""Letters for every participant, made in the background: queued by the request, run by a
real worker (the database queue's db_worker; RQ on the real Redis), with progress on a page,
archived all or nothing, never twice."""

import datetime
import io
import zipfile

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from gr_portal.dataset import load_dataset
from milestones.letters import batches, services
from milestones.models import ArchivedLetter, Letter, LetterBatch
from tests.milestones.letters.helpers import (
    DRECHTSTEDEN,
    make_letter,
    pdf_text,
    program_office_user,
)


def run_worker():
    """The embedded default's worker, as `make run` starts it: every queued task, then exit."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@pytest.fixture
def world(transactional_db):
    """The dataset committed (the worker reads what the request committed), a letter and the
    programmabureau."""
    load_dataset()
    return make_letter(), program_office_user("bureau")


def test_a_batch_is_queued_by_the_request_and_run_by_the_worker(client, world, reused_layouts):
    letter, office = world
    client.force_login(office)
    response = client.post(reverse("letters:batch_start", args=[letter.pk]))
    batch = LetterBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("letters:batch", args=[batch.pk])
    assert not ArchivedLetter.objects.exists()  # nothing rendered inside the request
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "In de wachtrij" in page
    assert 'http-equiv="refresh"' in page
    assert "0 van 7 brieven gemaakt" in page

    run_worker()

    batch.refresh_from_db()
    assert batch.state == LetterBatch.State.DONE
    assert (batch.done, batch.total, batch.attempts) == (7, 7, 1)
    assert sorted(a.municipality.name for a in batch.archived.all()) == sorted(DRECHTSTEDEN)
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    page = client.get(reverse("letters:batch", args=[batch.pk])).content.decode()
    assert "Klaar" in page
    assert 'http-equiv="refresh"' not in page
    zipped = client.get(reverse("letters:batch_zip", args=[batch.pk]))
    names = zipfile.ZipFile(io.BytesIO(zipped.content)).namelist()
    assert len(names) == 7
    assert all(name.endswith(".pdf") for name in names)
    combined = client.get(reverse("letters:batch_pdf", args=[batch.pk]))
    assert combined["Content-Type"] == "application/pdf"
    assert len(PdfReader(io.BytesIO(combined.content)).pages) >= 7
    text = pdf_text(combined.content)
    for name in DRECHTSTEDEN:
        assert name in text


REDIS_QUEUES = {"default": {"URL": "redis://127.0.0.1:6379/15"}}


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}},
    RQ_QUEUES=REDIS_QUEUES,
)
def test_with_redis_the_same_batch_runs_in_an_rq_worker(client, world, reused_layouts):
    import django_rq
    from django_tasks_rq.backend import Job
    from rq import SimpleWorker

    queue = django_rq.get_queue("default", job_class=Job)
    queue.connection.flushdb()
    letter, office = world
    client.force_login(office)
    client.post(reverse("letters:batch_start", args=[letter.pk]))
    batch = LetterBatch.objects.get()
    assert queue.count == 1
    assert not DBTaskResult.objects.exists()

    SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)

    batch.refresh_from_db()
    assert batch.state == LetterBatch.State.DONE
    assert batch.archived.count() == 7
    queue.connection.flushdb()


def test_the_worker_writes_its_progress_as_it_goes(dataset, program_office, monkeypatch):
    letter = make_letter()
    batch = LetterBatch.objects.create(letter=letter, requested_by=program_office, total=7)
    seen = []
    render = services.render_letter_document

    def watching(letter, municipality, data):
        seen.append(LetterBatch.objects.values_list("state", "done").get(pk=batch.pk))
        return render(letter, municipality, data)

    monkeypatch.setattr(services, "render_letter_document", watching)
    assert batches.run_batch(batch.pk) == LetterBatch.State.DONE
    assert seen == [("running", done) for done in range(7)]


def test_a_batch_delivered_twice_archives_once(dataset, program_office, reused_layouts):
    letter = make_letter()
    batch = LetterBatch.objects.create(letter=letter, requested_by=program_office, total=7)
    batches.run_batch(batch.pk)
    assert batches.run_batch(batch.pk) == LetterBatch.State.DONE
    assert ArchivedLetter.objects.filter(letter=letter).count() == 7


def test_a_failed_batch_archives_nothing_and_says_why(client, dataset, program_office):
    letter = make_letter()
    Letter.objects.filter(pk=letter.pk).update(body="{{onbekend}} <script>x</script>")
    batch = LetterBatch.objects.create(letter=letter, requested_by=program_office, total=7)
    assert batches.run_batch(batch.pk) == LetterBatch.State.FAILED
    batch.refresh_from_db()
    assert batch.error
    assert batch.finished_at
    assert not ArchivedLetter.objects.filter(letter=letter).exists()
    client.force_login(program_office)
    page = client.get(reverse("letters:batch", args=[batch.pk])).content.decode()
    assert "Mislukt" in page
    assert "Er is niets gearchiveerd." in page
    assert client.get(reverse("letters:batch_zip", args=[batch.pk])).status_code == 404


def test_a_batch_whose_worker_stopped_is_started_again(
    client, dataset, program_office, reused_layouts, django_capture_on_commit_callbacks
):
    letter = make_letter()
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    batch = LetterBatch.objects.create(
        letter=letter,
        requested_by=program_office,
        total=7,
        state=LetterBatch.State.RUNNING,
        done=3,
        started_at=long_ago,
        requested_at=long_ago,
    )
    client.force_login(program_office)
    page = client.get(reverse("letters:batch", args=[batch.pk])).content.decode()
    assert "Opnieuw starten" in page
    assert 'http-equiv="refresh"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("letters:batch_retry", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.state == LetterBatch.State.QUEUED
    assert DBTaskResult.objects.filter(args_kwargs__args=[batch.pk]).exists()
    assert batches.run_batch(batch.pk) == LetterBatch.State.DONE
    assert ArchivedLetter.objects.filter(batch=batch).count() == 7


@override_settings(LETTERS_INLINE_LIMIT=3)
@pytest.mark.parametrize("export", ["letters:export_zip", "letters:export_combined"])
def test_above_the_limit_the_export_goes_to_the_background(client, dataset, program_office, export):
    letter = make_letter()
    client.force_login(program_office)
    response = client.post(reverse(export, args=[letter.pk]))
    batch = LetterBatch.objects.get(letter=letter)
    assert response.status_code == 302
    assert response["Location"] == reverse("letters:batch", args=[batch.pk])
    assert not ArchivedLetter.objects.filter(letter=letter).exists()
    page = client.get(reverse("letters:detail", args=[letter.pk])).content.decode()
    assert "altijd op de achtergrond" in page
    assert reverse("letters:export_zip", args=[letter.pk]) not in page


def batch_urls(letter, batch):
    return [
        ("post", reverse("letters:batch_start", args=[letter.pk])),
        ("get", reverse("letters:batch", args=[batch.pk])),
        ("post", reverse("letters:batch_retry", args=[batch.pk])),
        ("get", reverse("letters:batch_zip", args=[batch.pk])),
        ("get", reverse("letters:batch_pdf", args=[batch.pk])),
    ]


@pytest.mark.parametrize("who", ["other_office", "dordrecht_clerk", "council_member"])
def test_only_the_regelings_office_sees_or_starts_batches(client, request, who, program_office):
    letter = make_letter()
    batch = LetterBatch.objects.create(
        letter=letter, requested_by=program_office, total=7, state=LetterBatch.State.DONE
    )
    client.force_login(request.getfixturevalue(who))
    for method, url in batch_urls(letter, batch):
        assert getattr(client, method)(url).status_code == 403, url
    assert LetterBatch.objects.count() == 1


def test_anonymous_users_are_sent_to_log_in(client, dataset, program_office):
    letter = make_letter()
    batch = LetterBatch.objects.create(letter=letter, requested_by=program_office, total=7)
    for method, url in batch_urls(letter, batch):
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


def test_the_batch_page_costs_a_fixed_number_of_queries(
    client, dataset, program_office, django_assert_num_queries
):
    letter = make_letter()
    batch = LetterBatch.objects.create(letter=letter, requested_by=program_office, total=7)
    client.force_login(program_office)
    client.get(reverse("letters:batch", args=[batch.pk]))
    # Session, user, role, the batch with its letter, its process's regelingen, the served
    # regelingen, the menu's clerk check and the two of its permission check: nine.
    with django_assert_num_queries(9):
        client.get(reverse("letters:batch", args=[batch.pk]))


def test_the_archive_shows_one_process_s_letters(client, dataset, program_office):
    from decisions.models import Process

    letter = make_letter()
    other = Process.objects.create(title="Ander traject", slug="ander-traject", published=True)
    make_letter(process=other, subject="Brief over iets anders")
    client.force_login(program_office)
    process = letter.process
    page = client.get(reverse("letters:archive") + f"?traject={process.slug}").content.decode()
    assert letter.subject in page
    assert "Brief over iets anders" not in page
    assert client.get(reverse("letters:archive") + "?traject=bestaat-niet").status_code == 404
