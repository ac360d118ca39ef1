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

from councils.models import Body, CouncilTerm, Fractie, Meeting
from decisions import procedure
from decisions.models import Amendment, Decision, MemberVote, Opinion, Treatment, WithheldGround
from decisions.rules import (
    FractieCount,
    abstention_ground_error,
    draft_received_error,
    meeting_before_introduction,
    meeting_before_version,
    missing_version,
    opinion_before_meeting,
    text_change_without_adoption,
)
from decisions.selectors import AttendanceSheet, Seat, consent_outcome
from decisions.services import AttendanceState, NewMeeting
from gr_portal.core import limits
from gr_portal.core.choices import Outcome, Precision, Purpose, VoteMethod
from gr_portal.core.periods import format_planned, validate_plausible_date

NOT_VOTED = {"postponed": Outcome.POSTPONED, "withdrawn": Outcome.WITHDRAWN}
METHOD_CHOICES = [
    *VoteMethod.choices,
    ("postponed", _("niet in stemming gebracht: aangehouden")),
    ("withdrawn", _("niet in stemming gebracht: ingetrokken")),
]
DEFAULT_MEETING_TIME = datetime.time(20, 0)


class PortalForm(forms.Form):
    """Dutch forms carry no colon after their labels, and take only plausible dates
    (gr_portal.core.periods.PLAUSIBLE_YEARS)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField | forms.DateTimeField):
                field.validators.append(validate_plausible_date)


class FractieVoteForm(PortalForm):
    """One fractie's row in a vote per fractie: of its members that day, how many voted for and
    against. Who had to abstain (Gemeentewet art. 28) and who was absent is said per member
    (MemberVoteForm), so the row is complete when for and against are the members left; an
    empty field counts as 0."""

    #: The fields that are votes.
    VOTE_FIELDS = ("votes_for", "votes_against")

    votes_for = forms.IntegerField(label=_("voor"), min_value=0, required=False)
    votes_against = forms.IntegerField(label=_("tegen"), min_value=0, required=False)

    def __init__(self, *args, fractie: Fractie, members: int, **kwargs):
        kwargs.setdefault("prefix", f"fractie-{fractie.pk}")
        super().__init__(*args, **kwargs)
        self.fractie = fractie
        self.members = members

    def count(self, *, not_taking_part: int = 0, absent: int = 0) -> FractieCount:
        data = getattr(self, "cleaned_data", {})
        return FractieCount(
            name=self.fractie.name,
            seats=self.members,
            votes_for=data.get("votes_for") or 0,
            votes_against=data.get("votes_against") or 0,
            not_taking_part=not_taking_part,
            absent=absent,
        )

    @property
    def has_votes(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return any(data.get(name) for name in self.VOTE_FIELDS)


#: A member at a vote: "aanwezig" (present, and counted in the fractie's row or, on a hamerstuk,
#: deemed for), or one of what MemberVote stores. Which ones fit depends on the method
#: (decisions.clerk.voting): voor and tegen in a roll call, aantekening on a hamerstuk.
PRESENT = "present"
MEMBER_CHOICES = [
    (PRESENT, _("aanwezig")),
    (MemberVote.Choice.FOR, _("voor")),
    (MemberVote.Choice.AGAINST, _("tegen")),
    (MemberVote.Choice.ABSTAINED, _("onthouden (art. 28)")),
    (MemberVote.Choice.ABSENT, _("afwezig")),
    (MemberVote.Choice.NOTED_AGAINST, _("aantekening tegen (hamerstuk)")),
]
GROUND_CHOICES = [("", _("— geen —")), *MemberVote.Ground.choices]


class MemberVoteForm(PortalForm):
    """One member's row at a vote: present, voor or tegen (roll call), onthouden with the ground
    of Gemeentewet art. 28 lid 1, afwezig, or aantekening tegen (hamerstuk)."""

    # Not required: a row the page did not post (a member added since it was loaded) is present.
    choice = forms.ChoiceField(label=_("stem"), choices=MEMBER_CHOICES, required=False)
    ground = forms.ChoiceField(label=_("grond"), choices=GROUND_CHOICES, required=False)

    def __init__(self, *args, seat: Seat, **kwargs):
        kwargs.setdefault("prefix", f"member-{seat.member.pk}")
        super().__init__(*args, **kwargs)
        self.seat = seat

    @property
    def member_choice(self) -> str:
        """The choice as typed (after is_valid), else as pre-filled."""
        data = getattr(self, "cleaned_data", None)
        if data is not None and "choice" in data:
            return data["choice"] or PRESENT
        return self.initial.get("choice", PRESENT)

    def clean(self):
        cleaned = super().clean() or {}
        choice = cleaned.get("choice")
        if choice is not None:
            message = abstention_ground_error(
                self.seat.label,
                abstained=choice == MemberVote.Choice.ABSTAINED,
                ground=cleaned.get("ground", ""),
            )
            if message:
                self.add_error("ground", message)
        return cleaned


class VoteForm(PortalForm):
    """How the council decided. The members present are not typed: they are the members with
    a seat that day less those absent at the vote (pre-filled from the presentielijst)."""

    method = forms.ChoiceField(
        label=_("Wijze van besluiten"), choices=METHOD_CHOICES, widget=forms.RadioSelect
    )
    #: Which meeting (or day) the grid was filled in for: a grid filled in for another meeting
    #: is filled in again rather than derived.
    grid_for = forms.CharField(widget=forms.HiddenInput, required=False)


def vote_initial(vote) -> dict:
    if vote is None:
        return {"method": VoteMethod.PER_FRACTIE}
    return {"method": vote.method}


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
    received_on = forms.DateField(
        label=_("Ontwerp ontvangen op"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "De raad kan binnen acht weken na ontvangst van het ontwerp zijn zienswijze geven "
            "(Wgr art. 1 lid 3)."
        ),
    )
    version: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Gestemde tekstversie"),
        queryset=None,
        required=False,
        empty_label=None,
        help_text=_(
            "De versie van de tekst waarover is besloten; vooraf gekozen: de versie die op de "
            "dag van de vergadering gold."
        ),
    )
    executive_outcome = forms.ChoiceField(
        label=_("Besluit van het college"),
        # A college decides without the council's vote rules: no "stemming ongeldig" (art. 29).
        choices=[(value, label) for value, label in Outcome.choices if value != Outcome.INVALID],
        required=False,
    )
    withheld_ground = forms.ChoiceField(
        label=_("Grond voor het onthouden van de toestemming"),
        choices=WithheldGround.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_(
            "Alleen bij onthouden toestemming: die kan slechts worden onthouden wegens strijd met "
            "het recht of het algemeen belang (Wgr art. 1 lid 4)."
        ),
    )
    notes = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=limits.NOTE_TEXT,
    )

    def __init__(self, *args, treatment: Treatment, **kwargs):
        super().__init__(*args, correcting=treatment.outcome != "", **kwargs)
        self.treatment = treatment
        _limit_choices(self.fields["meeting"], treatment.body.meetings.order_by("-starts_at"))
        _limit_choices(self.fields["version"], treatment.decision.versions.order_by("-number"))
        is_council = treatment.body.kind == Body.Kind.COUNCIL
        if is_council:
            del self.fields["executive_outcome"]
        if not (is_council and treatment.purpose == Purpose.OPINION):
            del self.fields["received_on"]
        if treatment.purpose != Purpose.CONSENT:
            del self.fields["withheld_ground"]
        self.meeting_day: datetime.date | None = None

    def clean(self):
        cleaned = super().clean() or {}
        meeting = cleaned.get("meeting")
        day = cleaned.get("meeting_date")
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
        self._check_dates(field)
        body = self.treatment.body
        if body.kind == Body.Kind.COUNCIL:
            if not CouncilTerm.objects.covering(body.municipality_id, self.meeting_day).exists():
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
        elif not cleaned.get("executive_outcome"):
            self.add_error("executive_outcome", _("Kies het besluit van het college."))
        else:
            self._check_consent(cleaned["executive_outcome"])
        return cleaned

    def _check_dates(self, field: str) -> None:
        """The meeting after the proposal and after the version voted on; the draft received
        before the meeting (Wgr art. 1 lid 3)."""
        assert self.meeting_day is not None
        decision = self.treatment.decision
        message = meeting_before_introduction(self.meeting_day, decision.introduced_on)
        if message:
            self.add_error(field, message)
        version = self.cleaned_data.get("version")
        if version is not None:
            message = meeting_before_version(self.meeting_day, version.created_on, version.number)
            if message:
                self.add_error("version", message)
        received = self.cleaned_data.get("received_on")
        if received is not None:
            message = draft_received_error(
                received, introduced_on=decision.introduced_on, held_on=self.meeting_day
            )
            if message:
                self.add_error("received_on", message)

    def _check_consent(self, outcome: str) -> None:
        """A college's decision to change the regeling waits for its council's toestemming
        (Wgr art. 1 lid 4)."""
        treatment = self.treatment
        decision = treatment.decision
        kinds = {
            "regeling_kind": decision.regeling.kind,
            "decision_kind": decision.kind,
            "body_kind": treatment.body.kind,
            "purpose": treatment.purpose,
        }
        if outcome != Outcome.ADOPTED or not procedure.is_change(**kinds):
            return
        message = procedure.change_before_consent(
            **kinds, outcome=outcome, consent_outcome=consent_outcome(treatment)
        )
        if message:
            self.add_error("executive_outcome", message)

    def check_outcome(self, outcome: Outcome) -> bool:
        """After the outcome is derived: the rules that depend on it. False with errors added."""
        messages = {
            "version": missing_version(outcome, self.cleaned_data.get("version") is not None)
        }
        if "withheld_ground" in self.fields:
            messages["withheld_ground"] = procedure.withheld_ground_error(
                self.treatment.purpose, outcome, self.cleaned_data.get("withheld_ground", "")
            )
        for field, message in messages.items():
            if message:
                self.add_error(field, message)
        return not any(messages.values())

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

    def step_fields(self) -> dict:
        """What the service stores of the step itself: the ground of a refused toestemming, the
        day the council received the draft (only the fields this step has)."""
        fields: dict = {}
        if "withheld_ground" in self.fields:
            fields["withheld_ground"] = self.cleaned_data.get("withheld_ground", "")
        if "received_on" in self.fields:
            fields["received_on"] = self.cleaned_data.get("received_on")
        return fields


class SubjectForm(RevisionForm):
    """Amendments and motions: what they say and who submitted them."""

    code = forms.CharField(label=_("Nummer"), max_length=20, required=False)
    title = forms.CharField(label=_("Titel"), max_length=200)
    text = forms.CharField(
        label=_("Tekst"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=limits.DOCUMENT_TEXT,
    )
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
    # 0 for a zienswijze not yet saved when the form was loaded (the first save is 1).
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    text = forms.CharField(
        label=_("Tekst van de zienswijze"),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=limits.DOCUMENT_TEXT,
    )
    submitted_on = forms.DateField(
        label=_("Ingediend op"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reason = forms.CharField(label=_("Reden van de wijziging"), max_length=200, required=False)

    def __init__(
        self,
        *args,
        decision: Decision,
        opinion: Opinion,
        meeting_day: datetime.date | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.decision = decision
        self.meeting_day = meeting_day
        # A form loaded before the zienswijze existed (revision 0) is refused as stale, with
        # what was saved in between, rather than asked for a reason.
        if opinion.pk and self.data.get("revision") != "0":
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
        if day and self.meeting_day is not None:
            message = opinion_before_meeting(day, self.meeting_day)
            if message:
                raise forms.ValidationError(message)
        return day


class AttendanceForm(PortalForm):
    """A meeting's presentielijst: one box per member with a seat that day, grouped by fractie,
    ticked when the member was present at the opening (all are, until the list is recorded);
    and, for a meeting convened again after one that could not be opened, which one that was
    (Gemeentewet art. 20 lid 2)."""

    loaded = forms.CharField(widget=forms.HiddenInput)
    reconvened_from = forms.ChoiceField(
        label=_("Opnieuw belegd na de vergadering"),
        required=False,
        help_text=_(
            "Alleen als deze vergadering opnieuw is belegd omdat een eerdere niet kon worden "
            "geopend (Gemeentewet art. 20 lid 2): over de onderwerpen daarvan besluit zij zonder "
            "quorum (art. 20 lid 3)."
        ),
    )
    reason = forms.CharField(label=_("Reden van de wijziging"), max_length=200, required=False)

    def __init__(self, *args, sheet: AttendanceSheet, **kwargs):
        meeting = sheet.meeting
        kwargs.setdefault(
            "initial",
            {
                "loaded": AttendanceState.of(meeting, sheet.attendance).encode(),
                "reconvened_from": meeting.reconvened_from_id or "",
            },
        )
        super().__init__(*args, **kwargs)
        self.sheet = sheet
        self._earlier = {str(m.pk): m for m in sheet.not_opened_before}
        if self._earlier:
            field = self.fields["reconvened_from"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [
                ("", _("— nee, een gewone vergadering —")),
                *[(pk, str(m)) for pk, m in self._earlier.items()],
            ]
        else:
            del self.fields["reconvened_from"]
        if sheet.recorded:
            self.fields["reason"].required = True
            self.fields["reason"].error_messages["required"] = _(
                "Geef aan waarom u de presentielijst wijzigt."
            )
        seats = sheet.council.seats if sheet.council is not None else []
        for seat in seats:
            self.fields[self.field_name(seat)] = forms.BooleanField(
                label=seat.label,
                required=False,
                initial=sheet.attendance.get(seat.member.pk, True),
            )

    @staticmethod
    def field_name(seat: Seat) -> str:
        return f"member-{seat.member.pk}"

    def groups(self) -> list[tuple]:
        """Per fractie (largest first): the fractie and its members' boxes."""
        if self.sheet.council is None:
            return []
        return [
            (fractie, [self[self.field_name(seat)] for seat in fractie.seats])
            for fractie in self.sheet.council.fracties
        ]

    def clean_loaded(self) -> AttendanceState:
        try:
            return AttendanceState.decode(self.cleaned_data["loaded"])
        except ValueError:
            raise forms.ValidationError(
                _("De presentielijst kon niet worden gelezen. Laad de pagina opnieuw.")
            ) from None

    def clean_reconvened_from(self) -> Meeting | None:
        return self._earlier.get(self.cleaned_data.get("reconvened_from") or "")

    def present_ids(self) -> set[int]:
        seats = self.sheet.council.seats if self.sheet.council is not None else []
        return {seat.member.pk for seat in seats if self.cleaned_data.get(self.field_name(seat))}


__all__ = [
    "AmendmentForm",
    "AttendanceForm",
    "FractieVoteForm",
    "MemberVoteForm",
    "MotionForm",
    "OpinionForm",
    "TreatmentForm",
    "VoteForm",
    "subject_initial",
    "vote_initial",
]
