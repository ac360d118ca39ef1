"""When things happen: the milestones of a process, planned and actual."""

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from councils.models import Body
from decisions.models import Decision, Process
from decisions.periods import Precision, format_planned, period_end


class Milestone(models.Model):
    process = models.ForeignKey(
        Process, verbose_name=_("traject"), on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    planned_start = models.DateField(_("gepland vanaf"))
    planned_end = models.DateField(_("gepland tot en met"), null=True, blank=True)
    precision = models.CharField(
        _("planning tot op"), max_length=10, choices=Precision.choices, default=Precision.MONTH
    )
    actual_start = models.DateField(_("werkelijk begonnen"), null=True, blank=True)
    actual_end = models.DateField(_("werkelijk afgerond"), null=True, blank=True)
    bodies = models.ManyToManyField(
        Body, verbose_name=_("betrokken bestuursorganen"), related_name="milestones", blank=True
    )
    decisions = models.ManyToManyField(
        Decision, verbose_name=_("besluiten"), related_name="milestones", blank=True
    )
    source = models.CharField(_("bron"), max_length=200, blank=True)

    history = HistoricalRecords(m2m_fields=[bodies, decisions])

    class Meta:
        verbose_name = _("mijlpaal")
        verbose_name_plural = _("mijlpalen")
        ordering = ["planned_start", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "title"], name="milestone_unique_title_per_process"
            ),
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True) | Q(planned_end__gte=F("planned_start")),
                name="milestone_planned_end_after_start",
                violation_error_message=_("Het geplande einde ligt vóór het geplande begin."),
            ),
            models.CheckConstraint(
                condition=Q(actual_end__isnull=True)
                | Q(actual_start__isnull=False, actual_end__gte=F("actual_start")),
                name="milestone_actual_end_after_start",
                violation_error_message=_(
                    "Een afgeronde mijlpaal heeft een begindatum die niet na de einddatum ligt."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def planned_last_day(self) -> datetime.date:
        return period_end(self.planned_end or self.planned_start, self.precision)

    @property
    def planned_label(self) -> str:
        start = format_planned(self.planned_start, self.precision)
        if not self.planned_end or self.planned_end == self.planned_start:
            return start
        return f"{start} – {format_planned(self.planned_end, self.precision)}"

    def is_late(self, today: datetime.date | None = None) -> bool:
        """Not finished although its planned period is over."""
        today = today or timezone.localdate()
        return self.actual_end is None and self.planned_last_day < today
