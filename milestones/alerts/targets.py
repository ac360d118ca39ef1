"""What can be followed: a published process or decision, a regeling, a municipality — named in
an address by the words of the personal feeds (traject, regeling, gemeente, besluit)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Model
from django.urls import reverse

from decisions.opendata.feed import followable, target_name

#: The word in the address -> the subscription's field.
FIELDS = {
    "traject": "process",
    "regeling": "regeling",
    "gemeente": "municipality",
    "besluit": "decision",
}
WORDS = {field: word for word, field in FIELDS.items()}


@dataclass(frozen=True)
class Target:
    word: str
    obj: Model

    @property
    def field(self) -> str:
        return FIELDS[self.word]

    @property
    def name(self) -> str:
        return target_name(self.obj)

    @property
    def url(self) -> str:
        return self.obj.get_absolute_url()  # type: ignore[attr-defined]

    @property
    def slug(self) -> str:
        return self.obj.slug  # type: ignore[attr-defined]

    @property
    def feed_url(self) -> str:
        return reverse("opendata:target_feed", args=[self.word, self.obj.slug])  # type: ignore[attr-defined]


def find(word: str, slug: str) -> Target | None:
    """The published target named `word`/`slug` (the personal feeds' own lookup), or None."""
    obj = followable(word, slug) if word in FIELDS else None
    return Target(word, obj) if obj is not None else None


def of(subscription) -> Target:
    field = subscription.target_field
    return Target(WORDS[field], getattr(subscription, field))
