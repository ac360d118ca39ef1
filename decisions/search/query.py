"""Search across decisions, their text versions, zienswijzen, amendments and motions.

On PostgreSQL this is full-text search with the Dutch configuration: weighted vectors (title A,
summary B, text C), a websearch query (so "samenvoegen" also finds "samenvoeging"), ranked by
ts_rank, with snippets from ts_headline. Elsewhere (SQLite in development and tests) every word
must occur somewhere (icontains), ranked by where it occurs, with snippets cut in Python.

Both return the same `Hit`s. A title or snippet is a tuple of (text, highlighted) segments that
the template escapes, so stored text is never marked safe: whatever a clerk typed, it is shown as
text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import add, and_, or_

from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Left, Replace, Right
from django.utils.translation import gettext as _

from decisions.models import Amendment, Decision, DecisionVersion, Motion, Opinion

# Hits shown; each record type fetches one more, so that "more than this" can be said for free.
RESULT_LIMIT = 50
MAX_QUERY_LENGTH = 200
SEARCH_CONFIG = "dutch"

# ts_headline marks matches with these. They cannot come from the data: the text is
# HTML-escaped in SQL before ts_headline sees it (which also keeps its parser from dropping
# anything that looks like a tag), and unescaped again, segment by segment, in Python.
_START, _STOP = "<mark>", "</mark>"
_MARKED = re.compile(f"{re.escape(_START)}(.*?){re.escape(_STOP)}", re.DOTALL)

# The fallback's crude score per term, by where it occurs: the weights of the vector, as numbers.
_FALLBACK_SCORE = {"A": 8, "B": 4, "C": 1}
_FALLBACK_MAX_TERMS = 10
_FALLBACK_SNIPPET_CHARS = 240
# Enough of a text's start and end to compare a headline's first and last words with.
_EDGE_CHARS = 60

Segment = tuple[str, bool]


@dataclass(frozen=True)
class Hit:
    """One search result: what it is, where it belongs, and why it matched."""

    type_label: str
    title: tuple[Segment, ...]
    context: str
    snippet: tuple[Segment, ...]
    url: str
    rank: float


@dataclass(frozen=True)
class SearchResults:
    query: str
    hits: list[Hit]
    # More records matched than RESULT_LIMIT; the most relevant ones are in `hits`.
    truncated: bool


@dataclass(frozen=True)
class _Source:
    """A searchable record type: its weighted fields and how one of its rows reads as a hit."""

    queryset: Callable[[object], QuerySet]
    title: str  # weight A; shown, highlighted, as (part of) the hit's title
    summary: str | None  # weight B
    text: str | None  # weight C
    describe: Callable[[object, tuple[Segment, ...]], dict]

    @property
    def weighted_fields(self) -> list[tuple[str, str]]:
        fields = [(self.title, "A"), (self.summary, "B"), (self.text, "C")]
        return [(name, weight) for name, weight in fields if name]

    @property
    def snippet_field(self) -> str:
        return self.text or self.summary or self.title


def _visible_decisions(user) -> QuerySet:
    return Decision.objects.visible_to(user)


def _decision_url(decision, anchor: str = "") -> str:
    url = decision.get_absolute_url()
    return f"{url}#{anchor}" if anchor else url


def _around(template: str, title: tuple[Segment, ...], **values) -> tuple[Segment, ...]:
    """The translated `template` with its "%(title)s" replaced by the highlighted title."""
    before, _placeholder, after = template.partition("%(title)s")
    return tuple(
        segment
        for segment in ((before % values, False), *title, (after % values, False))
        if segment[0]
    )


def _describe_decision(decision, title):
    return {
        "type_label": _("besluit"),
        "title": title,
        "context": decision.get_kind_display(),
        "url": _decision_url(decision),
    }


def _describe_version(version, title):
    template = _("Versie %(number)s: %(title)s") if title else _("Versie %(number)s")
    return {
        "type_label": _("tekstversie"),
        "title": _around(template, title, number=version.number),
        "context": version.decision.title,
        "url": _decision_url(version.decision),
    }


def _describe_opinion(opinion, title):
    return {
        "type_label": _("zienswijze van %(municipality)s")
        % {"municipality": opinion.municipality.name},
        "title": _around(_("Zienswijze van %(title)s"), title),
        "context": opinion.decision.title,
        "url": _decision_url(opinion.decision, f"zienswijze-{opinion.municipality.slug}"),
    }


def _describe_treatment_subject(subject, title, *, type_label: str, anchor: str):
    treatment = subject.treatment
    return {
        "type_label": type_label,
        "title": _around("%(code)s %(title)s", title, code=subject.code) if subject.code else title,
        "context": f"{treatment.body} · {treatment.decision.title}",
        "url": _decision_url(treatment.decision, f"{anchor}-{subject.pk}"),
    }


def _describe_amendment(amendment, title):
    return _describe_treatment_subject(
        amendment, title, type_label=_("amendement"), anchor="amendement"
    )


def _describe_motion(motion, title):
    return _describe_treatment_subject(motion, title, type_label=_("motie"), anchor="motie")


# In the order of the page when ranks are equal: the decision before what was said about it.
SOURCES: tuple[_Source, ...] = (
    _Source(
        queryset=_visible_decisions,
        title="title",
        summary="summary",
        text=None,
        describe=_describe_decision,
    ),
    _Source(
        queryset=lambda user: DecisionVersion.objects.filter(
            decision__in=_visible_decisions(user)
        ).select_related("decision"),
        title="label",
        summary=None,
        text="text",
        describe=_describe_version,
    ),
    _Source(
        queryset=lambda user: Opinion.objects.filter(
            decision__in=_visible_decisions(user)
        ).select_related("decision", "municipality"),
        title="municipality__name",
        summary=None,
        text="text",
        describe=_describe_opinion,
    ),
    _Source(
        queryset=lambda user: Amendment.objects.filter(
            treatment__decision__in=_visible_decisions(user)
        ).select_related(
            "treatment__decision", "treatment__body__municipality", "treatment__body__regeling"
        ),
        title="title",
        summary=None,
        text="text",
        describe=_describe_amendment,
    ),
    _Source(
        queryset=lambda user: Motion.objects.filter(
            treatment__decision__in=_visible_decisions(user)
        ).select_related(
            "treatment__decision", "treatment__body__municipality", "treatment__body__regeling"
        ),
        title="title",
        summary=None,
        text="text",
        describe=_describe_motion,
    ),
)


def find(query: str, *, user) -> SearchResults:
    """The records `user` may see that match `query`, most relevant first.

    One database query per record type (five), whatever the number of matches.
    """
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    if not query:
        return SearchResults(query="", hits=[], truncated=False)
    search_source = _search_postgresql if connection.vendor == "postgresql" else _search_fallback
    hits = [hit for source in SOURCES for hit in search_source(source, query, user)]
    # Stable: equal ranks keep the order of SOURCES and, within a type, the database's order.
    hits.sort(key=lambda hit: hit.rank, reverse=True)
    return SearchResults(query=query, hits=hits[:RESULT_LIMIT], truncated=len(hits) > RESULT_LIMIT)


def _hit(source: _Source, obj, rank, title, snippet) -> Hit:
    return Hit(snippet=snippet, rank=float(rank or 0), **source.describe(obj, title))


# PostgreSQL: full-text search with the Dutch configuration.


def _escaped(field: str):
    """The field's text with &, < and > escaped, in SQL: the input of ts_headline."""
    expression: F | Replace = F(field)
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        expression = Replace(expression, Value(char), Value(entity))
    return expression


def segments_from_headline(headline: str) -> tuple[Segment, ...]:
    """Split ts_headline's output (of escaped text) into unescaped, highlighted segments."""
    parts = _MARKED.split(headline or "")
    return tuple((html.unescape(part), index % 2 == 1) for index, part in enumerate(parts) if part)


_WORD = re.compile(r"\w+")


def with_ellipses(segments: tuple[Segment, ...], text_start: str, text_end: str):
    """An ellipsis where a headline starts after the text's start or ends before its end.

    ts_headline does not say whether it cut; comparing the first and last words with those of
    the text does (missing one only where a fragment starts or ends with the same word).
    """
    words = _WORD.findall("".join(text for text, _marked in segments))
    if not words:
        return segments
    first, last = _WORD.findall(text_start or ""), _WORD.findall(text_end or "")
    if first and words[0] != first[0]:
        segments = (("… ", False), *segments)
    if last and words[-1] != last[-1]:
        segments = (*segments, (" …", False))
    return segments


def _search_postgresql(source: _Source, query: str, user) -> list[Hit]:
    # Imported here: django.contrib.postgres is not an installed app, and its search
    # expressions need the PostgreSQL backend only when a query runs.
    from django.contrib.postgres.search import (
        SearchHeadline,
        SearchQuery,
        SearchRank,
        SearchVector,
    )

    search_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
    vector = reduce(
        add,
        (
            SearchVector(field, weight=weight, config=SEARCH_CONFIG)
            for field, weight in source.weighted_fields
        ),
    )
    rows = (
        source.queryset(user)
        .alias(document=vector)
        .filter(document=search_query)
        .annotate(
            rank=SearchRank(vector, search_query),
            title_headline=SearchHeadline(
                _escaped(source.title),
                search_query,
                config=SEARCH_CONFIG,
                start_sel=_START,
                stop_sel=_STOP,
                highlight_all=True,
            ),
            snippet_headline=SearchHeadline(
                _escaped(source.snippet_field),
                search_query,
                config=SEARCH_CONFIG,
                start_sel=_START,
                stop_sel=_STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
            text_start=Left(source.snippet_field, _EDGE_CHARS),
            text_end=Right(source.snippet_field, _EDGE_CHARS),
        )
        .order_by("-rank", "pk")
    )
    if "__" not in source.snippet_field:
        # The headline is all the page shows of a long text; no need to fetch the text itself.
        rows = rows.defer(source.snippet_field)
    return [
        _hit(
            source,
            row,
            row.rank,
            segments_from_headline(row.title_headline),
            with_ellipses(
                segments_from_headline(row.snippet_headline), row.text_start, row.text_end
            ),
        )
        for row in rows[: RESULT_LIMIT + 1]
    ]


# Elsewhere: every term must occur in one of the fields; title hits first.

_TERM = re.compile(r'"([^"]+)"|(\S+)')


def fallback_terms(query: str) -> list[str]:
    """Words and "quoted phrases" of the query, without duplicates (case-insensitively)."""
    terms: list[str] = []
    for phrase, word in _TERM.findall(query):
        term = (phrase or word).strip().strip('"')
        if term and term.casefold() not in {t.casefold() for t in terms}:
            terms.append(term)
    return terms[:_FALLBACK_MAX_TERMS]


def highlight(text: str, terms: list[str]) -> tuple[Segment, ...]:
    """`text` split into segments, the occurrences of any term (any case) highlighted."""
    if not text:
        return ()
    if not terms:
        return ((text, False),)
    # Longest first, so that "samenvoeging" wins over "samen" where both occur.
    alternatives = sorted((re.escape(term) for term in terms), key=len, reverse=True)
    pattern = re.compile("|".join(alternatives), re.IGNORECASE)
    segments: list[Segment] = []
    position = 0
    for match in pattern.finditer(text):
        if match.start() > position:
            segments.append((text[position : match.start()], False))
        segments.append((match.group(), True))
        position = match.end()
    if position < len(text):
        segments.append((text[position:], False))
    return tuple(segments)


def excerpt(text: str, terms: list[str], width: int = _FALLBACK_SNIPPET_CHARS):
    """About `width` characters of `text` around the first match, cut at spaces, highlighted."""
    text = " ".join(text.split())
    if len(text) <= width:
        return highlight(text, terms)
    lowered = text.casefold()
    found = [lowered.find(term.casefold()) for term in terms]
    first = min((index for index in found if index >= 0), default=0)
    start = max(0, first - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    segments = highlight(text[start:end], terms)
    if start:
        segments = (("… ", False), *segments)
    if end < len(text):
        segments = (*segments, (" …", False))
    return segments


def _field_value(obj, path: str) -> str:
    for name in path.split("__"):
        obj = getattr(obj, name)
    return obj or ""


def _anywhere(term: str, fields: list[tuple[str, str]]) -> Q:
    return reduce(or_, (Q(**{f"{field}__icontains": term}) for field, _weight in fields))


def _search_fallback(source: _Source, query: str, user) -> list[Hit]:
    terms = fallback_terms(query)
    if not terms:
        return []
    fields = source.weighted_fields
    condition = reduce(and_, (_anywhere(term, fields) for term in terms))
    score = reduce(
        add,
        (
            Case(
                When(Q(**{f"{field}__icontains": term}), then=Value(_FALLBACK_SCORE[weight])),
                default=Value(0),
                output_field=IntegerField(),
            )
            for term in terms
            for field, weight in fields
        ),
    )
    rows = source.queryset(user).filter(condition).annotate(rank=score).order_by("-rank", "pk")
    return [
        _hit(
            source,
            row,
            row.rank,
            highlight(_field_value(row, source.title), terms),
            excerpt(_field_value(row, source.snippet_field), terms),
        )
        for row in rows[: RESULT_LIMIT + 1]
    ]
