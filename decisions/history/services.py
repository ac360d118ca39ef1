"""Restoring an earlier version of a record: a write, like any other edit, with user and reason.

A restore is itself a new version, so nothing is ever overwritten; a change to a municipality's
records withdraws its griffie's "checked" mark, as any clerk's edit does.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from decisions.history.reading import compared_fields
from decisions.models import DERIVED_FIELDS, Opinion, Treatment
from decisions.services import record_check_withdraw
from gr_portal.core.history import stored_text, with_history
from gr_portal.core.periods import format_moment


def restore(obj, history_id: int, *, user, reason: str, shown: int | None = None):
    """Make an earlier version of `obj` current again, as a new version with user and reason.

    Sets every editable field (not many-to-many relations) from that version, except the
    outcome fields that only the griffie's vote entry writes (DERIVED_FIELDS: an outcome comes
    with its vote, and is corrected through the vote entry, with its vote), validates the result
    like any other edit and saves it, all in one transaction under a row lock: on a
    ValidationError nothing is saved. Raises the history model's DoesNotExist when `history_id`
    is not a version of `obj`. With `shown` (the newest version's history id when the user
    chose), a restore is refused when a newer version was saved since.
    """
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Geef een reden voor het herstel.")})
    model = type(obj)
    with transaction.atomic():
        row = obj.history.get(history_id=history_id)
        if row.history_type == "-":
            raise ValidationError(_("Een verwijderde versie kan niet worden hersteld."))
        # The stored row, locked: an edit saved since the page was loaded is not lost unseen,
        # and a Revisioned record counts on from its current revision.
        obj.refresh_from_db(from_queryset=model._default_manager.select_for_update())
        newest = obj.history.order_by("-history_date", "-history_id").values_list(
            "history_id", flat=True
        )[:1]
        if shown is not None and list(newest) != [shown]:
            raise ValidationError(
                _(
                    "Niet hersteld: iemand anders wijzigde dit record intussen. Bekijk de "
                    "nieuwste versie bovenaan en kies opnieuw."
                )
            )
        derived = DERIVED_FIELDS.get(model._meta.model_name, ())
        restored = [field for field in compared_fields(model) if field.name not in derived]
        if not any(getattr(obj, f.attname) != getattr(row, f.attname) for f in restored):
            raise ValidationError(
                _(
                    "Deze versie verschilt alleen in de uitkomst of de stemming; die herstelt de "
                    "griffie met een correctie in haar werkruimte, samen met de stemming."
                )
            )
        for field in restored:
            setattr(obj, field.attname, getattr(row, field.attname))
        label = stored_text(
            lambda: (
                gettext("Hersteld naar versie van %(moment)s – %(reason)s")
                % {"moment": format_moment(row.history_date), "reason": reason}
            )
        )
        with_history(obj, user=user, reason=label)
        obj.full_clean()
        obj.save()
        decision_id, municipality_id = _check_scope(obj)
        if decision_id is not None:
            record_check_withdraw(decision_id, municipality_id, user=user, reason=reason)
    return obj


def _check_scope(obj) -> tuple[int | None, int | None]:
    """The (decision, municipality) whose griffie check a change to `obj` withdraws."""
    if isinstance(obj, Opinion):
        return obj.decision_id, obj.municipality_id
    treatment = obj if isinstance(obj, Treatment) else getattr(obj, "treatment", None)
    if isinstance(treatment, Treatment):
        return treatment.decision_id, treatment.body.municipality_id
    return None, None
