"""Incremental sync: `gewijzigdSinds` on every list gives what changed since that moment, and
under `verwijderd` the tombstones of what was deleted — read from the history tables."""

import datetime

import pytest
from django.utils import timezone

from decisions.models import Amendment, Decision, Treatment
from gr_portal.core.history import with_history
from tests.api import api
from tests.decisions.api.test_resources import RESOURCES
from tests.recording import record_vote


def _since(client, resource: str, moment: datetime.datetime) -> dict:
    return api(client, resource, gewijzigdSinds=moment.isoformat())


def _ids(body) -> set[str]:
    return {obj["id"] for obj in body["results"]}


@pytest.mark.parametrize("resource", RESOURCES)
def test_nothing_changed_since_now(client, dataset, resource):
    body = _since(client, resource, timezone.now())
    assert body["count"] == 0
    assert body["verwijderd"] == []


def test_a_recorded_vote_is_changed_since_before_it(client, dataset):
    moment = timezone.now()
    treatment = Treatment.objects.get(
        decision__slug="concept-gr-tekst-2022",
        body__municipality__slug="dordrecht",
        body__kind="council",
        round=1,
    )
    recorded = record_vote(treatment, vote_subjects=True)
    assert _ids(_since(client, "agendapunten", moment)) == {str(recorded.pk)}
    assert _ids(_since(client, "behandelingen", moment)) == {str(recorded.pk)}
    assert _ids(_since(client, "besluiten", moment)) == {str(recorded.pk)}
    assert len(_ids(_since(client, "stemmingen", moment))) == 3
    assert _ids(_since(client, "vergaderingen", moment)) == {str(recorded.meeting_id)}
    assert _since(client, "stemresultatenperfractie", moment)["count"] == (
        3 * recorded.body.municipality.terms.get().fracties.count()
    )
    assert _since(client, "informatieobjecten", moment)["count"] == 2
    assert _since(client, "gemeenten", moment)["count"] == 0
    # Naive moments are the portal's time zone (Europe/Amsterdam).
    local = timezone.localtime(moment).replace(tzinfo=None)
    assert api(client, "agendapunten", gewijzigdSinds=local.isoformat())["count"] == 1


def test_a_deletion_is_a_tombstone_with_what_hung_from_it(client, voted):
    moment = timezone.now()
    amendment = Amendment.objects.get(treatment=voted)
    vote_id, amendment_id = amendment.vote.pk, amendment.pk
    with_history(amendment, user=None, reason="Dubbel ingevoerd", correction=True).delete()
    documents = _since(client, "informatieobjecten", moment)
    assert [stone["id"] for stone in documents["verwijderd"]] == [f"amendement-{amendment_id}"]
    stone = documents["verwijderd"][0]
    assert stone["url"].endswith(f"/informatieobjecten/amendement-{amendment_id}")
    assert client.get(stone["url"]).status_code == 404
    assert [stone["id"] for stone in _since(client, "stemmingen", moment)["verwijderd"]] == [
        str(vote_id)
    ]
    # Only on the first page, and only with gewijzigdSinds.
    assert "verwijderd" not in api(client, "informatieobjecten")


def test_a_decision_published_later_brings_its_steps_into_the_sync(client, voted):
    decision = Decision.objects.get(pk=voted.decision_id)
    decision.published = False
    decision.save()
    moment = timezone.now()
    assert _since(client, "behandelingen", moment)["count"] == 0
    decision.published = True
    decision.save()
    steps = _ids(_since(client, "behandelingen", moment))
    assert steps == {str(pk) for pk in decision.treatments.values_list("pk", flat=True)}
    assert str(voted.pk) in _ids(_since(client, "agendapunten", moment))
