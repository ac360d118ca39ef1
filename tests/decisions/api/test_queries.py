"""Every API list and object answers in a fixed number of queries, the same with the real data
(every council's vote recorded, with amendments and motions each voted) and with fifty times
as much (bench.synthetic.build(scale=50)); the counts are pinned here, per endpoint.

Both worlds are built once for the module, in a transaction rolled back after its last test
(as tests/gr_portal/test_scale.py does for the pages)."""

from dataclasses import dataclass

import pytest
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from bench.synthetic import build
from councils.models import Body, Municipality
from decisions.models import Decision, MemberVote, Treatment, Vote
from tests.api import api
from tests.recording import record_vote

#: Queries per list (one page): the count of the page, the page, and one per prefetch.
LISTS = {
    "gemeenten": 3,  # count, page, regelingen
    "regelingen": 3,  # count, page, deelnemers
    "fracties": 2,
    "natuurlijkpersonen": 2,
    "fractielidmaatschappen": 2,
    "vergaderingen": 3,  # count, page, agendapunten
    "agendapunten": 4,  # count, page, amendementen, moties
    "besluiten": 2,
    "stemmingen": 4,  # count, page, stemmen, uitslagen per fractie
    "stemmen": 2,
    "stemresultatenperfractie": 2,
    # count and page (one union of both tables), amendementen and moties with their fracties
    "informatieobjecten": 6,
    "trajecten": 4,  # count, page, regelingen, besluiten
    "regionale-besluiten": 4,  # count, page, tekstversies, behandelingen
    "tekstversies": 2,
    "behandelingen": 2,
    # the statuses of every published decision (selectors.load_statuses: decisions,
    # treatments, checks, participants), paged in memory
    "stand": 4,
    "mijlpalen": 3,  # count, page, besluiten
    "brieven": 1,  # count (no letter exported)
}


def _queries(client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.status_code, len(queries)


def _first_id(client, resource: str) -> str | None:
    results = api(client, resource, paginaGrootte=1)["results"]
    return results[0]["id"] if results else None


def _members_vote(vote) -> None:
    """Two members' own votes on the last council's vote: the stemmen have rows."""
    term = vote.treatment.body.municipality.terms.get()
    for member in term.members.order_by("pk")[:2]:
        MemberVote.objects.create(
            vote=vote,
            member=member,
            fractie=member.fractie_memberships.get().fractie,
            choice=MemberVote.Choice.ABSENT,
        )


@dataclass(frozen=True)
class World:
    lists: dict[str, int]
    details: dict[str, int]
    volume: dict[str, int]


def _measure(client) -> World:
    lists = {name: _queries(client, f"/api/v1/{name}")[1] for name in LISTS}
    details = {}
    for name in LISTS:
        key = _first_id(client, name)
        if key is not None:
            status, count = _queries(client, f"/api/v1/{name}/{key}")
            assert status == 200
            details[name] = count
    volume = {
        "municipalities": Municipality.objects.count(),
        "decisions": Decision.objects.count(),
        "votes": Vote.objects.count(),
    }
    return World(lists, details, volume)


@pytest.fixture(scope="module")
def worlds(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        override_settings(PUBLIC_PAGE_CACHE=False),
        transaction.atomic(),
    ):
        decision = Decision.objects.get(slug="concept-gr-tekst-2022")
        councils = Treatment.objects.filter(decision=decision, body__kind=Body.Kind.COUNCIL)
        for day, treatment in enumerate(
            councils.select_related("body__municipality", "decision"), start=4
        ):
            recorded = record_vote(treatment, day=day, vote_subjects=True)
        _members_vote(recorded.vote)
        client = Client()
        one = _measure(client)
        build(scale=50)
        fifty = _measure(client)
        yield one, fifty
        transaction.set_rollback(True)


@pytest.mark.parametrize("resource", LISTS)
def test_a_list_takes_its_pinned_queries_at_1x_and_50x(db, worlds, resource):
    one, fifty = worlds
    assert fifty.volume["votes"] >= 25 * one.volume["votes"]
    assert one.lists[resource] == LISTS[resource], "1x"
    assert fifty.lists[resource] == LISTS[resource], "50x"


@pytest.mark.parametrize("resource", [name for name in LISTS if name != "brieven"])
def test_an_object_takes_as_many_queries_at_50x_as_at_1x(db, worlds, resource):
    one, fifty = worlds
    assert one.details[resource] == fifty.details[resource]
    assert one.details[resource] <= LISTS[resource]
