"""Shared pieces of the back office (/beheer/): every change there is recorded with a reason.

django-simple-history writes a historical row on every save; the user comes from
HistoryRequestMiddleware, the reason from the form's "Reden van wijziging" field, handed over
with gr_portal.core.history.with_history.
"""

from typing import TYPE_CHECKING

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from gr_portal.core.history import stored_text, with_history

CREATED_REASON = _("Aangemaakt in beheer")
DELETED_REASON = _("Verwijderd in beheer")


class ChangeReasonForm(forms.ModelForm):
    """Base form of every admin form: asks why, required unless the object is new."""

    change_reason = forms.CharField(
        label=_("Reden van wijziging"),
        max_length=200,
        required=False,
        help_text=_(
            "Wordt bewaard in de geschiedenis. Verplicht bij het wijzigen van een bestaand object."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["change_reason"].required = not self.instance._state.adding

    def get_change_reason(self) -> str:
        return self.cleaned_data.get("change_reason") or stored_text(CREATED_REASON)


STALE_MESSAGE = _(
    "Niet opgeslagen: iemand anders wijzigde dit record intussen. Open het opnieuw om de "
    "huidige gegevens te zien."
)


class RevisionAdminForm(ChangeReasonForm):
    """For records two people may edit at once (a `revision` that each save raises): the form
    carries the revision it was loaded with, and a save of an older one is refused, as on the
    griffie's own pages. The check locks the row; the admin's change view is one transaction,
    so nobody can save in between."""

    loaded_revision = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance._state.adding:
            self.fields["loaded_revision"].initial = self.instance.revision

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        if self.instance._state.adding:
            return cleaned
        stored = (
            type(self.instance)
            ._default_manager.select_for_update(of=("self",))  # its own row, not a join's
            .filter(pk=self.instance.pk)
            .values_list("revision", flat=True)
            .first()
        )
        if stored is None or cleaned.get("loaded_revision") != stored:
            raise forms.ValidationError(STALE_MESSAGE, code="stale")
        return cleaned


if TYPE_CHECKING:  # the mixin is always combined with a ModelAdmin; tell the type checker
    from simple_history.admin import SimpleHistoryAdmin as _AdminBase
else:
    _AdminBase = object


class ChangeReasonAdminMixin(_AdminBase):
    """Adds the change reason field to the form and hands it to simple_history on every save.

    A custom ``form`` on a ModelAdmin using this mixin must subclass ChangeReasonForm.
    """

    form = ChangeReasonForm

    def get_fields(self, request, obj=None):
        # The reason gets a fieldset of its own, at the bottom (see get_fieldsets).
        return [
            name
            for name in super().get_fields(request, obj)
            if name not in ("change_reason", "loaded_revision")
        ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            may_save = self.has_add_permission(request)
        else:
            may_save = self.has_change_permission(request, obj)
        if may_save and "change_reason" not in flatten_fieldsets(fieldsets):
            reason = ["change_reason"]
            if issubclass(self.form, RevisionAdminForm):
                reason.append("loaded_revision")
            fieldsets = [*fieldsets, (_("Wijziging"), {"fields": reason})]
        return fieldsets

    def save_model(self, request, obj, form, change):
        with_history(obj, reason=form.get_change_reason())
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        reason = form.get_change_reason()
        for inline_form in formset.forms:
            # Covers new, changed and deleted inline objects: the formset saves form.instance.
            with_history(inline_form.instance, reason=reason)
        super().save_formset(request, form, formset, change)

    def delete_model(self, request, obj):
        with_history(obj, reason=stored_text(DELETED_REASON))
        super().delete_model(request, obj)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        # One by one, so that each historical row gets the reason (queryset.delete() can't).
        for obj in queryset:
            self.delete_model(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple_history hides the revert button from users who may only view the history, but
        # would still save a POST from them.
        if request.method == "POST" and self.revert_disabled(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


if TYPE_CHECKING:  # mixins of the widget and of admin classes; tell the type checker
    from django.contrib.admin.options import BaseModelAdmin as _ModelAdminBase
    from django.contrib.admin.widgets import AutocompleteMixin as _WidgetBase
else:
    _ModelAdminBase = _WidgetBase = object


class _ValidValuesOnly(_WidgetBase):
    """Autocomplete widgets that leave out a posted value that is no valid key (security audit
    F11): Django's own look the value up when the form is shown again with its errors, and a
    non-numeric id made that a 500 instead of "Selecteer een geldige keuze"."""

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        model = remote.model
        key = model._meta.get_field(getattr(remote, "field_name", None) or model._meta.pk.name)
        valid = []
        for item in value:
            try:
                key.to_python(item)
            except ValidationError:
                continue
            valid.append(item)
        return super().optgroups(name, valid, attr)


class SafeAutocompleteSelect(_ValidValuesOnly, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(_ValidValuesOnly, AutocompleteSelectMultiple):
    pass


class SafeAutocompleteMixin(_ModelAdminBase):
    """For ModelAdmins and inlines: their autocomplete fields use the widgets above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class HistoryAdmin(  # type: ignore[misc]  # both mixins are typed as admin classes
    SafeAutocompleteMixin, ChangeReasonAdminMixin, SimpleHistoryAdmin
):
    """Base class of the portal's ModelAdmins: history views plus a reason for every change."""


class PortalTabularInline(SafeAutocompleteMixin, admin.TabularInline):
    pass


class PortalStackedInline(SafeAutocompleteMixin, admin.StackedInline):
    pass


class ReadOnlyInline(PortalTabularInline):
    """An inline that only shows the related rows, with a link to each one's own page."""

    extra = 0
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
