"""The status of decisions across bodies, computed from treatments already loaded in memory.

Views load treatments in one query and hand them here; nothing in this module touches the database.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext, ngettext

from councils.models import Body, Municipality
from decisions.models import Decision, RecordCheck, Treatment
from decisions.rules import amendment_progress, takes_effect
from gr_portal.core.choices import AmendmentRule, Outcome


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


def _council_decides(row: MunicipalityRow) -> bool:
    """A council asked only to take note (ter kennisname) leaves the decision to the college."""
    return row.council is not None and row.council.purpose != Treatment.Purpose.NOTICE


@dataclass
class DecisionStatus:
    decision: Decision
    rows: list[MunicipalityRow] = field(default_factory=list)

    def _deciding(self, row: MunicipalityRow) -> Treatment | None:
        # The council decides where it is asked to; otherwise (a principebesluit) the college does.
        return row.council if _council_decides(row) else row.executive

    @property
    def adopted_by(self) -> list[Municipality]:
        return [
            row.municipality
            for row in self.rows
            if (t := self._deciding(row)) and t.outcome == Outcome.ADOPTED
        ]

    @property
    def waiting_for(self) -> list[Municipality]:
        """Still to decide (no outcome, or postponed): the municipalities holding it up."""
        return [
            row.municipality
            for row in self.rows
            if not ((t := self._deciding(row)) and t.outcome in (Outcome.ADOPTED, Outcome.REJECTED))
        ]

    @property
    def rejected_by(self) -> list[Municipality]:
        return [
            row.municipality
            for row in self.rows
            if (t := self._deciding(row)) and t.outcome == Outcome.REJECTED
        ]

    @property
    def deciders(self) -> str:
        """Who decides this step, as the verdict names them: raden or colleges."""
        return "councils" if any(_council_decides(row) for row in self.rows) else "executives"

    @property
    def in_force(self) -> bool:
        """Whether the step has the consents the regeling's own rule requires (stored as data)."""
        if not self.rows:
            return False
        rule = AmendmentRule(self.decision.regeling.amendment_rule)
        return takes_effect(rule, len(self.rows), len(self.adopted_by))

    @property
    def verdict(self) -> str:
        """One line, e.g. '5 van 7 raden hebben toestemming gegeven; wacht op Sliedrecht'.

        The only wording of a decision's state: the home page, the matrix, the decision page,
        the feed and the raadsbrieven all show this sentence.
        """
        adopted, total = len(self.adopted_by), len(self.rows)
        purpose = next(
            (row.council.purpose for row in self.rows if row.council), Treatment.Purpose.DECISION
        )
        if self.deciders == "executives":
            line = ngettext(
                "%(adopted)d van %(total)d college heeft besloten",
                "%(adopted)d van %(total)d colleges hebben besloten",
                total,
            )
        elif purpose == Treatment.Purpose.CONSENT:
            line = ngettext(
                "%(adopted)d van %(total)d raad heeft toestemming gegeven",
                "%(adopted)d van %(total)d raden hebben toestemming gegeven",
                total,
            )
        elif purpose == Treatment.Purpose.OPINION:
            line = ngettext(
                "%(adopted)d van %(total)d raad heeft een zienswijze vastgesteld",
                "%(adopted)d van %(total)d raden hebben een zienswijze vastgesteld",
                total,
            )
        else:
            line = ngettext(
                "%(adopted)d van %(total)d raad heeft ingestemd",
                "%(adopted)d van %(total)d raden hebben ingestemd",
                total,
            )
        parts = [line % {"adopted": adopted, "total": total}]
        if self.rejected_by:
            parts.append(
                gettext("verworpen door %(names)s")
                % {"names": ", ".join(m.name for m in self.rejected_by)}
            )
        if len(self.waiting_for) == total > 1:
            parts.append(gettext("wacht op alle %(total)d gemeenten") % {"total": total})
        elif self.waiting_for:
            parts.append(
                gettext("wacht op %(names)s")
                % {"names": ", ".join(m.name for m in self.waiting_for)}
            )
        return "; ".join(parts) + "."

    @property
    def force_line(self) -> str:
        """Whether the step is in force under the regeling's rule, and who still blocks it."""
        regeling = self.decision.regeling
        return amendment_progress(
            AmendmentRule(regeling.amendment_rule), max(len(self.rows), 1), len(self.adopted_by)
        )


def current_step(statuses: list[DecisionStatus]) -> DecisionStatus | None:
    """The phase a process is in: the first step, in process order, that does not yet have the
    consents its regeling requires; when every step has them, the last one."""
    return next((s for s in statuses if not s.in_force), statuses[-1] if statuses else None)


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
