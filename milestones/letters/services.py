"""Exporting raadsbrieven: render every municipality's letter, then archive all, or nothing.

An archived letter keeps its exact PDF bytes, their SHA-256, who exported it and when, and the
versions of the letter and of the status data it was made from.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from councils.models import Municipality
from milestones.letters.content import load_status_data
from milestones.letters.packaging import letter_filename
from milestones.letters.rendering import PDF_VARIANT, render_letter_document
from milestones.models import ArchivedLetter, Letter


class LetterExportError(Exception):
    """A batch stopped: which letter and why. Nothing of the batch was archived."""

    def __init__(self, municipality: Municipality | None, reason: str):
        self.municipality = municipality
        self.reason = reason
        if municipality is None:
            message = reason
        else:
            message = _("De brief voor %(name)s is mislukt: %(reason)s") % {
                "name": municipality.name,
                "reason": reason,
            }
        super().__init__(message)


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or type(error).__name__


def letters_export(
    *,
    letter: Letter,
    municipalities: list[Municipality],
    user,
    progress=None,
    batch=None,
    on_archived=None,
) -> list[tuple[ArchivedLetter, object]]:
    """Render the letter for each municipality and archive every PDF, all or nothing.

    Returns (archive entry, WeasyPrint document) pairs; `progress(done, total, municipality)`
    is called after each letter. The entries belong to `batch` when one is given, and
    `on_archived(results)` runs inside the archiving transaction (a batch is marked done in
    the same commit as its letters, so a retried batch never archives twice). Raises
    LetterExportError naming the letter that failed.
    """
    try:
        letter.full_clean()
    except ValidationError as error:
        raise LetterExportError(None, _reason(error)) from error
    version = letter.history.order_by("-history_id").values_list("history_id", flat=True).first()
    if version is None:
        raise LetterExportError(None, _("De brief heeft nog geen opgeslagen versie."))
    data = load_status_data(letter)

    rendered = []
    for done, municipality in enumerate(municipalities, start=1):
        try:
            document = render_letter_document(letter, municipality, data)
            pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
        except Exception as error:
            raise LetterExportError(municipality, _reason(error)) from error
        rendered.append((municipality, document, pdf))
        if progress:
            progress(done, len(municipalities), municipality)

    with transaction.atomic():
        results = []
        for municipality, document, pdf in rendered:
            archived = ArchivedLetter(
                letter=letter,
                municipality=municipality,
                pdf=pdf,
                sha256=hashlib.sha256(pdf).hexdigest(),
                filename=letter_filename(letter, municipality),
                exported_by=user,
                letter_version=version,
                status_version=data.fingerprint,
                published=letter.published,
                batch=batch,
            )
            archived.full_clean(exclude=["letter", "municipality", "exported_by"])
            archived.save()
            results.append((archived, document))
        if on_archived is not None:
            on_archived(results)
    return results
