"""The program office's form to start a process from a template."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from councils.models import Municipality, Regeling
from gr_portal.core.choices import ProcessKind
from gr_portal.core.periods import implausible_date_error
from milestones.planning.blueprints import BLUEPRINTS


class ProcessTemplateForm(forms.Form):
    regeling = forms.ModelChoiceField(
        label=_("Regeling"),
        queryset=Regeling.objects.none(),
        empty_label=_("kies een regeling"),
        error_messages={"invalid_choice": _("Kies een regeling waarvoor u programmabureau bent.")},
    )
    kind = forms.ChoiceField(
        label=_("Soort traject"),
        choices=[(kind, ProcessKind(kind).label) for kind in BLUEPRINTS],
        widget=forms.RadioSelect,
    )
    subject = forms.ModelChoiceField(
        label=_("Gemeente die toetreedt of uittreedt"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("niet van toepassing"),
        help_text=_("Alleen bij toetreding of uittreding."),
    )
    start = forms.DateField(
        label=_("Startdatum"),
        help_text=_(
            "De dag waarop de eerste stukken uitgaan: het ontwerp of de ontwerpbegroting naar "
            "de raden. Daaruit volgen de wettelijke termijnen."
        ),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    title = forms.CharField(
        label=_("Titel"),
        max_length=150,
        required=False,
        help_text=_("Leeg laten voor de titel die het sjabloon voorstelt."),
    )

    def __init__(self, *args, regelingen, **kwargs):
        super().__init__(*args, **kwargs)
        regeling_field = cast(forms.ModelChoiceField, self.fields["regeling"])
        subject_field = cast(forms.ModelChoiceField, self.fields["subject"])
        regeling_field.queryset = regelingen
        subject_field.queryset = Municipality.objects.current().order_by("name")

    def clean_start(self):
        day = self.cleaned_data["start"]
        message = implausible_date_error(day)
        if message:
            raise forms.ValidationError(message, code="implausible_date")
        return day

    def clean(self):
        cleaned = super().clean() or {}
        kind = cleaned.get("kind")
        if kind and BLUEPRINTS[kind].needs_subject and not cleaned.get("subject"):
            self.add_error("subject", _("Kies de gemeente die toetreedt of uittreedt."))
        elif kind and not BLUEPRINTS[kind].needs_subject and cleaned.get("subject"):
            self.add_error(
                "subject", _("Een gemeente kiest u alleen bij toetreding of uittreding.")
            )
        return cleaned
