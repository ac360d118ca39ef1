"""The examples on the 'Open data' page: a matrix row and a vote event, written by hand, and
the page's samples built from them exactly as the downloads write their data.

A test checks that the hand-written examples have the keys and shape of the real downloads.
"""

from __future__ import annotations

import json

from councils.models import Body
from decisions.models import Decision, Treatment
from decisions.opendata.fields import JSON_OPTIONS, MATRIX_FIELDS, SUBJECT_PROPOSAL
from decisions.opendata.matrix import matrix_document
from decisions.opendata.popolo import votes_document
from gr_portal.core.choices import Outcome, Precision, Reliability, VoteMethod

#: An example vote event, shown on the page; a test checks it has the keys the builder writes.
EXAMPLE_VOTE_EVENT: dict = {
    "id": "vote/12",
    "identifier": None,
    "motion": {
        "id": "treatment/30",
        "classification": SUBJECT_PROPOSAL,
        "title": "Concept aangepaste GR-tekst GR Sociaal",
        "text": "Concept van de gewijzigde Gemeenschappelijke Regeling Sociaal. …",
        "date": "2022-07-12T20:00:00+02:00",
        "organization": {
            "id": "body/9",
            "name": "Gemeenteraad Dordrecht",
            "classification": Body.Kind.COUNCIL.value,
            "area": {
                "id": "GM0505",
                "identifier": "GM0505",
                "name": "Dordrecht",
                "classification": "municipality",
            },
        },
        "legislative_session_id": "meeting/41",
        "result": "pass",
    },
    "organization_id": "body/9",
    "legislative_session": {
        "id": "meeting/41",
        "name": "Vergadering Gemeenteraad Dordrecht, 12 juli 2022",
        "start_date": "2022-07-12T20:00:00+02:00",
        "location": None,
    },
    "classification": VoteMethod.PER_FRACTIE.value,
    "start_date": "2022-07-12T20:00:00+02:00",
    "result": "pass",
    "counts": [
        {"option": "yes", "value": 36},
        {"option": "no", "value": 2},
        {"option": "not voting", "value": 0},
        {"option": "absent", "value": 1},
        {"option": "yes", "value": 5, "group_id": "fractie/51"},
        {"option": "no", "value": 0, "group_id": "fractie/51"},
        {"option": "not voting", "value": 0, "group_id": "fractie/51"},
        {"option": "absent", "value": 1, "group_id": "fractie/51"},
    ],
    "group_results": [
        {
            "group_id": "fractie/51",
            "group": {
                "id": "fractie/51",
                "name": "VVD",
                "classification": "party",
                "seats": 6,
                "seats_reliability": Reliability.UNVERIFIED.value,
            },
            "result": "pass",
            "counts": [
                {"option": "yes", "value": 5},
                {"option": "no", "value": 0},
                {"option": "not voting", "value": 0},
                {"option": "absent", "value": 1},
            ],
        }
    ],
    "votes": [
        {
            "voter_id": "member/211",
            "voter": {"id": "member/211"},
            "option": "not voting",
            "group_id": "fractie/51",
            "extras": {"choice": "abstained", "abstention_ground": "personal"},
        }
    ],
    "sources": [
        {
            "url": "https://…/besluiten/concept-gr-tekst-2022/",
            "note": "Concept aangepaste GR-tekst GR Sociaal",
        }
    ],
    "extras": {
        "decision_slug": "concept-gr-tekst-2022",
        "decision_title": "Concept aangepaste GR-tekst GR Sociaal",
        "outcome": Outcome.ADOPTED.value,
        "members_present": 38,
        "round": 1,
        "purpose": Treatment.Purpose.OPINION.value,
        "version": 1,
    },
}

#: An example row of the matrix (stand.csv / stand.json), shown on the page.
EXAMPLE_MATRIX_ROW: dict = {
    "decision_slug": "concept-gr-tekst-2022",
    "decision_title": "Concept aangepaste GR-tekst GR Sociaal",
    "decision_kind": Decision.Kind.DRAFT_TEXT.value,
    "decision_url": "https://…/besluiten/concept-gr-tekst-2022/",
    "municipality_name": "Dordrecht",
    "municipality_cbs_code": "GM0505",
    "executive_planned_on": "2022-06-01",
    "executive_planned_precision": Precision.MONTH.value,
    "executive_meeting_date": "2022-06-14",
    "executive_outcome": Outcome.ADOPTED.value,
    "executive_version": 1,
    "council_purpose": Treatment.Purpose.OPINION.value,
    "council_planned_on": "2022-07-01",
    "council_planned_precision": Precision.MONTH.value,
    "council_meeting_date": "2022-07-12",
    "council_outcome": Outcome.ADOPTED.value,
    "council_votes_for": 36,
    "council_votes_against": 2,
    "council_members_present": 38,
    "council_version": 1,
    "checked_on": "2022-07-14",
}


def matrix_csv_example() -> str:
    """The header and the example row, as in stand.csv."""
    values = (
        "" if EXAMPLE_MATRIX_ROW[f.name] is None else str(EXAMPLE_MATRIX_ROW[f.name])
        for f in MATRIX_FIELDS
    )
    return ",".join(f.name for f in MATRIX_FIELDS) + "\n" + ",".join(values)


def matrix_json_example() -> str:
    """The example row in the document of stand.json."""
    return json.dumps(matrix_document([EXAMPLE_MATRIX_ROW]), **JSON_OPTIONS)


def vote_event_example() -> str:
    """The example vote event in the document of stemmingen.json."""
    return json.dumps(votes_document([EXAMPLE_VOTE_EVENT]), **JSON_OPTIONS)
