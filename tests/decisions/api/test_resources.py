"""The resources: every list and object answers, in ODS's words with our extensions, with
`url` and `id` on every object, camelCase keys and never a null."""

import re

import pytest

from decisions.models import Amendment, Motion
from tests.api import api, every_result

RESOURCES = [
    "gemeenten",
    "regelingen",
    "fracties",
    "natuurlijkpersonen",
    "fractielidmaatschappen",
    "vergaderingen",
    "agendapunten",
    "besluiten",
    "stemmingen",
    "stemmen",
    "stemresultatenperfractie",
    "informatieobjecten",
    "trajecten",
    "regionale-besluiten",
    "tekstversies",
    "behandelingen",
    "stand",
    "mijlpalen",
    "brieven",
]
CAMEL = re.compile(r"^[a-z][a-zA-Z0-9]*$")
#: A date-time (API Design Rules, /core/date-time/timezone: always with its time zone).
DATE_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d")
ZONED = re.compile(r"(Z|[+-]\d\d:\d\d)$")


def _walk(value, path="$"):
    """Every (path, key, value) in a JSON value."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield path, key, item
            yield from _walk(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]")


def test_the_root_lists_every_resource(client, dataset):
    body = api(client, "")
    assert sorted(body) == sorted(RESOURCES)


@pytest.mark.parametrize("resource", RESOURCES)
def test_every_object_has_url_and_id_camel_case_keys_and_no_null(client, voted, resource):
    objects = every_result(client, resource)
    if resource != "brieven":  # no letter is exported in the dataset
        assert objects, f"{resource} is empty"
    for obj in objects:
        assert isinstance(obj["id"], str)
        assert obj["url"] == f"http://testserver/api/v1/{resource}/{obj['id']}"
        detail = api(client, f"{resource}/{obj['id']}")
        assert detail == obj
        for path, key, value in _walk(obj):
            assert CAMEL.match(key), f"{resource}: {path}.{key} is not camelCase"
            assert value is not None, f"{resource}: {path}.{key} is null"
            if isinstance(value, str) and DATE_TIME.match(value):
                assert ZONED.search(value), f"{resource}: {path}.{key} has no time zone"


def test_a_vote_reads_as_ods_stemming_with_counts_per_fractie(client, voted):
    vote = voted.vote
    body = api(client, f"stemmingen/{vote.pk}")
    assert body["agendapunt"]["id"] == str(voted.pk)
    assert body["besluit"]["url"].endswith(f"/besluiten/{voted.pk}")
    assert body["onderwerp"] == "voorstel"
    assert body["stemmingstype"] == "regulier"
    assert body["resultaatMondelingeStemming"] == "voor"
    assert (body["aantalVoor"], body["aantalTegen"]) == (vote.votes_for, vote.votes_against)
    results = [api(client, url.split("/api/v1/")[1]) for url in body["stemresultatenPerFractie"]]
    assert sum(result["voor"] for result in results) == vote.votes_for
    assert sum(result["tegen"] for result in results) == vote.votes_against
    for result in results:
        assert (
            result["voor"] + result["tegen"] + result["nietDeelgenomen"] + result["afwezig"]
            == result["zetels"]
        )
    verdicts = {
        (result["voor"] > 0, result["tegen"] > 0): result["fractiestemresultaat"]
        for result in results
    }
    assert verdicts == {(True, False): "aangenomen", (False, True): "verworpen"}


def test_the_agendapunt_holds_its_votes_and_documents(client, voted):
    body = api(client, f"agendapunten/{voted.pk}")
    amendment = Amendment.objects.get(treatment=voted)
    motion = Motion.objects.get(treatment=voted)
    assert body["agendapuntTitel"] == voted.decision.title
    assert body["gemeente"] == {"gemeentecode": "0505", "gemeentenaam": "Dordrecht"}
    assert body["indicatorBehandeld"] is True
    assert body["informatieobjecten"] == [
        f"http://testserver/api/v1/informatieobjecten/amendement-{amendment.pk}",
        f"http://testserver/api/v1/informatieobjecten/motie-{motion.pk}",
    ]
    assert len(body["stemmingen"]) == 3
    assert body["regionaalBesluit"]["id"] == str(voted.decision_id)
    document = api(client, f"informatieobjecten/motie-{motion.pk}")
    assert document["informatieobjecttype"] == "motie"
    assert document["motietype"] == "overig"
    assert document["uitkomst"] == "adopted"
    assert document["datumIngediend"] == "2022-07-12"
    assert document["stemming"]["id"] == str(motion.vote.pk)


def test_a_members_vote_and_name(client, voted):
    stemmen = every_result(client, "stemmen")
    assert sorted(stem["keuzeStemming"] for stem in stemmen) == ["afwezig", "onthouden"]
    abstained = next(stem for stem in stemmen if stem["keuze"] == "abstained")
    assert abstained["grondOnthouding"] == "personal"
    unnamed = api(client, f"natuurlijkpersonen/{abstained['aanwezigeDeelnemer']['id']}")
    assert unnamed["naamBekend"] is False
    named = next(stem for stem in stemmen if stem["keuze"] == "absent")
    person = api(client, f"natuurlijkpersonen/{named['aanwezigeDeelnemer']['id']}")
    assert person["naamNatuurlijkPersoon"] == {
        "achternaam": "Berg",
        "tussenvoegsel": "van der",
        "volledigeNaam": "Jan van der Berg",
    }
    assert person["functie"] == "raadslid"


def test_a_municipality_carries_its_codes(client, dataset):
    body = api(client, "gemeenten", gemeentecode="0505")
    assert body["count"] == 1
    dordrecht = body["results"][0]
    assert dordrecht["cbsCode"] == "GM0505"
    assert dordrecht["gemeentecode"] == "0505"
    assert dordrecht["tooi"] == "https://identifier.overheid.nl/tooi/id/gemeente/gm0505"
    assert api(client, "gemeenten", gemeentecode="GM0505")["results"] == [dordrecht]


def test_the_meeting_is_an_ods_raadsvergadering(client, voted):
    body = api(client, f"vergaderingen/{voted.meeting_id}")
    assert body["vergaderingstype"] == "raadsvergadering"
    assert body["status"] == "gehouden"
    assert body["geplandeAanvangVergadering"] == "2022-07-12T20:00:00+02:00"
    assert body["agendapunten"] == [f"http://testserver/api/v1/agendapunten/{voted.pk}"]


def test_the_status_row_of_a_council_that_voted(client, voted):
    """The matrix as a resource: Dordrecht's row of the concept GR-tekst after its vote, with
    the verdict worded as on the pages."""
    from decisions.selectors import load_statuses

    decision = voted.decision
    municipality = voted.body.municipality
    body = api(client, f"stand/{decision.pk}-{municipality.pk}")
    assert body["raadUitkomst"] == "adopted"
    assert body["raad"]["id"] == str(voted.pk)
    assert body["gemeente"]["id"] == str(municipality.pk)
    (status,) = load_statuses([decision])
    assert body["oordeel"] == status.verdict
    rows = api(client, "stand", regionaalBesluit=decision.pk, gemeentecode="0505")["results"]
    assert rows == [body]
