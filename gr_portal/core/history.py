"""Who changed a record, when, why, and whether the change corrects what was recorded before.

django-simple-history writes a historical row on every save and delete. Every edited model
declares ``history = PortalHistory(...)``: the historical rows then carry, beside simple-history's
user, date and reason, whether the change was a correction (``history_is_correction``). That is
stored as data, so a correction made from the English interface is as much a correction as one
made in Dutch, and the wording ("Correctie: telfout") is made when the row is shown, in the
reader's language.

Every write that is not made in the back office attributes itself through one helper,
:func:`with_history`, instead of setting simple-history's private attributes by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

_UNSET: Any = object()
Model = TypeVar("Model", bound=models.Model)


class Attribution(models.Model):
    """The base of every historical model: what simple-history keeps, plus the correction flag."""

    history_is_correction = models.BooleanField(_("correctie"), default=False)

    class Meta:
        abstract = True


def PortalHistory(**options: Any) -> HistoricalRecords:
    """simple-history's HistoricalRecords with the portal's Attribution base."""
    return HistoricalRecords(bases=[Attribution], **options)


def with_history(obj: Model, *, user: Any = _UNSET, reason: str, correction: bool = False) -> Model:
    """Attribute the next save or delete of `obj`: by `user`, because of `reason`, and whether
    it corrects an earlier record. Returns `obj`, so that ``with_history(obj, ...).save()``.

    Without `user` the user comes from the request (simple-history's middleware); ``None``
    means the system (a load or a script).
    """
    if user is not _UNSET:
        obj._history_user = user  # type: ignore[attr-defined]
    obj._change_reason = reason  # type: ignore[attr-defined]
    obj._history_is_correction = correction  # type: ignore[attr-defined]
    return obj


def mark_correction(sender: Any, instance: Any, history_instance: Any, **kwargs: Any) -> None:
    """pre_create_historical_record: copy the flag set by with_history onto the new row."""
    if hasattr(history_instance, "history_is_correction"):
        history_instance.history_is_correction = bool(
            getattr(instance, "_history_is_correction", False)
        )


def stored_text(text: Callable[[], str] | Any) -> str:
    """A text the system writes into the data (a default reason): always in the site's language,
    whatever language the user who caused it reads the portal in.

    `text` is a lazy translation, or a function that builds the text (called in that language).
    """
    with translation.override(settings.LANGUAGE_CODE):
        return text() if callable(text) else str(text)


def reason_text(row: Any) -> str:
    """A historical row's reason as readers see it: 'Correctie: telfout' for a correction."""
    reason = (getattr(row, "history_change_reason", "") or "").strip()
    if getattr(row, "history_is_correction", False):
        if reason:
            return gettext("Correctie: %(reason)s") % {"reason": reason}
        return gettext("Correctie")
    return reason
