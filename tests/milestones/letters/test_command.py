"""manage.py export_letters: the whole batch archived and written to a folder, with progress.

The command is run once for the module, with --zip and --combined; each test reads its own part
of what it wrote. This is the batch laid out for real, without reusing any layout: it makes
every kind of output (the letters, the ZIP, the combined PDF) from scratch. Its layouts are kept
for the other modules (see helpers.remembering).
"""

import datetime
import hashlib
import io
import re
import zipfile
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from decisions.models import Process
from milestones.letters import services
from milestones.models import ArchivedLetter, Letter
from tests.milestones.letters.helpers import (
    DRECHTSTEDEN,
    make_letter,
    program_office_user,
    remembering,
    rolled_back,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def run(django_db_setup, django_db_blocker, layouts, tmp_path_factory):
    out = tmp_path_factory.mktemp("brieven")
    stdout = io.StringIO()
    with rolled_back(django_db_blocker), pytest.MonkeyPatch.context() as patch:
        patch.setattr(services, "render_letter_document", remembering(layouts, reuse=False))
        user = program_office_user("programmabureau-opdracht")
        letter = make_letter()
        call_command(
            "export_letters",
            letter.pk,
            user=user.username,
            out=out,
            zip=True,
            combined=True,
            stdout=stdout,
        )
        entries = ArchivedLetter.objects.select_related("municipality")
        archived = {entry.filename: entry.sha256 for entry in entries}
        # The filenames in the order of the batch: the municipalities by name.
        order = [entry.filename for entry in entries.order_by("municipality__name")]
    return SimpleNamespace(out=out, output=stdout.getvalue(), archived=archived, order=order)


def test_command_archives_seven_letters_and_writes_each_as_archived(run):
    assert len(run.archived) == 7
    written = {path.name: path.read_bytes() for path in run.out.glob("*.pdf")}
    assert len(written) == 7 + 1  # and the combined PDF
    letters = {name: pdf for name, pdf in written.items() if "alle-gemeenten" not in name}
    assert {name: hashlib.sha256(pdf).hexdigest() for name, pdf in letters.items()} == run.archived


def test_command_writes_one_zip_of_the_seven(run):
    (path,) = run.out.glob("*.zip")
    archive = zipfile.ZipFile(path)
    assert sorted(archive.namelist()) == sorted(run.archived)
    for name in archive.namelist():
        assert archive.read(name) == (run.out / name).read_bytes()


def test_command_writes_one_pdf_with_every_letter(run):
    (path,) = run.out.glob("*-alle-gemeenten.pdf")
    combined = PdfReader(path).pages
    # Each letter's pages in turn: its first page is addressed to its own council (the whole
    # text of a combined PDF is read in test_packaging.py).
    first = 0
    for name, filename in zip(sorted(DRECHTSTEDEN), run.order, strict=True):
        text = " ".join(combined[first].extract_text().split())
        assert f"Aan de leden van de raad van {name}" in text
        first += len(PdfReader(run.out / filename).pages)
    assert first == len(combined)


def test_command_shows_its_progress_and_ends_with_what_it_did(run):
    # tqdm redraws one line after each letter: how many are done, then the last one's name.
    for done, name in enumerate(sorted(DRECHTSTEDEN), start=1):
        assert re.search(rf"\b{done}/7 \[[^]]*, {re.escape(name)}\]", run.output), name
    assert "7/7" in run.output
    assert run.output.rstrip().endswith(f"7 brieven gearchiveerd en geschreven naar {run.out}.")


def test_command_reports_a_bad_letter_and_archives_nothing(tmp_path, program_office, dataset):
    letter = Letter.objects.create(
        process=Process.objects.get(),
        subject="Kapot",
        letter_date=datetime.date(2022, 2, 16),
        body="<p>HTML</p>",
    )

    with pytest.raises(CommandError, match="HTML is niet toegestaan"):
        call_command(
            "export_letters",
            letter.pk,
            user=program_office.username,
            out=tmp_path,
            stdout=io.StringIO(),
        )

    assert not ArchivedLetter.objects.exists()
    assert not list(tmp_path.iterdir())
