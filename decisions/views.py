"""The status pages: every municipality against each decision, and two text versions compared.

A decision's own page also shows its milestones, so it is one of the project's pages
(gr_portal.views); these two need nothing but decisions.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from decisions.models import Decision, Process
from decisions.selectors import load_statuses
from gr_portal.core.textdiff import word_diff_cached


def status_matrix(request):
    """The matrix of one process (?traject=<slug>, else the first the portal follows):
    its participants against each decision's steps (college, raad).

    Queries: the process, and the four of decisions.selectors.load_statuses over its decisions —
    five, whatever the country's data.
    """
    processes = Process.objects.visible_to(request.user)
    slug = request.GET.get("traject")
    process = get_object_or_404(processes, slug=slug) if slug else processes.order_by("pk").first()
    decisions = Decision.objects.visible_to(request.user).filter(process=process)
    statuses = load_statuses(decisions.order_by("sequence")) if process is not None else []
    municipalities = sorted(
        {row.municipality.pk: row.municipality for s in statuses for row in s.rows}.values(),
        key=lambda m: m.name,
    )
    cells = {(s.decision.pk, row.municipality.pk): row for s in statuses for row in s.rows}
    rows = [(m, [cells.get((s.decision.pk, m.pk)) for s in statuses]) for m in municipalities]
    return render(
        request,
        "decisions/status_matrix.html",
        {"process": process, "statuses": statuses, "rows": rows},
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
            "segments": word_diff_cached(older.text, newer.text),
        },
    )
