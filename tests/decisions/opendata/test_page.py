"""The 'Open data' page: it links and documents every download, and its hand-written examples
have the shape of the real data."""

import pytest
from django.urls import reverse

from councils.models import Member
from decisions.models import MemberVote
from decisions.opendata import fields
from decisions.opendata.examples import EXAMPLE_MATRIX_ROW, EXAMPLE_VOTE_EVENT
from decisions.opendata.popolo import vote_events
from decisions.opendata.selectors import published_votes
from tests.decisions.opendata.helpers import DOWNLOADS, absolute

pytestmark = pytest.mark.django_db


def test_the_open_data_page_links_and_documents_every_download(client, dataset):
    response = client.get(reverse("opendata:index"))
    assert response.status_code == 200
    page = response.content.decode()
    for name in DOWNLOADS:
        assert f'href="http://testserver{reverse(name)}"' in page
    for expected in (
        "CC0 1.0",
        "https://creativecommons.org/publicdomain/zero/1.0/",
        "UTF-8",
        "Live",
        "‘schatting’ of ‘niet geverifieerd’",
        "niet officieel",
        "Popolo",
        "‘Stand: …’",  # the feed's summaries end with the status
    ):
        assert expected in page
    # every field of every download is documented
    for field in (*fields.MATRIX_FIELDS, *fields.VOTE_FIELDS, *fields.VOTE_EVENT_FIELDS):
        assert f"<code>{field.name}</code>" in page
    # the mapping of outcomes to Popolo results
    assert "<td>aangenomen</td><td><code>adopted</code></td><td><code>pass</code></td>" in page
    assert "<td>verworpen</td><td><code>rejected</code></td><td><code>fail</code></td>" in page
    assert "<code>not voting</code>" in page
    assert "<code>absent</code>" in page
    # feed readers find the feed from the page
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Wijzigingen in de stand van '
        f'besluiten" href="http://testserver{reverse("opendata:feed")}">'
    ) in page


def test_the_documented_examples_have_the_shape_of_the_real_downloads(recorded_vote):
    """The examples on the page are written by hand; they must not drift from the builders."""
    # One member had to abstain (Gemeentewet art. 28), so the event carries a member's vote.
    member = Member.objects.filter(term__municipality__slug="dordrecht").first()
    MemberVote.objects.create(
        vote=recorded_vote.vote,
        member=member,
        fractie=member.fractie_memberships.get().fractie,
        choice=MemberVote.Choice.ABSTAINED,
        ground=MemberVote.Ground.PERSONAL,
    )
    [event] = vote_events(published_votes(), absolute)

    def shape(value):
        if isinstance(value, dict):
            return {key: shape(item) for key, item in value.items()}
        if isinstance(value, list):
            return [shape(value[0])] if value else []
        return None

    assert shape(EXAMPLE_VOTE_EVENT) == shape(event)
    assert list(EXAMPLE_MATRIX_ROW) == [f.name for f in fields.MATRIX_FIELDS]


def test_the_open_data_page_needs_no_queries(client, dataset, django_assert_num_queries):
    # The page documents the downloads; it reads nothing from the database.
    with django_assert_num_queries(0):
        assert client.get(reverse("opendata:index")).status_code == 200


def test_the_documentation_is_rendered_once_per_language_and_host(client, settings):
    """The page's body depends on the code, the language and the host alone: it is rendered
    once per process for each, and a second host or language never gets the first one's."""
    from decisions.opendata.views import _documentation

    settings.ALLOWED_HOSTS = ["testserver", "second.example"]
    _documentation.cache_clear()
    dutch = client.get(reverse("opendata:index")).content.decode()
    again = client.get(reverse("opendata:index")).content.decode()
    other_host = client.get(reverse("opendata:index"), HTTP_HOST="second.example").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("opendata:index")).content.decode()
    assert _documentation.cache_info().misses == 3
    assert _documentation.cache_info().hits == 1
    assert dutch == again
    assert f'href="http://testserver{reverse("opendata:votes_csv")}"' in dutch
    assert "second.example" not in dutch
    assert f'href="http://second.example{reverse("opendata:votes_csv")}"' in other_host
    assert "testserver/open-data" not in other_host
    assert "Voorwaarden en kenmerken" in dutch
    assert "Voorwaarden en kenmerken" not in english
    assert '<html lang="en">' in english
