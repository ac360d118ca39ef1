"""The Atom feed of status changes (wijzigingen.atom), written with django.contrib.syndication.

Each entry is one change read from a history table: a treatment's outcome, meeting or text
version; a zienswijze recorded, changed or deleted; a griffie's check made or withdrawn. Its
summary ends with the decision's status as it stood right after that change, in the words of
decisions.status.DecisionStatus.verdict, the sentence every page shows. That status is rebuilt
in Python from the treatments' history (one query for all entries, see :func:`with_stand`).
"""

from __future__ import annotations

import bisect
import datetime
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import Http404
from django.http.request import split_domain_port
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from councils.models import Body, Municipality, Regeling
from decisions.models import Decision, Process
from decisions.opendata import selectors
from decisions.opendata.fields import LICENCE_NAME, LICENCE_URL
from decisions.procedure import step_words
from decisions.selectors import participants_of
from decisions.status import decision_statuses
from gr_portal.core.choices import Outcome
from gr_portal.core.history import reason_text
from gr_portal.core.periods import format_moment

#: The feed shows this many of the newest status changes.
FEED_SIZE = 50
#: The date in the feed's own tag: URI (RFC 4151: a date on which the tagging authority, the
#: host name, belonged to the portal; its first year). Not a setting: the feed's id must never
#: change, or every feed reader would take it for a new feed.
FEED_TAG_YEAR = "2022"

ACTIONS = {
    "+": pgettext_lazy("open data feed", "vastgelegd"),
    "~": pgettext_lazy("open data feed", "gewijzigd"),
    "-": pgettext_lazy("open data feed", "verwijderd"),
}

# When a change was made, as a key that orders history rows: (history_date, history_id). Rows of
# another history table than the treatments' compare by date alone.
Moment = tuple[datetime.datetime, float]


@dataclass(frozen=True)
class StatusChange:
    """One entry of the feed: a change read from a history table."""

    id: str
    title: str
    updated: datetime.datetime
    link: str  # the path of the decision's page
    summary: str
    decision: Decision = field(compare=False, repr=False)
    moment: Moment = field(compare=False, repr=False)


# --- the entries -------------------------------------------------------------------------------


def _tag(authority: str, kind: str, row) -> str:
    """A tag: URI (RFC 4151) that never changes: history rows are never rewritten."""
    day = timezone.localdate(row.history_date).isoformat()
    return f"tag:{authority},{day}:{kind}/{row.history_id}"


def _with_reason(parts: list[str], row) -> str:
    """The change's reason, as the history pages word it ("Correctie: …" for a correction)."""
    reason = reason_text(row)
    if reason:
        parts.append(gettext("Reden: %(reason)s") % {"reason": reason})
    return " ".join(parts)


def _change(row, *, tag: str, title: str, parts: list[str], moment: Moment) -> StatusChange:
    return StatusChange(
        id=tag,
        title=title,
        updated=row.history_date,
        link=row.decision.get_absolute_url(),
        summary=_with_reason(parts, row),
        decision=row.decision,
        moment=moment,
    )


def _treatment_change(row, authority: str) -> StatusChange:
    """A treatment's outcome, meeting or version changed (or it was created with an outcome).

    `row` is a historical treatment annotated with the previous row's `previous_outcome`.
    """
    params = {"body": str(row.body), "decision": row.decision.title}
    words = step_words(
        regeling_kind=row.decision.regeling.kind,
        decision_kind=row.decision.kind,
        body_kind=row.body.kind,
        purpose=row.purpose,
        outcome=row.outcome,
        withheld_ground=row.withheld_ground,
    )
    if row.outcome and row.outcome != row.previous_outcome:
        params["outcome"] = words
        title = gettext("%(body)s: %(decision)s %(outcome)s") % params
    elif not row.outcome and row.previous_outcome:
        title = gettext("%(body)s: uitkomst van %(decision)s verwijderd") % params
    else:
        title = gettext("%(body)s: behandeling van %(decision)s gewijzigd") % params
    parts = []
    if row.outcome:
        parts.append(gettext("Uitkomst: %(outcome)s.") % {"outcome": words})
    if row.meeting_id:
        parts.append(
            gettext("Vergadering: %(moment)s.") % {"moment": format_moment(row.meeting.starts_at)}
        )
    if row.version_id:
        parts.append(gettext("Tekstversie: %(number)s.") % {"number": row.version.number})
    return _change(
        row,
        tag=_tag(authority, "behandeling", row),
        title=title,
        parts=parts,
        # Exactly this row of the treatments' history, not a later one of the same moment.
        moment=(row.history_date, row.history_id),
    )


def _opinion_change(row, authority: str) -> StatusChange:
    params = {
        "council": capfirst(Body.Kind.COUNCIL.label),
        "municipality": row.municipality.name,
        "decision": row.decision.title,
        "action": ACTIONS.get(row.history_type, row.history_type),
    }
    parts = []
    if row.submitted_on:
        parts.append(
            gettext("Ingediend op %(date)s.") % {"date": date_format(row.submitted_on, "j F Y")}
        )
    return _change(
        row,
        tag=_tag(authority, "zienswijze", row),
        title=gettext("%(council)s %(municipality)s: zienswijze op %(decision)s %(action)s")
        % params,
        parts=parts,
        moment=(row.history_date, math.inf),
    )


#: An amendment's or a motion's word in the feed and in the alerts.
SUBJECT_WORDS = {
    "amendement": pgettext_lazy("open data feed", "amendement"),
    "motie": pgettext_lazy("open data feed", "motie"),
}


def _subject_change(row, authority: str) -> StatusChange:
    """An amendment's or motion's outcome recorded or changed (what the proposal became is the
    treatment's own entry). `row` is a historical amendment or motion with `subject_kind`."""
    treatment = row.treatment
    decision = treatment.decision
    params = {
        "body": str(treatment.body),
        "kind": SUBJECT_WORDS[row.subject_kind],
        "code": row.code or "",
        "title": row.title,
        "outcome": Outcome(row.outcome).label,
        "decision": decision.title,
    }
    title = gettext("%(body)s: %(kind)s %(code)s ‘%(title)s’ %(outcome)s") % params
    parts = [gettext("Bij %(decision)s.") % params]
    return StatusChange(
        id=_tag(authority, row.subject_kind, row),
        title=" ".join(title.split()),
        updated=row.history_date,
        link=decision.get_absolute_url(),
        summary=_with_reason(parts, row),
        decision=decision,
        moment=(row.history_date, math.inf),
    )


def _check_change(row, authority: str) -> StatusChange:
    params = {"municipality": row.municipality.name, "decision": row.decision.title}
    if row.history_type == "-":
        title = gettext("Griffie %(municipality)s: controle van %(decision)s vervallen") % params
        parts = [gettext("De eerdere controle door de griffie geldt niet meer.")]
    else:
        title = gettext("Griffie %(municipality)s: gegevens over %(decision)s gecontroleerd") % (
            params
        )
        parts = [
            gettext("Gecontroleerd op %(moment)s.") % {"moment": format_moment(row.checked_at)}
        ]
    return _change(
        row,
        tag=_tag(authority, "controle", row),
        title=title,
        parts=parts,
        moment=(row.history_date, math.inf),
    )


def status_changes(
    treatment_rows: Iterable,
    opinion_rows: Iterable,
    check_rows: Iterable,
    *,
    authority: str,
    limit: int = FEED_SIZE,
    subject_rows: Iterable = (),
) -> list[StatusChange]:
    """The newest `limit` changes from the three history tables, newest first.

    `treatment_rows` are historical treatments whose outcome, meeting or version changed, with
    `previous_outcome` annotated; `opinion_rows` historical zienswijzen; `check_rows` historical
    griffie checks; each with decision (and body, municipality, meeting, version) loaded.
    `authority` is the host name used in the entries' tag: URIs.
    """
    changes = [
        *(_treatment_change(row, authority) for row in treatment_rows),
        *(_opinion_change(row, authority) for row in opinion_rows),
        *(_check_change(row, authority) for row in check_rows),
        *(_subject_change(row, authority) for row in subject_rows),
    ]
    changes.sort(key=lambda change: (change.updated, change.id), reverse=True)
    return changes[:limit]


# --- the status right after each change --------------------------------------------------------


def _history_key(row) -> Moment:
    return (row.history_date, row.history_id)


class TreatmentTimeline:
    """The treatments of some decisions as they stood at any moment, from their history rows."""

    def __init__(self, history: Iterable):
        rows_by_treatment: dict[int, list] = defaultdict(list)
        self._treatments: dict[int, set[int]] = defaultdict(set)
        for row in history:
            rows_by_treatment[row.id].append(row)
            self._treatments[row.decision_id].add(row.id)
        self._rows = {pk: sorted(rows, key=_history_key) for pk, rows in rows_by_treatment.items()}
        self._keys = {pk: [_history_key(row) for row in rows] for pk, rows in self._rows.items()}

    def as_of(self, decision_id: int, moment: Moment) -> list:
        """The decision's treatments right after `moment`: per treatment its latest history row
        up to then, unless that row records its deletion (or moved it to another decision)."""
        treatments = []
        for pk in sorted(self._treatments.get(decision_id, ())):
            index = bisect.bisect_right(self._keys[pk], moment)
            if index == 0:
                continue  # not yet created
            row = self._rows[pk][index - 1]
            if row.history_type != "-" and row.decision_id == decision_id:
                treatments.append(row)
        return treatments


def with_stand(
    changes: Iterable[StatusChange],
    treatment_history: Iterable,
    participants: Mapping[int, Sequence] | None = None,
) -> list[StatusChange]:
    """Each change with 'Stand: <verdict>' at the end of its summary: its decision's status
    right after the change, rebuilt from the treatments as they stood then (the verdict does
    not depend on the griffies' checks, so they are left out).

    `treatment_history` holds the historical treatments of the changes' decisions up to the
    newest change, with body and municipality loaded, in any order; `participants` the
    regelingen's participants (regeling id → municipalities), who count whether or not they
    recorded anything.
    """
    timeline = TreatmentTimeline(treatment_history)
    stood = []
    for change in changes:
        treatments = timeline.as_of(change.decision.pk, change.moment)
        [status] = decision_statuses([change.decision], treatments, (), participants)
        stand = gettext("Stand: %(verdict)s") % {"verdict": status.verdict}
        summary = change.summary
        if summary and not summary.endswith((".", "!", "?")):
            summary += "."  # a reason as typed, e.g. 'Reden: Vastgelegd door de griffie'
        stood.append(replace(change, summary=f"{summary} {stand}" if summary else stand))
    return stood


# --- the feed ----------------------------------------------------------------------------------


def tag_authority(request) -> str:
    """The host name in the tag: URIs; the OPEN_DATA_TAG_AUTHORITY setting keeps them when the
    portal moves to another host."""
    return settings.OPEN_DATA_TAG_AUTHORITY or split_domain_port(request.get_host())[0]


@dataclass(frozen=True)
class FeedContents:
    authority: str
    changes: list[StatusChange]
    target: FeedTarget | None = None


@dataclass(frozen=True)
class FeedTarget:
    """What one follows: a process, a regeling, a municipality or one decision. `kind` is the
    word in the feed's address, `treatments` picks the historical treatments (with `keep`, the
    same test in Python), `others` the zienswijzen and checks."""

    kind: str
    slug: str
    name: str
    page: str
    treatments: Q
    keep: Callable[[Any], bool]
    others: Q
    subjects: Q


#: What a personal feed — and a subscription (milestones.alerts) — can follow: the word in its
#: address, the published candidates, and the path from a treatment to the target.
TARGETS = {
    "traject": (lambda: Process.objects.published(), "decision__process"),
    "regeling": (lambda: Regeling.objects.all(), "decision__regeling"),
    "gemeente": (lambda: Municipality.objects.all(), "body__municipality"),
    "besluit": (lambda: Decision.objects.published(), "decision"),
}
#: The words in a personal feed's address.
TARGET_KINDS = tuple(TARGETS)


def followable(kind: str, slug: str):
    """The published target `kind`/`slug`, or None."""
    if kind not in TARGETS or not slug:
        return None
    candidates, _path = TARGETS[kind]
    return candidates().filter(slug=slug).first()


def target_name(obj) -> str:
    """How a target is named: a process's or decision's title, a regeling's short name, a
    municipality's name."""
    return getattr(obj, "title", None) or getattr(obj, "short_name", None) or str(obj)


def _target_id(row, path: str):
    """The id at the end of `path` from a historical treatment (decision__process: its
    decision's process_id)."""
    *steps, last = path.split("__")
    for step in steps:
        row = getattr(row, step)
    return getattr(row, f"{last}_id")


def feed_target(kind: str, slug: str) -> FeedTarget:
    """The published target of a personal feed (Http404 for anything else)."""
    obj = followable(kind, slug)
    if obj is None:
        raise Http404
    path = TARGETS[kind][1]
    # A zienswijze or check names its municipality itself; for the rest it has a decision.
    others = "municipality" if kind == "gemeente" else path
    return FeedTarget(
        kind,
        slug,
        target_name(obj),
        obj.get_absolute_url(),
        Q(**{path: obj}),
        lambda row: _target_id(row, path) == obj.pk,
        Q(**{others: obj}),
        Q(**{f"treatment__{path}": obj}),
    )


class StatusFeed(Feed):
    """The Atom feed (RFC 4287) of status changes: feed id, title, author and rights, and an
    entry per change with id, title, updated, link and summary.

    Queries: zienswijze versions and griffie-check versions (each the newest FEED_SIZE, with
    decision, regeling and municipality), the treatment history of the decisions with one of
    the newest changes, from which the changes are picked, the amendments' and motions' changed
    outcomes (two to four: selectors.subject_changes) and the regelingen's participants (every
    participant counts in the status after a change) — six to eight, however many entries.
    """

    feed_type = Atom1Feed
    heading = _("GR Portal: wijzigingen in de stand van besluiten")
    subtitle = description = _(
        "Uitkomsten en vergaderingen van behandelingen, zienswijzen en controles door de "
        "griffies, voor alle gepubliceerde besluiten."
    )
    author_name = _("GR Portal")
    feed_copyright = f"{LICENCE_NAME} {LICENCE_URL}"

    def get_object(self, request, kind: str | None = None, slug: str | None = None):
        authority = tag_authority(request)
        target = feed_target(kind, slug) if kind is not None and slug is not None else None
        others = target.others if target is not None else None
        opinions = selectors.opinion_changes(FEED_SIZE, others)
        checks = selectors.check_changes(FEED_SIZE, others)
        subjects = selectors.subject_changes(
            FEED_SIZE, where=target.subjects if target is not None else None
        )
        treatments, history = selectors.treatment_changes(
            FEED_SIZE,
            also={row.decision_id for row in [*opinions, *checks]}
            | {row.treatment.decision_id for row in subjects},
            where=target.treatments if target is not None else None,
            keep=target.keep if target is not None else None,
        )
        changes = status_changes(
            treatments, opinions, checks, authority=authority, subject_rows=subjects
        )
        participants = participants_of({change.decision.regeling_id for change in changes})
        return FeedContents(authority, with_stand(changes, history, participants), target)

    def title(self, contents: FeedContents) -> str:
        if contents.target is None:
            return str(StatusFeed.heading)
        return gettext("GR Portal: wijzigingen – %(name)s") % {"name": contents.target.name}

    def link(self, contents: FeedContents) -> str:
        return contents.target.page if contents.target is not None else reverse("home")

    def feed_url(self, contents: FeedContents) -> str:
        target = contents.target
        if target is None:
            return reverse("opendata:feed")
        return reverse("opendata:target_feed", args=[target.kind, target.slug])

    def feed_guid(self, contents: FeedContents) -> str:
        target = contents.target
        suffix = f":{target.kind}/{target.slug}" if target is not None else ""
        return f"tag:{contents.authority},{FEED_TAG_YEAR}:wijzigingen{suffix}"

    def items(self, contents: FeedContents) -> list[StatusChange]:
        return contents.changes

    def item_title(self, change: StatusChange) -> str:
        return change.title  # Atom's title is text: no escaping

    def item_description(self, change: StatusChange) -> str:
        # Atom1Feed writes the summary as type="html": escape the plain text once.
        return escape(change.summary)

    def item_link(self, change: StatusChange) -> str:
        return change.link

    def item_guid(self, change: StatusChange) -> str:
        return change.id

    def item_updateddate(self, change: StatusChange) -> datetime.datetime:
        return change.updated
