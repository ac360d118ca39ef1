"""When things happen: the milestones of a process, planned and actual."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.models import Body, Municipality
from decisions.models import Decision, Process
from gr_portal.core.choices import Precision
from gr_portal.core.history import PortalHistory
from gr_portal.core.limits import DOCUMENT_TEXT, NOTE_TEXT, SHORT_TEXT, text_limit
from gr_portal.core.periods import format_planned, period_end, validate_plausible_date
from milestones.letters.markup import markup_errors


class MilestoneQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The milestones of the processes `user` may see."""
        return self.filter(process__in=Process.objects.visible_to(user))

    def unfinished(self):
        """Not yet finished, in the order they are planned."""
        return self.filter(actual_end__isnull=True).order_by("planned_start", "title")


class Milestone(models.Model):
    process = models.ForeignKey(
        Process, verbose_name=_("traject"), on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True, **text_limit(NOTE_TEXT))
    planned_start = models.DateField(_("gepland vanaf"), validators=[validate_plausible_date])
    planned_end = models.DateField(
        _("gepland tot en met"), null=True, blank=True, validators=[validate_plausible_date]
    )
    precision = models.CharField(
        _("planning tot op"), max_length=10, choices=Precision.choices, default=Precision.MONTH
    )
    actual_start = models.DateField(
        _("werkelijk begonnen"), null=True, blank=True, validators=[validate_plausible_date]
    )
    actual_end = models.DateField(
        _("werkelijk afgerond"), null=True, blank=True, validators=[validate_plausible_date]
    )
    bodies = models.ManyToManyField(
        Body, verbose_name=_("betrokken bestuursorganen"), related_name="milestones", blank=True
    )
    decisions = models.ManyToManyField(
        Decision, verbose_name=_("besluiten"), related_name="milestones", blank=True
    )
    source = models.CharField(_("bron"), max_length=200, blank=True)

    objects = MilestoneQuerySet.as_manager()
    history = PortalHistory(m2m_fields=[bodies, decisions])

    class Meta:
        verbose_name = _("mijlpaal")
        verbose_name_plural = _("mijlpalen")
        ordering = ["planned_start", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "title"], name="milestone_unique_title_per_process"
            ),
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True) | Q(planned_end__gte=F("planned_start")),
                name="milestone_planned_end_after_start",
                violation_error_message=_("Het geplande einde ligt vóór het geplande begin."),
            ),
            models.CheckConstraint(
                condition=Q(actual_end__isnull=True)
                | Q(actual_start__isnull=False, actual_end__gte=F("actual_start")),
                name="milestone_actual_end_after_start",
                violation_error_message=_(
                    "Een afgeronde mijlpaal heeft een begindatum die niet na de einddatum ligt."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def planned_last_day(self) -> datetime.date:
        return period_end(self.planned_end or self.planned_start, self.precision)

    @property
    def planned_label(self) -> str:
        start = format_planned(self.planned_start, self.precision)
        if not self.planned_end or self.planned_end == self.planned_start:
            return start
        return f"{start} – {format_planned(self.planned_end, self.precision)}"

    def is_late(self, today: datetime.date | None = None) -> bool:
        """Not finished although its planned period is over."""
        today = today or timezone.localdate()
        return self.actual_end is None and self.planned_last_day < today


class Letter(models.Model):
    """A raadsbrief, written once by the programmabureau and rendered per municipality.

    The body is CommonMark without raw HTML (see milestones.letters.markup). Footnotes are
    referenced in the body as ``[^1]`` and defined in their own field, one per line as
    ``[^1]: text``.
    Placeholders such as ``{{gemeente}}`` are filled in per municipality when rendering.
    """

    class Closing(models.TextChoices):
        RESPECTFULLY = "respectfully", _("Hoogachtend,")
        KIND_REGARDS = "kind_regards", _("Met vriendelijke groet,")

    process = models.ForeignKey(
        Process, verbose_name=_("traject"), on_delete=models.PROTECT, related_name="letters"
    )
    subject = models.CharField(_("onderwerp"), max_length=200)
    reference = models.CharField(_("kenmerk"), max_length=60, blank=True)
    letter_date = models.DateField(_("datum van de brief"), validators=[validate_plausible_date])
    body = models.TextField(
        _("tekst"),
        help_text=_(
            "Markdown zonder HTML: ## voor een kopje, - voor een opsomming, [^1] voor een "
            "voetnoot. Plaatshouders: {{gemeente}}, {{datum}}, en elk op een eigen regel "
            "{{stand_van_zaken}} en {{vervolgstappen}}."
        ),
        **text_limit(DOCUMENT_TEXT),
    )
    footnotes = models.TextField(
        _("voetnoten"),
        blank=True,
        help_text=_("Eén voetnoot per regel, bijvoorbeeld: [^1]: Regionale visie sociaal domein."),
        **text_limit(NOTE_TEXT),
    )
    attachments = models.TextField(
        _("bijlagen"), blank=True, help_text=_("Eén bijlage per regel."), **text_limit(SHORT_TEXT)
    )
    closing = models.CharField(
        _("slotformule"), max_length=20, choices=Closing.choices, default=Closing.RESPECTFULLY
    )
    published = models.BooleanField(
        _("gepubliceerd"),
        default=False,
        help_text=_("Geëxporteerde brieven zijn dan ook zichtbaar voor raadsleden en publiek."),
    )

    history = PortalHistory()

    class Meta:
        verbose_name = _("raadsbrief")
        verbose_name_plural = _("raadsbrieven")
        ordering = ["-letter_date", "subject"]

    def __str__(self) -> str:
        return self.subject

    def clean(self) -> None:
        super().clean()
        errors = markup_errors(self.body, self.footnotes)
        if errors:
            raise ValidationError(errors)

    @property
    def attachment_list(self) -> list[str]:
        return [line.strip() for line in self.attachments.splitlines() if line.strip()]


class LetterBatch(models.Model):
    """One export of a letter for all of its process's participants, run in the background
    (milestones.letters.batches): who asked, how far it got, and how it ended. A job record
    written by the system, not edited by people: its history keeps the request and each start
    of a run; the progress counter is written past it (one row per letter would say nothing),
    and the archive entries it made keep their own."""

    class State(models.TextChoices):
        QUEUED = "queued", _("in de wachtrij")
        RUNNING = "running", _("bezig")
        DONE = "done", _("klaar")
        FAILED = "failed", _("mislukt")

    letter = models.ForeignKey(
        Letter, verbose_name=_("raadsbrief"), on_delete=models.PROTECT, related_name="batches"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        on_delete=models.PROTECT,
        related_name="letter_batches",
    )
    requested_at = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    state = models.CharField(_("stand"), max_length=10, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(_("aantal brieven"), default=0)
    done = models.PositiveIntegerField(_("gemaakt"), default=0)
    current = models.CharField(_("bezig met"), max_length=100, blank=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    started_at = models.DateTimeField(_("begonnen op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    error = models.TextField(_("foutmelding"), blank=True)
    combined_pdf = models.BinaryField(_("alle brieven in één pdf"), null=True, blank=True)

    history = PortalHistory(excluded_fields=["combined_pdf"])

    class Meta:
        verbose_name = _("exportopdracht")
        verbose_name_plural = _("exportopdrachten")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(done__lte=F("total")),
                name="letter_batch_done_within_total",
                violation_error_message=_("Er zijn niet meer brieven gemaakt dan gevraagd."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.letter} ({self.requested_at:%Y-%m-%d %H:%M})"

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


class ArchivedLetterQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def visible_to(self, user):
        """Published letters for everyone; a programmabureau also sees the unpublished ones of
        the processes it maintains."""
        from councils.access import is_program_office

        if not is_program_office(user):
            return self.published()
        return self.filter(
            Q(published=True) | Q(letter__process__in=Process.objects.maintained_by(user))
        )


class ArchivedLetter(models.Model):
    """A letter as it was exported: the exact PDF bytes, never changed afterwards."""

    letter = models.ForeignKey(
        Letter, verbose_name=_("raadsbrief"), on_delete=models.PROTECT, related_name="archived"
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="archived_letters",
    )
    pdf = models.BinaryField(_("pdf"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    filename = models.CharField(_("bestandsnaam"), max_length=200)
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geëxporteerd door"),
        on_delete=models.PROTECT,
        related_name="exported_letters",
    )
    exported_at = models.DateTimeField(_("geëxporteerd op"), default=timezone.now)
    letter_version = models.PositiveIntegerField(
        _("versie van de brief"), help_text=_("Het nummer in de geschiedenis van de brief.")
    )
    status_version = models.CharField(
        _("versie van de stand"),
        max_length=200,
        help_text=_("De laatste wijzigingen in behandelingen, controles en mijlpalen."),
    )
    published = models.BooleanField(_("gepubliceerd"), default=False)
    batch = models.ForeignKey(
        LetterBatch,
        verbose_name=_("exportopdracht"),
        on_delete=models.PROTECT,
        related_name="archived",
        null=True,
        blank=True,
    )

    objects = ArchivedLetterQuerySet.as_manager()
    # Every model keeps history; an archive entry only ever has its creation, and the bytes are
    # not copied into it.
    history = PortalHistory(excluded_fields=["pdf"])

    class Meta:
        verbose_name = _("gearchiveerde brief")
        verbose_name_plural = _("gearchiveerde brieven")
        ordering = ["municipality__name", "-exported_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"),
                name="archived_letter_sha256_format",
                violation_error_message=_("Een SHA-256 bestaat uit 64 hexadecimale tekens."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.letter} – {self.municipality} ({self.exported_at:%Y-%m-%d %H:%M})"

    def save(self, *args, **kwargs):
        # An archive entry is written once; a changed letter is exported again instead.
        if not self._state.adding:
            raise ValidationError(_("Een gearchiveerde brief kan niet worden gewijzigd."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Een gearchiveerde brief kan niet worden verwijderd."))


# --- following a decision by e-mail (milestones.alerts) --------------------------------------


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed_before(self, moment: datetime.datetime):
        return self.filter(confirmed_at__isnull=True, created_at__lt=moment)


class Subscription(models.Model):
    """An e-mail address following one process, regeling, municipality or decision.

    Personal data, kept as little as the AVG allows: the address, what it follows, how often
    and in which language, and when it was made and confirmed — nothing else, and no history
    table (the row is gone once its owner unsubscribes, and an unconfirmed one after
    ALERTS_UNCONFIRMED_DAYS; milestones.alerts and the privacy statement say so).
    """

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("direct, per wijziging")
        DAILY = "daily", _("één overzicht per dag")

    email = models.EmailField(_("e-mailadres"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="subscriptions",
        null=True,
        blank=True,
    )
    process = models.ForeignKey(
        Process, verbose_name=_("traject"), on_delete=models.CASCADE, null=True, blank=True
    )
    regeling = models.ForeignKey(
        "councils.Regeling",
        verbose_name=_("regeling"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.CASCADE, null=True, blank=True
    )
    decision = models.ForeignKey(
        Decision, verbose_name=_("besluit"), on_delete=models.CASCADE, null=True, blank=True
    )
    frequency = models.CharField(
        _("hoe vaak"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    language = models.CharField(
        _("taal"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    created_at = models.DateTimeField(_("aangemeld op"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    #: The target fields, in the order of the form.
    TARGETS = ("process", "regeling", "municipality", "decision")

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnementen")
        ordering = ["email", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(process__isnull=False, regeling=None, municipality=None, decision=None)
                    | Q(process=None, regeling__isnull=False, municipality=None, decision=None)
                    | Q(process=None, regeling=None, municipality__isnull=False, decision=None)
                    | Q(process=None, regeling=None, municipality=None, decision__isnull=False)
                ),
                name="subscription_has_one_target",
                violation_error_message=_(
                    "Een abonnement volgt precies één traject, regeling, gemeente of besluit."
                ),
            ),
            *(
                models.UniqueConstraint(
                    fields=["email", target],
                    condition=Q(**{f"{target}__isnull": False}),
                    name=f"subscription_unique_{target}",
                )
                for target in ("process", "regeling", "municipality", "decision")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} – {self.target}"

    @property
    def target(self):
        return self.process or self.regeling or self.municipality or self.decision

    @property
    def target_field(self) -> str:
        return next(name for name in self.TARGETS if getattr(self, f"{name}_id"))


class Notice(models.Model):
    """One change to tell one subscription (a historical treatment or zienswijze row): made
    once per subscription and change (unique), sent once; claimed while it is being sent, so
    that a second worker leaves it alone, and given back when the SMTP server fails."""

    class State(models.TextChoices):
        PENDING = "pending", _("te versturen")
        SENDING = "sending", _("wordt verstuurd")
        SENT = "sent", _("verstuurd")
        #: Its decision is no longer published: not told.
        WITHHELD = "withheld", _("niet verteld")
        FAILED = "failed", _("niet verstuurd")

    subscription = models.ForeignKey(
        Subscription, verbose_name=_("abonnement"), on_delete=models.CASCADE, related_name="notices"
    )
    change = models.CharField(_("wijziging"), max_length=60)
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    state = models.CharField(
        _("stand"), max_length=10, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    #: When it may be tried (again); while it is being sent: when a claim is stale.
    due_at = models.DateTimeField(_("te proberen vanaf"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("bericht over een wijziging")
        verbose_name_plural = _("berichten over wijzigingen")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "change"], name="notice_once_per_change"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subscription_id}: {self.change}"
