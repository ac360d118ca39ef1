"""The pages that combine the apps: the home page, a decision's page, a municipality's page;
and the health check and the landing after login.

Each page asks the apps' querysets and selectors for what it shows and pins its number of
queries in its docstring (and in tests/gr_portal/test_pages.py).
"""

import sys

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Prefetch
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from councils import weighting
from councils.access import (
    clerk_municipality_ids,
    councillor_municipality_ids,
    is_clerk,
    may_maintain,
)
from councils.models import (
    CouncilTerm,
    ExecutiveMember,
    Fractie,
    FractieMembership,
    Meeting,
    Municipality,
    Regeling,
)
from decisions.models import VERSION_TEXTS, Decision, Process, Treatment
from decisions.selectors import (
    decision_record,
    process_overviews,
    processes_listed,
)
from decisions.status import current_step
from gr_portal.core.choices import BodyKind
from gr_portal.forms import THRESHOLDS, ProcessFilterForm, WeightingForm
from gr_portal.middleware import is_database_unavailable, unavailable_response
from milestones.models import Milestone
from milestones.selectors import next_milestone, with_recorded_progress

#: Processes per page of the home page's list.
PROCESSES_PER_PAGE = 10


def home(request):
    """The processes the portal follows, the way in: filterable by regeling, municipality, kind
    and state, paginated; per process its current phase and next milestone.

    Queries: the filter's regelingen and municipalities, the count and the page of processes
    with their regelingen, the four of load_statuses over the page's decisions and two for
    their milestones and the links to their decisions and bodies (the decisions and
    treatments are those of the statuses) — eleven, whatever the country's data.
    """
    form = ProcessFilterForm(request.GET or None)
    # A raadslid's or griffie's own municipality first (councils.access).
    own = councillor_municipality_ids(request.user) | clerk_municipality_ids(request.user)
    processes = processes_listed(request.user, **form.filters(), first_for=own)
    page = Paginator(processes, PROCESSES_PER_PAGE).get_page(request.GET.get("pagina"))
    overviews, treatments = process_overviews(page.object_list, request.user)
    milestones = with_recorded_progress(
        Milestone.objects.filter(process__in=[o.process for o in overviews]),
        request.user,
        known=treatments,
        decisions=[status.decision for o in overviews for status in o.statuses],
    )
    by_process: dict[int, list] = {}
    for milestone in milestones:
        by_process.setdefault(milestone.process_id, []).append(milestone)
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "portal/home.html",
        {
            "form": form,
            "page": page,
            "overviews": [
                (overview, next_milestone(by_process.get(overview.process.pk, [])))
                for overview in overviews
            ],
            "query": query.urlencode(),
            "filtered": any(form.filters().values()),
        },
    )


def process_detail(request, slug):
    """One process: where it stands (current phase, next milestone), a verdict and a table per
    decision, and the ways on: its matrix, timeline, letters and downloads.

    Queries: the process, its regelingen, the four of load_statuses over its decisions and the
    two of its milestones with recorded progress (the milestones, their links; the decisions
    and treatments are the statuses') — eight.
    """
    process = get_object_or_404(Process.objects.visible_to(request.user), slug=slug)
    regelingen = list(process.regelingen.order_by("name"))
    [overview], treatments = process_overviews([process], request.user)
    statuses = overview.statuses
    milestones = with_recorded_progress(
        process.milestones.all(),
        request.user,
        known=treatments,
        decisions=[status.decision for status in statuses],
    )
    return render(
        request,
        "portal/process_detail.html",
        {
            "process": process,
            "may_publish": not process.published
            and may_maintain(request.user, [regeling.pk for regeling in regelingen]),
            "regelingen": regelingen,
            "statuses": statuses,
            "current": current_step(statuses),
            "next_milestone": next_milestone(milestones),
        },
    )


def regeling_detail(request, slug):
    """A gemeenschappelijke regeling: what it is, its participants, its amendment rule, its
    sources, the processes about it, and the voting weights of its algemeen bestuur with a
    calculator: under a weighting and a threshold, can the urban or the rural participants carry
    or block a decision alone (councils.weighting)?

    Queries: the regeling, its participants, their stated weights, its processes, the
    treatments of its algemeen bestuur with their weighted votes — five (plus the user's role
    for the program office's links).
    """
    regeling = get_object_or_404(Regeling, slug=slug)
    participants = list(regeling.participants.order_by("name"))
    stated = {w.municipality_id: w.votes for w in regeling.weights.all()}
    form = WeightingForm(request.GET or None)
    method, threshold_key = form.choice(regeling.ab_weighting)
    if not request.GET:
        form = WeightingForm(initial={"methode": method, "drempel": threshold_key})
    return render(
        request,
        "portal/regeling_detail.html",
        {
            "regeling": regeling,
            "participants": participants,
            "processes": list(
                Process.objects.visible_to(request.user).filter(regelingen=regeling).order_by("pk")
            ),
            "form": form,
            "calculation": _weighting(participants, stated, method, threshold_key),
            "board_treatments": list(
                Treatment.objects.visible_to(request.user)
                .filter(body__regeling=regeling, body__kind=BodyKind.GENERAL_BOARD)
                .select_related("decision", "meeting", "board_vote")
                .order_by("decision__process_id", "decision__sequence", "round")
            ),
            # (office_regeling_ids is empty for anyone without the role)
            "may_record_board": may_maintain(request.user, [regeling.pk]),
        },
    )


def _weighting(participants, stated, method: str, threshold_key: str) -> dict:
    """The calculator's table: per participant its weight and share, per bloc its power."""
    threshold, threshold_label = THRESHOLDS[threshold_key]
    people = [
        weighting.Participant(
            name=m.name,
            bloc=m.get_area_type_display(),
            population=m.population,
            stated_weight=stated.get(m.pk),
        )
        for m in participants
    ]
    try:
        weighted = weighting.weights(method, people)
    except ValueError:
        return {"method": method, "missing": True}
    total = sum(weighted.values())
    blocs = {p.name: p.bloc for p in people}
    power = weighting.bloc_power(weighted, blocs, threshold)
    return {
        "method": method,
        "method_label": weighting.METHODS[method],
        "threshold_label": threshold_label,
        "rows": [
            (m, p, weighted[p.name], weighted[p.name] / total if total else 0)
            for m, p in zip(participants, people, strict=True)
        ],
        "blocs": power,
        "dominant": weighting.dominated(power),
    }


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
            "milestones": list(decision.milestones.visible_to(request.user)),
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
    municipality = get_object_or_404(Municipality.objects.select_related("successor"), slug=slug)
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
        .defer(*VERSION_TEXTS)  # the page says which version, not its text
        .order_by("decision__process_id", "decision__sequence", "-body__kind", "round")
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
        # A broken persistent connection is dropped, so the next check connects afresh and
        # answers 200 as soon as the database is back.
        connection.close()
        return JsonResponse(
            {"status": "error", "database": str(exc.__class__.__name__)}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok"})


def server_error(request):
    """handler500, rendered without the database: the Dutch 503 page (with Retry-After) when
    the cause is an unavailable database, otherwise the Dutch 500 page. Never internals."""
    error = sys.exc_info()[1]
    if error is not None and is_database_unavailable(error):
        return unavailable_response(error)
    return HttpResponseServerError(render_to_string("500.html"))


def csrf_failure(request, reason=""):
    """settings.CSRF_FAILURE_VIEW: the Dutch page in the portal's layout (Django's own is
    titled in English and outside the layout). The reason goes to the log only."""
    return render(request, "403_csrf.html", status=403)


def after_login(request):
    """After logging in a clerk lands in its workspace, everyone else on the home page."""
    if is_clerk(request.user):
        return redirect("clerk:workspace")
    return redirect("home")


@require_GET
def privacy(request):
    """The privacy statement (AVG): what the portal stores about whom, why and for how long."""
    return render(
        request,
        "portal/privacy.html",
        {
            "confirm_hours": settings.ALERTS_CONFIRM_HOURS,
            "unconfirmed_days": settings.ALERTS_UNCONFIRMED_DAYS,
        },
    )
