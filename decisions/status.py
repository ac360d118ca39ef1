"""The status of decisions across the participants of their regeling, from data in memory.

Loaders (decisions.selectors) fetch the treatments and the regelingen's participants in a fixed
number of queries and hand them here; nothing in this module touches the database.

A decision's status has a row for every participant of its regeling — also those that recorded
nothing yet, who count as still to decide (Wgr art. 9: the regeling's own rule is counted over
all of its participants). Which step completes a participant's part comes from the procedure
(decisions.procedure: in a collegeregeling the college's decision to change after the council's
toestemming, the council's zienswijze on a draft, ...). The verdict is the only sentence any
page, feed, download or letter uses for the state of a decision.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext, ngettext

from councils.models import Body, Municipality
from decisions.models import Decision, RecordCheck, Treatment
from decisions.procedure import completing_step
from decisions.rules import amendment_progress, takes_effect
from gr_portal.core.choices import AmendmentRule, BodyKind, Outcome, Purpose

DONE = "done"
REFUSED = "refused"
WAITING = "waiting"


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
    """One participant's part in a decision: its college's and council's latest treatment."""

    municipality: Municipality
    executive: Treatment | None = None
    council: Treatment | None = None
    check: RecordCheck | None = None
    # (body kind, purpose) of the step that completes this participant's part.
    completes: tuple[str, str] | None = None

    @property
    def completing(self) -> Treatment | None:
        """The treatment that completes the participant's part (None while not planned)."""
        if self.completes is None:
            return None
        body_kind, purpose = self.completes
        treatment = self.executive if body_kind == BodyKind.EXECUTIVE else self.council
        return treatment if treatment is not None and treatment.purpose == purpose else None

    @property
    def consent(self) -> Treatment | None:
        """The council's toestemming, when the college's decision needs one (Wgr art. 1 lid 4)."""
        council = self.council
        return council if council is not None and council.purpose == Purpose.CONSENT else None

    @property
    def is_change(self) -> bool:
        """Whether the completing step is a college's change made after the council's consent."""
        return self.completes == (BodyKind.EXECUTIVE, Purpose.DECISION) and self.consent is not None

    @property
    def state(self) -> str:
        """DONE, REFUSED or WAITING: where this participant's part of the decision stands.

        A zienswijze step is done once the council decided whether to give one (Wgr art. 1
        lid 3: it may); a college's change is refused when its council withheld toestemming.
        """
        consent = self.consent
        if self.is_change and consent is not None and consent.outcome == Outcome.REJECTED:
            return REFUSED
        treatment = self.completing
        outcome = treatment.outcome if treatment is not None else ""
        if outcome == Outcome.ADOPTED:
            return DONE
        if outcome == Outcome.REJECTED:
            opinion = treatment is not None and treatment.purpose == Purpose.OPINION
            return DONE if opinion else REFUSED
        return WAITING


@dataclass
class DecisionStatus:
    decision: Decision
    rows: list[MunicipalityRow] = field(default_factory=list)
    #: The latest treatments by the regeling's own bodies (algemeen or dagelijks bestuur): a
    #: budget's adoption, a withdrawal's consequences. Not a participant's step.
    board: list[Treatment] = field(default_factory=list)

    @property
    def completes(self) -> tuple[str, str] | None:
        """The completing step most participants have (they share one procedure)."""
        steps = [row.completes for row in self.rows if row.completes is not None]
        return max(set(steps), key=steps.count) if steps else None

    @property
    def adopted_by(self) -> list[Municipality]:
        """Participants whose part is done with a positive outcome (for a zienswijze step:
        those that gave one)."""
        return [
            row.municipality
            for row in self.rows
            if row.state == DONE
            and (t := row.completing) is not None
            and t.outcome == Outcome.ADOPTED
        ]

    @property
    def done_by(self) -> list[Municipality]:
        return [row.municipality for row in self.rows if row.state == DONE]

    @property
    def waiting_for(self) -> list[Municipality]:
        """Still to take their step (nothing recorded, planned, postponed): who holds it up."""
        return [row.municipality for row in self.rows if row.state == WAITING]

    @property
    def rejected_by(self) -> list[Municipality]:
        return [row.municipality for row in self.rows if row.state == REFUSED]

    @property
    def in_force(self) -> bool:
        """Whether the step is taken: for a zienswijze step when every council has decided
        whether to give one; otherwise when the participants whose part is done are enough
        for the regeling's own rule (Wgr art. 9, stored as data), counted over all of them."""
        if not self.rows:
            return False
        if self.completes == (BodyKind.COUNCIL, Purpose.OPINION):
            return not self.waiting_for and not self.rejected_by
        rule = AmendmentRule(self.decision.regeling.amendment_rule)
        return takes_effect(rule, len(self.rows), len(self.adopted_by))

    @property
    def verdict(self) -> str:
        """One line, e.g. '2 van 7 colleges hebben besloten tot wijziging; toestemming van 5
        van 7 raden; wacht op Papendrecht, Sliedrecht.'

        The only wording of a decision's state: the home page, the matrix, the decision page,
        the feed and the raadsbrieven all show this sentence.
        """
        total = len(self.rows)
        parts = [self._main_line(total)]
        consents = [row for row in self.rows if row.is_change]
        if consents:
            given = sum(
                1 for row in consents if row.consent and row.consent.outcome == Outcome.ADOPTED
            )
            parts.append(
                gettext("toestemming van %(given)d van %(total)d raden")
                % {"given": given, "total": total}
            )
        if self.rejected_by:
            names = ", ".join(m.name for m in self.rejected_by)
            if any(row.is_change for row in self.rows):
                parts.append(gettext("toestemming onthouden door %(names)s") % {"names": names})
            else:
                parts.append(gettext("verworpen door %(names)s") % {"names": names})
        if len(self.waiting_for) == total > 1:
            parts.append(gettext("wacht op alle %(total)d gemeenten") % {"total": total})
        elif self.waiting_for:
            parts.append(
                gettext("wacht op %(names)s")
                % {"names": ", ".join(m.name for m in self.waiting_for)}
            )
        return "; ".join(parts) + "."

    def _main_line(self, total: int) -> str:
        completes = self.completes
        params = {"total": total}
        if completes == (BodyKind.COUNCIL, Purpose.OPINION):
            given = len(self.adopted_by)
            line = ngettext(
                "%(count)d van %(total)d raden heeft een zienswijze ingediend",
                "%(count)d van %(total)d raden hebben een zienswijze ingediend",
                given,
            ) % {**params, "count": given}
            without = len(self.done_by) - given
            if without:
                line += ngettext(
                    ", %(count)d heeft besloten geen zienswijze in te dienen",
                    ", %(count)d hebben besloten geen zienswijze in te dienen",
                    without,
                ) % {"count": without}
            return line
        count = len(self.adopted_by)
        params["count"] = count
        if completes == (BodyKind.COUNCIL, Purpose.CONSENT):
            return (
                ngettext(
                    "%(count)d van %(total)d raden heeft toestemming verleend",
                    "%(count)d van %(total)d raden hebben toestemming verleend",
                    count,
                )
                % params
            )
        if completes == (BodyKind.COUNCIL, Purpose.DECISION):
            return (
                ngettext(
                    "%(count)d van %(total)d raden heeft besloten",
                    "%(count)d van %(total)d raden hebben besloten",
                    count,
                )
                % params
            )
        if any(row.is_change for row in self.rows):
            return (
                ngettext(
                    "%(count)d van %(total)d colleges heeft besloten tot wijziging",
                    "%(count)d van %(total)d colleges hebben besloten tot wijziging",
                    count,
                )
                % params
            )
        return (
            ngettext(
                "%(count)d van %(total)d colleges heeft besloten",
                "%(count)d van %(total)d colleges hebben besloten",
                count,
            )
            % params
        )

    @property
    def force_line(self) -> str:
        """Whether the step is in force under the regeling's rule, and who still blocks it."""
        if self.completes == (BodyKind.COUNCIL, Purpose.OPINION):
            return gettext(
                "Een zienswijze is geen instemming: de raden kunnen binnen acht weken na "
                "ontvangst van het ontwerp hun zienswijze geven (Wgr art. 1 lid 3)."
            )
        regeling = self.decision.regeling
        return amendment_progress(
            AmendmentRule(regeling.amendment_rule), max(len(self.rows), 1), len(self.adopted_by)
        )


def current_step(statuses: list[DecisionStatus]) -> DecisionStatus | None:
    """The phase a process is in: the first step, in process order, that is not yet taken;
    when every step is taken, the last one."""
    return next((s for s in statuses if not s.in_force), statuses[-1] if statuses else None)


def decision_statuses(
    decisions: Iterable[Decision],
    treatments: Iterable[Treatment],
    checks: Iterable[RecordCheck] = (),
    participants: Mapping[int, Sequence[Municipality]] | None = None,
) -> list[DecisionStatus]:
    """One status per decision, with a row for every participant of its regeling
    (`participants`: regeling id → municipalities) and for every municipality whose bodies
    treat it.

    `treatments` must have body and body.municipality loaded; decisions their regeling.
    """
    latest = latest_rounds(treatments)
    checked = {(check.decision_id, check.municipality_id): check for check in checks}
    by_decision: dict[int, dict[int, MunicipalityRow]] = {}
    boards: dict[int, list[Treatment]] = {}
    by_pk = {decision.pk: decision for decision in decisions}
    for treatment in latest.values():
        if treatment.decision_id in by_pk:
            treatment.decision = by_pk[treatment.decision_id]  # for outcome_label, no query
        municipality = treatment.body.municipality
        if municipality is None:
            boards.setdefault(treatment.decision_id, []).append(treatment)
            continue
        rows = by_decision.setdefault(treatment.decision_id, {})
        row = rows.setdefault(municipality.pk, MunicipalityRow(municipality))
        if treatment.body.kind == Body.Kind.COUNCIL:
            row.council = treatment
        elif treatment.body.kind == Body.Kind.EXECUTIVE:
            row.executive = treatment
    statuses = []
    for decision in by_pk.values():
        rows = by_decision.get(decision.pk, {})
        for municipality in (participants or {}).get(decision.regeling_id, ()):
            rows.setdefault(municipality.pk, MunicipalityRow(municipality))
        for row in rows.values():
            row.check = checked.get((decision.pk, row.municipality.pk))
            treated = {(t.body.kind, t.purpose) for t in (row.executive, row.council) if t}
            row.completes = completing_step(decision.regeling.kind, decision.kind, treated)
        statuses.append(
            DecisionStatus(
                decision,
                sorted(rows.values(), key=lambda r: r.municipality.name),
                board=boards.get(decision.pk, []),
            )
        )
    return statuses
