"""Shared by the open data tests: votes built by hand where a test needs every kind of subject
voted on (a per-fractie proposal, a per-fractie amendment, a hamerstuk motion), and readers of
the downloads. Where the exact shape does not matter, the tests use the `recorded_vote` fixture
and tests.recording.record_vote, which record through the clerk's services."""

import csv
import datetime
import io
import json
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

from django.urls import reverse

from councils.models import Meeting
from decisions.models import Amendment, FractieVote, Motion, Treatment, Vote
from gr_portal.core.choices import Outcome, VoteMethod
from gr_portal.core.history import with_history
from tests.decisions.clerk.helpers import CONCEPT, term_for
from tests.recording import record_vote

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ATOM = "{http://www.w3.org/2005/Atom}"
DOWNLOADS = [
    "opendata:matrix_csv",
    "opendata:matrix_json",
    "opendata:votes_csv",
    "opendata:votes_json",
    "opendata:member_votes_csv",
    "opendata:feed",
]
CBS_CODES = {"GM0482", "GM0505", "GM0523", "GM0531", "GM0590", "GM0610", "GM0642"}


def absolute(path: str) -> str:
    return f"http://testserver{path}"


def record_council_vote(treatment, day, *, with_subjects=True):
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
    with_history(treatment, reason="Vastgelegd door de griffie").save()
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


def council_treatments(decision=CONCEPT):
    """The councils' first-round treatments of the decision, in a fixed order."""
    return Treatment.objects.filter(
        decision__slug=decision, body__kind="council", round=1
    ).select_related("body__municipality", "decision")


def record_all_councils_by_hand(decision=CONCEPT):
    """Every council's vote as record_council_vote builds it: 21 votes, 14 per fractie."""
    for day, treatment in enumerate(council_treatments(decision), start=4):
        record_council_vote(treatment, day)


def record_all_councils(decision=CONCEPT):
    """Every council's vote and zienswijze, recorded through the clerk's services."""
    for day, treatment in enumerate(council_treatments(decision), start=4):
        record_vote(treatment, day=day)


def body(response) -> bytes:
    """The bytes of a download, streamed or not (the votes are streamed)."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def document(response):
    """A JSON download, parsed."""
    return json.loads(body(response).decode("utf-8"))


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(body(response).decode("utf-8"))))


def feed_entries(client) -> list[ET.Element]:
    response = client.get(reverse("opendata:feed"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content).findall(f"{ATOM}entry")
