"""What can be followed: a published process or decision, a regeling, a municipality — named in
an address by the words of the personal feeds (traject, regeling, gemeente, besluit)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Model
from django.urls import reverse

from councils.models import Municipality, Regeling
from decisions.models import Decision, Process

#: The word in the address -> the subscription's field.
FIELDS = {
    "traject": "process",
    "regeling": "regeling",
    "gemeente": "municipality",
    "besluit": "decision",
}
WORDS = {field: word for word, field in FIELDS.items()}


def _candidates(word: str):
    return {
        "traject": Process.objects.published(),
        "regeling": Regeling.objects.all(),
        "gemeente": Municipality.objects.all(),
        "besluit": Decision.objects.published(),
    }[word]


@dataclass(frozen=True)
class Target:
    word: str
    obj: Model

    @property
    def field(self) -> str:
        return FIELDS[self.word]

    @property
    def name(self) -> str:
        obj = self.obj
        return getattr(obj, "title", None) or getattr(obj, "short_name", None) or str(obj)

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
    """The published target named `word`/`slug`, or None."""
    if word not in FIELDS or not slug:
        return None
    obj = _candidates(word).filter(slug=slug).first()
    return Target(word, obj) if obj is not None else None


def of(subscription) -> Target:
    field = subscription.target_field
    return Target(WORDS[field], getattr(subscription, field))
