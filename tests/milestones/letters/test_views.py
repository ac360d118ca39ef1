"""The raadsbrief pages: the archive for everyone, the letter's page, preview and exports for
the programmabureau only."""

import pytest
from django.urls import reverse

from milestones.models import ArchivedLetter
from tests.milestones.letters.helpers import archive_letter, pdf_text


def test_program_office_sees_the_letter_page(client, program_office, letter):
    client.force_login(program_office)

    response = client.get(reverse("letters:detail", args=[letter.pk]))

    assert response.status_code == 200
    assert "Exporteer voor Dordrecht" in response.content.decode()


def test_preview_shows_the_pdf_and_archives_nothing(client, program_office, letter, reused_layouts):
    client.force_login(program_office)

    response = client.get(reverse("letters:preview", args=[letter.pk, "zwijndrecht"]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline")
    assert "Aan de leden van de raad van Zwijndrecht" in pdf_text(response.content)
    assert not ArchivedLetter.objects.exists()


def test_archive_lists_published_letters_per_municipality_for_everyone(
    client, council_member, program_office, letter, reused_layouts
):
    published = archive_letter(letter, program_office, published=True, slug="dordrecht")
    hidden = archive_letter(letter, program_office, published=False, slug="sliedrecht")

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
