"""The timeline's layout: where each milestone sits between the first and the last month shown.

Dates in, percentages out. The view passes milestones (anything with their date attributes),
the template draws the result; nothing here touches the database, so every position is tested
as plain arithmetic. A position is the start of a day: 0 % is the first day of the first month
shown, 100 % the day after the last day shown.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from gr_portal.core.choices import Precision
from gr_portal.core.periods import PLAUSIBLE_YEARS, month_end, period_end

ONE_DAY = datetime.timedelta(days=1)

# The months a process's timeline shows when its milestones reach further than the plan that
# the councils were told about. The merger's plan is the raadsbrief of seed 000: "April t/m juli
# 2022" and "Augustus t/m december 2022"; the principebesluit before it and the start in 2023
# stay listed, marked as lying outside these months.
PLAN_WINDOWS: dict[str, tuple[datetime.date, datetime.date]] = {
    "samenvoeging-drechtwerk-sociaal": (datetime.date(2022, 4, 1), datetime.date(2022, 12, 31)),
}

BEFORE = "before"
AFTER = "after"


@dataclass(frozen=True)
class Span:
    """A period on the axis in percent of its width, cut off at the edges of the months shown."""

    left: float
    width: float
    clipped_before: bool = False
    clipped_after: bool = False

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def middle(self) -> float:
        return self.left + self.width / 2


@dataclass(frozen=True)
class Month:
    first_day: datetime.date
    left: float
    width: float

    @property
    def middle(self) -> float:
        return self.left + self.width / 2

    @property
    def starts_year(self) -> bool:
        return self.first_day.month == 1


@dataclass(frozen=True)
class Row:
    """One milestone as it stood on the chosen day."""

    milestone: Any
    first_day: datetime.date
    last_day: datetime.date
    planned: Span | None  # None when the planned period lies wholly outside the months shown
    outside: str  # "", BEFORE or AFTER: where the planned period lies when it is not shown
    started_on: datetime.date | None  # actual dates, only those known on the chosen day
    finished_on: datetime.date | None
    actual: Span | None  # from the actual start to the actual end (or to the chosen day)
    finished_at: float | None  # the position of the middle of the day it was finished
    late: bool
    due: bool  # the chosen day lies inside the planned period

    @property
    def is_point(self) -> bool:
        """Planned to the day, on one day: drawn as a mark, a bar would be a hairline."""
        return self.first_day == self.last_day

    @property
    def done(self) -> bool:
        return self.finished_on is not None

    @property
    def started(self) -> bool:
        return self.started_on is not None

    @property
    def state_label(self) -> str:
        if self.done:
            return str(_("afgerond"))
        if self.late:
            return str(_("te laat"))
        if self.started:
            return str(_("bezig"))
        if self.due:
            return str(_("nu aan de orde"))
        return str(_("gepland"))


@dataclass(frozen=True)
class Timeline:
    start: datetime.date
    end: datetime.date
    as_of: datetime.date
    months: list[Month]
    rows: list[Row]
    marker: float | None  # where the chosen day starts; None when outside the months shown
    marker_outside: str  # "", BEFORE or AFTER

    @property
    def marker_label_after(self) -> bool:
        """The marker's label goes right of the line, or left of it near the right edge."""
        return self.marker is not None and self.marker < 75

    @property
    def late_count(self) -> int:
        return sum(row.late for row in self.rows)

    @property
    def done_count(self) -> int:
        return sum(row.done for row in self.rows)


def position(day: datetime.date, start: datetime.date, end: datetime.date) -> float:
    """Where `day` begins, in percent of the axis from `start` to `end` (both included).

    Not clipped: days before `start` are negative, days after `end` above 100.
    """
    total = (end - start).days + 1
    return (day - start).days / total * 100


def span(
    first: datetime.date, last: datetime.date, start: datetime.date, end: datetime.date
) -> Span | None:
    """The days `first` to `last` (both included) on the axis, or None when none is shown."""
    left = position(first, start, end)
    # The start of the day after `last`, counted without making that day (31-12-9999 has none).
    right = ((last - start).days + 1) / ((end - start).days + 1) * 100
    if right <= 0 or left >= 100:
        return None
    clipped_left, clipped_right = max(left, 0.0), min(right, 100.0)
    return Span(
        left=clipped_left,
        width=clipped_right - clipped_left,
        clipped_before=left < 0,
        clipped_after=right > 100,
    )


def months_between(start: datetime.date, end: datetime.date) -> list[Month]:
    months = []
    first = start.replace(day=1)
    while first <= end:
        following = month_end(first) + ONE_DAY
        months.append(span_month(first, following, start, end))
        first = following
    return months


def span_month(
    first: datetime.date, following: datetime.date, start: datetime.date, end: datetime.date
) -> Month:
    left = max(position(first, start, end), 0.0)
    right = min(position(following, start, end), 100.0)
    return Month(first_day=first, left=left, width=right - left)


def planned_period(milestone) -> tuple[datetime.date, datetime.date]:
    """First and last day of the planned period; month precision covers the whole months."""
    first = milestone.planned_start
    if milestone.precision == Precision.MONTH:
        first = first.replace(day=1)
    last = period_end(milestone.planned_end or milestone.planned_start, milestone.precision)
    return first, last


def window(
    process_slug: str, milestones: Sequence, today: datetime.date
) -> tuple[datetime.date, datetime.date]:
    """The months to show: the process's plan if it has one, else its milestones' whole months.

    Without milestones, the month of `today`.
    """
    if process_slug in PLAN_WINDOWS:
        return PLAN_WINDOWS[process_slug]
    if not milestones:
        return today.replace(day=1), month_end(today)
    firsts, lasts = [], []
    for milestone in milestones:
        first, last = planned_period(milestone)
        firsts.append(first)
        lasts.append(last)
        for actual in (milestone.actual_start, milestone.actual_end):
            if actual:
                firsts.append(actual)
                lasts.append(actual)
    # A stored date beyond the plausible years (entered before they were checked) is shown
    # as lying outside the months, not given a millennium of columns.
    earliest, latest = PLAUSIBLE_YEARS
    first = max(min(firsts), datetime.date(earliest, 1, 1))
    last = min(max(lasts), datetime.date(latest, 12, 31))
    if first > last:
        first = last = today
    return first.replace(day=1), month_end(last)


def layout_row(milestone, start: datetime.date, end: datetime.date, as_of: datetime.date) -> Row:
    """A milestone on the axis as it stood on `as_of`.

    Replaying an earlier day hides what was not known yet: an actual start or end after `as_of`
    counts as not (yet) happened. Late: not finished on `as_of` although its planned period
    ended before that day — for today that is `Milestone.is_late()`.
    """
    first, last = planned_period(milestone)
    planned = span(first, last, start, end)
    outside = ""
    if planned is None:
        outside = BEFORE if first < start else AFTER
    started_on = milestone.actual_start
    if started_on is not None and started_on > as_of:
        started_on = None
    finished_on = milestone.actual_end
    if started_on is None or (finished_on is not None and finished_on > as_of):
        finished_on = None
    actual = None
    finished_at = None
    if started_on is not None:
        # Still running: the actual bar reaches the chosen day's marker.
        actual_last = finished_on or max(started_on, as_of - ONE_DAY)
        actual = span(started_on, actual_last, start, end)
        if finished_on is not None:
            finished = span(finished_on, finished_on, start, end)
            finished_at = finished.middle if finished else None
    return Row(
        milestone=milestone,
        first_day=first,
        last_day=last,
        planned=planned,
        outside=outside,
        started_on=started_on,
        finished_on=finished_on,
        actual=actual,
        finished_at=finished_at,
        late=finished_on is None and last < as_of,
        due=first <= as_of <= last,
    )


def build_timeline(
    milestones: Iterable, *, start: datetime.date, end: datetime.date, as_of: datetime.date
) -> Timeline:
    """The whole chart: month columns, one row per milestone (in the order given), the marker."""
    marker = position(as_of, start, end)
    marker_outside = ""
    if marker < 0:
        marker_outside = BEFORE
    elif marker >= 100:
        marker_outside = AFTER
    return Timeline(
        start=start,
        end=end,
        as_of=as_of,
        months=months_between(start, end),
        rows=[layout_row(milestone, start, end, as_of) for milestone in milestones],
        marker=None if marker_outside else marker,
        marker_outside=marker_outside,
    )


def replay_days(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """Days to replay the story on: the first of every month shown, and the last day shown."""
    days = [month.first_day for month in months_between(start, end) if month.first_day >= start]
    if not days or days[0] != start:
        days.insert(0, start)
    if end not in days:
        days.append(end)
    return days
