"""Laying out a raadsbrief with WeasyPrint: HTML for one municipality, then a tagged PDF.

The PDF is tagged PDF/UA-1: a letter to a council must be readable with assistive technology,
and WeasyPrint's PDF/A variants would add nothing that the archive (exact bytes plus SHA-256)
does not already guarantee. WeasyPrint is imported only when a letter is laid out (it is slow to
import; ruff's TID253 keeps it so), and it fetches nothing but the portal's own static files.
"""

import atexit
import threading
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from councils.models import Municipality
from milestones.letters.content import StatusData, body_html, letter_date_text
from milestones.models import Letter

PDF_VARIANT = "pdf/ua-1"
STYLESHEET = "css/letter.css"


def _stylesheet_path() -> Path:
    path = finders.find(STYLESHEET)
    if path is None:  # pragma: no cover - a broken installation
        raise ValidationError(_("Het opmaakbestand van de brieven ontbreekt."))
    return Path(path)


def render_letter_html(letter: Letter, municipality: Municipality, data: StatusData) -> str:
    """The letter as the HTML document WeasyPrint lays out, always in Dutch."""
    with translation.override("nl"):
        return render_to_string(
            "milestones/letters/pdf/letter.html",
            {
                "letter": letter,
                "municipality": municipality,
                "signatories": data.signatories_of(municipality),
                "body": mark_safe(body_html(letter, municipality, data)),
                "date_text": letter_date_text(letter),
                "author": _("College van burgemeester en wethouders van %(name)s")
                % {"name": municipality.name},
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
                # Decoded before it is resolved (%2e%2e is ..), and the very path checked is
                # the one fetched (security audit F17).
                raw = unquote(url.removeprefix("file://").split("?")[0].split("#")[0])
                path = Path(raw).resolve()
                if not any(path.is_relative_to(root) for root in _static_roots()):
                    raise ValueError(f"Not a static file: {url}")
                return super().fetch(path.as_uri(), headers)

        return _Fetcher(allowed_protocols={"file"})


def _static_roots() -> list[Path]:
    roots = [Path(p).resolve() for p in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT).resolve())
    return roots


_layouts = threading.local()
# Dropped before the interpreter tears its modules down (WeasyPrint's font cleanup needs them).
atexit.register(lambda: _layouts.__dict__.clear())


def _shared_layout():
    """The letters' stylesheet, parsed once, and the fonts it loads (WeasyPrint's
    FontConfiguration), kept per thread: every letter a thread lays out after the first reuses
    them, in a batch and across requests. Parsing the stylesheet and loading its @font-face
    fonts was most of a letter's time (bench/letters.py)."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    path = _stylesheet_path()
    key = (path, path.stat().st_mtime_ns)
    if getattr(_layouts, "key", None) != key:
        font_config = FontConfiguration()
        _layouts.css = CSS(
            filename=str(path), font_config=font_config, url_fetcher=StaticFilesFetcher()
        )
        _layouts.font_config = font_config
        _layouts.key = key
    return _layouts.css, _layouts.font_config


def render_letter_document(letter: Letter, municipality: Municipality, data: StatusData):
    """The laid-out WeasyPrint document (pages can be combined with other letters')."""
    from weasyprint import HTML

    html = render_letter_html(letter, municipality, data)
    css, font_config = _shared_layout()
    return HTML(
        string=html,
        base_url=_stylesheet_path().parent.as_uri() + "/",
        url_fetcher=StaticFilesFetcher(),
    ).render(stylesheets=[css], font_config=font_config)


def render_letter_pdf(letter: Letter, municipality: Municipality, data: StatusData) -> bytes:
    document = render_letter_document(letter, municipality, data)
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def combine_pdf(documents) -> bytes:
    """One PDF with the pages of every letter, each keeping its own page numbers."""
    pages = [page for document in documents for page in document.pages]
    combined = documents[0].copy(pages)
    return combined.write_pdf(pdf_variant=PDF_VARIANT)
