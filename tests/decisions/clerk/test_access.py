"""Every clerk view that changes something (decisions.clerk.views), tried by every role: the
right clerk succeeds, everyone else is refused.

Outsiders who may read the record (another municipality's clerk, a raadslid, the program
office) get 403; records they may not even see (an unpublished decision) give 404; anonymous
users are sent to the login page; GET on a POST-only view gives 405. After each refusal the
database holds exactly what it held before.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from councils.models import Attendance
from decisions import services
from decisions.models import Amendment, Decision, Motion, Opinion, RecordCheck, Vote
from tests.decisions.clerk.helpers import CONCEPT, council_treatment, seats_of, treatment_post
from tests.recording import record_every_step

#: The recording views; the last one (the presentielijst) belongs to a meeting, not a decision.
VIEWS = range(8)
DECISION_VIEWS = range(7)
CHECK = 6


def _amendment(treatment):
    return Amendment.objects.create(treatment=treatment, title="Rol van de raad", text="…")


def _motion(treatment):
    return Motion.objects.create(treatment=treatment, title="Medewerkers", text="…")


def _views(treatment):
    """(name, url, POST data) of every recording view, for Dordrecht's council treatment."""
    sponsor = treatment.body.municipality.terms.get().fracties.get(name="VVD").pk
    subject = {
        "revision": 1,
        "text": "…",
        "method": "withdrawn",
        "sponsors": [sponsor],
        "save": "1",
    }
    meeting = services.meeting_create(
        body=treatment.body,
        new_meeting=services.NewMeeting(
            starts_at=datetime.datetime(2022, 7, 12, 20, tzinfo=ZoneInfo("Europe/Amsterdam"))
        ),
        user=None,
    )
    return [
        ("treatment", reverse("clerk:treatment", args=[treatment.pk]), treatment_post(treatment)),
        (
            "clerk:amendment_create",
            reverse("clerk:amendment_create", args=[treatment.pk]),
            {**subject, "title": "Amendement"},
        ),
        (
            "clerk:amendment_edit",
            reverse("clerk:amendment_edit", args=[_amendment(treatment).pk]),
            {**subject, "title": "Amendement"},
        ),
        (
            "clerk:motion_create",
            reverse("clerk:motion_create", args=[treatment.pk]),
            {**subject, "title": "Motie"},
        ),
        (
            "clerk:motion_edit",
            reverse("clerk:motion_edit", args=[_motion(treatment).pk]),
            {**subject, "title": "Motie"},
        ),
        (
            "opinion",
            reverse("clerk:opinion", args=[CONCEPT, "dordrecht"]),
            {"revision": 1, "text": "De raad is positief."},
        ),
        ("check", reverse("clerk:record_check", args=[CONCEPT, "dordrecht"]), {}),
        ("attendance", reverse("clerk:attendance", args=[meeting.pk]), _attendance(treatment)),
    ]


def _attendance(treatment) -> dict:
    """Everyone present at the meeting of 12 July 2022, on a list not recorded before."""
    members = [seat for fractie in seats_of(treatment).values() for seat in fractie.seats]
    return {"loaded": services.AttendanceState().encode()} | {
        f"member-{seat.member.pk}": "on" for seat in members
    }


def _state():
    treatment = council_treatment()
    return (
        treatment.revision,
        treatment.outcome,
        Vote.objects.count(),
        list(Amendment.objects.values_list("title", "outcome", "revision")),
        list(Motion.objects.values_list("title", "outcome", "revision")),
        Opinion.objects.count(),
        RecordCheck.objects.count(),
        Attendance.objects.count(),
    )


@pytest.fixture
def views(dataset):
    return _views(council_treatment())


@pytest.mark.parametrize("index", VIEWS)
def test_the_municipalitys_own_clerk_succeeds(client, dordrecht_clerk, views, index):
    _name, url, data = views[index]
    if index == CHECK:  # only complete records can be checked
        record_every_step(CONCEPT, "dordrecht")
    client.force_login(dordrecht_clerk)
    before = _state()
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert _state() != before


@pytest.mark.parametrize("index", VIEWS)
@pytest.mark.parametrize("outsider", ["sliedrecht_clerk", "council_member", "program_office"])
def test_outsiders_are_refused_and_nothing_changes(client, request, views, index, outsider):
    _name, url, data = views[index]
    client.force_login(request.getfixturevalue(outsider))
    before = _state()
    assert client.get(url).status_code in (403, 405)
    assert client.post(url, data).status_code == 403
    assert _state() == before


@pytest.mark.parametrize("index", VIEWS)
def test_anonymous_users_are_sent_to_login(client, views, index):
    _name, url, data = views[index]
    before = _state()
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert _state() == before


@pytest.mark.parametrize("index", DECISION_VIEWS)
def test_an_unpublished_decision_is_404_for_another_clerk(client, sliedrecht_clerk, views, index):
    Decision.objects.filter(slug=CONCEPT).update(published=False)
    _name, url, data = views[index]
    client.force_login(sliedrecht_clerk)
    assert client.post(url, data).status_code == 404


def test_get_on_the_post_only_check_view_is_405(client, dordrecht_clerk, dataset):
    client.force_login(dordrecht_clerk)
    response = client.get(reverse("clerk:record_check", args=[CONCEPT, "dordrecht"]))
    assert response.status_code == 405
    assert not RecordCheck.objects.exists()
