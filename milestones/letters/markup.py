"""The raadsbrief's markup: CommonMark without raw HTML, with placeholders and footnotes.

Pure text processing, no models: the letter model validates with it, and the rendering fills it
in. The markup is CommonMark with raw HTML switched off (markdown-it-py), so nothing a user
writes is passed through as HTML or run as a template. Three additions, handled on the already
escaped HTML output:

- placeholders ``{{gemeente}}`` and ``{{datum}}`` inline, ``{{stand_van_zaken}}`` and
  ``{{vervolgstappen}}`` each as a paragraph of its own (they become a table and a list);
- footnote references ``[^1]`` in the body, defined in the letter's footnotes field, one per
  line as ``[^1]: text``; WeasyPrint places each at the foot of the page where it is referenced
  and numbers them in order;
- the headings of the body start at h2, whatever level the writer chose (h1 is the letter's).
"""

import re

from django.utils.translation import gettext as _
from markdown_it import MarkdownIt

INLINE_PLACEHOLDERS = ("gemeente", "datum")
BLOCK_PLACEHOLDERS = ("stand_van_zaken", "vervolgstappen")
PLACEHOLDERS = INLINE_PLACEHOLDERS + BLOCK_PLACEHOLDERS

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
_TEMPLATE_SYNTAX = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
FOOTNOTE_REF = re.compile(r"\[\^([\w-]+)\]")
_FOOTNOTE_DEF = re.compile(r"^\[\^([\w-]+)\]:\s*(\S.*)$")

# Rendering: raw HTML is escaped, images (which would be fetched) are not recognised.
markdown = MarkdownIt("commonmark", {"html": False}).disable("image")
# Checking only: the same parser with HTML recognised, to tell the writer it is not allowed.
_html_detector = MarkdownIt("commonmark", {"html": True})
# Checking only: a parser that makes a link of every destination, so that one the renderer
# would refuse (javascript:, file:, data:), and then print as raw Markdown, is named.
_link_detector = MarkdownIt("commonmark", {"html": False})
_link_detector.validateLink = lambda url: True  # type: ignore[method-assign]
LINK_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")


def _placeholder_errors(text: str, *, block_allowed: bool) -> list[str]:
    errors = []
    names = PLACEHOLDER.findall(text)
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
    if _TEMPLATE_SYNTAX.search(PLACEHOLDER.sub("", text)):
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


def _link_errors(text: str) -> list[str]:
    """A link whose address is not http(s) or mailto (a relative one has no scheme)."""
    for token in _link_detector.parse(text):
        for child in token.children or []:
            if child.type != "link_open":
                continue
            scheme = _SCHEME.match(str(child.attrs.get("href", "")))
            if scheme and scheme[1].lower() not in LINK_SCHEMES:
                return [
                    _("Alleen http- en https-links zijn toegestaan (gevonden: %(scheme)s:).")
                    % {"scheme": scheme[1][:20]}
                ]
    return []


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
    body_errors = _html_errors(body) + _image_errors(body) + _link_errors(body)
    body_errors += _placeholder_errors(body, block_allowed=True)
    footnote_errors = _html_errors(footnotes) + _placeholder_errors(footnotes, block_allowed=False)

    html = render_markdown(body)
    for name in BLOCK_PLACEHOLDERS:
        alone = len(block_pattern(name).findall(html))
        if len(re.findall(r"\{\{\s*" + name + r"\s*\}\}", html)) > alone:
            body_errors.append(
                _(
                    "De plaatshouder {{%(name)s}} moet op een eigen regel staan, "
                    "met een lege regel ervoor en erna."
                )
                % {"name": name}
            )

    env: dict = {}
    markdown.parse(body, env)
    if any(label.startswith("^") for label in env.get("references", {})):
        body_errors.append(_("Voetnoten horen in het veld voetnoten, niet in de tekst ([^1]: …)."))

    notes, line_errors = parse_footnotes(footnotes)
    footnote_errors += line_errors
    # A footnote line is a link reference definition to the parser above, so its text is
    # checked on its own: it is rendered as inline Markdown at the foot of the page.
    for text in notes.values():
        for error in _html_errors(text) + _image_errors(text) + _link_errors(text):
            if error not in footnote_errors:
                footnote_errors.append(error)
    references = FOOTNOTE_REF.findall(body)
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


def render_markdown(text: str) -> str:
    """The body as HTML, its headings starting at h2 (h1 is the letter's own)."""
    tokens = markdown.parse(text)
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    shift = 2 - min(levels) if levels else 0
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + shift, 6)}"
    return markdown.renderer.render(tokens, markdown.options, {})


def block_pattern(name: str) -> re.Pattern:
    """A block placeholder alone in its paragraph, as rendered."""
    return re.compile(r"<p>\s*\{\{\s*" + name + r"\s*\}\}\s*</p>\n?")
