from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from gr_portal.admin import HistoryAdmin
from milestones.models import Milestone


@admin.register(Milestone)
class MilestoneAdmin(HistoryAdmin):
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
