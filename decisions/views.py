from django.db.models import Prefetch
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


def home(request):
    """Every visible decision with its status per municipality.

    Queries: decisions (with process and regeling), treatments (with body, municipality,
    meeting, version and vote), griffie checks — three, however many decisions or
    municipalities.
    """
    decisions = list(
        Decision.objects.visible_to(request.user).select_related("process", "regeling")
    )
    treatments = Treatment.objects.filter(decision__in=decisions).with_related()
    checks = RecordCheck.objects.filter(decision__in=decisions)
    return render(
        request,
        "decisions/home.html",
        {"statuses": decision_statuses(decisions, treatments, checks)},
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
