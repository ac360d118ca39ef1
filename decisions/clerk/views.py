"""Vote entry: the griffie's workspace and the forms for treatments, votes, amendments, motions,
zienswijzen and the "checked" mark.

Access is decided in councils.access; the forms validate, decisions.clerk.voting derives the
outcome with decisions.rules, and decisions.services writes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Prefetch
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from councils.access import clerk_municipalities, get_for_recording, may_record_for, require_clerk
from councils.models import Attendance, Body, CouncilTerm, Meeting, Municipality
from decisions import selectors, services
from decisions.clerk.forms import (
    AmendmentForm,
    AttendanceForm,
    MotionForm,
    OpinionForm,
    RevisionForm,
    SubjectForm,
    TreatmentForm,
    subject_initial,
)
from decisions.clerk.voting import VoteGrid
from decisions.history.reading import changes_since_revision
from decisions.models import Amendment, Decision, MemberVote, Motion, Opinion, Treatment, Vote
from decisions.procedure import opinion_basis, opinion_deadline, opinion_term
from decisions.rules import quorum_error, quorum_threshold, version_current_on
from gr_portal.core.choices import Outcome


def _display_term(treatment: Treatment) -> CouncilTerm | None:
    """The council term whose fracties the vote grid shows before a meeting is chosen."""
    municipality_id = treatment.body.municipality_id
    if treatment.body.kind != Body.Kind.COUNCIL or municipality_id is None:
        return None
    terms = CouncilTerm.objects.filter(municipality_id=municipality_id)
    meeting = treatment.meeting if treatment.meeting_id else None
    day = meeting.starts_at.date() if meeting is not None else treatment.planned_on
    term = terms.covering(municipality_id, day).first() if day else None
    return term or terms.order_by("-starts_on").first()


def _has_errors(*forms) -> bool:
    return any(form is not None and form.is_bound and form.errors for form in forms)


def _stored_vote(**subject) -> Vote | None:
    """The vote on a subject with its fractie and member rows (three queries)."""
    return (
        Vote.objects.filter(**subject)
        .prefetch_related(
            "fractie_votes",
            Prefetch("member_votes", queryset=MemberVote.objects.order_by()),
        )
        .first()
    )


def _add_service_errors(form, error: ValidationError) -> None:
    """A service refused what the form let through: its messages at the top of the form."""
    for message in error.messages:
        form.add_error(None, message)


def _save_or_stale(model: type[models.Model], form: RevisionForm | OpinionForm, save: Callable):
    """Run `save`; when someone else saved the record in between (optimistic locking), return
    what changed and who changed it, and let the form carry the stored revision so that the
    user can save again after seeing it. Returns (saved object or None, stale or None)."""
    try:
        return save(), None
    except ValidationError as error:
        _add_service_errors(form, error)
        return None, None
    except services.StaleRecord as error:
        changes, newest = changes_since_revision(model, error.loaded_revision, error.current)
        data = cast(QueryDict, form.data).copy()
        data["revision"] = str(error.current.revision)
        form.data = data
        return None, {"changes": changes, "by": newest}


def _recordable_treatments(user):
    return Treatment.objects.visible_to(user).with_related().select_related("decision")


@login_required
def workspace(request):
    """The clerk's own treatments: open ones first, then by date.

    Queries: memberships, then the two of decisions.selectors.clerk_workspace.
    """
    require_clerk(request.user)
    data = selectors.clerk_workspace(request.user, clerk_municipalities(request.user))
    return render(request, "decisions/clerk/workspace.html", {"workspace": data})


def _chosen_meeting(request, treatment: Treatment) -> Meeting | None:
    """The meeting of the treatment, or the one the clerk came back with from its
    presentielijst (?vergadering=<id>, a meeting of the same body)."""
    meeting = treatment.meeting if treatment.meeting_id else None
    chosen = request.GET.get("vergadering", "")
    if chosen.isdigit():
        meeting = treatment.body.meetings.filter(pk=int(chosen)).first() or meeting
    return meeting


def _grid_setting(treatment: Treatment, form: TreatmentForm) -> selectors.VoteSetting:
    """The setting of the vote as the (bound) form chose the meeting; for a form whose meeting
    is not valid yet, the treatment's own meeting or planned day, so the grid stays on screen."""
    cleaned = getattr(form, "cleaned_data", {})
    meeting = cleaned.get("meeting")
    if meeting is None and form.meeting_day is None:
        meeting = treatment.meeting if treatment.meeting_id else None
    day = form.meeting_day or treatment.planned_on
    return selectors.vote_setting(treatment, meeting=meeting, day=day)


def _to_attendance(request, treatment: Treatment, form: TreatmentForm):
    """ "Presentielijst invullen": to the chosen meeting's presentielijst, creating the meeting
    when a new one's date was given; None when the meeting part of the form is not valid."""
    if form.meeting_day is None or {"meeting", "meeting_date", "meeting_time"} & set(form.errors):
        return None
    meeting = form.cleaned_data.get("meeting")
    if meeting is None:
        new_meeting = form.new_meeting()
        assert new_meeting is not None
        meeting = services.meeting_create(
            body=treatment.body, new_meeting=new_meeting, user=request.user
        )
    revision = form.cleaned_data.get("revision")
    if not treatment.outcome and revision is not None:
        # When this fails (stale, or refused), the meeting is chosen again when the treatment
        # itself is saved.
        with contextlib.suppress(ValidationError, services.StaleRecord):
            services.treatment_schedule(
                treatment=treatment, revision=revision, meeting=meeting, user=request.user
            )
    url = reverse("clerk:attendance", args=[meeting.pk])
    return redirect(f"{url}?behandeling={treatment.pk}")


def _deadline(treatment: Treatment, form: TreatmentForm, setting) -> dict | None:
    """The zienswijze term (Wgr art. 1 lid 3) as the form stands: the last day, whether it
    passed, and whether the meeting falls after it."""
    if "received_on" not in form.fields:
        return None
    received = treatment.received_on
    if form.is_bound:
        received = getattr(form, "cleaned_data", {}).get("received_on", received)
    if received is None:
        return None
    deadline = opinion_deadline(received, treatment.decision.kind)
    today = timezone.localdate()
    kind = treatment.decision.kind
    return {
        "deadline": deadline,
        "weeks": opinion_term(kind).days // 7,
        "basis": opinion_basis(kind),
        "passed": deadline < today and not treatment.is_decided,
        "late": setting.day is not None and setting.day > deadline,
    }


@login_required
def treatment_record(request, pk):
    """Record (or correct) how a council or college treated a decision; the outcome is derived
    and shown ("Uitkomst berekenen") before anything is saved. A council's vote starts from the
    presentielijst of the meeting ("Presentielijst invullen" goes there first)."""
    treatment = get_for_recording(
        _recordable_treatments(request.user), request.user, "body__municipality_id", pk=pk
    )
    is_council = treatment.body.kind == Body.Kind.COUNCIL
    vote = _stored_vote(treatment=treatment) if is_council else None
    stale = preview = None
    if request.method == "POST":
        form = TreatmentForm(request.POST, treatment=treatment)
        valid = form.is_valid()
        if "attendance" in request.POST and is_council:
            response = _to_attendance(request, treatment, form)
            if response is not None:
                return response
        setting = _grid_setting(treatment, form)
        grid = VoteGrid(setting, request.POST, vote=vote) if is_council else None
        if grid is not None:
            valid = grid.is_valid() and valid
        outcome, vote_input = None, None
        if valid:
            if grid is None:  # a college decides without a vote
                outcome = Outcome(form.cleaned_data["executive_outcome"])
            else:
                outcome, vote_input = grid.derive()
        if outcome is not None and form.check_outcome(outcome):
            preview = {"outcome": outcome, "vote": vote_input}
        if outcome is not None and preview and "save" in request.POST:
            decided: Outcome = outcome

            def save():
                return services.treatment_record(
                    treatment=treatment,
                    revision=form.cleaned_data["revision"],
                    user=request.user,
                    outcome=decided,
                    meeting=form.cleaned_data.get("meeting"),
                    new_meeting=form.new_meeting(),
                    version=form.cleaned_data.get("version"),
                    vote=vote_input,
                    notes=form.cleaned_data.get("notes", ""),
                    reason=form.cleaned_data.get("reason", ""),
                    **form.step_fields(),
                )

            saved, stale = _save_or_stale(Treatment, form, save)
            if saved is not None:
                messages.success(
                    request,
                    _("De behandeling door %(body)s is vastgelegd: %(outcome)s.")
                    % {"body": treatment.body, "outcome": decided.label},
                )
                return redirect("clerk:treatment", pk=treatment.pk)
            preview = None
    else:
        meeting = _chosen_meeting(request, treatment)
        day = meeting.day if meeting is not None else treatment.planned_on
        setting = selectors.vote_setting(treatment, meeting=meeting, day=day)
        form = TreatmentForm(initial=_treatment_initial(treatment, setting), treatment=treatment)
        grid = VoteGrid(setting, vote=vote) if is_council else None
    return render(
        request,
        "decisions/clerk/treatment_form.html",
        {
            "has_errors": _has_errors(form) or (grid is not None and grid.has_errors),
            "treatment": treatment,
            "form": form,
            "grid": grid,
            "setting": setting,
            "deadline": _deadline(treatment, form, setting),
            "preview": preview,
            "stale": stale,
            "amendments": treatment.amendments.select_related("vote").order_by("code", "pk"),
            "motions": treatment.motions.select_related("vote").order_by("code", "pk"),
        },
    )


def _treatment_initial(treatment: Treatment, setting: selectors.VoteSetting) -> dict:
    """What the form starts from: the stored treatment; for a treatment not recorded yet the
    meeting the clerk chose and the text version current on its day."""
    version = treatment.version_id
    if version is None:
        current = version_current_on(setting.day, list(treatment.decision.versions.all()))
        version = current.pk if current is not None else None
    initial = {
        "revision": treatment.revision,
        "meeting": setting.meeting.pk if setting.meeting is not None else None,
        "version": version,
        "notes": treatment.notes,
        "received_on": treatment.received_on,
        "withheld_ground": treatment.withheld_ground,
    }
    if treatment.body.kind != Body.Kind.COUNCIL:
        initial["executive_outcome"] = treatment.outcome
    return initial


# --- amendments and motions: the council's instruments, each with its own vote ---------------


@dataclass(frozen=True)
class SubjectKind:
    """Amendment or motion: its form, its name on screen and in history URLs, its service."""

    form_class: type[SubjectForm]
    label: Any
    history_kind: str
    save: Callable[..., Any]
    argument: str


SUBJECTS: dict[type[models.Model], SubjectKind] = {
    Amendment: SubjectKind(
        AmendmentForm,
        gettext_lazy("Amendement"),
        "amendement",
        services.amendment_save,
        "amendment",
    ),
    Motion: SubjectKind(MotionForm, gettext_lazy("Motie"), "motie", services.motion_save, "motion"),
}


def _subject_edit(request, model: type[models.Model], subject):
    """An amendment or motion: what it says, who submitted it, and its own vote in the
    treatment's meeting, starting from that meeting's presentielijst."""
    kind = SUBJECTS[model]
    treatment = subject.treatment
    term = _display_term(treatment)
    fracties = list(term.fracties.all()) if term else []
    vote = _stored_vote(**{kind.argument: subject}) if subject.pk else None
    meeting = treatment.meeting if treatment.meeting_id else None
    setting = selectors.vote_setting(treatment, meeting=meeting)
    stale = preview = None
    if request.method == "POST":
        form = kind.form_class(request.POST, subject=subject, fracties=fracties)
        grid = VoteGrid(setting, request.POST, vote=vote, in_treatment_meeting=True)
        valid = all([form.is_valid(), grid.is_valid()])
        outcome, vote_input = grid.derive() if valid else (None, None)
        if outcome is not None and form.check_outcome(outcome):
            preview = {"outcome": outcome, "vote": vote_input}
        if outcome is not None and preview and "save" in request.POST:
            decided: Outcome = outcome

            def save():
                return kind.save(
                    **{kind.argument: subject},
                    revision=form.cleaned_data["revision"],
                    user=request.user,
                    outcome=decided,
                    vote=vote_input,
                    reason=form.cleaned_data.get("reason", ""),
                    **form.subject_fields(),
                )

            saved, stale = _save_or_stale(model, form, save)
            if saved is not None:
                messages.success(
                    request,
                    _("%(kind)s ‘%(title)s’ is vastgelegd: %(outcome)s.")
                    % {"kind": kind.label, "title": saved.title, "outcome": decided.label},
                )
                return redirect("clerk:treatment", pk=treatment.pk)
            preview = None
    else:
        form = kind.form_class(initial=subject_initial(subject), subject=subject, fracties=fracties)
        grid = VoteGrid(setting, vote=vote, in_treatment_meeting=True)
    return render(
        request,
        "decisions/clerk/subject_form.html",
        {
            "has_errors": _has_errors(form) or grid.has_errors,
            "treatment": treatment,
            "subject": subject,
            "kind_label": kind.label,
            "history_kind": kind.history_kind,
            "form": form,
            "grid": grid,
            "setting": setting,
            "preview": preview,
            "stale": stale,
        },
    )


def _council_treatment(request, pk) -> Treatment:
    treatment = get_for_recording(
        _recordable_treatments(request.user), request.user, "body__municipality_id", pk=pk
    )
    if treatment.body.kind != Body.Kind.COUNCIL:
        # Amendments and motions are the council's instruments, not the college's.
        raise Http404
    return treatment


def _subject_for_recording(request, model, pk):
    """An amendment or motion the user may record, with its treatment loaded (or 404/403)."""
    return get_for_recording(
        model.objects.filter(
            treatment__decision__in=Decision.objects.visible_to(request.user)
        ).select_related(
            "treatment__body__municipality", "treatment__decision", "treatment__meeting"
        ),
        request.user,
        "treatment__body__municipality_id",
        pk=pk,
    )


@login_required
def amendment_create(request, treatment_pk):
    treatment = _council_treatment(request, treatment_pk)
    return _subject_edit(request, Amendment, Amendment(treatment=treatment))


@login_required
def amendment_edit(request, pk):
    return _subject_edit(request, Amendment, _subject_for_recording(request, Amendment, pk))


@login_required
def motion_create(request, treatment_pk):
    treatment = _council_treatment(request, treatment_pk)
    return _subject_edit(request, Motion, Motion(treatment=treatment))


@login_required
def motion_edit(request, pk):
    return _subject_edit(request, Motion, _subject_for_recording(request, Motion, pk))


# --- zienswijze and the griffie's check ---------------------------------------------------


def _decision_and_municipality(request, slug, municipality_slug):
    decision = get_object_or_404(Decision.objects.visible_to(request.user), slug=slug)
    municipality = get_object_or_404(Municipality, slug=municipality_slug)
    if not may_record_for(request.user, municipality.pk):
        raise PermissionDenied
    return decision, municipality


@login_required
def opinion_edit(request, slug, municipality_slug):
    decision, municipality = _decision_and_municipality(request, slug, municipality_slug)
    opinion = (
        Opinion.objects.filter(decision=decision, municipality=municipality)
        .select_related("treatment__meeting")
        .first()
    )
    opinion = opinion or Opinion(
        decision=decision,
        municipality=municipality,
        treatment=decision.treatments.filter(
            body__municipality=municipality, body__kind=Body.Kind.COUNCIL
        )
        .select_related("meeting")
        .order_by("-round")
        .first(),
    )
    stale = None
    council_treatment = opinion.treatment if opinion.treatment_id else None
    meeting = (
        council_treatment.meeting if council_treatment and council_treatment.meeting_id else None
    )
    meeting_day = meeting.day if meeting is not None else None
    if request.method == "POST":
        form = OpinionForm(
            request.POST, decision=decision, opinion=opinion, meeting_day=meeting_day
        )
        if form.is_valid():
            saved, stale = _save_or_stale(
                Opinion,
                form,
                lambda: services.opinion_save(
                    opinion=opinion,
                    revision=form.cleaned_data["revision"],
                    user=request.user,
                    text=form.cleaned_data["text"],
                    submitted_on=form.cleaned_data["submitted_on"],
                    reason=form.cleaned_data.get("reason", ""),
                ),
            )
            if saved is not None:
                messages.success(
                    request,
                    _("De zienswijze van %(municipality)s is vastgelegd.")
                    % {"municipality": municipality},
                )
                return redirect(decision)
    else:
        form = OpinionForm(
            initial={
                "revision": opinion.revision if opinion.pk else 0,
                "text": opinion.text,
                "submitted_on": opinion.submitted_on,
            },
            decision=decision,
            opinion=opinion,
            meeting_day=meeting_day,
        )
    others = Opinion.objects.filter(decision=decision).exclude(municipality=municipality)
    return render(
        request,
        "decisions/clerk/opinion_form.html",
        {
            "decision": decision,
            "municipality": municipality,
            "opinion": opinion,
            "form": form,
            "stale": stale,
            "others": others.select_related("municipality"),
        },
    )


@login_required
@require_POST
def record_check(request, slug, municipality_slug):
    decision, municipality = _decision_and_municipality(request, slug, municipality_slug)
    try:
        services.record_check_mark(decision=decision, municipality=municipality, user=request.user)
    except ValidationError as refused:
        for message in refused.messages:
            messages.error(request, message)
        return redirect("clerk:workspace")
    messages.success(
        request,
        _(
            "De gegevens van %(municipality)s over ‘%(decision)s’ zijn gemarkeerd als compleet en "
            "gecontroleerd."
        )
        % {"municipality": municipality, "decision": decision},
    )
    return redirect("clerk:workspace")


# --- the presentielijst of a meeting ----------------------------------------------------------


def _meeting_for_recording(request, pk) -> Meeting:
    """A council meeting of the user's own municipality (404 for any other meeting, 403 for
    another municipality's)."""
    return get_for_recording(
        Meeting.objects.filter(body__kind=Body.Kind.COUNCIL).select_related("body__municipality"),
        request.user,
        "body__municipality_id",
        pk=pk,
    )


def _back_to(request, meeting: Meeting) -> Treatment | None:
    """The treatment the clerk came from (?behandeling=<id>), when it is one of this body's."""
    pk = request.POST.get("behandeling") or request.GET.get("behandeling") or ""
    if not pk.isdigit():
        return None
    return Treatment.objects.filter(pk=int(pk), body_id=meeting.body_id).first()


def _attendance_changes(sheet, error: services.StaleAttendance) -> dict:
    """What changed in the presentielijst since the clerk loaded it, and who changed it."""
    present, absent = _("aanwezig"), _("afwezig")

    def state(value: services.AttendanceState, member_id: int) -> str:
        if member_id in value.present:
            return present
        return absent if member_id in value.absent else ""

    seats = sheet.council.seats if sheet.council is not None else []
    changes = [
        {"label": seat.label, "old": old, "new": new}
        for seat in seats
        if (old := state(error.loaded, seat.member.pk))
        != (new := state(error.current, seat.member.pk))
    ]
    if error.loaded.reconvened_from_id != error.current.reconvened_from_id:
        changes.append({"label": _("opnieuw belegd na"), "old": "", "new": _("gewijzigd")})
    newest = (
        Attendance.history.filter(meeting_id=sheet.meeting.pk)
        .select_related("history_user")
        .first()
    )
    return {"changes": changes, "by": newest}


def _attendance_message(meeting: Meeting, present: int, sheet) -> tuple[Callable, str]:
    """The message after saving: whether the meeting could be opened (Gemeentewet art. 20)."""
    sitting = sheet.council.sitting
    params = {"meeting": meeting, "present": present, "sitting": sitting}
    if meeting.reconvened_from_id and present * 2 <= sitting:
        return messages.warning, _(
            "De presentielijst van %(meeting)s is vastgelegd: %(present)d van de %(sitting)d "
            "zitting hebbende leden aanwezig. Deze opnieuw belegde vergadering besluit zonder "
            "quorum alleen over de onderwerpen van de vergadering die niet kon worden geopend "
            "(Gemeentewet art. 20 lid 3)."
        ) % params
    if meeting.opened:
        return messages.success, _(
            "De presentielijst van %(meeting)s is vastgelegd: %(present)d van de %(sitting)d "
            "zitting hebbende leden aanwezig, de vergadering kon worden geopend (Gemeentewet "
            "art. 20 lid 1)."
        ) % params
    return messages.warning, _(
        "De presentielijst van %(meeting)s is vastgelegd, maar de vergadering kon niet worden "
        "geopend: %(reason)s In deze vergadering worden geen stemmingen vastgelegd."
    ) % {
        "meeting": meeting,
        "reason": quorum_error(present, sitting),
    }


@login_required
def attendance(request, pk):
    """The presentielijst of a council meeting: who was present at the opening, from which
    the quorum to open follows (Gemeentewet art. 20 lid 1), and which not-opened meeting it was
    convened again after (lid 2). Every vote in the meeting starts from it."""
    meeting = _meeting_for_recording(request, pk)
    sheet = selectors.attendance_sheet(meeting)
    back = _back_to(request, meeting)
    stale = None
    if request.method == "POST":
        form = AttendanceForm(request.POST, sheet=sheet)
        if sheet.council is not None and form.is_valid():
            present = form.present_ids()
            try:
                saved = services.attendance_record(
                    meeting=meeting,
                    user=request.user,
                    present=present,
                    loaded=form.cleaned_data["loaded"],
                    reconvened_from=form.cleaned_data.get("reconvened_from"),
                    reason=form.cleaned_data.get("reason", ""),
                )
            except services.StaleAttendance as error:
                stale = _attendance_changes(sheet, error)
                data = cast(QueryDict, form.data).copy()
                data["loaded"] = error.current.encode()
                form.data = data
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                notify, message = _attendance_message(saved, len(present), sheet)
                notify(request, message)
                if back is not None:
                    url = reverse("clerk:treatment", args=[back.pk])
                    return redirect(f"{url}?vergadering={meeting.pk}")
                return redirect("clerk:attendance", pk=meeting.pk)
    else:
        form = AttendanceForm(sheet=sheet)
    sitting = sheet.council.sitting if sheet.council is not None else 0
    return render(
        request,
        "decisions/clerk/attendance_form.html",
        {
            "meeting": meeting,
            "sheet": sheet,
            "form": form,
            "back": back,
            "stale": stale,
            "sitting": sitting,
            "needed": quorum_threshold(sitting),
            "present": sum(
                1 for seat in sheet.council.seats if sheet.attendance.get(seat.member.pk)
            )
            if sheet.council is not None and sheet.recorded
            else None,
        },
    )
