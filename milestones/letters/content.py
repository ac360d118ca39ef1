"""What a raadsbrief says: the status data it is made from and its body per municipality.

The generated parts ({{stand_van_zaken}}, {{vervolgstappen}}) are made from the live status:
the same decisions.status sentences as the pages show.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext as _

from councils.models import ExecutiveMember, Municipality
from decisions.models import Decision, RecordCheck, Treatment
from decisions.selectors import load_statuses
from decisions.status import DecisionStatus
from milestones.letters.markup import (
    FOOTNOTE_REF,
    PLACEHOLDER,
    block_pattern,
    markdown,
    markup_errors,
    parse_footnotes,
    render_markdown,
)
from milestones.models import Letter, Milestone


@dataclass
class StatusData:
    """What the generated parts of a letter are made from, loaded once for a whole batch."""

    statuses: list[DecisionStatus]
    upcoming: list[Milestone]
    fingerprint: str
    # Per municipality id, who signs on the letter's date: {"mayor": name, "secretary": name}.
    signatories: dict[int, dict[str, str]] = field(default_factory=dict)

    def signatories_of(self, municipality: Municipality) -> dict[str, str]:
        return self.signatories.get(municipality.pk, {})


def load_status_data(letter: Letter) -> StatusData:
    """The published decisions of the letter's process with their status, and the milestones
    still to come after the letter's date.

    Queries: decisions, treatments, checks, milestones, the signatories (burgemeester and
    secretaris on the letter's date, every municipality at once), and one aggregate per source
    of the fingerprint (five).
    """
    statuses = load_statuses(
        Decision.objects.filter(process=letter.process).published().order_by("sequence", "pk")
    )
    decisions = [status.decision for status in statuses]
    upcoming = [
        milestone
        for milestone in Milestone.objects.filter(process=letter.process).unfinished()
        if milestone.planned_last_day > letter.letter_date
    ]
    decision_ids = [d.pk for d in decisions]

    def latest(model, **lookup) -> int:
        return model.history.filter(**lookup).aggregate(v=Max("history_id"))["v"] or 0

    fingerprint = ";".join(
        [
            f"besluiten:{latest(Decision, process_id=letter.process_id)}",
            f"behandelingen:{latest(Treatment, decision_id__in=decision_ids)}",
            f"controles:{latest(RecordCheck, decision_id__in=decision_ids)}",
            f"mijlpalen:{latest(Milestone, process_id=letter.process_id)}",
            f"ondertekenaars:{latest(ExecutiveMember)}",
        ]
    )
    return StatusData(statuses, upcoming, fingerprint, signatories_on(letter.letter_date))


def signatories_on(day: datetime.date) -> dict[int, dict[str, str]]:
    """Per municipality the burgemeester and the secretaris in office on `day` (one query).

    Where several serve on that day by what the sources say, the one whose period is known best
    signs: a person with a known start or end date that covers the day before a person whose
    dates no source gives (a waarnemend burgemeester without a known period must not sign a
    letter from before his time), and of those the one who started last."""
    chosen: dict[tuple[int, str], ExecutiveMember] = {}
    signing = (ExecutiveMember.Role.MAYOR, ExecutiveMember.Role.SECRETARY)
    for member in ExecutiveMember.objects.filter(role__in=signing):
        if not member.serves_on(day):
            continue
        place = (member.municipality_id, member.role)
        current = chosen.get(place)
        if current is None or _known_period(member) > _known_period(current):
            chosen[place] = member
    signatories: dict[int, dict[str, str]] = {}
    for (municipality_id, role), member in chosen.items():
        signatories.setdefault(municipality_id, {})[role] = member.name
    return signatories


def _known_period(member: ExecutiveMember) -> tuple[int, int, int]:
    """How well the period is known (dates given), then how recent the start, then the entry
    made last (the newest knowledge)."""
    known = (member.starts_on is not None) + (member.ends_on is not None)
    started = member.starts_on.toordinal() if member.starts_on else 0
    return known, started, member.pk


def participants(letter: Letter) -> list[Municipality]:
    """The municipalities taking part in the regelingen of the letter's process."""
    return list(
        Municipality.objects.filter(regelingen__processes=letter.process)
        .distinct()
        .order_by("name")
    )


def _treatment_text(treatment: Treatment | None) -> str:
    if treatment is None:
        return _("geen behandeling")
    if treatment.outcome:
        text = treatment.outcome_label
        if treatment.meeting:
            text += " " + date_format(treatment.meeting.starts_at, "j F Y")
        return text
    return _("gepland %(planned)s") % {"planned": treatment.planned_label}


def status_rows(statuses: list[DecisionStatus], municipality: Municipality) -> list[dict]:
    rows = []
    for status in statuses:
        row = next((r for r in status.rows if r.municipality.pk == municipality.pk), None)
        rows.append(
            {
                "decision": status.decision.title,
                "executive": _treatment_text(row.executive) if row else "–",
                "council": _treatment_text(row.council) if row else "–",
                "verdict": status.verdict,
            }
        )
    return rows


def _always(text: str) -> Callable[[re.Match], str]:
    """A re.sub replacement that inserts `text` as it is (no backslash escapes)."""
    return lambda _match: text


def letter_date_text(letter: Letter) -> str:
    with translation.override("nl"):
        return date_format(letter.letter_date, "j F Y")


def body_html(letter: Letter, municipality: Municipality, data: StatusData) -> str:
    errors = markup_errors(letter.body, letter.footnotes)
    if errors:
        raise ValidationError(errors)
    notes, _errors = parse_footnotes(letter.footnotes)
    inline = {"gemeente": escape(municipality.name), "datum": escape(letter_date_text(letter))}

    def fill_inline(html: str) -> str:
        return PLACEHOLDER.sub(lambda m: inline.get(m[1], m[0]), html)

    html = fill_inline(render_markdown(letter.body))
    blocks = {
        "stand_van_zaken": render_to_string(
            "milestones/letters/pdf/status_table.html",
            {"rows": status_rows(data.statuses, municipality), "municipality": municipality},
        ),
        "vervolgstappen": render_to_string(
            "milestones/letters/pdf/next_steps.html", {"milestones": data.upcoming}
        ),
    }
    for name, block in blocks.items():
        html = block_pattern(name).sub(_always(block), html)

    def footnote(match: re.Match) -> str:
        text = fill_inline(markdown.renderInline(notes[match[1]]))
        return f'<span class="footnote">{text}</span>'

    return FOOTNOTE_REF.sub(footnote, html)
