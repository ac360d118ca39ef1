"""Dates as the portal writes them: planned dates known to the day or only to the month
("juni 2022"), and moments ("12 juli 2022, 21.15 uur")."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from gr_portal.core.choices import Precision


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


def format_moment(moment: datetime.datetime) -> str:
    """'12 juli 2022, 21.15 uur': a moment as running text in the active language, local time."""
    local = timezone.localtime(moment)
    return gettext("%(date)s, %(time)s uur") % {
        "date": date_format(local, "j F Y"),
        "time": date_format(local, "G.i"),
    }


#: The years a date entered in the portal may fall in: anything else is a typo (20226), not a
#: plan, and could make a page, feed or letter fail.
PLAUSIBLE_YEARS = (1990, 2100)


def is_plausible(day: datetime.date) -> bool:
    first, last = PLAUSIBLE_YEARS
    return first <= day.year <= last


def implausible_date_error(day: datetime.date) -> str | None:
    """The message for a date outside PLAUSIBLE_YEARS, or None."""
    if is_plausible(day):
        return None
    first, last = PLAUSIBLE_YEARS
    return gettext("Kies een datum tussen %(first)s en %(last)s.") % {"first": first, "last": last}
