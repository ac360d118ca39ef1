import datetime

from django.db.models import F, Prefetch, Q
from django.db.models.functions import Coalesce
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from councils.models import Meeting, Municipality, Regeling
from decisions.models import Decision, Process, Treatment
from gr_portal.core.periods import is_plausible
from milestones import ical
from milestones.forms import AgendaWindowForm, AsOfForm
from milestones.models import Milestone
from milestones.selectors import with_recorded_progress
from milestones.timeline import build_timeline, replay_days, window


def _with_visible_decisions(milestones, user):
    return milestones.prefetch_related(
        Prefetch(
            "decisions",
            queryset=Decision.objects.visible_to(user),
            to_attr="visible_decisions",
        )
    )


def timeline(request):
    """The milestones of a process on a time axis, as they stood today or on ?datum=.

    An invalid date answers 400 with the page itself: the error and today's state.

    Queries: process, the four of the milestones with the progress the clerks recorded
    (milestones.selectors.with_recorded_progress), the process's participants (for the agenda
    links) — six, however many milestones or municipalities.
    """
    form = AsOfForm(request.GET)
    today = timezone.localdate()
    as_of = today
    valid = form.is_valid()
    if valid and form.cleaned_data["datum"]:
        as_of = form.cleaned_data["datum"]
    processes = Process.objects.visible_to(request.user)
    slug = request.GET.get("traject")
    if slug:
        process = get_object_or_404(processes, slug=slug)
    else:
        process = processes.filter(milestones__isnull=False).distinct().order_by("pk").first()
    context = {"form": form, "as_of": as_of, "today": today, "process": process}
    if process is not None:
        milestones = with_recorded_progress(process.milestones.all(), request.user)
        start, end = window(process.slug, milestones, today)
        context.update(
            timeline=build_timeline(milestones, start=start, end=end, as_of=as_of),
            replay_days=replay_days(start, end),
            municipalities=list(
                Municipality.objects.filter(regelingen__processes=process)
                .distinct()
                .order_by("name")
            ),
            traject=slug or "",
            agenda_from=start,
        )
    return render(request, "milestones/timeline.html", context, status=200 if valid else 400)


# --- iCalendar feeds ---------------------------------------------------------------------------


def _feed_milestones(user):
    return _with_visible_decisions(
        Milestone.objects.visible_to(user).select_related("process"),
        user,
    )


def _feed_meetings(user):
    treatments = (
        Treatment.objects.visible_to(user)
        .select_related("decision")
        .order_by("decision__process", "decision__sequence", "round")
    )
    return Meeting.objects.select_related("body__municipality", "body__regeling").prefetch_related(
        Prefetch("treatments", queryset=treatments, to_attr="visible_treatments")
    )


def _milestone_url(request, milestone) -> str:
    """Its decision's page when it has exactly one; otherwise its row on the timeline."""
    if len(milestone.visible_decisions) == 1:
        path = reverse("decision_detail", args=[milestone.visible_decisions[0].slug])
    else:
        query = urlencode({"traject": milestone.process.slug})
        path = f"{reverse('milestones:timeline')}?{query}#mijlpaal-{milestone.pk}"
    return request.build_absolute_uri(path)


def _meeting_url(request, meeting) -> str | None:
    municipality = meeting.body.municipality
    if municipality is None:
        return None
    return request.build_absolute_uri(reverse("municipality_detail", args=[municipality.slug]))


def _window(request) -> tuple[datetime.date | None, HttpResponse | None]:
    """The first day a feed covers (None: everything), or the 400 answer for a bad ?vanaf=."""
    form = AgendaWindowForm(request.GET)
    if not form.is_valid():
        return None, HttpResponseBadRequest(
            " ".join(str(message) for message in form.errors["vanaf"]),
            content_type="text/plain; charset=utf-8",
        )
    return form.cleaned_data["vanaf"], None


def _in_window(milestones, meetings, start: datetime.date | None):
    """Milestones that end (or, undated, start) on or after `start`, and meetings from then on."""
    if start is None:
        return milestones, meetings
    last_day = Coalesce(F("actual_end"), F("planned_end"), F("planned_start"))
    first_moment = datetime.datetime.combine(
        start, datetime.time(0), tzinfo=timezone.get_current_timezone()
    )
    return (
        milestones.alias(last_day=last_day).filter(last_day__gte=start),
        meetings.filter(starts_at__gte=first_moment),
    )


def _calendar_response(request, *, name, filename, milestones, meetings) -> HttpResponse:
    start, refused = _window(request)
    if refused is not None:
        return refused
    milestones, meetings = _in_window(milestones, meetings, start)
    stamp = timezone.now()
    events = [
        ical.milestone_event(
            milestone,
            decisions=milestone.visible_decisions,
            url=_milestone_url(request, milestone),
            stamp=stamp,
        )
        for milestone in milestones
        # A date beyond the plausible years, stored before they were checked, is no event.
        if is_plausible(milestone.planned_start)
        and (milestone.planned_end is None or is_plausible(milestone.planned_end))
    ]
    events += [
        ical.meeting_event(
            meeting,
            treatments=meeting.visible_treatments,
            url=_meeting_url(request, meeting),
            stamp=stamp,
        )
        for meeting in meetings
    ]
    response = HttpResponse(
        ical.calendar(name, events).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def agenda(request):
    """Every milestone and every meeting from a year ago on (?vanaf= for another first day,
    ?vanaf=alles for everything), as iCalendar.

    Queries: milestones (with process), their visible decisions, meetings (with body,
    municipality and regeling), their treatments of visible decisions — four.
    """
    return _calendar_response(
        request,
        name=_("GR Portal – agenda"),
        filename="gr-portal-agenda.ics",
        milestones=_feed_milestones(request.user),
        meetings=_feed_meetings(request.user),
    )


def municipality_agenda(request, slug):
    """One municipality's agenda: meetings of its council and college, the milestones that
    concern them, and the milestones of the whole process (no bodies named) of the regelingen
    it takes part in; the window as the full agenda's.

    Queries: municipality, then as the full agenda — five.
    """
    municipality = get_object_or_404(Municipality, slug=slug)
    concerns_it = Q(bodies__municipality=municipality) | Q(
        bodies__isnull=True, process__regelingen__participants=municipality
    )
    return _calendar_response(
        request,
        name=_("GR Portal – agenda %(name)s") % {"name": municipality.name},
        filename=f"gr-portal-agenda-{municipality.slug}.ics",
        milestones=_feed_milestones(request.user).filter(concerns_it).distinct(),
        meetings=_feed_meetings(request.user).filter(body__municipality=municipality),
    )


def process_agenda(request, slug):
    """One process's agenda: its milestones, and the meetings that treat its decisions (those
    the visitor may see); the window as the full agenda's. Queries: the process, then four."""
    process = get_object_or_404(Process.objects.visible_to(request.user), slug=slug)
    treated = Treatment.objects.visible_to(request.user).filter(decision__process=process)
    return _calendar_response(
        request,
        name=_("GR Portal – agenda %(name)s") % {"name": process.title},
        filename=f"gr-portal-agenda-{process.slug}.ics",
        milestones=_feed_milestones(request.user).filter(process=process),
        meetings=_feed_meetings(request.user).filter(treatments__in=treated).distinct(),
    )


def regeling_agenda(request, slug):
    """One regeling's agenda: the milestones of its processes, the meetings of its own boards
    and those that treat decisions about it. Queries: the regeling, then four."""
    regeling = get_object_or_404(Regeling, slug=slug)
    treated = Treatment.objects.visible_to(request.user).filter(decision__regeling=regeling)
    return _calendar_response(
        request,
        name=_("GR Portal – agenda %(name)s") % {"name": regeling.short_name},
        filename=f"gr-portal-agenda-{regeling.slug}.ics",
        milestones=_feed_milestones(request.user).filter(process__regelingen=regeling).distinct(),
        meetings=_feed_meetings(request.user)
        .filter(Q(body__regeling=regeling) | Q(treatments__in=treated))
        .distinct(),
    )


def decision_agenda(request, slug):
    """One decision's agenda: its milestones and the meetings that treat it. Queries: the
    decision, then four."""
    decision = get_object_or_404(Decision.objects.visible_to(request.user), slug=slug)
    treated = Treatment.objects.visible_to(request.user).filter(decision=decision)
    return _calendar_response(
        request,
        name=_("GR Portal – agenda %(name)s") % {"name": decision.title},
        filename=f"gr-portal-agenda-{decision.slug}.ics",
        milestones=_feed_milestones(request.user).filter(decisions=decision).distinct(),
        meetings=_feed_meetings(request.user).filter(treatments__in=treated).distinct(),
    )
