"""What every download shares: public, published decisions only, in Dutch, GET-only and open
to any site."""

import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.urls import reverse

from decisions import services
from decisions.models import Decision
from gr_portal.core.choices import Outcome
from tests.decisions.clerk.helpers import CONCEPT
from tests.decisions.opendata.helpers import ATOM, DOWNLOADS, csv_rows, document
from tests.recording import record_outcomes

pytestmark = pytest.mark.django_db


def test_unpublished_decisions_are_absent_from_every_download(
    client, recorded_vote, dordrecht_clerk
):
    # recorded_vote: Dordrecht's vote, amendment, motion and zienswijze; with its college's
    # decision all of Dordrecht's steps are settled, so its griffie can check them.
    record_outcomes(CONCEPT, "executive", Outcome.ADOPTED, ["Dordrecht"])
    services.record_check_mark(
        decision=recorded_vote.decision,
        municipality=recorded_vote.body.municipality,
        user=dordrecht_clerk,
    )
    Decision.objects.filter(slug=CONCEPT).update(published=False)

    matrix = csv_rows(client.get(reverse("opendata:matrix_csv")))
    assert len(matrix) == 14
    assert CONCEPT not in {row["decision_slug"] for row in matrix}
    rows = document(client.get(reverse("opendata:matrix_json")))["rows"]
    assert len(rows) == 14
    assert CONCEPT not in {row["decision_slug"] for row in rows}
    assert csv_rows(client.get(reverse("opendata:votes_csv"))) == []
    assert document(client.get(reverse("opendata:votes_json")))["vote_events"] == []
    feed = ET.fromstring(client.get(reverse("opendata:feed")).content)
    assert feed.findall(f"{ATOM}entry") == []


def test_a_signed_in_user_gets_the_same_published_data(client, dataset, council_member):
    """Even who may see drafts downloads only published decisions: the downloads are public."""
    Decision.objects.filter(slug=CONCEPT).update(published=False)
    client.force_login(council_member)
    assert len(csv_rows(client.get(reverse("opendata:matrix_csv")))) == 14


def test_downloads_are_in_dutch_whatever_language_was_chosen(client, recorded_vote):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    rows = csv_rows(client.get(reverse("opendata:votes_csv")))
    assert rows[0]["body_name"] == "Gemeenteraad Dordrecht"
    feed = ET.fromstring(client.get(reverse("opendata:feed")).content)
    assert feed.findtext(f"{ATOM}title") == "GR Portal: wijzigingen in de stand van besluiten"
    assert " Stand: 1 van 7 raden " in feed.find(f"{ATOM}entry").findtext(f"{ATOM}summary")


@pytest.mark.parametrize("name", DOWNLOADS)
def test_downloads_are_get_only_and_open_to_any_site(client, dataset, name):
    assert client.post(reverse(name)).status_code == 405
    assert client.get(reverse(name))["Access-Control-Allow-Origin"] == "*"


# --- per process and per municipality ----------------------------------------------------------

MERGER = "samenvoeging-drechtwerk-sociaal"


def test_a_download_per_process_and_per_municipality(client, recorded_vote):
    """?traject= and ?gemeente= narrow every download to the same rows as in the whole; the
    file name says the scope; unknown or unpublished scopes are 404."""
    url = reverse("opendata:matrix_csv")
    everything = csv_rows(client.get(url))
    per_process = csv_rows(client.get(url, {"traject": MERGER}))
    assert per_process == everything  # one process in the dataset
    response = client.get(url, {"traject": MERGER, "gemeente": "dordrecht"})
    assert f"gr-portal-stand-{MERGER}-dordrecht.csv" in response["Content-Disposition"]
    dordrecht = csv_rows(response)
    assert len(dordrecht) == 3  # three decisions, one municipality
    assert {row["municipality_cbs_code"] for row in dordrecht} == {"GM0505"}
    assert [row for row in everything if row["municipality_cbs_code"] == "GM0505"] == dordrecht

    votes = reverse("opendata:votes_json")
    assert document(client.get(votes, {"gemeente": "dordrecht"}))["vote_events"]
    assert document(client.get(votes, {"gemeente": "sliedrecht"}))["vote_events"] == []
    assert csv_rows(client.get(reverse("opendata:votes_csv"), {"gemeente": "sliedrecht"})) == []

    assert client.get(url, {"traject": "bestaat-niet"}).status_code == 404
    assert client.get(url, {"gemeente": "atlantis"}).status_code == 404
    from decisions.models import Process

    Process.objects.filter(slug=MERGER).update(published=False)
    assert client.get(url, {"traject": MERGER}).status_code == 404
