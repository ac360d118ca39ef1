"""Every participant's letter at once: a ZIP of seven PDFs, or one PDF of all seven.

Both batch exports are made once for the module, by the programmabureau through the views;
each test reads its own part of them. The combined export reuses the ZIP's layouts (see
helpers.remembering): what it adds, archiving seven letters and writing their pages into one
PDF, runs for real. test_command.py lays out a batch without reusing anything.
"""

import io
import zipfile
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from councils.models import Municipality
from decisions.models import Decision
from milestones.letters import packaging, services
from milestones.models import ArchivedLetter
from tests.milestones.letters.helpers import (
    DRECHTSTEDEN,
    fonts_without_embedding,
    make_letter,
    pdf_text,
    program_office_user,
    remembering,
    rolled_back,
)

pytestmark = pytest.mark.django_db


def _export(client, name, letter):
    """One batch export and the entries it archived, undone afterwards so the next starts
    from an empty archive as a test would."""
    with transaction.atomic():
        response = client.post(reverse(name, args=[letter.pk]))
        archived = ArchivedLetter.objects.count()
        transaction.set_rollback(True)
    return response, archived


@pytest.fixture(scope="module")
def exported(django_db_setup, django_db_blocker, layouts):
    with rolled_back(django_db_blocker), pytest.MonkeyPatch.context() as patch:
        patch.setattr(services, "render_letter_document", remembering(layouts))
        client = Client()
        client.force_login(program_office_user("programmabureau-pakket"))
        letter = make_letter()
        zip_response, zip_archived = _export(client, "letters:export_zip", letter)
        combined_response, combined_archived = _export(client, "letters:export_combined", letter)
    return SimpleNamespace(
        letter=letter,
        zip=zip_response,
        zip_archived=zip_archived,
        archive=zipfile.ZipFile(io.BytesIO(zip_response.content)),
        combined=combined_response,
        combined_archived=combined_archived,
    )


def test_zip_is_a_download_of_seven_letters_all_archived(exported):
    assert exported.zip.status_code == 200
    assert exported.zip["Content-Type"] == "application/zip"
    assert exported.zip["Content-Disposition"] == (
        f'attachment; filename="{packaging.zip_filename(exported.letter)}"'
    )
    assert len(exported.archive.namelist()) == 7
    assert exported.zip_archived == 7


@pytest.mark.parametrize("name", DRECHTSTEDEN)
def test_each_letter_in_the_zip_is_for_its_municipality_and_shows_the_status(exported, name):
    letter = exported.letter
    municipality = Municipality.objects.get(name=name)
    pdf = exported.archive.read(packaging.letter_filename(letter, municipality))
    reader = PdfReader(io.BytesIO(pdf))
    text = pdf_text(pdf)
    assert f"Gemeente {name}" in text
    assert f"Aan de leden van de raad van {name}" in text
    assert "16 februari 2022" in text
    assert "GRS/2022/0042" in text
    assert f"pagina 1 van {len(reader.pages)}" in text
    assert "Regionale visie sociaal domein Drechtsteden" in text  # the footnote
    for title in Decision.objects.published().values_list("title", flat=True):
        assert " ".join(title.split()) in text
    assert "van 7 colleges hebben besloten" in text
    assert "De secretaris," in text
    assert "De burgemeester," in text
    assert fonts_without_embedding(pdf) == []
    assert reader.metadata.title == f"{letter.subject} – {name}"
    assert reader.metadata.author == f"College van burgemeester en wethouders van {name}"
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged (PDF/UA-1)
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.1)  # A4


def test_combined_pdf_holds_every_letter_each_numbering_its_own_pages(exported):
    assert exported.combined.status_code == 200
    assert exported.combined["Content-Type"] == "application/pdf"
    assert exported.combined["Content-Disposition"] == (
        f'attachment; filename="{packaging.combined_filename(exported.letter)}"'
    )
    text = pdf_text(exported.combined.content)
    for name in DRECHTSTEDEN:
        assert f"Aan de leden van de raad van {name}" in text
    assert text.count("pagina 1 van") == 7
    assert exported.combined_archived == 7
