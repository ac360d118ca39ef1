"""The status of decisions across bodies, computed from treatments already loaded in memory.

Views load treatments in one query and hand them here; nothing in this module touches the database.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from councils.models import Body, Municipality
from decisions.models import Decision, RecordCheck, Treatment
from decisions.rules import Outcome


def latest_rounds(treatments: Iterable[Treatment]) -> dict[tuple[int, int], Treatment]:
    """The last round of each (decision, body): a postponed vote is superseded by the next one."""
    latest: dict[tuple[int, int], Treatment] = {}
    for treatment in treatments:
        key = (treatment.decision_id, treatment.body_id)
        if key not in latest or treatment.round > latest[key].round:
            latest[key] = treatment
    return latest


@dataclass
class MunicipalityRow:
    municipality: Municipality
    executive: Treatment | None = None
    council: Treatment | None = None
    check: RecordCheck | None = None


@dataclass
class DecisionStatus:
    decision: Decision
    rows: list[MunicipalityRow] = field(default_factory=list)

    def _deciding(self, row: MunicipalityRow) -> Treatment | None:
        # The council decides where it is asked to; otherwise (a principebesluit) the college does.
        return row.council if row.council and row.council.purpose != "notice" else row.executive

    @property
    def adopted_by(self) -> list[Municipality]:
        return [
            row.municipality
            for row in self.rows
            if (t := self._deciding(row)) and t.outcome == Outcome.ADOPTED
        ]

    @property
    def waiting_for(self) -> list[Municipality]:
        return [
            row.municipality
            for row in self.rows
            if not ((t := self._deciding(row)) and t.outcome == Outcome.ADOPTED)
        ]


def decision_statuses(
    decisions: Iterable[Decision],
    treatments: Iterable[Treatment],
    checks: Iterable[RecordCheck] = (),
) -> list[DecisionStatus]:
    """One status per decision, with a row per municipality that has a body treating it.

    `treatments` must have body and body.municipality loaded.
    """
    latest = latest_rounds(treatments)
    checked = {(check.decision_id, check.municipality_id): check for check in checks}
    by_decision: dict[int, dict[int, MunicipalityRow]] = {}
    for treatment in latest.values():
        municipality = treatment.body.municipality
        if municipality is None:
            continue
        rows = by_decision.setdefault(treatment.decision_id, {})
        row = rows.setdefault(municipality.pk, MunicipalityRow(municipality))
        if treatment.body.kind == Body.Kind.COUNCIL:
            row.council = treatment
        elif treatment.body.kind == Body.Kind.EXECUTIVE:
            row.executive = treatment
        row.check = checked.get((treatment.decision_id, municipality.pk))
    return [
        DecisionStatus(
            decision,
            sorted(by_decision.get(decision.pk, {}).values(), key=lambda r: r.municipality.name),
        )
        for decision in decisions
    ]
