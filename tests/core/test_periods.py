"""Specification of dates as the portal writes them (``gr_portal.core.periods``)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from gr_portal.core.choices import Precision
from gr_portal.core.periods import format_moment, format_planned, month_end, period_end

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("day", "last"),
    [
        (datetime.date(2022, 6, 1), datetime.date(2022, 6, 30)),
        (datetime.date(2022, 12, 31), datetime.date(2022, 12, 31)),
        (datetime.date(2022, 2, 14), datetime.date(2022, 2, 28)),
        (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29)),
    ],
)
def test_month_end_is_the_last_day_of_the_month(day, last):
    assert month_end(day) == last


def test_a_date_known_to_the_day_stands_for_that_day_only():
    assert period_end(datetime.date(2022, 3, 8), Precision.DAY) == datetime.date(2022, 3, 8)


def test_a_date_known_to_the_month_stands_for_the_whole_month():
    assert period_end(datetime.date(2022, 7, 1), Precision.MONTH) == datetime.date(2022, 7, 31)


def test_planned_dates_in_dutch_to_the_day_or_the_month():
    with translation.override("nl"):
        assert format_planned(datetime.date(2022, 3, 8), Precision.DAY) == "8 maart 2022"
        assert format_planned(datetime.date(2022, 6, 1), Precision.MONTH) == "juni 2022"
        assert format_planned(None, Precision.DAY) == ""


def test_planned_dates_follow_the_active_language():
    with translation.override("en"):
        assert format_planned(datetime.date(2022, 3, 8), Precision.DAY) == "8 March 2022"


def test_a_moment_is_written_in_local_time_as_running_text():
    # 19.15 UTC is 21.15 in Dordrecht in summer.
    moment = datetime.datetime(2022, 7, 12, 19, 15, tzinfo=datetime.UTC)
    with translation.override("nl"):
        assert format_moment(moment) == "12 juli 2022, 21.15 uur"
    morning = datetime.datetime(2022, 7, 13, 9, 5, tzinfo=AMSTERDAM)
    with translation.override("nl"):
        assert format_moment(morning) == "13 juli 2022, 9.05 uur"
