"""Only what is published, for everyone, whatever the filters: an unpublished decision, its
versions, steps, votes and documents never appear — not in lists, not as objects, not in
counts, not as tombstones."""

import pytest
from django.test import Client
from django.utils import timezone

from decisions.models import Amendment, Decision, Process
from tests.api import api, every_result
from tests.decisions.api.test_resources import RESOURCES


def _hidden(decision: Decision) -> None:
    decision.published = False
    decision.save()


def _everything(client) -> str:
    return "\n".join(str(every_result(client, resource)) for resource in RESOURCES)


@pytest.mark.parametrize("how", ["decision", "process"])
def test_an_unpublished_decision_is_nowhere(client, voted, how, django_user_model):
    decision = Decision.objects.get(pk=voted.decision_id)
    visible = {
        "agendapunten": str(voted.pk),
        "besluiten": str(voted.pk),
        "stemmingen": str(voted.vote.pk),
        "regionale-besluiten": str(decision.pk),
        "tekstversies": str(decision.versions.first().pk),
    }
    for resource, key in visible.items():
        assert client.get(f"/api/v1/{resource}/{key}").status_code == 200
    counts = {resource: api(client, resource)["count"] for resource in RESOURCES}
    if how == "decision":
        _hidden(decision)
    else:
        Process.objects.filter(pk=decision.process_id).update(published=False)
    for resource, key in visible.items():
        assert client.get(f"/api/v1/{resource}/{key}").status_code == 404, resource
    # Logged in as a superuser makes no difference: the API reads no session.
    admin = django_user_model.objects.create_superuser("beheer", "b@example.nl", "x")
    staff = Client()
    staff.force_login(admin)
    assert staff.get(f"/api/v1/agendapunten/{voted.pk}").status_code == 404
    everything = _everything(client)
    assert decision.title not in everything
    assert f'/regionale-besluiten/{decision.pk}"' not in everything
    for resource in ("agendapunten", "besluiten", "stemmingen", "informatieobjecten"):
        assert api(client, resource)["count"] == 0
        assert api(client, resource, gemeentecode="0505")["count"] == 0
        assert api(client, resource, regionaalBesluit=decision.pk)["count"] == 0
    assert api(client, "behandelingen")["count"] < counts["behandelingen"]
    assert api(client, "vergaderingen", gemeentecode="0505")["results"][0]["agendapunten"] == []


def test_deleting_in_an_unpublished_decision_leaves_no_tombstone(client, voted):
    moment = timezone.now()
    decision = Decision.objects.get(pk=voted.decision_id)
    _hidden(decision)
    Amendment.objects.get(treatment=voted).delete()
    for resource in RESOURCES:
        assert api(client, resource, gewijzigdSinds=moment.isoformat())["verwijderd"] == [], (
            resource
        )
