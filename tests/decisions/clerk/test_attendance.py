"""The presentielijst of a council meeting (clerk:attendance): every member with a seat that day,
grouped by fractie and present by default; saving records who was present at the opening and
whether the meeting could be opened (Gemeentewet art. 20 lid 1), and links a meeting convened
again to the one that could not open (lid 2). Every vote in the meeting starts from it.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councils.models import Attendance, Body, Meeting
from decisions import services
from gr_portal.core.history import reason_text
from tests.decisions.clerk.helpers import (
    clerk_of,
    council_treatment,
    member_of,
    seats_of,
    treatment_post,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def council_meeting(slug="dordrecht", day=12, month=7) -> Meeting:
    body = Body.objects.get(municipality__slug=slug, kind="council")
    return services.meeting_create(
        body=body,
        new_meeting=services.NewMeeting(
            starts_at=datetime.datetime(2022, month, day, 20, tzinfo=AMSTERDAM)
        ),
        user=None,
    )


def url(meeting, treatment=None):
    address = reverse("clerk:attendance", args=[meeting.pk])
    return f"{address}?behandeling={treatment.pk}" if treatment is not None else address


def attendance_post(meeting, *, absent=(), loaded=None, **fields) -> dict:
    """Everyone present but the members (decisions.selectors.Seat) in `absent`."""
    away = {seat.member.pk for seat in absent}
    council = seats_of(council_treatment(meeting.body.municipality.slug), meeting.day)
    data = {
        f"member-{seat.member.pk}": "on"
        for fractie in council.values()
        for seat in fractie.seats
        if seat.member.pk not in away
    }
    if loaded is None:
        attendance = dict(meeting.attendance.values_list("member_id", "present"))
        loaded = services.AttendanceState.of(meeting, attendance).encode()
    return {"loaded": loaded, **data, **fields}


def test_the_list_shows_every_member_by_fractie_present_by_default(
    clerk_client, dataset, django_assert_num_queries
):
    meeting = council_meeting()
    # session, user, memberships, the user's and the group's permissions (the layout's menu),
    # the meeting with body and municipality, the council's term, its memberships that day
    # (members and fracties), the presentielijst, the earlier meetings that could not open,
    # the treatments in the meeting
    with django_assert_num_queries(11):
        response = clerk_client.get(url(meeting))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Presentielijst" in page
    assert "GroenLinks (6 leden)" in page
    assert page.count('type="checkbox"') == 39
    assert page.count(" checked>") == 39  # present until said otherwise
    # An unnamed member is named by place in the fractie; a named one by name.
    assert "lid 1 van GroenLinks (naam niet bekend)" in page
    named = next(
        s for f in seats_of(council_treatment()).values() for s in f.seats if s.member.name
    )
    assert f"> {named.member.name}</label>" in page
    assert "ten minste 20 (Gemeentewet art. 20 lid 1)" in page
    # Quick buttons are added by the script only; the labels come from the page.
    assert 'data-label-all-present="allen aanwezig"' in page


def test_the_get_does_not_grow_with_the_council(client, dataset):
    counts = {}
    for slug in ("dordrecht", "hardinxveld-giessendam"):  # 14 fracties, 39 members; 5, 17
        meeting = council_meeting(slug)
        client.force_login(clerk_of(meeting.body.municipality))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(meeting)).status_code == 200
        counts[slug] = len(queries)
    assert counts["dordrecht"] == counts["hardinxveld-giessendam"]


def test_saving_records_the_list_and_that_the_meeting_opened(
    clerk_client, dataset, dordrecht_clerk
):
    meeting = council_meeting()
    sp = member_of(council_treatment(), "SP")
    response = clerk_client.post(url(meeting), attendance_post(meeting, absent=[sp]))
    assert response.status_code == 302
    assert response["Location"] == url(meeting)
    rows = dict(Attendance.objects.filter(meeting=meeting).values_list("member_id", "present"))
    assert len(rows) == 39
    assert rows[sp.member.pk] is False
    assert sum(rows.values()) == 38
    meeting.refresh_from_db()
    assert meeting.opened is True
    row = Attendance.history.filter(member_id=sp.member.pk).get()
    assert row.history_user == dordrecht_clerk
    assert row.history_change_reason == "Presentielijst vastgelegd door de griffie"
    page = clerk_client.get(url(meeting)).content.decode()
    assert "38 van de 39 zitting hebbende leden aanwezig, de vergadering kon worden geopend" in page
    assert page.count(" checked>") == 38


def test_saving_does_not_grow_with_the_council(client, dataset):
    """The rows are written in bulk: as many queries for Dordrecht's 39 members as for
    Hardinxveld-Giessendam's 17, on a first save and on a correction."""
    counts = {}
    for slug in ("dordrecht", "hardinxveld-giessendam"):
        meeting = council_meeting(slug)
        client.force_login(clerk_of(meeting.body.municipality))
        first = next(iter(seats_of(council_treatment(slug)).values())).seats[0]
        data = attendance_post(meeting)
        with CaptureQueriesContext(connection) as created:
            assert client.post(url(meeting), data).status_code == 302
        data = attendance_post(meeting, absent=[first], reason="te laat binnen")
        with CaptureQueriesContext(connection) as corrected:
            assert client.post(url(meeting), data).status_code == 302
        counts[slug] = (len(created), len(corrected))
    assert counts["dordrecht"] == counts["hardinxveld-giessendam"]
    # (one or two of them raise the data version of the page cache: gr_portal.core.models)
    assert counts["dordrecht"][0] <= 21


def test_without_quorum_the_meeting_did_not_open_and_records_no_votes(clerk_client, dataset):
    treatment = council_treatment()
    meeting = council_meeting()
    council = seats_of(treatment)
    # 19 of 39 present: not more than half.
    present = [s for f in council.values() for s in f.seats][:19]
    absent = [s for f in council.values() for s in f.seats][19:]
    response = clerk_client.post(
        url(meeting, treatment), attendance_post(meeting, absent=absent), follow=True
    )
    page = response.content.decode()
    assert len(present) == 19
    assert "de vergadering kon niet worden geopend" in page
    assert "Gemeentewet art. 20 lid 1" in page
    meeting.refresh_from_db()
    assert meeting.opened is False
    # Back at the treatment, with the meeting chosen: a vote in it is refused, in Dutch.
    assert response.redirect_chain[-1][0].endswith(f"?vergadering={meeting.pk}")
    assert "Deze vergadering kon niet worden geopend" in page
    data = treatment_post(treatment, meeting=meeting.pk, meeting_date="")
    page = clerk_client.post(reverse("clerk:treatment", args=[treatment.pk]), data)
    assert "niet worden geopend" in page.content.decode()
    treatment.refresh_from_db()
    assert treatment.outcome == ""


def test_a_meeting_convened_again_links_to_the_one_that_did_not_open(clerk_client, dataset):
    treatment = council_treatment()
    first = council_meeting(day=12)
    seats = [s for f in seats_of(treatment).values() for s in f.seats]
    clerk_client.post(url(first), attendance_post(first, absent=seats[10:]))
    first.refresh_from_db()
    assert first.opened is False
    again = council_meeting(day=14)
    page = clerk_client.get(url(again)).content.decode()
    assert "Opnieuw belegd na de vergadering" in page
    assert f'<option value="{first.pk}">' in page
    data = attendance_post(again, absent=seats[10:], reconvened_from=first.pk)
    assert clerk_client.post(url(again), data).status_code == 302
    again.refresh_from_db()
    assert again.reconvened_from == first
    assert again.opened is True  # convened again: lid 1 does not apply (art. 20 lid 3)


def test_a_meeting_that_opened_is_not_offered_as_one_convened_again_after(clerk_client, dataset):
    first = council_meeting(day=12)
    clerk_client.post(url(first), attendance_post(first))
    page = clerk_client.get(url(council_meeting(day=14))).content.decode()
    assert "Opnieuw belegd na" not in page


def test_a_correction_needs_a_reason_and_is_marked_as_a_correction(clerk_client, dataset):
    meeting = council_meeting()
    sp = member_of(council_treatment(), "SP")
    clerk_client.post(url(meeting), attendance_post(meeting))
    response = clerk_client.post(url(meeting), attendance_post(meeting, absent=[sp]))
    assert "Geef aan waarom u de presentielijst wijzigt." in response.content.decode()
    assert Attendance.objects.get(meeting=meeting, member=sp.member).present is True
    data = attendance_post(meeting, absent=[sp], reason="SP was met kennisgeving afwezig")
    assert clerk_client.post(url(meeting), data).status_code == 302
    row = Attendance.history.filter(member_id=sp.member.pk).order_by("-history_id").first()
    assert (row.present, row.history_is_correction) == (False, True)
    assert reason_text(row) == "Correctie: SP was met kennisgeving afwezig"
    # Only the changed row got a new version.
    assert Attendance.history.filter(meeting_id=meeting.pk).count() == 40


def test_a_save_from_a_list_someone_changed_is_refused_with_what_changed(clerk_client, dataset):
    meeting = council_meeting()
    sp = member_of(council_treatment(), "SP")
    stale = attendance_post(meeting)  # loaded while nothing was recorded
    clerk_client.post(url(meeting), attendance_post(meeting, absent=[sp]))  # a colleague
    response = clerk_client.post(url(meeting), {**stale, "reason": "tweede griffier"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "iemand anders wijzigde dit record intussen" in page
    assert sp.label in page  # the member whose presence changed is listed
    assert Attendance.objects.get(meeting=meeting, member=sp.member).present is False
    current = services.AttendanceState.of(
        meeting, dict(meeting.attendance.values_list("member_id", "present"))
    ).encode()
    assert f'value="{current}"' in page  # saving again is possible after seeing it


def test_saving_from_a_treatment_returns_to_it_with_the_meeting(clerk_client, dataset):
    treatment = council_treatment()
    meeting = council_meeting()
    response = clerk_client.post(url(meeting, treatment), attendance_post(meeting))
    address = reverse("clerk:treatment", args=[treatment.pk])
    assert response["Location"] == f"{address}?vergadering={meeting.pk}"


def test_a_colleges_meeting_has_no_presentielijst(clerk_client, dataset):
    body = Body.objects.get(municipality__slug="dordrecht", kind="executive")
    meeting = services.meeting_create(
        body=body,
        new_meeting=services.NewMeeting(
            starts_at=datetime.datetime(2022, 6, 14, 10, tzinfo=AMSTERDAM)
        ),
        user=None,
    )
    assert clerk_client.get(url(meeting)).status_code == 404


def test_a_list_without_quorum_is_refused_when_votes_are_recorded_in_the_meeting(
    clerk_client, dataset
):
    treatment = council_treatment()
    meeting = council_meeting()
    data = treatment_post(treatment, meeting=meeting.pk, meeting_date="")
    assert (
        clerk_client.post(reverse("clerk:treatment", args=[treatment.pk]), data).status_code == 302
    )
    seats = [s for f in seats_of(treatment).values() for s in f.seats]
    response = clerk_client.post(url(meeting), attendance_post(meeting, absent=seats[5:]))
    assert response.status_code == 200
    assert "zijn al stemmingen of besluiten vastgelegd" in response.content.decode()
    assert not Attendance.objects.exists()
    meeting.refresh_from_db()
    assert meeting.opened is True


@pytest.mark.parametrize("field", ["loaded"])
def test_an_unreadable_list_state_is_refused(clerk_client, dataset, field):
    meeting = council_meeting()
    response = clerk_client.post(url(meeting), attendance_post(meeting, **{field: "xyz"}))
    assert "De presentielijst kon niet worden gelezen" in response.content.decode()
    assert not Attendance.objects.exists()
