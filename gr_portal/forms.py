"""The filters of the home page's list of processes (GET, bookmarkable, no JavaScript needed)."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from councils import weighting
from councils.models import Municipality, Regeling
from decisions.selectors import PROCESS_DONE, PROCESS_OPEN
from gr_portal.core.choices import ProcessKind


class PlainSelect(forms.Select):
    """A select rendered in Python: with every municipality of the country as an option, the
    template-per-option rendering of forms.Select cost more than the rest of the home page, and
    with a few options still a tenth of a small page's time (bench/pages.py)."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option, mark_safe(" selected") if str(option) in selected else "", label)
                for option, label in self.choices
            ),
        )
        final_attrs = self.build_attrs(self.attrs, attrs)
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final_attrs), options)


class ProcessFilterForm(forms.Form):
    """Regeling, municipality, kind and state; an unknown value is a field error (the list then
    shows every process), never a server error."""

    regeling = forms.ModelChoiceField(
        label=_("Regeling"),
        queryset=Regeling.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("alle regelingen"),
        widget=PlainSelect,
    )
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"),
        # The municipalities that take part in a regeling, not the whole national register.
        queryset=Municipality.objects.filter(regelingen__isnull=False).distinct().order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("alle gemeenten"),
        widget=PlainSelect,
    )
    soort = forms.ChoiceField(
        label=_("Soort"),
        choices=[("", _("alle soorten")), *ProcessKind.choices],
        required=False,
        widget=PlainSelect,
    )
    stand = forms.ChoiceField(
        label=_("Stand"),
        choices=[
            ("", _("lopend en afgerond")),
            (PROCESS_OPEN, _("lopend: nog niet alle stappen vastgelegd")),
            (PROCESS_DONE, _("afgerond: alle stappen vastgelegd")),
        ],
        required=False,
        widget=PlainSelect,
    )

    def filters(self) -> dict:
        """The keyword arguments of decisions.selectors.processes_listed (after is_valid())."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "regeling": data.get("regeling"),
            "municipality": data.get("gemeente"),
            "kind": data.get("soort", ""),
            "state": data.get("stand", ""),
        }


THRESHOLDS = weighting.THRESHOLDS


class WeightingForm(forms.Form):
    """The regeling page's calculator: a weighting and a threshold to try."""

    methode = forms.ChoiceField(
        label=_("Stemverhouding"), choices=list(weighting.METHODS.items()), widget=PlainSelect
    )
    drempel = forms.ChoiceField(
        label=_("Een besluit vraagt"),
        choices=[(key, label) for key, (_value, label) in THRESHOLDS.items()],
        widget=PlainSelect,
    )

    def choice(self, default_method: str) -> tuple[str, str]:
        """(method, threshold key): as asked when valid, else the regeling's own method and a
        simple majority."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["methode"], self.cleaned_data["drempel"]
        return default_method, "meerderheid"
