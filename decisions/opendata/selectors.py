"""What the open data loads: published decisions only, for everyone (never the user's drafts),
each read in a fixed number of queries however much data or history there is."""

from __future__ import annotations

import datetime
from collections.abc import Collection

from django.db.models import F, Prefetch, Q, Value, Window
from django.db.models.functions import Coalesce, Lag

from decisions.models import Decision, FractieVote, Opinion, RecordCheck, Treatment, Vote
from decisions.selectors import load_statuses
from decisions.status import DecisionStatus


def published_statuses() -> list[DecisionStatus]:
    """The status of every published decision per municipality, for the matrix.

    Queries: published decisions; their treatments with body, municipality, regeling, meeting,
    version and vote; the griffies' checks — three (decisions.selectors.load_statuses).
    """
    return load_statuses(Decision.objects.published())


def _subject_paths(prefix: str) -> list[str]:
    return [
        f"{prefix}decision",
        f"{prefix}body__municipality",
        f"{prefix}meeting",
        f"{prefix}version",
    ]


def published_votes() -> list[Vote]:
    """Every vote on a published decision, whatever its subject.

    Queries: the votes with subject, treatment, decision, body, municipality, meeting and
    version (one join each); their fractie results with fractie and council term — two (one
    when there are no votes).
    """
    published = Decision.objects.published()
    return list(
        Vote.objects.filter(
            Q(treatment__decision__in=published)
            | Q(amendment__treatment__decision__in=published)
            | Q(motion__treatment__decision__in=published)
        )
        .select_related(
            *_subject_paths("treatment__"),
            *_subject_paths("amendment__treatment__"),
            *_subject_paths("motion__treatment__"),
        )
        .prefetch_related(
            Prefetch("fractie_votes", queryset=FractieVote.objects.select_related("fractie__term"))
        )
    )


# --- the feed's reads of the history tables ----------------------------------------------------


def treatment_changes(limit: int) -> list:
    """The newest `limit` historical treatments whose outcome, meeting or text version differs
    from the row before (or that were created with an outcome), newest first, each annotated
    with the `previous_outcome`: one query, however long the history.

    The previous values come from a window function (LAG per treatment), so only changed rows
    leave the database.
    """
    history = Treatment.history.model
    order = [F("history_date").asc(), F("history_id").asc()]

    def previous(expression):
        return Window(Lag(expression), partition_by=[F("id")], order_by=order)

    meeting = Coalesce("meeting_id", Value(0))
    version = Coalesce("version_id", Value(0))
    return list(
        history.objects.filter(decision__published=True)
        .annotate(
            meeting_key=meeting,
            version_key=version,
            previous_outcome=previous(F("outcome")),
            previous_meeting=previous(meeting),
            previous_version=previous(version),
        )
        .filter(
            Q(history_type="+", outcome__gt="")
            | Q(history_type="~")
            & (
                ~Q(outcome=F("previous_outcome"))
                | ~Q(meeting_key=F("previous_meeting"))
                | ~Q(version_key=F("previous_version"))
            )
        )
        .select_related("decision", "body__municipality", "body__regeling", "meeting", "version")
        .order_by("-history_date", "-history_id")[:limit]
    )


def _latest_history(model, limit: int) -> list:
    return list(
        model.history.model.objects.filter(decision__published=True)
        .select_related("decision", "municipality")
        .order_by("-history_date", "-history_id")[:limit]
    )


def opinion_changes(limit: int) -> list:
    """The newest `limit` historical zienswijzen, with decision and municipality: one query."""
    return _latest_history(Opinion, limit)


def check_changes(limit: int) -> list:
    """The newest `limit` historical griffie checks, with decision and municipality: one query."""
    return _latest_history(RecordCheck, limit)


def treatment_history(decision_ids: Collection[int], *, until: datetime.datetime) -> list:
    """Every historical row of the treatments of these decisions written up to `until`, with
    body and municipality: what the feed needs to tell each decision's status at any moment.

    Queries: one (none without decisions), however many decisions or changes.
    """
    if not decision_ids:
        return []
    return list(
        Treatment.history.model.objects.filter(
            decision_id__in=decision_ids, history_date__lte=until
        ).select_related("body__municipality")
    )
