"""Who decides: municipalities, their councils and colleges, regelingen and their boards."""

import datetime
from collections.abc import Iterable
from fractions import Fraction

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from councils import weighting
from gr_portal.core.choices import AmendmentRule, BodyKind, RegelingKind, Reliability
from gr_portal.core.history import PortalHistory
from gr_portal.core.limits import NOTE_TEXT, SHORT_TEXT, text_limit
from gr_portal.core.periods import validate_historic_date, validate_plausible_date


class AreaType(models.TextChoices):
    URBAN = "urban", _("stedelijk")
    POLDER = "polder", _("polder")


class MunicipalityQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None):
        """The municipalities that exist on `on` (today by default): not yet ended on that day."""
        on = on or timezone.localdate()
        return self.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))


class Municipality(models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("naam in de URL"), max_length=100, unique=True)
    cbs_code = models.CharField(
        _("CBS-code"), max_length=6, unique=True, help_text=_("GM en vier cijfers, bijv. GM0505.")
    )
    population = models.PositiveIntegerField(_("inwonertal"), null=True, blank=True)
    population_date = models.DateField(
        _("peildatum inwonertal"), null=True, blank=True, validators=[validate_historic_date]
    )
    population_reliability = models.CharField(
        _("betrouwbaarheid inwonertal"),
        max_length=20,
        choices=Reliability.choices,
        default=Reliability.ESTIMATE,
    )
    population_source = models.TextField(_("bron inwonertal"), blank=True, **text_limit(SHORT_TEXT))
    # The national register does not say whether a municipality is urban or polder; only the
    # regelingen that weigh their participants by it need to know.
    area_type = models.CharField(
        _("type gebied"), max_length=10, choices=AreaType.choices, blank=True
    )
    # A merged municipality keeps its row and its CBS code, so that what it decided before the
    # merger, and the regelingen it took part in, stay as they were.
    ended_on = models.DateField(
        _("opgeheven op"),
        validators=[validate_historic_date],
        null=True,
        blank=True,
        help_text=_("De dag van de herindeling: vanaf die dag bestaat de gemeente niet meer."),
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("opgevolgd door"),
        on_delete=models.PROTECT,
        related_name="predecessors",
        null=True,
        blank=True,
    )

    objects = MunicipalityQuerySet.as_manager()
    history = PortalHistory()

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cbs_code__regex=r"^GM[0-9]{4}$"),
                name="municipality_cbs_code_format",
                violation_error_message=_(
                    "Een CBS-code bestaat uit GM en vier cijfers, bijvoorbeeld GM0505."
                ),
            ),
            models.CheckConstraint(
                condition=Q(successor__isnull=True) | Q(ended_on__isnull=False),
                name="municipality_successor_needs_end",
                violation_error_message=_(
                    "Een gemeente met een opvolger is opgeheven: vul ook de datum van opheffing in."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("municipality_detail", args=[self.slug])

    @property
    def population_is_estimate(self) -> bool:
        return self.population_reliability != Reliability.OFFICIAL


class Regeling(models.Model):
    """A gemeenschappelijke regeling (Wgr)."""

    Kind = RegelingKind

    name = models.CharField(_("naam"), max_length=200, unique=True)
    short_name = models.CharField(_("korte naam"), max_length=60, unique=True)
    slug = models.SlugField(_("naam in de URL"), max_length=60, unique=True)
    kind = models.CharField(_("soort regeling"), max_length=10, choices=Kind.choices)
    executing_body = models.CharField(_("uitvoeringsorganisatie"), max_length=200, blank=True)
    participants = models.ManyToManyField(
        Municipality, verbose_name=_("deelnemers"), related_name="regelingen", blank=True
    )
    amendment_rule = models.CharField(
        _("wijziging treedt in werking bij besluit van"),
        max_length=20,
        choices=AmendmentRule.choices,
        default=AmendmentRule.ALL_PARTICIPANTS,
        help_text=_("De regel uit het wijzigingsartikel van de regeling zelf."),
    )
    signed_on = models.DateField(
        _("ondertekend op"), null=True, blank=True, validators=[validate_historic_date]
    )
    in_force_since = models.DateField(
        _("in werking sinds"), null=True, blank=True, validators=[validate_historic_date]
    )
    sources = models.TextField(_("bronnen"), blank=True, **text_limit(NOTE_TEXT))
    ab_weighting = models.CharField(
        _("stemverhouding in het algemeen bestuur"),
        max_length=20,
        choices=list(weighting.METHODS.items()),
        default=weighting.EQUAL,
        help_text=_(
            "Zoals het stemartikel van de regeling het zegt; bij ‘zoals de regeling ze "
            "vastlegt’ staan de gewichten per deelnemer hieronder."
        ),
    )

    history = PortalHistory(m2m_fields=[participants])

    class Meta:
        verbose_name = _("gemeenschappelijke regeling")
        verbose_name_plural = _("gemeenschappelijke regelingen")
        ordering = ["short_name"]

    def __str__(self) -> str:
        return self.short_name

    def get_absolute_url(self) -> str:
        return reverse("regeling_detail", args=[self.slug])

    def ab_weights(self, participants: list[Municipality] | None = None) -> dict[int, Fraction]:
        """Each participant's votes in the algemeen bestuur under the regeling's own method
        (councils.weighting), by municipality id. Two queries (one with `participants` given);
        ValueError when a weight cannot be derived (a population or a stated weight is
        missing)."""
        if participants is None:
            participants = list(self.participants.all())
        stated = {w.municipality_id: Fraction(w.votes) for w in self.weights.all()}
        people = [
            weighting.Participant(
                name=str(m.pk),
                bloc=m.area_type,
                population=m.population,
                stated_weight=stated.get(m.pk),
            )
            for m in participants
        ]
        weighted = weighting.weights(self.ab_weighting, people)
        return {m.pk: weighted[str(m.pk)] for m in participants}


class StatedWeight(models.Model):
    """A participant's votes in the regeling's algemeen bestuur, as the regeling states them
    (used when its ab_weighting is 'stated')."""

    regeling = models.ForeignKey(
        Regeling, verbose_name=_("regeling"), on_delete=models.CASCADE, related_name="weights"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.CASCADE, related_name="+"
    )
    votes = models.PositiveIntegerField(_("stemmen"))
    source = models.TextField(_("bron"), blank=True, **text_limit(SHORT_TEXT))

    history = PortalHistory()

    class Meta:
        verbose_name = _("stemgewicht")
        verbose_name_plural = _("stemgewichten")
        ordering = ["regeling", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["regeling", "municipality"], name="one_stated_weight_per_participant"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.votes}"


class BodyQuerySet(models.QuerySet):
    def councils(self):
        return self.filter(kind=Body.Kind.COUNCIL)

    def executives(self):
        return self.filter(kind=Body.Kind.EXECUTIVE)

    def of_municipalities(self):
        return self.filter(municipality__isnull=False)


class Body(models.Model):
    """An organ that decides: a council or college of a municipality, or a board of a regeling."""

    Kind = BodyKind

    MUNICIPAL_KINDS = (Kind.COUNCIL, Kind.EXECUTIVE)
    REGELING_KINDS = (Kind.GENERAL_BOARD, Kind.EXECUTIVE_BOARD)

    kind = models.CharField(_("soort bestuursorgaan"), max_length=20, choices=Kind.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="bodies",
        null=True,
        blank=True,
    )
    regeling = models.ForeignKey(
        Regeling,
        verbose_name=_("regeling"),
        on_delete=models.PROTECT,
        related_name="bodies",
        null=True,
        blank=True,
    )

    objects = BodyQuerySet.as_manager()
    history = PortalHistory()

    class Meta:
        verbose_name = _("bestuursorgaan")
        verbose_name_plural = _("bestuursorganen")
        ordering = ["municipality__name", "regeling__short_name", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind__in=["council", "executive"], municipality__isnull=False, regeling=None)
                    | Q(
                        kind__in=["general_board", "executive_board"],
                        regeling__isnull=False,
                        municipality=None,
                    )
                ),
                name="body_belongs_to_municipality_or_regeling",
                violation_error_message=_(
                    "Een raad of college hoort bij een gemeente, een algemeen of dagelijks bestuur "
                    "bij een regeling."
                ),
            ),
            models.UniqueConstraint(
                fields=["municipality", "kind"],
                condition=Q(municipality__isnull=False),
                name="body_unique_per_municipality",
                violation_error_message=_(
                    "Deze gemeente heeft al een bestuursorgaan van deze soort."
                ),
            ),
            models.UniqueConstraint(
                fields=["regeling", "kind"],
                condition=Q(regeling__isnull=False),
                name="body_unique_per_regeling",
                violation_error_message=_(
                    "Deze regeling heeft al een bestuursorgaan van deze soort."
                ),
            ),
        ]

    def __str__(self) -> str:
        owner = self.municipality or self.regeling
        return f"{capfirst(self.get_kind_display())} {owner}"

    @property
    def is_council(self) -> bool:
        return self.kind == self.Kind.COUNCIL

    @property
    def short_label(self) -> str:
        """'raad' / 'college' / 'AB' / 'DB': the column headings of the status matrix."""
        labels = {
            self.Kind.COUNCIL: _("raad"),
            self.Kind.EXECUTIVE: _("college"),
            self.Kind.GENERAL_BOARD: _("AB"),
            self.Kind.EXECUTIVE_BOARD: _("DB"),
        }
        return str(labels[self.Kind(self.kind)])


class CouncilTermQuerySet(models.QuerySet):
    def covering(self, municipality_id: int | None, day):
        """The term of that municipality's council in which `day` falls."""
        return self.filter(municipality_id=municipality_id, starts_on__lte=day, ends_on__gt=day)


class CouncilTerm(models.Model):
    """A council's four-year term, with the number of seats fixed by Gemeentewet art. 8."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="terms"
    )
    starts_on = models.DateField(_("begint op"), validators=[validate_historic_date])
    ends_on = models.DateField(_("eindigt op"), validators=[validate_historic_date])
    size = models.PositiveSmallIntegerField(_("aantal zetels"))
    vacant_seats = models.PositiveSmallIntegerField(_("vacante zetels"), default=0)
    composition_reliability = models.CharField(
        _("betrouwbaarheid zetelverdeling"),
        max_length=20,
        choices=Reliability.choices,
        default=Reliability.UNVERIFIED,
    )
    composition_source = models.TextField(
        _("bron zetelverdeling"), blank=True, **text_limit(SHORT_TEXT)
    )

    objects = CouncilTermQuerySet.as_manager()
    history = PortalHistory()

    class Meta:
        verbose_name = _("raadsperiode")
        verbose_name_plural = _("raadsperioden")
        ordering = ["municipality__name", "-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "starts_on"], name="term_unique_start_per_municipality"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")),
                name="term_ends_after_start",
                violation_error_message=_("Een raadsperiode moet eindigen na haar begin."),
            ),
            models.CheckConstraint(
                condition=Q(size__gt=0),
                name="term_size_positive",
                violation_error_message=_("Een raad heeft ten minste één zetel."),
            ),
            models.CheckConstraint(
                condition=Q(vacant_seats__lte=F("size")),
                name="term_vacancies_within_size",
                violation_error_message=_(
                    "Er kunnen niet meer zetels vacant zijn dan de raad telt."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.starts_on.year}–{self.ends_on.year}"

    @property
    def sitting_members(self) -> int:
        return self.size - self.vacant_seats

    def sitting_on(self, day: datetime.date) -> int:
        """The members with a seat on `day`: counted from the recorded members when the term
        has any (vacancies are then the seats nobody holds), else seats minus vacant seats."""
        members = self.members.all()
        if not members.exists():
            return self.sitting_members
        return members.sitting_on(day).count()

    def vacancies_on(self, day: datetime.date) -> int:
        """Seats nobody holds on `day` (derived from the members; see sitting_on)."""
        return self.size - self.sitting_on(day)

    def covers(self, day) -> bool:
        return self.starts_on <= day < self.ends_on

    def seat_errors(self, fractie_seats: Iterable[int], vacant_seats: int | None = None) -> list:
        """Messages when the fracties' seats plus vacancies do not add up to the council size."""
        vacant = self.vacant_seats if vacant_seats is None else vacant_seats
        taken = sum(fractie_seats)
        if taken + vacant == self.size:
            return []
        return [
            _(
                "De fracties hebben samen %(taken)s zetels en er zijn %(vacant)s vacant: samen "
                "%(total)s, maar de raad telt %(size)s zetels."
            )
            % {"taken": taken, "vacant": vacant, "total": taken + vacant, "size": self.size}
        ]

    def validate_composition(
        self, fractie_seats: Iterable[int] | None = None, vacant_seats: int | None = None
    ) -> None:
        """Refuse a composition whose seats plus vacancies differ from the council size.

        The sum spans several rows, which a CHECK constraint cannot see, so it is not part of
        clean(): a term is edited together with its fracties, and every write path (the admin's
        fractie formset, the fractie form, the dataset loader) passes the composition it is
        about to save. Without arguments the stored fracties and vacancies are checked.
        """
        if fractie_seats is None:
            fractie_seats = self.fracties.values_list("seats", flat=True)
        errors = self.seat_errors(fractie_seats, vacant_seats)
        if errors:
            raise ValidationError(errors)


class Fractie(models.Model):
    """A party group in a council term. A member who splits off forms a new fractie."""

    term = models.ForeignKey(
        CouncilTerm,
        verbose_name=_("raadsperiode"),
        on_delete=models.CASCADE,
        related_name="fracties",
    )
    name = models.CharField(_("naam"), max_length=120)
    seats = models.PositiveSmallIntegerField(_("zetels"))
    split_from = models.ForeignKey(
        "self",
        verbose_name=_("afgesplitst van"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="splits",
    )
    formed_on = models.DateField(
        _("ontstaan op"), null=True, blank=True, validators=[validate_historic_date]
    )

    history = PortalHistory()

    class Meta:
        verbose_name = _("fractie")
        verbose_name_plural = _("fracties")
        ordering = ["-seats", "name"]
        constraints = [
            models.UniqueConstraint(fields=["term", "name"], name="fractie_unique_name_per_term"),
            models.CheckConstraint(
                condition=~Q(split_from=F("pk")),
                name="fractie_not_split_from_itself",
                violation_error_message=_("Een fractie kan niet van zichzelf afsplitsen."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def named_memberships(self) -> list:
        """Its members' periods whose member a source names (reads prefetched memberships)."""
        return [m for m in self.memberships.all() if m.member.name]

    @property
    def unnamed_memberships(self) -> int:
        """How many of its members' periods have no known name (reads prefetched ones)."""
        return sum(1 for m in self.memberships.all() if not m.member.name)

    def clean(self) -> None:
        super().clean()
        split_from = self.split_from if self.split_from_id else None
        if split_from is not None and split_from.term_id != self.term_id:
            raise ValidationError(
                {"split_from": _("Een fractie kan alleen afsplitsen binnen dezelfde raadsperiode.")}
            )


class Meeting(models.Model):
    class Kind(models.TextChoices):
        REGULAR = "regular", _("vergadering")
        COMMITTEE = "committee", _("commissievergadering")
        INFORMATION = "information", _("informatiebijeenkomst")
        WALK_IN = "walk_in", _("inloopavond")

    body = models.ForeignKey(
        Body, verbose_name=_("bestuursorgaan"), on_delete=models.PROTECT, related_name="meetings"
    )
    starts_at = models.DateTimeField(_("datum en tijd"), validators=[validate_plausible_date])
    kind = models.CharField(
        _("soort bijeenkomst"), max_length=20, choices=Kind.choices, default=Kind.REGULAR
    )
    location = models.CharField(_("plaats"), max_length=200, blank=True)
    title = models.CharField(_("omschrijving"), max_length=200, blank=True)
    opened = models.BooleanField(
        _("geopend"),
        default=True,
        help_text=_(
            "Nee: de vergadering kon niet worden geopend, omdat niet meer dan de helft van de "
            "zitting hebbende leden aanwezig was (Gemeentewet art. 20 lid 1)."
        ),
    )
    reconvened_from = models.ForeignKey(
        "self",
        verbose_name=_("opnieuw belegd na"),
        on_delete=models.PROTECT,
        related_name="reconvened_as",
        null=True,
        blank=True,
        help_text=_(
            "De vergadering die niet kon worden geopend; over de onderwerpen daarvan kan deze "
            "vergadering zonder quorum besluiten (Gemeentewet art. 20 lid 2 en 3)."
        ),
    )

    history = PortalHistory()

    class Meta:
        verbose_name = _("vergadering")
        verbose_name_plural = _("vergaderingen")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["body", "starts_at"], name="meeting_body_start")]

    def __str__(self) -> str:
        day = date_format(timezone.localtime(self.starts_at), "j F Y")
        return f"{capfirst(self.get_kind_display())} {self.body}, {day}"

    @property
    def day(self) -> datetime.date:
        return timezone.localdate(self.starts_at)

    def clean(self) -> None:
        super().clean()
        source = self.reconvened_from if self.reconvened_from_id else None
        if source is None:
            return
        if source.body_id != self.body_id or source.opened:
            raise ValidationError(
                {
                    "reconvened_from": _(
                        "Alleen een vergadering van hetzelfde orgaan die niet kon worden "
                        "geopend, wordt opnieuw belegd (Gemeentewet art. 20 lid 2)."
                    )
                }
            )
        if self.starts_at and source.starts_at and self.starts_at <= source.starts_at:
            raise ValidationError(
                {"starts_at": _("Een opnieuw belegde vergadering komt na de oorspronkelijke.")}
            )


class MemberQuerySet(models.QuerySet):
    def sitting_on(self, day: datetime.date):
        """The members who had a seat that day (installed on or before it, not yet left)."""
        return self.filter(starts_on__lte=day).filter(Q(ends_on__isnull=True) | Q(ends_on__gt=day))


class Member(models.Model):
    """A raadslid: a member of a council in one term, from the day of installation until the
    day the seat was left (resigned, appointed wethouder, died); the fractie is recorded per
    period (FractieMembership), because a member may split off.

    The name is left empty where no public source names the member: the seat is then known,
    the person not, and the pages say so. Names made up for the demo or the benchmarks are
    marked `generated`.
    """

    term = models.ForeignKey(
        CouncilTerm,
        verbose_name=_("raadsperiode"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    name = models.CharField(_("naam"), max_length=120, blank=True)
    key = models.SlugField(
        _("sleutel"),
        max_length=120,
        blank=True,
        help_text=_("Vaste sleutel van een geladen raadslid, zodat opnieuw laden niets dubbelt."),
    )
    starts_on = models.DateField(_("lid vanaf"), validators=[validate_historic_date])
    ends_on = models.DateField(
        _("lid tot"), null=True, blank=True, validators=[validate_historic_date]
    )
    source = models.TextField(_("bron"), blank=True, **text_limit(SHORT_TEXT))
    reliability = models.CharField(
        _("betrouwbaarheid"),
        max_length=20,
        choices=Reliability.choices,
        default=Reliability.UNVERIFIED,
    )
    generated = models.BooleanField(
        _("verzonnen naam"),
        default=False,
        help_text=_("Een naam voor een demonstratie of een meting, geen echt persoon."),
    )

    objects = MemberQuerySet.as_manager()
    history = PortalHistory()

    class Meta:
        verbose_name = _("raadslid")
        verbose_name_plural = _("raadsleden")
        ordering = ["term", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=F("starts_on")),
                name="member_ends_after_start",
                violation_error_message=_("Een lidmaatschap eindigt na zijn begin."),
            ),
            models.UniqueConstraint(
                fields=["term", "key"],
                condition=~Q(key=""),
                name="member_key_unique_per_term",
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(_("raadslid (naam niet bekend)"))

    @property
    def name_known(self) -> bool:
        return bool(self.name)

    def sits_on(self, day: datetime.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day < self.ends_on)

    def fractie_on(self, day: datetime.date) -> Fractie | None:
        """The fractie the member belonged to that day (reads prefetched memberships)."""
        for membership in self.fractie_memberships.all():
            if membership.covers(day):
                return membership.fractie
        return None

    def clean(self) -> None:
        super().clean()
        term = self.term if self.term_id else None
        if term is None:
            return
        if self.starts_on and not term.starts_on <= self.starts_on < term.ends_on:
            raise ValidationError(
                {"starts_on": _("Een raadslid wordt geïnstalleerd binnen de raadsperiode.")}
            )


class FractieMembership(models.Model):
    """A member in a fractie for a period: a member who splits off starts a new period in the
    new fractie on the day of the split."""

    member = models.ForeignKey(
        Member,
        verbose_name=_("raadslid"),
        on_delete=models.CASCADE,
        related_name="fractie_memberships",
    )
    fractie = models.ForeignKey(
        Fractie, verbose_name=_("fractie"), on_delete=models.PROTECT, related_name="memberships"
    )
    starts_on = models.DateField(_("vanaf"), validators=[validate_historic_date])
    ends_on = models.DateField(_("tot"), null=True, blank=True, validators=[validate_historic_date])

    history = PortalHistory()

    class Meta:
        verbose_name = _("fractielidmaatschap")
        verbose_name_plural = _("fractielidmaatschappen")
        ordering = ["member", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=F("starts_on")),
                name="fractie_membership_ends_after_start",
                violation_error_message=_("Een fractielidmaatschap eindigt na zijn begin."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.fractie}"

    def covers(self, day: datetime.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day < self.ends_on)

    def clean(self) -> None:
        super().clean()
        member = self.member if self.member_id else None
        fractie = self.fractie if self.fractie_id else None
        if member is not None and fractie is not None and fractie.term_id != member.term_id:
            raise ValidationError(
                {"fractie": _("De fractie hoort bij een andere raadsperiode dan het raadslid.")}
            )


class ExecutiveMember(models.Model):
    """A member of the college (burgemeester, wethouder) or its secretary, for a period: who
    signs the municipality's raadsbrieven on a given day."""

    class Role(models.TextChoices):
        MAYOR = "mayor", _("burgemeester")
        ALDERMAN = "alderman", _("wethouder")
        SECRETARY = "secretary", _("gemeentesecretaris")

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="executive_members",
    )
    role = models.CharField(_("functie"), max_length=20, choices=Role.choices)
    name = models.CharField(_("naam"), max_length=120)
    party = models.CharField(_("partij"), max_length=120, blank=True)
    starts_on = models.DateField(
        _("vanaf"), null=True, blank=True, validators=[validate_historic_date]
    )
    ends_on = models.DateField(_("tot"), null=True, blank=True, validators=[validate_historic_date])
    source = models.TextField(_("bron"), blank=True, **text_limit(SHORT_TEXT))
    reliability = models.CharField(
        _("betrouwbaarheid"),
        max_length=20,
        choices=Reliability.choices,
        default=Reliability.PRESS,
    )
    generated = models.BooleanField(
        _("verzonnen naam"),
        default=False,
        help_text=_("Een naam voor een demonstratie of een meting, geen echt persoon."),
    )

    history = PortalHistory()

    class Meta:
        verbose_name = _("collegelid of secretaris")
        verbose_name_plural = _("collegeleden en secretarissen")
        ordering = ["municipality__name", "role", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gt=F("starts_on")),
                name="executive_member_ends_after_start",
                violation_error_message=_("Een functie eindigt na haar begin."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()}, {self.municipality})"

    def serves_on(self, day: datetime.date) -> bool:
        return (self.starts_on is None or self.starts_on <= day) and (
            self.ends_on is None or day < self.ends_on
        )


class Attendance(models.Model):
    """The presentielijst of a meeting: each member's presence when the meeting opened.

    The quorum to open (Gemeentewet art. 20 lid 1) is counted from it; the votes in the meeting
    start from it (each vote records who took part, abstained or was absent at that moment).
    """

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("vergadering"), on_delete=models.CASCADE, related_name="attendance"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("raadslid"), on_delete=models.PROTECT, related_name="attendance"
    )
    present = models.BooleanField(_("aanwezig"))

    history = PortalHistory()

    class Meta:
        verbose_name = _("presentie")
        verbose_name_plural = _("presentielijst")
        ordering = ["meeting", "member"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"],
                name="attendance_unique_per_member",
                violation_error_message=_("Dit raadslid staat al op de presentielijst."),
            ),
        ]

    def __str__(self) -> str:
        state = _("aanwezig") if self.present else _("afwezig")
        return f"{self.member}: {state}"


class ClerkMembership(models.Model):
    """Ties a user to the griffie of a municipality: what that clerk may record."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="clerk_memberships",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="clerk_memberships",
    )

    history = PortalHistory()

    class Meta:
        verbose_name = _("griffielidmaatschap")
        verbose_name_plural = _("griffielidmaatschappen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"], name="clerk_membership_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.municipality}"


class OfficeMembership(models.Model):
    """Ties a programmabureau account to a regeling it serves: it maintains that regeling's
    processes, decisions, milestones and letters, and no other regeling's."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="office_memberships",
    )
    regeling = models.ForeignKey(
        Regeling,
        verbose_name=_("regeling"),
        on_delete=models.CASCADE,
        related_name="office_memberships",
    )

    history = PortalHistory()

    class Meta:
        verbose_name = _("lidmaatschap programmabureau")
        verbose_name_plural = _("lidmaatschappen programmabureau")
        constraints = [
            models.UniqueConstraint(fields=["user", "regeling"], name="office_membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.regeling}"


class CouncillorMembership(models.Model):
    """Ties a raadslid's account to the municipality whose council they sit on: the portal shows
    that municipality's processes first. It grants nothing beyond the role."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="councillor_memberships",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="councillor_memberships",
    )

    history = PortalHistory()

    class Meta:
        verbose_name = _("raadslidmaatschap (account)")
        verbose_name_plural = _("raadslidmaatschappen (accounts)")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"], name="councillor_membership_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.municipality}"
