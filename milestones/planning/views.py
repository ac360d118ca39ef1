"""Start a process from a template, then publish or discard the draft (programmabureau only).

The draft's own page (/trajecten/<slug>/, visible to those who may see drafts) is where the
plan is reviewed: every decision, every participant's planned steps with their legal terms,
and the milestones, before anyone else sees them.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from councils.access import office_regeling_ids, require_maintainer, require_program_office
from councils.models import Body, Regeling
from decisions.models import Process
from gr_portal.core.choices import BodyKind
from milestones.alerts import reminders
from milestones.planning.blueprints import PlanError, default_title, plan_process
from milestones.planning.forms import ProcessTemplateForm
from milestones.planning.services import (
    NotDiscardable,
    create_planned_process,
    discard_process,
    publish_process,
)


def _served_regelingen(user):
    served = office_regeling_ids(user)
    regelingen = Regeling.objects.order_by("name")
    return regelingen if served is None else regelingen.filter(pk__in=served)


@login_required
def process_new(request):
    """The template form; a valid POST stores the planned process unpublished and shows it."""
    require_program_office(request.user)
    form = ProcessTemplateForm(request.POST or None, regelingen=_served_regelingen(request.user))
    if request.method == "POST" and form.is_valid():
        regeling = form.cleaned_data["regeling"]
        subject = form.cleaned_data["subject"]
        kind = form.cleaned_data["kind"]
        start = form.cleaned_data["start"]
        title = form.cleaned_data["title"].strip() or default_title(
            kind,
            regeling.short_name,
            subject=subject.name if subject else "",
            year=start.year + 1,
        )
        try:
            plan = plan_process(
                kind,
                regeling_kind=regeling.kind,
                participants=list(regeling.participants.values_list("pk", flat=True)),
                start=start,
                title=title,
                subject=subject.pk if subject else None,
                has_general_board=Body.objects.filter(
                    regeling=regeling, kind=BodyKind.GENERAL_BOARD
                ).exists(),
            )
        except PlanError as error:
            form.add_error(None, str(error))
        else:
            process = create_planned_process(plan, regeling, user=request.user)
            messages.success(
                request,
                _(
                    "Het traject is aangemaakt maar nog niet gepubliceerd. Controleer de "
                    "besluiten, stappen en termijnen hieronder en publiceer het dan."
                ),
            )
            return redirect(process)
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "milestones/planning/process_new.html", {"form": form}, status=status)


def _maintained_draft(request, slug: str) -> Process:
    require_program_office(request.user)
    process = get_object_or_404(Process.objects.all(), slug=slug)
    require_maintainer(request.user, process.regeling_ids())
    return process


@login_required
@require_POST
def process_publish(request, slug):
    process = _maintained_draft(request, slug)
    count = publish_process(process, user=request.user)
    messages.success(
        request,
        _("Het traject is gepubliceerd, met %(count)s besluiten.") % {"count": count},
    )
    return redirect(process)


@login_required
@require_POST
def process_discard(request, slug):
    process = _maintained_draft(request, slug)
    try:
        discard_process(process, user=request.user)
    except NotDiscardable as error:
        messages.error(request, str(error))
        return redirect(process)
    messages.success(request, _("Het concepttraject is verwijderd."))
    return redirect("home")


@login_required
def deadlines(request):
    """The programmabureau's workspace of terms: every open step of its regelingen whose
    zienswijze term or planned date is near or past (milestones.alerts.reminders), the
    nearest first — what its weekly reminder says.

    Queries: the user's roles and regelingen, the open treatments with decision, body,
    municipality and regeling, the griffie's memberships (none) — a fixed number."""
    require_program_office(request.user)
    return render(
        request,
        "milestones/planning/deadlines.html",
        {"reminders": reminders.for_user(request.user), "days": settings.ALERTS_REMINDER_DAYS},
    )
