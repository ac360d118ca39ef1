"""Dates as the portal writes them: planned dates known to the day or only to the month
("juni 2022"), and moments ("12 juli 2022, 21.15 uur")."""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from gr_portal.core.choices import Precision


def month_end(day: datetime.date) -> datetime.date:
    """The month's last day (also for December 9999, which no date arithmetic may pass)."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


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


#: The years a date of the municipal register or of a regeling's history may fall in (a
#: municipality merged in 1812, a regeling signed in 1970).
HISTORIC_YEARS = (1800, 2100)


def implausible_date_error(day: datetime.date) -> str | None:
    """The message for a date outside PLAUSIBLE_YEARS, or None."""
    if is_plausible(day):
        return None
    first, last = PLAUSIBLE_YEARS
    return gettext("Kies een datum tussen %(first)s en %(last)s.") % {"first": first, "last": last}


def _validate_years(value, years: tuple[int, int]) -> None:
    if value is None:
        return
    first, last = years
    if not first <= value.year <= last:
        raise ValidationError(
            gettext("Kies een datum tussen %(first)s en %(last)s.")
            % {"first": first, "last": last},
            code="implausible_date",
        )


def validate_plausible_date(value) -> None:
    """Model and form validator: a date (or moment) of the process within PLAUSIBLE_YEARS.
    Beyond them a date is a typo, and 31-12-9999 once broke the timeline (security audit F4)."""
    _validate_years(value, PLAUSIBLE_YEARS)


def validate_historic_date(value) -> None:
    """Model validator for the register's dates: within HISTORIC_YEARS."""
    _validate_years(value, HISTORIC_YEARS)
