"""A council's zienswijze (clerk:opinion): versioned, a change needs a reason, never older than the
draft it is about.
"""

from django.urls import reverse

from decisions.models import Opinion
from tests.decisions.clerk.helpers import CONCEPT, council_treatment


def test_a_zienswijze_is_versioned_and_shown_beside_the_others(clerk_client, dataset):
    url = reverse("clerk:opinion", args=[CONCEPT, "dordrecht"])
    response = clerk_client.post(
        url, {"revision": 1, "text": "Dordrecht stemt in.", "submitted_on": "2022-07-14"}
    )
    assert response.status_code == 302
    opinion = Opinion.objects.get()
    assert opinion.treatment == council_treatment()
    # A change needs a reason and creates a second version.
    data = {
        "revision": opinion.revision,
        "text": "Dordrecht stemt in, met één wens.",
        "submitted_on": "2022-07-14",
    }
    assert "Geef aan waarom" in clerk_client.post(url, data).content.decode()
    assert clerk_client.post(url, {**data, "reason": "Wens toegevoegd"}).status_code == 302
    assert [h.text for h in opinion.history.order_by("history_date")] == [
        "Dordrecht stemt in.",
        "Dordrecht stemt in, met één wens.",
    ]
    Opinion.objects.create(
        decision=opinion.decision,
        municipality=council_treatment("sliedrecht").body.municipality,
        text="Sliedrecht heeft zorgen over de kosten.",
    )
    page = clerk_client.get(reverse("decision_detail", args=[CONCEPT])).content.decode()
    assert "met één wens" in page
    assert "zorgen over de kosten" in page


def test_a_zienswijze_cannot_predate_the_draft(clerk_client, dataset):
    url = reverse("clerk:opinion", args=[CONCEPT, "dordrecht"])
    response = clerk_client.post(
        url, {"revision": 1, "text": "Vroeg", "submitted_on": "2022-03-01"}
    )
    assert "kan niet zijn ingediend vóór het voorstel er was (1 juni 2022)" in (
        response.content.decode()
    )
    assert not Opinion.objects.exists()
