"""Synthetic data at national scale, for benchmarks and for the tests that pin query counts.

`build(scale)` adds, on top of whatever the database holds (normally the real Drechtsteden data),
what `scale` more "Drechtsteden" would bring: 7*scale municipalities with a council, a college and
a 2022-2026 term whose fracties fill every seat; 3*scale regelingen of 5 to 30 participants (drawn
from all municipalities, the real ones included); `scale` published processes with about three
decisions each, every participant's college and council treating each decision; and, for the part
of those treatments already behind us, meetings, outcomes, votes per fractie, amendments, motions,
zienswijzen, griffie checks and milestones. Fifty times the real data is build(49) on top of it:
350 municipalities, about as many as the Netherlands has (342 in 2024).

Everything is deterministic (one random.Random(seed)) and written with bulk_create, history
included (simple_history's bulk_create_with_history), so 50x takes seconds rather than minutes.
The rows satisfy the database constraints (the inserts would fail otherwise) and the rules in
Python that bulk_create skips: fracties' seats plus vacancies equal the council size (Gemeentewet
art. 8), every vote's outcome is the one decisions.rules.derive_outcome gives, meetings fall after
the decision was introduced and inside the council term. tests/bench/test_synthetic.py checks a
sample with full_clean().
"""

import datetime
import math
import random
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst, slugify
from simple_history.utils import bulk_create_with_history

from councils.models import (
    AreaType,
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
    Vote,
)
from decisions.rules import FractieCount, council_size_for_population, derive_outcome
from gr_portal.core.choices import (
    AmendmentRule,
    Outcome,
    Precision,
    ProcessKind,
    Reliability,
    VoteMethod,
)
from gr_portal.core.models import bump
from milestones.models import Milestone

CHANGE_REASON = "Synthetische gegevens (bench/synthetic.py)"
SOURCE = "Synthetisch (bench/synthetic.py): geen echte gegevens."
CHECKER_USERNAME = "synthetische-griffie"
BATCH_SIZE = 1000

# The council term of the 2022 elections, as in the real data; meetings stay inside it.
TERM_START = datetime.date(2022, 3, 30)
TERM_END = datetime.date(2026, 4, 1)
LAST_MEETING = datetime.date(2026, 3, 12)
FIRST_PROCESS_START = datetime.date(2022, 5, 1)
LAST_PROCESS_START = datetime.date(2025, 4, 1)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_ROOTS = _words(
    "Aal Beek Berg Bever Bos Brem Broek Dal Dijk Eem Elst Ganze Geest Gouw Haar Harder Heem "
    "Hil Hoog Hout Kerk Laar Lange Leid Lier Maas Meer Mid Mol Nij Noord Oost Ouder Putte "
    "Ried Rijs Roo Schoon Stad Steen Swol Ter Twee Valk Vliet Vlo Wad Wal Wester Wijn Zand "
    "Zee Zuid"
)
_SUFFIXES = _words(
    "dam drecht wijk horst veen hoven rade broek dijk berg lo wolde meer sloot gat hem kerk "
    "zande haar stein burg lage oord mond zijl endrecht enhout"
)
# Generated names for the synthetic councils' members (Member.generated): nobody real.
_GIVEN_NAMES = _words(
    "Anne Bas Carla Daan Eva Femke Gert Hanna Ilse Jan Karin Lars Marit Noor Olaf Pim Rianne "
    "Sanne Thijs Uma Vera Willem Yara Zeger"
)
_FAMILY_NAMES = _words(
    "Bakker Bos Brouwer Dekker Hendriks Jansen Kok Koster Meijer Mulder Peters Post Smit Visser "
    "Vos Willems"
)
_NATIONAL_PARTIES = (
    *_words("VVD CDA PvdA GroenLinks D66 SP ChristenUnie SGP PVV JA21 Volt BBB 50PLUS DENK"),
    "Partij voor de Dieren",
    "PvdA-GroenLinks",
)
_LOCAL_PARTIES = (
    "Lokaal {name}",
    "{name} Belang",
    "Gemeentebelangen {name}",
    "Leefbaar {name}",
    "Onafhankelijk {name}",
)


@dataclass(frozen=True)
class _Theme:
    short: str
    long: str
    executor: str
    kind: str


_THEMES = (
    _Theme("VR", "Gemeenschappelijke regeling Veiligheidsregio", "Veiligheidsregio", "mixed"),
    _Theme("GGD", "Gemeenschappelijke regeling GGD", "GGD", "college"),
    _Theme("OD", "Gemeenschappelijke regeling Omgevingsdienst", "Omgevingsdienst", "college"),
    _Theme("Sociaal", "Gemeenschappelijke regeling Sociaal", "Sociale Dienst", "college"),
    _Theme("Belastingen", "Gemeenschappelijke regeling Belastingen", "Belastingkantoor", "college"),
    _Theme("Afval", "Gemeenschappelijke regeling Afvalbeheer", "Afvalbedrijf", "college"),
    _Theme("Werk", "Gemeenschappelijke regeling Werkvoorziening", "Werkbedrijf", "college"),
    _Theme("Recreatie", "Gemeenschappelijke regeling Recreatieschap", "Recreatieschap", "mixed"),
    _Theme("ICT", "Gemeenschappelijke regeling ICT-samenwerking", "ICT-samenwerking", "college"),
    _Theme(
        "Archief", "Gemeenschappelijke regeling Regionaal Archief", "Regionaal Archief", "mixed"
    ),
    _Theme("Leerplicht", "Gemeenschappelijke regeling Leerplicht", "Bureau Leerplicht", "college"),
    _Theme("Jeugd", "Gemeenschappelijke regeling Jeugdhulp", "Serviceorganisatie Jeugd", "college"),
    _Theme(
        "Vervoer", "Gemeenschappelijke regeling Doelgroepenvervoer", "Vervoercentrale", "college"
    ),
    _Theme("Regio", "Gemeenschappelijke regeling Regio", "Regiobureau", "council"),
)

# How each kind of decision is treated: (college's purpose, council's purpose), as in the real data.
_PURPOSES = {
    Decision.Kind.PRINCIPLE: (Treatment.Purpose.DECISION, Treatment.Purpose.NOTICE),
    Decision.Kind.DRAFT_TEXT: (Treatment.Purpose.DECISION, Treatment.Purpose.OPINION),
    Decision.Kind.FINAL_TEXT: (Treatment.Purpose.DECISION, Treatment.Purpose.CONSENT),
    Decision.Kind.BUDGET: (Treatment.Purpose.NOTICE, Treatment.Purpose.OPINION),
    Decision.Kind.CONSENT: (Treatment.Purpose.DECISION, Treatment.Purpose.CONSENT),
}
# The steps of a process, with how often each shape occurs (three decisions on average).
_PROCESS_SHAPES = (
    ("merger", 4, (Decision.Kind.PRINCIPLE, Decision.Kind.DRAFT_TEXT, Decision.Kind.FINAL_TEXT)),
    ("amendment", 3, (Decision.Kind.DRAFT_TEXT, Decision.Kind.FINAL_TEXT)),
    (
        "budget",
        2,
        (
            Decision.Kind.BUDGET,
            Decision.Kind.DRAFT_TEXT,
            Decision.Kind.FINAL_TEXT,
            Decision.Kind.BUDGET,
        ),
    ),
    ("accession", 1, (Decision.Kind.PRINCIPLE, Decision.Kind.CONSENT)),
)
_SENTENCES = (
    "Het algemeen bestuur bestaat uit {members} leden: één lid per deelnemende gemeente.",
    "De deelnemers dragen bij in de kosten naar rato van het aantal inwoners op 1 januari van "
    "het voorafgaande jaar.",
    "Het dagelijks bestuur zendt de ontwerpbegroting twaalf weken voordat het algemeen bestuur "
    "haar vaststelt aan de raden van de deelnemende gemeenten.",
    "De raden kunnen binnen acht weken hun zienswijze over de ontwerpbegroting naar voren brengen.",
    "{executor} voert de taken van de regeling uit en legt daarover jaarlijks verantwoording af.",
    "Een deelnemer kan uittreden met ingang van 1 januari, na een opzegtermijn van twee jaar.",
    "Het algemeen bestuur stelt na overleg met de uittredende deelnemer een uittreedsom vast.",
    "De regeling wordt iedere vier jaar geëvalueerd; de raden worden bij de evaluatie betrokken.",
    "Het dagelijks bestuur informeert de raden ten minste twee keer per jaar over de voortgang.",
    "In het algemeen bestuur wordt zoveel mogelijk bij consensus besloten.",
    "Wordt gestemd, dan heeft elk lid een aantal stemmen naar het inwonertal van zijn gemeente.",
    "Wijziging van de regeling treedt in werking wanneer {rule} daartoe hebben besloten.",
    "Deze regeling treedt in werking met ingang van de dag na bekendmaking.",
    "De samenvoeging van de regelingen leidt tot één bestuurlijke aansturing en één organisatie.",
    "Het personeel gaat met behoud van rechtspositie over naar {executor}.",
)
_CHANGES = (
    ("twaalf weken", "zestien weken"),
    ("acht weken", "twaalf weken"),
    ("twee jaar", "drie jaar"),
    ("iedere vier jaar", "iedere drie jaar"),
    ("twee keer per jaar", "vier keer per jaar"),
    ("zoveel mogelijk bij consensus", "bij gewone meerderheid"),
)
_AMENDMENT_TITLES = (
    "Rol van de raad",
    "Evaluatie na twee jaar",
    "Financiële kaders",
    "Zeggenschap van de raden",
    "Informatievoorziening aan de raad",
    "Rechtspositie van het personeel",
    "Uittreedsom",
    "Stemverhouding in het algemeen bestuur",
)
_MOTION_TITLES = (
    "Betrek inwoners bij de evaluatie",
    "Werkgelegenheid in de regio",
    "Regionale raadsledenbijeenkomst",
    "Monitor de kosten per inwoner",
    "Medewerkers centraal",
    "Lokale inkoop",
)


@dataclass
class _Place:
    """A municipality as the builder needs it: its bodies, its term and that term's fracties."""

    municipality: Municipality
    council: Body
    executive: Body
    term: CouncilTerm
    fracties: list[Fractie]
    council_week: int  # the council meets on the nth Thursday of the month

    @property
    def name(self) -> str:
        return self.municipality.name


@dataclass
class _Step:
    """One decision with the regeling's participants, as the treatments are planned."""

    decision: Decision
    versions: list[DecisionVersion]
    places: list[_Place]
    share_recorded: float
    treatments: dict[tuple[int, str], list[Treatment]] = field(default_factory=dict)


@dataclass
class _Records:
    """What the meetings recorded, gathered before it is written in dependency order."""

    treatments: list[Treatment] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)
    fractie_votes: list[FractieVote] = field(default_factory=list)
    amendments: list[Amendment] = field(default_factory=list)
    motions: list[Motion] = field(default_factory=list)
    sponsors: list[tuple[Amendment | Motion, Fractie]] = field(default_factory=list)
    opinions: list[Opinion] = field(default_factory=list)
    checks: list[RecordCheck] = field(default_factory=list)
    _checker: object = None

    def checker(self):
        """The (inactive) clerk account that the synthetic griffie checks are recorded by."""
        if self._checker is None:
            user, created = get_user_model().objects.get_or_create(
                username=CHECKER_USERNAME, defaults={"is_active": False}
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
            self._checker = user
        return self._checker


def build(scale: int, *, seed: int = 2022) -> dict[str, int]:
    """Add `scale` times the Drechtsteden volume of synthetic, published data; return the counts.

    Names, CBS codes and slugs already in the database are avoided, so build() may run on top
    of the real data and more than once (with another seed for other data).
    """
    if scale < 1:
        raise ValueError(f"scale must be at least 1, got {scale}")
    with transaction.atomic():
        counts = _Builder(random.Random(seed)).run(scale)
        bump()  # written in bulk, which sends no signals: the page cache must see it
        return counts


def _at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> datetime.date:
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def _next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def _unique(base: str, taken: set[str], max_length: int, separator: str = " ") -> str:
    """`base`, or `base` with a number, cut to `max_length` and not yet in `taken` (which grows)."""
    candidate = base[:max_length]
    number = 2
    while candidate in taken:
        suffix = f"{separator}{number}"
        candidate = base[: max_length - len(suffix)] + suffix
        number += 1
    taken.add(candidate)
    return candidate


class _Builder:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.counts: Counter[str] = Counter()
        self.meetings: dict[tuple[int, datetime.date], Meeting] = {}

    # --- saving ---------------------------------------------------------------------------

    def _save(self, model, objects, count_as: str | None = None) -> list:
        """Insert in bulk with one history row each, dated by `_history_date` where set."""
        if objects:
            bulk_create_with_history(
                objects, model, batch_size=BATCH_SIZE, default_change_reason=CHANGE_REASON
            )
        if count_as:
            self.counts[count_as] += len(objects)
        return objects

    @staticmethod
    def _link(through, rows) -> None:
        through.objects.bulk_create(rows, batch_size=BATCH_SIZE)

    # --- the steps ------------------------------------------------------------------------

    def run(self, scale: int) -> dict[str, int]:
        places = self._existing_places() + self._new_places(7 * scale)
        regelingen = self._regelingen(3 * scale, places)
        steps = self._processes(scale, regelingen)
        self._records(steps)
        self._milestones(steps)
        return dict(self.counts)

    def _existing_places(self) -> list[_Place]:
        """Municipalities already in the database whose council sits through the 2022 term."""
        terms = {
            term.municipality_id: term
            for term in CouncilTerm.objects.filter(
                starts_on__lte=FIRST_PROCESS_START, ends_on__gt=LAST_MEETING
            ).prefetch_related("fracties")
        }
        bodies = {
            (body.municipality_id, body.kind): body
            for body in Body.objects.of_municipalities().select_related("municipality")
        }
        places = []
        for municipality in Municipality.objects.order_by("cbs_code"):
            council = bodies.get((municipality.pk, Body.Kind.COUNCIL))
            executive = bodies.get((municipality.pk, Body.Kind.EXECUTIVE))
            term = terms.get(municipality.pk)
            if council and executive and term:
                fracties = sorted(term.fracties.all(), key=lambda f: (-f.seats, f.name))
                places.append(
                    _Place(municipality, council, executive, term, fracties, self.rng.randint(1, 4))
                )
        return places

    def _names(self, count: int, taken: set[str], taken_slugs: set[str]) -> list[str]:
        combinations = [
            root + suffix
            for root in _ROOTS
            for suffix in _SUFFIXES
            if suffix not in root.lower() and root.lower()[-1] != suffix[0]
        ]
        self.rng.shuffle(combinations)
        names = []
        for index in range(len(combinations) * 4):  # bounded: plain names, then numbered ones
            if len(names) == count:
                break
            base = combinations[index % len(combinations)]
            name = base if index < len(combinations) else f"{base} {index // len(combinations) + 1}"
            if name not in taken and slugify(name) not in taken_slugs:
                taken.add(name)
                taken_slugs.add(slugify(name))
                names.append(name)
        if len(names) < count:
            raise ValueError(f"ran out of municipality names after {len(names)}")
        return names

    def _new_places(self, count: int) -> list[_Place]:
        taken_names = set(Municipality.objects.values_list("name", flat=True))
        taken_slugs = set(Municipality.objects.values_list("slug", flat=True))
        taken_codes = set(Municipality.objects.values_list("cbs_code", flat=True))
        codes = (f"GM{n:04d}" for n in range(3, 10_000) if f"GM{n:04d}" not in taken_codes)
        municipalities = []
        for name in self._names(count, taken_names, taken_slugs):
            # Roughly the Dutch spread: a median near 28,000, a few above 200,000.
            population = int(min(max(self.rng.lognormvariate(math.log(28_000), 0.8), 950), 940_000))
            municipality = Municipality(
                name=name,
                slug=slugify(name),
                cbs_code=next(codes),
                population=population,
                population_date=datetime.date(2022, 1, 1),
                population_reliability=Reliability.ESTIMATE,
                population_source=SOURCE,
                area_type=AreaType.URBAN
                if population > 60_000 or self.rng.random() < 0.3
                else AreaType.POLDER,
            )
            municipality._history_date = _at(datetime.date(2022, 1, 1))
            municipalities.append(municipality)
        self._save(Municipality, municipalities, "municipalities")

        bodies = []
        terms = []
        for municipality in municipalities:
            for kind in Body.MUNICIPAL_KINDS:
                bodies.append(Body(municipality=municipality, kind=kind))
            size = council_size_for_population(municipality.population)
            terms.append(
                CouncilTerm(
                    municipality=municipality,
                    starts_on=TERM_START,
                    ends_on=TERM_END,
                    size=size,
                    vacant_seats=1 if self.rng.random() < 0.04 else 0,
                    composition_reliability=Reliability.ESTIMATE,
                    composition_source=SOURCE,
                )
            )
        self._save(Body, bodies)
        self._save(CouncilTerm, terms)
        fracties = {term.municipality_id: self._fracties(term) for term in terms}
        self._save(Fractie, [f for group in fracties.values() for f in group], "fracties")
        self._members(fracties.values())
        return [
            _Place(
                municipality,
                bodies[2 * index],
                bodies[2 * index + 1],
                terms[index],
                fracties[municipality.pk],
                self.rng.randint(1, 4),
            )
            for index, municipality in enumerate(municipalities)
        ]

    def _members(self, groups) -> None:
        """A member with a generated name (marked as such) for every seat of every fractie,
        for the whole term: as the real councils have one per seat."""
        seats = [
            (fractie, index)
            for group in groups
            for fractie in group
            for index in range(fractie.seats)
        ]
        members = [
            Member(
                term=fractie.term,
                name=f"{self.rng.choice(_GIVEN_NAMES)} {self.rng.choice(_FAMILY_NAMES)}",
                starts_on=TERM_START,
                ends_on=None,
                source=SOURCE,
                reliability=Reliability.ESTIMATE,
                generated=True,
            )
            for fractie, _index in seats
        ]
        self._save(Member, members, "members")
        self._save(
            FractieMembership,
            [
                FractieMembership(member=member, fractie=fractie, starts_on=TERM_START)
                for member, (fractie, _index) in zip(members, seats, strict=True)
            ],
        )

    def _fracties(self, term: CouncilTerm) -> list[Fractie]:
        """Fracties that fill every seat not vacant: one each at least, the rest by weight."""
        seats = term.size - term.vacant_seats
        count = min(seats, self.rng.randint(4, 6 + term.size // 6))
        name = term.municipality.name
        parties = [
            *self.rng.sample(_NATIONAL_PARTIES, count - 1),
            self.rng.choice(_LOCAL_PARTIES).format(name=name),
        ]
        weights = [self.rng.expovariate(1.0) for _ in parties]
        spare = seats - count
        shares = [spare * w / sum(weights) for w in weights]
        extra = [int(share) for share in shares]
        # Largest remainder: the seats the floors leave over go to the biggest fractions.
        for index in sorted(range(count), key=lambda i: extra[i] - shares[i])[: spare - sum(extra)]:
            extra[index] += 1
        return sorted(
            (
                Fractie(term=term, name=party, seats=1 + more)
                for party, more in zip(parties, extra, strict=True)
            ),
            key=lambda f: (-f.seats, f.name),
        )

    def _regelingen(self, count: int, places: list[_Place]) -> list[tuple[Regeling, list]]:
        names = set(Regeling.objects.values_list("name", flat=True))
        short_names = set(Regeling.objects.values_list("short_name", flat=True))
        slugs = set(Regeling.objects.values_list("slug", flat=True))
        planned = []
        for _ in range(count):
            # Neighbours work together: a run of the list, 5 to 30 long (15 on average).
            size = min(len(places), 5 + int(26 * self.rng.random() ** 1.6))
            start = self.rng.randrange(len(places))
            members = [places[(start + offset) % len(places)] for offset in range(size)]
            theme = self.rng.choice(_THEMES)
            region = members[0].name
            short_name = _unique(f"{theme.short} {region}", short_names, 60)
            signed_on = datetime.date(self.rng.randint(1995, 2021), self.rng.randint(1, 12), 1)
            regeling = Regeling(
                name=_unique(f"{theme.long} {region}", names, 200),
                short_name=short_name,
                slug=_unique(slugify(short_name), slugs, 60, separator="-"),
                kind=theme.kind,
                executing_body=f"{theme.executor} {region}",
                amendment_rule=self.rng.choices(
                    [
                        AmendmentRule.ALL_PARTICIPANTS,
                        AmendmentRule.TWO_THIRDS,
                        AmendmentRule.MAJORITY,
                    ],
                    weights=[6, 3, 1],
                )[0],
                signed_on=signed_on,
                in_force_since=_next_month(_next_month(signed_on)),
                sources=SOURCE,
            )
            regeling._history_date = _at(signed_on)
            planned.append((regeling, members))
        self._save(Regeling, [regeling for regeling, _ in planned], "regelingen")
        self._save(
            Body,
            [Body(regeling=r, kind=kind) for r, _ in planned for kind in Body.REGELING_KINDS],
        )
        self._link(
            Regeling.participants.through,
            [
                Regeling.participants.through(regeling_id=r.pk, municipality_id=p.municipality.pk)
                for r, members in planned
                for p in members
            ],
        )
        return planned

    def _processes(self, count: int, regelingen) -> list[list[_Step]]:
        process_slugs = set(Process.objects.values_list("slug", flat=True))
        decision_slugs = set(Decision.objects.values_list("slug", flat=True))
        processes, links, plans = [], [], []
        shapes = [shape for shape in _PROCESS_SHAPES for _ in range(shape[1])]
        for regeling, members in self.rng.sample(regelingen, min(count, len(regelingen))):
            shape, _, kinds = self.rng.choice(shapes)
            other = self.rng.choice(regelingen)[0] if shape == "merger" else None
            if other is regeling:
                other = None
            title = {
                "merger": f"Samenvoeging {other or 'uitvoering'} in {regeling}",
                "amendment": f"Wijziging {regeling.name}",
                "budget": f"Begroting en wijziging {regeling}",
                "accession": f"Toetreding nieuwe deelnemer {regeling}",
            }[shape]
            start = FIRST_PROCESS_START + datetime.timedelta(
                days=self.rng.randrange((LAST_PROCESS_START - FIRST_PROCESS_START).days)
            )
            process = Process(
                title=title[:200],
                kind={
                    "merger": ProcessKind.MERGER,
                    "amendment": ProcessKind.AMENDMENT,
                    "budget": ProcessKind.BUDGET,
                    "accession": ProcessKind.ACCESSION,
                }[shape],
                slug=_unique(slugify(title), process_slugs, 100, separator="-"),
                summary=f"{title}. {members[0].name} is penvoerder voor {len(members)} deelnemers.",
                published=True,
            )
            process._history_date = _at(start)
            processes.append(process)
            links += [(process, r) for r in (regeling, other) if r is not None]
            plans.append((process, regeling, members, kinds, start))
        self._save(Process, processes, "processes")
        self._link(
            Process.regelingen.through,
            [Process.regelingen.through(process_id=p.pk, regeling_id=r.pk) for p, r in links],
        )

        all_steps, decisions, versions = [], [], []
        for process, regeling, members, kinds, start in plans:
            progress = self.rng.random()
            steps = []
            day = start
            for sequence, kind in enumerate(kinds, start=1):
                title = {
                    Decision.Kind.PRINCIPLE: f"Principebesluit: {process.title}",
                    Decision.Kind.DRAFT_TEXT: f"Concept gewijzigde tekst {regeling.name}",
                    Decision.Kind.FINAL_TEXT: f"Definitieve gewijzigde tekst {regeling.name}",
                    Decision.Kind.BUDGET: f"Ontwerpbegroting {day.year + 1} {regeling}",
                    Decision.Kind.CONSENT: f"Toestemming toetreding tot {regeling.name}",
                }[kind]
                decision = Decision(
                    process=process,
                    regeling=regeling,
                    kind=kind,
                    title=title[:200],
                    slug=_unique(
                        slugify(f"{kind.replace('_', '-')} {regeling.slug} {day.year}"),
                        decision_slugs,
                        100,
                        separator="-",
                    ),
                    summary=f"{title}: ter besluitvorming voorgelegd aan de {len(members)} "
                    "deelnemende gemeenten.",
                    sequence=sequence,
                    introduced_on=day,
                    published=True,
                    source=SOURCE,
                )
                decision._history_date = _at(day)
                text = self._text(regeling, members)
                own = [DecisionVersion(decision=decision, number=1, text=text, created_on=day)]
                change = self.rng.choice(_CHANGES)
                if (
                    kind != Decision.Kind.PRINCIPLE
                    and change[0] in text
                    and self.rng.random() < 0.3
                ):
                    later = day + datetime.timedelta(days=self.rng.randint(35, 60))
                    own.append(
                        DecisionVersion(
                            decision=decision,
                            number=2,
                            label="Na de zienswijzen",
                            text=text.replace(*change),
                            created_on=later,
                            note=f"'{change[0]}' wordt '{change[1]}'.",
                        )
                    )
                for version in own:
                    version._history_date = _at(version.created_on)
                decisions.append(decision)
                versions += own
                share = min(max(0.35 + progress - 0.2 * (sequence - 1), 0.0), 1.0)
                steps.append(_Step(decision, own, members, share))
                day += datetime.timedelta(days=self.rng.randint(90, 150))
            all_steps.append(steps)
        self._save(Decision, decisions, "decisions")
        self._save(DecisionVersion, versions, "versions")
        return all_steps

    def _text(self, regeling: Regeling, members: list[_Place]) -> str:
        rule = {
            AmendmentRule.ALL_PARTICIPANTS: "alle deelnemers",
            AmendmentRule.TWO_THIRDS: "twee derde van de deelnemers",
            AmendmentRule.MAJORITY: "de meerderheid van de deelnemers",
        }[regeling.amendment_rule]
        sentences = self.rng.sample(_SENTENCES, self.rng.randint(6, 12))
        paragraphs = [
            f"Artikel {number}. "
            + " ".join(
                s.format(members=len(members), executor=regeling.executing_body, rule=rule)
                for s in sentences[index : index + 2]
            )
            for number, index in enumerate(range(0, len(sentences), 2), start=1)
        ]
        return "\n\n".join([f"{regeling.name}.", *paragraphs])

    # --- treatments, meetings, votes --------------------------------------------------------

    def _meeting(self, place: _Place, body: Body, earliest: datetime.date) -> Meeting | None:
        """The body's first meeting on or after `earliest`; None after the term's last one.

        A council meets on its own Thursday of the month at eight in the evening, a college every
        Tuesday morning; the items of one meeting share it.
        """
        if body.kind == Body.Kind.COUNCIL:
            day = _nth_weekday(earliest.year, earliest.month, 3, place.council_week)
            if day < earliest:
                month = _next_month(earliest)
                day = _nth_weekday(month.year, month.month, 3, place.council_week)
            hour, location = 20, f"Raadzaal, gemeentehuis {place.name}"
        else:
            day = earliest + datetime.timedelta(days=(1 - earliest.weekday()) % 7)
            hour, location = 10, f"Collegekamer, gemeentehuis {place.name}"
        if day > LAST_MEETING:
            return None
        key = (body.pk, day)
        if key not in self.meetings:
            meeting = Meeting(body=body, starts_at=_at(day, hour), location=location)
            meeting._history_date = _at(day - datetime.timedelta(days=14))
            self.meetings[key] = meeting
        return self.meetings[key]

    def _records(self, all_steps: list[list[_Step]]) -> None:
        """Plan every treatment; record the part already behind us; then write it all."""
        records = _Records()
        for steps in all_steps:
            for step in steps:
                executive_purpose, council_purpose = _PURPOSES[step.decision.kind]
                delay = datetime.timedelta(days=self.rng.randint(7, 21))
                executive_day = step.decision.introduced_on + delay
                council_day = executive_day + datetime.timedelta(days=self.rng.randint(30, 60))
                support = self.rng.uniform(0.55, 0.95)
                for place in step.places:
                    executive = self._rounds(
                        records,
                        step,
                        place,
                        place.executive,
                        executive_purpose,
                        executive_day,
                        step.share_recorded + 0.2,
                        support,
                    )
                    council = self._rounds(
                        records,
                        step,
                        place,
                        place.council,
                        council_purpose,
                        council_day,
                        step.share_recorded,
                        support,
                    )
                    step.treatments[(place.municipality.pk, Body.Kind.EXECUTIVE)] = executive
                    step.treatments[(place.municipality.pk, Body.Kind.COUNCIL)] = council
                    self._opinion_and_check(records, step, place, executive[-1], council[-1])
        self._write(records)

    def _rounds(
        self, records, step, place, body, purpose, planned, chance, support
    ) -> list[Treatment]:
        """Round 1, recorded or not; a council that postponed the item decides in round 2."""
        decision = step.decision
        precision = Precision.DAY if self.rng.random() < 0.3 else Precision.MONTH
        planned_on = planned if precision == Precision.DAY else planned.replace(day=1)
        first = Treatment(
            decision=decision,
            body=body,
            purpose=purpose,
            planned_on=planned_on,
            planned_precision=precision,
        )
        rounds = [first]
        records.treatments.append(first)
        if self.rng.random() >= chance:
            return rounds
        meeting = self._meeting(place, body, max(planned_on, decision.introduced_on))
        if meeting is None:
            return rounds
        if purpose == Treatment.Purpose.NOTICE:  # taken note of at a meeting: nothing to decide
            self._record(first, step, meeting, outcome="")
            return rounds
        if body.kind == Body.Kind.EXECUTIVE:
            self._record(first, step, meeting, outcome=Outcome.ADOPTED)
            return rounds
        if self.rng.random() < 0.04:  # aangehouden: decided in round 2, at a next meeting
            self._record(first, step, meeting, outcome=Outcome.POSTPONED)
            second = Treatment(
                decision=decision,
                body=body,
                round=2,
                purpose=purpose,
                planned_on=_next_month(planned_on),
                planned_precision=Precision.MONTH,
            )
            rounds.append(second)
            records.treatments.append(second)
            next_day = meeting.starts_at.date() + datetime.timedelta(days=1)
            meeting = self._meeting(place, body, next_day)
            if meeting is None:
                return rounds
        last = rounds[-1]
        hammer = self.rng.random() < 0.2
        outcome = self._vote(records, place, support, hammer, meeting, treatment=last)
        self._record(last, step, meeting, outcome=outcome)
        if not hammer:
            self._proposals(records, place, last, meeting)
        return rounds

    @staticmethod
    def _record(treatment: Treatment, step: _Step, meeting: Meeting, outcome: str) -> None:
        """The meeting, the text version in force on its day, and the outcome."""
        held_on = meeting.starts_at.date()
        treatment.meeting = meeting
        treatment.version = [v for v in step.versions if v.created_on <= held_on][-1]
        treatment.outcome = outcome
        treatment.revision = 2  # planned first, recorded later

    def _count(self, place: _Place, support: float) -> tuple[int, list[FractieCount]]:
        """Members present and how each fractie voted: en bloc, with the odd dissenter, absentee
        or member not taking part (Gemeentewet art. 28); every member accounted for, as
        decisions.rules requires. Never a tie: round 2 models the postponement a tie causes."""
        absences = self.rng.choice((0, 0, 0, 1, 2))
        absent = Counter(self.rng.randrange(len(place.fracties)) for _ in range(absences))
        counts = []
        for index, fractie in enumerate(place.fracties):
            away = min(absent[index], fractie.seats)
            present = fractie.seats - away
            not_taking_part = 1 if present > 1 and self.rng.random() < 0.02 else 0
            voting = present - not_taking_part
            dissent = 1 if voting > 2 and self.rng.random() < 0.05 else 0
            if self.rng.random() < support:
                votes_for, votes_against = voting - dissent, dissent
            else:
                votes_for, votes_against = dissent, voting - dissent
            counts.append(
                FractieCount(
                    fractie.name, fractie.seats, votes_for, votes_against, not_taking_part, away
                )
            )
        if sum(c.votes_for for c in counts) == sum(c.votes_against for c in counts):
            # Turning one fractie the other way breaks the tie (its for and against differ).
            index = next(i for i, c in enumerate(counts) if c.votes_for != c.votes_against)
            c = counts[index]
            counts[index] = FractieCount(
                c.name, c.seats, c.votes_against, c.votes_for, c.not_taking_part, c.absent
            )
        return sum(c.present for c in counts), counts

    def _vote(self, records, place, support, hammer, meeting, **subject) -> str:
        """Add a vote on `subject` with its fractie votes; return the outcome the rules give."""
        term = place.term
        if hammer:
            present = term.sitting_members - self.rng.choice((0, 0, 1, 2))
            result = derive_outcome(
                method=VoteMethod.WITHOUT_VOTE,
                council_size=term.size,
                vacant_seats=term.vacant_seats,
                members_present=present,
            )
            counts = []
        else:
            present, counts = self._count(place, support)
            result = derive_outcome(
                method=VoteMethod.PER_FRACTIE,
                council_size=term.size,
                vacant_seats=term.vacant_seats,
                members_present=present,
                fracties=counts,
            )
        vote = Vote(
            method=VoteMethod.WITHOUT_VOTE if hammer else VoteMethod.PER_FRACTIE,
            members_present=present,
            votes_for=result.votes_for,
            votes_against=result.votes_against,
            **subject,
        )
        vote._history_date = meeting.starts_at
        records.votes.append(vote)
        for fractie, count in zip(place.fracties, counts, strict=False):
            row = FractieVote(
                vote=vote,
                fractie=fractie,
                seats=count.seats,
                votes_for=count.votes_for,
                votes_against=count.votes_against,
                not_taking_part=count.not_taking_part,
                absent=count.absent,
            )
            row._history_date = meeting.starts_at
            records.fractie_votes.append(row)
        return result.outcome

    def _proposals(self, records, place, treatment, meeting) -> None:
        """Amendments for about one in four council votes, motions for one in five; each voted."""
        for model, titles, prefix, chance in (
            (Amendment, _AMENDMENT_TITLES, "A", 0.25),
            (Motion, _MOTION_TITLES, "M", 0.2),
        ):
            if self.rng.random() >= chance:
                continue
            for number in range(1, self.rng.randint(1, 3) + 1):
                title = self.rng.choice(titles)
                proposal = model(
                    treatment=treatment,
                    code=f"{prefix}{number}",
                    title=title,
                    text=f"{title}: de raad van {place.name} draagt het college op dit in te "
                    "brengen in het algemeen bestuur.",
                )
                proposal._history_date = meeting.starts_at
                subject = {"amendment" if model is Amendment else "motion": proposal}
                support = self.rng.uniform(0.2, 0.7)
                proposal.outcome = self._vote(records, place, support, False, meeting, **subject)
                if model is Amendment:
                    adopted = proposal.outcome == Outcome.ADOPTED
                    proposal.changed_text = adopted and self.rng.random() < 0.5
                    records.amendments.append(proposal)
                else:
                    records.motions.append(proposal)
                count = min(len(place.fracties), self.rng.randint(1, 3))
                records.sponsors += [(proposal, f) for f in self.rng.sample(place.fracties, count)]

    def _opinion_and_check(self, records, step, place, executive, council) -> None:
        """The council's zienswijze where it adopted one; a griffie check on one in four
        municipalities whose college and council both have recorded this step."""
        if council.purpose == Treatment.Purpose.OPINION and council.outcome == Outcome.ADOPTED:
            submitted_on = council.meeting.starts_at.date() + datetime.timedelta(days=3)
            opinion = Opinion(
                decision=step.decision,
                municipality=place.municipality,
                treatment=council,
                text=f"De raad van {place.name} kan zich vinden in het voorstel en vraagt "
                "aandacht voor de informatievoorziening aan de raden.",
                submitted_on=submitted_on,
            )
            opinion._history_date = _at(submitted_on)
            records.opinions.append(opinion)
        if executive.meeting is None or council.meeting is None:
            return
        if self.rng.random() < 0.25:
            held = max(executive.meeting.starts_at, council.meeting.starts_at)
            check = RecordCheck(
                decision=step.decision,
                municipality=place.municipality,
                checked_by=records.checker(),
                checked_at=held + datetime.timedelta(days=self.rng.randint(1, 14)),
            )
            check._history_date = check.checked_at
            records.checks.append(check)

    def _write(self, records: "_Records") -> None:
        """Insert in dependency order; foreign keys to rows saved just before are filled in by
        bulk_create from the objects they point to."""
        self._save(Meeting, list(self.meetings.values()), "meetings")
        treatments = records.treatments
        Treatment.objects.bulk_create(treatments, batch_size=BATCH_SIZE)
        self.counts["treatments"] += len(treatments)
        # The history as it happened: each treatment planned when its decision was introduced,
        # and changed when it was recorded.
        planned = []
        for t in treatments:
            draft = Treatment(
                pk=t.pk,
                decision_id=t.decision_id,
                body_id=t.body_id,
                round=t.round,
                purpose=t.purpose,
                planned_on=t.planned_on,
                planned_precision=t.planned_precision,
            )
            draft._history_date = _at(t.decision.introduced_on, 9)
            planned.append(draft)
        recorded = [t for t in treatments if t.meeting_id]
        for t in recorded:
            t._history_date = t.meeting.starts_at + datetime.timedelta(hours=3)
        reason = {"batch_size": BATCH_SIZE, "default_change_reason": CHANGE_REASON}
        Treatment.history.bulk_history_create(planned, **reason)
        Treatment.history.bulk_history_create(recorded, update=True, **reason)

        self._save(Amendment, records.amendments, "amendments")
        self._save(Motion, records.motions, "motions")
        self._save(Vote, records.votes, "votes")
        self._save(FractieVote, records.fractie_votes, "fractie_votes")
        for model, subject in ((Amendment, "amendment"), (Motion, "motion")):
            through = model.sponsors.through
            self._link(
                through,
                [
                    through(**{f"{subject}_id": proposal.pk, "fractie_id": fractie.pk})
                    for proposal, fractie in records.sponsors
                    if isinstance(proposal, model)
                ],
            )
        self._save(Opinion, records.opinions, "opinions")
        self._save(RecordCheck, records.checks, "checks")

    # --- milestones -------------------------------------------------------------------------

    def _milestones(self, all_steps: list[list[_Step]]) -> None:
        """Per decision two milestones, the colleges' and the councils' round, with the bodies
        involved; started at the first meeting, done when every body has met on it."""
        milestones, bodies, decisions = [], [], []
        for steps in all_steps:
            for step in steps:
                label = capfirst(str(step.decision.get_kind_display()))
                for kind, who in ((Body.Kind.EXECUTIVE, "colleges"), (Body.Kind.COUNCIL, "raden")):
                    rounds = [step.treatments[(p.municipality.pk, kind)] for p in step.places]
                    held = [t.meeting.starts_at.date() for r in rounds for t in r if t.meeting_id]
                    done = all(r[-1].meeting_id for r in rounds)
                    milestone = Milestone(
                        process=step.decision.process,
                        title=f"{label} ({step.decision.sequence}): {who}",
                        planned_start=min(r[0].planned_on for r in rounds).replace(day=1),
                        precision=Precision.MONTH,
                        actual_start=min(held) if held else None,
                        actual_end=max(held) if held and done else None,
                        source=SOURCE,
                    )
                    milestone._history_date = _at(step.decision.introduced_on)
                    milestones.append(milestone)
                    bodies += [
                        (milestone, p.council if kind == Body.Kind.COUNCIL else p.executive)
                        for p in step.places
                    ]
                    decisions.append((milestone, step.decision))
        self._save(Milestone, milestones, "milestones")
        through = Milestone.bodies.through
        self._link(through, [through(milestone_id=m.pk, body_id=b.pk) for m, b in bodies])
        through = Milestone.decisions.through
        self._link(through, [through(milestone_id=m.pk, decision_id=d.pk) for m, d in decisions])
