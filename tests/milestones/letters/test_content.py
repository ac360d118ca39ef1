"""What a raadsbrief says: placeholders filled in, the steps still to come, and per decision
the same verdict the pages show."""

import datetime

from django.urls import reverse
from django.utils.html import escape

from councils.models import ExecutiveMember, Municipality
from decisions.models import Decision
from decisions.selectors import load_statuses
from milestones.letters import content, rendering
from tests.milestones.letters.helpers import make_letter, pdf_text


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


def test_upcoming_milestones_are_those_not_finished_after_the_letter_date(dataset):
    letter = make_letter(letter_date=datetime.date(2022, 10, 1))

    titles = [m.title for m in content.load_status_data(letter).upcoming]

    assert "Definitieve GR-tekst: raden" in titles
    assert "Concept aangepaste GR-tekst: colleges" not in titles  # June, before the letter
    assert "Gemeenteraadsverkiezingen" not in titles  # finished


def test_each_status_row_carries_exactly_the_verdict_the_home_page_shows(
    client, recorded_vote, letter
):
    # Dordrecht's council has voted on the concept GR-tekst, so the verdicts differ: one
    # decision waits for every municipality, another for all but Dordrecht.
    dordrecht = Municipality.objects.get(slug="dordrecht")
    data = content.load_status_data(letter)
    statuses = load_statuses(Decision.objects.published().filter(process=letter.process))
    verdicts = {status.decision.title: status.verdict for status in statuses}
    assert len(set(verdicts.values())) > 1

    rows = content.status_rows(data.statuses, dordrecht)
    assert {row["decision"]: row["verdict"] for row in rows} == verdicts

    home = client.get(
        reverse("process_detail", args=["samenvoeging-drechtwerk-sociaal"])
    ).content.decode()
    text = pdf_text(rendering.render_letter_pdf(letter, dordrecht, data))
    table = text[
        text.index("Stand van zaken in Dordrecht") : text.index("Wat zijn de vervolgstappen")
    ]
    titles = [" ".join(row["decision"].split()) for row in rows]
    starts = [table.index(title) for title in titles]
    assert starts == sorted(starts)  # in the order of the process
    for row, start, end in zip(rows, starts, [*starts[1:], len(table)], strict=True):
        # A row reads: decision, college, raad, verdict; the verdict is its last cell, whole.
        assert table[start:end].strip().endswith(" ".join(row["verdict"].split()))
        assert f'<p class="verdict">{escape(row["verdict"])}</p>' in home


def test_the_signatories_are_those_in_office_on_the_letters_date(dataset):
    """Dordrecht, 16 February 2022: Wouter Kolff (burgemeester until 31 August 2024) signs, not
    the later waarnemend burgemeester whose period no source gives, nor his successor."""
    dordrecht = Municipality.objects.get(slug="dordrecht")
    mayor = ExecutiveMember.Role.MAYOR
    assert content.signatories_on(datetime.date(2022, 2, 16))[dordrecht.pk][mayor] == "Wouter Kolff"
    assert content.signatories_on(datetime.date(2025, 9, 1))[dordrecht.pk][mayor] == "Nanning Mol"
