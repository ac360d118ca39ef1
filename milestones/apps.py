from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MilestonesConfig(AppConfig):
    name = "milestones"
    verbose_name = _("Mijlpalen")

    def ready(self) -> None:
        # Milestones have a history page like the records of decisions; they register with the
        # history feature of the layer below rather than being listed there.
        from decisions.history.registry import HistoryKind, register
        from milestones.models import Milestone

        register(
            HistoryKind(
                "mijlpaal", Milestone, (), visible=lambda user: Milestone.objects.visible_to(user)
            )
        )
        # Following by e-mail: after a clerk's write, the notices are collected in the
        # background (milestones.alerts).
        from decisions.signals import recorded
        from milestones.alerts.signals import queue_collect

        recorded.connect(queue_collect, dispatch_uid="alerts-collect")
