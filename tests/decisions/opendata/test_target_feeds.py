"""Personal feeds (issue 14 item 4): the Atom feed of one process, regeling, municipality or
decision holds that target's changes only, with its own id and title, in a fixed number of
queries; an unpublished or unknown target is not found. The pages link them."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from decisions.models import Decision
from tests.decisions.clerk.helpers import CONCEPT
from tests.decisions.opendata.helpers import ATOM, record_all_councils

pytestmark = pytest.mark.django_db


def _feed(client, kind: str, slug: str) -> ET.Element:
    response = client.get(reverse("opendata:target_feed", args=[kind, slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content)


def _titles(feed: ET.Element) -> list[str]:
    return [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]


def test_a_municipalitys_feed_has_its_own_changes_only(client, dataset):
    record_all_councils()
    dordrecht = _titles(_feed(client, "gemeente", "dordrecht"))
    assert dordrecht
    assert all("Dordrecht" in title for title in dordrecht), dordrecht
    sliedrecht = _titles(_feed(client, "gemeente", "sliedrecht"))
    assert sliedrecht
    assert not set(dordrecht) & set(sliedrecht)


def test_a_process_regeling_and_decision_feed(client, dataset):
    record_all_councils()
    decision = Decision.objects.get(slug=CONCEPT)
    everything = _titles(_feed(client, "traject", decision.process.slug))
    assert len(everything) == 28  # seven outcomes, zienswijzen, amendments and motions
    assert _titles(_feed(client, "besluit", CONCEPT)) == everything
    assert _titles(_feed(client, "regeling", decision.regeling.slug)) == everything
    other = Decision.objects.published().exclude(pk=decision.pk).first()
    assert _titles(_feed(client, "besluit", other.slug)) == []


def test_the_feed_names_its_target(client, dataset):
    feed = _feed(client, "gemeente", "dordrecht")
    assert feed.findtext(f"{ATOM}title") == "GR Portal: wijzigingen – Dordrecht"
    assert feed.findtext(f"{ATOM}id").endswith(":wijzigingen:gemeente/dordrecht")
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["self"].endswith("/open-data/gemeente/dordrecht/wijzigingen.atom")
    assert links["alternate"].endswith("/gemeenten/dordrecht/")


def test_an_unpublished_or_unknown_target_is_not_found(client, dataset):
    decision = Decision.objects.get(slug=CONCEPT)
    Decision.objects.filter(pk=decision.pk).update(published=False)
    for kind, slug in [("besluit", CONCEPT), ("gemeente", "atlantis"), ("onzin", "dordrecht")]:
        response = client.get(reverse("opendata:target_feed", args=[kind, slug]))
        assert response.status_code == 404, (kind, slug)


def test_a_target_feed_takes_one_query_more_than_the_whole(
    client, dataset, django_assert_num_queries
):
    record_all_councils()
    # the target, then the eight of the whole feed (tests/decisions/opendata/test_feed.py)
    with django_assert_num_queries(9):
        client.get(reverse("opendata:target_feed", args=["gemeente", "dordrecht"]))


@pytest.mark.parametrize(
    ("page", "kind", "slug", "agenda"),
    [
        ("municipality_detail", "gemeente", "dordrecht", "milestones:municipality_agenda"),
        (
            "process_detail",
            "traject",
            "samenvoeging-drechtwerk-sociaal",
            "milestones:process_agenda",
        ),
        ("regeling_detail", "regeling", "gr-sociaal", "milestones:regeling_agenda"),
        ("decision_detail", "besluit", CONCEPT, "milestones:decision_agenda"),
    ],
)
def test_the_page_links_its_feed_and_agenda(client, dataset, page, kind, slug, agenda):
    html = client.get(reverse(page, args=[slug])).content.decode()
    atom = reverse("opendata:target_feed", args=[kind, slug])
    assert 'rel="alternate" type="application/atom+xml"' in html
    assert f'href="{atom}"' in html
    assert f'href="{reverse(agenda, args=[slug])}"' in html
