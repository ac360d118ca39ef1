"""Raadsbrieven: markup, rendering per municipality, exports, the archive and who may do what."""

import datetime
import hashlib
import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader

from councils.models import Municipality
from decisions.models import Decision, Process
from milestones.letters import content, packaging, rendering, services
from milestones.models import ArchivedLetter, Letter

BODY = """Met deze brief informeren wij de raad van {{gemeente}} over de samenvoeging.

## Aanleiding

Met de regionale visie[^visie] is een beleidswijziging ingezet.

## Stand van zaken

{{stand_van_zaken}}

## Wat zijn de vervolgstappen

{{vervolgstappen}}

Wij hopen u hiermee voldoende te hebben geïnformeerd.
"""

DRECHTSTEDEN = [
    "Alblasserdam",
    "Dordrecht",
    "Hendrik-Ido-Ambacht",
    "Papendrecht",
    "Sliedrecht",
    "Zwijndrecht",
    "Hardinxveld-Giessendam",
]


def make_letter(**overrides) -> Letter:
    values = {
        "process": Process.objects.get(),
        "subject": "Samenvoeging GR Drechtwerk en GR Sociaal",
        "reference": "GRS/2022/0042",
        "letter_date": datetime.date(2022, 2, 16),
        "body": BODY,
        "footnotes": "[^visie]: Regionale visie sociaal domein Drechtsteden",
        "attachments": "Regionale visie sociaal domein\nPlanning 2022",
        **overrides,
    }
    letter = Letter(**values)
    letter.full_clean()
    letter.save()
    return letter


def pdf_text(content: bytes) -> str:
    """The text of every page on one line. pypdf sometimes puts a space before a comma and keeps
    the break after a hyphen at the end of a table cell's line; both are undone here."""
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages
    )
    return re.sub(r"(\w)- (\w)", r"\1-\2", re.sub(r" ([,.;])", r"\1", text))


def fonts_without_embedding(content: bytes) -> list[str]:
    """The names of fonts used in the PDF whose font program is not embedded."""
    missing = []
    for page in PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font["/FontDescriptor"].get_object()
            if not {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor):
                missing.append(str(font["/BaseFont"]))
    return missing


@pytest.fixture
def letter(dataset):
    return make_letter()


# Markup ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "footnotes", "message"),
    [
        ("Beste {{raad}},", "", "Onbekende plaatshouder {{raad}}"),
        ("Zie <b>dit</b>.", "", "HTML is niet toegestaan"),
        ("<script>alert(1)</script>", "", "HTML is niet toegestaan"),
        ("{% if x %}ja{% endif %}", "", "Onvolledige plaatshouder of sjablooncode"),
        ("Zie de tabel: {{stand_van_zaken}}", "", "moet op een eigen regel staan"),
        ("Zie de visie[^1].", "", "Voetnoot [^1] wordt gebruikt maar staat niet bij de voetnoten"),
        ("Geen voetnoot.", "[^1]: Ongebruikt", "Voetnoot [^1] wordt nergens in de tekst gebruikt"),
        ("Zie[^1].", "1. Verkeerde vorm", "Regel 1 van de voetnoten heeft niet de vorm"),
        ("![logo](https://example.org/logo.png)", "", "Afbeeldingen zijn niet toegestaan"),
    ],
)
def test_bad_markup_is_refused_with_a_dutch_message(dataset, body, footnotes, message):
    with pytest.raises(ValidationError) as error:
        make_letter(body=body, footnotes=footnotes)
    assert any(message in text for text in error.value.messages), error.value.messages
    assert not Letter.objects.exists()


def test_placeholders_and_footnotes_are_filled_in_and_user_text_is_escaped(letter):
    letter.body += "\nEen & teken en {{datum}}.\n"
    municipality = Municipality.objects.get(slug="papendrecht")
    html = rendering.render_letter_html(letter, municipality, content.load_status_data(letter))

    assert '<html lang="nl">' in html
    assert "informeren wij de raad van Papendrecht" in html
    assert "Een &amp; teken en 16 februari 2022." in html
    assert '<span class="footnote">Regionale visie sociaal domein Drechtsteden</span>' in html
    assert '<table class="status-table">' in html
    assert "{{" not in html
    # Body headings start at h2: h1 is the letter's own.
    assert "<h2>Aanleiding</h2>" in html


def test_static_files_fetcher_fetches_no_network_and_no_other_files(settings):
    fetcher = rendering.StaticFilesFetcher()
    with pytest.raises(ValueError):
        fetcher("https://example.org/font.woff2")
    with pytest.raises(ValueError):
        fetcher("file:///etc/passwd")


# Rendering and export ----------------------------------------------------------------------


def test_zip_holds_seven_letters_each_with_its_municipality_status_and_embedded_fonts(
    client, program_office, letter
):
    client.force_login(program_office)

    response = client.post(reverse("letters:export_zip", args=[letter.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert len(archive.namelist()) == 7
    decisions = list(Decision.objects.published().values_list("title", flat=True))
    for name in DRECHTSTEDEN:
        municipality = Municipality.objects.get(name=name)
        content = archive.read(packaging.letter_filename(letter, municipality))
        reader = PdfReader(io.BytesIO(content))
        text = pdf_text(content)
        assert f"Gemeente {name}" in text
        assert f"Aan de leden van de raad van {name}" in text
        assert "16 februari 2022" in text
        assert "GRS/2022/0042" in text
        assert f"pagina 1 van {len(reader.pages)}" in text
        assert "Regionale visie sociaal domein Drechtsteden" in text  # the footnote
        for title in decisions:
            assert " ".join(title.split()) in text
        assert "van 7 colleges hebben besloten" in text
        assert "De secretaris," in text
        assert "De burgemeester," in text
        assert fonts_without_embedding(content) == []
        assert reader.metadata.title == f"{letter.subject} – {name}"
        assert reader.metadata.author == f"College van burgemeester en wethouders van {name}"
        assert reader.trailer["/Root"]["/Lang"] == "nl"
        assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged (PDF/UA-1)
        assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.1)  # A4
    assert ArchivedLetter.objects.count() == 7


def test_combined_pdf_holds_every_letter(client, program_office, letter):
    client.force_login(program_office)

    response = client.post(reverse("letters:export_combined", args=[letter.pk]))

    assert response.status_code == 200
    text = pdf_text(response.content)
    for name in DRECHTSTEDEN:
        assert f"Aan de leden van de raad van {name}" in text
    assert ArchivedLetter.objects.count() == 7


def test_signatories_are_printed_when_known(dataset):
    letter = make_letter()
    municipality = Municipality.objects.get(slug="sliedrecht")
    municipality.mayor_name = "J. Jansen"
    municipality.secretary_name = "P. Pietersen"
    municipality.save()

    pdf = rendering.render_letter_pdf(letter, municipality, content.load_status_data(letter))

    text = pdf_text(pdf)
    assert "J. Jansen" in text
    assert "P. Pietersen" in text


def test_upcoming_milestones_are_those_not_finished_after_the_letter_date(dataset):
    letter = make_letter(letter_date=datetime.date(2022, 10, 1))

    titles = [m.title for m in content.load_status_data(letter).upcoming]

    assert "Definitieve GR-tekst: raden" in titles
    assert "Concept aangepaste GR-tekst: colleges" not in titles  # June, before the letter
    assert "Gemeenteraadsverkiezingen" not in titles  # finished


def test_export_archives_the_exact_bytes_with_version_and_exporter(client, program_office, letter):
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


def test_preview_shows_the_pdf_and_archives_nothing(client, program_office, letter):
    client.force_login(program_office)

    response = client.get(reverse("letters:preview", args=[letter.pk, "zwijndrecht"]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline")
    assert "Aan de leden van de raad van Zwijndrecht" in pdf_text(response.content)
    assert not ArchivedLetter.objects.exists()


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
    monkeypatch, program_office, letter
):
    render = rendering.render_letter_document

    def fail_for_sliedrecht(letter, municipality, data):
        if municipality.slug == "sliedrecht":
            raise RuntimeError("lettertype ontbreekt")
        return render(letter, municipality, data)

    monkeypatch.setattr(services, "render_letter_document", fail_for_sliedrecht)
    municipalities = content.participants(letter)

    with pytest.raises(services.LetterExportError) as error:
        services.letters_export(letter=letter, municipalities=municipalities, user=program_office)

    assert str(error.value) == "De brief voor Sliedrecht is mislukt: lettertype ontbreekt"
    assert not ArchivedLetter.objects.exists()


def test_command_exports_the_batch_with_a_progress_bar(tmp_path, program_office, letter):
    out = io.StringIO()

    call_command(
        "export_letters",
        letter.pk,
        user=program_office.username,
        out=tmp_path,
        zip=True,
        stdout=out,
    )

    assert len(list(tmp_path.glob("*.pdf"))) == 7
    assert len(list(tmp_path.glob("*.zip"))) == 1
    assert "[############################] 7/7" in out.getvalue()
    assert ArchivedLetter.objects.count() == 7


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


# The archive -------------------------------------------------------------------------------


def _archive(letter, user, *, published, slug="dordrecht") -> ArchivedLetter:
    letter.published = published
    letter.save()
    municipality = Municipality.objects.get(slug=slug)
    ((archived, _document),) = services.letters_export(
        letter=letter, municipalities=[municipality], user=user
    )
    return archived


def test_archived_letters_cannot_be_changed_or_deleted(program_office, letter):
    archived = _archive(letter, program_office, published=False)

    archived.published = True
    with pytest.raises(ValidationError):
        archived.save()
    with pytest.raises(ValidationError):
        archived.delete()

    assert ArchivedLetter.objects.get().published is False


def test_archive_lists_published_letters_per_municipality_for_everyone(
    client, council_member, program_office, letter
):
    published = _archive(letter, program_office, published=True, slug="dordrecht")
    hidden = _archive(letter, program_office, published=False, slug="sliedrecht")

    for user in (None, council_member):
        client.logout()
        if user:
            client.force_login(user)
        page = client.get(reverse("letters:archive")).content.decode()
        assert reverse("letters:archived_download", args=[published.pk]) in page
        assert reverse("letters:archived_download", args=[hidden.pk]) not in page
        assert client.get(reverse("letters:archived_download", args=[hidden.pk])).status_code == 404
        assert (
            client.get(reverse("letters:archived_download", args=[published.pk])).status_code == 200
        )

    client.force_login(program_office)
    page = client.get(reverse("letters:archive")).content.decode()
    assert reverse("letters:archived_download", args=[hidden.pk]) in page


# Access ------------------------------------------------------------------------------------


def test_program_office_sees_the_letter_page(client, program_office, letter):
    client.force_login(program_office)

    response = client.get(reverse("letters:detail", args=[letter.pk]))

    assert response.status_code == 200
    assert "Exporteer voor Dordrecht" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("letters:export", ["dordrecht"]),
        ("letters:export_zip", []),
        ("letters:export_combined", []),
    ],
)
def test_exports_are_for_the_program_office_only(
    client, program_office, dordrecht_clerk, council_member, letter, name, args
):
    url = reverse(name, args=[letter.pk, *args])

    anonymous = client.post(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("login"))

    for outsider in (dordrecht_clerk, council_member):
        client.force_login(outsider)
        assert client.post(url).status_code == 403

    client.force_login(program_office)
    assert client.get(url).status_code == 405
    assert not ArchivedLetter.objects.exists()


def test_clerk_may_not_see_the_letter_page_or_preview(client, dordrecht_clerk, letter):
    client.force_login(dordrecht_clerk)

    assert client.get(reverse("letters:detail", args=[letter.pk])).status_code == 403
    preview = reverse("letters:preview", args=[letter.pk, "dordrecht"])
    assert client.get(preview).status_code == 403


def test_unknown_municipality_is_not_found(client, program_office, letter):
    client.force_login(program_office)

    response = client.post(reverse("letters:export", args=[letter.pk, "rotterdam"]))

    assert response.status_code == 404
