"""The API in bulk: the NDJSON snapshot holds every published object of every list, the change
stream every change since a moment with its reason and correction mark (and nothing of what
is unpublished), and the ZIP the downloads, the snapshot and a README with the format version."""

import io
import json
import zipfile

from django.utils import timezone

from decisions.models import Amendment, Decision, Treatment
from gr_portal.api_bulk import FORMAT_VERSION
from gr_portal.core.history import with_history
from tests.api import every_result
from tests.decisions.api.test_resources import RESOURCES


def _lines(response) -> list[dict]:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/x-ndjson")
    text = b"".join(response.streaming_content).decode()
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def test_the_snapshot_is_every_object_of_every_list(client, voted):
    head, *lines = _lines(client.get("/api/v1/bulk/snapshot.ndjson"))
    assert head["formaat"] == "gr-portal-snapshot"
    assert head["versie"] == FORMAT_VERSION
    for resource in RESOURCES:
        listed = every_result(client, resource)
        assert [line["object"] for line in lines if line["bron"] == resource] == listed, resource


def test_the_snapshot_leaves_out_what_is_unpublished(client, voted):
    decision = Decision.objects.get(pk=voted.decision_id)
    decision.published = False
    decision.save()
    _head, *lines = _lines(client.get("/api/v1/bulk/snapshot.ndjson"))
    text = json.dumps(lines, ensure_ascii=False)
    assert decision.title not in text
    assert not [line for line in lines if line["bron"] == "stemmingen"]


def test_the_change_stream_tells_what_changed_why_and_whether_it_corrected(client, voted):
    moment = timezone.now()
    treatment = Treatment.objects.get(pk=voted.pk)
    treatment.notes = "Aangevuld na de vergadering."
    with_history(treatment, user=None, reason="Telfout hersteld", correction=True).save()
    amendment = Amendment.objects.get(treatment=voted)
    amendment_id = amendment.pk
    with_history(amendment, user=None, reason="Dubbel ingevoerd", correction=True).delete()
    response = client.get("/api/v1/bulk/wijzigingen.ndjson", {"gewijzigdSinds": moment.isoformat()})
    head, *lines = _lines(response)
    assert head["formaat"] == "gr-portal-wijzigingen"
    assert head["versie"] == FORMAT_VERSION
    changed = [line for line in lines if line["bron"] == "behandelingen"]
    assert changed == [
        {
            "bron": "behandelingen",
            "id": str(voted.pk),
            "wijziging": "Aanpassing",
            "op": changed[0]["op"],
            "reden": "Telfout hersteld",
            "correctie": True,
        }
    ]
    assert {"agendapunten", "besluiten"} <= {line["bron"] for line in lines}
    deleted = [line for line in lines if line["wijziging"] == "Verwijdering"]
    assert {(line["bron"], line["id"]) for line in deleted} >= {
        ("informatieobjecten", f"amendement-{amendment_id}")
    }
    assert [line["op"] for line in lines] == sorted(line["op"] for line in lines)
    assert "user" not in json.dumps(lines)


def test_the_change_stream_tells_nothing_of_an_unpublished_decision(client, voted):
    moment = timezone.now()
    decision = Decision.objects.get(pk=voted.decision_id)
    Decision.objects.filter(pk=decision.pk).update(published=False)
    treatment = Treatment.objects.get(pk=voted.pk)
    with_history(treatment, user=None, reason="Geheim").save()
    Amendment.objects.get(treatment=voted).delete()
    _head, *lines = _lines(
        client.get("/api/v1/bulk/wijzigingen.ndjson", {"gewijzigdSinds": moment.isoformat()})
    )
    assert lines == []


def test_the_change_stream_needs_a_moment(client, db):
    response = client.get("/api/v1/bulk/wijzigingen.ndjson")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["invalidParams"][0]["name"] == "gewijzigdSinds"


def test_the_zip_holds_the_downloads_the_snapshot_and_a_readme(client, voted):
    response = client.get("/api/v1/bulk/open-data.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == [
        "README.txt",
        "snapshot.ndjson",
        "stand.csv",
        "stand.json",
        "stemmen-per-lid.csv",
        "stemmingen.csv",
        "stemmingen.json",
    ]
    readme = archive.read("README.txt").decode()
    assert f"Formaatversie: {FORMAT_VERSION}" in readme
    votes = json.loads(archive.read("stemmingen.json"))
    assert len(votes["vote_events"]) == 3
    snapshot = archive.read("snapshot.ndjson").decode().splitlines()
    assert json.loads(snapshot[0])["versie"] == FORMAT_VERSION
    assert len(snapshot) > 100
