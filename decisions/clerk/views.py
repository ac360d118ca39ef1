"""Vote entry: the griffie's workspace and the forms for treatments, votes, amendments, motions,
zienswijzen and the "checked" mark.

Access is decided in councils.access; the forms validate, decisions.clerk.voting derives the
outcome with decisions.rules, and decisions.services writes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from councils.access import clerk_municipalities, get_for_recording, may_record_for, require_clerk
from councils.models import Body, CouncilTerm, Municipality
from decisions import selectors, services
from decisions.clerk.forms import (
    AmendmentForm,
    MotionForm,
    OpinionForm,
    RevisionForm,
    SubjectForm,
    TreatmentForm,
    VoteForm,
    fractie_forms,
    subject_initial,
    vote_initial,
)
from decisions.clerk.voting import derive_vote
from decisions.history.reading import changes_since_revision
from decisions.models import Amendment, Decision, Motion, Opinion, Treatment, Vote
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


def _save_or_stale(model: type[models.Model], form: RevisionForm | OpinionForm, save: Callable):
    """Run `save`; when someone else saved the record in between (optimistic locking), return
    what changed and who changed it, and let the form carry the stored revision so that the
    user can save again after seeing it. Returns (saved object or None, stale or None)."""
    try:
        return save(), None
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


def _derive(
    treatment: Treatment, form: TreatmentForm, vote_form: VoteForm | None, rows
) -> tuple[Outcome | None, services.VoteInput | None]:
    """The outcome and vote the form amounts to, or (None, None) with errors on the forms."""
    if vote_form is None:  # a college decides without a vote
        return Outcome(form.cleaned_data["executive_outcome"]), None
    tied_before = selectors.previous_round_tied(treatment)
    return derive_vote(vote_form, rows, form.term, tied_before=tied_before)


@login_required
def treatment_record(request, pk):
    """Record (or correct) how a council or college treated a decision; the outcome is derived
    and shown ("Uitkomst berekenen") before anything is saved."""
    treatment = get_for_recording(
        _recordable_treatments(request.user), request.user, "body__municipality_id", pk=pk
    )
    is_council = treatment.body.kind == Body.Kind.COUNCIL
    vote = Vote.objects.filter(treatment=treatment).prefetch_related("fractie_votes").first()
    stale = preview = None
    if request.method == "POST":
        form = TreatmentForm(request.POST, treatment=treatment)
        valid = form.is_valid()
        term = form.term or _display_term(treatment)
        rows = fractie_forms(term.fracties.all(), request.POST) if is_council and term else []
        vote_form = VoteForm(request.POST) if is_council else None
        if vote_form is not None:
            valid = all([vote_form.is_valid(), *[row.is_valid() for row in rows]]) and valid
        outcome, vote_input = None, None
        if valid:
            outcome, vote_input = _derive(treatment, form, vote_form, rows)
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
        term = _display_term(treatment)
        form = TreatmentForm(initial=_treatment_initial(treatment), treatment=treatment)
        rows = fractie_forms(term.fracties.all(), vote=vote) if is_council and term else []
        vote_form = VoteForm(initial=vote_initial(vote)) if is_council else None
    return render(
        request,
        "decisions/clerk/treatment_form.html",
        {
            "has_errors": _has_errors(form, vote_form, *rows),
            "treatment": treatment,
            "form": form,
            "vote_form": vote_form,
            "rows": rows,
            "term": term,
            "preview": preview,
            "stale": stale,
            "amendments": treatment.amendments.select_related("vote").order_by("code", "pk"),
            "motions": treatment.motions.select_related("vote").order_by("code", "pk"),
        },
    )


def _treatment_initial(treatment: Treatment) -> dict:
    initial = {
        "revision": treatment.revision,
        "meeting": treatment.meeting_id,
        "version": treatment.version_id
        or treatment.decision.versions.order_by("-number").values_list("pk", flat=True).first(),
        "notes": treatment.notes,
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
    kind = SUBJECTS[model]
    treatment = subject.treatment
    term = _display_term(treatment)
    fracties = list(term.fracties.all()) if term else []
    vote = Vote.objects.filter(**{kind.argument: subject}).first() if subject.pk else None
    stale = preview = None
    if request.method == "POST":
        form = kind.form_class(request.POST, subject=subject, fracties=fracties)
        vote_form = VoteForm(request.POST)
        rows = fractie_forms(fracties, request.POST)
        valid = all([form.is_valid(), vote_form.is_valid(), *[r.is_valid() for r in rows]])
        outcome, vote_input = None, None
        if valid:
            outcome, vote_input = derive_vote(vote_form, rows, term)
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
        vote_form = VoteForm(initial=vote_initial(vote))
        rows = fractie_forms(fracties, vote=vote)
    return render(
        request,
        "decisions/clerk/subject_form.html",
        {
            "has_errors": _has_errors(form, vote_form, *rows),
            "treatment": treatment,
            "subject": subject,
            "kind_label": kind.label,
            "history_kind": kind.history_kind,
            "form": form,
            "vote_form": vote_form,
            "rows": rows,
            "term": term,
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
    opinion = Opinion.objects.filter(decision=decision, municipality=municipality).first()
    opinion = opinion or Opinion(
        decision=decision,
        municipality=municipality,
        treatment=decision.treatments.filter(
            body__municipality=municipality, body__kind=Body.Kind.COUNCIL
        )
        .order_by("-round")
        .first(),
    )
    stale = None
    if request.method == "POST":
        form = OpinionForm(request.POST, decision=decision, opinion=opinion)
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
                "revision": opinion.revision,
                "text": opinion.text,
                "submitted_on": opinion.submitted_on,
            },
            decision=decision,
            opinion=opinion,
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
    services.record_check_mark(decision=decision, municipality=municipality, user=request.user)
    messages.success(
        request,
        _(
            "De gegevens van %(municipality)s over ‘%(decision)s’ zijn gemarkeerd als compleet en "
            "gecontroleerd."
        )
        % {"municipality": municipality, "decision": decision},
    )
    return redirect("clerk:workspace")
