from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from councils.models import CouncilTerm, Fractie, Meeting, Municipality
from decisions.models import Decision, Treatment


def municipality_detail(request, slug):
    """A municipality: its council and college, meetings, and what it did on every decision.

    Queries: municipality, terms, fracties, regelingen, bodies, meetings, treatments — seven.
    """
    municipality = get_object_or_404(Municipality, slug=slug)
    terms = list(
        CouncilTerm.objects.filter(municipality=municipality)
        .order_by("-starts_on")
        .prefetch_related(Prefetch("fracties", queryset=Fractie.objects.order_by("-seats", "name")))
    )
    bodies = list(municipality.bodies.all())
    treatments = list(
        Treatment.objects.for_municipality(municipality)
        .filter(decision__in=Decision.objects.visible_to(request.user))
        .select_related("decision", "body", "meeting", "version", "vote")
        .order_by("decision__process", "decision__sequence", "-body__kind", "round")
    )
    meetings = list(Meeting.objects.filter(body__municipality=municipality).select_related("body"))
    return render(
        request,
        "councils/municipality_detail.html",
        {
            "municipality": municipality,
            "term": terms[0] if terms else None,
            "regelingen": list(municipality.regelingen.all()),
            "bodies": bodies,
            "meetings": meetings,
            "treatments": treatments,
        },
    )
