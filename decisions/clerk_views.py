"""The griffie's workspace: recording treatments, votes, amendments, motions and zienswijzen.

Access is decided in councils.access; forms validate and derive; decisions.services writes.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import Coalesce, TruncDate
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from councils.access import (
    clerk_municipalities,
    get_for_recording,
    may_record_for,
    require_clerk,
)
from councils.models import Body, CouncilTerm, Municipality
from decisions import services
from decisions.forms import (
    AmendmentForm,
    MotionForm,
    OpinionForm,
    TreatmentForm,
    VoteForm,
    derive_vote,
    fractie_forms,
    subject_initial,
    vote_initial,
)
from decisions.models import (
    DECIDED,
    Amendment,
    Decision,
    Motion,
    Opinion,
    RecordCheck,
    Treatment,
    Vote,
)
from decisions.rules import Outcome


def _visible_treatments(user):
    return Treatment.objects.filter(decision__in=Decision.objects.visible_to(user))


def _display_term(treatment: Treatment) -> CouncilTerm | None:
    """The council term whose fracties the vote grid shows before a meeting is chosen."""
    if treatment.body.kind != Body.Kind.COUNCIL:
        return None
    terms = CouncilTerm.objects.filter(municipality_id=treatment.body.municipality_id)
    day = treatment.meeting.starts_at.date() if treatment.meeting_id else treatment.planned_on
    term = terms.covering(treatment.body.municipality_id, day).first() if day else None
    return term or terms.order_by("-starts_on").first()


def _stale_changes(model, loaded_revision: int, current) -> tuple[list, object]:
    """What changed between the revision the user loaded and the stored one, from history."""
    newest = current.history.select_related("history_user").first()
    loaded = current.history.filter(revision=loaded_revision).first()
    if loaded is None or newest is None:
        return [], newest
    labels = {f.name: f.verbose_name for f in model._meta.fields}
    changes = [
        {"label": labels.get(change.field, change.field), "old": change.old, "new": change.new}
        for change in newest.diff_against(loaded, excluded_fields=["revision"]).changes
    ]
    return changes, newest


def _has_errors(*forms) -> bool:
    return any(form is not None and form.is_bound and form.errors for form in forms)


def _with_revision(form, revision: int):
    """Let the user resubmit after seeing the other change: the form now carries its revision."""
    form.data = form.data.copy()
    form.data["revision"] = revision
    return form


@login_required
def workspace(request):
    """The clerk's own treatments: open ones first, then by date.

    Queries: memberships, treatments (with decision, body, meeting, version, vote), checks.
    """
    require_clerk(request.user)
    municipalities = clerk_municipalities(request.user)
    treatments = list(
        _visible_treatments(request.user)
        .filter(body__municipality__in=municipalities)
        .select_related("decision", "body__municipality", "meeting", "version", "vote")
        .annotate(
            is_open=Case(
                When(outcome="", then=Value(0)), default=Value(1), output_field=IntegerField()
            ),
            day=Coalesce(TruncDate("meeting__starts_at"), "planned_on"),
        )
        .order_by("is_open", "day", "decision__sequence", "-body__kind")
    )
    checks = {
        (check.decision_id, check.municipality_id): check
        for check in RecordCheck.objects.filter(
            municipality__in=municipalities, decision__in={t.decision_id for t in treatments}
        ).select_related("checked_by")
    }
    decisions = {}
    for treatment in treatments:
        key = (treatment.decision_id, treatment.body.municipality_id)
        decisions.setdefault(
            key,
            {
                "decision": treatment.decision,
                "municipality": treatment.body.municipality,
                "check": checks.get(key),
            },
        )
    return render(
        request,
        "decisions/clerk_workspace.html",
        {
            "municipalities": municipalities,
            "open_treatments": [t for t in treatments if not t.outcome],
            "done_treatments": [t for t in treatments if t.outcome],
            "decision_checks": sorted(
                decisions.values(), key=lambda d: (d["decision"].sequence, d["municipality"].name)
            ),
        },
    )


@login_required
def treatment_record(request, pk):
    treatment = get_for_recording(
        _visible_treatments(request.user).with_related().select_related("decision"),
        request.user,
        "body__municipality_id",
        pk=pk,
    )
    is_council = treatment.body.kind == Body.Kind.COUNCIL
    vote = Vote.objects.filter(treatment=treatment).prefetch_related("fractie_votes").first()
    stale = None
    preview = None
    if request.method == "POST":
        form = TreatmentForm(request.POST, treatment=treatment)
        valid = form.is_valid()
        term = form.term or _display_term(treatment)
        rows = fractie_forms(term.fracties.all(), request.POST) if is_council and term else []
        vote_form = VoteForm(request.POST) if is_council else None
        outcome, vote_input = None, None
        if is_council:
            valid = all([vote_form.is_valid(), *[row.is_valid() for row in rows]]) and valid
            if valid:
                outcome, vote_input = derive_vote(
                    vote_form,
                    rows,
                    form.term,
                    tied_before=services.previous_round_tied(treatment),
                )
                valid = outcome is not None
        elif valid:
            outcome = Outcome(form.cleaned_data["executive_outcome"])
        if valid and outcome in DECIDED and form.cleaned_data.get("version") is None:
            form.add_error("version", _("Kies de tekstversie waarover is besloten."))
            valid = False
        if valid:
            preview = {"outcome": outcome, "vote": vote_input}
        if valid and "save" in request.POST:
            try:
                services.treatment_record(
                    treatment=treatment,
                    revision=form.cleaned_data["revision"],
                    user=request.user,
                    outcome=outcome,
                    meeting=form.cleaned_data.get("meeting"),
                    new_meeting=form.new_meeting(),
                    version=form.cleaned_data.get("version"),
                    vote=vote_input,
                    notes=form.cleaned_data.get("notes", ""),
                    reason=form.cleaned_data.get("reason", ""),
                )
            except services.StaleRecord as error:
                changes, newest = _stale_changes(Treatment, error.loaded_revision, error.current)
                stale = {"changes": changes, "by": newest}
                _with_revision(form, error.current.revision)
                preview = None
            else:
                messages.success(
                    request,
                    _("De behandeling door %(body)s is vastgelegd: %(outcome)s.")
                    % {"body": treatment.body, "outcome": outcome.label},
                )
                return redirect("treatment_record", pk=treatment.pk)
    else:
        term = _display_term(treatment)
        initial = {
            "revision": treatment.revision,
            "meeting": treatment.meeting_id,
            "version": treatment.version_id
            or treatment.decision.versions.order_by("-number").values_list("pk", flat=True).first(),
            "notes": treatment.notes,
        }
        if not is_council:
            initial["executive_outcome"] = treatment.outcome
        form = TreatmentForm(initial=initial, treatment=treatment)
        rows = fractie_forms(term.fracties.all(), vote=vote) if is_council and term else []
        vote_form = VoteForm(initial=vote_initial(vote)) if is_council else None
    return render(
        request,
        "decisions/clerk_treatment_form.html",
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


def _subject_term(treatment: Treatment) -> CouncilTerm | None:
    return _display_term(treatment)


def _subject_edit(request, *, model, form_class, treatment, subject, kind_label):
    term = _subject_term(treatment)
    fracties = list(term.fracties.all()) if term else []
    vote = Vote.objects.filter(**{model._meta.model_name: subject}).first() if subject.pk else None
    stale = None
    preview = None
    if request.method == "POST":
        form = form_class(request.POST, subject=subject, fracties=fracties)
        vote_form = VoteForm(request.POST)
        rows = fractie_forms(fracties, request.POST)
        valid = all([form.is_valid(), vote_form.is_valid(), *[r.is_valid() for r in rows]])
        outcome, vote_input = (None, None)
        if valid:
            outcome, vote_input = derive_vote(vote_form, rows, term)
            valid = outcome is not None
        if valid and form.cleaned_data.get("changed_text") and outcome != Outcome.ADOPTED:
            form.add_error(
                "changed_text",
                _(
                    "Alleen een aangenomen amendement kan de tekst hebben gewijzigd; dit "
                    "amendement is %(outcome)s."
                )
                % {"outcome": outcome.label},
            )
            valid = False
        if valid:
            preview = {"outcome": outcome, "vote": vote_input}
        if valid and "save" in request.POST:
            fields = {key: form.cleaned_data[key] for key in ("code", "title", "text")}
            try:
                if model is Amendment:
                    saved = services.amendment_save(
                        amendment=subject,
                        revision=form.cleaned_data["revision"],
                        user=request.user,
                        sponsors=form.cleaned_data["sponsors"],
                        outcome=outcome,
                        changed_text=form.cleaned_data["changed_text"],
                        vote=vote_input,
                        reason=form.cleaned_data.get("reason", ""),
                        **fields,
                    )
                else:
                    saved = services.motion_save(
                        motion=subject,
                        revision=form.cleaned_data["revision"],
                        user=request.user,
                        sponsors=form.cleaned_data["sponsors"],
                        outcome=outcome,
                        vote=vote_input,
                        reason=form.cleaned_data.get("reason", ""),
                        **fields,
                    )
            except services.StaleRecord as error:
                changes, newest = _stale_changes(model, error.loaded_revision, error.current)
                stale = {"changes": changes, "by": newest}
                _with_revision(form, error.current.revision)
                preview = None
            else:
                messages.success(
                    request,
                    _("%(kind)s ‘%(title)s’ is vastgelegd: %(outcome)s.")
                    % {"kind": kind_label, "title": saved.title, "outcome": outcome.label},
                )
                return redirect("treatment_record", pk=treatment.pk)
    else:
        form = form_class(initial=subject_initial(subject), subject=subject, fracties=fracties)
        vote_form = VoteForm(initial=vote_initial(vote))
        rows = fractie_forms(fracties, vote=vote)
    return render(
        request,
        "decisions/clerk_subject_form.html",
        {
            "has_errors": _has_errors(form, vote_form, *rows),
            "treatment": treatment,
            "subject": subject,
            "kind_label": kind_label,
            "history_kind": "motie" if model is Motion else "amendement",
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
        _visible_treatments(request.user).with_related().select_related("decision"),
        request.user,
        "body__municipality_id",
        pk=pk,
    )
    if treatment.body.kind != Body.Kind.COUNCIL:
        # Amendments and motions are the council's instruments, not the college's.
        raise Http404
    return treatment


SUBJECTS = {
    Amendment: (AmendmentForm, gettext_lazy("Amendement")),
    Motion: (MotionForm, gettext_lazy("Motie")),
}


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


def _subject_view(request, model, subject):
    form_class, kind_label = SUBJECTS[model]
    return _subject_edit(
        request,
        model=model,
        form_class=form_class,
        treatment=subject.treatment,
        subject=subject,
        kind_label=kind_label,
    )


@login_required
def amendment_create(request, treatment_pk):
    treatment = _council_treatment(request, treatment_pk)
    return _subject_view(request, Amendment, Amendment(treatment=treatment))


@login_required
def amendment_edit(request, pk):
    return _subject_view(request, Amendment, _subject_for_recording(request, Amendment, pk))


@login_required
def motion_create(request, treatment_pk):
    treatment = _council_treatment(request, treatment_pk)
    return _subject_view(request, Motion, Motion(treatment=treatment))


@login_required
def motion_edit(request, pk):
    return _subject_view(request, Motion, _subject_for_recording(request, Motion, pk))


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
            try:
                services.opinion_save(
                    opinion=opinion,
                    revision=form.cleaned_data["revision"],
                    user=request.user,
                    text=form.cleaned_data["text"],
                    submitted_on=form.cleaned_data["submitted_on"],
                    reason=form.cleaned_data.get("reason", ""),
                )
            except services.StaleRecord as error:
                changes, newest = _stale_changes(Opinion, error.loaded_revision, error.current)
                stale = {"changes": changes, "by": newest}
                _with_revision(form, error.current.revision)
            else:
                messages.success(
                    request,
                    _("De zienswijze van %(municipality)s is vastgelegd.")
                    % {"municipality": municipality},
                )
                return redirect("decision_detail", slug=decision.slug)
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
        "decisions/clerk_opinion_form.html",
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
    return redirect("clerk_workspace")
