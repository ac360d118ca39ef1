"""Templates for a new process: from the kind of process, the kind of regeling and a starting
day, the decisions, every participant's planned steps with their legal terms, and the
milestones. Pure: values in, a plan out; milestones.planning.services stores it.

The steps come from decisions.procedure (Wgr art. 1 for entering, changing, joining and leaving
a regeling; art. 35 for the budget), so a template never plans a step the law does not ask, and
the terms are the law's:

* the zienswijze on a draft regeling ends eight weeks after the council received it (art. 1
  lid 3); the council's treatment is planned on that last day;
* the zienswijze on a draft budget ends twelve weeks after it was sent (art. 35 lid 1): the
  algemeen bestuur decides on the budget on that day at the earliest.

The time between the steps that the law leaves open (a month for decisions in principle, four
weeks to answer the zienswijzen, two weeks from toestemming to the college's decision) is a
planning default written down here once (PHASE_GAPS); a planned step is a plan, not a deadline,
and the program office moves it in the back office when the meeting calendars are known.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from decisions.procedure import Step, opinion_deadline, steps_for
from gr_portal.core.choices import BodyKind, DecisionKind, Precision, ProcessKind, Purpose

WEEK = datetime.timedelta(weeks=1)

#: The planning defaults between steps where the law sets no term (see the module's text).
PHASE_GAPS = {
    "principle": 6 * WEEK,  # from the start to the decisions in principle
    "answer_opinions": 4 * WEEK,  # from the end of the zienswijze term to the final text
    "consent": 8 * WEEK,  # from the final text to the councils' toestemming
    "change": 2 * WEEK,  # from the toestemming to the college's decision to change
    "budget_to_gs": 2 * WEEK,  # from the budget's adoption to Gedeputeerde Staten
}


class PlanError(ValueError):
    """The template cannot plan this process; the message says why, in the user's words."""


@dataclass(frozen=True)
class PlannedStep:
    """One body's planned treatment: of participant `municipality` (an id), or of the
    regeling's own body when `municipality` is None."""

    municipality: int | None
    body_kind: str
    purpose: str
    planned_on: datetime.date
    precision: str
    received_on: datetime.date | None = None
    basis: str = ""

    @property
    def deadline(self) -> datetime.date | None:
        """The legal last day of this step (only a zienswijze has one)."""
        return self.planned_on if self.purpose == Purpose.OPINION else None


@dataclass(frozen=True)
class PlannedDecision:
    sequence: int
    kind: str
    title: str
    introduced_on: datetime.date
    steps: tuple[PlannedStep, ...]


@dataclass(frozen=True)
class PlannedMilestone:
    title: str
    description: str
    planned_start: datetime.date
    planned_end: datetime.date | None
    precision: str
    decisions: tuple[int, ...] = ()  # sequences of the decisions it concerns


@dataclass(frozen=True)
class ProcessPlan:
    kind: str
    title: str
    summary: str
    decisions: tuple[PlannedDecision, ...]
    milestones: tuple[PlannedMilestone, ...]
    #: Municipalities that take part in the process's steps without being participants yet (a
    #: toetreding): their bodies must exist before the steps can be stored.
    newcomers: tuple[int, ...] = field(default=())


@dataclass(frozen=True)
class Blueprint:
    """What a kind of process asks: its decisions (in order) and whether it concerns one
    municipality that joins or leaves."""

    kind: str
    decision_kinds: tuple[str, ...]
    needs_subject: bool = False


BLUEPRINTS: dict[str, Blueprint] = {
    ProcessKind.MERGER: Blueprint(
        ProcessKind.MERGER,
        (DecisionKind.PRINCIPLE, DecisionKind.DRAFT_TEXT, DecisionKind.FINAL_TEXT),
    ),
    ProcessKind.AMENDMENT: Blueprint(
        ProcessKind.AMENDMENT, (DecisionKind.DRAFT_TEXT, DecisionKind.FINAL_TEXT)
    ),
    ProcessKind.ACCESSION: Blueprint(
        ProcessKind.ACCESSION, (DecisionKind.DRAFT_TEXT, DecisionKind.FINAL_TEXT), True
    ),
    ProcessKind.WITHDRAWAL: Blueprint(ProcessKind.WITHDRAWAL, (DecisionKind.FINAL_TEXT,), True),
    ProcessKind.BUDGET: Blueprint(ProcessKind.BUDGET, (DecisionKind.BUDGET,)),
}


def default_title(kind: str, regeling_name: str, *, subject: str = "", year: int = 0) -> str:
    """The process's title as the template proposes it."""
    titles: dict[str, str] = {
        ProcessKind.MERGER: _("Samenvoeging %(regeling)s"),
        ProcessKind.AMENDMENT: _("Wijziging %(regeling)s"),
        ProcessKind.ACCESSION: _("Toetreding van %(subject)s tot %(regeling)s"),
        ProcessKind.WITHDRAWAL: _("Uittreding van %(subject)s uit %(regeling)s"),
        ProcessKind.BUDGET: _("Begroting %(year)s %(regeling)s"),
    }
    return titles[kind] % {"regeling": regeling_name, "subject": subject, "year": year}


def _decision_title(kind: str, title: str) -> str:
    words: dict[str, str] = {
        DecisionKind.PRINCIPLE: _("Principebesluit: %(title)s"),
        DecisionKind.DRAFT_TEXT: _("Ontwerp: %(title)s"),
        DecisionKind.FINAL_TEXT: _("Besluit: %(title)s"),
        DecisionKind.BUDGET: _("Ontwerpbegroting: %(title)s"),
    }
    return words[kind] % {"title": title}


def plan_process(
    kind: str,
    *,
    regeling_kind: str,
    participants: list[int],
    start: datetime.date,
    title: str,
    subject: int | None = None,
    has_general_board: bool = False,
) -> ProcessPlan:
    """The plan of a process of `kind` for a regeling of `regeling_kind` with these
    `participants` (municipality ids), starting on `start` (the day the first documents go
    out). `subject` is the municipality that joins (not a participant yet) or leaves (a
    participant). Raises PlanError when the template cannot apply."""
    blueprint = _checked(
        kind, participants=participants, subject=subject, has_general_board=has_general_board
    )
    taking_part = list(participants)
    if subject is not None and kind == ProcessKind.ACCESSION:
        taking_part.append(subject)
    elif subject is not None and kind == ProcessKind.WITHDRAWAL:
        taking_part = [subject]
    if not taking_part:
        raise PlanError(_("Deze regeling heeft nog geen deelnemers."))

    decisions: list[PlannedDecision] = []
    milestones: list[PlannedMilestone] = []
    day = start
    for decision_kind in blueprint.decision_kinds:
        steps = steps_for(regeling_kind, decision_kind)
        if steps is None:
            raise PlanError(
                _(
                    "De soort regeling is niet vastgesteld, dus de stappen volgens de Wgr zijn "
                    "niet bekend. Leg eerst vast of het een college-, raads-, burgemeesters- of "
                    "gemengde regeling is."
                )
            )
        if decision_kind == DecisionKind.DRAFT_TEXT and not _asks_opinion(steps):
            continue  # the councils decide themselves: no draft round (Wgr art. 1 lid 2)
        sequence = len(decisions) + 1
        phase_start = day
        planned, phase_milestones, day = _phase(decision_kind, steps, taking_part, day, sequence)
        if decision_kind == DecisionKind.BUDGET:
            planned.append(
                PlannedStep(None, BodyKind.GENERAL_BOARD, Purpose.DECISION, day, Precision.DAY)
            )
        if kind == ProcessKind.WITHDRAWAL and has_general_board:
            planned.append(
                PlannedStep(None, BodyKind.GENERAL_BOARD, Purpose.DECISION, day, Precision.MONTH)
            )
        decisions.append(
            PlannedDecision(
                sequence,
                decision_kind,
                _decision_title(decision_kind, title),
                phase_start,
                tuple(planned),
            )
        )
        milestones.extend(phase_milestones)
    return ProcessPlan(
        kind=kind,
        title=title,
        summary=_summary(kind),
        decisions=tuple(decisions),
        milestones=tuple(milestones),
        newcomers=(subject,) if kind == ProcessKind.ACCESSION and subject is not None else (),
    )


def _checked(
    kind: str, *, participants: list[int], subject: int | None, has_general_board: bool
) -> Blueprint:
    """The blueprint of `kind`, or PlanError when it cannot apply to this regeling."""
    blueprint = BLUEPRINTS.get(kind)
    if blueprint is None:
        raise PlanError(_("Voor deze soort traject is er geen sjabloon."))
    if blueprint.needs_subject and subject is None:
        raise PlanError(_("Kies de gemeente die toetreedt of uittreedt."))
    if kind == ProcessKind.ACCESSION and subject in participants:
        raise PlanError(_("Deze gemeente neemt al deel aan de regeling."))
    if kind == ProcessKind.WITHDRAWAL and subject not in participants:
        raise PlanError(_("Alleen een deelnemer kan uittreden."))
    if kind == ProcessKind.BUDGET and not has_general_board:
        raise PlanError(
            _(
                "Deze regeling heeft geen algemeen bestuur dat de begroting vaststelt (Wgr art. "
                "35); leg dat eerst vast."
            )
        )
    return blueprint


def _asks_opinion(steps: tuple[Step, ...]) -> bool:
    return any(step.purpose == Purpose.OPINION for step in steps)


def _phase(
    decision_kind: str,
    steps: tuple[Step, ...],
    municipalities: list[int],
    day: datetime.date,
    sequence: int,
) -> tuple[list[PlannedStep], list[PlannedMilestone], datetime.date]:
    """The steps of one decision for every municipality taking part, its milestones, and the
    day the next phase starts."""
    planned: list[PlannedStep] = []
    milestones: list[PlannedMilestone] = []
    if decision_kind == DecisionKind.PRINCIPLE:
        end = day + PHASE_GAPS["principle"]
        for step in steps:
            planned.extend(_for_all(municipalities, step, end, Precision.MONTH))
        milestones.append(
            PlannedMilestone(
                _("Principebesluiten"),
                _("De colleges (en raden) besluiten in principe over het traject."),
                day,
                end,
                Precision.MONTH,
                (sequence,),
            )
        )
        return planned, milestones, end
    if decision_kind in (DecisionKind.DRAFT_TEXT, DecisionKind.BUDGET):
        deadline = opinion_deadline(day, decision_kind)
        for step in steps:
            if step.purpose == Purpose.OPINION:
                planned.extend(
                    _for_all(municipalities, step, deadline, Precision.DAY, received_on=day)
                )
            else:  # the college sends the draft to its council (Wgr art. 1 lid 2)
                planned.extend(_for_all(municipalities, step, day, Precision.DAY))
        budget = decision_kind == DecisionKind.BUDGET
        milestones.append(
            PlannedMilestone(
                _("Ontwerpbegroting naar de raden") if budget else _("Ontwerp naar de raden"),
                _("Het dagelijks bestuur zendt de ontwerpbegroting aan de raden (Wgr art. 35).")
                if budget
                else _("De colleges zenden het ontwerp aan hun raden (Wgr art. 1 lid 2)."),
                day,
                None,
                Precision.DAY,
                (sequence,),
            )
        )
        milestones.append(
            PlannedMilestone(
                _("Zienswijzetermijn ontwerpbegroting") if budget else _("Zienswijzetermijn"),
                (
                    _(
                        "De raden kunnen tot en met %(day)s hun zienswijze geven: twaalf weken "
                        "(Wgr art. 35 lid 1 en 3)."
                    )
                    if budget
                    else _(
                        "De raden kunnen tot en met %(day)s hun zienswijze geven: acht weken na "
                        "ontvangst van het ontwerp (Wgr art. 1 lid 3)."
                    )
                )
                % {"day": _format_day(deadline)},
                day,
                deadline,
                Precision.DAY,
                (sequence,),
            )
        )
        if budget:
            to_gs = deadline + PHASE_GAPS["budget_to_gs"]
            milestones.append(
                PlannedMilestone(
                    _("Vaststelling begroting door het algemeen bestuur"),
                    _(
                        "Het algemeen bestuur stelt de begroting vast, met de zienswijzen van "
                        "de raden, en zendt haar aan Gedeputeerde Staten."
                    ),
                    deadline,
                    to_gs,
                    Precision.DAY,
                    (sequence,),
                )
            )
            return planned, milestones, deadline
        return planned, milestones, deadline + PHASE_GAPS["answer_opinions"]
    # The final text: the council's toestemming and the college's change (collegeregeling), or
    # the council's own decision (raadsregeling, gemengde regeling).
    consent_day = day + PHASE_GAPS["consent"]
    change_day = consent_day + PHASE_GAPS["change"]
    for step in steps:
        if step.body_kind == BodyKind.EXECUTIVE:
            planned.extend(_for_all(municipalities, step, change_day, Precision.MONTH))
        else:
            planned.extend(_for_all(municipalities, step, consent_day, Precision.MONTH))
    milestones.append(
        PlannedMilestone(
            _("Besluiten over de definitieve tekst"),
            _(
                "De raden verlenen toestemming (Wgr art. 1 lid 4) en de colleges besluiten, of "
                "de raden besluiten zelf."
            ),
            day,
            change_day if any(s.body_kind == BodyKind.EXECUTIVE for s in steps) else consent_day,
            Precision.MONTH,
            (sequence,),
        )
    )
    return planned, milestones, change_day


def _for_all(
    municipalities: list[int],
    step: Step,
    day: datetime.date,
    precision: str,
    *,
    received_on: datetime.date | None = None,
) -> list[PlannedStep]:
    return [
        PlannedStep(
            municipality, step.body_kind, step.purpose, day, precision, received_on, step.basis
        )
        for municipality in municipalities
    ]


def _format_day(day: datetime.date) -> str:
    return date_format(day, "j F Y")


def _summary(kind: str) -> str:
    summaries: dict[str, str] = {
        ProcessKind.MERGER: _("Samenvoeging van regelingen, gestart vanuit het sjabloon."),
        ProcessKind.AMENDMENT: _("Wijziging van de regeling, gestart vanuit het sjabloon."),
        ProcessKind.ACCESSION: _("Toetreding tot de regeling, gestart vanuit het sjabloon."),
        ProcessKind.WITHDRAWAL: _("Uittreding uit de regeling, gestart vanuit het sjabloon."),
        ProcessKind.BUDGET: _("Begrotingscyclus van de regeling, gestart vanuit het sjabloon."),
    }
    return summaries[kind]
