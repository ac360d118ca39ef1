"""Raadsbrieven: the letter markup, rendering per municipality with WeasyPrint, and the archive.

The markup is CommonMark with raw HTML switched off (markdown-it-py), so nothing a user writes is
passed through as HTML or run as a template. Three additions, all handled here on the already
escaped HTML output:

- placeholders ``{{gemeente}}`` and ``{{datum}}`` inline, ``{{stand_van_zaken}}`` and
  ``{{vervolgstappen}}`` each as a paragraph of its own (they become a table and a list);
- footnote references ``[^1]`` in the body, defined in the letter's footnotes field, one per
  line as ``[^1]: text``; WeasyPrint places each at the foot of the page where it is referenced
  and numbers them in order;
- the headings of the body start at h2, whatever level the writer chose (h1 is the letter's).

The PDF is tagged PDF/UA-1: a letter to a council must be readable with assistive technology,
and WeasyPrint's PDF/A variants would add nothing that the archive (exact bytes plus SHA-256)
does not already guarantee.
"""

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt

from councils.models import Municipality
from decisions.models import Decision, RecordCheck, Treatment
from decisions.status import DecisionStatus, decision_statuses
from milestones.models import ArchivedLetter, Letter, Milestone

PDF_VARIANT = "pdf/ua-1"
STYLESHEET = "css/letter.css"

INLINE_PLACEHOLDERS = ("gemeente", "datum")
BLOCK_PLACEHOLDERS = ("stand_van_zaken", "vervolgstappen")
PLACEHOLDERS = INLINE_PLACEHOLDERS + BLOCK_PLACEHOLDERS

_PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
_TEMPLATE_SYNTAX = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
_FOOTNOTE_REF = re.compile(r"\[\^([\w-]+)\]")
_FOOTNOTE_DEF = re.compile(r"^\[\^([\w-]+)\]:\s*(\S.*)$")

# Rendering: raw HTML is escaped, images (which would be fetched) are not recognised.
_markdown = MarkdownIt("commonmark", {"html": False}).disable("image")
# Checking only: the same parser with HTML recognised, to tell the writer it is not allowed.
_html_detector = MarkdownIt("commonmark", {"html": True})


# Markup ------------------------------------------------------------------------------------


def _placeholder_errors(text: str, *, block_allowed: bool) -> list[str]:
    errors = []
    names = _PLACEHOLDER.findall(text)
    for name in dict.fromkeys(names):
        if name not in PLACEHOLDERS:
            errors.append(
                _("Onbekende plaatshouder {{%(name)s}}. Mogelijk zijn: %(known)s.")
                % {"name": name, "known": ", ".join(f"{{{{{p}}}}}" for p in PLACEHOLDERS)}
            )
        elif name in BLOCK_PLACEHOLDERS and not block_allowed:
            errors.append(
                _("De plaatshouder {{%(name)s}} kan alleen in de tekst van de brief staan.")
                % {"name": name}
            )
    if _TEMPLATE_SYNTAX.search(_PLACEHOLDER.sub("", text)):
        errors.append(
            _(
                "Onvolledige plaatshouder of sjablooncode: gebruik alleen {{naam}} met "
                "dubbele accolades aan beide kanten."
            )
        )
    return errors


def _html_errors(text: str) -> list[str]:
    tokens = _html_detector.parse(text)
    found = [t for t in tokens if t.type == "html_block"]
    found += [
        child for t in tokens if t.children for child in t.children if child.type == "html_inline"
    ]
    if not found:
        return []
    sample = found[0].content.strip().splitlines()[0][:40]
    return [_("HTML is niet toegestaan (gevonden: %(sample)s).") % {"sample": sample}]


def _image_errors(text: str) -> list[str]:
    tokens = _html_detector.parse(text)
    if any(c.type == "image" for t in tokens if t.children for c in t.children):
        return [_("Afbeeldingen zijn niet toegestaan in een raadsbrief.")]
    return []


def parse_footnotes(text: str) -> tuple[dict[str, str], list[str]]:
    """The footnotes by label, and a message per line that is not a footnote definition."""
    notes: dict[str, str] = {}
    errors = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _FOOTNOTE_DEF.match(line.strip())
        if not match:
            errors.append(
                _("Regel %(number)d van de voetnoten heeft niet de vorm [^1]: tekst.")
                % {"number": number}
            )
        elif match[1] in notes:
            errors.append(_("Voetnoot [^%(label)s] staat er twee keer.") % {"label": match[1]})
        else:
            notes[match[1]] = match[2]
    return notes, errors


def markup_errors(body: str, footnotes: str) -> dict[str, list[str]]:
    """Every problem with a letter's markup, by field; empty when the letter can be rendered."""
    body_errors = _html_errors(body) + _image_errors(body)
    body_errors += _placeholder_errors(body, block_allowed=True)
    footnote_errors = _html_errors(footnotes) + _placeholder_errors(footnotes, block_allowed=False)

    html = _render_markdown(body)
    for name in BLOCK_PLACEHOLDERS:
        alone = len(_block_pattern(name).findall(html))
        if len(re.findall(r"\{\{\s*" + name + r"\s*\}\}", html)) > alone:
            body_errors.append(
                _(
                    "De plaatshouder {{%(name)s}} moet op een eigen regel staan, "
                    "met een lege regel ervoor en erna."
                )
                % {"name": name}
            )

    env: dict = {}
    _markdown.parse(body, env)
    if any(label.startswith("^") for label in env.get("references", {})):
        body_errors.append(_("Voetnoten horen in het veld voetnoten, niet in de tekst ([^1]: …)."))

    notes, line_errors = parse_footnotes(footnotes)
    footnote_errors += line_errors
    references = _FOOTNOTE_REF.findall(body)
    for label in dict.fromkeys(references):
        if label not in notes:
            body_errors.append(
                _("Voetnoot [^%(label)s] wordt gebruikt maar staat niet bij de voetnoten.")
                % {"label": label}
            )
        elif references.count(label) > 1:
            body_errors.append(
                _("Voetnoot [^%(label)s] wordt meer dan eens gebruikt.") % {"label": label}
            )
    for label in notes:
        if label not in references:
            footnote_errors.append(
                _("Voetnoot [^%(label)s] wordt nergens in de tekst gebruikt.") % {"label": label}
            )
    return {
        field: errors
        for field, errors in (("body", body_errors), ("footnotes", footnote_errors))
        if errors
    }


def _render_markdown(text: str) -> str:
    tokens = _markdown.parse(text)
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    shift = 2 - min(levels) if levels else 0
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + shift, 6)}"
    return _markdown.renderer.render(tokens, _markdown.options, {})


def _block_pattern(name: str) -> re.Pattern:
    return re.compile(r"<p>\s*\{\{\s*" + name + r"\s*\}\}\s*</p>\n?")


# Status data -------------------------------------------------------------------------------


@dataclass
class StatusData:
    """What the generated parts of a letter are made from, loaded once for a whole batch."""

    statuses: list[DecisionStatus]
    upcoming: list[Milestone]
    fingerprint: str


def load_status_data(letter: Letter) -> StatusData:
    """The published decisions of the letter's process with their status, and the milestones
    still to come after the letter's date.

    Queries: decisions, treatments, checks, milestones, and one aggregate per source of the
    fingerprint (four).
    """
    decisions = list(
        Decision.objects.filter(process=letter.process)
        .published()
        .select_related("process", "regeling")
        .order_by("sequence", "pk")
    )
    treatments = Treatment.objects.filter(decision__in=decisions).with_related()
    checks = RecordCheck.objects.filter(decision__in=decisions)
    statuses = decision_statuses(decisions, treatments, checks)
    upcoming = [
        milestone
        for milestone in Milestone.objects.filter(process=letter.process, actual_end__isnull=True)
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
        ]
    )
    return StatusData(statuses, upcoming, fingerprint)


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
        text = treatment.get_outcome_display()
        if treatment.meeting:
            text += " " + date_format(treatment.meeting.starts_at, "j F Y")
        return text
    return _("gepland %(planned)s") % {"planned": treatment.planned_label}


def _status_rows(statuses: list[DecisionStatus], municipality: Municipality) -> list[dict]:
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


# Rendering ---------------------------------------------------------------------------------


def letter_date_text(letter: Letter) -> str:
    with translation.override("nl"):
        return date_format(letter.letter_date, "j F Y")


def _body_html(letter: Letter, municipality: Municipality, data: StatusData) -> str:
    errors = markup_errors(letter.body, letter.footnotes)
    if errors:
        raise ValidationError(errors)
    notes, _errors = parse_footnotes(letter.footnotes)
    inline = {"gemeente": escape(municipality.name), "datum": escape(letter_date_text(letter))}

    def fill_inline(html: str) -> str:
        return _PLACEHOLDER.sub(lambda m: inline.get(m[1], m[0]), html)

    html = fill_inline(_render_markdown(letter.body))
    blocks = {
        "stand_van_zaken": render_to_string(
            "milestones/pdf/status_table.html",
            {"rows": _status_rows(data.statuses, municipality), "municipality": municipality},
        ),
        "vervolgstappen": render_to_string(
            "milestones/pdf/next_steps.html", {"milestones": data.upcoming}
        ),
    }
    for name, block in blocks.items():
        html = _block_pattern(name).sub(lambda _m, block=block: block, html)

    def footnote(match: re.Match) -> str:
        text = fill_inline(_markdown.renderInline(notes[match[1]]))
        return f'<span class="footnote">{text}</span>'

    return _FOOTNOTE_REF.sub(footnote, html)


def _stylesheet_path() -> Path:
    path = finders.find(STYLESHEET)
    if path is None:  # pragma: no cover - a broken installation
        raise ValidationError(_("Het opmaakbestand van de brieven ontbreekt."))
    return Path(path)


def render_letter_html(letter: Letter, municipality: Municipality, data: StatusData) -> str:
    """The letter as the HTML document WeasyPrint lays out, always in Dutch."""
    with translation.override("nl"):
        return render_to_string(
            "milestones/pdf/letter.html",
            {
                "letter": letter,
                "municipality": municipality,
                "body": mark_safe(_body_html(letter, municipality, data)),
                "date_text": letter_date_text(letter),
                "author": _("College van burgemeester en wethouders van %(name)s")
                % {"name": municipality.name},
                "stylesheet_url": _stylesheet_path().as_uri(),
            },
        )


class StaticFilesFetcher:
    """Gives WeasyPrint the portal's own static files and nothing else: no network, no other
    files. Built lazily so that importing this module does not import WeasyPrint."""

    def __new__(cls):
        from weasyprint.urls import URLFetcher

        class _Fetcher(URLFetcher):
            def fetch(self, url, headers=None):
                if not url.startswith("file://"):
                    raise ValueError(f"Only local static files are fetched, not {url}")
                path = Path(url.removeprefix("file://").split("?")[0]).resolve()
                if not any(path.is_relative_to(root) for root in _static_roots()):
                    raise ValueError(f"Not a static file: {url}")
                return super().fetch(url, headers)

        return _Fetcher(allowed_protocols={"file"})


def _static_roots() -> list[Path]:
    roots = [Path(p).resolve() for p in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT).resolve())
    return roots


def render_letter_document(letter: Letter, municipality: Municipality, data: StatusData):
    """The laid-out WeasyPrint document (pages can be combined with other letters')."""
    from weasyprint import HTML

    html = render_letter_html(letter, municipality, data)
    return HTML(
        string=html,
        base_url=_stylesheet_path().parent.as_uri() + "/",
        url_fetcher=StaticFilesFetcher(),
    ).render()


def render_letter_pdf(letter: Letter, municipality: Municipality, data: StatusData) -> bytes:
    document = render_letter_document(letter, municipality, data)
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def combine_pdf(documents) -> bytes:
    """One PDF with the pages of every letter, each keeping its own page numbers."""
    pages = [page for document in documents for page in document.pages]
    combined = documents[0].copy(pages)
    return combined.write_pdf(pdf_variant=PDF_VARIANT)


def letter_filename(letter: Letter, municipality: Municipality) -> str:
    stem = slugify(f"{letter.letter_date:%Y-%m-%d} {letter.subject}")[:80].strip("-")
    return f"{stem}-{municipality.slug}.pdf"


# Export and archive ------------------------------------------------------------------------


class LetterExportError(Exception):
    """A batch stopped: which letter and why. Nothing of the batch was archived."""

    def __init__(self, municipality: Municipality | None, reason: str):
        self.municipality = municipality
        self.reason = reason
        if municipality is None:
            message = reason
        else:
            message = _("De brief voor %(name)s is mislukt: %(reason)s") % {
                "name": municipality.name,
                "reason": reason,
            }
        super().__init__(message)


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or type(error).__name__


def letters_export(
    *, letter: Letter, municipalities: list[Municipality], user, progress=None
) -> list[tuple[ArchivedLetter, object]]:
    """Render the letter for each municipality and archive every PDF, all or nothing.

    Returns (archive entry, WeasyPrint document) pairs; `progress(done, total, municipality)`
    is called after each letter. Raises LetterExportError naming the letter that failed.
    """
    try:
        letter.full_clean()
    except ValidationError as error:
        raise LetterExportError(None, _reason(error)) from error
    version = letter.history.order_by("-history_id").values_list("history_id", flat=True).first()
    if version is None:
        raise LetterExportError(None, _("De brief heeft nog geen opgeslagen versie."))
    data = load_status_data(letter)

    rendered = []
    for done, municipality in enumerate(municipalities, start=1):
        try:
            document = render_letter_document(letter, municipality, data)
            pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
        except Exception as error:
            raise LetterExportError(municipality, _reason(error)) from error
        rendered.append((municipality, document, pdf))
        if progress:
            progress(done, len(municipalities), municipality)

    with transaction.atomic():
        results = []
        for municipality, document, pdf in rendered:
            archived = ArchivedLetter(
                letter=letter,
                municipality=municipality,
                pdf=pdf,
                sha256=hashlib.sha256(pdf).hexdigest(),
                filename=letter_filename(letter, municipality),
                exported_by=user,
                letter_version=version,
                status_version=f"{data.fingerprint};gemeente:{_municipality_version(municipality)}",
                published=letter.published,
            )
            archived.full_clean(exclude=["letter", "municipality", "exported_by"])
            archived.save()
            results.append((archived, document))
    return results


def _municipality_version(municipality: Municipality) -> int:
    # The signatories' names come from the municipality, so its version is part of the data.
    return (
        municipality.history.order_by("-history_id").values_list("history_id", flat=True).first()
        or 0
    )


def zip_archive(archived: list[ArchivedLetter]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in archived:
            archive.writestr(entry.filename, bytes(entry.pdf))
    return buffer.getvalue()
