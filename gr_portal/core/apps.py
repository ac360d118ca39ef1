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

        from django.db.models.signals import m2m_changed, post_delete, post_save

        from gr_portal.core.models import data_changed

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(data_changed, weak=False, dispatch_uid=f"portal-data-{id(signal)}")
