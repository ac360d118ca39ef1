"""Laying out a raadsbrief: a tagged A4 PDF in Dutch with embedded fonts, read back with pypdf.

One letter is laid out for the whole module (Sliedrecht's, with its signatories' names) and
each test reads its own property of it.
"""

import datetime
import io
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from councils.models import ExecutiveMember, Municipality
from milestones.letters import content, rendering
from tests.milestones.letters.helpers import (
    fonts_without_embedding,
    make_letter,
    pdf_text,
    rolled_back,
)

# The module's letter is made by a module-scoped fixture; the mark makes pytest-django set up
# the test database for this module even when it runs alone.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def sliedrecht(django_db_setup, django_db_blocker):
    """Sliedrecht's letter as PDF bytes, laid out once for the module."""
    with rolled_back(django_db_blocker):
        letter = make_letter()
        municipality = Municipality.objects.get(slug="sliedrecht")
        for role, name in (
            (ExecutiveMember.Role.MAYOR, "J. Jansen"),
            ("secretary", "P. Pietersen"),
        ):
            ExecutiveMember.objects.create(
                municipality=municipality, role=role, name=name, generated=True
            )
        # one who left before the letter's date does not sign it
        ExecutiveMember.objects.create(
            municipality=municipality,
            role=ExecutiveMember.Role.MAYOR,
            name="A. Vroeger",
            ends_on=datetime.date(2022, 1, 1),
            generated=True,
        )
        pdf = rendering.render_letter_pdf(letter, municipality, content.load_status_data(letter))
    return SimpleNamespace(
        letter=letter, pdf=pdf, reader=PdfReader(io.BytesIO(pdf)), text=pdf_text(pdf)
    )


def test_signatories_are_printed_when_known(sliedrecht):
    assert "De secretaris, P. Pietersen" in sliedrecht.text
    assert "De burgemeester, J. Jansen" in sliedrecht.text
    assert "A. Vroeger" not in sliedrecht.text


def test_the_letter_is_addressed_to_its_council_and_numbers_its_pages(sliedrecht):
    pages = len(sliedrecht.reader.pages)
    assert "Gemeente Sliedrecht" in sliedrecht.text
    assert "Aan de leden van de raad van Sliedrecht" in sliedrecht.text
    for number in range(1, pages + 1):
        assert f"pagina {number} van {pages}" in sliedrecht.text


def test_every_font_is_embedded(sliedrecht):
    assert fonts_without_embedding(sliedrecht.pdf) == []


def test_the_pdf_is_tagged_dutch_a4_with_title_and_author(sliedrecht):
    reader = sliedrecht.reader
    assert reader.metadata.title == f"{sliedrecht.letter.subject} – Sliedrecht"
    assert reader.metadata.author == "College van burgemeester en wethouders van Sliedrecht"
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged (PDF/UA-1)
    for page in reader.pages:
        assert page.mediabox.width == pytest.approx(595.28, abs=0.1)  # A4
        assert page.mediabox.height == pytest.approx(841.89, abs=0.1)


def test_static_files_fetcher_fetches_no_network_and_no_other_files():
    fetcher = rendering.StaticFilesFetcher()
    with pytest.raises(ValueError, match="Only local static files"):
        fetcher("https://example.org/font.woff2")
    with pytest.raises(ValueError, match="Not a static file"):
        fetcher("file:///etc/passwd")


def test_the_stylesheet_and_fonts_are_parsed_once_per_thread():
    """Most of a letter's time was parsing the stylesheet and loading its fonts: a thread
    keeps them for every letter it lays out after the first; another thread has its own
    (WeasyPrint's objects are not shared between threads)."""
    import threading

    first = rendering._shared_layout()
    assert rendering._shared_layout()[0] is first[0]
    assert rendering._shared_layout()[1] is first[1]
    other = []
    thread = threading.Thread(target=lambda: other.append(rendering._shared_layout()))
    thread.start()
    thread.join()
    assert other[0][0] is not first[0]
