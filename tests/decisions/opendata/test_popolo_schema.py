"""The votes download in Popolo's vote-event shape validates against Popolo's own JSON schemas
(../shared/standards/popolo/, draft 3), with the date-times checked (issue 13 item 4: the
documented example's motion.date was a bare date).

The schemas refer to each other by their popoloproject.com addresses; those in the folder are
used, the few that are not (area, event, link, ...) are taken as "any object", so that every
property the folder describes is checked and nothing is fetched.
"""

import json
from pathlib import Path

import pytest
from django.urls import reverse
from jsonschema import Draft3Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

from decisions.opendata.examples import EXAMPLE_VOTE_EVENT
from tests.decisions.clerk.helpers import council_treatment
from tests.decisions.opendata.helpers import document, record_council_vote

pytestmark = pytest.mark.django_db

POPOLO = Path(__file__).resolve().parents[3].parent / "shared" / "standards" / "popolo"
BASE = "http://www.popoloproject.com/schemas/"
ABSENT = ["area", "contact_detail", "event", "identifier", "link", "other_name", "post", "speech"]


def _validator() -> Draft3Validator:
    if not POPOLO.is_dir():
        pytest.skip(f"Popolo's schemas are not at {POPOLO}")
    resources = []
    for path in POPOLO.glob("*.json"):
        schema = json.loads(path.read_text())
        resources.append((BASE + path.name, Resource(contents=schema, specification=DRAFT3)))
    for name in ABSENT:
        open_schema = {"type": ["object", "null"]}
        resources.append(
            (f"{BASE}{name}.json", Resource(contents=open_schema, specification=DRAFT3))
        )
    registry = Registry().with_resources(resources)
    schema = json.loads((POPOLO / "vote_event.json").read_text())
    return Draft3Validator(schema, registry=registry, format_checker=FormatChecker())


def _errors(validator, event) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(event)]


def test_the_documented_example_is_a_valid_popolo_vote_event():
    assert _errors(_validator(), EXAMPLE_VOTE_EVENT) == []


def test_a_bare_date_as_motion_date_is_refused_by_the_schema():
    event = {**EXAMPLE_VOTE_EVENT, "motion": {**EXAMPLE_VOTE_EVENT["motion"], "date": "2022-07-12"}}
    assert any("date-time" in error for error in _errors(_validator(), event))


def test_every_vote_event_of_the_download_is_valid_popolo(client, dataset):
    record_council_vote(council_treatment(), 12)  # the proposal, an amendment and a motion
    validator = _validator()
    events = document(client.get(reverse("opendata:votes_json")))["vote_events"]
    assert len(events) == 3
    problems = [(event["id"], _errors(validator, event)) for event in events]
    assert [p for p in problems if p[1]] == []


def test_a_weighted_board_vote_is_valid_popolo_with_its_weights(client, program_office):
    """A vote of GR Sociaal's algemeen bestuur, weighted by population: one vote per
    delegation with its weight, the delegations counted, the weighted totals kept."""
    from councils.models import Body, Regeling
    from decisions.board.services import record_board_vote
    from decisions.models import Decision, Treatment
    from gr_portal.core.choices import BodyKind, Purpose

    regeling = Regeling.objects.get(slug="gr-sociaal")
    regeling.ab_weighting = "population"
    regeling.save()
    decision = Decision.objects.get(slug="concept-gr-tekst-2022")
    board = Body.objects.get(regeling=regeling, kind=BodyKind.GENERAL_BOARD)
    treatment = Treatment.objects.create(decision=decision, body=board, purpose=Purpose.DECISION)
    participants = list(regeling.participants.order_by("name"))
    choices = {m.pk: "for" for m in participants} | {participants[0].pk: "against"}
    import datetime

    record_board_vote(
        treatment,
        day=datetime.date(2022, 7, 14),
        version=decision.versions.get(number=1),
        threshold_key="meerderheid",
        choices=choices,
        loaded_revision=treatment.revision,
        user=program_office,
        reason="",
    )
    events = document(client.get(reverse("opendata:votes_json")))["vote_events"]
    event = next(event for event in events if event["id"].startswith("board-vote/"))
    assert _errors(_validator(), event) == []
    weights = {vote["voter"]["name"]: vote["weight"] for vote in event["votes"]}
    assert weights == {m.name: float(m.population) for m in participants}
    assert {count["option"]: count["value"] for count in event["counts"]} == {
        "yes": len(participants) - 1,
        "no": 1,
        "not voting": 0,
    }
    assert event["extras"]["weight_against"] == float(participants[0].population)
    assert event["classification"] == "weighted"
