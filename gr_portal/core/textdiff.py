"""Readable differences between two versions of a record, as pure functions.

Nothing here touches the database: the caller turns two versions into dictionaries of display
values (strings) and gets back what changed, field by field, and for long texts word by word.
"""

from __future__ import annotations

import bisect
import difflib
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "LONG_TEXT_LENGTH",
    "FieldChange",
    "Segment",
    "field_changes",
    "is_long_text",
    "tokenize",
    "word_diff",
    "word_diff_cached",
]

# A value longer than this (or spanning lines) is compared word by word: showing two whole
# paragraphs side by side hides the one word that changed.
LONG_TEXT_LENGTH = 80

# Every character belongs to exactly one kind of token, so joining the tokens gives the text back.
TOKEN = re.compile(r"\s+|\w+|[^\w\s]")

SegmentKind = Literal["equal", "insert", "delete"]


@dataclass(frozen=True)
class Segment:
    """A run of text that both versions share ("equal"), or only the old ("delete") or new one."""

    kind: SegmentKind
    text: str


@dataclass(frozen=True)
class FieldChange:
    """One field that differs between two versions, with the values as they are shown."""

    name: str
    label: str
    old: str
    new: str
    # Word by word, for long texts only; None when the two values are short enough to read whole.
    segments: tuple[Segment, ...] | None = None

    @property
    def is_long(self) -> bool:
        return self.segments is not None


def tokenize(text: str) -> list[str]:
    """Words, runs of whitespace and single punctuation marks; ''.join() gives `text` back."""
    return TOKEN.findall(text)


def is_long_text(value: str) -> bool:
    return len(value) > LONG_TEXT_LENGTH or "\n" in value


#: How much word-by-word alignment one diff may do: the sum, over the stretches that the
#: unique words do not already line up, of old tokens times new tokens. Within it a stretch is
#: aligned exactly (difflib); beyond it a stretch is shown as replaced whole. Measured
#: (bench/diff.py): about 0.1 s of work at most, whatever the texts.
ALIGN_BUDGET = 1_000_000

Opcode = tuple[str, int, int, int, int]


def word_diff(old: str, new: str) -> list[Segment]:
    """The change from `old` to `new` as segments in reading order.

    Joining the "equal" and "delete" segments gives `old`; joining "equal" and "insert" gives
    `new`. Within one change the deleted text comes before the inserted text, and whitespace
    between two changed words belongs to the change, so "de raad besluit" -> "het college
    besluit" reads as one replacement ("de raad" by "het college") instead of a word-by-word
    stutter. Adjacent segments never have the same kind and no segment is empty.

    The cost is bounded: words that occur once in both texts are lined up first (patience
    diff, n log n), and only the stretches between them are aligned token by token, within
    ALIGN_BUDGET. A 10,000-word text compares in a fraction of a second (tests/core).
    """
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    raw: list[Segment] = []
    for tag, i1, i2, j1, j2 in _opcodes(old_tokens, new_tokens):
        if tag == "equal":
            raw.append(Segment("equal", "".join(old_tokens[i1:i2])))
            continue
        if i2 > i1:
            raw.append(Segment("delete", "".join(old_tokens[i1:i2])))
        if j2 > j1:
            raw.append(Segment("insert", "".join(new_tokens[j1:j2])))
    return _group_changes(_absorb_whitespace(raw))


def _opcodes(a: list[str], b: list[str]) -> list[Opcode]:
    """Equal and changed stretches of token lists `a` and `b`, in order (difflib's tags)."""
    out: list[Opcode] = []
    budget = [ALIGN_BUDGET]
    # What is still to do, last first: ("align", alo, ahi, blo, bhi) is a stretch to align,
    # any other tag an opcode ready to be written out.
    todo: list[Opcode] = [("align", 0, len(a), 0, len(b))]
    while todo:
        item = todo.pop()
        if item[0] != "align":
            out.append(item)
            continue
        _tag, alo, ahi, blo, bhi = item
        # The common start and end of the stretch are equal whatever else happens.
        start = 0
        while alo + start < ahi and blo + start < bhi and a[alo + start] == b[blo + start]:
            start += 1
        end = 0
        while (
            ahi - end > alo + start
            and bhi - end > blo + start
            and a[ahi - end - 1] == b[bhi - end - 1]
        ):
            end += 1
        if start:
            out.append(("equal", alo, alo + start, blo, blo + start))
        alo, blo, ahi, bhi = alo + start, blo + start, ahi - end, bhi - end
        pieces: list[Opcode] = []
        anchors = _unique_anchors(a, b, alo, ahi, blo, bhi)
        if anchors:
            i, j = alo, blo
            for ai, bj in anchors:
                pieces.append(("align", i, ai, j, bj))
                pieces.append(("equal", ai, ai + 1, bj, bj + 1))
                i, j = ai + 1, bj + 1
            pieces.append(("align", i, ahi, j, bhi))
        else:
            pieces.extend(_aligned(a, b, alo, ahi, blo, bhi, budget))
        if end:
            pieces.append(("equal", ahi, ahi + end, bhi, bhi + end))
        todo.extend(reversed(pieces))
    return out


def _unique_anchors(
    a: list[str], b: list[str], alo: int, ahi: int, blo: int, bhi: int
) -> list[tuple[int, int]]:
    """Positions (i, j) of tokens that occur exactly once in a[alo:ahi] and in b[blo:bhi],
    the longest run of them in the same order in both (patience sorting)."""
    if ahi - alo < 2 or bhi - blo < 2:
        return []
    seen_a: dict[str, int] = {}
    for i in range(alo, ahi):
        seen_a[a[i]] = -1 if a[i] in seen_a else i
    seen_b: dict[str, int] = {}
    for j in range(blo, bhi):
        token = b[j]
        if token in seen_a and seen_a[token] >= 0:
            seen_b[token] = -1 if token in seen_b else j
    pairs = sorted(
        (seen_a[token], j) for token, j in seen_b.items() if j >= 0 and not token.isspace()
    )
    if not pairs:
        return []
    # Longest increasing subsequence of the j's (pairs are sorted by i).
    tails: list[int] = []  # index into pairs of the smallest tail of each length
    previous: list[int] = [-1] * len(pairs)
    tail_js: list[int] = []
    for index, (_i, j) in enumerate(pairs):
        length = bisect.bisect_left(tail_js, j)
        if length:
            previous[index] = tails[length - 1]
        if length == len(tails):
            tails.append(index)
            tail_js.append(j)
        else:
            tails[length] = index
            tail_js[length] = j
    chain = []
    index = tails[-1]
    while index >= 0:
        chain.append(pairs[index])
        index = previous[index]
    chain.reverse()
    return chain


def _aligned(
    a: list[str], b: list[str], alo: int, ahi: int, blo: int, bhi: int, budget: list[int]
) -> list[Opcode]:
    """A stretch without unique anchors: aligned token by token while the budget lasts,
    otherwise replaced whole."""
    if alo == ahi and blo == bhi:
        return []
    cost = (ahi - alo) * (bhi - blo)
    if cost == 0 or cost > budget[0]:
        return [("replace", alo, ahi, blo, bhi)]
    budget[0] -= cost
    # autojunk would treat frequent tokens (the single space) as junk in texts of 200+ tokens
    # and then fail to align on them, which makes the diff of a long text much harder to read.
    matcher = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
    return [
        (tag, alo + i1, alo + i2, blo + j1, blo + j2)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


#: Texts shorter than this are compared on every view; longer pairs once, then cached.
CACHED_FROM_LENGTH = 2_000


def word_diff_cached(old: str, new: str) -> list[Segment]:
    """word_diff, kept in the cache (Redis where REDIS_URL is set, so shared by every app
    server) under the SHA-256 of both texts: a pair of long versions is compared once, not on
    every view of a decision or history page."""
    if len(old) + len(new) < CACHED_FROM_LENGTH:
        return word_diff(old, new)
    from django.core.cache import cache

    digest = hashlib.sha256()
    for text in (old, new):
        digest.update(hashlib.sha256(text.encode()).digest())
    key = f"word-diff:1:{digest.hexdigest()}"
    segments = cache.get(key)
    if segments is None:
        segments = tuple(word_diff(old, new))
        cache.set(key, segments, timeout=7 * 24 * 3600)
    return list(segments)


def _absorb_whitespace(segments: list[Segment]) -> list[Segment]:
    """Let whitespace that stands alone between two changes become part of both sides."""
    result: list[Segment] = []
    for index, segment in enumerate(segments):
        between_changes = (
            segment.kind == "equal"
            and segment.text.isspace()
            and 0 < index < len(segments) - 1
            and segments[index - 1].kind != "equal"
            and segments[index + 1].kind != "equal"
        )
        if between_changes:
            result.append(Segment("delete", segment.text))
            result.append(Segment("insert", segment.text))
        else:
            result.append(segment)
    return result


def _group_changes(segments: list[Segment]) -> list[Segment]:
    """Merge each run of changes into at most one deletion followed by one insertion."""
    result: list[Segment] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        if deleted:
            result.append(Segment("delete", "".join(deleted)))
        if inserted:
            result.append(Segment("insert", "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for segment in segments:
        if segment.kind == "delete":
            deleted.append(segment.text)
        elif segment.kind == "insert":
            inserted.append(segment.text)
        else:
            flush()
            if result and result[-1].kind == "equal":
                result[-1] = Segment("equal", result[-1].text + segment.text)
            elif segment.text:
                result.append(segment)
    flush()
    return result


def field_changes(
    old: Mapping[str, str], new: Mapping[str, str], labels: Mapping[str, str]
) -> list[FieldChange]:
    """The fields whose display values differ, in the order of `labels`.

    `old` and `new` map field names to display values (a missing field counts as empty).
    Fields not named in `labels` follow in the order they first appear, labelled by their name.
    A change gets word-by-word `segments` when either value is a long text.
    """
    names = list(labels)
    for name in [*old, *new]:
        if name not in names:
            names.append(name)
    changes = []
    for name in names:
        before, after = old.get(name, ""), new.get(name, "")
        if before == after:
            continue
        segments = None
        if is_long_text(before) or is_long_text(after):
            segments = tuple(word_diff_cached(before, after))
        changes.append(FieldChange(name, str(labels.get(name, name)), before, after, segments))
    return changes
