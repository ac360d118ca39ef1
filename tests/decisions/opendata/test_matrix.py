"""The matrix downloads (stand.csv, stand.json): one row per decision and municipality with the
latest round of college and council, in a fixed number of queries."""

import datetime
import json

import pytest
from django.urls import reverse

from councils.models import Meeting, Municipality
from decisions.models import Decision, RecordCheck, Treatment
from decisions.opendata.fields import MATRIX_FIELDS
from decisions.opendata.matrix import matrix_document, matrix_rows
from decisions.opendata.selectors import published_statuses
from gr_portal.core.choices import Outcome
from tests.decisions.clerk.helpers import CONCEPT, council_treatment
from tests.decisions.opendata.helpers import (
    AMSTERDAM,
    CBS_CODES,
    absolute,
    body,
    csv_rows,
    document,
    record_all_councils,
)
from tests.recording import record_vote

pytestmark = pytest.mark.django_db


def _dordrecht_row(rows: list[dict]) -> dict:
    [row] = [
        r for r in rows if r["decision_slug"] == CONCEPT and r["municipality_name"] == "Dordrecht"
    ]
    return row


def test_the_matrix_csv_has_a_row_per_decision_and_municipality(client, dataset):
    response = client.get(reverse("opendata:matrix_csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="gr-portal-stand.csv"'
    rows = csv_rows(response)
    assert list(rows[0]) == [field.name for field in MATRIX_FIELDS]
    assert len(rows) == 21  # 3 decisions x 7 municipalities
    assert {row["municipality_cbs_code"] for row in rows} == CBS_CODES
    for slug in Decision.objects.values_list("slug", flat=True):
        codes = [row["municipality_cbs_code"] for row in rows if row["decision_slug"] == slug]
        assert sorted(codes) == sorted(CBS_CODES)
    by_name = {m.name: m.cbs_code for m in Municipality.objects.all()}
    assert all(by_name[row["municipality_name"]] == row["municipality_cbs_code"] for row in rows)
    dordrecht = _dordrecht_row(rows)
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
    client, recorded_vote, dordrecht_clerk
):
    vote = recorded_vote.vote
    RecordCheck.objects.create(
        decision=recorded_vote.decision,
        municipality=recorded_vote.body.municipality,
        checked_by=dordrecht_clerk,
        checked_at=datetime.datetime(2022, 7, 14, 9, 0, tzinfo=AMSTERDAM),
    )
    row = _dordrecht_row(document(client.get(reverse("opendata:matrix_json")))["rows"])
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
    record_vote(second, day=19)
    row = _dordrecht_row(document(client.get(reverse("opendata:matrix_json")))["rows"])
    assert row["council_outcome"] == "adopted"
    assert row["council_meeting_date"] == "2022-07-19"


def test_the_matrix_json_round_trips_to_what_the_builder_produced(client, recorded_vote):
    response = client.get(reverse("opendata:matrix_json"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'inline; filename="gr-portal-stand.json"'
    loaded = document(response)
    built = matrix_document(matrix_rows(published_statuses(), absolute))
    assert loaded == built
    assert json.loads(json.dumps(loaded)) == loaded
    assert loaded["license"] == "https://creativecommons.org/publicdomain/zero/1.0/"
    assert len(loaded["rows"]) == 21
    assert all(list(row) == [f.name for f in MATRIX_FIELDS] for row in loaded["rows"])


@pytest.mark.parametrize("name", ["opendata:matrix_csv", "opendata:matrix_json"])
def test_the_matrix_queries_are_fixed(client, dataset, django_assert_num_queries, name):
    record_all_councils()
    # 1. the published decisions' ids, in the order of the download; then per chunk of ten
    #    decisions (streamed; the dataset's three are one chunk):
    # 2. those decisions with process and regeling
    # 3. their treatments with body, municipality, regeling, meeting, version and vote
    # 4. the griffies' checks of those decisions
    # 5. the regelingen's participants (each one counts, recorded or not)
    with django_assert_num_queries(5):
        response = client.get(reverse(name))
        content = body(response)
    assert response.status_code == 200
    assert b"Zwijndrecht" in content


def test_the_matrix_is_read_a_few_decisions_at_a_time(dataset):
    """Streamed in chunks, the matrix holds the rows of the whole in the same order."""
    from decisions.opendata.selectors import published_status_chunks

    chunks = list(published_status_chunks(size=1))
    assert [len(chunk) for chunk in chunks] == [1] * len(published_statuses())
    whole = matrix_rows(published_statuses(), absolute)
    assert [row for chunk in chunks for row in matrix_rows(chunk, absolute)] == whole
