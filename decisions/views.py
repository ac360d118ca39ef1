from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from decisions.diff import word_diff
from decisions.models import (
    Amendment,
    Decision,
    FractieVote,
    Motion,
    Opinion,
    RecordCheck,
    Treatment,
)
from decisions.status import decision_statuses, latest_rounds
from milestones.models import Milestone


def _statuses(user):
    """Every visible decision's status per municipality: three queries (decisions with process
    and regeling; treatments with body, municipality, meeting, version and vote; griffie
    checks), however many decisions or municipalities."""
    decisions = list(Decision.objects.visible_to(user).select_related("process", "regeling"))
    treatments = Treatment.objects.filter(decision__in=decisions).with_related()
    checks = RecordCheck.objects.filter(decision__in=decisions)
    return decision_statuses(decisions, treatments, checks)


def home(request):
    """Where the merger stands: the current phase, the next milestone, a verdict per decision.

    Queries: the three of _statuses, and the next milestone.
    """
    statuses = _statuses(request.user)
    # The phase is the first step (in process order) that does not yet have the consents its
    # regeling requires; when all have them, the last step.
    current = next((s for s in statuses if not s.in_force), statuses[-1] if statuses else None)
    processes = {s.decision.process_id for s in statuses}
    next_milestone = (
        Milestone.objects.filter(process_id__in=processes, actual_end__isnull=True)
        .order_by("planned_start", "title")
        .first()
    )
    return render(
        request,
        "decisions/home.html",
        {"statuses": statuses, "current": current, "next_milestone": next_milestone},
    )


def status_matrix(request):
    """The matrix: municipalities against each decision's steps (college, raad).

    Queries: the three of _statuses.
    """
    statuses = _statuses(request.user)
    municipalities = sorted(
        {row.municipality.pk: row.municipality for s in statuses for row in s.rows}.values(),
        key=lambda m: m.name,
    )
    cells = {(s.decision.pk, row.municipality.pk): row for s in statuses for row in s.rows}
    rows = [(m, [cells.get((s.decision.pk, m.pk)) for s in statuses]) for m in municipalities]
    return render(
        request,
        "decisions/status_matrix.html",
        {"statuses": statuses, "rows": rows},
    )


def decision_detail(request, slug):
    """A decision: its current text, versions, treatment per body with votes, zienswijzen.

    Queries: decision, versions, treatments, fractie votes, amendments, amendment sponsors,
    motions, motion sponsors, zienswijzen, milestones, griffie checks — eleven, whatever the
    number of bodies (prefetches of empty sets are skipped).
    """
    decision = get_object_or_404(
        Decision.objects.visible_to(request.user).select_related("process", "regeling"),
        slug=slug,
    )
    versions = list(decision.versions.order_by("number"))
    treatments = list(
        decision.treatments.with_related()
        .prefetch_related(
            Prefetch(
                "vote__fractie_votes",
                queryset=FractieVote.objects.select_related("fractie"),
            ),
            Prefetch(
                "amendments",
                queryset=Amendment.objects.select_related("vote").prefetch_related("sponsors"),
            ),
            Prefetch(
                "motions",
                queryset=Motion.objects.select_related("vote").prefetch_related("sponsors"),
            ),
        )
        # College before council: the order in which they decide.
        .order_by("body__municipality__name", "-body__kind", "round")
    )
    opinions = Opinion.objects.filter(decision=decision).select_related("municipality")
    current = versions[-1] if versions else None
    latest = latest_rounds(treatments)
    # Per version voted on that is no longer current: what changed since (computed once each).
    voted = {t.version_id for t in treatments if t.version_id}
    changes_since = {
        version.pk: word_diff(version.text, current.text)
        for version in versions
        if version.pk in voted and version is not current
    }
    checks = RecordCheck.objects.filter(decision=decision).select_related("municipality")
    return render(
        request,
        "decisions/decision_detail.html",
        {
            "decision": decision,
            "versions": versions,
            "current_version": current,
            "treatments": treatments,
            "latest_ids": {t.pk for t in latest.values()},
            "opinions": list(opinions),
            "milestones": list(decision.milestones.all()),
            "changes_since": changes_since,
            "status": decision_statuses([decision], treatments, checks)[0],
        },
    )


def decision_versions(request, slug):
    """Two versions of a decision's text side by side, word by word (?a=1&b=2 by number).

    Queries: decision, versions — two, whatever the number of versions.
    """
    decision = get_object_or_404(Decision.objects.visible_to(request.user), slug=slug)
    versions = list(decision.versions.order_by("number"))
    if not versions:
        raise Http404
    by_number = {v.number: v for v in versions}

    def pick(name, default):
        raw = request.GET.get(name)
        if raw is None:
            return default
        try:
            return by_number[int(raw)]
        except (ValueError, KeyError):
            raise Http404 from None

    newer = pick("b", versions[-1])
    older = pick("a", versions[-2] if len(versions) > 1 else versions[-1])
    return render(
        request,
        "decisions/decision_versions.html",
        {
            "decision": decision,
            "versions": versions,
            "older": older,
            "newer": newer,
            "segments": word_diff(older.text, newer.text),
        },
    )
