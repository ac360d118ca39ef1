"""Raadsbrieven: the archive for everyone, writing-side pages and exports for the programmabureau.

Exports are POST only: each one renders the letters and writes archive entries.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from councils.access import is_program_office, require_maintainer, require_program_office
from decisions.models import Process
from milestones.letters import batches, content, markup, packaging, rendering, services
from milestones.models import ArchivedLetter, Letter, LetterBatch


def _pdf_response(content: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _letter_for_office(request, pk: int) -> Letter:
    """The letter, for the programmabureau of its process's regelingen; 403 for any other."""
    require_program_office(request.user)
    letter = get_object_or_404(Letter.objects.select_related("process"), pk=pk)
    require_maintainer(request.user, letter.process.regeling_ids())
    return letter


def _participant(letter: Letter, slug: str):
    municipality = next((m for m in content.participants(letter) if m.slug == slug), None)
    if municipality is None:
        raise Http404
    return municipality


def _detail(request, letter: Letter, *, export_error: str = "", status: int = 200):
    """The letter's page; with a failed export's message when there is one.

    Queries: participants, the letter's archive entries, its last batches (plus the user's
    groups).
    """
    archived = (
        letter.archived.select_related("municipality", "exported_by")
        .defer("pdf")
        .order_by("-exported_at", "municipality__name")
    )
    return render(
        request,
        "milestones/letters/letter_detail.html",
        {
            "letter": letter,
            "markup_errors": markup.markup_errors(letter.body, letter.footnotes),
            "municipalities": content.participants(letter),
            "archived": archived,
            "batches": letter.batches.select_related("requested_by").defer("combined_pdf")[:5],
            "inline_limit": settings.LETTERS_INLINE_LIMIT,
            "export_error": export_error,
        },
        status=status,
    )


@require_GET
def archive(request):
    """Archived letters per municipality: the published ones, or all for the programmabureau.

    Queries: the archive entries with letter and municipality; for the programmabureau also
    its groups and the letters.
    """
    office = is_program_office(request.user)
    entries = (
        ArchivedLetter.objects.visible_to(request.user)
        .select_related("letter", "municipality")
        .defer("pdf")
        .order_by("municipality__name", "-exported_at")
    )
    letters = Letter.objects.filter(process__in=Process.objects.maintained_by(request.user))
    # ?traject=<slug>: the letters of one process (its page links here).
    process = None
    slug = request.GET.get("traject", "")
    if slug:
        process = get_object_or_404(Process.objects.visible_to(request.user), slug=slug)
        entries = entries.filter(letter__process=process)
        letters = letters.filter(process=process)
    return render(
        request,
        "milestones/letters/archive.html",
        {
            "entries": entries,
            "process": process,
            "letters": (
                letters.select_related("process").order_by("process__title", "-letter_date")
                if office
                else None
            ),
        },
    )


@require_GET
def archived_download(request, pk: int):
    """Exactly the stored bytes of an archived letter."""
    entry = get_object_or_404(ArchivedLetter.objects.visible_to(request.user), pk=pk)
    response = _pdf_response(bytes(entry.pdf), entry.filename)
    response["ETag"] = f'"{entry.sha256}"'
    return response


@login_required
@require_GET
def letter_detail(request, pk: int):
    return _detail(request, _letter_for_office(request, pk))


@login_required
@require_GET
def letter_preview(request, pk: int, slug: str):
    """The letter for one municipality, shown in the browser and not archived."""
    letter = _letter_for_office(request, pk)
    municipality = _participant(letter, slug)
    try:
        pdf = rendering.render_letter_pdf(letter, municipality, content.load_status_data(letter))
    except ValidationError as error:
        return _detail(request, letter, export_error=" ".join(error.messages), status=400)
    return _pdf_response(pdf, packaging.letter_filename(letter, municipality), inline=True)


def _export(request, letter: Letter, municipalities):
    try:
        return services.letters_export(
            letter=letter, municipalities=municipalities, user=request.user
        ), None
    except services.LetterExportError as error:
        return None, _detail(request, letter, export_error=str(error), status=400)


@login_required
@require_POST
def letter_export(request, pk: int, slug: str):
    letter = _letter_for_office(request, pk)
    results, failed = _export(request, letter, [_participant(letter, slug)])
    if failed:
        return failed
    archived, _document = results[0]
    return _pdf_response(bytes(archived.pdf), archived.filename)


@login_required
@require_POST
def letter_export_zip(request, pk: int):
    letter = _letter_for_office(request, pk)
    municipalities = content.participants(letter)
    if len(municipalities) > settings.LETTERS_INLINE_LIMIT:
        return _in_background(request, letter)
    results, failed = _export(request, letter, municipalities)
    if failed:
        return failed
    response = HttpResponse(
        packaging.zip_archive([archived for archived, _document in results]),
        content_type="application/zip",
    )
    response["Content-Disposition"] = f'attachment; filename="{packaging.zip_filename(letter)}"'
    return response


@login_required
@require_POST
def letter_export_combined(request, pk: int):
    letter = _letter_for_office(request, pk)
    municipalities = content.participants(letter)
    if len(municipalities) > settings.LETTERS_INLINE_LIMIT:
        return _in_background(request, letter)
    results, failed = _export(request, letter, municipalities)
    if failed:
        return failed
    pdf = rendering.combine_pdf([document for _archived, document in results])
    return _pdf_response(pdf, packaging.combined_filename(letter))


# --- batches in the background (milestones.letters.batches) -------------------------------


def _in_background(request, letter: Letter):
    batch = batches.request_batch(letter, user=request.user)
    return redirect("letters:batch", batch.pk)


@login_required
@require_POST
def letter_batch_start(request, pk: int):
    """Export the letter for every participant in the background; the batch's page follows."""
    return _in_background(request, _letter_for_office(request, pk))


def _batch_for_office(request, pk: int, *, with_pdf: bool = False) -> LetterBatch:
    require_program_office(request.user)
    queryset = LetterBatch.objects.select_related("letter__process", "requested_by")
    if not with_pdf:
        queryset = queryset.defer("combined_pdf")
    batch = get_object_or_404(queryset, pk=pk)
    require_maintainer(request.user, batch.letter.process.regeling_ids())
    return batch


@login_required
@require_GET
def batch_detail(request, pk: int):
    """How far a batch is: refreshed every few seconds until it ends, then its downloads.

    Queries: the user's role and regelingen, the batch with its letter, the process's
    regelingen (plus the menu's).
    """
    batch = _batch_for_office(request, pk)
    return render(
        request,
        "milestones/letters/batch_detail.html",
        {"batch": batch, "letter": batch.letter, "stalled": batches.is_stalled(batch)},
    )


@login_required
@require_POST
def batch_retry(request, pk: int):
    batch = _batch_for_office(request, pk)
    if batches.is_stalled(batch):
        batches.retry(batch)
    return redirect("letters:batch", batch.pk)


def _finished(batch: LetterBatch) -> None:
    if batch.state != LetterBatch.State.DONE:
        raise Http404


@login_required
@require_GET
def batch_zip(request, pk: int):
    """The batch's letters, one PDF per municipality, exactly as archived."""
    batch = _batch_for_office(request, pk)
    _finished(batch)
    archived = list(batch.archived.select_related("municipality").order_by("municipality__name"))
    response = HttpResponse(packaging.zip_archive(archived), content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="{packaging.zip_filename(batch.letter)}"'
    )
    return response


@login_required
@require_GET
def batch_pdf(request, pk: int):
    """All of the batch's letters in one PDF, as the worker combined them."""
    batch = _batch_for_office(request, pk, with_pdf=True)
    _finished(batch)
    if batch.combined_pdf is None:
        raise Http404
    return _pdf_response(bytes(batch.combined_pdf), packaging.combined_filename(batch.letter))
