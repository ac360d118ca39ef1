from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The floor of the portal: shared vocabularies and helpers, and its template tags."""

    name = "gr_portal.core"
    label = "core"
    verbose_name = "GR Portal"

    def ready(self) -> None:
        from simple_history.signals import pre_create_historical_record

        from gr_portal.core.history import mark_correction

        pre_create_historical_record.connect(mark_correction, dispatch_uid="portal-correction")
