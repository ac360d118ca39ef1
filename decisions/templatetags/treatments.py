"""A treatment's state in a table cell: `{% treatment_status t %}`, `{% record_check c %}` and
`{% matrix_cell t c %}`.

Written in Python rather than as included templates: the status pages show one for every
participant's college and council (42 cells at 1x, hundreds on a large regeling), and an
{% include %} per cell was about a fifth of those pages' rendering time (bench/pages.py). The
words are the same msgids the templates had; dates are shown in the portal's time zone, as the
template filter shows them.
"""

import datetime

from django import template
from django.core.exceptions import ObjectDoesNotExist
from django.template.defaultfilters import date as date_filter
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext

from gr_portal.core.choices import Purpose

register = template.Library()


def _day(value, format_string: str) -> str:
    """A date, or a moment in the portal's time zone (as the template filter shows it)."""
    if isinstance(value, datetime.datetime):
        value = localtime(value)
    return date_filter(value, format_string)


def _words(sentence: str, **values) -> SafeString:
    """A translated sentence with its values escaped (as {% blocktranslate %} renders it)."""
    return mark_safe(sentence % {name: escape(value) for name, value in values.items()})


def _vote(treatment):
    try:
        return treatment.vote
    except ObjectDoesNotExist:
        return None


def _state(treatment) -> SafeString:
    if not treatment:
        return format_html(
            '<span class="status status-none">{}</span>', gettext("geen behandeling")
        )
    if treatment.outcome:
        parts = [format_html('<span class="status-label">{}</span>', treatment.outcome_label)]
        meeting = treatment.meeting if treatment.meeting_id else None
        if meeting is not None:
            parts.append(
                format_html(
                    ' <time datetime="{}">{}</time>',
                    _day(meeting.starts_at, "Y-m-d"),
                    _day(meeting.starts_at, "j F Y"),
                )
            )
        vote = _vote(treatment)
        if vote is not None:
            parts.append(
                format_html(
                    ' <span class="vote-count">({}–{})</span>', vote.votes_for, vote.votes_against
                )
            )
        if treatment.round > 1:
            parts.append(
                format_html(
                    ' <span class="round">{}</span>',
                    _words(gettext("ronde %(round)s"), round=treatment.round),
                )
            )
        return format_html(
            '<span class="status status-{}">{}</span>', treatment.outcome, mark_safe("".join(parts))
        )
    if treatment.is_overdue():
        return format_html(
            '<span class="status status-overdue"><span class="status-label">{}</span> – {}</span>',
            gettext("te laat"),
            _words(gettext("gepland %(planned)s"), planned=treatment.planned_label),
        )
    return format_html(
        '<span class="status status-planned"><span class="status-label">{}</span> {}</span>',
        gettext("gepland"),
        treatment.planned_label,
    )


def _deadline(treatment) -> SafeString:
    deadline = treatment.opinion_deadline if treatment else None
    if not deadline:
        return mark_safe("")
    overdue = treatment.opinion_overdue()
    late = treatment.opinion_late
    note = ""
    if overdue:
        note = " – " + gettext("termijn verstreken")
    elif late:
        note = " – " + gettext("na de termijn besloten")
    return format_html(
        '<span class="deadline{}">{}{}</span>',
        " deadline-passed" if overdue or late else "",
        _words(
            gettext("zienswijze uiterlijk %(day)s (%(basis)s)"),
            day=_day(deadline, "j F Y"),
            basis=treatment.opinion_basis,
        ),
        note,
    )


@register.simple_tag
def treatment_status(treatment) -> SafeString:
    """Outcome with meeting day, vote count and round; or planned, or overdue; and the
    zienswijze term where it runs (Wgr art. 1 lid 3)."""
    return format_html("{}\n{}\n", _state(treatment), _deadline(treatment))


@register.simple_tag
def record_check(check) -> SafeString:
    """Whether the griffie checked its municipality's record of the decision."""
    if check:
        return format_html(
            '<span class="status status-checked"><span class="status-label">{}</span> {}</span>\n',
            gettext("gecontroleerd"),
            _words(gettext("door de griffie op %(date)s"), date=_day(check.checked_at, "j F Y")),
        )
    return format_html(
        '<span class="status status-unchecked">{}</span>\n', gettext("niet gecontroleerd")
    )


@register.simple_tag
def matrix_cell(treatment, check) -> SafeString:
    """A cell of the status matrix: the treatment's state, ter kennisname, the griffie's check."""
    if not treatment:
        return mark_safe('<span class="meta">–</span>\n')
    parts = [treatment_status(treatment)]
    if treatment.purpose == Purpose.NOTICE:
        parts.append(format_html('<br><span class="meta">{}</span>', gettext("ter kennisname")))
    if treatment.outcome and check:
        parts.append(format_html("<br>{}", record_check(check)))
    return mark_safe("".join(parts) + "\n")
