"""The API's examples on the 'Open data' page, written by hand: a stemming and the first page
of a sync. A test (tests/decisions/api/test_examples.py) checks that they have the keys and
the shape of the real answers."""

from __future__ import annotations

import json

BASE = "https://grportal.example.nl/api/v1"

#: A council's vote on the concept GR-tekst, as /api/v1/stemmingen/{id} answers it.
EXAMPLE_STEMMING: dict = {
    "url": f"{BASE}/stemmingen/12",
    "id": "12",
    "agendapunt": {"id": "30", "url": f"{BASE}/agendapunten/30"},
    "resultaatMondelingeStemming": "voor",
    "stemmingstype": "regulier",
    "besluit": {"id": "30", "url": f"{BASE}/besluiten/30"},
    "stemmen": [],
    "onderwerp": "voorstel",
    "wijzeVanStemmen": "per_fractie",
    "aanwezigeLeden": 38,
    "aantalVoor": 36,
    "aantalTegen": 2,
    "stemresultatenPerFractie": [
        f"{BASE}/stemresultatenperfractie/101",
        f"{BASE}/stemresultatenperfractie/102",
    ],
}

#: One fractie's part in it, with the counts ODS cannot carry.
EXAMPLE_STEMRESULTAAT: dict = {
    "url": f"{BASE}/stemresultatenperfractie/102",
    "id": "102",
    "fractie": {"id": "7", "url": f"{BASE}/fracties/7"},
    "stemming": {"id": "12", "url": f"{BASE}/stemmingen/12"},
    "fractiestemresultaat": "verworpen",
    "voor": 0,
    "tegen": 2,
    "nietDeelgenomen": 0,
    "afwezig": 0,
    "zetels": 2,
}

#: The first page of /api/v1/informatieobjecten?gewijzigdSinds=...: nothing changed, one
#: amendment deleted since.
EXAMPLE_SYNC: dict = {
    "count": 0,
    "next": None,
    "previous": None,
    "results": [],
    "verwijderd": [
        {
            "id": "amendement-3",
            "url": f"{BASE}/informatieobjecten/amendement-3",
            "verwijderdOp": "2022-07-13T09:41:07.512000+02:00",
        }
    ],
}


def example(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
