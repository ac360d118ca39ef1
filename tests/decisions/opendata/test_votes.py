"""The vote downloads: stemmingen.csv (a row per fractie per vote) and stemmingen.json (Popolo
vote events), for the proposal, amendments and motions, in a fixed number of queries.

These tests build the votes by hand (tests.decisions.opendata.helpers.record_council_vote): they
need every subject voted on, including an amendment per fractie and a hamerstuk motion."""

import json

import pytest
from django.urls import reverse

from councils.models import Member
from decisions.models import MemberVote
from decisions.opendata import fields
from decisions.opendata.fields import VOTE_FIELDS
from decisions.opendata.popolo import vote_events, votes_document
from decisions.opendata.selectors import published_votes
from tests.decisions.clerk.helpers import CONCEPT, council_treatment, term_for
from tests.decisions.opendata.helpers import (
    absolute,
    body,
    csv_rows,
    document,
    record_all_councils_by_hand,
    record_council_vote,
)

pytestmark = pytest.mark.django_db


def test_a_recorded_vote_appears_in_the_csv_with_a_row_per_fractie(client, dataset):
    treatment = council_treatment()
    vote, amendment_vote, motion_vote = record_council_vote(treatment, 12)
    fracties = list(term_for(treatment).fracties.all())
    response = client.get(reverse("opendata:votes_csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="gr-portal-stemmingen.csv"'
    rows = csv_rows(response)
    assert list(rows[0]) == [field.name for field in VOTE_FIELDS]
    # fracties for the proposal and the amendment, one row for the hamerstuk motion
    assert len(rows) == 2 * len(fracties) + 1
    # voted in this order: amendment, proposal, motion
    assert [row["vote_id"] for row in rows[:: len(fracties)]] == [
        f"vote/{amendment_vote.pk}",
        f"vote/{vote.pk}",
        f"vote/{motion_vote.pk}",
    ]

    proposal = [row for row in rows if row["vote_id"] == f"vote/{vote.pk}"]
    assert {row["fractie_name"] for row in proposal} == {f.name for f in fracties}
    for row in proposal:
        assert row["decision_slug"] == CONCEPT
        assert row["decision_url"] == f"http://testserver/besluiten/{CONCEPT}/"
        assert row["municipality_cbs_code"] == "GM0505"
        assert row["body_name"] == "Gemeenteraad Dordrecht"
        assert row["meeting_start"] == "2022-07-12T20:00:00+02:00"
        assert row["subject_classification"] == "proposal"
        assert row["subject_id"] == f"treatment/{treatment.pk}"
        assert row["method"] == "per_fractie"
        assert row["outcome"] == "adopted"
        assert int(row["votes_for"]) == vote.votes_for
        assert int(row["votes_against"]) == vote.votes_against
        assert int(row["members_present"]) == vote.members_present
    smallest = fracties[-1]
    [row] = [row for row in proposal if row["fractie_name"] == smallest.name]
    assert row["fractie_id"] == f"fractie/{smallest.pk}"
    assert (row["fractie_votes_for"], row["fractie_votes_against"]) == ("0", str(smallest.seats))
    assert (row["fractie_not_voting"], row["fractie_absent"]) == ("0", "0")
    assert row["fractie_seats"] == str(smallest.seats)
    assert row["fractie_seats_reliability"] == term_for(treatment).composition_reliability

    amendment = [row for row in rows if row["vote_id"] == f"vote/{amendment_vote.pk}"]
    assert {(r["subject_classification"], r["subject_code"], r["outcome"]) for r in amendment} == {
        ("amendment", "A1", "rejected")
    }
    [motion] = [row for row in rows if row["vote_id"] == f"vote/{motion_vote.pk}"]
    assert (motion["subject_code"], motion["method"], motion["outcome"]) == (
        "M1",
        "without_vote",
        "adopted",
    )
    assert motion["fractie_id"] == motion["fractie_name"] == ""


def test_a_recorded_vote_is_a_popolo_vote_event_with_group_results(client, dataset):
    treatment = council_treatment()
    vote, amendment_vote, motion_vote = record_council_vote(treatment, 12)
    fracties = list(term_for(treatment).fracties.all())
    response = client.get(reverse("opendata:votes_json"))
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'inline; filename="gr-portal-stemmingen.json"'
    events = {event["id"]: event for event in document(response)["vote_events"]}
    assert set(events) == {f"vote/{v.pk}" for v in (vote, amendment_vote, motion_vote)}

    event = events[f"vote/{vote.pk}"]
    assert event["motion"]["id"] == f"treatment/{treatment.pk}"
    assert event["motion"]["classification"] == "proposal"
    assert event["motion"]["title"] == "Concept aangepaste GR-tekst GR Sociaal"
    assert event["motion"]["text"].startswith("Concept van de gewijzigde")
    assert event["motion"]["date"] == event["start_date"]  # a date-time, as Popolo has it
    assert event["motion"]["result"] == "pass"
    organization = event["motion"]["organization"]
    assert organization["name"] == "Gemeenteraad Dordrecht"
    assert organization["area"]["identifier"] == "GM0505"
    assert event["organization_id"] == organization["id"]
    assert event["start_date"] == "2022-07-12T20:00:00+02:00"
    assert event["legislative_session"]["start_date"] == event["start_date"]
    assert event["classification"] == "per_fractie"
    assert event["result"] == "pass"
    totals = [count for count in event["counts"] if "group_id" not in count]
    assert totals == [
        {"option": "yes", "value": vote.votes_for},
        {"option": "no", "value": vote.votes_against},
        {"option": "not voting", "value": 0},
        {"option": "absent", "value": 0},
    ]
    groups = {result["group"]["name"]: result for result in event["group_results"]}
    assert set(groups) == {f.name for f in fracties}
    smallest, largest = fracties[-1], fracties[0]
    assert groups[smallest.name]["result"] == "fail"
    assert groups[smallest.name]["group_id"] == f"fractie/{smallest.pk}"
    assert groups[smallest.name]["group"]["seats"] == smallest.seats
    assert groups[smallest.name]["counts"] == [
        {"option": "yes", "value": 0},
        {"option": "no", "value": smallest.seats},
        {"option": "not voting", "value": 0},
        {"option": "absent", "value": 0},
    ]
    assert groups[largest.name]["result"] == "pass"
    # Each fractie's counts also among the event's counts, with its group_id (Popolo).
    per_group = [count for count in event["counts"] if count.get("group_id")]
    assert len(per_group) == 4 * len(fracties)
    assert [
        {"option": c["option"], "value": c["value"]}
        for c in per_group
        if c["group_id"] == f"fractie/{smallest.pk}"
    ] == groups[smallest.name]["counts"]
    assert sum(c["value"] for c in per_group if c["option"] == "yes") == vote.votes_for
    assert event["sources"] == [
        {
            "url": f"http://testserver/besluiten/{CONCEPT}/",
            "note": "Concept aangepaste GR-tekst GR Sociaal",
        }
    ]
    assert event["extras"]["outcome"] == "adopted"
    assert event["extras"]["version"] == 1

    amendment = events[f"vote/{amendment_vote.pk}"]
    assert amendment["identifier"] == "A1"
    assert amendment["motion"]["classification"] == "amendment"
    assert amendment["motion"]["title"] == "Rol van de raad"
    assert amendment["result"] == "fail"

    motion = events[f"vote/{motion_vote.pk}"]
    assert motion["motion"]["classification"] == "motion"
    assert motion["classification"] == "without_vote"
    assert motion["group_results"] == []
    # without fracties, nobody knows who was absent: the option is left out
    assert [count["option"] for count in motion["counts"]] == ["yes", "no", "not voting"]


def test_the_votes_json_round_trips_to_what_the_builder_produced(client, dataset):
    record_all_councils_by_hand()
    loaded = document(client.get(reverse("opendata:votes_json")))
    built = votes_document(vote_events(published_votes(), absolute))
    assert loaded == built
    assert json.loads(json.dumps(loaded, ensure_ascii=False)) == loaded
    assert len(loaded["vote_events"]) == 3 * 7
    # ordered by municipality, then as voted: amendment, proposal, motion
    assert [event["motion"]["classification"] for event in loaded["vote_events"][:3]] == [
        "amendment",
        "proposal",
        "motion",
    ]


@pytest.mark.parametrize("name", ["opendata:votes_csv", "opendata:votes_json"])
def test_the_vote_queries_are_fixed(client, dataset, django_assert_num_queries, name):
    record_all_councils_by_hand()  # 21 votes, 14 of them with per-fractie results
    # 1. votes on published decisions with their subject (treatment, amendment or motion),
    #    its treatment's decision, body, municipality, meeting and version
    # 2. their per-fractie results with fractie and council term
    # 3. the members' own votes where recorded (roll call, abstentions, aantekening)
    # 4. the texts of the versions voted on, once each
    # — per chunk of decisions (streamed), after one query for the decisions' ids; the three
    # decisions of the dataset are one chunk; the JSON then adds the algemene besturen's
    # weighted votes and their lines (two, even when there are none)
    with django_assert_num_queries(5 if name.endswith("csv") else 7):
        response = client.get(reverse(name))
        content = body(response)
    assert response.status_code == 200
    assert b"Zwijndrecht" in content


def test_the_members_own_votes_are_a_csv_with_the_name_only_where_known(client, recorded_vote):
    """Where a member's own vote is recorded (here: an abstention under Gemeentewet art. 28),
    stemmen-per-lid.csv has a row for it; a member without a sourced name has no name."""
    members = list(Member.objects.filter(term__municipality__slug="dordrecht").order_by("pk")[:2])
    for member, name in zip(members, ["", "A. Voorbeeld"], strict=True):
        member.name = name
        member.save()
        MemberVote.objects.create(
            vote=recorded_vote.vote,
            member=member,
            fractie=member.fractie_memberships.get().fractie,
            choice=MemberVote.Choice.ABSTAINED,
            ground=MemberVote.Ground.PERSONAL,
        )
    rows = csv_rows(client.get(reverse("opendata:member_votes_csv")))
    assert [row["member_name"] for row in rows] == ["", "A. Voorbeeld"]
    assert {row["choice"] for row in rows} == {"abstained"}
    assert {row["abstention_ground"] for row in rows} == {"personal"}
    assert rows[0]["vote_id"] == f"vote/{recorded_vote.vote.pk}"
    assert rows[0]["member_id"] == f"member/{members[0].pk}"
    assert list(rows[0]) == [field.name for field in fields.MEMBER_VOTE_FIELDS]


def test_the_streamed_votes_are_the_votes_in_the_same_order(client, dataset):
    """Read a few decisions at a time, the rows are exactly those of one read of everything,
    in the same order (synthetic data: votes in many decisions and processes)."""
    from itertools import chain

    from bench.synthetic import build
    from decisions.opendata import popolo
    from decisions.opendata.selectors import published_vote_chunks

    build(scale=2)
    whole = popolo.vote_rows(published_votes(), absolute)
    chunks = list(published_vote_chunks(size=3))
    assert len(chunks) > 2
    streamed = list(chain.from_iterable(popolo.vote_rows(c, absolute) for c in chunks))
    assert streamed == whole
    assert csv_rows(client.get(reverse("opendata:votes_csv"))) == [
        {key: "" if value is None else str(value) for key, value in row.items()} for row in whole
    ]


def test_a_sent_chunk_of_votes_is_freed_at_once(dataset):
    """Without the garbage collector: a chunk's votes are gone as soon as the next chunk is
    read (their reference cycles broken), so a streamed download holds one chunk at a time."""
    import gc
    import weakref

    from decisions.opendata.selectors import published_vote_chunks

    record_all_councils_by_hand()
    chunks = published_vote_chunks(size=1)
    first = next(chunks)
    while not first:  # the decisions before the concept have no votes
        first = next(chunks)
    held = [weakref.ref(vote) for vote in first]
    held += [weakref.ref(vote.treatment) for vote in first if vote.treatment_id]
    del first
    gc.disable()
    try:
        next(chunks, None)  # the next chunk, or the end
        assert all(ref() is None for ref in held)
    finally:
        gc.enable()
