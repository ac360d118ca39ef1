"""The subscribe form and the manage page's choice of frequency."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from decisions.clerk.forms import PortalForm
from milestones.models import Subscription


class SubscribeForm(PortalForm):
    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        max_length=254,
        help_text=_("U krijgt eerst een bericht met een link om te bevestigen."),
    )
    frequency = forms.ChoiceField(
        label=_("Hoe vaak"),
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        label=_("Taal van de berichten"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
        widget=forms.RadioSelect,
    )
