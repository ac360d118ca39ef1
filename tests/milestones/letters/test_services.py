"""Exporting raadsbrieven: the exact bytes archived with their versions and exporter, all or
nothing, and an archived letter never changes.

The exports here reuse layouts made before in the session (the `reused_layouts` fixture):
these tests are about what is archived, not about the layout.
"""

import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from decisions.models import Process
from milestones.letters import content, services
from milestones.models import ArchivedLetter, Letter
from tests.milestones.letters.helpers import archive_letter


def test_export_archives_the_exact_bytes_with_version_and_exporter(
    client, program_office, letter, reused_layouts
):
    client.force_login(program_office)

    response = client.post(reverse("letters:export", args=[letter.pk, "dordrecht"]))

    assert response.status_code == 200
    archived = ArchivedLetter.objects.get()
    assert archived.municipality.slug == "dordrecht"
    assert archived.exported_by == program_office
    assert archived.letter_version == letter.history.latest().history_id
    assert archived.status_version.startswith("besluiten:")
    assert archived.sha256 == hashlib.sha256(response.content).hexdigest()

    download = client.get(reverse("letters:archived_download", args=[archived.pk]))

    assert download.status_code == 200
    assert download.content == bytes(archived.pdf) == response.content
    assert hashlib.sha256(download.content).hexdigest() == archived.sha256


def test_export_of_a_letter_with_bad_markup_says_why_and_archives_nothing(
    client, program_office, dataset
):
    # Saved around clean(), as an import or a shell could; the export checks again.
    letter = Letter.objects.create(
        process=Process.objects.get(),
        subject="Kapot",
        letter_date=datetime.date(2022, 2, 16),
        body="Beste {{burgemeester}},",
    )
    client.force_login(program_office)

    response = client.post(reverse("letters:export_zip", args=[letter.pk]))

    assert response.status_code == 400
    assert "Onbekende plaatshouder {{burgemeester}}" in response.content.decode()
    assert not ArchivedLetter.objects.exists()


def test_batch_that_fails_on_one_letter_names_it_and_archives_nothing(
    monkeypatch, program_office, letter, reused_layouts
):
    render = services.render_letter_document
    rendered = []

    def fail_for_sliedrecht(letter, municipality, data):
        rendered.append(municipality.slug)
        if municipality.slug == "sliedrecht":
            raise RuntimeError("lettertype ontbreekt")
        return render(letter, municipality, data)

    monkeypatch.setattr(services, "render_letter_document", fail_for_sliedrecht)
    municipalities = content.participants(letter)

    with pytest.raises(services.LetterExportError) as error:
        services.letters_export(letter=letter, municipalities=municipalities, user=program_office)

    assert str(error.value) == "De brief voor Sliedrecht is mislukt: lettertype ontbreekt"
    assert rendered[-1] == "sliedrecht"  # the four before it were laid out, then it stopped
    assert not ArchivedLetter.objects.exists()


def test_archived_letters_cannot_be_changed_or_deleted(program_office, letter, reused_layouts):
    archived = archive_letter(letter, program_office, published=False)

    archived.published = True
    with pytest.raises(ValidationError):
        archived.save()
    with pytest.raises(ValidationError):
        archived.delete()

    assert ArchivedLetter.objects.get().published is False
