"""Forms for what clerks record. They validate; decisions.clerk.voting derives the outcome;
decisions.services writes.

The outcome of a vote is never typed: it is derived by decisions.rules from the counts, shown
before saving, and stored with the record.
"""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.models import Body, CouncilTerm, Fractie
from decisions.models import Amendment, Decision, Opinion, Treatment
from decisions.rules import (
    FractieCount,
    fractie_count_errors,
    meeting_before_introduction,
    missing_version,
    text_change_without_adoption,
)
from decisions.services import NewMeeting
from gr_portal.core.choices import Outcome, Precision, VoteMethod
from gr_portal.core.periods import format_planned

NOT_VOTED = {"postponed": Outcome.POSTPONED, "withdrawn": Outcome.WITHDRAWN}
METHOD_CHOICES = [
    *VoteMethod.choices,
    ("postponed", _("niet in stemming gebracht: aangehouden")),
    ("withdrawn", _("niet in stemming gebracht: ingetrokken")),
]
DEFAULT_MEETING_TIME = datetime.time(20, 0)


class PortalForm(forms.Form):
    """Dutch forms carry no colon after their labels."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class FractieVoteForm(PortalForm):
    """One fractie's row in the vote grid: its members for, against, and not taking part."""

    votes_for = forms.IntegerField(label=_("voor"), min_value=0, required=False)
    votes_against = forms.IntegerField(label=_("tegen"), min_value=0, required=False)
    not_taking_part = forms.IntegerField(label=_("niet deelgenomen"), min_value=0, required=False)

    def __init__(self, *args, fractie: Fractie, **kwargs):
        kwargs.setdefault("prefix", f"fractie-{fractie.pk}")
        super().__init__(*args, **kwargs)
        self.fractie = fractie

    def count(self) -> FractieCount:
        data = getattr(self, "cleaned_data", {})
        return FractieCount(
            name=self.fractie.name,
            seats=self.fractie.seats,
            votes_for=data.get("votes_for") or 0,
            votes_against=data.get("votes_against") or 0,
            not_taking_part=data.get("not_taking_part") or 0,
        )

    def clean(self):
        cleaned = super().clean()
        for message in fractie_count_errors(self.count()):
            self.add_error(None, message)
        return cleaned


class VoteForm(PortalForm):
    method = forms.ChoiceField(
        label=_("Wijze van besluiten"), choices=METHOD_CHOICES, widget=forms.RadioSelect
    )
    members_present = forms.IntegerField(
        label=_("Aanwezige leden"),
        min_value=0,
        required=False,
        help_text=_("Het aantal raadsleden volgens de presentielijst bij de stemming."),
    )


def fractie_forms(fracties, data=None, vote=None) -> list[FractieVoteForm]:
    """A row per fractie of the term, filled in with an earlier vote when there is one."""
    initial = {}
    if vote is not None:
        initial = {
            fv.fractie_id: {
                "votes_for": fv.votes_for,
                "votes_against": fv.votes_against,
                "not_taking_part": fv.not_taking_part,
            }
            for fv in vote.fractie_votes.all()
        }
    return [
        FractieVoteForm(data, fractie=fractie, initial=initial.get(fractie.pk))
        for fractie in fracties
    ]


def vote_initial(vote) -> dict:
    if vote is None:
        return {"method": VoteMethod.PER_FRACTIE}
    return {"method": vote.method, "members_present": vote.members_present}


class RevisionForm(PortalForm):
    """Carries the revision the user loaded (optimistic locking) and, for corrections, why."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reason = forms.CharField(
        label=_("Reden van de correctie"),
        max_length=200,
        required=False,
        help_text=_("Verplicht bij het wijzigen van een eerder vastgelegde uitkomst."),
    )

    def __init__(self, *args, correcting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.correcting = correcting
        self.fields["reason"].required = correcting
        if correcting:
            self.fields["reason"].error_messages["required"] = _(
                "Geef aan waarom u een eerder vastgelegde uitkomst wijzigt."
            )


def _limit_choices(field: forms.Field, queryset) -> None:
    """The choices of a model choice field, set per form instance."""
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


class TreatmentForm(RevisionForm):
    meeting: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Vergadering"),
        queryset=None,
        required=False,
        empty_label=_("— een nieuwe vergadering —"),
    )
    meeting_date = forms.DateField(
        label=_("Datum nieuwe vergadering"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    meeting_time = forms.TimeField(
        label=_("Aanvang"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Leeg: 20.00 uur."),
    )
    meeting_location = forms.CharField(label=_("Plaats"), max_length=200, required=False)
    version: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Gestemde tekstversie"),
        queryset=None,
        required=False,
        empty_label=None,
        help_text=_("De versie van de tekst waarover is besloten."),
    )
    executive_outcome = forms.ChoiceField(
        label=_("Besluit van het college"), choices=Outcome.choices, required=False
    )
    notes = forms.CharField(
        label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, treatment: Treatment, **kwargs):
        super().__init__(*args, correcting=treatment.outcome != "", **kwargs)
        self.treatment = treatment
        _limit_choices(self.fields["meeting"], treatment.body.meetings.order_by("-starts_at"))
        _limit_choices(self.fields["version"], treatment.decision.versions.order_by("-number"))
        if treatment.body.kind == Body.Kind.COUNCIL:
            del self.fields["executive_outcome"]
        self.term: CouncilTerm | None = None
        self.meeting_day: datetime.date | None = None

    def clean(self):
        cleaned = super().clean() or {}
        meeting = cleaned.get("meeting")
        day = cleaned.get("meeting_date")
        decision = self.treatment.decision
        if meeting is not None:
            self.meeting_day = timezone.localdate(meeting.starts_at)
            field = "meeting"
        elif day is not None:
            self.meeting_day = day
            field = "meeting_date"
        else:
            if "meeting_date" not in self.errors:
                self.add_error(
                    "meeting",
                    _("Kies een vergadering of vul de datum van een nieuwe vergadering in."),
                )
            return cleaned
        message = meeting_before_introduction(self.meeting_day, decision.introduced_on)
        if message:
            self.add_error(field, message)
        body = self.treatment.body
        if body.kind == Body.Kind.COUNCIL:
            self.term = (
                CouncilTerm.objects.covering(body.municipality_id, self.meeting_day)
                .prefetch_related("fracties")
                .first()
            )
            if self.term is None:
                self.add_error(
                    field,
                    _(
                        "De vergadering van %(day)s valt buiten elke vastgelegde raadsperiode "
                        "van %(municipality)s."
                    )
                    % {
                        "day": format_planned(self.meeting_day, Precision.DAY),
                        "municipality": body.municipality,
                    },
                )
        else:
            if not cleaned.get("executive_outcome"):
                self.add_error("executive_outcome", _("Kies het besluit van het college."))
        return cleaned

    def check_outcome(self, outcome: Outcome) -> bool:
        """After the outcome is derived: the rules that depend on it. False with errors added."""
        message = missing_version(outcome, self.cleaned_data.get("version") is not None)
        if message:
            self.add_error("version", message)
        return message is None

    def new_meeting(self) -> NewMeeting | None:
        if self.cleaned_data.get("meeting") is not None:
            return None
        starts_at = datetime.datetime.combine(
            self.cleaned_data["meeting_date"],
            self.cleaned_data.get("meeting_time") or DEFAULT_MEETING_TIME,
        )
        return NewMeeting(
            starts_at=timezone.make_aware(starts_at),
            location=self.cleaned_data.get("meeting_location", ""),
        )


class SubjectForm(RevisionForm):
    """Amendments and motions: what they say and who submitted them."""

    code = forms.CharField(label=_("Nummer"), max_length=20, required=False)
    title = forms.CharField(label=_("Titel"), max_length=200)
    text = forms.CharField(label=_("Tekst"), widget=forms.Textarea(attrs={"rows": 5}))
    sponsors = forms.ModelMultipleChoiceField(
        label=_("Indienende fracties"),
        queryset=Fractie.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, subject, fracties, **kwargs):
        super().__init__(*args, correcting=bool(subject.pk and subject.outcome), **kwargs)
        _limit_choices(
            self.fields["sponsors"],
            Fractie.objects.filter(pk__in=[f.pk for f in fracties]).order_by("-seats", "name"),
        )

    def check_outcome(self, outcome: Outcome) -> bool:
        """After the outcome is derived: the rules that depend on it (none for a motion)."""
        return True

    def subject_fields(self) -> dict:
        """What the service stores of the amendment or motion itself, beside its vote."""
        return {name: self.cleaned_data[name] for name in ("code", "title", "text", "sponsors")}


class AmendmentForm(SubjectForm):
    changed_text = forms.BooleanField(
        label=_("Het aangenomen amendement wijzigde de tekst waarover daarna is gestemd"),
        required=False,
    )

    def subject_fields(self) -> dict:
        return {**super().subject_fields(), "changed_text": self.cleaned_data["changed_text"]}

    def check_outcome(self, outcome: Outcome) -> bool:
        """After the outcome is derived: the rules that depend on it. False with errors added."""
        message = text_change_without_adoption(outcome, bool(self.cleaned_data.get("changed_text")))
        if message:
            self.add_error("changed_text", message)
        return message is None


class MotionForm(SubjectForm):
    pass


def subject_initial(subject) -> dict:
    if subject.pk is None:
        return {"revision": 1}
    initial = {
        "revision": subject.revision,
        "code": subject.code,
        "title": subject.title,
        "text": subject.text,
        "sponsors": list(subject.sponsors.all()),
    }
    if isinstance(subject, Amendment):
        initial["changed_text"] = subject.changed_text
    return initial


class OpinionForm(PortalForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    text = forms.CharField(
        label=_("Tekst van de zienswijze"), widget=forms.Textarea(attrs={"rows": 12})
    )
    submitted_on = forms.DateField(
        label=_("Ingediend op"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reason = forms.CharField(label=_("Reden van de wijziging"), max_length=200, required=False)

    def __init__(self, *args, decision: Decision, opinion: Opinion, **kwargs):
        super().__init__(*args, **kwargs)
        self.decision = decision
        if opinion.pk:
            self.fields["reason"].required = True
            self.fields["reason"].error_messages["required"] = _(
                "Geef aan waarom u de zienswijze wijzigt."
            )

    def clean_submitted_on(self):
        day = self.cleaned_data.get("submitted_on")
        if day and day < self.decision.introduced_on:
            raise forms.ValidationError(
                _("De zienswijze kan niet zijn ingediend vóór het voorstel er was (%(day)s).")
                % {"day": format_planned(self.decision.introduced_on, Precision.DAY)}
            )
        return day


__all__ = [
    "AmendmentForm",
    "FractieVoteForm",
    "MotionForm",
    "OpinionForm",
    "TreatmentForm",
    "VoteForm",
    "fractie_forms",
    "subject_initial",
    "vote_initial",
]
