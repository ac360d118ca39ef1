"""Planned dates that are known to the day or only to the month ("juni 2022")."""

import datetime

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    DAY = "day", _("dag")
    MONTH = "month", _("maand")


def month_end(day: datetime.date) -> datetime.date:
    following = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def period_end(day: datetime.date, precision: str) -> datetime.date:
    """The last day a planned date still stands for: the day itself, or the month's last day."""
    return month_end(day) if precision == Precision.MONTH else day


def format_planned(day: datetime.date | None, precision: str) -> str:
    """'8 maart 2022' or 'juni 2022', in the active language."""
    if day is None:
        return ""
    if precision == Precision.MONTH:
        return date_format(day, "F Y")
    return date_format(day, "j F Y")
