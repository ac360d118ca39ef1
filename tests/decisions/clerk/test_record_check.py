"""The griffie's check mark (clerk:record_check): "our records on this decision are complete and
checked", withdrawn by any later change to those records.
"""

from django.urls import reverse

from decisions.models import RecordCheck
from tests.decisions.clerk.helpers import CONCEPT


def test_checking_marks_and_a_later_change_withdraws_the_mark(
    clerk_client, dataset, dordrecht_clerk
):
    check_url = reverse("clerk:record_check", args=[CONCEPT, "dordrecht"])
    assert clerk_client.post(check_url).status_code == 302
    check = RecordCheck.objects.get()
    assert check.checked_by == dordrecht_clerk
    page = clerk_client.get(reverse("clerk:workspace")).content.decode()
    assert "gecontroleerd" in page
    assert "door de griffie op" in page
    clerk_client.post(
        reverse("clerk:opinion", args=[CONCEPT, "dordrecht"]), {"revision": 1, "text": "Nieuw"}
    )
    assert not RecordCheck.objects.exists()
