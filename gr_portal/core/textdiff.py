"""Readable differences between two versions of a record, as pure functions.

Nothing here touches the database: the caller turns two versions into dictionaries of display
values (strings) and gets back what changed, field by field, and for long texts word by word.
"""

from __future__ import annotations

import difflib
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


def word_diff(old: str, new: str) -> list[Segment]:
    """The change from `old` to `new` as segments in reading order.

    Joining the "equal" and "delete" segments gives `old`; joining "equal" and "insert" gives
    `new`. Within one change the deleted text comes before the inserted text, and whitespace
    between two changed words belongs to the change, so "de raad besluit" -> "het college
    besluit" reads as one replacement ("de raad" by "het college") instead of a word-by-word
    stutter. Adjacent segments never have the same kind and no segment is empty.
    """
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    # autojunk would treat frequent tokens (the single space) as junk in texts of 200+ tokens
    # and then fail to align on them, which makes the diff of a long text much harder to read.
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    raw: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            raw.append(Segment("equal", "".join(old_tokens[i1:i2])))
            continue
        if i2 > i1:
            raw.append(Segment("delete", "".join(old_tokens[i1:i2])))
        if j2 > j1:
            raw.append(Segment("insert", "".join(new_tokens[j1:j2])))
    return _group_changes(_absorb_whitespace(raw))


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
            segments = tuple(word_diff(before, after))
        changes.append(FieldChange(name, str(labels.get(name, name)), before, after, segments))
    return changes
