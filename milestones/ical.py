"""iCalendar (RFC 5545) text for the agenda feeds: milestones as all-day events, meetings timed.

Written by hand, it is small: content lines joined with CRLF, folded at 75 octets, TEXT values
escaped. Meetings carry their local time with TZID=Europe/Amsterdam and the matching VTIMEZONE,
so a calendar program shows 20.00 uur also after a change of its own time zone rules.
"""

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from gr_portal.core.choices import Precision
from gr_portal.core.periods import format_planned
from milestones.timeline import planned_period

CRLF = "\r\n"
MAX_OCTETS = 75
TZID = "Europe/Amsterdam"
AMSTERDAM = ZoneInfo(TZID)
PRODID = "-//GR Portal//Agenda//NL"

# The rules in force since 1996 (EU summer time); enough for every date the portal holds.
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19810329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19961027T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets (RFC 5545 3.1).

    Continuation lines start with one space, which counts towards their 75 octets. A line is
    never split inside a UTF-8 character.
    """
    parts: list[str] = []
    current, size, limit = [], 0, MAX_OCTETS
    for char in line:
        octets = len(char.encode())
        if size + octets > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, MAX_OCTETS - 1
        current.append(char)
        size += octets
    parts.append("".join(current))
    return (CRLF + " ").join(parts)


def format_date(day: datetime.date) -> str:
    return day.strftime("%Y%m%d")


def format_utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def format_local(moment: datetime.datetime) -> str:
    return moment.astimezone(AMSTERDAM).strftime("%Y%m%dT%H%M%S")


def milestone_event(milestone, *, decisions: list, url: str, stamp: datetime.datetime) -> list[str]:
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
    return [
        "BEGIN:VEVENT",
        f"UID:milestone-{milestone.pk}@grportal",
        f"DTSTAMP:{format_utc(stamp)}",
        f"DTSTART;VALUE=DATE:{format_date(first)}",
        f"DTEND;VALUE=DATE:{format_date(last + datetime.timedelta(days=1))}",
        f"SUMMARY:{escape_text(milestone.title)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"CATEGORIES:{escape_text(_('Mijlpaal'))}",
        "TRANSP:TRANSPARENT",
        f"URL:{url}",
        "END:VEVENT",
    ]


def meeting_summary(meeting) -> str:
    """'Gemeenteraad Dordrecht: vergadering', or with the meeting's own title after it."""
    summary = f"{meeting.body}: {meeting.get_kind_display()}"
    return f"{summary} – {meeting.title}" if meeting.title else summary


def meeting_event(
    meeting, *, treatments: list, url: str | None, stamp: datetime.datetime
) -> list[str]:
    """A meeting at its local time in Amsterdam. Its end is not recorded, so none is given."""
    description = [capfirst(meeting.get_kind_display()) + f" {meeting.body}."]
    if treatments:
        description.append(_("Op de agenda:"))
        description.extend(f"- {t.decision.title} ({t.get_purpose_display()})" for t in treatments)
    lines = [
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@grportal",
        f"DTSTAMP:{format_utc(stamp)}",
        f"DTSTART;TZID={TZID}:{format_local(meeting.starts_at)}",
        f"SUMMARY:{escape_text(meeting_summary(meeting))}",
        f"DESCRIPTION:{escape_text(chr(10).join(description))}",
        f"CATEGORIES:{escape_text(_('Vergadering'))}",
    ]
    if meeting.location:
        lines.append(f"LOCATION:{escape_text(meeting.location)}")
    if url:
        lines.append(f"URL:{url}")
    lines.append("END:VEVENT")
    return lines


def calendar(name: str, events: Iterable[list[str]]) -> str:
    """The whole VCALENDAR: folded content lines, each ended by CRLF."""
    escaped = escape_text(name)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{escaped}",
        f"X-WR-CALNAME:{escaped}",
        f"X-WR-TIMEZONE:{TZID}",
        "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
        "X-PUBLISHED-TTL:PT12H",
        *VTIMEZONE,
    ]
    for event in events:
        lines.extend(event)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
