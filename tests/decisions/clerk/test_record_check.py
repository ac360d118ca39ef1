"""The griffie's check mark (clerk:record_check): "our records on this decision are complete and
checked", withdrawn by any later change to those records.
"""

from django.urls import reverse

from decisions.models import RecordCheck
from tests.decisions.clerk.helpers import CONCEPT
from tests.recording import record_every_step


def test_checking_marks_and_a_later_change_withdraws_the_mark(
    clerk_client, dataset, dordrecht_clerk
):
    check_url = reverse("clerk:record_check", args=[CONCEPT, "dordrecht"])
    record_every_step(CONCEPT, "dordrecht")
    assert clerk_client.post(check_url).status_code == 302
    check = RecordCheck.objects.get()
    assert check.checked_by == dordrecht_clerk
    page = clerk_client.get(reverse("clerk:workspace")).content.decode()
    assert "gecontroleerd" in page
    assert "door de griffie op" in page
    clerk_client.post(
        reverse("clerk:opinion", args=[CONCEPT, "dordrecht"]),
        {"revision": 1, "text": "Nieuw", "reason": "Tikfout"},
    )
    assert not RecordCheck.objects.exists()


def test_nothing_recorded_cannot_be_checked(clerk_client, dataset):
    """The mark "compleet en gecontroleerd" only when every step of the municipality is
    recorded: the refusal names the steps still open, and no mark is stored."""
    response = clerk_client.post(
        reverse("clerk:record_check", args=[CONCEPT, "dordrecht"]), follow=True
    )
    page = response.content.decode()
    assert "zijn nog niet compleet" in page
    assert "Gemeenteraad Dordrecht (zienswijze)" in page
    assert not RecordCheck.objects.exists()
