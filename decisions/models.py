"""What is decided: processes, decisions and their text versions, and how each body treated them."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils import weighting
from councils.access import may_see_drafts, office_regeling_ids
from councils.models import Body, Fractie, Member, Municipality, Regeling
from decisions.procedure import (
    opinion_basis,
    opinion_deadline,
    step_words,
    withheld_ground_error,
)
from decisions.rules import meeting_before_introduction
from gr_portal.core.choices import (
    DECIDED,
    DecisionKind,
    Outcome,
    Precision,
    ProcessKind,
    Purpose,
    VoteMethod,
)
from gr_portal.core.history import PortalHistory
from gr_portal.core.limits import (
    DOCUMENT_TEXT,
    NOTE_TEXT,
    REGELING_TEXT,
    SHORT_TEXT,
    text_limit,
)
from gr_portal.core.periods import format_planned, period_end, validate_plausible_date


class Revisioned(models.Model):
    """A record that two people may edit at once: each save raises its revision.

    Edit forms carry the revision they were loaded with; services refuse a save whose revision
    is no longer the stored one (optimistic locking), so no update is silently lost.
    """

    revision = models.PositiveIntegerField(_("revisie"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.revision += 1
        super().save(*args, **kwargs)


class ProcessQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def visible_to(self, user):
        """Published processes for everyone; drafts for users allowed to see them."""
        return self if may_see_drafts(user) else self.published()

    def maintained_by(self, user):
        """The processes `user` maintains as programmabureau: those of its regelingen (all for
        a superuser, none for anyone else; councils.access.office_regeling_ids)."""
        served = office_regeling_ids(user)
        if served is None:
            return self
        return self.filter(pk__in=Process.objects.filter(regelingen__in=served).values("pk"))


class Process(models.Model):
    """A regional decision-making process followed by the portal, e.g. a merger of regelingen."""

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("naam in de URL"), max_length=100, unique=True)
    summary = models.TextField(_("samenvatting"), blank=True, **text_limit(NOTE_TEXT))
    kind = models.CharField(
        _("soort traject"), max_length=20, choices=ProcessKind.choices, default=ProcessKind.OTHER
    )
    regelingen = models.ManyToManyField(
        Regeling, verbose_name=_("regelingen"), related_name="processes", blank=True
    )
    published = models.BooleanField(_("gepubliceerd"), default=False)

    objects = ProcessQuerySet.as_manager()
    history = PortalHistory(m2m_fields=[regelingen])

    class Meta:
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("process_detail", args=[self.slug])

    def regeling_ids(self) -> list[int]:
        """The regelingen this process belongs to, for the access rules (one query)."""
        return list(self.regelingen.values_list("pk", flat=True))


class DecisionQuerySet(models.QuerySet):
    def published(self):
        """Published, in a published process: one rule for both flags (a decision marked
        published in a draft process is still a draft)."""
        return self.filter(published=True, process__published=True)

    def visible_to(self, user):
        """Published decisions for everyone; unpublished ones for users allowed to see drafts."""
        return self if may_see_drafts(user) else self.published()


class Decision(models.Model):
    Kind = DecisionKind

    process = models.ForeignKey(
        Process, verbose_name=_("traject"), on_delete=models.PROTECT, related_name="decisions"
    )
    regeling = models.ForeignKey(
        Regeling, verbose_name=_("regeling"), on_delete=models.PROTECT, related_name="decisions"
    )
    kind = models.CharField(_("soort besluit"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("naam in de URL"), max_length=100, unique=True)
    summary = models.TextField(_("samenvatting"), blank=True, **text_limit(NOTE_TEXT))
    sequence = models.PositiveSmallIntegerField(_("volgorde"), default=1)
    introduced_on = models.DateField(
        _("voorgelegd op"),
        validators=[validate_plausible_date],
        help_text=_("De dag waarop het voorstel bestond; eerder kan geen orgaan erover besluiten."),
    )
    published = models.BooleanField(_("gepubliceerd"), default=False)
    source = models.TextField(_("bron"), blank=True, **text_limit(SHORT_TEXT))

    objects = DecisionQuerySet.as_manager()
    history = PortalHistory()

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["process", "sequence"]
        permissions = [("view_unpublished_decision", _("Mag niet-gepubliceerde besluiten zien"))]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "sequence"], name="decision_unique_sequence_per_process"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("decision_detail", args=[self.slug])


class DecisionVersion(models.Model):
    """One version of a decision's text; treatments record which version a body voted on."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("besluit"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("versienummer"))
    label = models.CharField(_("omschrijving"), max_length=200, blank=True)
    text = models.TextField(_("tekst"), **text_limit(REGELING_TEXT))
    created_on = models.DateField(_("datum"), validators=[validate_plausible_date])
    note = models.TextField(_("toelichting op de wijziging"), blank=True, **text_limit(NOTE_TEXT))

    history = PortalHistory()

    class Meta:
        verbose_name = _("tekstversie")
        verbose_name_plural = _("tekstversies")
        ordering = ["decision", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "number"], name="version_unique_number_per_decision"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="version_number_positive",
                violation_error_message=_("Een versienummer begint bij 1."),
            ),
        ]

    def __str__(self) -> str:
        return _("versie %(number)s") % {"number": self.number}


class WithheldGround(models.TextChoices):
    """Why a council withheld its toestemming (Wgr art. 1 lid 4): the only two grounds."""

    LAW = "law", _("strijd met het recht")
    PUBLIC_INTEREST = "public_interest", _("strijd met het algemeen belang")


#: A treatment's version fields that a page saying which version was voted on never reads:
#: deferred where treatments are read with their version (a GR text is 50,000 characters, and
#: would otherwise travel once per body that voted on it).
VERSION_TEXTS = ("version__text", "version__note")


class TreatmentQuerySet(models.QuerySet):
    def published(self):
        """The treatments of published decisions (DecisionQuerySet.published)."""
        return self.filter(decision__in=Decision.objects.published())

    def visible_to(self, user):
        """The treatments of the decisions `user` may see."""
        return self.filter(decision__in=Decision.objects.visible_to(user))

    def for_municipality(self, municipality):
        return self.filter(body__municipality=municipality)

    def pending(self):
        return self.filter(outcome="")

    def decided(self):
        return self.exclude(outcome="")

    def with_related(self):
        return self.select_related(
            "body__municipality", "body__regeling", "meeting", "version", "vote"
        )

    def for_statuses(self):
        """with_related, in an order of the treatments' own columns: what decisions.status
        reads. The default ordering (decision, planned_on, body) joins the decisions, their
        processes and the bodies' names only to sort, and PostgreSQL spent more time planning
        that than running it (half of the status read's time at 1x, bench/pages.py). The text
        voted on is not read (VERSION_TEXTS)."""
        return (
            self.with_related()
            .defer(*VERSION_TEXTS)
            .order_by("decision_id", "planned_on", "body_id", "pk")
        )


class Treatment(Revisioned):
    """A body's treatment of a decision: planned, then recorded with meeting, outcome and version.

    A tied vote in a council that was not full postpones the decision to a next meeting
    (Gemeentewet art. 32); that next treatment is a new round.
    """

    Purpose = Purpose

    decision = models.ForeignKey(
        Decision, verbose_name=_("besluit"), on_delete=models.CASCADE, related_name="treatments"
    )
    body = models.ForeignKey(
        Body, verbose_name=_("bestuursorgaan"), on_delete=models.PROTECT, related_name="treatments"
    )
    round = models.PositiveSmallIntegerField(_("ronde"), default=1)
    purpose = models.CharField(
        _("doel"), max_length=20, choices=Purpose.choices, default=Purpose.DECISION
    )
    planned_on = models.DateField(
        _("gepland"), null=True, blank=True, validators=[validate_plausible_date]
    )
    planned_precision = models.CharField(
        _("planning tot op"), max_length=10, choices=Precision.choices, default=Precision.MONTH
    )
    meeting = models.ForeignKey(
        "councils.Meeting",
        verbose_name=_("vergadering"),
        on_delete=models.PROTECT,
        related_name="treatments",
        null=True,
        blank=True,
    )
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices, blank=True)
    version = models.ForeignKey(
        DecisionVersion,
        verbose_name=_("gestemde tekstversie"),
        on_delete=models.PROTECT,
        related_name="treatments",
        null=True,
        blank=True,
    )
    notes = models.TextField(_("toelichting"), blank=True, **text_limit(NOTE_TEXT))
    received_on = models.DateField(
        _("ontwerp ontvangen op"),
        validators=[validate_plausible_date],
        null=True,
        blank=True,
        help_text=_(
            "De dag waarop de raad het ontwerp ontving: de termijn voor een zienswijze is acht "
            "weken daarna (Wgr art. 1 lid 3)."
        ),
    )
    withheld_ground = models.CharField(
        _("grond van het onthouden van toestemming"),
        max_length=20,
        choices=WithheldGround.choices,
        blank=True,
        help_text=_(
            "Toestemming kan alleen worden onthouden wegens strijd met het recht of het "
            "algemeen belang (Wgr art. 1 lid 4)."
        ),
    )

    objects = TreatmentQuerySet.as_manager()
    history = PortalHistory()

    class Meta:
        verbose_name = _("behandeling")
        verbose_name_plural = _("behandelingen")
        ordering = ["decision", "planned_on", "body"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "body", "round"], name="treatment_unique_round"
            ),
            models.CheckConstraint(
                condition=Q(round__gte=1),
                name="treatment_round_positive",
                violation_error_message=_("Een behandelronde begint bij 1."),
            ),
            models.CheckConstraint(
                condition=~Q(outcome__in=DECIDED) | Q(meeting__isnull=False, version__isnull=False),
                name="treatment_decided_has_meeting_and_version",
                violation_error_message=_(
                    "Een aangenomen of verworpen besluit heeft een vergadering en de tekstversie "
                    "waarover is gestemd."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision} – {self.body}"

    @property
    def is_decided(self) -> bool:
        return self.outcome != ""

    @property
    def outcome_label(self) -> str:
        """The outcome in the words of this step: "zienswijze ingediend", "toestemming
        verleend", "besluit tot wijziging genomen" (decisions.procedure). Reads the decision and
        its regeling: load them with the treatment."""
        decision = self.decision
        return step_words(
            regeling_kind=decision.regeling.kind,
            decision_kind=decision.kind,
            body_kind=self.body.kind,
            purpose=self.purpose,
            outcome=self.outcome,
            withheld_ground=self.withheld_ground,
        )

    @property
    def opinion_deadline(self) -> datetime.date | None:
        """The last day for the council's zienswijze (Wgr art. 1 lid 3; art. 35 lid 1 on a
        budget), once it has the draft. Reads the decision: load it with the treatment."""
        if self.purpose != Purpose.OPINION or self.received_on is None:
            return None
        return opinion_deadline(self.received_on, self.decision.kind)

    @property
    def opinion_basis(self) -> str:
        """The article of the zienswijze term (decisions.procedure.opinion_basis)."""
        return opinion_basis(self.decision.kind)

    def opinion_overdue(self, today: datetime.date | None = None) -> bool:
        """The zienswijze term passed without a recorded decision on a zienswijze."""
        deadline = self.opinion_deadline
        if deadline is None or self.is_decided:
            return False
        return deadline < (today or timezone.localdate())

    @property
    def opinion_late(self) -> bool:
        """Decided at a meeting after the last day of the zienswijze term (Wgr art. 1 lid 3)."""
        deadline = self.opinion_deadline
        meeting = self.meeting if self.meeting_id else None
        if deadline is None or meeting is None or not self.is_decided:
            return False
        return timezone.localdate(meeting.starts_at) > deadline

    @property
    def planned_label(self) -> str:
        return format_planned(self.planned_on, self.planned_precision)

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        """Planned, not yet decided, and the planned day (or month) has passed."""
        if self.is_decided or self.planned_on is None:
            return False
        today = today or timezone.localdate()
        return period_end(self.planned_on, self.planned_precision) < today

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        version = self.version if self.version_id else None
        meeting = self.meeting if self.meeting_id else None
        if version is not None and self.decision_id and version.decision_id != self.decision_id:
            errors["version"] = str(_("Deze tekstversie hoort bij een ander besluit."))
        if meeting is not None and self.body_id and meeting.body_id != self.body_id:
            errors["meeting"] = str(_("Deze vergadering is van een ander bestuursorgaan."))
        elif meeting is not None and self.decision_id:
            message = meeting_before_introduction(
                timezone.localdate(meeting.starts_at), self.decision.introduced_on
            )
            if message:
                errors["meeting"] = message
        message = withheld_ground_error(self.purpose, self.outcome, self.withheld_ground)
        if message:
            errors["withheld_ground"] = message
        if errors:
            raise ValidationError(errors)


#: Per model, the fields only the griffie's vote entry writes (derived from the votes by
#: decisions.rules): read-only in the back office, left alone by a restore.
DERIVED_FIELDS: dict[str, tuple[str, ...]] = {
    "treatment": ("outcome", "meeting", "version", "withheld_ground"),
    "amendment": ("outcome", "changed_text"),
    "motion": ("outcome",),
}


class Amendment(Revisioned):
    """An amendement: a proposed change to the draft decision, voted before the proposal itself."""

    treatment = models.ForeignKey(
        Treatment,
        verbose_name=_("behandeling"),
        on_delete=models.CASCADE,
        related_name="amendments",
    )
    code = models.CharField(_("nummer"), max_length=20, blank=True)
    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(_("tekst"), **text_limit(DOCUMENT_TEXT))
    sponsors = models.ManyToManyField(
        Fractie, verbose_name=_("indienende fracties"), related_name="amendments", blank=True
    )
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices, blank=True)
    changed_text = models.BooleanField(
        _("heeft de gestemde tekst gewijzigd"),
        default=False,
        help_text=_("Aangenomen amendement dat de tekst wijzigde waarover daarna is gestemd."),
    )

    history = PortalHistory(m2m_fields=[sponsors])

    class Meta:
        verbose_name = _("amendement")
        verbose_name_plural = _("amendementen")
        ordering = ["treatment", "code", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(changed_text=False) | Q(outcome="adopted"),
                name="amendment_only_adopted_changes_text",
                violation_error_message=_(
                    "Alleen een aangenomen amendement kan de tekst hebben gewijzigd."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Motion(Revisioned):
    """A motie: the council's opinion, wish or request, voted separately from the proposal."""

    treatment = models.ForeignKey(
        Treatment, verbose_name=_("behandeling"), on_delete=models.CASCADE, related_name="motions"
    )
    code = models.CharField(_("nummer"), max_length=20, blank=True)
    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(_("tekst"), **text_limit(DOCUMENT_TEXT))
    sponsors = models.ManyToManyField(
        Fractie, verbose_name=_("indienende fracties"), related_name="motions", blank=True
    )
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices, blank=True)

    history = PortalHistory(m2m_fields=[sponsors])

    class Meta:
        verbose_name = _("motie")
        verbose_name_plural = _("moties")
        ordering = ["treatment", "code", "pk"]

    def __str__(self) -> str:
        return self.title


class Vote(models.Model):
    """A stemming on exactly one subject: a treatment's proposal, an amendment or a motion."""

    treatment = models.OneToOneField(
        Treatment,
        verbose_name=_("behandeling"),
        on_delete=models.CASCADE,
        related_name="vote",
        null=True,
        blank=True,
    )
    amendment = models.OneToOneField(
        Amendment,
        verbose_name=_("amendement"),
        on_delete=models.CASCADE,
        related_name="vote",
        null=True,
        blank=True,
    )
    motion = models.OneToOneField(
        Motion,
        verbose_name=_("motie"),
        on_delete=models.CASCADE,
        related_name="vote",
        null=True,
        blank=True,
    )
    method = models.CharField(_("wijze van stemmen"), max_length=20, choices=VoteMethod.choices)
    members_present = models.PositiveSmallIntegerField(_("aanwezige leden"))
    votes_for = models.PositiveSmallIntegerField(_("stemmen voor"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("stemmen tegen"), default=0)

    history = PortalHistory()

    class Meta:
        verbose_name = _("stemming")
        verbose_name_plural = _("stemmingen")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(treatment__isnull=False, amendment=None, motion=None)
                    | Q(treatment=None, amendment__isnull=False, motion=None)
                    | Q(treatment=None, amendment=None, motion__isnull=False)
                ),
                name="vote_has_exactly_one_subject",
                violation_error_message=_(
                    "Een stemming gaat over precies één voorstel, amendement of motie."
                ),
            ),
            models.CheckConstraint(
                condition=Q(members_present__gte=F("votes_for") + F("votes_against")),
                name="vote_counts_within_members_present",
                violation_error_message=_(
                    "Er zijn meer stemmen uitgebracht dan er leden aanwezig waren."
                ),
            ),
        ]

    def __str__(self) -> str:
        return _("%(for)s voor, %(against)s tegen") % {
            "for": self.votes_for,
            "against": self.votes_against,
        }

    @property
    def subject(self):
        return self.treatment or self.amendment or self.motion

    @property
    def absent_fracties(self) -> list[str]:
        """The fracties none of whose members was at the vote (reads the fractie votes; load
        them with prefetch_related)."""
        return [
            fv.fractie.name for fv in self.fractie_votes.all() if fv.seats and fv.absent == fv.seats
        ]


class FractieVote(models.Model):
    """How one fractie voted: its members at the time (`seats`), and of them how many voted
    for, against, had to abstain (Gemeentewet art. 28) and were absent. Every member is
    accounted for: the four add up to the members."""

    vote = models.ForeignKey(
        Vote, verbose_name=_("stemming"), on_delete=models.CASCADE, related_name="fractie_votes"
    )
    fractie = models.ForeignKey(
        Fractie, verbose_name=_("fractie"), on_delete=models.PROTECT, related_name="votes"
    )
    seats = models.PositiveSmallIntegerField(_("zetels"))
    votes_for = models.PositiveSmallIntegerField(_("voor"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("tegen"), default=0)
    not_taking_part = models.PositiveSmallIntegerField(
        _("onthouden (art. 28)"),
        default=0,
        help_text=_("Aanwezig, maar moest zich van stemming onthouden (Gemeentewet art. 28)."),
    )
    absent = models.PositiveSmallIntegerField(_("afwezig"), default=0)

    history = PortalHistory()

    class Meta:
        verbose_name = _("stemming per fractie")
        verbose_name_plural = _("stemmingen per fractie")
        ordering = ["vote", "-seats", "fractie__name"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "fractie"], name="fractie_vote_unique"),
            models.CheckConstraint(
                condition=Q(
                    seats=F("votes_for") + F("votes_against") + F("not_taking_part") + F("absent")
                ),
                name="fractie_vote_accounts_for_every_member",
                violation_error_message=_(
                    "Elk lid van de fractie stemt voor of tegen, onthoudt zich (art. 28) of is "
                    "afwezig: samen evenveel als de fractie leden heeft."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fractie}: {self.votes_for}/{self.votes_against}"

    @property
    def present(self) -> int:
        return self.votes_for + self.votes_against + self.not_taking_part


class MemberVote(models.Model):
    """How one member voted: in a roll call (hoofdelijk, Gemeentewet art. 32 lid 2) for every
    member, and in any vote for the members who had to abstain (art. 28) or who asked for
    "aantekening" on a hamerstuk (art. 32 lid 3: deemed to have voted against)."""

    class Choice(models.TextChoices):
        FOR = "for", _("voor")
        AGAINST = "against", _("tegen")
        ABSTAINED = "abstained", _("onthouden (art. 28)")
        ABSENT = "absent", _("afwezig")
        NOTED_AGAINST = "noted_against", _("aantekening tegen")

    class Ground(models.TextChoices):
        """Why a member had to abstain (Gemeentewet art. 28 lid 1)."""

        PERSONAL = "personal", _("gaat het lid persoonlijk aan (art. 28 lid 1 onder a)")
        REPRESENTATIVE = (
            "representative",
            _("het lid is erbij betrokken als vertegenwoordiger (art. 28 lid 1 onder a)"),
        )
        ACCOUNTS = (
            "accounts",
            _(
                "rekening van een lichaam waarvan het lid bestuurder of rekenplichtig is "
                "(art. 28 lid 1 onder b)"
            ),
        )

    vote = models.ForeignKey(
        Vote, verbose_name=_("stemming"), on_delete=models.CASCADE, related_name="member_votes"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("raadslid"), on_delete=models.PROTECT, related_name="votes"
    )
    fractie = models.ForeignKey(
        Fractie,
        verbose_name=_("fractie"),
        on_delete=models.PROTECT,
        related_name="member_votes",
        help_text=_("De fractie van het lid op de dag van de stemming."),
    )
    choice = models.CharField(_("stem"), max_length=20, choices=Choice.choices)
    ground = models.CharField(
        _("grond van onthouding"), max_length=20, choices=Ground.choices, blank=True
    )

    history = PortalHistory()

    class Meta:
        verbose_name = _("stem van een raadslid")
        verbose_name_plural = _("stemmen van raadsleden")
        ordering = ["vote", "fractie__name", "member__name", "member_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["vote", "member"],
                name="member_vote_unique",
                violation_error_message=_("Dit raadslid heeft al een stem bij deze stemming."),
            ),
            models.CheckConstraint(
                condition=Q(choice="abstained", ground__gt="")
                | (~Q(choice="abstained") & Q(ground="")),
                name="member_vote_abstention_has_ground",
                violation_error_message=_(
                    "Wie zich moet onthouden, heeft daarvoor een grond uit Gemeentewet art. 28 "
                    "lid 1; wie stemt of afwezig is, niet."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_choice_display()}"


class Opinion(Revisioned):
    """A council's zienswijze on a draft (Wgr art. 1: within eight weeks)."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("besluit"), on_delete=models.CASCADE, related_name="opinions"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="opinions"
    )
    treatment = models.ForeignKey(
        Treatment,
        verbose_name=_("behandeling"),
        on_delete=models.SET_NULL,
        related_name="opinions",
        null=True,
        blank=True,
    )
    text = models.TextField(_("tekst van de zienswijze"), **text_limit(DOCUMENT_TEXT))
    submitted_on = models.DateField(
        _("ingediend op"), null=True, blank=True, validators=[validate_plausible_date]
    )

    history = PortalHistory()

    class Meta:
        verbose_name = _("zienswijze")
        verbose_name_plural = _("zienswijzen")
        ordering = ["decision", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "municipality"], name="opinion_unique_per_council"
            ),
        ]

    def __str__(self) -> str:
        return _("Zienswijze van %(municipality)s") % {"municipality": self.municipality}


class RecordCheck(models.Model):
    """A griffie's statement that its municipality's records on a decision are complete and checked.

    A later change to those records withdraws the statement (see decisions.services).
    """

    decision = models.ForeignKey(
        Decision, verbose_name=_("besluit"), on_delete=models.CASCADE, related_name="checks"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.CASCADE, related_name="checks"
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gecontroleerd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("gecontroleerd op"), default=timezone.now)

    history = PortalHistory()

    class Meta:
        verbose_name = _("controle door de griffie")
        verbose_name_plural = _("controles door de griffie")
        ordering = ["decision", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "municipality"], name="record_check_unique_per_council"
            ),
        ]

    def __str__(self) -> str:
        return _("%(municipality)s: gecontroleerd op %(date)s") % {
            "municipality": self.municipality,
            "date": format_planned(timezone.localdate(self.checked_at), Precision.DAY),
        }


class BoardVote(Revisioned):
    """A vote of a regeling's algemeen bestuur on a treatment, each participant's delegation
    with its weight (councils.weighting): the weighted totals and the outcome are derived
    (councils.weighting.weighted_result) and kept with the weights as they were, so a later
    change of the regeling's weighting does not rewrite a past vote."""

    treatment = models.OneToOneField(
        Treatment,
        verbose_name=_("behandeling"),
        on_delete=models.CASCADE,
        related_name="board_vote",
    )
    method = models.CharField(
        _("stemverhouding"), max_length=20, choices=list(weighting.METHODS.items())
    )
    threshold = models.CharField(
        _("vereiste meerderheid"),
        max_length=20,
        choices=[(key, label) for key, (_value, label) in weighting.THRESHOLDS.items()],
        default="meerderheid",
    )
    weight_for = models.DecimalField(_("gewicht voor"), max_digits=16, decimal_places=3)
    weight_against = models.DecimalField(_("gewicht tegen"), max_digits=16, decimal_places=3)
    weight_absent = models.DecimalField(
        _("gewicht niet deelgenomen"), max_digits=16, decimal_places=3
    )

    history = PortalHistory()

    class Meta:
        verbose_name = _("stemming algemeen bestuur")
        verbose_name_plural = _("stemmingen algemeen bestuur")

    def __str__(self) -> str:
        return f"{self.treatment}"

    @property
    def total(self):
        return self.weight_for + self.weight_against + self.weight_absent

    @property
    def share_for(self):
        cast = self.weight_for + self.weight_against
        return self.weight_for / cast if cast else 0


class BoardVoteLine(models.Model):
    """How one participant's delegation voted in the algemeen bestuur, with its weight then."""

    vote = models.ForeignKey(
        BoardVote, verbose_name=_("stemming"), on_delete=models.CASCADE, related_name="lines"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("deelnemer"), on_delete=models.PROTECT, related_name="+"
    )
    choice = models.CharField(_("stem"), max_length=10, choices=list(weighting.CHOICES.items()))
    weight = models.DecimalField(_("gewicht"), max_digits=16, decimal_places=3)

    history = PortalHistory()

    class Meta:
        verbose_name = _("stem van een deelnemer")
        verbose_name_plural = _("stemmen van de deelnemers")
        ordering = ["vote", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["vote", "municipality"], name="one_board_line_per_participant"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.get_choice_display()}"
