"""iCalendar (RFC 5545) for the agenda feeds: milestones as all-day events, meetings timed.

Pure: objects in, icalendar components out. The icalendar package escapes TEXT values, folds
content lines at 75 octets and ends them with CRLF. Meetings carry their local time with
TZID=Europe/Amsterdam and a VTIMEZONE that icalendar derives from zoneinfo, so a calendar
program shows 20.00 uur also after a change of its own time zone rules.
"""

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from gr_portal.core.choices import Precision
from gr_portal.core.periods import format_planned
from milestones.timeline import planned_period

TZID = "Europe/Amsterdam"
AMSTERDAM = ZoneInfo(TZID)
PRODID = "-//GR Portal//Agenda//NL"
REFRESH = datetime.timedelta(hours=12)


def milestone_event(
    milestone, *, decisions: list, url: str, stamp: datetime.datetime
) -> icalendar.Event:
    """A milestone as an all-day event over its planned period (DTEND is the day after).

    Transparent: a milestone of a month must not mark anyone's calendar as busy.
    """
    first, last = planned_period(milestone)
    lines = [
        f"{_('Gepland')}: {milestone.planned_label}.",
    ]
    if milestone.actual_start:
        lines.append(f"{_('Begonnen')}: {format_planned(milestone.actual_start, Precision.DAY)}.")
    if milestone.actual_end:
        lines.append(f"{_('Afgerond')}: {format_planned(milestone.actual_end, Precision.DAY)}.")
    if decisions:
        lines.append(f"{_('Besluit')}: {'; '.join(d.title for d in decisions)}.")
    description = "\n".join(lines)
    if milestone.description:
        description = f"{milestone.description}\n\n{description}"
    event = icalendar.Event()
    event.add("uid", f"milestone-{milestone.pk}@grportal")
    event.add("dtstamp", stamp.astimezone(datetime.UTC))
    event.add("dtstart", first)
    event.add("dtend", last + datetime.timedelta(days=1))
    event.add("summary", milestone.title)
    event.add("description", description)
    event.add("categories", [_("Mijlpaal")])
    event.add("transp", "TRANSPARENT")
    event.add("url", url)
    return event


def meeting_summary(meeting) -> str:
    """'Gemeenteraad Dordrecht: vergadering', or with the meeting's own title after it."""
    summary = f"{meeting.body}: {meeting.get_kind_display()}"
    return f"{summary} – {meeting.title}" if meeting.title else summary


def meeting_event(
    meeting, *, treatments: list, url: str | None, stamp: datetime.datetime
) -> icalendar.Event:
    """A meeting at its local time in Amsterdam. Its end is not recorded, so none is given."""
    description = [capfirst(meeting.get_kind_display()) + f" {meeting.body}."]
    if treatments:
        description.append(_("Op de agenda:"))
        description.extend(f"- {t.decision.title} ({t.get_purpose_display()})" for t in treatments)
    event = icalendar.Event()
    event.add("uid", f"meeting-{meeting.pk}@grportal")
    event.add("dtstamp", stamp.astimezone(datetime.UTC))
    event.add("dtstart", meeting.starts_at.astimezone(AMSTERDAM))
    event.add("summary", meeting_summary(meeting))
    event.add("description", "\n".join(description))
    event.add("categories", [_("Vergadering")])
    if meeting.location:
        event.add("location", meeting.location)
    if url:
        event.add("url", url)
    return event


def calendar(name: str, events: Iterable[icalendar.Event]) -> icalendar.Calendar:
    """The whole VCALENDAR, with a VTIMEZONE for the meetings' time zone when there are any.

    icalendar places the VTIMEZONE before the events. It lists the transitions of the whole
    years the meetings fall in: what a calendar program needs, and short (zoneinfo has no
    rules to copy, only transitions).
    """
    cal = icalendar.Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", PRODID)
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", icalendar.vDuration(REFRESH))
    for event in events:
        cal.add_component(event)
    years = [
        start.year
        for event in cal.walk("VEVENT")
        if isinstance(start := event.decoded("DTSTART"), datetime.datetime)
    ]
    if years:
        cal.add_missing_timezones(
            first_date=datetime.date(min(years), 1, 1),
            last_date=datetime.date(max(years) + 1, 1, 1),
        )
    return cal
