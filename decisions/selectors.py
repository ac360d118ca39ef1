"""Reads of decisions that pages, downloads and letters share, each in a fixed number of queries.

What a user may see is decided by the querysets' ``visible_to(user)`` (which ask
councils.access.may_see_drafts); what a set of decisions' status is, by :func:`load_statuses`
and decisions.status. Views ask here; nothing here renders.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils.translation import gettext

from councils.models import (
    Body,
    CouncilTerm,
    Fractie,
    FractieMembership,
    Meeting,
    Member,
    Municipality,
    Regeling,
)
from decisions.models import (
    Amendment,
    Decision,
    DecisionVersion,
    FractieVote,
    Motion,
    Opinion,
    Process,
    RecordCheck,
    Treatment,
)
from decisions.rules import is_tie
from decisions.status import DecisionStatus, current_step, decision_statuses, latest_rounds
from gr_portal.core.choices import Outcome, Purpose
from gr_portal.core.textdiff import Segment, word_diff_cached


def load_statuses(
    decisions: QuerySet[Decision] | Iterable[Decision],
    *,
    treatments: list[Treatment] | None = None,
) -> list[DecisionStatus]:
    """The status of each decision per municipality, in the order given.

    Queries: the decisions (with process and regeling, when a queryset is given); their
    treatments with body, municipality, regeling, meeting, version and vote; the griffies'
    checks; the regelingen's participants — four, however many decisions or municipalities.
    """
    if isinstance(decisions, QuerySet):
        decisions = decisions.select_related("process", "regeling")
    decisions = list(decisions)
    if treatments is None:
        treatments = list(Treatment.objects.filter(decision__in=decisions).for_statuses())
    # Unordered: the default ordering joins the decisions and their processes only to sort.
    checks = RecordCheck.objects.filter(decision__in=decisions).order_by()
    participants = participants_of({d.regeling_id for d in decisions})
    return decision_statuses(decisions, treatments, checks, participants)


def participants_of(regeling_ids: Iterable[int]) -> dict[int, list[Municipality]]:
    """Each regeling's participating municipalities, by name: one query (none for none)."""
    ids = set(regeling_ids)
    if not ids:
        return {}
    through = Regeling.participants.through
    links = through.objects.filter(regeling_id__in=ids).select_related("municipality")
    participants: dict[int, list[Municipality]] = {}
    for link in links.order_by("municipality__name"):
        participants.setdefault(link.regeling_id, []).append(link.municipality)
    return participants


def earlier_round_tied(treatment: Treatment) -> bool:
    """Whether any earlier round of this decision in this body was postponed on a tie
    (Gemeentewet art. 32 lid 4), however many rounds were postponed in between (aangehouden
    without a vote, or an invalid vote): this round is then the decision the tie postponed, and
    a tie now rejects it (lid 5; decisions.rules, reading 5). One query, none in round 1."""
    if treatment.round <= 1:
        return False
    postponed = Treatment.objects.filter(
        decision_id=treatment.decision_id,
        body_id=treatment.body_id,
        round__lt=treatment.round,
        outcome=Outcome.POSTPONED,
        vote__isnull=False,
    ).values_list("vote__votes_for", "vote__votes_against")
    return any(is_tie(votes_for, votes_against) for votes_for, votes_against in postponed)


@dataclass
class DecisionRecord:
    """Everything a decision's page shows of what was decided and how it was voted."""

    decision: Decision
    versions: list[DecisionVersion]
    treatments: list[Treatment]
    opinions: list[Opinion]
    status: DecisionStatus
    latest_ids: set[int] = field(default_factory=set)
    # Per version voted on that is no longer current: its word diff to the current text.
    changes_since: dict[int, list[Segment]] = field(default_factory=dict)

    @property
    def current_version(self) -> DecisionVersion | None:
        return self.versions[-1] if self.versions else None


def _fractie_votes(lookup: str) -> Prefetch:
    return Prefetch(lookup, queryset=FractieVote.objects.select_related("fractie"))


def decision_record(decision: Decision) -> DecisionRecord:
    """A decision's versions, treatments per body with their votes, amendments and motions,
    the zienswijzen and the griffies' checks.

    Queries: versions, treatments (with body, municipality, meeting and vote; the version voted
    on is one of the versions), fractie votes, amendments, amendment sponsors, amendment
    fractie votes, motions, motion sponsors, motion fractie votes, zienswijzen, griffie checks,
    the regeling's participants — twelve, whatever the number of bodies (prefetches of empty
    sets are skipped).
    """
    versions = list(decision.versions.order_by("number"))
    treatments = list(
        # The versions voted on are those just read: not joined again with their texts.
        decision.treatments.select_related(
            "body__municipality", "body__regeling", "meeting", "vote"
        )
        .prefetch_related(
            Prefetch("vote__fractie_votes", queryset=FractieVote.objects.select_related("fractie")),
            Prefetch(
                "amendments",
                queryset=Amendment.objects.select_related("vote")
                .prefetch_related("sponsors", _fractie_votes("vote__fractie_votes"))
                .order_by("code", "pk"),
            ),
            Prefetch(
                "motions",
                queryset=Motion.objects.select_related("vote")
                .prefetch_related("sponsors", _fractie_votes("vote__fractie_votes"))
                .order_by("code", "pk"),
            ),
        )
        # College before council: the order in which they decide.
        .order_by("body__municipality__name", "-body__kind", "round")
    )
    by_pk = {version.pk: version for version in versions}
    for treatment in treatments:
        if treatment.version_id in by_pk:
            treatment.version = by_pk[treatment.version_id]
    # Ordered within the one decision: the default orderings (by decision first, then
    # municipality name) join the decision and its process to sort by them.
    opinions = list(
        Opinion.objects.filter(decision=decision)
        .select_related("municipality")
        .order_by("municipality__name")
    )
    checks = (
        RecordCheck.objects.filter(decision=decision)
        .select_related("municipality")
        .order_by("municipality__name")
    )
    participants = participants_of([decision.regeling_id])
    current = versions[-1] if versions else None
    voted = {t.version_id for t in treatments if t.version_id}
    return DecisionRecord(
        decision=decision,
        versions=versions,
        treatments=treatments,
        opinions=opinions,
        status=decision_statuses([decision], treatments, checks, participants)[0],
        latest_ids={t.pk for t in latest_rounds(treatments).values()},
        # Computed once per version voted on, however many bodies voted on it.
        changes_since={
            version.pk: word_diff_cached(version.text, current.text)
            for version in versions
            if current is not None and version.pk in voted and version is not current
        },
    )


@dataclass
class WorkspaceItem:
    """A decision as one municipality's griffie sees it in its workspace, with the steps of its
    bodies still open (see :func:`missing_steps`): the check mark is offered only without."""

    decision: Decision
    municipality: Municipality
    check: RecordCheck | None
    missing: list[Treatment] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass
class Workspace:
    """A griffie's own treatments, open ones first, and its decisions with their checks."""

    municipalities: list[Municipality]
    open_treatments: list[Treatment]
    done_treatments: list[Treatment]
    decision_checks: list[WorkspaceItem]


def clerk_workspace(user, municipalities: list[Municipality]) -> Workspace:
    """The treatments of `municipalities` on decisions `user` may see, across every regeling
    they take part in: the open ones with a legal deadline first (the zienswijze term, Wgr
    art. 1 lid 3), the nearest first, then the other open ones by date; then what is recorded.

    Queries: treatments (with decision, body, municipality, meeting, version, vote), the
    griffies' checks (with who checked) — two, after the user's permissions (which
    visible_to asks for, once per request).
    """
    treatments = list(
        Treatment.objects.visible_to(user)
        .filter(body__municipality__in=municipalities)
        .select_related(
            "decision__regeling",
            "decision__process",
            "body__municipality",
            "meeting",
            "version",
            "vote",
        )
        .annotate(
            is_open=Case(
                When(outcome="", then=Value(0)), default=Value(1), output_field=IntegerField()
            ),
            day=Coalesce(TruncDate("meeting__starts_at"), "planned_on"),
        )
        .order_by("is_open", "day", "decision__sequence", "-body__kind")
    )
    checks = {
        (check.decision_id, check.municipality_id): check
        for check in RecordCheck.objects.filter(
            municipality__in=municipalities, decision__in={t.decision_id for t in treatments}
        ).select_related("checked_by")
    }
    items: dict[tuple[int, int | None], WorkspaceItem] = {}
    for treatment in treatments:
        key = (treatment.decision_id, treatment.body.municipality_id)
        if key not in items:
            municipality = treatment.body.municipality
            items[key] = WorkspaceItem(treatment.decision, municipality, checks.get(key))
    for open_step in _unsettled(treatments):
        items[(open_step.decision_id, open_step.body.municipality_id)].missing.append(open_step)
    return Workspace(
        municipalities=municipalities,
        open_treatments=sorted(
            (t for t in treatments if not t.outcome),
            key=lambda t: (t.opinion_deadline is None, t.opinion_deadline or datetime.date.min),
        ),
        done_treatments=[t for t in treatments if t.outcome],
        decision_checks=sorted(
            items.values(), key=lambda item: (item.decision.sequence, item.municipality.name)
        ),
    )


def missing_steps(decision: Decision, municipality: Municipality) -> list[Treatment]:
    """The steps of `municipality` on `decision` that are not settled yet: the latest round of
    each of its bodies' treatments without an outcome that settles it (a postponed vote comes
    back, Gemeentewet art. 32 lid 4). A council asked only to take note has nothing to settle.

    One query.
    """
    treatments = (
        Treatment.objects.filter(decision=decision, body__municipality=municipality)
        .select_related("body__municipality", "body__regeling")
        .order_by("-body__kind")
    )
    return _unsettled(treatments)


def _unsettled(treatments: Iterable[Treatment]) -> list[Treatment]:
    """Of each (decision, body), the latest round when its outcome does not settle it (see
    missing_steps), college before council as given; a treatment to take note settles nothing
    and is left out."""
    asked = [t for t in treatments if t.purpose != Treatment.Purpose.NOTICE]
    latest = latest_rounds(asked)
    return [t for t in latest.values() if t.outcome not in (Outcome.ADOPTED, Outcome.REJECTED)]


# --- the clerk's reads: the council on a day, a meeting's presentielijst, a vote's setting -----


@dataclass(frozen=True)
class Seat:
    """A member with a seat on a day, in the fractie they belonged to that day; `number` is the
    member's place in the fractie's list (named members first), which names an unnamed one."""

    member: Member
    fractie: Fractie
    number: int

    @property
    def label(self) -> str:
        """The member's name, or 'lid 3 van VVD (naam niet bekend)' where no source names them."""
        if self.member.name:
            return self.member.name
        return gettext("lid %(number)d van %(fractie)s (naam niet bekend)") % {
            "number": self.number,
            "fractie": self.fractie.name,
        }


@dataclass(frozen=True)
class FractieSeats:
    """A fractie and its members on a day."""

    fractie: Fractie
    seats: tuple[Seat, ...]

    @property
    def members(self) -> int:
        return len(self.seats)


@dataclass(frozen=True)
class CouncilDay:
    """A council as it sat on one day: its term and, per fractie (largest first), the members
    who had a seat. The seats nobody held that day are vacant (CouncilTerm.vacancies_on)."""

    term: CouncilTerm
    day: datetime.date
    fracties: tuple[FractieSeats, ...]

    @property
    def seats(self) -> list[Seat]:
        return [seat for fractie in self.fracties for seat in fractie.seats]

    @property
    def sitting(self) -> int:
        """The sitting members ("zitting hebbende leden", Gemeentewet art. 20 and 29)."""
        return sum(fractie.members for fractie in self.fracties)

    @property
    def vacant_seats(self) -> int:
        return max(self.term.size - self.sitting, 0)


def council_on(municipality_id: int | None, day: datetime.date) -> CouncilDay | None:
    """The council of a municipality as it sat on `day`, or None outside every term.

    Queries: the term, the fractie memberships of that day with their members and fracties —
    two, however many fracties and members.
    """
    term = CouncilTerm.objects.covering(municipality_id, day).first()
    if term is None:
        return None
    memberships = (
        FractieMembership.objects.filter(member__term=term, starts_on__lte=day)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=day))
        .filter(member__in=Member.objects.sitting_on(day))
        .select_related("member", "fractie")
    )
    by_fractie: dict[int, tuple[Fractie, list[Member]]] = {}
    for membership in memberships:
        entry = by_fractie.setdefault(membership.fractie_id, (membership.fractie, []))
        entry[1].append(membership.member)
    fracties = []
    for fractie, members in sorted(by_fractie.values(), key=lambda e: (-e[0].seats, e[0].name)):
        members.sort(key=lambda member: (member.name == "", member.name, member.pk))
        seats = tuple(Seat(m, fractie, number) for number, m in enumerate(members, start=1))
        fracties.append(FractieSeats(fractie, seats))
    return CouncilDay(term=term, day=day, fracties=tuple(fracties))


def meeting_attendance(meeting: Meeting | None) -> dict[int, bool]:
    """The presentielijst of a meeting: per member id, present at the opening or not. Empty
    when none is recorded (or the meeting is not saved yet); one query."""
    if meeting is None or meeting.pk is None:
        return {}
    return dict(meeting.attendance.values_list("member_id", "present"))


def earlier_round_invalid(treatment: Treatment) -> bool:
    """Whether a vote on this proposal in an earlier round (a previous meeting) was not valid
    (Gemeentewet art. 29 lid 1): then lid 1 does not apply to this vote (lid 2 onder a). One
    query, none in round 1."""
    if treatment.round <= 1:
        return False
    return Treatment.objects.filter(
        decision_id=treatment.decision_id,
        body_id=treatment.body_id,
        round__lt=treatment.round,
        outcome=Outcome.INVALID,
    ).exists()


def reconvened_subject(treatment: Treatment, meeting: Meeting | None) -> bool:
    """Whether `meeting` was convened again under Gemeentewet art. 20 lid 2 after a meeting that
    could not be opened *and* this decision was on the agenda there (a treatment of it by the
    same body in that meeting): then it needs no quorum (art. 20 lid 3) and art. 29 lid 1 does
    not apply (art. 29 lid 2 onder b). One query, none for a meeting not reconvened."""
    if meeting is None or not meeting.reconvened_from_id:
        return False
    return Treatment.objects.filter(
        decision_id=treatment.decision_id,
        body_id=treatment.body_id,
        meeting_id=meeting.reconvened_from_id,
        meeting__opened=False,
    ).exists()


def consent_outcome(treatment: Treatment) -> str | None:
    """The outcome of the council's toestemming (Wgr art. 1 lid 4) on the decision of this
    treatment's municipality, latest round: "" while not recorded, None when the council is not
    asked for toestemming. One query."""
    municipality_id = treatment.body.municipality_id
    if municipality_id is None:
        return None
    return (
        Treatment.objects.filter(
            decision_id=treatment.decision_id,
            body__municipality_id=municipality_id,
            body__kind=Body.Kind.COUNCIL,
            purpose=Purpose.CONSENT,
        )
        .order_by("-round")
        .values_list("outcome", flat=True)
        .first()
    )


@dataclass(frozen=True)
class VoteSetting:
    """Where a council's vote takes place and what it starts from: the meeting and its day, the
    council as it sat that day, the presentielijst at the opening, and what earlier meetings
    mean for it (the meeting arguments of decisions.rules.derive_outcome)."""

    day: datetime.date | None
    meeting: Meeting | None
    council: CouncilDay | None
    attendance: Mapping[int, bool] = field(default_factory=dict)
    tied_before: bool = False
    repeated_after_invalid: bool = False
    reconvened: bool = False

    @property
    def present_at_opening(self) -> int | None:
        """Sitting members present at the opening (Gemeentewet art. 20 lid 1); None while the
        presentielijst is not recorded."""
        if not self.attendance or self.council is None:
            return None
        return sum(1 for seat in self.council.seats if self.attendance.get(seat.member.pk))

    def absent_at_opening(self, member_id: int) -> bool:
        return self.attendance.get(member_id) is False

    @property
    def opened(self) -> bool:
        """False when the presentielijst showed that the meeting could not be opened."""
        return self.meeting is None or self.meeting.opened


def vote_setting(
    treatment: Treatment, *, meeting: Meeting | None = None, day: datetime.date | None = None
) -> VoteSetting:
    """The setting of a vote on `treatment` (or on an amendment or motion in it) in `meeting`,
    or, for a meeting not created yet, on `day`.

    Queries: the council that day (two), the presentielijst (one, for a saved meeting), the
    earlier rounds (two, none in round 1) and the meeting it was reconvened after (one, only
    for a reconvened meeting) — at most six, however many fracties and members.
    """
    if meeting is not None:
        day = meeting.day
    council = None
    if day is not None and treatment.body.kind == Body.Kind.COUNCIL:
        council = council_on(treatment.body.municipality_id, day)
    return VoteSetting(
        day=day,
        meeting=meeting,
        council=council,
        attendance=meeting_attendance(meeting),
        tied_before=earlier_round_tied(treatment),
        repeated_after_invalid=earlier_round_invalid(treatment),
        reconvened=reconvened_subject(treatment, meeting),
    )


@dataclass(frozen=True)
class AttendanceSheet:
    """What the presentielijst page shows of a meeting: the council that day, the list as
    recorded, the meetings it may have been convened again after (Gemeentewet art. 20 lid 2)
    and the treatments on its agenda."""

    meeting: Meeting
    council: CouncilDay | None
    attendance: Mapping[int, bool]
    not_opened_before: list[Meeting]
    treatments: list[Treatment]

    @property
    def recorded(self) -> bool:
        return bool(self.attendance)


def attendance_sheet(meeting: Meeting) -> AttendanceSheet:
    """The presentielijst of a council meeting with what its page needs.

    Queries: the council that day (two), the presentielijst, the earlier meetings of the body
    that could not be opened, the treatments in the meeting with their decisions — five,
    however many fracties and members.
    """
    not_opened = Meeting.objects.filter(
        body_id=meeting.body_id, opened=False, starts_at__lt=meeting.starts_at
    ).exclude(pk=meeting.pk)
    return AttendanceSheet(
        meeting=meeting,
        council=council_on(meeting.body.municipality_id, meeting.day),
        attendance=meeting_attendance(meeting),
        not_opened_before=list(not_opened.select_related("body__municipality")),
        treatments=list(
            meeting.treatments.select_related("decision", "body__municipality").order_by(
                "decision__sequence", "round"
            )
        ),
    )


# --- processes as the way in ------------------------------------------------------------------


#: The states a process is listed by: some step still open, or every step recorded.
PROCESS_OPEN, PROCESS_DONE = "lopend", "afgerond"


def processes_listed(
    user,
    *,
    regeling: Regeling | None = None,
    municipality: Municipality | None = None,
    kind: str = "",
    state: str = "",
    first_for: frozenset[int] = frozenset(),
) -> QuerySet[Process]:
    """The processes `user` may see, filtered, in a stable order (the oldest first: the
    Drechtsteden merger stays the first), each annotated with `is_open`: some participant's
    step has no settled outcome yet (nothing recorded, or aangehouden, in its latest round).

    With `first_for` (the municipalities a raadslid or griffie serves), the processes those
    municipalities take part in come first, annotated `is_own`.

    Two queries when evaluated, the processes and their regelingen (paginate it: a page's slice
    is a LIMIT), whatever the country.
    """
    later_round = Treatment.objects.filter(
        decision_id=OuterRef("decision_id"),
        body_id=OuterRef("body_id"),
        round__gt=OuterRef("round"),
    )
    open_steps = (
        Treatment.objects.filter(
            decision__process_id=OuterRef("pk"), outcome__in=["", Outcome.POSTPONED]
        )
        .exclude(Exists(later_round))
        .filter(decision__in=Decision.objects.visible_to(user))
    )
    processes = (
        Process.objects.visible_to(user)
        .annotate(is_open=Exists(open_steps))
        .prefetch_related(Prefetch("regelingen", queryset=Regeling.objects.order_by("name")))
    )
    if regeling is not None:
        processes = processes.filter(regelingen=regeling)
    if municipality is not None:
        processes = processes.filter(
            Exists(
                Regeling.participants.through.objects.filter(
                    regeling__processes=OuterRef("pk"), municipality=municipality
                )
            )
        )
    if kind:
        processes = processes.filter(kind=kind)
    if state == PROCESS_OPEN:
        processes = processes.filter(is_open=True)
    elif state == PROCESS_DONE:
        processes = processes.filter(is_open=False)
    if not first_for:
        return processes.annotate(is_own=Value(False)).order_by("pk")
    own = Regeling.participants.through.objects.filter(
        regeling__processes=OuterRef("pk"), municipality_id__in=first_for
    )
    return processes.annotate(is_own=Exists(own)).order_by("-is_own", "pk")


@dataclass
class ProcessOverview:
    """A process with the status of each of its decisions (visible to the reader)."""

    process: Process
    statuses: list[DecisionStatus]

    @property
    def current(self) -> DecisionStatus | None:
        return current_step(self.statuses)


def process_overviews(
    processes: Iterable[Process], user
) -> tuple[list[ProcessOverview], list[Treatment]]:
    """Each process with its decisions' statuses, in the order given; and the treatments they
    were read from (body, municipality, meeting, version and vote loaded), for the page's other
    reads of the same decisions (milestones.selectors.with_recorded_progress).

    Queries: the four of load_statuses over their decisions, however many processes (give it
    a page, not the country).
    """
    processes = list(processes)
    by_process: dict[int, list[DecisionStatus]] = {p.pk: [] for p in processes}
    decisions = list(
        Decision.objects.visible_to(user)
        .filter(process__in=processes)
        .select_related("process", "regeling")
        .order_by("process_id", "sequence")
    )
    treatments = list(Treatment.objects.filter(decision__in=decisions).for_statuses())
    for status in load_statuses(decisions, treatments=treatments):
        by_process[status.decision.process_id].append(status)
    return [ProcessOverview(p, by_process[p.pk]) for p in processes], treatments
