"""Specification of the open data: the 'Open data' page, the matrix and vote downloads (CSV and
JSON in the shape of Popolo vote events) and the Atom feed of status changes.

Everything is public and covers published decisions only; every download answers in a fixed
number of queries.
"""

import csv
import datetime
import io
import json
import re
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse

from councils.models import Meeting, Municipality
from decisions.models import (
    Amendment,
    Decision,
    FractieVote,
    Motion,
    Opinion,
    RecordCheck,
    Treatment,
    Vote,
)
from decisions.opendata import builders as opendata
from decisions.opendata.views import published_matrix_rows, published_votes
from gr_portal.core.choices import Outcome, VoteMethod
from tests.decisions.clerk_helpers import CONCEPT, council_treatment, term_for, treatment_post

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ATOM = "{http://www.w3.org/2005/Atom}"
DOWNLOADS = [
    "opendata:matrix_csv",
    "opendata:matrix_json",
    "opendata:votes_csv",
    "opendata:votes_json",
    "opendata:feed",
]
CBS_CODES = {"GM0482", "GM0505", "GM0523", "GM0531", "GM0590", "GM0610", "GM0642"}


def _absolute(path: str) -> str:
    return f"http://testserver{path}"


def _record_council_vote(treatment, day, *, with_subjects=True):
    """Record an adopted per-fractie vote on `treatment` on `day` July 2022 at 20.00 (the
    smallest fractie against), and with `with_subjects` a rejected amendment A1 (only the
    largest fractie for) and an adopted motion M1 (hamerstuk, without fracties).

    Returns the votes: proposal, amendment, motion.
    """
    meeting = Meeting.objects.create(
        body=treatment.body,
        starts_at=datetime.datetime(2022, 7, day, 20, 0, tzinfo=AMSTERDAM),
        location="Raadzaal",
    )
    treatment.meeting = meeting
    treatment.version = treatment.decision.versions.get(number=1)
    treatment.outcome = Outcome.ADOPTED
    treatment._change_reason = "Vastgelegd door de griffie"
    treatment.save()
    term = term_for(treatment)
    fracties = list(term.fracties.all())
    against = fracties[-1]
    vote = Vote.objects.create(
        treatment=treatment,
        method=VoteMethod.PER_FRACTIE,
        members_present=term.size,
        votes_for=term.size - against.seats,
        votes_against=against.seats,
    )
    for fractie in fracties:
        FractieVote.objects.create(
            vote=vote,
            fractie=fractie,
            seats=fractie.seats,
            votes_for=0 if fractie == against else fractie.seats,
            votes_against=fractie.seats if fractie == against else 0,
        )
    if not with_subjects:
        return vote, None, None
    amendment = Amendment.objects.create(
        treatment=treatment, code="A1", title="Rol van de raad", text="De raad…", outcome="rejected"
    )
    largest = fracties[0]
    amendment_vote = Vote.objects.create(
        amendment=amendment,
        method=VoteMethod.PER_FRACTIE,
        members_present=term.size,
        votes_for=largest.seats,
        votes_against=term.size - largest.seats,
    )
    for fractie in fracties:
        FractieVote.objects.create(
            vote=amendment_vote,
            fractie=fractie,
            seats=fractie.seats,
            votes_for=fractie.seats if fractie == largest else 0,
            votes_against=0 if fractie == largest else fractie.seats,
        )
    motion = Motion.objects.create(
        treatment=treatment, code="M1", title="Medewerkers", text="Verzoekt…", outcome="adopted"
    )
    motion_vote = Vote.objects.create(
        motion=motion,
        method=VoteMethod.WITHOUT_VOTE,
        members_present=term.size - 1,
        votes_for=term.size - 1,
    )
    return vote, amendment_vote, motion_vote


def _record_all_councils(decision=CONCEPT):
    councils = Treatment.objects.filter(
        decision__slug=decision, body__kind="council"
    ).select_related("body__municipality", "decision")
    for day, treatment in enumerate(councils, start=4):
        _record_council_vote(treatment, day)


def _csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


# --- the page ------------------------------------------------------------------------------


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
    ):
        assert expected in page
    # every field of every download is documented
    for field in (*opendata.MATRIX_FIELDS, *opendata.VOTE_FIELDS, *opendata.VOTE_EVENT_FIELDS):
        assert f"<code>{field.name}</code>" in page
    # the mapping of outcomes to Popolo results
    assert "<td>aangenomen</td><td><code>adopted</code></td><td><code>pass</code></td>" in page
    assert "<td>verworpen</td><td><code>rejected</code></td><td><code>fail</code></td>" in page
    assert "<code>not voting</code>" in page and "<code>absent</code>" in page
    # feed readers find the feed from the page
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Wijzigingen in de stand van '
        f'besluiten" href="http://testserver{reverse("opendata:feed")}">'
    ) in page


def test_the_documented_examples_have_the_shape_of_the_real_downloads(dataset):
    """The examples on the page are written by hand; they must not drift from the builders."""
    _record_council_vote(council_treatment(), 12, with_subjects=False)
    [event] = opendata.vote_events(published_votes(), _absolute)
    example = opendata.EXAMPLE_VOTE_EVENT

    def shape(value):
        if isinstance(value, dict):
            return {key: shape(item) for key, item in value.items()}
        if isinstance(value, list):
            return [shape(value[0])] if value else []
        return None

    assert shape(example) == shape(event)
    assert list(opendata.EXAMPLE_MATRIX_ROW) == [f.name for f in opendata.MATRIX_FIELDS]


# --- the matrix ----------------------------------------------------------------------------


def test_the_matrix_csv_has_a_row_per_decision_and_municipality(client, dataset):
    response = client.get(reverse("opendata:matrix_csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="gr-portal-stand.csv"'
    rows = _csv_rows(response)
    assert list(rows[0]) == [field.name for field in opendata.MATRIX_FIELDS]
    assert len(rows) == 21  # 3 decisions x 7 municipalities
    assert {row["municipality_cbs_code"] for row in rows} == CBS_CODES
    for slug in Decision.objects.values_list("slug", flat=True):
        codes = [row["municipality_cbs_code"] for row in rows if row["decision_slug"] == slug]
        assert sorted(codes) == sorted(CBS_CODES)
    by_name = {m.name: m.cbs_code for m in Municipality.objects.all()}
    assert all(by_name[row["municipality_name"]] == row["municipality_cbs_code"] for row in rows)
    dordrecht = next(
        row
        for row in rows
        if row["decision_slug"] == CONCEPT and row["municipality_cbs_code"] == "GM0505"
    )
    assert dordrecht["decision_title"] == "Concept aangepaste GR-tekst GR Sociaal"
    assert dordrecht["decision_kind"] == "draft_text"
    assert dordrecht["decision_url"] == f"http://testserver/besluiten/{CONCEPT}/"
    assert dordrecht["executive_planned_on"] == "2022-06-01"
    assert dordrecht["executive_planned_precision"] == "month"
    assert dordrecht["council_purpose"] == "opinion"
    assert dordrecht["council_planned_on"] == "2022-07-01"
    assert dordrecht["council_outcome"] == ""  # nothing recorded yet
    assert dordrecht["council_votes_for"] == ""


def test_the_matrix_shows_a_recorded_council_vote_and_the_griffie_check(
    client, dataset, dordrecht_clerk
):
    treatment = council_treatment()
    vote, _, _ = _record_council_vote(treatment, 12)
    RecordCheck.objects.create(
        decision=treatment.decision,
        municipality=treatment.body.municipality,
        checked_by=dordrecht_clerk,
        checked_at=datetime.datetime(2022, 7, 14, 9, 0, tzinfo=AMSTERDAM),
    )
    rows = client.get(reverse("opendata:matrix_json")).json()["rows"]
    [row] = [
        r for r in rows if r["decision_slug"] == CONCEPT and r["municipality_name"] == "Dordrecht"
    ]
    assert row["council_meeting_date"] == "2022-07-12"
    assert row["council_outcome"] == "adopted"
    assert row["council_votes_for"] == vote.votes_for
    assert row["council_votes_against"] == vote.votes_against
    assert row["council_members_present"] == vote.members_present
    assert row["council_version"] == 1
    assert row["checked_on"] == "2022-07-14"
    assert row["executive_outcome"] is None  # not recorded yet


def test_the_matrix_uses_the_latest_round(client, dataset):
    treatment = council_treatment()
    treatment.outcome = Outcome.POSTPONED
    treatment.meeting = Meeting.objects.create(
        body=treatment.body, starts_at=datetime.datetime(2022, 7, 5, 20, 0, tzinfo=AMSTERDAM)
    )
    treatment.save()
    second = Treatment.objects.create(
        decision=treatment.decision, body=treatment.body, round=2, purpose="opinion"
    )
    _record_council_vote(second, 19, with_subjects=False)
    rows = client.get(reverse("opendata:matrix_json")).json()["rows"]
    [row] = [
        r for r in rows if r["decision_slug"] == CONCEPT and r["municipality_name"] == "Dordrecht"
    ]
    assert row["council_outcome"] == "adopted"
    assert row["council_meeting_date"] == "2022-07-19"


def test_the_matrix_json_round_trips_to_what_the_builder_produced(client, rf, dataset):
    _record_council_vote(council_treatment(), 12)
    response = client.get(reverse("opendata:matrix_json"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'inline; filename="gr-portal-stand.json"'
    loaded = json.loads(response.content.decode("utf-8"))
    built = opendata.matrix_document(published_matrix_rows(rf.get("/")))
    assert loaded == built
    assert json.loads(json.dumps(loaded)) == loaded
    assert loaded["license"] == "https://creativecommons.org/publicdomain/zero/1.0/"
    assert len(loaded["rows"]) == 21
    assert all(list(row) == [f.name for f in opendata.MATRIX_FIELDS] for row in loaded["rows"])


# --- votes ---------------------------------------------------------------------------------


def test_a_recorded_vote_appears_in_the_csv_with_a_row_per_fractie(client, dataset):
    treatment = council_treatment()
    vote, amendment_vote, motion_vote = _record_council_vote(treatment, 12)
    fracties = list(term_for(treatment).fracties.all())
    response = client.get(reverse("opendata:votes_csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="gr-portal-stemmingen.csv"'
    rows = _csv_rows(response)
    assert list(rows[0]) == [field.name for field in opendata.VOTE_FIELDS]
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
    vote, amendment_vote, motion_vote = _record_council_vote(treatment, 12)
    fracties = list(term_for(treatment).fracties.all())
    response = client.get(reverse("opendata:votes_json"))
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'inline; filename="gr-portal-stemmingen.json"'
    events = {event["id"]: event for event in response.json()["vote_events"]}
    assert set(events) == {f"vote/{v.pk}" for v in (vote, amendment_vote, motion_vote)}

    event = events[f"vote/{vote.pk}"]
    assert event["motion"]["id"] == f"treatment/{treatment.pk}"
    assert event["motion"]["classification"] == "proposal"
    assert event["motion"]["title"] == "Concept aangepaste GR-tekst GR Sociaal"
    assert event["motion"]["text"].startswith("Concept van de gewijzigde")
    assert event["motion"]["date"] == "2022-07-12"
    assert event["motion"]["result"] == "pass"
    organization = event["motion"]["organization"]
    assert organization["name"] == "Gemeenteraad Dordrecht"
    assert organization["area"]["identifier"] == "GM0505"
    assert event["organization_id"] == organization["id"]
    assert event["start_date"] == "2022-07-12T20:00:00+02:00"
    assert event["legislative_session"]["start_date"] == event["start_date"]
    assert event["classification"] == "per_fractie"
    assert event["result"] == "pass"
    assert event["counts"] == [
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
    _record_all_councils()
    loaded = json.loads(client.get(reverse("opendata:votes_json")).content.decode("utf-8"))
    built = opendata.votes_document(opendata.vote_events(published_votes(), _absolute))
    assert loaded == built
    assert json.loads(json.dumps(loaded, ensure_ascii=False)) == loaded
    assert len(loaded["vote_events"]) == 3 * 7
    # ordered by municipality, then as voted: amendment, proposal, motion
    assert [event["motion"]["classification"] for event in loaded["vote_events"][:3]] == [
        "amendment",
        "proposal",
        "motion",
    ]


def test_unpublished_decisions_are_absent_from_every_download(client, dataset, dordrecht_clerk):
    treatment = council_treatment()
    _record_council_vote(treatment, 12)
    Opinion.objects.create(
        decision=treatment.decision,
        municipality=treatment.body.municipality,
        treatment=treatment,
        text="De raad stemt in.",
    )
    RecordCheck.objects.create(
        decision=treatment.decision,
        municipality=treatment.body.municipality,
        checked_by=dordrecht_clerk,
    )
    Decision.objects.filter(slug=CONCEPT).update(published=False)

    matrix = _csv_rows(client.get(reverse("opendata:matrix_csv")))
    assert len(matrix) == 14
    assert CONCEPT not in {row["decision_slug"] for row in matrix}
    rows = client.get(reverse("opendata:matrix_json")).json()["rows"]
    assert len(rows) == 14
    assert CONCEPT not in {row["decision_slug"] for row in rows}
    assert _csv_rows(client.get(reverse("opendata:votes_csv"))) == []
    assert client.get(reverse("opendata:votes_json")).json()["vote_events"] == []
    feed = ET.fromstring(client.get(reverse("opendata:feed")).content)
    assert feed.findall(f"{ATOM}entry") == []


def test_a_signed_in_user_gets_the_same_published_data(client, dataset, council_member):
    """Even who may see drafts downloads only published decisions: the downloads are public."""
    Decision.objects.filter(slug=CONCEPT).update(published=False)
    client.force_login(council_member)
    assert len(_csv_rows(client.get(reverse("opendata:matrix_csv")))) == 14


def test_downloads_are_in_dutch_whatever_language_was_chosen(client, dataset):
    _record_council_vote(council_treatment(), 12, with_subjects=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    rows = _csv_rows(client.get(reverse("opendata:votes_csv")))
    assert rows[0]["body_name"] == "Gemeenteraad Dordrecht"


@pytest.mark.parametrize("name", DOWNLOADS)
def test_downloads_are_get_only_and_open_to_any_site(client, dataset, name):
    assert client.post(reverse(name)).status_code == 405
    assert client.get(reverse(name))["Access-Control-Allow-Origin"] == "*"


# --- fixed number of queries ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["opendata:matrix_csv", "opendata:matrix_json"])
def test_the_matrix_queries_are_fixed(client, dataset, django_assert_num_queries, name):
    _record_all_councils()
    # 1. published decisions with process and regeling
    # 2. their treatments with body, municipality, regeling, meeting, version and vote
    # 3. the griffies' checks of those decisions
    with django_assert_num_queries(3):
        response = client.get(reverse(name))
    assert response.status_code == 200


@pytest.mark.parametrize("name", ["opendata:votes_csv", "opendata:votes_json"])
def test_the_vote_queries_are_fixed(client, dataset, django_assert_num_queries, name):
    _record_all_councils()  # 21 votes, 14 of them with per-fractie results
    # 1. votes on published decisions with their subject (treatment, amendment or motion),
    #    its treatment's decision, body, municipality, meeting and version
    # 2. their per-fractie results with fractie and council term
    with django_assert_num_queries(2):
        response = client.get(reverse(name))
    assert response.status_code == 200
    assert b"Zwijndrecht" in response.content


def test_the_feed_queries_are_fixed(client, dataset, dordrecht_clerk, django_assert_num_queries):
    _record_all_councils()
    treatment = council_treatment()
    Opinion.objects.create(
        decision=treatment.decision, municipality=treatment.body.municipality, text="Akkoord."
    )
    RecordCheck.objects.create(
        decision=treatment.decision,
        municipality=treatment.body.municipality,
        checked_by=dordrecht_clerk,
    )
    # 1. the newest changed treatment versions (outcome, meeting or text version), with
    #    decision, body, municipality, regeling, meeting and version
    # 2. the newest zienswijze versions with decision and municipality
    # 3. the newest griffie-check versions with decision and municipality
    with django_assert_num_queries(3):
        response = client.get(reverse("opendata:feed"))
    assert len(ET.fromstring(response.content).findall(f"{ATOM}entry")) == 9


# --- the Atom feed -------------------------------------------------------------------------


def _entries(client) -> list[ET.Element]:
    response = client.get(reverse("opendata:feed"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def test_the_feed_reports_an_outcome_recorded_by_the_griffie(client, dataset, dordrecht_clerk):
    treatment = council_treatment()
    client.force_login(dordrecht_clerk)
    response = client.post(
        reverse("clerk:treatment", args=[treatment.pk]), treatment_post(treatment)
    )
    assert response.status_code == 302
    client.logout()

    response = client.get(reverse("opendata:feed"))
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}id") == "tag:testserver,2022:wijzigingen"
    assert feed.findtext(f"{ATOM}title") == "GR Portal: wijzigingen in de stand van besluiten"
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "GR Portal"
    [entry] = feed.findall(f"{ATOM}entry")
    assert feed.findtext(f"{ATOM}updated") == entry.findtext(f"{ATOM}updated")
    assert entry.findtext(f"{ATOM}title") == (
        "Gemeenteraad Dordrecht: Concept aangepaste GR-tekst GR Sociaal aangenomen"
    )
    history_id = treatment.history.latest().history_id
    # tag:<host>,<day of the change>:<kind>/<history row>, RFC 4151
    assert re.fullmatch(
        rf"tag:testserver,\d{{4}}-\d{{2}}-\d{{2}}:behandeling/{history_id}",
        entry.findtext(f"{ATOM}id"),
    )
    updated = datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
    assert updated.tzinfo is not None
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver/besluiten/{CONCEPT}/"
    summary = entry.findtext(f"{ATOM}summary")
    assert "Uitkomst: aangenomen." in summary
    assert "Vergadering: 12 juli 2022, 20.00 uur." in summary
    assert "Tekstversie: 1." in summary
    # the same change keeps its id
    assert _entries(client)[0].findtext(f"{ATOM}id") == entry.findtext(f"{ATOM}id")


def test_the_feed_lists_only_status_changes_newest_first(client, dataset, dordrecht_clerk):
    treatment = council_treatment()
    treatment.notes = "Agendapunt 7"  # no change of outcome, meeting or version
    treatment.save()
    assert _entries(client) == []

    _record_council_vote(treatment, 12, with_subjects=False)
    treatment.outcome = Outcome.REJECTED
    treatment._change_reason = "Correctie: verkeerd overgenomen"
    treatment.save()
    opinion = Opinion.objects.create(
        decision=treatment.decision,
        municipality=treatment.body.municipality,
        text="De raad stemt in.",
        submitted_on=datetime.date(2022, 7, 13),
    )
    check = RecordCheck.objects.create(
        decision=treatment.decision,
        municipality=treatment.body.municipality,
        checked_by=dordrecht_clerk,
        checked_at=datetime.datetime(2022, 7, 14, 9, 0, tzinfo=AMSTERDAM),
    )
    check.delete()

    entries = _entries(client)
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "Griffie Dordrecht: controle van Concept aangepaste GR-tekst GR Sociaal vervallen",
        "Griffie Dordrecht: gegevens over Concept aangepaste GR-tekst GR Sociaal gecontroleerd",
        "Gemeenteraad Dordrecht: zienswijze op Concept aangepaste GR-tekst GR Sociaal vastgelegd",
        "Gemeenteraad Dordrecht: Concept aangepaste GR-tekst GR Sociaal verworpen",
        "Gemeenteraad Dordrecht: Concept aangepaste GR-tekst GR Sociaal aangenomen",
    ]
    assert "Reden: Correctie: verkeerd overgenomen" in entries[3].findtext(f"{ATOM}summary")
    assert "Ingediend op 13 juli 2022." in entries[2].findtext(f"{ATOM}summary")
    assert "Gecontroleerd op 14 juli 2022, 9.00 uur." in entries[1].findtext(f"{ATOM}summary")
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids)
    assert ids[2].endswith(f":zienswijze/{opinion.history.latest().history_id}")
    for entry in entries:
        for element in ("id", "title", "updated", "summary"):
            assert entry.findtext(f"{ATOM}{element}")
        assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/besluiten/")


def test_the_feed_holds_the_newest_fifty_changes(client, dataset):
    treatment = council_treatment()
    meetings = [
        Meeting.objects.create(
            body=treatment.body,
            starts_at=datetime.datetime(2022, 7, 1, 20, 0, tzinfo=AMSTERDAM)
            + datetime.timedelta(days=day),
        )
        for day in range(60)
    ]
    for meeting in meetings:  # every save moves the treatment to another meeting
        treatment.meeting = meeting
        treatment.save()
    entries = _entries(client)
    assert len(entries) == opendata.FEED_SIZE
    newest = treatment.history.latest().history_id
    assert entries[0].findtext(f"{ATOM}id").endswith(f":behandeling/{newest}")
    assert "29 augustus 2022" in entries[0].findtext(f"{ATOM}summary")


def test_the_open_data_page_needs_no_queries(client, dataset, django_assert_num_queries):
    # The page documents the downloads; it reads nothing from the database.
    with django_assert_num_queries(0):
        assert client.get(reverse("opendata:index")).status_code == 200
