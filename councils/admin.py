from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from councils.access import office_regeling_ids
from councils.models import (
    Attendance,
    Body,
    ClerkMembership,
    CouncillorMembership,
    CouncilTerm,
    ExecutiveMember,
    Fractie,
    FractieMembership,
    Meeting,
    Member,
    Municipality,
    OfficeMembership,
    Regeling,
    StatedWeight,
)
from gr_portal.core.admin import ChangeReasonForm, HistoryAdmin, PortalTabularInline


@admin.register(Municipality)
class MunicipalityAdmin(HistoryAdmin):
    list_display = ["name", "cbs_code", "population", "population_reliability", "area_type"]
    list_filter = ["area_type", "population_reliability"]
    search_fields = ["name", "cbs_code"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["name"]


class StatedWeightInline(PortalTabularInline):
    """The votes per participant, when the regeling states them (ab_weighting 'stated')."""

    model = StatedWeight
    extra = 0
    autocomplete_fields = ["municipality"]


@admin.register(Regeling)
class RegelingAdmin(HistoryAdmin):
    inlines = [StatedWeightInline]
    list_display = ["short_name", "name", "kind", "amendment_rule", "in_force_since"]
    list_filter = ["kind", "amendment_rule"]
    search_fields = ["name", "short_name", "executing_body"]
    prepopulated_fields = {"slug": ["short_name"]}
    filter_horizontal = ["participants"]
    ordering = ["short_name"]

    def get_queryset(self, request):
        # A programmabureau changes only the regelingen it serves (councils.access).
        queryset = super().get_queryset(request)
        served = office_regeling_ids(request.user)
        return queryset if served is None else queryset.filter(pk__in=served)


@admin.register(Body)
class BodyAdmin(HistoryAdmin):
    list_display = ["__str__", "kind", "municipality", "regeling"]
    list_filter = ["kind", "municipality", "regeling"]
    list_select_related = ["municipality", "regeling"]
    search_fields = ["municipality__name", "regeling__name", "regeling__short_name"]
    ordering = ["municipality__name", "regeling__short_name", "kind"]

    def get_queryset(self, request):
        # __str__ names the municipality or regeling, also in autocomplete results.
        return super().get_queryset(request).select_related(*self.list_select_related)


class FractieInlineFormSet(forms.BaseInlineFormSet):
    """The fracties' seats plus the vacant seats must add up to the size of the council."""

    def clean(self):
        super().clean()
        if any(self.errors) or self.instance.size is None:
            return
        seats = [
            form.cleaned_data["seats"]
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        # The term form has been validated first, so the instance holds the submitted size and
        # vacancies.
        self.instance.validate_composition(seats, vacant_seats=self.instance.vacant_seats)


class FractieInline(PortalTabularInline):
    model = Fractie
    formset = FractieInlineFormSet
    fields = ["name", "seats", "split_from", "formed_on"]
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # A fractie splits off from a fractie of the same term.
        split_from = formset.form.base_fields["split_from"]
        assert isinstance(split_from, forms.ModelChoiceField)
        split_from.queryset = Fractie.objects.filter(term=obj) if obj else Fractie.objects.none()
        return formset


@admin.register(CouncilTerm)
class CouncilTermAdmin(HistoryAdmin):
    inlines = [FractieInline]
    list_display = [
        "__str__",
        "municipality",
        "starts_on",
        "ends_on",
        "size",
        "vacant_seats",
        "composition_reliability",
    ]
    list_filter = ["municipality", "composition_reliability"]
    list_select_related = ["municipality"]
    search_fields = ["municipality__name"]
    ordering = ["municipality__name", "-starts_on"]

    def get_queryset(self, request):
        # __str__ names the municipality, also in autocomplete results.
        return super().get_queryset(request).select_related(*self.list_select_related)

    def revert_disabled(self, request, obj=None):
        # The size and vacancies only make sense together with the fracties, which a revert of
        # the term alone would not bring back, and the revert page has no fractie inline to
        # check the composition with.
        return True


class FractieForm(ChangeReasonForm):
    def clean(self):
        cleaned_data = super().clean() or {}
        term = cleaned_data.get("term")
        seats = cleaned_data.get("seats")
        if term is not None and seats is not None:
            others = term.fracties.exclude(pk=self.instance.pk).values_list("seats", flat=True)
            try:
                term.validate_composition([*others, seats])
            except ValidationError as error:
                hint = _("Wijzig de zetelverdeling op de pagina van de raadsperiode.")
                raise ValidationError([*error.messages, hint]) from error
        return cleaned_data


@admin.register(Fractie)
class FractieAdmin(HistoryAdmin):
    form = FractieForm
    list_display = ["name", "term", "seats", "split_from", "formed_on"]
    list_filter = ["term__municipality"]
    list_select_related = ["term__municipality", "split_from"]
    search_fields = ["name", "term__municipality__name"]
    autocomplete_fields = ["term", "split_from"]
    ordering = ["term__municipality__name", "-term__starts_on", "-seats", "name"]


class FractieMembershipInline(PortalTabularInline):
    model = FractieMembership
    fields = ["fractie", "starts_on", "ends_on"]
    autocomplete_fields = ["fractie"]
    extra = 0


@admin.register(Member)
class MemberAdmin(HistoryAdmin):
    """Raadsleden: a name only where a public source gives it (the source beside it)."""

    inlines = [FractieMembershipInline]
    list_display = ["__str__", "term", "starts_on", "ends_on", "reliability", "generated"]
    list_filter = ["term__municipality", "reliability", "generated"]
    list_select_related = ["term__municipality"]
    search_fields = ["name", "term__municipality__name"]
    autocomplete_fields = ["term"]
    ordering = ["term__municipality__name", "name", "pk"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.list_select_related)


@admin.register(ExecutiveMember)
class ExecutiveMemberAdmin(HistoryAdmin):
    list_display = ["name", "role", "municipality", "party", "starts_on", "ends_on", "reliability"]
    list_filter = ["role", "municipality", "reliability", "generated"]
    list_select_related = ["municipality"]
    search_fields = ["name", "party", "municipality__name"]
    autocomplete_fields = ["municipality"]
    ordering = ["municipality__name", "role", "name"]


class AttendanceInline(PortalTabularInline):
    """The presentielijst; griffies record it with the meeting in their workspace."""

    model = Attendance
    fields = ["member", "present"]
    autocomplete_fields = ["member"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(HistoryAdmin):
    inlines = [AttendanceInline]
    list_display = ["starts_at", "kind", "body", "title", "location"]
    list_filter = ["kind", "body__kind", "body__municipality"]
    list_select_related = ["body__municipality", "body__regeling"]
    search_fields = [
        "title",
        "location",
        "body__municipality__name",
        "body__regeling__short_name",
    ]
    autocomplete_fields = ["body", "reconvened_from"]
    date_hierarchy = "starts_at"
    ordering = ["-starts_at"]

    def get_queryset(self, request):
        # __str__ names the body, also in autocomplete results.
        return super().get_queryset(request).select_related(*self.list_select_related)


@admin.register(OfficeMembership)
class OfficeMembershipAdmin(HistoryAdmin):
    list_display = ["user", "regeling"]
    list_filter = ["regeling"]
    list_select_related = ["user", "regeling"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "regeling__name"]
    autocomplete_fields = ["user", "regeling"]
    ordering = ["regeling__short_name", "user__username"]


@admin.register(ClerkMembership)
class ClerkMembershipAdmin(HistoryAdmin):
    list_display = ["user", "municipality"]
    list_filter = ["municipality"]
    list_select_related = ["user", "municipality"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "municipality__name"]
    autocomplete_fields = ["user", "municipality"]
    ordering = ["municipality__name", "user__username"]


@admin.register(CouncillorMembership)
class CouncillorMembershipAdmin(ClerkMembershipAdmin):
    """A raadslid's municipality: the same columns as a griffie's membership."""
