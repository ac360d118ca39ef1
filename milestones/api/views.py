"""Mijlpalen and brieven: of published processes only."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch

from councils.api.views import municipality_code
from decisions.models import Decision, Process
from gr_portal.core.api.sync import ResourceFilterSet
from gr_portal.core.api.viewsets import ResourceViewSet
from milestones.api import serializers
from milestones.models import ArchivedLetter, Milestone


class MilestoneFilter(ResourceFilterSet):
    traject = django_filters.NumberFilter(field_name="process", help_text="Van dit traject (id).")
    geplandVanaf = django_filters.DateFilter(
        field_name="planned_start", lookup_expr="gte", help_text="Gepland op of na deze dag."
    )
    geplandTot = django_filters.DateFilter(
        field_name="planned_start", lookup_expr="lt", help_text="Gepland voor deze dag."
    )

    class Meta:
        model = Milestone
        fields: list[str] = []


class MilestoneViewSet(ResourceViewSet):
    """Uitbreiding op ODS: de mijlpalen van de gepubliceerde trajecten."""

    serializer_class = serializers.MilestoneSerializer
    filterset_class = MilestoneFilter

    def get_queryset(self):
        return (
            Milestone.objects.filter(process__in=Process.objects.published())
            .prefetch_related(
                Prefetch(
                    "decisions",
                    queryset=Decision.objects.published().order_by("pk").only("pk"),
                    to_attr="public_decisions",
                )
            )
            .order_by(*self.ordering)
        )

    def deleted_scope(self, rows):
        return rows.filter(process__in=Process.objects.published())


class ArchivedLetterFilter(ResourceFilterSet):
    traject = django_filters.NumberFilter(field_name="letter__process", help_text="Traject (id).")
    gemeentecode = django_filters.CharFilter(
        method=municipality_code("municipality__cbs_code"), help_text="Gemeente (CBS-code)."
    )

    class Meta:
        model = ArchivedLetter
        fields: list[str] = []


class ArchivedLetterViewSet(ResourceViewSet):
    """Uitbreiding op ODS: de gepubliceerde raadsbrieven, met SHA-256 en download."""

    serializer_class = serializers.ArchivedLetterSerializer
    filterset_class = ArchivedLetterFilter

    def get_queryset(self):
        return (
            ArchivedLetter.objects.published()
            .filter(letter__process__in=Process.objects.published())
            .select_related("letter", "municipality")
            .defer("pdf", "letter__body", "letter__footnotes", "letter__attachments")
            .order_by(*self.ordering)
        )


ROUTES = [
    ("mijlpalen", MilestoneViewSet, "mijlpaal"),
    ("brieven", ArchivedLetterViewSet, "brief"),
]
