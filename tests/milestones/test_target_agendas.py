"""Personal agendas (issue 14 item 4): the iCalendar feed of one process, regeling or decision
(a municipality's is in test_ical.py) holds its milestones and the meetings that treat it, and
nothing the visitor may not see."""

import icalendar
import pytest
from django.urls import reverse

from decisions.models import Decision
from milestones.models import Milestone

pytestmark = pytest.mark.django_db


def _uids(client, name: str, slug: str) -> set[str]:
    response = client.get(reverse(name, args=[slug]) + "?vanaf=alles")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["UID"]) for event in calendar.walk("VEVENT")}


def test_the_process_and_decision_agendas_hold_the_meeting_that_treats_them(client, recorded_vote):
    meeting = f"meeting-{recorded_vote.meeting_id}@grportal"
    decision = recorded_vote.decision
    process_events = _uids(client, "milestones:process_agenda", decision.process.slug)
    assert meeting in process_events
    milestones = Milestone.objects.filter(process=decision.process)
    assert {f"milestone-{m.pk}@grportal" for m in milestones} <= process_events
    assert meeting in _uids(client, "milestones:decision_agenda", decision.slug)
    assert meeting in _uids(client, "milestones:regeling_agenda", decision.regeling.slug)
    other = Decision.objects.published().exclude(pk=decision.pk).first()
    assert meeting not in _uids(client, "milestones:decision_agenda", other.slug)


def test_an_unpublished_decision_has_no_agenda_for_a_visitor(client, recorded_vote):
    decision = recorded_vote.decision
    Decision.objects.filter(pk=decision.pk).update(published=False)
    response = client.get(reverse("milestones:decision_agenda", args=[decision.slug]))
    assert response.status_code == 404
    # Nor does the process's agenda show the meeting for it.
    meeting = f"meeting-{recorded_vote.meeting_id}@grportal"
    assert meeting not in _uids(client, "milestones:process_agenda", decision.process.slug)
