"""The portal's languages: Dutch by default, also where Django's own catalogue has gaps; English
for visitors who choose it with the language switch.

The portal's own strings are Dutch msgids; locale/en/LC_MESSAGES/django.po translates them
(compiled by `make messages`). These tests read the pages as an English visitor does, and
check that the catalogue is complete: every msgid translated, nothing fuzzy, placeholders kept.
"""

import html
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import MinimumLengthValidator
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation


def PROCESS_URL() -> str:
    return reverse("process_detail", args=["samenvoeging-drechtwerk-sociaal"])


CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"


# --- Dutch by default --------------------------------------------------------------------------


def test_dutch_even_when_the_browser_prefers_english(client, dataset):
    response = client.get(PROCESS_URL(), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nl"
    assert 'lang="nl"' in response.content.decode()
    assert "gepland 8 maart 2022" in response.content.decode()


def test_an_unknown_language_cookie_falls_back_to_dutch(client, dataset):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert client.get(reverse("home"))["Content-Language"] == "nl"


def test_the_password_length_message_is_dutch():
    # Missing from Django 5.2's nl catalogue; filled by locale/nl (compiled by `make messages`).
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        MinimumLengthValidator().validate("kort")
    assert refused.value.messages == [
        "Dit wachtwoord is te kort. Het moet minstens 8 tekens bevatten."
    ]


# --- English by choice -------------------------------------------------------------------------


@pytest.fixture
def english(client, dataset):
    """A client that chose English with the language switch, as a visitor does."""
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    return client


def _page(client, name, kwargs=None, query=None):
    response = client.get(reverse(name, kwargs=kwargs or {}), query or {})
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    page = html.unescape(response.content.decode())
    assert '<html lang="en">' in page
    return page


# Per page: English strings that must show, and the Dutch originals that must not.
PAGES = [
    (
        "home",
        {},
        None,
        [
            "Regional decisions and their status in each municipality",
            "Current phase",
            "Next milestone",
            "0 of 7 municipal executives have decided; waiting for all 7 municipalities.",
            "Merger",
        ],
        ["Regionale besluiten en hun stand per gemeente", "Huidige fase", "Samenvoeging ·"],
    ),
    (
        "process_detail",
        {"slug": "samenvoeging-drechtwerk-sociaal"},
        None,
        [
            "Where do we stand?",
            "Next milestone",
            "planned 8 March 2022",
            "0 of 7 municipal executives have decided; waiting for all 7 municipalities.",
            "Clerk's office check",
        ],
        ["Waar staan we?", "gepland 8 maart 2022"],
    ),
    (
        "decisions:status_matrix",
        {},
        None,
        [
            "Status by municipality",
            "Decisions by municipality: municipal executive and council",
            "complete and checked by the clerk's office",
            "Key",
        ],
        ["Stand per gemeente", "Legenda", "gecontroleerd door de griffie"],
    ),
    (
        "decision_detail",
        {"slug": "concept-gr-tekst-2022"},
        None,
        [
            "draft GR text",
            "introduced 1 June 2022",
            "Consideration by governing body",
            "Municipal executive (college van B&W) Dordrecht",
            "Municipal council Dordrecht",
            "Opinions of the councils (zienswijzen)",
        ],
        ["Behandeling per bestuursorgaan", "voorgelegd 1 juni 2022", "Zienswijzen van de raden"],
    ),
    (
        "municipality_detail",
        {"slug": "dordrecht"},
        None,
        [
            "Municipality of Dordrecht",
            "Council term 2022–2026: 39 seats",
            "Party groups and seats",
            "(as at 1 January 2022)",
        ],
        ["Gemeente Dordrecht", "Fracties en zetels", "peildatum"],
    ),
    (
        "milestones:timeline",
        {},
        None,
        ["Timeline", "Status on date", "Milestones as text", "In your own calendar"],
        ["Tijdlijn", "Mijlpalen in tekst", "Stand op datum"],
    ),
    (
        "search:page",
        {},
        {"q": "xyzzy"},
        [
            "Search for ‘xyzzy’",
            "Nothing was found for ‘xyzzy’.",
            "Check the spelling.",
            "Search decisions, texts, opinions, amendments and motions",
        ],
        ["Zoeken naar", "Er is niets gevonden", "Controleer de spelling."],
    ),
    (
        "opendata:index",
        {},
        None,
        ["Open data", "Terms and characteristics", "Licence", "Fields of stemmingen.csv"],
        ["Voorwaarden en kenmerken", "Licentie", "Velden van stemmingen.csv"],
    ),
    (
        "login",
        {},
        None,
        ["Log in", "Forgotten your password?", "Username"],
        ["Inloggen", "Wachtwoord vergeten?"],
    ),
]


@pytest.mark.parametrize(
    ("name", "kwargs", "query", "english_strings", "dutch_strings"),
    PAGES,
    ids=[page[0] for page in PAGES],
)
def test_pages_in_english(english, name, kwargs, query, english_strings, dutch_strings):
    page = _page(english, name, kwargs, query)
    for text in english_strings:
        assert text in page, text
    for text in dutch_strings:
        assert text not in page, text
    # The frame of every page: skip link, navigation and footer.
    assert "Skip to content" in page
    assert "Status by municipality" in page
    assert "Figures marked ‘estimate’ or ‘unverified’ do not come from an official source." in page
    assert "Naar de inhoud" not in page


def test_dates_are_english(english):
    home = _page(english, "process_detail", {"slug": "samenvoeging-drechtwerk-sociaal"})
    assert "8 March 2022" in home
    assert "maart" not in home
    decision = _page(english, "decision_detail", {"slug": "concept-gr-tekst-2022"})
    assert "Version 1 of 1 June 2022" in decision
    assert "juni 2022," not in decision


def test_dutch_remains_the_default_without_the_cookie(client, dataset):
    response = client.get(PROCESS_URL(), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response["Content-Language"] == "nl"
    page = html.unescape(response.content.decode())
    assert '<html lang="nl">' in page
    assert "Waar staan we?" in page
    assert "gepland 8 maart 2022" in page
    assert "Where do we stand?" not in page


def test_switching_back_to_dutch(english):
    assert "Regional decisions and their status" in _page(english, "home")
    english.post(reverse("set_language"), {"language": "nl", "next": "/"})
    response = english.get(reverse("home"))
    assert response["Content-Language"] == "nl"
    assert "Regionale besluiten en hun stand per gemeente" in response.content.decode()


def test_the_language_switch_sets_english_and_back(client, dataset):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(PROCESS_URL())
    assert page["Content-Language"] == "en"
    assert "8 March 2022" in page.content.decode()  # dates follow the chosen language
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    assert client.get(reverse("home"))["Content-Language"] == "nl"


# --- the English catalogue ---------------------------------------------------------------------
# Read with a small PO parser (polib is not a dependency).


def _unquote(literal: str) -> str:
    body = literal.strip()
    assert body.startswith('"'), literal
    assert body.endswith('"'), literal
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), "\\" + m.group(1)), body[1:-1])


def _entries(path: Path) -> list[dict]:
    """Each entry as {'flags': [...], 'msgid': ..., 'msgid_plural': ..., 'msgstr': {n: ...}}."""
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        entry = {"flags": [], "msgstr": {}}
        key = None
        for line in block.splitlines():
            if line.startswith("#~"):  # an obsolete entry: not in use
                entry = None
                break
            if line.startswith("#,"):
                entry["flags"] += [flag.strip() for flag in line[2:].split(",")]
            elif line.startswith("#") or not line.strip():
                continue
            elif line.startswith('"'):
                entry_value = _unquote(line)
                if isinstance(key, int):
                    entry["msgstr"][key] += entry_value
                else:
                    entry[key] += entry_value
            else:
                keyword, literal = line.split(" ", 1)
                plural = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
                if plural:
                    key = int(plural.group(1))
                    entry["msgstr"][key] = _unquote(literal)
                elif keyword == "msgstr":
                    key = 0
                    entry["msgstr"][0] = _unquote(literal)
                else:
                    key = keyword
                    entry[key] = _unquote(literal)
        if entry is not None and "msgid" in entry:
            entries.append(entry)
    return entries


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%(?:\([A-Za-z_]+\))?[sd]", text))


def test_the_catalogue_has_a_proper_header():
    header = _entries(CATALOGUE)[0]
    assert header["msgid"] == ""
    assert "fuzzy" not in header["flags"]
    meta = header["msgstr"][0]
    assert "Language: en\n" in meta
    assert "Plural-Forms: nplurals=2; plural=(n != 1);\n" in meta
    assert "Content-Type: text/plain; charset=UTF-8\n" in meta


def test_every_string_is_translated():
    messages = _entries(CATALOGUE)[1:]
    assert len(messages) > 700  # the whole portal, not a stub
    fuzzy = [m["msgid"] for m in messages if "fuzzy" in m["flags"]]
    assert fuzzy == []
    empty = [m["msgid"] for m in messages if not all(m["msgstr"].values())]
    assert empty == []
    assert "#, fuzzy" not in CATALOGUE.read_text(encoding="utf-8")
    plurals = [m for m in messages if "msgid_plural" in m]
    assert plurals
    assert all(sorted(m["msgstr"]) == [0, 1] for m in plurals)


def test_translations_keep_their_placeholders():
    for message in _entries(CATALOGUE)[1:]:
        if "msgid_plural" in message:
            assert _placeholders(message["msgstr"][1]) == _placeholders(message["msgid_plural"])
            # The singular may leave out the count it implies ('the latest change').
            assert set(_placeholders(message["msgstr"][0])) <= set(
                _placeholders(message["msgid_plural"])
            ), message["msgid"]
        else:
            assert _placeholders(message["msgstr"][0]) == _placeholders(message["msgid"]), message[
                "msgid",
            ]


def test_the_glossary_is_followed():
    translations = {
        m["msgid"]: m["msgstr"][0] for m in _entries(CATALOGUE)[1:] if "msgid_plural" not in m
    }
    glossary = {
        "gemeenteraad": "municipal council",
        "college van B&W": "municipal executive (college van B&W)",
        "fractie": "party group",
        "toestemming": "consent",
        "principebesluit": "decision in principle",
        "concept GR-tekst": "draft GR text",
        "gemeenschappelijke regeling": "joint arrangement (gemeenschappelijke regeling)",
        "amendement": "amendment",
        "motie": "motion",
        "aangenomen": "adopted",
        "verworpen": "rejected",
        "aangehouden": "postponed",
        "ingetrokken": "withdrawn",
        "zonder stemming (hamerstuk)": "without a vote (hamerstuk)",
        "hoofdelijk": "roll call",
        "mijlpaal": "milestone",
        "te laat": "overdue",
        "gepland": "planned",
        "compleet en gecontroleerd door de griffie": "complete and checked by the clerk's office",
        "GR Portal": "GR Portal",
    }
    for dutch, english in glossary.items():
        assert translations[dutch] == english, dutch
