"""Open data: the rows and documents behind the public downloads (CSV, JSON and Atom).

Pure builders: the views in decisions.opendata_views load the records in a fixed number of
queries and hand them here; nothing in this module touches the database. Every value a builder
returns is JSON-native (str, int, None, lists and dicts), so the JSON downloads are exactly the
builders' output and the CSV downloads the same rows written as text.

The vote events follow the Popolo vote-event specification (popoloproject.com/specs/vote-event,
schemas vote_event.json, count.json and group_result.json) with the option names of Open Civic
Data (python-opencivicdata, common.VOTE_OPTIONS): "yes", "no", "absent", "not voting". Popolo
allows result and option values outside its lists; the ones used here are documented on the
'Open data' page (RESULTS, GROUP_RESULTS and COUNT_OPTIONS below).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from councils.models import Body
from decisions.models import Decision, Treatment, Vote
from decisions.status import DecisionStatus
from gr_portal.core.choices import Outcome, Precision, Reliability, VoteMethod

LICENCE_NAME = "CC0 1.0"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"
POPOLO_VOTE_EVENT_URL = "https://www.popoloproject.com/specs/vote-event.html"

#: The feed shows this many of the newest status changes.
FEED_SIZE = 50
#: The first year of the portal: the date part of the feed's own tag: URI (RFC 4151).
FEED_TAG_YEAR = "2022"

# A function that turns a path into an absolute URL (request.build_absolute_uri).
Absolute = Callable[[str], str]


@dataclass(frozen=True)
class Field:
    """One column of a CSV download (and key of its JSON rows), documented on the page."""

    name: str
    meaning: str
    codes: tuple[tuple[str, str], ...] = ()


def _codes(choices) -> tuple[tuple[str, str], ...]:
    return tuple((str(value), label) for value, label in choices)


# --- Popolo / Open Civic Data vocabulary ---------------------------------------------------------

#: A recorded outcome as a Popolo vote-event result ("pass" and "fail" are Popolo's own list).
RESULTS: dict[str, str] = {
    Outcome.ADOPTED: "pass",
    Outcome.REJECTED: "fail",
    Outcome.POSTPONED: "postponed",
    Outcome.WITHDRAWN: "withdrawn",
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
    Field("counts", _("Totalen per optie: een lijst van {option, value}.")),
    Field(
        "group_results",
        _(
            "Uitslag per fractie: group (id, name, classification ‘party’, seats en "
            "seats_reliability), result en counts zoals hierboven."
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


# --- small conversions -----------------------------------------------------------------------


def _date(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def _local_date(moment: datetime.datetime | None) -> str | None:
    return timezone.localdate(moment).isoformat() if moment else None


def _local_datetime(moment: datetime.datetime | None) -> str | None:
    """ISO 8601 with the offset of Dutch time, e.g. 2022-07-12T20:00:00+02:00."""
    return timezone.localtime(moment).isoformat() if moment else None


def _decision_url(decision: Decision, absolute: Absolute) -> str:
    return absolute(reverse("decision_detail", args=[decision.slug]))


def _version_number(treatment: Treatment | None) -> int | None:
    return treatment.version.number if treatment and treatment.version_id else None


def _meeting_date(treatment: Treatment | None) -> str | None:
    return _local_date(treatment.meeting.starts_at) if treatment and treatment.meeting_id else None


# --- the matrix: status per (decision, municipality) -----------------------------------------


def matrix_rows(statuses: Iterable[DecisionStatus], absolute: Absolute) -> list[dict]:
    """One row per (decision, municipality), with the latest round of college and council.

    `statuses` come from decisions.status.decision_statuses, with treatments whose body,
    municipality, meeting, version and vote are loaded.
    """
    rows = []
    for status in statuses:
        decision = status.decision
        for row in status.rows:
            executive, council = row.executive, row.council
            vote = getattr(council, "vote", None) if council else None
            rows.append(
                {
                    "decision_slug": decision.slug,
                    "decision_title": decision.title,
                    "decision_kind": decision.kind,
                    "decision_url": _decision_url(decision, absolute),
                    "municipality_name": row.municipality.name,
                    "municipality_cbs_code": row.municipality.cbs_code,
                    "executive_planned_on": _date(executive.planned_on) if executive else None,
                    "executive_planned_precision": (
                        executive.planned_precision if executive else None
                    ),
                    "executive_meeting_date": _meeting_date(executive),
                    "executive_outcome": (executive.outcome or None) if executive else None,
                    "executive_version": _version_number(executive),
                    "council_purpose": council.purpose if council else None,
                    "council_planned_on": _date(council.planned_on) if council else None,
                    "council_planned_precision": council.planned_precision if council else None,
                    "council_meeting_date": _meeting_date(council),
                    "council_outcome": (council.outcome or None) if council else None,
                    "council_votes_for": vote.votes_for if vote else None,
                    "council_votes_against": vote.votes_against if vote else None,
                    "council_members_present": vote.members_present if vote else None,
                    "council_version": _version_number(council),
                    "checked_on": _local_date(row.check.checked_at) if row.check else None,
                }
            )
    return rows


def matrix_document(rows: list[dict]) -> dict:
    """The JSON download of the matrix: the licence and the rows."""
    return {"license": LICENCE_URL, "rows": rows}


# --- votes -----------------------------------------------------------------------------------

_BODY_ORDER = {Body.Kind.EXECUTIVE: 0, Body.Kind.COUNCIL: 1}
# Amendments are voted before the proposal, motions after it.
_SUBJECT_ORDER = {SUBJECT_AMENDMENT: 0, SUBJECT_PROPOSAL: 1, SUBJECT_MOTION: 2}


@dataclass(frozen=True)
class _Subject:
    """What a vote is about, with the treatment it belongs to."""

    classification: str
    id: str
    code: str
    title: str
    text: str
    treatment: Treatment


def _subject(vote: Vote) -> _Subject:
    if vote.amendment_id:
        amendment = vote.amendment
        return _Subject(
            SUBJECT_AMENDMENT,
            f"amendment/{amendment.pk}",
            amendment.code,
            amendment.title,
            amendment.text,
            amendment.treatment,
        )
    if vote.motion_id:
        motion = vote.motion
        return _Subject(
            SUBJECT_MOTION,
            f"motion/{motion.pk}",
            motion.code,
            motion.title,
            motion.text,
            motion.treatment,
        )
    treatment = vote.treatment
    decision = treatment.decision
    text = treatment.version.text if treatment.version_id else decision.title
    return _Subject(
        SUBJECT_PROPOSAL, f"treatment/{treatment.pk}", "", decision.title, text, treatment
    )


def _sorted_votes(votes: Iterable[Vote]) -> list[tuple[Vote, _Subject]]:
    """Votes in the order of the process: decision, municipality, college before council,
    round, then amendments, the proposal and motions as they are voted."""

    def key(item: tuple[Vote, _Subject]):
        vote, subject = item
        treatment = subject.treatment
        municipality = treatment.body.municipality
        return (
            treatment.decision.process_id,
            treatment.decision.sequence,
            municipality.name if municipality else "",
            _BODY_ORDER.get(treatment.body.kind, 2),
            treatment.round,
            _SUBJECT_ORDER[subject.classification],
            subject.code,
            vote.pk,
        )

    return sorted(((vote, _subject(vote)) for vote in votes), key=key)


def _not_voting(vote: Vote) -> int:
    return max(vote.members_present - vote.votes_for - vote.votes_against, 0)


_FRACTIE_COLUMNS = tuple(field.name for field in VOTE_FIELDS if field.name.startswith("fractie_"))


def subject_outcome(vote: Vote) -> str:
    """The outcome recorded on what was voted on ('' while none is recorded)."""
    return (vote.amendment or vote.motion or vote.treatment).outcome


def vote_rows(votes: Iterable[Vote], absolute: Absolute) -> list[dict]:
    """One row per fractie per vote (a vote without per-fractie results gets one row).

    `votes` have their subject, its treatment's decision, body, municipality, meeting and
    version loaded, and `fractie_votes` prefetched with fractie and term.
    """
    rows = []
    for vote, subject in _sorted_votes(votes):
        treatment = subject.treatment
        municipality = treatment.body.municipality
        common = {
            "vote_id": f"vote/{vote.pk}",
            "decision_slug": treatment.decision.slug,
            "decision_title": treatment.decision.title,
            "decision_url": _decision_url(treatment.decision, absolute),
            "municipality_name": municipality.name if municipality else None,
            "municipality_cbs_code": municipality.cbs_code if municipality else None,
            "body_name": str(treatment.body),
            "meeting_start": (
                _local_datetime(treatment.meeting.starts_at) if treatment.meeting_id else None
            ),
            "subject_id": subject.id,
            "subject_classification": subject.classification,
            "subject_code": subject.code or None,
            "subject_title": subject.title,
            "method": vote.method,
            "outcome": subject_outcome(vote) or None,
            "members_present": vote.members_present,
            "votes_for": vote.votes_for,
            "votes_against": vote.votes_against,
        }
        fractie_votes = list(vote.fractie_votes.all())
        if not fractie_votes:
            rows.append({**common, **dict.fromkeys(_FRACTIE_COLUMNS)})
        for fractie_vote in fractie_votes:
            rows.append(
                {
                    **common,
                    "fractie_id": f"fractie/{fractie_vote.fractie_id}",
                    "fractie_name": fractie_vote.fractie.name,
                    "fractie_seats": fractie_vote.seats,
                    "fractie_seats_reliability": fractie_vote.fractie.term.composition_reliability,
                    "fractie_votes_for": fractie_vote.votes_for,
                    "fractie_votes_against": fractie_vote.votes_against,
                    "fractie_not_voting": fractie_vote.not_taking_part,
                    "fractie_absent": fractie_vote.absent,
                }
            )
    return rows


def _counts(votes_for: int, votes_against: int, not_voting: int, absent: int | None) -> list:
    counts = [
        {"option": "yes", "value": votes_for},
        {"option": "no", "value": votes_against},
        {"option": "not voting", "value": not_voting},
    ]
    if absent is not None:
        counts.append({"option": "absent", "value": absent})
    return counts


def _group_result(votes_for: int, votes_against: int) -> str:
    if votes_for > votes_against:
        return "pass"
    if votes_against > votes_for:
        return "fail"
    return "tie" if votes_for else "not voting"


def _organization(body: Body) -> dict:
    """A body as a Popolo organization; a municipality's body has the municipality as area."""
    organization = {"id": f"body/{body.pk}", "name": str(body), "classification": body.kind}
    municipality = body.municipality
    if municipality is not None:
        organization["area"] = {
            "id": municipality.cbs_code,
            "identifier": municipality.cbs_code,
            "name": municipality.name,
            "classification": "municipality",
        }
    return organization


def _legislative_session(treatment: Treatment) -> dict | None:
    """The meeting in which the vote took place, as a Popolo event."""
    if not treatment.meeting_id:
        return None
    meeting = treatment.meeting
    # As str(meeting), but with the treatment's body (the same body, already loaded).
    name = "{kind} {body}, {day}".format(
        kind=capfirst(meeting.get_kind_display()),
        body=treatment.body,
        day=date_format(timezone.localtime(meeting.starts_at), "j F Y"),
    )
    return {
        "id": f"meeting/{meeting.pk}",
        "name": name,
        "start_date": _local_datetime(meeting.starts_at),
        "location": meeting.location or None,
    }


def vote_events(votes: Iterable[Vote], absolute: Absolute) -> list[dict]:
    """Each vote as a Popolo vote event, with its totals and the result per fractie.

    Loaded as for vote_rows.
    """
    events = []
    for vote, subject in _sorted_votes(votes):
        treatment = subject.treatment
        decision = treatment.decision
        outcome = subject_outcome(vote)
        fractie_votes = list(vote.fractie_votes.all())
        # Absences are known only from the fracties' seats; members present are counted anyway.
        absent = (
            max(sum(fv.seats for fv in fractie_votes) - vote.members_present, 0)
            if fractie_votes
            else None
        )
        organization = _organization(treatment.body)
        session = _legislative_session(treatment)
        start_date = session["start_date"] if session else None
        result = RESULTS.get(outcome)
        events.append(
            {
                "id": f"vote/{vote.pk}",
                "identifier": subject.code or None,
                "motion": {
                    "id": subject.id,
                    "classification": subject.classification,
                    "title": subject.title,
                    "text": subject.text,
                    "date": start_date[:10] if start_date else None,
                    "organization": organization,
                    "legislative_session_id": session["id"] if session else None,
                    "result": result,
                },
                "organization_id": organization["id"],
                "legislative_session": session,
                "classification": vote.method,
                "start_date": start_date,
                "result": result,
                "counts": _counts(vote.votes_for, vote.votes_against, _not_voting(vote), absent),
                "group_results": [
                    {
                        "group_id": f"fractie/{fv.fractie_id}",
                        "group": {
                            "id": f"fractie/{fv.fractie_id}",
                            "name": fv.fractie.name,
                            "classification": "party",
                            "seats": fv.seats,
                            "seats_reliability": fv.fractie.term.composition_reliability,
                        },
                        "result": _group_result(fv.votes_for, fv.votes_against),
                        "counts": _counts(
                            fv.votes_for, fv.votes_against, fv.not_taking_part, fv.absent
                        ),
                    }
                    for fv in fractie_votes
                ],
                "sources": [{"url": _decision_url(decision, absolute), "note": decision.title}],
                "extras": {
                    "decision_slug": decision.slug,
                    "decision_title": decision.title,
                    "outcome": outcome or None,
                    "members_present": vote.members_present,
                    "round": treatment.round,
                    "purpose": treatment.purpose,
                    "version": _version_number(treatment),
                },
            }
        )
    return events


def votes_document(events: list[dict]) -> dict:
    """The JSON download of the votes: the licence and the Popolo vote events."""
    return {"license": LICENCE_URL, "vote_events": events}


# --- the Atom feed of status changes ---------------------------------------------------------

ACTIONS = {
    "+": pgettext_lazy("open data feed", "vastgelegd"),
    "~": pgettext_lazy("open data feed", "gewijzigd"),
    "-": pgettext_lazy("open data feed", "verwijderd"),
}


@dataclass(frozen=True)
class StatusChange:
    """One entry of the feed: a change read from a history table."""

    id: str
    title: str
    updated: datetime.datetime
    link: str
    summary: str


def _tag(authority: str, kind: str, row) -> str:
    """A tag: URI (RFC 4151) that never changes: history rows are never rewritten."""
    day = timezone.localdate(row.history_date).isoformat()
    return f"tag:{authority},{day}:{kind}/{row.history_id}"


def _moment(moment: datetime.datetime) -> str:
    local = timezone.localtime(moment)
    return gettext("%(date)s, %(time)s uur") % {
        "date": date_format(local, "j F Y"),
        "time": date_format(local, "G.i"),
    }


def _with_reason(parts: list[str], row) -> str:
    reason = (row.history_change_reason or "").strip()
    if reason:
        parts.append(gettext("Reden: %(reason)s") % {"reason": reason})
    return " ".join(parts)


def _treatment_change(row, authority: str, absolute: Absolute) -> StatusChange:
    """A treatment's outcome, meeting or version changed (or it was created with an outcome).

    `row` is a historical treatment annotated with the previous row's `previous_outcome`.
    """
    decision = row.decision
    params = {"body": str(row.body), "decision": decision.title}
    if row.outcome and row.outcome != row.previous_outcome:
        params["outcome"] = Outcome(row.outcome).label
        title = gettext("%(body)s: %(decision)s %(outcome)s") % params
    elif not row.outcome and row.previous_outcome:
        title = gettext("%(body)s: uitkomst van %(decision)s verwijderd") % params
    else:
        title = gettext("%(body)s: behandeling van %(decision)s gewijzigd") % params
    parts = []
    if row.outcome:
        parts.append(gettext("Uitkomst: %(outcome)s.") % {"outcome": Outcome(row.outcome).label})
    if row.meeting_id:
        parts.append(
            gettext("Vergadering: %(moment)s.") % {"moment": _moment(row.meeting.starts_at)}
        )
    if row.version_id:
        parts.append(gettext("Tekstversie: %(number)s.") % {"number": row.version.number})
    return StatusChange(
        id=_tag(authority, "behandeling", row),
        title=title,
        updated=row.history_date,
        link=_decision_url(decision, absolute),
        summary=_with_reason(parts, row),
    )


def _opinion_change(row, authority: str, absolute: Absolute) -> StatusChange:
    decision = row.decision
    params = {
        "council": capfirst(Body.Kind.COUNCIL.label),
        "municipality": row.municipality.name,
        "decision": decision.title,
        "action": ACTIONS.get(row.history_type, row.history_type),
    }
    parts = []
    if row.submitted_on:
        parts.append(
            gettext("Ingediend op %(date)s.") % {"date": date_format(row.submitted_on, "j F Y")}
        )
    return StatusChange(
        id=_tag(authority, "zienswijze", row),
        title=gettext("%(council)s %(municipality)s: zienswijze op %(decision)s %(action)s")
        % params,
        updated=row.history_date,
        link=_decision_url(decision, absolute),
        summary=_with_reason(parts, row),
    )


def _check_change(row, authority: str, absolute: Absolute) -> StatusChange:
    decision = row.decision
    params = {"municipality": row.municipality.name, "decision": decision.title}
    if row.history_type == "-":
        title = gettext("Griffie %(municipality)s: controle van %(decision)s vervallen") % params
        parts = [gettext("De eerdere controle door de griffie geldt niet meer.")]
    else:
        title = gettext("Griffie %(municipality)s: gegevens over %(decision)s gecontroleerd") % (
            params
        )
        parts = [gettext("Gecontroleerd op %(moment)s.") % {"moment": _moment(row.checked_at)}]
    return StatusChange(
        id=_tag(authority, "controle", row),
        title=title,
        updated=row.history_date,
        link=_decision_url(decision, absolute),
        summary=_with_reason(parts, row),
    )


def status_changes(
    treatment_rows: Iterable,
    opinion_rows: Iterable,
    check_rows: Iterable,
    *,
    authority: str,
    absolute: Absolute,
    limit: int = FEED_SIZE,
) -> list[StatusChange]:
    """The newest `limit` changes from the three history tables, newest first.

    `treatment_rows` are historical treatments whose outcome, meeting or version changed, with
    `previous_outcome` annotated; `opinion_rows` historical zienswijzen; `check_rows` historical
    griffie checks; each with decision (and body, municipality, meeting, version) loaded.
    `authority` is the host name used in the entries' tag: URIs.
    """
    changes = [
        *(_treatment_change(row, authority, absolute) for row in treatment_rows),
        *(_opinion_change(row, authority, absolute) for row in opinion_rows),
        *(_check_change(row, authority, absolute) for row in check_rows),
    ]
    changes.sort(key=lambda change: (change.updated, change.id), reverse=True)
    return changes[:limit]


def status_feed(
    changes: Iterable[StatusChange], *, authority: str, link: str, feed_url: str
) -> Atom1Feed:
    """The Atom feed (RFC 4287) of status changes: feed id, title, author and rights, and an
    entry per change with id, title, updated, link and summary."""
    about = gettext(
        "Uitkomsten en vergaderingen van behandelingen, zienswijzen en controles door de "
        "griffies, voor alle gepubliceerde besluiten."
    )
    feed = Atom1Feed(
        title=gettext("GR Portal: wijzigingen in de stand van besluiten"),
        link=link,
        description=about,
        subtitle=about,
        language="nl",
        author_name=gettext("GR Portal"),
        feed_url=feed_url,
        feed_guid=f"tag:{authority},{FEED_TAG_YEAR}:wijzigingen",
        feed_copyright=f"{LICENCE_NAME} {LICENCE_URL}",
    )
    for change in changes:
        feed.add_item(
            title=change.title,
            link=change.link,
            # Atom1Feed writes the summary as type="html": escape the plain text once.
            description=escape(change.summary),
            unique_id=change.id,
            updateddate=change.updated,
        )
    return feed


# --- examples on the 'Open data' page --------------------------------------------------------

#: An example vote event, shown on the page; a test checks it has the keys the builder writes.
EXAMPLE_VOTE_EVENT: dict = {
    "id": "vote/12",
    "identifier": None,
    "motion": {
        "id": "treatment/30",
        "classification": SUBJECT_PROPOSAL,
        "title": "Concept aangepaste GR-tekst GR Sociaal",
        "text": "Concept van de gewijzigde Gemeenschappelijke Regeling Sociaal. …",
        "date": "2022-07-12",
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
