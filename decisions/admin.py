from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from councils.access import office_regeling_ids
from councils.models import Regeling
from decisions.models import (
    DERIVED_FIELDS,
    Amendment,
    Decision,
    DecisionVersion,
    FractieVote,
    MemberVote,
    Motion,
    Opinion,
    Process,
    Treatment,
    Vote,
)
from decisions.services import record_check_withdraw
from gr_portal.core.admin import (
    HistoryAdmin,
    PortalStackedInline,
    ReadOnlyInline,
    RevisionAdminForm,
)

# What a treatment's __str__ and its list columns read: decision, body and the body's owner.
TREATMENT_RELATED = ["decision", "body__municipality", "body__regeling"]

# Outcomes are derived from the votes by the procedure rules, never typed (decisions.rules):
# the back office shows them, the griffie's vote entry records them (DERIVED_FIELDS).


def _maintained_choices(field_name: str, user):
    """The choices for a field of a maintained record: only the programmabureau's own
    regelingen, processes and decisions (None: the field is not scoped)."""
    processes = Process.objects.maintained_by(user)
    served = office_regeling_ids(user)
    choices = {
        "process": processes,
        "regeling": Regeling.objects.all()
        if served is None
        else Regeling.objects.filter(pk__in=served),
        "decision": Decision.objects.filter(process__in=processes),
        "treatment": Treatment.objects.filter(decision__process__in=processes),
    }
    choices["regelingen"] = choices["regeling"]
    choices["decisions"] = choices["decision"]
    return choices.get(field_name)


class MaintainedAdmin(HistoryAdmin):
    """A record of a process: a programmabureau sees, chooses and changes only the records of
    the processes of its own regelingen (councils.access.office_regeling_ids); a superuser all.

    `process_path` is the lookup from the record to its process ("" for a process itself).
    """

    process_path = "process"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        processes = Process.objects.maintained_by(request.user)
        if not self.process_path:
            return queryset.filter(pk__in=processes.values("pk"))
        return queryset.filter(**{f"{self.process_path}__in": processes.values("pk")})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            scoped = _maintained_choices(db_field.name, request.user)
            if scoped is not None:
                kwargs["queryset"] = scoped
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            scoped = _maintained_choices(db_field.name, request.user)
            if scoped is not None:
                kwargs["queryset"] = scoped
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ClerkRecordAdmin(MaintainedAdmin):
    """A record that a griffie records (security audit F3): what the griffie records is
    read-only here for everyone but a superuser (the outcome fields for everyone: they are
    derived), a save of a form loaded before someone else's save is refused (the revision), and
    any change made here withdraws the griffie's "compleet en gecontroleerd" mark. The
    programmabureau keeps only what it plans (a treatment's body, round, purpose and planned
    date); amendments, motions and zienswijzen it only reads (gr_portal.roles)."""

    form = RevisionAdminForm
    derived_fields: tuple[str, ...] = ()
    #: Recorded by the griffie: read-only here except for a superuser.
    clerk_fields: tuple[str, ...] = ()

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj), *self.derived_fields]
        if not request.user.is_superuser:
            readonly += [name for name in self.clerk_fields if name not in readonly]
        return readonly

    def revert_disabled(self, request, obj=None):
        # Reverting from the back office's history would write the griffie's fields back
        # unchecked; a record's own history page restores through the rules.
        return not request.user.is_superuser or super().revert_disabled(request, obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        decision_id, municipality_id = _check_scope(obj)
        if change and decision_id is not None:
            record_check_withdraw(
                decision_id, municipality_id, user=request.user, reason=form.get_change_reason()
            )


def _check_scope(obj) -> tuple[int | None, int | None]:
    if isinstance(obj, Opinion):
        return obj.decision_id, obj.municipality_id
    treatment = obj if isinstance(obj, Treatment) else getattr(obj, "treatment", None)
    if isinstance(treatment, Treatment):
        return treatment.decision_id, treatment.body.municipality_id
    return None, None


class ReadOnlyAdmin(HistoryAdmin):
    """Votes: shown, with their history, never added or changed here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Process)
class ProcessAdmin(MaintainedAdmin):
    process_path = ""

    list_display = ["title", "published"]
    list_filter = ["published"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["regelingen"]
    ordering = ["title"]


class DecisionVersionInline(PortalStackedInline):
    model = DecisionVersion
    fields = ["number", "label", "created_on", "text", "note"]
    extra = 0


class TreatmentInline(ReadOnlyInline):
    """Where the decision is treated; each treatment is recorded on its own page."""

    model = Treatment
    fields = ["body", "round", "purpose", "planned_on", "meeting", "outcome", "version"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(
                "decision",
                "body__municipality",
                "body__regeling",
                "meeting__body__municipality",
                "meeting__body__regeling",
                "version",
            )
        )


@admin.register(Decision)
class DecisionAdmin(MaintainedAdmin):
    inlines = [DecisionVersionInline, TreatmentInline]
    list_display = [
        "title",
        "process",
        "regeling",
        "kind",
        "sequence",
        "introduced_on",
        "published",
    ]
    list_filter = ["published", "kind", "process", "regeling"]
    list_select_related = ["process", "regeling"]
    search_fields = ["title", "summary", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "introduced_on"
    ordering = ["process__title", "sequence"]


@admin.register(DecisionVersion)
class DecisionVersionAdmin(MaintainedAdmin):
    process_path = "decision__process"

    list_display = ["__str__", "decision", "label", "created_on"]
    list_filter = ["decision__process"]
    list_select_related = ["decision"]
    search_fields = ["decision__title", "label", "text"]
    autocomplete_fields = ["decision"]
    ordering = ["decision__process__title", "decision__sequence", "number"]


class AmendmentInline(PortalStackedInline):
    model = Amendment
    fields = ["code", "title", "text", "sponsors", "outcome", "changed_text"]
    readonly_fields = ["outcome", "changed_text"]
    autocomplete_fields = ["sponsors"]
    extra = 0


class MotionInline(PortalStackedInline):
    model = Motion
    fields = ["code", "title", "text", "sponsors", "outcome"]
    readonly_fields = ["outcome"]
    autocomplete_fields = ["sponsors"]
    extra = 0


@admin.register(Treatment)
class TreatmentAdmin(ClerkRecordAdmin):
    process_path = "decision__process"
    derived_fields = DERIVED_FIELDS["treatment"]
    clerk_fields = ("received_on", "notes")
    inlines = [AmendmentInline, MotionInline]
    list_display = [
        "decision",
        "body",
        "round",
        "purpose",
        "planned",
        "meeting_date",
        "outcome",
        "version",
    ]
    list_filter = ["outcome", "purpose", "body__kind", "body__municipality", "decision__process"]
    list_select_related = [*TREATMENT_RELATED, "meeting", "version"]
    search_fields = [
        "decision__title",
        "body__municipality__name",
        "body__regeling__short_name",
        "notes",
    ]
    autocomplete_fields = ["decision", "body"]
    ordering = ["decision__process__title", "decision__sequence", "planned_on"]

    def get_queryset(self, request):
        # __str__ names the decision and the body, also in autocomplete results. (The changelist
        # ignores list_select_related once the queryset has a select_related of its own.)
        return super().get_queryset(request).select_related(*self.list_select_related)

    @admin.display(description=_("gepland"), ordering="planned_on")
    def planned(self, treatment):
        return treatment.planned_label

    @admin.display(description=_("vergaderdatum"), ordering="meeting__starts_at")
    def meeting_date(self, treatment):
        return treatment.meeting.starts_at.date() if treatment.meeting else None


@admin.register(Amendment)
class AmendmentAdmin(ClerkRecordAdmin):
    process_path = "treatment__decision__process"
    derived_fields = DERIVED_FIELDS["amendment"]
    list_display = ["title", "code", "treatment", "outcome", "changed_text"]
    list_filter = ["outcome", "changed_text", "treatment__body__municipality"]
    list_select_related = [f"treatment__{name}" for name in TREATMENT_RELATED]
    search_fields = ["title", "code", "text", "treatment__decision__title"]
    autocomplete_fields = ["treatment", "sponsors"]
    ordering = ["-treatment__decision__introduced_on", "code", "pk"]


@admin.register(Motion)
class MotionAdmin(ClerkRecordAdmin):
    process_path = "treatment__decision__process"
    derived_fields = DERIVED_FIELDS["motion"]
    list_display = ["title", "code", "treatment", "outcome"]
    list_filter = ["outcome", "treatment__body__municipality"]
    list_select_related = [f"treatment__{name}" for name in TREATMENT_RELATED]
    search_fields = ["title", "code", "text", "treatment__decision__title"]
    autocomplete_fields = ["treatment", "sponsors"]
    ordering = ["-treatment__decision__introduced_on", "code", "pk"]


class FractieVoteInline(ReadOnlyInline):
    model = FractieVote
    fields = ["fractie", "seats", "votes_for", "votes_against", "not_taking_part", "absent"]


class MemberVoteInline(ReadOnlyInline):
    model = MemberVote
    fields = ["member", "fractie", "choice", "ground"]


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdmin):
    inlines = [FractieVoteInline, MemberVoteInline]
    list_display = [
        "__str__",
        "subject",
        "method",
        "members_present",
        "votes_for",
        "votes_against",
    ]
    list_filter = ["method"]
    list_select_related = [
        *(f"treatment__{name}" for name in TREATMENT_RELATED),
        "amendment",
        "motion",
    ]
    search_fields = [
        "treatment__decision__title",
        "treatment__body__municipality__name",
        "amendment__title",
        "motion__title",
    ]
    autocomplete_fields = ["treatment", "amendment", "motion"]
    ordering = ["-pk"]

    @admin.display(description=_("onderwerp"))
    def subject(self, vote):
        return vote.subject


@admin.register(FractieVote)
class FractieVoteAdmin(ReadOnlyAdmin):
    list_display = [
        "fractie",
        "municipality",
        "vote",
        "seats",
        "votes_for",
        "votes_against",
        "not_taking_part",
        "absent",
    ]
    list_filter = ["fractie__term__municipality"]
    list_select_related = ["vote", "fractie__term__municipality"]
    search_fields = ["fractie__name", "fractie__term__municipality__name"]
    autocomplete_fields = ["fractie"]
    # A vote's __str__ is only its count; the pop-up list shows what was voted on.
    raw_id_fields = ["vote"]
    ordering = ["-vote__pk", "-seats", "fractie__name"]

    @admin.display(description=_("gemeente"), ordering="fractie__term__municipality__name")
    def municipality(self, fractie_vote):
        return fractie_vote.fractie.term.municipality


@admin.register(Opinion)
class OpinionAdmin(ClerkRecordAdmin):
    process_path = "decision__process"
    list_display = ["__str__", "decision", "municipality", "submitted_on", "treatment"]
    list_filter = ["municipality", "decision"]
    list_select_related = [
        "decision",
        "municipality",
        *(f"treatment__{name}" for name in TREATMENT_RELATED),
    ]
    search_fields = ["text", "decision__title", "municipality__name"]
    autocomplete_fields = ["decision", "treatment"]
    ordering = ["decision__process__title", "decision__sequence", "municipality__name"]
