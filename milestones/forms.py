from django import forms
from django.utils.translation import gettext_lazy as _


class AsOfForm(forms.Form):
    """The day whose state the timeline shows; empty means today."""

    datum = forms.DateField(
        label=_("Stand op datum"),
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={
            "invalid": _(
                "Dit is geen geldige datum. Geef een datum als jjjj-mm-dd, "
                "bijvoorbeeld 2022-09-01. De tijdlijn toont nu de stand van vandaag."
            )
        },
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
