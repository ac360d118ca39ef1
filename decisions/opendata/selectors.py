"""What the open data loads: published decisions only, for everyone (never the user's drafts),
each read in a fixed number of queries however much data or history there is."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Prefetch, Q, Value, Window
from django.db.models.functions import Coalesce, Lag

from councils.models import Municipality
from decisions.models import (
    VERSION_TEXTS,
    Amendment,
    BoardVote,
    BoardVoteLine,
    Decision,
    DecisionVersion,
    FractieVote,
    MemberVote,
    Motion,
    Opinion,
    Process,
    RecordCheck,
    Treatment,
    Vote,
)
from decisions.selectors import load_statuses
from decisions.status import DecisionStatus


@dataclass(frozen=True)
class Scope:
    """What a download covers: everything, one process (?traject=) and/or one municipality
    (?gemeente=)."""

    process: Process | None = None
    municipality: Municipality | None = None

    @property
    def suffix(self) -> str:
        """For the file name: '-<process>-<municipality>' as far as given."""
        parts = [obj.slug for obj in (self.process, self.municipality) if obj is not None]
        return "".join(f"-{part}" for part in parts)

    def decisions(self):
        published = Decision.objects.published()
        return published.filter(process=self.process) if self.process is not None else published


def published_statuses(scope: Scope = Scope()) -> list[DecisionStatus]:
    """The status of every published decision in `scope` per municipality, for the matrix
    (each status over all of its participants: a municipality's scope picks rows later, in
    opendata.matrix, so that the verdicts stay those of the whole regeling).

    Queries: published decisions; their treatments with body, municipality, regeling, meeting,
    version and vote; the griffies' checks; the regelingen's participants — four
    (decisions.selectors.load_statuses).
    """
    return load_statuses(scope.decisions())


def _subject_paths(prefix: str) -> list[str]:
    return [
        f"{prefix}decision",
        f"{prefix}body__municipality",
        f"{prefix}meeting",
        f"{prefix}version",
    ]


#: How many decisions' votes a streamed download holds in memory at once.
DECISIONS_PER_CHUNK = 10


def published_status_chunks(
    scope: Scope = Scope(), size: int | None = None
) -> Iterator[list[DecisionStatus]]:
    """The statuses of published_statuses, a few decisions at a time, in the order of the
    downloads (process, then the decision's place in it): memory bounded by `size` (default
    DECISIONS_PER_CHUNK) decisions, however large the data.

    Queries: the decisions' ids, then the four of load_statuses per chunk.
    """
    size = size or DECISIONS_PER_CHUNK
    ordered = scope.decisions().order_by("process_id", "sequence", "pk")
    ids = list(ordered.values_list("pk", flat=True))
    for start in range(0, len(ids), size):
        statuses = load_statuses(ordered.filter(pk__in=ids[start : start + size]))
        yield statuses
        release(
            [
                treatment
                for status in statuses
                for treatment in [
                    *status.board,
                    *(t for row in status.rows for t in (row.executive, row.council) if t),
                ]
            ]
        )


def published_vote_chunks(scope: Scope = Scope(), size: int | None = None) -> Iterator[list[Vote]]:
    """The votes of published_votes, a few decisions at a time, in the order of the downloads
    (process, then the decision's place in it): memory bounded by `size` (default
    DECISIONS_PER_CHUNK) decisions' votes, however large the data.

    Queries: the decisions' ids, then four per chunk (as published_votes).
    """
    size = size or DECISIONS_PER_CHUNK
    ids = list(
        scope.decisions().order_by("process_id", "sequence", "pk").values_list("pk", flat=True)
    )
    for start in range(0, len(ids), size):
        votes = published_votes(scope, decision_ids=ids[start : start + size])
        yield votes
        release(votes)


def release(objects: list) -> None:
    """Break the reference cycles between loaded objects once they are sent: a vote and its
    treatment (or amendment, or motion) point at each other, as do a vote and its fractie
    results, so without this a chunk is freed only by the next full garbage collection — and
    the memory of a streamed download grew with the data instead of with one chunk."""
    for obj in objects:
        obj._state.fields_cache = {}
        obj.__dict__.pop("_prefetched_objects_cache", None)


def published_votes(
    scope: Scope = Scope(), *, decision_ids: Collection[int] | None = None
) -> list[Vote]:
    """Every vote on a published decision in `scope` (of `decision_ids`, when given), whatever
    its subject.

    Queries: the votes with subject, treatment, decision, body, municipality, meeting and
    version (one join each); their fractie results with fractie and council term; the members'
    votes where recorded; the texts of the versions voted on — four (one when there are no
    votes). A version's text is read once and shared by every vote on it, not once per vote:
    a decision's thirty council votes on one text hold that text once.
    """
    published = scope.decisions()
    if decision_ids is not None:
        published = published.filter(pk__in=decision_ids)
    votes = Vote.objects.filter(
        Q(treatment__decision__in=published)
        | Q(amendment__treatment__decision__in=published)
        | Q(motion__treatment__decision__in=published)
    )
    if scope.municipality is not None:
        here = scope.municipality
        votes = votes.filter(
            Q(treatment__body__municipality=here)
            | Q(amendment__treatment__body__municipality=here)
            | Q(motion__treatment__body__municipality=here)
        )
    prefixes = ("treatment__", "amendment__treatment__", "motion__treatment__")
    loaded = list(
        votes.select_related(*(path for prefix in prefixes for path in _subject_paths(prefix)))
        .defer(*(f"{prefix}{field}" for prefix in prefixes for field in _LONG_TEXTS))
        .prefetch_related(
            Prefetch("fractie_votes", queryset=FractieVote.objects.select_related("fractie__term")),
            Prefetch(
                "member_votes", queryset=MemberVote.objects.select_related("member", "fractie")
            ),
        )
    )
    _share_version_texts(loaded)
    return loaded


def published_board_votes(scope: Scope = Scope()) -> list[BoardVote]:
    """The weighted votes of algemene besturen on published decisions in `scope` (for a
    municipality: those in which it took part), in the order of the process, each with its
    lines as ``loaded_lines`` (with the municipality).

    Queries: the votes with treatment, decision, body, regeling, meeting and version; their
    lines — two, whether or not there are any (so that the download's count does not depend
    on the data).
    """
    votes = BoardVote.objects.filter(treatment__decision__in=scope.decisions())
    if scope.municipality is not None:
        votes = votes.filter(lines__municipality=scope.municipality)
    loaded = list(
        votes.select_related(
            "treatment__decision",
            "treatment__body__regeling",
            "treatment__meeting",
            "treatment__version",
        )
        .defer("treatment__decision__summary", "treatment__decision__source")
        .order_by("treatment__decision__process_id", "treatment__decision__sequence", "pk")
    )
    lines: dict[int, list[BoardVoteLine]] = {vote.pk: [] for vote in loaded}
    for line in (
        BoardVoteLine.objects.filter(vote__in=votes)
        .select_related("municipality")
        .order_by("municipality__name")
    ):
        lines[line.vote_id].append(line)
    for vote in loaded:
        vote.loaded_lines = lines[vote.pk]  # type: ignore[attr-defined]
    return loaded


#: Long texts the downloads do not read (version notes, decision summaries and sources), and
#: the version's text, which _share_version_texts reads once per version.
_LONG_TEXTS = (*VERSION_TEXTS, "decision__summary", "decision__source")


def _share_version_texts(votes: list[Vote]) -> None:
    """Give every loaded version its text, one string per version (one query)."""
    versions: list[DecisionVersion] = []
    for vote in votes:
        subject = vote.amendment if vote.amendment_id else vote.motion if vote.motion_id else None
        treatment = subject.treatment if subject is not None else vote.treatment
        version = treatment.version if treatment is not None and treatment.version_id else None
        if version is not None:
            versions.append(version)
    if not versions:
        return
    texts = dict(
        DecisionVersion.objects.filter(pk__in={v.pk for v in versions}).values_list("pk", "text")
    )
    for version in versions:
        version.text = texts[version.pk]


# --- the feed's reads of the history tables ----------------------------------------------------


def _with_previous_values(rows):
    """Historical treatments annotated with their row before's outcome, meeting and version
    (LAG over each treatment's history, in the database)."""
    order = [F("history_date").asc(), F("history_id").asc()]

    def previous(expression):
        return Window(Lag(expression), partition_by=[F("id")], order_by=order)

    meeting = Coalesce("meeting_id", Value(0))
    version = Coalesce("version_id", Value(0))
    return rows.annotate(
        meeting_key=meeting,
        version_key=version,
        previous_outcome=previous(F("outcome")),
        previous_meeting=previous(meeting),
        previous_version=previous(version),
    )


#: A status change: created with an outcome, or a later version whose outcome, meeting or text
#: version differs from the one before.
_STATUS_CHANGE = Q(history_type="+", outcome__gt="") | Q(history_type="~") & (
    ~Q(outcome=F("previous_outcome"))
    | ~Q(meeting_key=F("previous_meeting"))
    | ~Q(version_key=F("previous_version"))
)


def is_status_change(row) -> bool:
    """The same test as _STATUS_CHANGE, on a row annotated by _with_previous_values (a missing
    row before compares as unknown, as NULL does in SQL)."""
    if row.history_type == "+":
        return bool(row.outcome)
    if row.history_type != "~":
        return False
    pairs = (
        (row.outcome, row.previous_outcome),
        (row.meeting_key, row.previous_meeting),
        (row.version_key, row.previous_version),
    )
    return any(before is not None and now != before for now, before in pairs)


#: What a historical treatment's words read; the text voted on is not among them (a row says
#: which version: VERSION_TEXTS are deferred).
_ROW_PATHS = ("decision__regeling", "body__municipality", "body__regeling", "meeting", "version")


def treatment_changes(
    limit: int,
    *,
    also: Collection[int] = (),
    where: Q | None = None,
    keep: Callable[[Any], bool] | None = None,
) -> tuple[list, list]:
    """The newest `limit` status changes of treatments of published decisions, newest first,
    and every historical row of those decisions' treatments (and of the decisions in `also`):
    what the feed lists, and what it needs to tell each decision's status at any moment.

    One query, however long the history: the decisions with one of the newest changes are a
    subquery (the changes found with a window function, LAG per treatment), and the rows of
    those decisions come back annotated so that the changes are picked out here.
    """
    history = Treatment.history.model
    newest = (
        _with_previous_values(_published(history.objects.all()).filter(where or Q()))
        .filter(_STATUS_CHANGE)
        .order_by("-history_date", "-history_id")
        .values("decision_id")[:limit]
    )
    rows = list(
        _with_previous_values(
            history.objects.filter(Q(decision_id__in=newest) | Q(decision_id__in=list(also)))
        )
        .select_related(*_ROW_PATHS)
        .defer(*VERSION_TEXTS)
    )
    changes = sorted(
        (row for row in rows if is_status_change(row) and (keep is None or keep(row))),
        key=lambda row: (row.history_date, row.history_id),
        reverse=True,
    )
    return changes[:limit], rows


def _latest_history(model, limit: int, where: Q | None) -> list:
    return list(
        _published(model.history.model.objects.all())
        .filter(where or Q())
        .select_related("decision__regeling", "municipality")
        .order_by("-history_date", "-history_id")[:limit]
    )


def opinion_changes(limit: int, where: Q | None = None) -> list:
    """The newest `limit` historical zienswijzen (those `where` picks), with decision and
    municipality: one query."""
    return _latest_history(Opinion, limit, where)


def check_changes(limit: int, where: Q | None = None) -> list:
    """The newest `limit` historical griffie checks (those `where` picks), with decision and
    municipality: one query."""
    return _latest_history(RecordCheck, limit, where)


# --- the alerts' reads (milestones.alerts) ----------------------------------------------------


def _published(rows):
    """Historical rows of published decisions (DecisionQuerySet.published, the one rule)."""
    return rows.filter(decision__in=Decision.objects.published())


def treatment_status_changes(
    *,
    since: datetime.datetime | None = None,
    ids: Collection[int] = (),
    decisions: Collection[int] = (),
) -> tuple:
    """The status changes among the historical treatments of published decisions — those made
    at or after `since`, or those of `ids` — and every historical row of those decisions'
    treatments and of `decisions` (the stand after each change is read from them): as
    treatment_changes, two values, one query.
    """
    history = Treatment.history.model
    chosen = (
        history.objects.filter(history_date__gte=since)
        if since is not None
        else (history.objects.filter(history_id__in=list(ids)))
    )
    of = Q(decision_id__in=chosen.values("decision_id")) | Q(decision_id__in=list(decisions))
    rows = list(
        _with_previous_values(_published(history.objects.filter(of)))
        .select_related(*_ROW_PATHS)
        .defer(*VERSION_TEXTS)
    )
    wanted = set(ids)

    def picked(row) -> bool:
        return row.history_date >= since if since is not None else row.history_id in wanted

    changes = [row for row in rows if picked(row) and is_status_change(row)]
    return changes, rows


def opinion_rows(*, since: datetime.datetime | None = None, ids: Collection[int] = ()) -> list:
    """The historical zienswijzen of published decisions made at or after `since`, or `ids`."""
    history = Opinion.history.model.objects
    rows = (
        history.filter(history_date__gte=since)
        if since is not None
        else (history.filter(history_id__in=list(ids)))
    )
    return list(
        _published(rows).select_related("decision__regeling", "municipality").order_by("history_id")
    )


# --- amendments and motions: their outcomes in the feed and the alerts ----------------------

#: What a subject row's words read (its treatment's body and decision).
_SUBJECT_PATHS = (
    "treatment__decision__regeling",
    "treatment__body__municipality",
    "treatment__body__regeling",
)


def _outcome_changes(model, where: Q | None):
    """Historical rows of `model` (Amendment, Motion) of published decisions whose outcome was
    recorded or changed (LAG over each one's history, in the database)."""
    order = [F("history_date").asc(), F("history_id").asc()]
    rows = (
        model.history.model.objects.filter(treatment__decision__in=Decision.objects.published())
        .filter(where or Q())
        .annotate(previous_outcome=Window(Lag("outcome"), partition_by=[F("id")], order_by=order))
    )
    changed = Q(outcome__gt="") & (
        Q(history_type="+") | Q(previous_outcome__isnull=True) | ~Q(outcome=F("previous_outcome"))
    )
    return rows.filter(changed)


def subject_changes(
    limit: int | None = None,
    *,
    where: Q | None = None,
    since: datetime.datetime | None = None,
    ids: Mapping[str, Collection[int]] | None = None,
) -> list:
    """Outcomes of amendments and motions recorded or changed, newest first: the newest
    `limit` of each (the feed), those made at or after `since` (the alerts), or those of
    `ids` ({"amendement": history ids, "motie": ...}).

    Queries: per kind, the history ids of its changes (the window over its history, nothing
    joined), then, for a kind that has any, those rows with their treatment's decision and body
    — two to four. Compiling the window and the joins in one query cost more than running it
    (bench/pages.py: 12 ms of the feed's time at 1x, with no amendment at all)."""
    found = []
    order = ("-history_date", "-history_id")
    for kind, model in (("amendement", Amendment), ("motie", Motion)):
        changed = _outcome_changes(model, where).order_by(*order)
        if since is not None:
            changed = changed.filter(history_date__gte=since)
        if ids is not None:
            changed = changed.filter(history_id__in=list(ids.get(kind, ())))
        picked = changed.values_list("history_id", flat=True)
        chosen = list(picked[:limit] if limit is not None else picked)
        if not chosen:
            continue
        rows = model.history.model.objects.filter(history_id__in=chosen)
        for row in rows.select_related(*_SUBJECT_PATHS).order_by(*order):
            row.subject_kind = kind
            found.append(row)
    return found
