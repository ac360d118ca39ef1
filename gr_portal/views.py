"""The pages that combine the apps: the home page, a decision's page, a municipality's page;
and the health check and the landing after login.

Each page asks the apps' querysets and selectors for what it shows and pins its number of
queries in its docstring (and in tests/gr_portal/test_pages.py).
"""

from django.db import connection
from django.db.models import Prefetch
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from councils.access import is_clerk
from councils.models import (
    CouncilTerm,
    ExecutiveMember,
    Fractie,
    FractieMembership,
    Meeting,
    Municipality,
)
from decisions.models import Decision, Treatment
from decisions.selectors import decision_record, load_statuses
from decisions.status import current_step
from milestones.models import Milestone
from milestones.selectors import next_milestone, with_recorded_progress


def home(request):
    """Where the merger stands: the current phase, the next milestone, a verdict per decision.

    Queries: the four of load_statuses, and the four of the milestones with their recorded
    progress (milestones.selectors.with_recorded_progress).
    """
    statuses = load_statuses(Decision.objects.visible_to(request.user))
    milestones = with_recorded_progress(
        Milestone.objects.filter(process_id__in={s.decision.process_id for s in statuses}),
        request.user,
    )
    return render(
        request,
        "portal/home.html",
        {
            "statuses": statuses,
            "current": current_step(statuses),
            "next_milestone": next_milestone(milestones),
        },
    )


def decision_detail(request, slug):
    """A decision: its current text, versions, treatment per body with votes, zienswijzen,
    griffie checks and milestones.

    Queries: the decision, the nine of decisions.selectors.decision_record, the milestones —
    eleven, whatever the number of bodies.
    """
    decision = get_object_or_404(
        Decision.objects.visible_to(request.user).select_related("process", "regeling"),
        slug=slug,
    )
    return render(
        request,
        "portal/decision_detail.html",
        {
            "record": decision_record(decision),
            "decision": decision,
            "milestones": list(decision.milestones.all()),
        },
    )


_ROLE_ORDER: list[str] = [
    ExecutiveMember.Role.MAYOR,
    ExecutiveMember.Role.ALDERMAN,
    ExecutiveMember.Role.SECRETARY,
]


def _college_order(people) -> list[ExecutiveMember]:
    """Burgemeester, wethouders, secretaris; within a role those in office first, then the
    former ones, most recent first."""

    def key(person: ExecutiveMember):
        ended = person.ends_on.toordinal() if person.ends_on else 0
        return (_ROLE_ORDER.index(person.role), person.ends_on is not None, -ended, person.name)

    return sorted(people, key=key)


def municipality_detail(request, slug):
    """A municipality: its council and college, meetings, and what it did on every decision.

    Queries: municipality, terms, fracties, their members, regelingen, bodies, college
    members, meetings, treatments — nine.
    """
    municipality = get_object_or_404(Municipality, slug=slug)
    members = FractieMembership.objects.select_related("member").order_by(
        "member__name", "member__pk", "starts_on"
    )
    terms = list(
        CouncilTerm.objects.filter(municipality=municipality)
        .order_by("-starts_on")
        .prefetch_related(
            Prefetch(
                "fracties",
                queryset=Fractie.objects.order_by("-seats", "name").prefetch_related(
                    Prefetch("memberships", queryset=members)
                ),
            )
        )
    )
    treatments = list(
        Treatment.objects.visible_to(request.user)
        .for_municipality(municipality)
        .select_related("decision__regeling", "body", "meeting", "version", "vote")
        .order_by("decision__process", "decision__sequence", "-body__kind", "round")
    )
    return render(
        request,
        "portal/municipality_detail.html",
        {
            "municipality": municipality,
            "term": terms[0] if terms else None,
            "regelingen": list(municipality.regelingen.all()),
            "bodies": list(municipality.bodies.all()),
            "college": _college_order(municipality.executive_members.all()),
            "meetings": list(
                Meeting.objects.filter(body__municipality=municipality).select_related("body")
            ),
            "treatments": treatments,
        },
    )


@require_GET
@never_cache
def healthz(request):
    """Liveness and readiness: answers 200 only when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means "not ready"
        return JsonResponse(
            {"status": "error", "database": str(exc.__class__.__name__)}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok"})


def after_login(request):
    """After logging in a clerk lands in its workspace, everyone else on the home page."""
    if is_clerk(request.user):
        return redirect("clerk:workspace")
    return redirect("home")
