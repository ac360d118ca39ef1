"""The decisions' resources: ODS's Vergadering, Agendapunt, Besluit, Stemming, Stem,
StemresultaatPerFractie and InformatieObject, and the extensions Traject, RegionaalBesluit,
Tekstversie and Behandeling. What ODS has no field for is an extension field, said so in its
description."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from councils.api.serializers import OdsGemeenteSerializer
from councils.models import Body, Meeting
from decisions.models import Amendment, FractieVote, MemberVote, Motion, Treatment, Vote
from decisions.status import DecisionStatus, MunicipalityRow
from gr_portal.core.api.serializers import (
    KEYS,
    IdField,
    OdsChoiceField,
    ReferenceField,
    ReferenceSerializer,
    ResourceSerializer,
    SelfUrlField,
    UrlListField,
    reference,
    url_list,
)

# --- ODS: vergaderingen ----------------------------------------------------------------------

#: ODS's VergaderingsType for (body, meeting kind); other meetings are not in the resource.
MEETING_TYPES: dict[tuple[str, str], str] = {
    (Body.Kind.COUNCIL, Meeting.Kind.REGULAR): "raadsvergadering",
    (Body.Kind.COUNCIL, Meeting.Kind.COMMITTEE): "commissievergadering",
    (Body.Kind.GENERAL_BOARD, Meeting.Kind.REGULAR): "algemene_bestuursvergadering",
}


class GremiumSerializer(serializers.Serializer):
    gremiumidentificatie = serializers.CharField(help_text="De identificatie van het orgaan.")
    gremiumnaam = serializers.CharField(help_text="De naam van het orgaan.")

    class Meta:
        ref_name = "Gremium"


class MeetingSerializer(ResourceSerializer):
    """ODS' Vergadering, van een raad of van het algemeen bestuur van een regeling; regeling en
    voortzettingVan zijn uitbreidingen."""

    class Meta:
        ref_name = "Vergadering"

    always = (
        "naam",
        "vergaderingstype",
        "status",
        "geplandeAanvangVergadering",
        "geplandeVergaderdatum",
        "georganiseerdDoorGremium",
        "agendapunten",
    )

    url = SelfUrlField("api:vergadering-detail")
    id = IdField()
    naam = serializers.SerializerMethodField(help_text="De naam van de vergadering.")
    vergaderingstype = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    geplandeAanvangVergadering = serializers.DateTimeField(
        source="starts_at", help_text="De geplande datum en tijd van aanvang."
    )
    geplandeVergaderdatum = serializers.SerializerMethodField(
        help_text="De geplande datum van de vergadering."
    )
    aanvangVergadering = serializers.SerializerMethodField(
        help_text="Aanvang: de geplande, zodra de vergadering is gehouden."
    )
    vergaderdatum = serializers.SerializerMethodField(
        help_text="De datum, zodra de vergadering is gehouden."
    )
    locatie = serializers.SerializerMethodField(help_text="Waar de vergadering is.")
    vergadertoelichting = serializers.CharField(source="title", help_text="Omschrijving.")
    gemeente = OdsGemeenteSerializer(source="body.municipality", required=False)
    georganiseerdDoorGremium = serializers.SerializerMethodField()
    agendapunten = UrlListField(
        "api:agendapunt-detail",
        source="public_treatments",
        help_text="De agendapunten: de behandelingen van gepubliceerde besluiten.",
    )
    regeling = ReferenceField(
        "api:regeling-detail",
        source="body.regeling",
        help_text="Uitbreiding: de regeling van het algemeen bestuur.",
    )
    voortzettingVan = ReferenceField(
        "api:vergadering-detail",
        source="reconvened_from",
        help_text="Uitbreiding: de vergadering die niet kon worden geopend en die deze opnieuw "
        "belegt (Gemeentewet art. 20).",
    )

    def get_naam(self, meeting: Meeting) -> str:
        return str(meeting.body)[:100]

    @extend_schema_field({"type": "string", "enum": sorted(set(MEETING_TYPES.values()))})
    def get_vergaderingstype(self, meeting: Meeting) -> str:
        return MEETING_TYPES[(meeting.body.kind, meeting.kind)]

    def _held(self, meeting: Meeting) -> bool:
        return meeting.starts_at <= timezone.now()

    @extend_schema_field({"type": "string", "enum": ["gepland", "gehouden"]})
    def get_status(self, meeting: Meeting) -> str:
        return "gehouden" if self._held(meeting) else "gepland"

    @extend_schema_field({"type": "string", "format": "date"})
    def get_geplandeVergaderdatum(self, meeting: Meeting) -> str:
        return meeting.day.isoformat()

    @extend_schema_field({"type": "string", "format": "date-time"})
    def get_aanvangVergadering(self, meeting: Meeting) -> str | None:
        if not self._held(meeting):
            return None
        return serializers.DateTimeField().to_representation(meeting.starts_at)

    @extend_schema_field({"type": "string", "format": "date"})
    def get_vergaderdatum(self, meeting: Meeting) -> str | None:
        return meeting.day.isoformat() if self._held(meeting) else None

    def get_locatie(self, meeting: Meeting) -> str:
        return meeting.location[:100]

    @extend_schema_field(GremiumSerializer)
    def get_georganiseerdDoorGremium(self, meeting: Meeting) -> dict:
        return {"gremiumidentificatie": str(meeting.body_id), "gremiumnaam": str(meeting.body)}


# --- ODS: agendapunten and besluiten -----------------------------------------------------------

#: How a step's outcome reads in ODS's besluitresultaat.
OUTCOME_WORDS = {
    "adopted": "aangenomen",
    "rejected": "verworpen",
    "postponed": "aangehouden",
    "withdrawn": "ingetrokken",
    "invalid": "stemming ongeldig",
}
#: The outcomes as codes: one value list in the schema (SPECTACULAR_SETTINGS'
#: ENUM_NAME_OVERRIDES names it Uitkomst).
OUTCOME_CODES = list(OUTCOME_WORDS)


def _votes_of(treatment: Treatment) -> list[Vote]:
    """The votes an agendapunt holds: on its proposal, then its amendments and motions (reads
    what the viewset loaded)."""
    votes = []
    own = getattr(treatment, "vote", None)
    if own is not None:
        votes.append(own)
    for subject in [*treatment.amendments.all(), *treatment.motions.all()]:
        vote = getattr(subject, "vote", None)
        if vote is not None:
            votes.append(vote)
    return votes


def _documents_of(treatment: Treatment) -> list:
    return [*treatment.amendments.all(), *treatment.motions.all()]


class AgendaItemSerializer(ResourceSerializer):
    """ODS' Agendapunt: een gepubliceerd besluit op de agenda van een raad of algemeen bestuur;
    regionaalBesluit, behandeling, besluit, doel en ronde zijn uitbreidingen."""

    class Meta:
        ref_name = "Agendapunt"

    always = (
        "vergadering",
        "agendapuntTitel",
        "indicatorBehandeld",
        "stemmingen",
        "informatieobjecten",
        "regionaalBesluit",
        "behandeling",
        "doel",
        "ronde",
    )

    url = SelfUrlField("api:agendapunt-detail")
    id = IdField()
    vergadering = ReferenceField("api:vergadering-detail", source="meeting")
    agendapuntTitel = serializers.SerializerMethodField(help_text="De titel van het besluit.")
    agendapuntOmschrijving = serializers.CharField(
        source="decision.summary", help_text="De samenvatting van het besluit."
    )
    indicatorBehandeld = serializers.SerializerMethodField(
        help_text="Of het agendapunt is behandeld (er is een uitkomst)."
    )
    indicatieHamerstuk = serializers.SerializerMethodField(
        help_text="Of het voorstel zonder stemming is aangenomen."
    )
    gemeente = OdsGemeenteSerializer(source="body.municipality", required=False)
    stemmingen = serializers.SerializerMethodField(
        help_text="De stemmingen over het voorstel, de amendementen en de moties."
    )
    informatieobjecten = serializers.SerializerMethodField(
        help_text="De amendementen en moties bij dit agendapunt."
    )
    regionaalBesluit = ReferenceField(
        "api:regionaalbesluit-detail",
        source="decision",
        help_text="Uitbreiding: het regionale besluit, over alle raden heen.",
    )
    behandeling = ReferenceField(
        "api:behandeling-detail",
        source="*",
        help_text="Uitbreiding: deze stap van het orgaan in het regionale besluit.",
    )
    besluit = serializers.SerializerMethodField(help_text="Uitbreiding: het besluit, na afloop.")
    doel = serializers.ChoiceField(
        source="purpose",
        choices=["decision", "opinion", "consent", "notice"],
        help_text="Uitbreiding: waarvoor het orgaan het behandelt: besluit, zienswijze, "
        "toestemming of kennisname.",
    )
    ronde = serializers.IntegerField(
        source="round", help_text="Uitbreiding: de ronde (na een staking, Gemeentewet art. 32)."
    )

    def get_agendapuntTitel(self, treatment: Treatment) -> str:
        return treatment.decision.title[:100]

    def get_indicatorBehandeld(self, treatment: Treatment) -> bool:
        return bool(treatment.outcome)

    def get_indicatieHamerstuk(self, treatment: Treatment) -> bool | None:
        vote = getattr(treatment, "vote", None)
        return None if vote is None else vote.method == "without_vote"

    @extend_schema_field({"type": "array", "items": {"type": "string", "format": "uri"}})
    def get_stemmingen(self, treatment: Treatment) -> list[str]:
        return url_list(self.context.get("request"), "api:stemming-detail", _votes_of(treatment))

    @extend_schema_field({"type": "array", "items": {"type": "string", "format": "uri"}})
    def get_informatieobjecten(self, treatment: Treatment) -> list[str]:
        return url_list(
            self.context.get("request"), "api:informatieobject-detail", _documents_of(treatment)
        )

    @extend_schema_field(ReferenceSerializer)
    def get_besluit(self, treatment: Treatment) -> dict | None:
        if not treatment.outcome:
            return None
        return reference(self.context.get("request"), "api:besluit-detail", treatment)


class DecisionOutcomeSerializer(ResourceSerializer):
    """ODS' Besluit: wat een raad of algemeen bestuur op een agendapunt besloot; uitkomst,
    agendapunt, regionaalBesluit, tekstversie en datum zijn uitbreidingen."""

    class Meta:
        ref_name = "Besluit"

    always = ("besluitresultaat", "stemmingen", "uitkomst", "agendapunt", "regionaalBesluit")

    url = SelfUrlField("api:besluit-detail")
    id = IdField()
    besluitresultaat = serializers.SerializerMethodField(
        help_text="Het resultaat: aangenomen, verworpen, aangehouden, ingetrokken of stemming "
        "ongeldig."
    )
    besluittoelichting = serializers.SerializerMethodField(help_text="Toelichting.")
    stemmingen = serializers.SerializerMethodField(
        help_text="De stemming over het voorstel die tot dit besluit leidde."
    )
    uitkomst = serializers.ChoiceField(
        source="outcome",
        choices=OUTCOME_CODES,
        help_text="Uitbreiding: de uitkomst als code.",
    )
    agendapunt = ReferenceField("api:agendapunt-detail", source="*", help_text="Uitbreiding.")
    regionaalBesluit = ReferenceField(
        "api:regionaalbesluit-detail", source="decision", help_text="Uitbreiding."
    )
    tekstversie = ReferenceField(
        "api:tekstversie-detail",
        source="version",
        help_text="Uitbreiding: de tekstversie waarover is besloten.",
    )
    datum = serializers.SerializerMethodField(help_text="Uitbreiding: de dag van het besluit.")

    def get_besluitresultaat(self, treatment: Treatment) -> str:
        return OUTCOME_WORDS[treatment.outcome]

    def get_besluittoelichting(self, treatment: Treatment) -> str:
        return treatment.notes[:200]

    @extend_schema_field({"type": "array", "items": {"type": "string", "format": "uri"}})
    def get_stemmingen(self, treatment: Treatment) -> list[str]:
        vote = getattr(treatment, "vote", None)
        return url_list(
            self.context.get("request"), "api:stemming-detail", [vote] if vote is not None else []
        )

    @extend_schema_field({"type": "string", "format": "date"})
    def get_datum(self, treatment: Treatment) -> str | None:
        return treatment.meeting.day.isoformat() if treatment.meeting else None


# --- ODS: stemmingen, stemmen, results per fractie ---------------------------------------------


def subject_treatment(vote: Vote) -> Treatment | None:
    """The agendapunt a vote belongs to: its proposal's, amendment's or motion's treatment."""
    subject = vote.amendment or vote.motion
    return subject.treatment if subject is not None else vote.treatment


#: ODS's StemmingsType for the portal's vote method.
VOTE_TYPES = {"roll_call": "hoofdelijk", "per_fractie": "regulier", "without_vote": "regulier"}


class VoteSerializer(ResourceSerializer):
    """ODS' Stemming, over een voorstel, een amendement of een motie; de aantallen, de wijze van
    stemmen en de uitslagen per fractie zijn uitbreidingen."""

    class Meta:
        ref_name = "Stemming"

    always = (
        "agendapunt",
        "resultaatMondelingeStemming",
        "stemmingstype",
        "stemmen",
        "onderwerp",
        "wijzeVanStemmen",
        "aanwezigeLeden",
        "aantalVoor",
        "aantalTegen",
        "stemresultatenPerFractie",
    )

    url = SelfUrlField("api:stemming-detail")
    id = IdField()
    agendapunt = serializers.SerializerMethodField()
    resultaatMondelingeStemming = serializers.SerializerMethodField(
        help_text="voor of tegen (meer stemmen voor dan tegen of andersom), gelijk bij staking."
    )
    stemmingstype = OdsChoiceField(
        VOTE_TYPES, source="method", help_text="hoofdelijk of regulier (per fractie)."
    )
    besluit = serializers.SerializerMethodField(
        help_text="Het besluit, bij een stemming over het voorstel zelf."
    )
    informatieobject = serializers.SerializerMethodField(
        help_text="Het amendement of de motie waarover is gestemd."
    )
    stemmen = UrlListField(
        "api:stem-detail", source="member_votes", help_text="De stemmen per raadslid (hoofdelijk)."
    )
    onderwerp = serializers.SerializerMethodField(
        help_text="Uitbreiding: waarover: voorstel, amendement of motie."
    )
    wijzeVanStemmen = serializers.ChoiceField(
        source="method",
        choices=list(VOTE_TYPES),
        help_text="Uitbreiding: per_fractie, roll_call (hoofdelijk) of without_vote (hamerstuk).",
    )
    aanwezigeLeden = serializers.IntegerField(
        source="members_present", help_text="Uitbreiding: aanwezige leden."
    )
    aantalVoor = serializers.IntegerField(source="votes_for", help_text="Uitbreiding: voor.")
    aantalTegen = serializers.IntegerField(source="votes_against", help_text="Uitbreiding: tegen.")
    stemresultatenPerFractie = UrlListField(
        "api:stemresultaatperfractie-detail",
        source="fractie_votes",
        help_text="Uitbreiding: de uitslag per fractie.",
    )

    @extend_schema_field(ReferenceSerializer)
    def get_agendapunt(self, vote: Vote) -> dict:
        return reference(
            self.context.get("request"), "api:agendapunt-detail", subject_treatment(vote)
        )

    @extend_schema_field({"type": "string", "enum": ["voor", "tegen", "gelijk"]})
    def get_resultaatMondelingeStemming(self, vote: Vote) -> str:
        if vote.method == "without_vote":
            return "voor"
        if vote.votes_for == vote.votes_against:
            return "gelijk"
        return "voor" if vote.votes_for > vote.votes_against else "tegen"

    @extend_schema_field(ReferenceSerializer)
    def get_besluit(self, vote: Vote) -> dict | None:
        if vote.treatment is None or not vote.treatment.outcome:
            return None
        return reference(self.context.get("request"), "api:besluit-detail", vote.treatment)

    @extend_schema_field(ReferenceSerializer)
    def get_informatieobject(self, vote: Vote) -> dict | None:
        document = vote.amendment if vote.amendment_id else vote.motion if vote.motion_id else None
        if document is None:
            return None
        return reference(self.context.get("request"), "api:informatieobject-detail", document)

    @extend_schema_field({"type": "string", "enum": ["voorstel", "amendement", "motie"]})
    def get_onderwerp(self, vote: Vote) -> str:
        return "amendement" if vote.amendment_id else "motie" if vote.motion_id else "voorstel"


#: ODS's StemKeuze for a member's vote ("aantekening tegen" on a hamerstuk counts as tegen).
CHOICES: dict[str, str] = {
    MemberVote.Choice.FOR: "voor",
    MemberVote.Choice.AGAINST: "tegen",
    MemberVote.Choice.ABSENT: "afwezig",
    MemberVote.Choice.ABSTAINED: "onthouden",
    MemberVote.Choice.NOTED_AGAINST: "tegen",
}


class MemberVoteSerializer(ResourceSerializer):
    """ODS' Stem. De portal kent geen aanwezige deelnemers naast de raadsleden:
    aanwezigeDeelnemer verwijst naar het raadslid (natuurlijkpersonen)."""

    class Meta:
        ref_name = "Stem"

    always = ("aanwezigeDeelnemer", "stemming", "keuzeStemming", "keuze")

    url = SelfUrlField("api:stem-detail")
    id = IdField()
    aanwezigeDeelnemer = ReferenceField(
        "api:natuurlijkpersoon-detail", source="member", help_text="Het raadslid dat stemde."
    )
    stemming = ReferenceField("api:stemming-detail", source="vote")
    keuzeStemming = OdsChoiceField(CHOICES, source="choice", help_text="De keuze.")
    keuze = serializers.ChoiceField(
        source="choice",
        choices=list(MemberVote.Choice.values),
        help_text="Uitbreiding: de keuze zoals de portal haar vastlegt (noted_against: "
        "aantekening tegen bij een hamerstuk).",
    )
    grondOnthouding = serializers.CharField(
        source="ground",
        help_text="Uitbreiding: waarom het lid zich moest onthouden (Gemeentewet art. 28).",
    )
    fractie = ReferenceField(
        "api:fractie-detail", help_text="Uitbreiding: de fractie van het lid die dag."
    )


class FractieVoteSerializer(ResourceSerializer):
    """ODS' StemresultaatPerFractie; de aantallen per fractie, die ODS niet kent, zijn
    uitbreidingen (voor + tegen + nietDeelgenomen + afwezig = zetels)."""

    class Meta:
        ref_name = "StemresultaatPerFractie"

    always = ("fractie", "stemming", "voor", "tegen", "nietDeelgenomen", "afwezig", "zetels")

    url = SelfUrlField("api:stemresultaatperfractie-detail")
    id = IdField()
    fractie = ReferenceField("api:fractie-detail")
    stemming = ReferenceField("api:stemming-detail", source="vote")
    fractiestemresultaat = serializers.SerializerMethodField(
        help_text="aangenomen (de aanwezigen stemden voor), verworpen (tegen) of verdeeld."
    )
    voor = serializers.IntegerField(source="votes_for", help_text="Uitbreiding: stemmen voor.")
    tegen = serializers.IntegerField(source="votes_against", help_text="Uitbreiding: tegen.")
    nietDeelgenomen = serializers.IntegerField(
        source="not_taking_part",
        help_text="Uitbreiding: leden die zich moesten onthouden (Gemeentewet art. 28).",
    )
    afwezig = serializers.IntegerField(source="absent", help_text="Uitbreiding: afwezig.")
    zetels = serializers.IntegerField(
        source="seats", help_text="Uitbreiding: leden van de fractie."
    )

    @extend_schema_field({"type": "string", "enum": ["aangenomen", "verworpen", "verdeeld"]})
    def get_fractiestemresultaat(self, fractie_vote: FractieVote) -> str | None:
        cast = fractie_vote.votes_for + fractie_vote.votes_against
        if cast == 0:
            return None
        if fractie_vote.votes_for == cast:
            return "aangenomen"
        return "verworpen" if fractie_vote.votes_against == cast else "verdeeld"


# --- ODS: informatieobjecten (amendementen en moties) ------------------------------------------


#: Amendments and motions share the informatieobjecten: their ids say which (amendement-12).
KEYS[Amendment] = lambda amendment: f"amendement-{amendment.pk}"
KEYS[Motion] = lambda motion: f"motie-{motion.pk}"


class DocumentSerializer(ResourceSerializer):
    """ODS' InformatieObject voor een amendement of een motie; kenmerk, uitkomst,
    indienendeFracties, stemming en wijzigdeTekst zijn uitbreidingen."""

    class Meta:
        ref_name = "InformatieObject"

    always = (
        "informatieobjecttype",
        "titel",
        "inhoud",
        "taal",
        "agendapunten",
        "indienendeFracties",
    )

    url = SelfUrlField("api:informatieobject-detail")
    id = IdField()
    informatieobjecttype = serializers.SerializerMethodField()
    titel = serializers.SerializerMethodField(help_text="De titel.")
    inhoud = serializers.CharField(source="text", help_text="De tekst.")
    taal = serializers.SerializerMethodField(help_text="De taal (ISO 639-2/B).")
    auteur = serializers.SerializerMethodField(help_text="De indienende fracties.")
    datumIngediend = serializers.SerializerMethodField(
        help_text="De dag van de vergadering waarin het is ingediend."
    )
    motietype = serializers.SerializerMethodField(help_text="Bij een motie: overig.")
    gemeente = OdsGemeenteSerializer(source="treatment.body.municipality", required=False)
    agendapunten = serializers.SerializerMethodField()
    kenmerk = serializers.CharField(source="code", help_text="Uitbreiding: het nummer (A1, M2).")
    uitkomst = serializers.ChoiceField(
        source="outcome", choices=OUTCOME_CODES, help_text="Uitbreiding: de uitkomst."
    )
    indienendeFracties = UrlListField(
        "api:fractie-detail", source="sponsors", help_text="Uitbreiding: de indieners."
    )
    stemming = ReferenceField("api:stemming-detail", source="vote", help_text="Uitbreiding.")
    wijzigdeTekst = serializers.SerializerMethodField(
        help_text="Uitbreiding, bij een amendement: of het de tekst wijzigde waarover daarna "
        "is gestemd."
    )

    @extend_schema_field({"type": "string", "enum": ["amendement", "motie"]})
    def get_informatieobjecttype(self, document) -> str:
        return "amendement" if isinstance(document, Amendment) else "motie"

    def get_titel(self, document) -> str:
        return document.title[:200]

    def get_taal(self, document) -> str:
        return "dut"

    def get_auteur(self, document) -> str:
        return ", ".join(fractie.name for fractie in document.sponsors.all())[:200]

    @extend_schema_field({"type": "string", "format": "date"})
    def get_datumIngediend(self, document) -> str | None:
        meeting = document.treatment.meeting
        return meeting.day.isoformat() if meeting else None

    @extend_schema_field({"type": "string", "enum": ["overig"]})
    def get_motietype(self, document) -> str | None:
        return "overig" if isinstance(document, Motion) else None

    @extend_schema_field(ReferenceSerializer(many=True))
    def get_agendapunten(self, document) -> list[dict]:
        return [reference(self.context.get("request"), "api:agendapunt-detail", document.treatment)]

    def get_wijzigdeTekst(self, document) -> bool | None:
        return document.changed_text if isinstance(document, Amendment) else None


# --- extensions: the regional process across councils ------------------------------------------


class ProcessSerializer(ResourceSerializer):
    """Uitbreiding op ODS: een regionaal traject (bijv. de samenvoeging van twee regelingen),
    dat ODS niet kent: het volgt één besluit door alle raden."""

    class Meta:
        ref_name = "Traject"

    always = ("titel", "soort", "regelingen", "regionaleBesluiten", "webpagina")

    url = SelfUrlField("api:traject-detail")
    id = IdField()
    titel = serializers.CharField(source="title", help_text="De titel.")
    samenvatting = serializers.CharField(source="summary", help_text="De samenvatting.")
    soort = serializers.ChoiceField(
        source="kind",
        choices=["merger", "amendment", "accession", "withdrawal", "budget", "other"],
        help_text="samenvoeging (merger), wijziging, toetreding, uittreding, begroting of overig.",
    )
    regelingen = UrlListField("api:regeling-detail", help_text="De regelingen.")
    regionaleBesluiten = UrlListField(
        "api:regionaalbesluit-detail",
        source="public_decisions",
        help_text="De gepubliceerde besluiten, in hun volgorde.",
    )
    webpagina = serializers.SerializerMethodField(help_text="De pagina van het traject.")

    def get_webpagina(self, process) -> str:
        return self.context["request"].build_absolute_uri(process.get_absolute_url())


DECISION_KINDS = [
    "principle",
    "draft_text",
    "final_text",
    "opinion_request",
    "consent",
    "budget",
    "other",
]


class RegionalDecisionSerializer(ResourceSerializer):
    """Uitbreiding op ODS: een regionaal besluit (principebesluit, GR-tekst, zienswijze,
    toestemming), met zijn tekstversies en de stap van elk orgaan."""

    class Meta:
        ref_name = "RegionaalBesluit"

    always = (
        "titel",
        "soort",
        "volgorde",
        "traject",
        "regeling",
        "tekstversies",
        "behandelingen",
        "webpagina",
    )

    url = SelfUrlField("api:regionaalbesluit-detail")
    id = IdField()
    titel = serializers.CharField(source="title", help_text="De titel.")
    soort = serializers.ChoiceField(
        source="kind",
        choices=DECISION_KINDS,
        help_text="principebesluit, concept- of definitieve GR-tekst, verzoek om zienswijze, "
        "toestemming, begroting of overig.",
    )
    samenvatting = serializers.CharField(source="summary", help_text="De samenvatting.")
    volgorde = serializers.IntegerField(source="sequence", help_text="De plaats in het traject.")
    ingediendOp = serializers.DateField(
        source="introduced_on", help_text="De dag waarop het voorstel werd ingediend."
    )
    traject = ReferenceField("api:traject-detail", source="process")
    regeling = ReferenceField("api:regeling-detail")
    tekstversies = UrlListField("api:tekstversie-detail", source="versions")
    behandelingen = UrlListField("api:behandeling-detail", source="treatments")
    webpagina = serializers.SerializerMethodField(help_text="De pagina van het besluit.")

    def get_webpagina(self, decision) -> str:
        return self.context["request"].build_absolute_uri(decision.get_absolute_url())


class VersionSerializer(ResourceSerializer):
    """Uitbreiding op ODS: een versie van de tekst van een regionaal besluit."""

    class Meta:
        ref_name = "Tekstversie"

    always = ("regionaalBesluit", "nummer", "datum", "tekst")

    url = SelfUrlField("api:tekstversie-detail")
    id = IdField()
    regionaalBesluit = ReferenceField("api:regionaalbesluit-detail", source="decision")
    nummer = serializers.IntegerField(source="number", help_text="Het versienummer.")
    omschrijving = serializers.CharField(source="label", help_text="Omschrijving.")
    datum = serializers.DateField(source="created_on", help_text="De datum van de versie.")
    toelichting = serializers.CharField(source="note", help_text="Toelichting op de wijziging.")
    tekst = serializers.CharField(source="text", help_text="De tekst.")


class OrganSerializer(serializers.Serializer):
    soort = serializers.ChoiceField(
        source="kind",
        choices=["council", "executive", "general_board", "executive_board"],
        help_text="gemeenteraad, college van B&W, algemeen of dagelijks bestuur.",
    )
    naam = serializers.CharField(source="__str__", help_text="De naam van het orgaan.")
    gemeente = ReferenceField("api:gemeente-detail", source="municipality", required=False)
    regeling = ReferenceField("api:regeling-detail", required=False)

    class Meta:
        ref_name = "Orgaan"

    def to_representation(self, instance):
        data = super().to_representation(instance)
        return {key: value for key, value in data.items() if value is not None}


class TreatmentSerializer(ResourceSerializer):
    """Uitbreiding op ODS: de stap van één orgaan (raad, college, AB, DB) in een regionaal
    besluit: gepland, dan behandeld met vergadering, uitkomst en gestemde tekstversie."""

    class Meta:
        ref_name = "Behandeling"

    always = ("regionaalBesluit", "orgaan", "doel", "ronde", "planningPrecisie")

    url = SelfUrlField("api:behandeling-detail")
    id = IdField()
    regionaalBesluit = ReferenceField("api:regionaalbesluit-detail", source="decision")
    orgaan = OrganSerializer(source="body")
    doel = serializers.ChoiceField(
        source="purpose",
        choices=["decision", "opinion", "consent", "notice"],
        help_text="besluit, zienswijze, toestemming of kennisname.",
    )
    ronde = serializers.IntegerField(source="round", help_text="De ronde (Gemeentewet art. 32).")
    gepland = serializers.DateField(source="planned_on", help_text="De geplande dag of maand.")
    planningPrecisie = serializers.ChoiceField(
        source="planned_precision",
        choices=["day", "month"],
        help_text="Of de planning een dag is of een maand.",
    )
    vergaderdatum = serializers.SerializerMethodField(help_text="De dag van de vergadering.")
    agendapunt = serializers.SerializerMethodField(
        help_text="Het ODS-agendapunt, bij een raad of algemeen bestuur."
    )
    uitkomst = serializers.ChoiceField(
        source="outcome", choices=OUTCOME_CODES, help_text="De uitkomst."
    )
    tekstversie = ReferenceField("api:tekstversie-detail", source="version")
    ontwerpOntvangenOp = serializers.DateField(
        source="received_on",
        help_text="De dag waarop de raad het ontwerp ontving (de zienswijzetermijn van acht "
        "weken begint dan, Wgr art. 1 lid 3).",
    )
    gemotiveerdOnthouden = serializers.CharField(
        source="withheld_ground",
        help_text="De grond waarop toestemming is onthouden (Wgr art. 1 lid 4).",
    )
    stemming = ReferenceField("api:stemming-detail", source="vote")

    @extend_schema_field({"type": "string", "format": "date"})
    def get_vergaderdatum(self, treatment: Treatment) -> str | None:
        return treatment.meeting.day.isoformat() if treatment.meeting else None

    @extend_schema_field(ReferenceSerializer)
    def get_agendapunt(self, treatment: Treatment) -> dict | None:
        meeting = treatment.meeting if treatment.meeting_id else None
        if meeting is None or (treatment.body.kind, meeting.kind) not in MEETING_TYPES:
            return None
        return reference(self.context.get("request"), "api:agendapunt-detail", treatment)


# --- extension: the status matrix ------------------------------------------------------------


@dataclass(frozen=True)
class StatusCell:
    """One cell row of the matrix: a participant's part in a regional decision."""

    status: DecisionStatus
    row: MunicipalityRow

    @property
    def pk(self) -> str:
        return f"{self.status.decision.pk}-{self.row.municipality.pk}"


KEYS[StatusCell] = lambda cell: cell.pk


class StatusSerializer(ResourceSerializer):
    """Uitbreiding op ODS: de stand, één object per regionaal besluit en deelnemer (de rij van
    de matrix): hoe ver de gemeente is, met de laatste stap van college en raad, en het oordeel
    over het hele besluit in de woorden van de portal."""

    class Meta:
        ref_name = "Stand"

    always = ("regionaalBesluit", "gemeente", "stand", "oordeel")

    url = SelfUrlField("api:stand-detail")
    id = IdField()
    regionaalBesluit = ReferenceField("api:regionaalbesluit-detail", source="status.decision")
    gemeente = ReferenceField("api:gemeente-detail", source="row.municipality")
    stand = serializers.ChoiceField(
        source="row.state",
        choices=["done", "waiting", "refused"],
        help_text="done (de stap van de gemeente is gezet), waiting (nog te zetten) of "
        "refused (geweigerd, bijv. toestemming onthouden).",
    )
    college = ReferenceField(
        "api:behandeling-detail",
        source="row.executive",
        help_text="De laatste behandeling door het college.",
    )
    collegeUitkomst = serializers.ChoiceField(
        source="row.executive.outcome", choices=OUTCOME_CODES, help_text="Uitkomst."
    )
    raad = ReferenceField(
        "api:behandeling-detail",
        source="row.council",
        help_text="De laatste behandeling door de raad.",
    )
    raadUitkomst = serializers.ChoiceField(
        source="row.council.outcome", choices=OUTCOME_CODES, help_text="Uitkomst."
    )
    gecontroleerdOp = serializers.SerializerMethodField(
        help_text="Wanneer de griffie de gegevens van de gemeente controleerde."
    )
    oordeel = serializers.CharField(
        source="status.verdict",
        help_text="De stand van het hele besluit in één zin, zoals op de pagina's.",
    )

    @extend_schema_field({"type": "string", "format": "date"})
    def get_gecontroleerdOp(self, cell: StatusCell) -> str | None:
        check = cell.row.check
        return timezone.localdate(check.checked_at).isoformat() if check else None
