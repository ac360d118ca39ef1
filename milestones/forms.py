import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gr_portal.core.periods import is_plausible


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


#: What an iCalendar feed covers unless asked for more: from this long ago on.
AGENDA_WINDOW_DAYS = 365


class AgendaWindowForm(forms.Form):
    """?vanaf=jjjj-mm-dd: the first day an iCalendar feed covers (default: a year ago), or
    ?vanaf=alles for everything."""

    vanaf = forms.CharField(required=False)

    def clean_vanaf(self):
        value = self.cleaned_data["vanaf"].strip()
        if value == "alles":
            return None
        if not value:
            return timezone.localdate() - datetime.timedelta(days=AGENDA_WINDOW_DAYS)
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            day = None
        if day is None or not is_plausible(day):
            raise forms.ValidationError(
                _(
                    "‘vanaf’ is geen geldige datum: geef jjjj-mm-dd tussen 1990 en 2100, "
                    "bijvoorbeeld vanaf=2022-01-01, of vanaf=alles."
                )
            )
        return day
