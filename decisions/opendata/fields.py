"""The vocabulary of the open data: every field of every download with its meaning and codes,
the Popolo values, the licence, and how values are written.

The 'Open data' page documents the downloads from these lists, and the builders (matrix.py,
popolo.py) write exactly these fields, so the documentation cannot drift from the data.

The vote events follow the Popolo vote-event specification (popoloproject.com/specs/vote-event,
schemas vote_event.json, count.json and group_result.json) with the option names of Open Civic
Data (python-opencivicdata, common.VOTE_OPTIONS): "yes", "no", "absent", "not voting". Popolo
allows result and option values outside its lists; the ones used here are documented on the
page (RESULTS, GROUP_RESULTS and COUNT_OPTIONS below).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from decisions.models import Decision, Treatment
from gr_portal.core.choices import Outcome, Precision, Reliability, VoteMethod

LICENCE_NAME = "CC0 1.0"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"
POPOLO_VOTE_EVENT_URL = "https://www.popoloproject.com/specs/vote-event.html"

#: How the JSON downloads (and the examples on the page) are written: readable, not ASCII-escaped.
JSON_OPTIONS: dict[str, Any] = {"ensure_ascii": False, "indent": 2}

#: A function that turns a path into an absolute URL (request.build_absolute_uri).
Absolute = Callable[[str], str]


@dataclass(frozen=True)
class Field:
    """One column of a CSV download (and key of its JSON rows), documented on the page."""

    name: str
    # Lazy translations: the page shows them in the reader's language.
    meaning: str | Promise
    codes: tuple[tuple[str, str | Promise], ...] = ()


def _codes(choices) -> tuple[tuple[str, str | Promise], ...]:
    return tuple((str(value), label) for value, label in choices)


# --- Popolo / Open Civic Data vocabulary ---------------------------------------------------------

#: A recorded outcome as a Popolo vote-event result ("pass" and "fail" are Popolo's own list).
RESULTS: dict[str, str] = {
    Outcome.ADOPTED: "pass",
    Outcome.REJECTED: "fail",
    Outcome.POSTPONED: "postponed",
    Outcome.WITHDRAWN: "withdrawn",
    Outcome.INVALID: "invalid",
}

#: What is voted on, as the Popolo motion's classification.
SUBJECT_PROPOSAL = "proposal"
SUBJECT_AMENDMENT = "amendment"
SUBJECT_MOTION = "motion"
SUBJECTS = (
    (SUBJECT_PROPOSAL, _("raadsvoorstel (het besluit zelf)")),
    (SUBJECT_AMENDMENT, _("amendement")),
    (SUBJECT_MOTION, _("motie")),
)

#: The options of the counts. Dutch councils know no abstention: a member present who does not
#: take part (Gemeentewet art. 28) is "not voting"; a member not present is "absent".
COUNT_OPTIONS = (
    ("yes", _("stemmen voor")),
    ("no", _("stemmen tegen")),
    ("not voting", _("aanwezig, maar niet deelgenomen aan de stemming")),
    ("absent", _("afwezig (alleen bekend bij een stemming per fractie)")),
)

#: How a fractie voted, as the Popolo group result.
GROUP_RESULTS = (
    ("pass", _("meer leden van de fractie stemden voor dan tegen")),
    ("fail", _("meer leden van de fractie stemden tegen dan voor")),
    ("tie", _("evenveel leden voor als tegen")),
    ("not voting", _("geen lid van de fractie heeft gestemd")),
)


# --- the fields of the downloads -----------------------------------------------------------------

_OUTCOME_CODES = (*_codes(Outcome.choices), ("", _("leeg (JSON: null): nog geen uitkomst")))

MATRIX_FIELDS: tuple[Field, ...] = (
    Field("decision_slug", _("Vaste naam van het besluit, zoals in het webadres van het portaal.")),
    Field("decision_title", _("Titel van het besluit.")),
    Field("decision_kind", _("Soort besluit."), _codes(Decision.Kind.choices)),
    Field("decision_url", _("Webadres van het besluit in het portaal.")),
    Field("municipality_name", _("Naam van de gemeente.")),
    Field("municipality_cbs_code", _("CBS-gemeentecode: GM en vier cijfers, bijv. GM0505.")),
    Field(
        "executive_planned_on",
        _(
            "Geplande datum van de behandeling door het college van B&W (JJJJ-MM-DD); "
            "bij een planning per maand de eerste dag van die maand."
        ),
    ),
    Field(
        "executive_planned_precision",
        _("Hoe precies de planning van het college is."),
        _codes(Precision.choices),
    ),
    Field(
        "executive_meeting_date",
        _("Datum van de collegevergadering waarin het besluit is behandeld (JJJJ-MM-DD)."),
    ),
    Field("executive_outcome", _("Uitkomst bij het college."), _OUTCOME_CODES),
    Field(
        "executive_version",
        _("Nummer van de tekstversie waarover het college heeft besloten."),
    ),
    Field(
        "council_purpose",
        _("Waarom de gemeenteraad het besluit behandelt."),
        _codes(Treatment.Purpose.choices),
    ),
    Field(
        "council_planned_on",
        _(
            "Geplande datum van de behandeling door de gemeenteraad (JJJJ-MM-DD); "
            "bij een planning per maand de eerste dag van die maand."
        ),
    ),
    Field(
        "council_planned_precision",
        _("Hoe precies de planning van de raad is."),
        _codes(Precision.choices),
    ),
    Field(
        "council_meeting_date",
        _("Datum van de raadsvergadering waarin het besluit is behandeld (JJJJ-MM-DD)."),
    ),
    Field("council_outcome", _("Uitkomst in de gemeenteraad."), _OUTCOME_CODES),
    Field("council_votes_for", _("Aantal stemmen voor het raadsvoorstel.")),
    Field("council_votes_against", _("Aantal stemmen tegen het raadsvoorstel.")),
    Field("council_members_present", _("Aantal raadsleden aanwezig bij de stemming.")),
    Field(
        "council_version",
        _("Nummer van de tekstversie waarover de raad heeft gestemd."),
    ),
    Field(
        "checked_on",
        _(
            "Datum waarop de griffie de gegevens van deze gemeente over dit besluit als "
            "volledig en gecontroleerd heeft gemarkeerd; leeg als dat (nog) niet is gebeurd "
            "of als de gegevens daarna zijn gewijzigd."
        ),
    ),
)

VOTE_FIELDS: tuple[Field, ...] = (
    Field(
        "vote_id",
        _("Vaste sleutel van de stemming; dezelfde als ‘id’ in stemmingen.json."),
    ),
    Field("decision_slug", _("Vaste naam van het besluit, zoals in het webadres van het portaal.")),
    Field("decision_title", _("Titel van het besluit.")),
    Field("decision_url", _("Webadres van het besluit in het portaal.")),
    Field("municipality_name", _("Naam van de gemeente.")),
    Field("municipality_cbs_code", _("CBS-gemeentecode: GM en vier cijfers, bijv. GM0505.")),
    Field("body_name", _("Het bestuursorgaan dat stemde, bijv. ‘Gemeenteraad Dordrecht’.")),
    Field(
        "meeting_start",
        _("Begin van de vergadering: datum en tijd volgens ISO 8601, Nederlandse tijd."),
    ),
    Field("subject_id", _("Vaste sleutel van waarover is gestemd.")),
    Field("subject_classification", _("Waarover is gestemd."), tuple(SUBJECTS)),
    Field("subject_code", _("Nummer van het amendement of de motie, bijv. A1 of M1.")),
    Field("subject_title", _("Titel van het amendement of de motie, of van het besluit.")),
    Field("method", _("Wijze van stemmen."), _codes(VoteMethod.choices)),
    Field("outcome", _("Uitkomst van de stemming."), _OUTCOME_CODES),
    Field("members_present", _("Aantal raadsleden aanwezig bij de stemming.")),
    Field("votes_for", _("Totaal aantal stemmen voor.")),
    Field("votes_against", _("Totaal aantal stemmen tegen.")),
    Field(
        "fractie_id",
        _("Vaste sleutel van de fractie; leeg bij een stemming zonder uitslag per fractie."),
    ),
    Field("fractie_name", _("Naam van de fractie.")),
    Field("fractie_seats", _("Zetels van de fractie op het moment van de stemming.")),
    Field(
        "fractie_seats_reliability",
        _("Betrouwbaarheid van de zetelverdeling van de raad."),
        _codes(Reliability.choices),
    ),
    Field("fractie_votes_for", _("Leden van de fractie die voor stemden.")),
    Field("fractie_votes_against", _("Leden van de fractie die tegen stemden.")),
    Field(
        "fractie_not_voting",
        _("Leden van de fractie die aanwezig waren maar niet deelnamen aan de stemming."),
    ),
    Field("fractie_absent", _("Leden van de fractie die afwezig waren.")),
)


#: The keys of a vote event in stemmingen.json, documented on the page.
VOTE_EVENT_FIELDS: tuple[Field, ...] = (
    Field("id", _("Vaste sleutel van de stemming, bijv. vote/12; gelijk aan vote_id in de CSV.")),
    Field("identifier", _("Nummer van het amendement of de motie (A1, M1); anders null.")),
    Field(
        "motion",
        _(
            "Waarover is gestemd: id, classification (zie hieronder), title, text (de tekst "
            "van het amendement of de motie, of de tekstversie van het besluit waarover is "
            "gestemd), date (datum van de vergadering), organization en result."
        ),
    ),
    Field(
        "motion.organization",
        _(
            "Het bestuursorgaan: id, name (bijv. Gemeenteraad Dordrecht), classification "
            "(council, executive) en area: de gemeente met haar CBS-code als id en identifier."
        ),
    ),
    Field("organization_id", _("Sleutel van het bestuursorgaan (zie motion.organization).")),
    Field(
        "legislative_session",
        _("De vergadering: id, name, start_date en location; null als die niet bekend is."),
    ),
    Field("classification", _("Wijze van stemmen."), _codes(VoteMethod.choices)),
    Field("start_date", _("Begin van de vergadering: ISO 8601, Nederlandse tijd.")),
    Field(
        "result",
        _(
            "Uitkomst volgens Popolo (zie de vertaling hieronder); null zolang "
            "er geen uitkomst is vastgelegd."
        ),
    ),
    Field(
        "counts",
        _(
            "Totalen per optie: een lijst van {option, value}; daarna dezelfde telling per "
            "fractie, met group_id erbij (zoals in group_results)."
        ),
    ),
    Field(
        "group_results",
        _(
            "Uitslag per fractie: group (id, name, classification ‘party’, seats en "
            "seats_reliability), result en counts zoals hierboven."
        ),
    ),
    Field(
        "votes",
        _(
            "Stemmen per raadslid, waar die zijn vastgelegd (hoofdelijke stemming, onthouding "
            "volgens Gemeentewet art. 28, aantekening bij een hamerstuk): voter_id en voter (id, "
            "en de naam als een openbare bron die geeft), option (yes, no, not voting, absent), "
            "group_id (de fractie op de dag van de stemming) en extras (choice, en bij "
            "onthouding abstention_ground)."
        ),
    ),
    Field("sources", _("Webadres van het besluit in het portaal.")),
    Field(
        "extras",
        _(
            "Gegevens van het portaal zelf: decision_slug, decision_title, outcome (de "
            "vastgelegde uitkomst), members_present, round (behandelronde), purpose (doel van "
            "de behandeling) en version (nummer van de gestemde tekstversie)."
        ),
    ),
)


def popolo_results() -> list[tuple[str, str, str]]:
    """Each recorded outcome with its label and its Popolo result, as the page lists them."""
    return [(code, str(Outcome(code).label), result) for code, result in RESULTS.items()]


# --- how values are written --------------------------------------------------------------------


def iso_date(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def local_date(moment: datetime.datetime | None) -> str | None:
    """The day of a moment in Dutch time, e.g. 2022-07-12."""
    return timezone.localdate(moment).isoformat() if moment else None


def local_datetime(moment: datetime.datetime | None) -> str | None:
    """ISO 8601 with the offset of Dutch time, e.g. 2022-07-12T20:00:00+02:00."""
    return timezone.localtime(moment).isoformat() if moment else None


def version_number(treatment: Treatment | None) -> int | None:
    version = treatment.version if treatment and treatment.version_id else None
    return version.number if version is not None else None


def meeting_date(treatment: Treatment | None) -> str | None:
    meeting = treatment.meeting if treatment and treatment.meeting_id else None
    return local_date(meeting.starts_at) if meeting is not None else None


#: stemmen-per-lid.csv: one row per member's vote, where the member's own vote is recorded.
MEMBER_VOTE_FIELDS: tuple[Field, ...] = (
    Field("vote_id", _("De stemming; dezelfde als vote_id in stemmingen.csv.")),
    Field("decision_slug", _("Vaste naam van het besluit, zoals in het webadres van het portaal.")),
    Field("municipality_cbs_code", _("CBS-gemeentecode: GM en vier cijfers.")),
    Field("body_name", _("Het bestuursorgaan dat stemde.")),
    Field("meeting_start", _("Begin van de vergadering (ISO 8601, Nederlandse tijd).")),
    Field("subject_id", _("Waarover gestemd is: het voorstel, een amendement of een motie.")),
    Field(
        "member_id",
        _("Vaste sleutel van het raadslid in het portaal (member/…), ook als de naam onbekend is."),
    ),
    Field(
        "member_name",
        _("Naam van het raadslid, alleen als een openbare bron die geeft; anders leeg."),
    ),
    Field("fractie_name", _("De fractie van het raadslid op de dag van de stemming.")),
    Field(
        "choice",
        _("De stem van het raadslid."),
        (
            ("for", _("voor")),
            ("against", _("tegen")),
            ("abstained", _("onthouden: moest zich onthouden (Gemeentewet art. 28)")),
            ("absent", _("afwezig bij de stemming")),
            ("noted_against", _("aantekening tegen bij een hamerstuk (art. 32 lid 3)")),
        ),
    ),
    Field(
        "abstention_ground",
        _("Bij onthouding de grond uit Gemeentewet art. 28 lid 1; anders leeg."),
        (
            ("personal", _("gaat het lid persoonlijk aan (lid 1 onder a)")),
            (
                "representative",
                _("het lid is erbij betrokken als vertegenwoordiger (lid 1 onder a)"),
            ),
            (
                "accounts",
                _("rekening van een lichaam waarvan het lid bestuurder is (lid 1 onder b)"),
            ),
        ),
    ),
)
