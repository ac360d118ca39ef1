from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from decisions.admin import MaintainedAdmin
from milestones.models import Letter, Milestone


@admin.register(Milestone)
class MilestoneAdmin(MaintainedAdmin):
    list_display = ["title", "process", "planned", "actual_start", "actual_end"]
    list_filter = ["process", "precision"]
    list_select_related = ["process"]
    search_fields = ["title", "description", "source"]
    autocomplete_fields = ["bodies", "decisions"]
    date_hierarchy = "planned_start"
    ordering = ["planned_start", "title"]

    @admin.display(description=_("gepland"), ordering="planned_start")
    def planned(self, milestone):
        return milestone.planned_label


@admin.register(Letter)
class LetterAdmin(MaintainedAdmin):
    list_display = ["subject", "process", "letter_date", "reference", "published", "export_link"]
    list_filter = ["process", "published"]
    list_select_related = ["process"]
    search_fields = ["subject", "reference", "body"]
    date_hierarchy = "letter_date"

    @admin.display(description=_("voorbeeld en export"))
    def export_link(self, letter):
        return format_html(
            '<a href="{}">{}</a>', reverse("letters:detail", args=[letter.pk]), _("openen")
        )


# Not registered yet: tests/gr_portal/test_admin.py expects an add page for every admin of the
# portal's apps, and the archive has none. Once that test skips admins without add permission,
# register with `admin.site.register(ArchivedLetter, ArchivedLetterAdmin)`. Until then the
# archive is shown read-only in the portal (/brieven/ and each letter's page).
class ArchivedLetterAdmin(admin.ModelAdmin):
    """The archive is written by exports only; here it can be looked at, never changed."""

    list_display = ["letter", "municipality", "exported_at", "exported_by", "published", "sha256"]
    list_filter = ["published", "municipality", "letter"]
    list_select_related = ["letter", "municipality", "exported_by"]
    exclude = ["pdf"]
    readonly_fields = [
        "letter",
        "municipality",
        "filename",
        "sha256",
        "download",
        "exported_by",
        "exported_at",
        "letter_version",
        "status_version",
        "published",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("pdf")

    @admin.display(description=_("pdf"))
    def download(self, archived):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("letters:archived_download", args=[archived.pk]),
            archived.filename,
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
