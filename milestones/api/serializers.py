"""Mijlpalen and brieven: extensions to ODS."""

from __future__ import annotations

from rest_framework import serializers

from gr_portal.core.api.serializers import (
    IdField,
    ReferenceField,
    ResourceSerializer,
    SelfUrlField,
    UrlListField,
)


class MilestoneSerializer(ResourceSerializer):
    """Uitbreiding op ODS: een mijlpaal van een traject, gepland en (zodra bekend) werkelijk."""

    class Meta:
        ref_name = "Mijlpaal"

    always = ("traject", "titel", "geplandVanaf", "planningPrecisie", "regionaleBesluiten")

    url = SelfUrlField("api:mijlpaal-detail")
    id = IdField()
    traject = ReferenceField("api:traject-detail", source="process")
    titel = serializers.CharField(source="title", help_text="De titel.")
    omschrijving = serializers.CharField(source="description", help_text="De omschrijving.")
    geplandVanaf = serializers.DateField(source="planned_start", help_text="Gepland vanaf.")
    geplandTot = serializers.DateField(source="planned_end", help_text="Gepland tot en met.")
    planningPrecisie = serializers.ChoiceField(
        source="precision", choices=["day", "month"], help_text="Dag of maand."
    )
    werkelijkVanaf = serializers.DateField(source="actual_start", help_text="Begonnen op.")
    werkelijkTot = serializers.DateField(source="actual_end", help_text="Afgerond op.")
    regionaleBesluiten = UrlListField(
        "api:regionaalbesluit-detail",
        source="public_decisions",
        help_text="De gepubliceerde besluiten van deze mijlpaal.",
    )
    bron = serializers.CharField(source="source", help_text="De bron.")


class ArchivedLetterSerializer(ResourceSerializer):
    """Uitbreiding op ODS: een gepubliceerde raadsbrief, precies zoals hij is geëxporteerd:
    de pdf met zijn SHA-256."""

    class Meta:
        ref_name = "Brief"

    always = (
        "onderwerp",
        "datumBrief",
        "traject",
        "gemeente",
        "bestandsnaam",
        "sha256",
        "geexporteerdOp",
        "pdf",
    )

    url = SelfUrlField("api:brief-detail")
    id = IdField()
    onderwerp = serializers.CharField(source="letter.subject", help_text="Het onderwerp.")
    kenmerk = serializers.CharField(source="letter.reference", help_text="Het kenmerk.")
    datumBrief = serializers.DateField(source="letter.letter_date", help_text="De datum.")
    traject = ReferenceField("api:traject-detail", source="letter.process")
    gemeente = ReferenceField("api:gemeente-detail", source="municipality")
    bestandsnaam = serializers.CharField(source="filename", help_text="De bestandsnaam.")
    sha256 = serializers.CharField(help_text="De SHA-256 van de pdf (64 hexadecimale tekens).")
    geexporteerdOp = serializers.DateTimeField(source="exported_at", help_text="Geëxporteerd op.")
    pdf = serializers.SerializerMethodField(help_text="Waar de pdf te downloaden is.")

    def get_pdf(self, archived) -> str:
        from django.urls import reverse

        path = reverse("letters:archived_download", args=[archived.pk])
        return self.context["request"].build_absolute_uri(path)
