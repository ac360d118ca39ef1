"""The councils' resources: each list in a fixed number of queries (pinned in
tests/councils/api/), ordered by id, filtered as its FilterSet says."""

from __future__ import annotations

import django_filters

from councils.api import serializers
from councils.models import Fractie, FractieMembership, Member, Municipality, Regeling
from gr_portal.core.api.sync import ResourceFilterSet
from gr_portal.core.api.viewsets import ResourceViewSet


def cbs_code(value: str) -> str:
    """A municipality's CBS code as stored (GM0505), from GM0505, gm0505 or (as ODS writes it)
    0505 or 505."""
    code = value.strip().upper()
    return code if code.startswith("GM") else f"GM{code.zfill(4)}"


def municipality_code(field: str):
    """A filter on a municipality's CBS code (cbs_code)."""

    def method(queryset, name, value):
        return queryset.filter(**{field: cbs_code(value)})

    return method


class MunicipalityFilter(ResourceFilterSet):
    gemeentecode = django_filters.CharFilter(
        method=municipality_code("cbs_code"), help_text="CBS-code: GM0505 of 0505."
    )
    regeling = django_filters.NumberFilter(
        field_name="regelingen", help_text="Alleen de deelnemers aan deze regeling (id)."
    )

    class Meta:
        model = Municipality
        fields: list[str] = []


class MunicipalityViewSet(ResourceViewSet):
    """Uitbreiding op ODS: de gemeenten, met CBS- en TOOI-code, inwonertal en regelingen."""

    queryset = Municipality.objects.select_related("successor").prefetch_related("regelingen")
    serializer_class = serializers.MunicipalitySerializer
    filterset_class = MunicipalityFilter

    public_deletions = True


class RegelingFilter(ResourceFilterSet):
    gemeentecode = django_filters.CharFilter(
        method=municipality_code("participants__cbs_code"),
        help_text="Alleen regelingen met deze deelnemer (CBS-code).",
    )

    class Meta:
        model = Regeling
        fields: list[str] = []


class RegelingViewSet(ResourceViewSet):
    """Uitbreiding op ODS: de gemeenschappelijke regelingen en hun deelnemers."""

    queryset = Regeling.objects.prefetch_related("participants")
    serializer_class = serializers.RegelingSerializer
    filterset_class = RegelingFilter

    public_deletions = True


class FractieFilter(ResourceFilterSet):
    gemeentecode = django_filters.CharFilter(
        method=municipality_code("term__municipality__cbs_code"),
        help_text="Alleen fracties van deze gemeente (CBS-code).",
    )
    peildatum = django_filters.DateFilter(
        method="on_day", help_text="Alleen fracties van de raadsperiode die deze dag liep."
    )

    class Meta:
        model = Fractie
        fields: list[str] = []

    def on_day(self, queryset, name, value):
        return queryset.filter(term__starts_on__lte=value, term__ends_on__gt=value)


class FractieViewSet(ResourceViewSet):
    """ODS: de fracties per raadsperiode, met zetels."""

    queryset = Fractie.objects.select_related("term__municipality", "split_from")
    serializer_class = serializers.FractieSerializer
    filterset_class = FractieFilter

    public_deletions = True


class MemberFilter(ResourceFilterSet):
    gemeentecode = django_filters.CharFilter(
        method=municipality_code("term__municipality__cbs_code"),
        help_text="Alleen raadsleden van deze gemeente (CBS-code).",
    )
    peildatum = django_filters.DateFilter(
        method="on_day", help_text="Alleen wie die dag in de raad zat."
    )

    class Meta:
        model = Member
        fields: list[str] = []

    def on_day(self, queryset, name, value):
        return queryset.sitting_on(value)


class MemberViewSet(ResourceViewSet):
    """ODS: de raadsleden (natuurlijke personen), per raadsperiode."""

    queryset = Member.objects.select_related("term__municipality")
    serializer_class = serializers.MemberSerializer
    filterset_class = MemberFilter

    public_deletions = True


class FractieMembershipFilter(ResourceFilterSet):
    gemeentecode = django_filters.CharFilter(
        method=municipality_code("fractie__term__municipality__cbs_code"),
        help_text="Alleen lidmaatschappen in deze gemeente (CBS-code).",
    )
    fractie = django_filters.NumberFilter(field_name="fractie", help_text="Van deze fractie (id).")
    natuurlijkPersoon = django_filters.NumberFilter(
        field_name="member", help_text="Van dit raadslid (id)."
    )

    class Meta:
        model = FractieMembership
        fields: list[str] = []


class FractieMembershipViewSet(ResourceViewSet):
    """ODS: wie wanneer in welke fractie zat (een afsplitsing begint een nieuw lidmaatschap)."""

    queryset = FractieMembership.objects.all()
    serializer_class = serializers.FractieMembershipSerializer
    filterset_class = FractieMembershipFilter

    public_deletions = True


ROUTES = [
    ("gemeenten", MunicipalityViewSet, "gemeente"),
    ("regelingen", RegelingViewSet, "regeling"),
    ("fracties", FractieViewSet, "fractie"),
    ("natuurlijkpersonen", MemberViewSet, "natuurlijkpersoon"),
    ("fractielidmaatschappen", FractieMembershipViewSet, "fractielidmaatschap"),
]
