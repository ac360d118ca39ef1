"""The program office's form for a vote of the algemeen bestuur: the day, the text voted on,
the majority required, and per participant how its delegation voted."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from councils import weighting
from decisions.models import DecisionVersion
from decisions.rules import meeting_before_introduction
from gr_portal.core.periods import implausible_date_error


def choice_field_name(municipality_id: int) -> str:
    return f"stem_{municipality_id}"


class BoardVoteForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)
    meeting_date = forms.DateField(
        label=_("Datum van de vergadering"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    version: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Gestemde tekstversie"),
        queryset=DecisionVersion.objects.none(),
        empty_label=_("kies de versie"),
    )
    threshold = forms.ChoiceField(
        label=_("Vereiste meerderheid"),
        choices=[(key, label) for key, (_value, label) in weighting.THRESHOLDS.items()],
        widget=forms.RadioSelect,
        help_text=_("Zoals het stemartikel van de regeling het vraagt."),
    )
    reason = forms.CharField(
        label=_("Reden van de wijziging"),
        max_length=500,
        required=False,
        help_text=_("Verplicht bij het corrigeren van een vastgelegde stemming."),
    )

    def __init__(self, *args, treatment, participants, correcting: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.treatment = treatment
        self.correcting = correcting
        version_field = cast(forms.ModelChoiceField, self.fields["version"])
        version_field.queryset = treatment.decision.versions.order_by("number")
        self.participant_fields = []
        for municipality in participants:
            name = choice_field_name(municipality.pk)
            self.fields[name] = forms.ChoiceField(
                label=municipality.name,
                choices=[("", _("kies")), *weighting.CHOICES.items()],
                error_messages={"required": _("Kies hoe deze deelnemer stemde.")},
            )
            self.participant_fields.append((municipality, name))

    def clean_meeting_date(self):
        day = self.cleaned_data["meeting_date"]
        message = implausible_date_error(day) or meeting_before_introduction(
            day, self.treatment.decision.introduced_on
        )
        if message:
            raise forms.ValidationError(message)
        return day

    def clean(self):
        cleaned = super().clean() or {}
        if self.correcting and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Geef de reden van de correctie."))
        return cleaned

    def choices(self) -> dict[int, str]:
        return {
            municipality.pk: self.cleaned_data[name]
            for municipality, name in self.participant_fields
            if self.cleaned_data.get(name)
        }
