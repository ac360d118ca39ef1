"""Scale: every public page answers in the same number of queries with ten times the data.

Each page is measured on the real Drechtsteden data (with every council's vote, amendment, motion
and zienswijze recorded, the amendment and motion each with a vote of its own, so that no
prefetch is skipped for being empty), then again after bench.synthetic.build(scale=10) has added
ten times as many municipalities, decisions and votes. The decision and municipality pages are
measured on the busiest decision and municipality of the moment, so they grow too.

Both worlds are built once for this module (building ten times the data takes seconds): inside
one transaction that is rolled back after the module's last test, so every later test sees the
session's dataset as it was. The synthetic data itself is checked in tests/bench/.
"""

from dataclasses import dataclass

import pytest
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.synthetic import build
from councils.models import Body, Municipality, Regeling
from decisions.models import Amendment, Decision, Motion, Treatment, Vote
from tests.recording import record_vote


def _busiest_decision() -> Decision:
    """The decision with the most treatments (then fractie votes) among those with amendments
    and motions: every prefetch of the decision page has rows to fetch."""
    return (
        # Subqueries, not joins: a join in filter() would be reused by the counts below.
        Decision.objects.filter(pk__in=Amendment.objects.values("treatment__decision"))
        .filter(pk__in=Motion.objects.values("treatment__decision"))
        .annotate(
            treatment_count=Count("treatments", distinct=True),
            fractie_votes=Count("treatments__vote__fractie_votes", distinct=True),
        )
        .order_by("-treatment_count", "-fractie_votes", "slug")
        .first()
    )


def _largest_regeling() -> Regeling:
    return Regeling.objects.annotate(size=Count("participants")).order_by("-size", "slug").first()


def _busiest_municipality() -> Municipality:
    return (
        Municipality.objects.annotate(treatment_count=Count("bodies__treatments"))
        .order_by("-treatment_count", "slug")
        .first()
    )


# The five public pages of today. Timeline, search, open data and agenda come next:
# "timeline", "search", "open_data", "open_data_matrix_csv", "open_data_matrix_json",
# "open_data_votes_csv", "open_data_votes_json", "status_feed", "agenda_ics", "municipality_ics".
PAGES = {
    "home": lambda: reverse("home"),
    "home_filtered": lambda: reverse("home") + "?gemeente=dordrecht&soort=merger&stand=lopend",
    "process_detail": lambda: _busiest_decision().process.get_absolute_url(),
    "regeling_detail": lambda: _largest_regeling().get_absolute_url(),
    "status_matrix": lambda: reverse("decisions:status_matrix"),
    "decision_detail": lambda: reverse("decision_detail", args=[_busiest_decision().slug]),
    "decision_versions": lambda: reverse("decisions:versions", args=[_busiest_decision().slug]),
    "municipality_detail": lambda: reverse(
        "municipality_detail", args=[_busiest_municipality().slug]
    ),
    "timeline": lambda: reverse("milestones:timeline"),
    "search": lambda: reverse("search:page") + "?q=samenvoeging",
    "open_data": lambda: reverse("opendata:index"),
    "open_data_matrix_csv": lambda: reverse("opendata:matrix_csv"),
    "open_data_matrix_json": lambda: reverse("opendata:matrix_json"),
    "open_data_votes_csv": lambda: reverse("opendata:votes_csv"),
    "open_data_votes_json": lambda: reverse("opendata:votes_json"),
    "status_feed": lambda: reverse("opendata:feed"),
    "agenda_ics": lambda: reverse("milestones:agenda"),
    "municipality_ics": lambda: reverse(
        "milestones:municipality_agenda", args=[_busiest_municipality().slug]
    ),
}


def _record_council_votes(decision: Decision) -> None:
    """Each council's vote on the decision, per fractie, with an amendment, a motion (each
    voted) and a zienswijze: what a griffie records after the meeting."""
    treatments = Treatment.objects.filter(decision=decision, body__kind=Body.Kind.COUNCIL)
    for day, treatment in enumerate(
        treatments.select_related("body__municipality", "decision"), start=4
    ):
        record_vote(treatment, day=day, vote_subjects=True)


def _queries(client, url) -> tuple[int, int]:
    """(status code, number of queries) of a GET of `url`, its body read to the end (a
    streamed download reads the database while it is sent)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    return response.status_code, len(queries)


#: The downloads streamed a few decisions at a time (opendata.selectors.published_vote_chunks
#: and published_status_chunks): one query for the decisions, then a fixed number per chunk —
#: bounded memory, not a fixed count. Per download: the queries per chunk.
STREAMED = {
    "open_data_votes_csv": 4,
    "open_data_votes_json": 4,
    "open_data_matrix_csv": 4,
    "open_data_matrix_json": 4,
}


def _chunks() -> int:
    from decisions.opendata.selectors import DECISIONS_PER_CHUNK

    return -(-Decision.objects.published().count() // DECISIONS_PER_CHUNK)


def _volume() -> dict[str, int]:
    return {
        "municipalities": Municipality.objects.count(),
        "decisions": Decision.objects.count(),
        "votes": Vote.objects.count(),
    }


@dataclass(frozen=True)
class Measured:
    url: str
    status: int
    queries: int


@dataclass(frozen=True)
class World:
    volume: dict[str, int]
    pages: dict[str, Measured]


@pytest.fixture(scope="module")
def scales(django_db_setup, django_db_blocker):
    """Every page measured at 1x, then the data built to 10x: (the 1x world, the 10x volume).

    The pages are measured again at 10x in the tests, each in its own (rolled back) transaction
    inside this module's.
    """
    with (
        django_db_blocker.unblock(),
        override_settings(PUBLIC_PAGE_CACHE=False),
        transaction.atomic(),
    ):
        _record_council_votes(Decision.objects.get(slug="concept-gr-tekst-2022"))
        client = Client()
        pages = {}
        for name, page in PAGES.items():
            url = page()
            pages[name] = Measured(url, *_queries(client, url))
        one = World(_volume(), pages)
        build(scale=10)
        yield one, _volume()
        transaction.set_rollback(True)


@pytest.mark.parametrize("name", PAGES)
def test_page_queries_do_not_grow_with_ten_times_the_data(client, db, scales, name):
    one, volume_after = scales
    before = one.pages[name]
    assert before.status == 200, before.url

    after = PAGES[name]()
    for what, count in volume_after.items():
        assert count >= 5 * one.volume[what], f"{what}: {one.volume[what]} → {count}"
    status, queries = _queries(client, after)
    assert status == 200, after
    if name in STREAMED:
        # 1x: one chunk; 10x: one per DECISIONS_PER_CHUNK decisions, a fixed number each
        assert queries == before.queries + STREAMED[name] * (_chunks() - 1), after
        return
    assert queries == before.queries, f"{before.url} at 1x, {after} at 10x"
