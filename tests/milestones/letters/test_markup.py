"""A raadsbrief's markup: what the writer may not write is refused with a Dutch message."""

import pytest
from django.core.exceptions import ValidationError

from milestones.models import Letter
from tests.milestones.letters.helpers import make_letter


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
