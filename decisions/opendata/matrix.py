"""The matrix: one row per (decision, municipality) with the latest round of college and council.

Pure: the view loads the statuses (opendata.selectors.published_statuses) and hands them here.
Every value is JSON-native, so stand.json is exactly these rows and stand.csv the same rows
written as text.
"""

from __future__ import annotations

from collections.abc import Iterable

from decisions.opendata.fields import (
    LICENCE_URL,
    Absolute,
    iso_date,
    local_date,
    meeting_date,
    version_number,
)
from decisions.status import DecisionStatus


def matrix_rows(
    statuses: Iterable[DecisionStatus], absolute: Absolute, *, municipality_id: int | None = None
) -> list[dict]:
    """The rows of MATRIX_FIELDS, in the order of the statuses and their municipalities.

    `statuses` come from decisions.status.decision_statuses, with treatments whose body,
    municipality, meeting, version and vote are loaded.
    """
    rows = []
    for status in statuses:
        decision = status.decision
        decision_url = absolute(decision.get_absolute_url())
        for row in status.rows:
            if municipality_id is not None and row.municipality.pk != municipality_id:
                continue
            executive, council = row.executive, row.council
            vote = getattr(council, "vote", None) if council else None
            rows.append(
                {
                    "decision_slug": decision.slug,
                    "decision_title": decision.title,
                    "decision_kind": decision.kind,
                    "decision_url": decision_url,
                    "municipality_name": row.municipality.name,
                    "municipality_cbs_code": row.municipality.cbs_code,
                    "executive_planned_on": iso_date(executive.planned_on) if executive else None,
                    "executive_planned_precision": (
                        executive.planned_precision if executive else None
                    ),
                    "executive_meeting_date": meeting_date(executive),
                    "executive_outcome": (executive.outcome or None) if executive else None,
                    "executive_version": version_number(executive),
                    "council_purpose": council.purpose if council else None,
                    "council_planned_on": iso_date(council.planned_on) if council else None,
                    "council_planned_precision": council.planned_precision if council else None,
                    "council_meeting_date": meeting_date(council),
                    "council_outcome": (council.outcome or None) if council else None,
                    "council_votes_for": vote.votes_for if vote else None,
                    "council_votes_against": vote.votes_against if vote else None,
                    "council_members_present": vote.members_present if vote else None,
                    "council_version": version_number(council),
                    "checked_on": local_date(row.check.checked_at) if row.check else None,
                }
            )
    return rows


def matrix_document(rows: list[dict]) -> dict:
    """The JSON download of the matrix: the licence and the rows."""
    return {"license": LICENCE_URL, "rows": rows}
