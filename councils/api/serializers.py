"""The councils' resources, in ODS's words where ODS has the concept (Fractie,
FractieLidmaatschap, NatuurlijkPersoon, Vergadering) and as marked extensions where it has not
(Gemeente, Regeling; and fields such as ``zetels`` on a fractie)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from councils.models import Member, Municipality
from gr_portal.core.api.serializers import (
    DayStartField,
    IdField,
    ReferenceField,
    ResourceSerializer,
    SelfUrlField,
    UrlListField,
)

#: TOOI, the government's identifiers: a municipality is .../gemeente/gm0505.
TOOI_MUNICIPALITY = "https://identifier.overheid.nl/tooi/id/gemeente/"


class OdsGemeenteSerializer(serializers.Serializer):
    """ODS' Gemeente: de vier cijfers van de CBS-code en de naam."""

    gemeentecode = serializers.SerializerMethodField(
        help_text="De code van de gemeente in de landelijke tabel (de vier cijfers van GMxxxx)."
    )
    gemeentenaam = serializers.CharField(source="name", help_text="De naam van de gemeente.")

    class Meta:
        ref_name = "Gemeente"

    def get_gemeentecode(self, municipality: Municipality) -> str:
        return municipality.cbs_code.removeprefix("GM")


# --- extensions: gemeenten and regelingen ---------------------------------------------------


class MunicipalitySerializer(ResourceSerializer):
    """Uitbreiding op ODS: een gemeente, met haar codes, inwonertal, regelingen en (na een
    herindeling) opvolger."""

    class Meta:
        ref_name = "Gemeentegegevens"

    always = ("naam", "cbsCode", "gemeentecode", "tooi", "regelingen", "webpagina")

    url = SelfUrlField("api:gemeente-detail")
    id = IdField()
    naam = serializers.CharField(source="name", help_text="De naam van de gemeente.")
    cbsCode = serializers.CharField(source="cbs_code", help_text="De CBS-code, GM en vier cijfers.")
    gemeentecode = serializers.SerializerMethodField(
        help_text="De vier cijfers van de CBS-code, zoals ODS ze vraagt."
    )
    tooi = serializers.SerializerMethodField(help_text="De TOOI-identificatie van de gemeente.")
    inwoners = serializers.IntegerField(
        source="population", help_text="Het inwonertal op de peildatum."
    )
    inwonersPeildatum = serializers.DateField(
        source="population_date", help_text="De peildatum van het inwonertal."
    )
    opgehevenOp = serializers.DateField(
        source="ended_on", help_text="De dag van de herindeling waarop de gemeente ophield."
    )
    opvolger = ReferenceField(
        "api:gemeente-detail", source="successor", help_text="De gemeente die haar opvolgde."
    )
    regelingen = UrlListField(
        "api:regeling-detail", help_text="De regelingen waarin zij deelneemt."
    )
    webpagina = serializers.SerializerMethodField(help_text="De pagina van de gemeente.")

    def get_gemeentecode(self, municipality: Municipality) -> str:
        return municipality.cbs_code.removeprefix("GM")

    def get_tooi(self, municipality: Municipality) -> str:
        return TOOI_MUNICIPALITY + municipality.cbs_code.lower()

    def get_webpagina(self, municipality: Municipality) -> str:
        return self.context["request"].build_absolute_uri(municipality.get_absolute_url())


class RegelingSerializer(ResourceSerializer):
    """Uitbreiding op ODS: een gemeenschappelijke regeling (Wgr) en haar deelnemers."""

    class Meta:
        ref_name = "Regeling"

    always = ("naam", "korteNaam", "soort", "wijzigingsregel", "deelnemers", "webpagina")

    url = SelfUrlField("api:regeling-detail")
    id = IdField()
    naam = serializers.CharField(source="name", help_text="De naam van de regeling.")
    korteNaam = serializers.CharField(source="short_name", help_text="De korte naam.")
    soort = serializers.ChoiceField(
        source="kind",
        choices=["college", "council", "mayor", "mixed", "unknown"],
        help_text="Wie de regeling treffen (Wgr art. 1): college, council (raad), mayor "
        "(burgemeester), mixed (gemengd) of unknown (niet geverifieerd).",
    )
    uitvoeringsorganisatie = serializers.CharField(
        source="executing_body", help_text="De organisatie die de regeling uitvoert."
    )
    wijzigingsregel = serializers.ChoiceField(
        source="amendment_rule",
        choices=["all", "majority", "two_thirds"],
        help_text="Wie een wijziging moeten besluiten: alle deelnemers, een meerderheid, of "
        "twee derde.",
    )
    ondertekendOp = serializers.DateField(source="signed_on", help_text="Ondertekend op.")
    inWerkingSinds = serializers.DateField(source="in_force_since", help_text="In werking sinds.")
    deelnemers = UrlListField(
        "api:gemeente-detail", source="participants", help_text="De deelnemende gemeenten."
    )
    webpagina = serializers.SerializerMethodField(help_text="De pagina van de regeling.")

    def get_webpagina(self, regeling) -> str:
        return self.context["request"].build_absolute_uri(regeling.get_absolute_url())


# --- ODS: fracties, personen, lidmaatschappen -------------------------------------------------


class FractieSerializer(ResourceSerializer):
    """ODS' Fractie, per raadsperiode; zetels, het begin en einde van de raadsperiode, gevormdOp
    en afgesplitstVan zijn uitbreidingen."""

    class Meta:
        ref_name = "Fractie"

    always = ("fractienaam", "gemeente", "zetels")

    url = SelfUrlField("api:fractie-detail")
    id = IdField()
    fractienaam = serializers.CharField(source="name", help_text="De naam van de fractie.")
    gemeente = OdsGemeenteSerializer(source="term.municipality")
    zetels = serializers.IntegerField(
        source="seats", help_text="Uitbreiding: het aantal zetels in de raadsperiode."
    )
    raadsperiodeBegin = serializers.DateField(
        source="term.starts_on", help_text="Uitbreiding: begin van de raadsperiode."
    )
    raadsperiodeEinde = serializers.DateField(
        source="term.ends_on", help_text="Uitbreiding: einde van de raadsperiode."
    )
    gevormdOp = serializers.DateField(
        source="formed_on", help_text="Uitbreiding: de dag waarop een afgesplitste fractie begon."
    )
    afgesplitstVan = ReferenceField(
        "api:fractie-detail",
        source="split_from",
        help_text="Uitbreiding: de fractie waarvan deze is afgesplitst.",
    )


class OdsNameSerializer(serializers.Serializer):
    """ODS' NaamNatuurlijkPersoon, afgeleid uit de ene naam die de portal kent."""

    achternaam = serializers.CharField(help_text="De achternaam.")
    tussenvoegsel = serializers.CharField(required=False, help_text="Het tussenvoegsel.")
    volledigeNaam = serializers.CharField(required=False, help_text="De volledige naam.")

    class Meta:
        ref_name = "NaamNatuurlijkPersoon"


#: Words that start a Dutch surname's tussenvoegsel.
_PARTICLES = {"van", "de", "der", "den", "het", "ter", "ten", "te", "in", "'t", "op", "d'", "la"}


def split_name(full: str) -> dict[str, str]:
    """ODS's name parts, derived from the one name the portal keeps: the first word is a given
    name or initials, lower-case particles after it the tussenvoegsel, the rest the surname
    ("Jan van der Berg": tussenvoegsel "van der", achternaam "Berg")."""
    words = full.split()
    if len(words) < 2:
        return {"achternaam": full, "volledigeNaam": full}
    rest = words[1:]
    particles = []
    while len(rest) > 1 and rest[0].lower() in _PARTICLES and rest[0][0].islower():
        particles.append(rest.pop(0))
    parts = {"achternaam": " ".join(rest), "volledigeNaam": full}
    if particles:
        parts["tussenvoegsel"] = " ".join(particles)
    return parts


#: What the pages say of a member whose name no public source gives.
UNKNOWN_NAME = "(naam niet bekend)"


class MemberSerializer(ResourceSerializer):
    """ODS' NatuurlijkPersoon: een raadslid in één raadsperiode. Een lid dat geen openbare bron
    noemt, houdt zijn zetel met naamBekend false."""

    class Meta:
        ref_name = "NatuurlijkPersoon"

    always = (
        "functie",
        "naamNatuurlijkPersoon",
        "naamBekend",
        "verzonnenNaam",
        "gemeente",
        "lidVanaf",
    )

    url = SelfUrlField("api:natuurlijkpersoon-detail")
    id = IdField()
    functie = serializers.SerializerMethodField(help_text="De functie: raadslid.")
    naamNatuurlijkPersoon = serializers.SerializerMethodField()
    naamBekend = serializers.SerializerMethodField(
        help_text="Uitbreiding: false waar geen openbare bron de naam geeft."
    )
    verzonnenNaam = serializers.BooleanField(
        source="generated",
        help_text="Uitbreiding: true voor een naam die voor een demonstratie of meting is "
        "verzonnen.",
    )
    gemeente = OdsGemeenteSerializer(source="term.municipality")
    lidVanaf = serializers.DateField(source="starts_on", help_text="Uitbreiding: geïnstalleerd op.")
    lidTot = serializers.DateField(source="ends_on", help_text="Uitbreiding: lid tot.")

    def get_functie(self, member: Member) -> str:
        return "raadslid"

    @extend_schema_field(OdsNameSerializer)
    def get_naamNatuurlijkPersoon(self, member: Member) -> dict:
        return split_name(member.name) if member.name else {"achternaam": UNKNOWN_NAME}

    def get_naamBekend(self, member: Member) -> bool:
        return bool(member.name)


class FractieMembershipSerializer(ResourceSerializer):
    """ODS' FractieLidmaatschap. De portal legt geen fractievoorzitters vast:
    indicatieVoorzitter is altijd false."""

    class Meta:
        ref_name = "FractieLidmaatschap"

    always = (
        "fractie",
        "natuurlijkPersoon",
        "datumBeginFractieLidmaatschap",
        "indicatieVoorzitter",
    )

    url = SelfUrlField("api:fractielidmaatschap-detail")
    id = IdField()
    fractie = ReferenceField("api:fractie-detail", help_text="De fractie.")
    natuurlijkPersoon = ReferenceField(
        "api:natuurlijkpersoon-detail", source="member", help_text="Het raadslid."
    )
    datumBeginFractieLidmaatschap = DayStartField(source="starts_on", help_text="Begin.")
    datumEindeFractieLidmaatschap = DayStartField(source="ends_on", help_text="Einde.")
    indicatieVoorzitter = serializers.SerializerMethodField(
        help_text="Altijd false: de portal legt geen fractievoorzitters vast."
    )

    def get_indicatieVoorzitter(self, membership) -> bool:
        return False
