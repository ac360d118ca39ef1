"""How exported raadsbrieven are packaged: file names, one ZIP of all, one combined PDF."""

import io
import zipfile

from django.utils.text import slugify
from django.utils.translation import gettext as _

from councils.models import Municipality
from milestones.models import ArchivedLetter, Letter


def letter_filename(letter: Letter, municipality: Municipality) -> str:
    stem = slugify(f"{letter.letter_date:%Y-%m-%d} {letter.subject}")[:80].strip("-")
    return f"{stem}-{municipality.slug}.pdf"


def zip_filename(letter: Letter) -> str:
    """The ZIP of every municipality's letter: the letters' name without a municipality."""
    stem = slugify(f"{letter.letter_date:%Y-%m-%d} {letter.subject}")[:80].strip("-")
    return f"{stem}.zip"


def combined_filename(letter: Letter) -> str:
    return _("%(date)s-raadsbrieven-alle-gemeenten.pdf") % {"date": letter.letter_date.isoformat()}


def zip_archive(archived: list[ArchivedLetter]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in archived:
            archive.writestr(entry.filename, bytes(entry.pdf))
    return buffer.getvalue()
