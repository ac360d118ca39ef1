"""The agenda feeds: iCalendar that a calendar program imports, checked by parsing it back."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse

from councils.models import Body, Meeting
from decisions.models import Decision, Process, Treatment
from milestones.ical import escape_text, fold
from milestones.models import Milestone

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


# --- the text format ---------------------------------------------------------------------------


def test_text_values_escape_backslash_semicolon_comma_and_newlines():
    assert escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"


def test_a_short_line_is_not_folded():
    assert fold("SUMMARY:kort") == "SUMMARY:kort"


def test_a_long_line_is_folded_into_lines_of_at_most_75_octets():
    line = "DESCRIPTION:" + "x" * 200
    parts = fold(line).split("\r\n")
    assert len(parts[0]) == 75
    assert all(part.startswith(" ") for part in parts[1:])
    assert all(len(part.encode()) <= 75 for part in parts)
    assert "".join(part.removeprefix(" ") for part in parts) == line


def test_folding_never_splits_a_multibyte_character():
    line = "SUMMARY:" + "ë" * 100  # two octets each
    parts = fold(line).split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    for part in parts:
        part.encode().decode()  # every piece is whole UTF-8
    assert "".join(part.removeprefix(" ") for part in parts) == line


# --- helpers -----------------------------------------------------------------------------------


def body(municipality, kind="council"):
    return Body.objects.get(municipality__slug=municipality, kind=kind)


def meeting(owner, when, kind="council", **values):
    return Meeting.objects.create(body=body(owner, kind), starts_at=when, **values)


def parse(response) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(response.content)


def events(calendar: icalendar.Calendar) -> list:
    return list(calendar.walk("VEVENT"))


def by_uid(calendar: icalendar.Calendar) -> dict:
    return {str(event["UID"]): event for event in events(calendar)}


@pytest.fixture
def meetings(dataset):
    """Meetings of Dordrecht's council (summer time) and college (winter time), of
    Sliedrecht's council and of the general board of GR Sociaal."""
    council = meeting(
        "dordrecht",
        datetime.datetime(2022, 7, 5, 20, 0, tzinfo=AMSTERDAM),
        location="Stadhuis, Raadzaal; Dordrecht",
        title="Raadsvergadering",
    )
    college = meeting(
        "dordrecht", datetime.datetime(2022, 11, 29, 10, 30, tzinfo=AMSTERDAM), kind="executive"
    )
    sliedrecht = meeting("sliedrecht", datetime.datetime(2022, 7, 12, 19, 30, tzinfo=AMSTERDAM))
    board = Meeting.objects.create(
        body=Body.objects.get(regeling__slug="gr-sociaal", kind="general_board"),
        starts_at=datetime.datetime(2022, 12, 15, 16, 0, tzinfo=AMSTERDAM),
    )
    treatment = Treatment.objects.get(
        decision__slug="concept-gr-tekst-2022", body=council.body, round=1
    )
    treatment.meeting = council
    treatment.save()
    return {"council": council, "college": college, "sliedrecht": sliedrecht, "board": board}


# --- the feed for all --------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_feed_is_icalendar_shown_inline_with_a_filename(client, meetings):
    response = client.get(reverse("milestones:agenda"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="gr-portal-agenda.ics"'


@pytest.mark.django_db
def test_the_feed_has_every_milestone_and_meeting_once(client, meetings):
    calendar = parse(client.get(reverse("milestones:agenda")))
    assert calendar["VERSION"] == "2.0"
    uids = [str(event["UID"]) for event in events(calendar)]
    assert len(uids) == 9 + 4
    assert len(set(uids)) == len(uids)
    assert {f"milestone-{pk}@grportal" for pk in Milestone.objects.values_list("pk", flat=True)} | {
        f"meeting-{m.pk}@grportal" for m in meetings.values()
    } == set(uids)


@pytest.mark.django_db
def test_every_line_is_crlf_terminated_and_at_most_75_octets(client, meetings):
    content = client.get(reverse("milestones:agenda")).content
    assert content.endswith(b"\r\n")
    lines = content.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(lines)  # no bare line feeds
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # long descriptions were folded


@pytest.mark.django_db
def test_milestones_are_all_day_events_with_an_exclusive_end(client, meetings):
    events_by_title = {
        str(event["SUMMARY"]): event
        for event in events(parse(client.get(reverse("milestones:agenda"))))
    }

    def dates(title):
        event = events_by_title[title]
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is datetime.date and type(end) is datetime.date
        return start, end

    # Known to the day: that day only.
    assert dates("Principebesluit colleges") == (
        datetime.date(2022, 3, 8),
        datetime.date(2022, 3, 9),
    )
    # Known to the month: the whole month.
    assert dates("Concept aangepaste GR-tekst: colleges") == (
        datetime.date(2022, 6, 1),
        datetime.date(2022, 7, 1),
    )
    # April to July: up to and including 31 July.
    assert dates("Inloopavond(en) raadsleden") == (
        datetime.date(2022, 4, 1),
        datetime.date(2022, 8, 1),
    )
    assert str(events_by_title["Inloopavond(en) raadsleden"]["TRANSP"]) == "TRANSPARENT"


@pytest.mark.django_db
def test_a_meeting_is_at_its_local_time_in_amsterdam(client, meetings):
    calendar = parse(client.get(reverse("milestones:agenda")))
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    uids = by_uid(calendar)
    summer = uids[f"meeting-{meetings['council'].pk}@grportal"].decoded("DTSTART")
    winter = uids[f"meeting-{meetings['college'].pk}@grportal"].decoded("DTSTART")
    assert (summer.hour, summer.minute) == (20, 0)
    assert summer.astimezone(datetime.UTC) == datetime.datetime(
        2022, 7, 5, 18, 0, tzinfo=datetime.UTC
    )
    assert (winter.hour, winter.minute) == (10, 30)
    assert winter.astimezone(datetime.UTC) == datetime.datetime(
        2022, 11, 29, 9, 30, tzinfo=datetime.UTC
    )


@pytest.mark.django_db
def test_a_meeting_says_who_meets_where_and_what_is_on_the_agenda(client, meetings):
    event = by_uid(parse(client.get(reverse("milestones:agenda"))))[
        f"meeting-{meetings['council'].pk}@grportal"
    ]
    assert str(event["SUMMARY"]) == "Gemeenteraad Dordrecht: vergadering – Raadsvergadering"
    assert str(event["LOCATION"]) == "Stadhuis, Raadzaal; Dordrecht"  # escaped and back
    assert "Op de agenda:\n- Concept aangepaste GR-tekst GR Sociaal (zienswijze)" in str(
        event["DESCRIPTION"]
    )
    assert str(event["URL"]) == "http://testserver/gemeenten/dordrecht/"


@pytest.mark.django_db
def test_a_milestone_says_what_was_planned_and_links_to_its_decision(client, meetings):
    events_by_title = {
        str(event["SUMMARY"]): event
        for event in events(parse(client.get(reverse("milestones:agenda"))))
    }
    colleges = events_by_title["Concept aangepaste GR-tekst: colleges"]
    assert "Gepland: juni 2022." in str(colleges["DESCRIPTION"])
    assert str(colleges["URL"]) == "http://testserver/besluiten/concept-gr-tekst-2022/"
    elections = events_by_title["Gemeenteraadsverkiezingen"]
    assert "Afgerond: 16 maart 2022." in str(elections["DESCRIPTION"])
    assert str(elections["URL"]).startswith("http://testserver/tijdlijn/?traject=")


@pytest.mark.django_db
def test_unpublished_decisions_stay_out_of_the_feed(client, meetings):
    Decision.objects.filter(slug="concept-gr-tekst-2022").update(published=False)
    content = client.get(reverse("milestones:agenda")).content.decode()
    assert "concept-gr-tekst-2022" not in content
    assert "Concept aangepaste GR-tekst GR Sociaal" not in content


@pytest.mark.django_db
def test_milestones_of_an_unpublished_process_stay_out_of_the_feed(client, meetings):
    Process.objects.update(published=False)
    calendar = parse(client.get(reverse("milestones:agenda")))
    assert all(str(e["UID"]).startswith("meeting-") for e in events(calendar))


@pytest.mark.django_db
def test_the_feed_queries_are_fixed(client, meetings, django_assert_num_queries):
    # 1. milestones of visible processes, with their process
    # 2. their visible decisions
    # 3. meetings with body, municipality and regeling
    # 4. the treatments of visible decisions at those meetings, with their decision
    with django_assert_num_queries(4):
        client.get(reverse("milestones:agenda"))
    for day in range(1, 6):
        meeting("zwijndrecht", datetime.datetime(2022, 9, day, 20, 0, tzinfo=AMSTERDAM))
    with django_assert_num_queries(4):
        response = client.get(reverse("milestones:agenda"))
    assert len(events(parse(response))) == 9 + 4 + 5


# --- the feed per municipality -----------------------------------------------------------------


@pytest.mark.django_db
def test_a_municipality_feed_holds_only_the_meetings_of_its_own_bodies(client, meetings):
    response = client.get(reverse("milestones:municipality_agenda", args=["dordrecht"]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="gr-portal-agenda-dordrecht.ics"'
    calendar = parse(response)
    assert str(calendar["X-WR-CALNAME"]) == "GR Portal – agenda Dordrecht"
    meeting_uids = {uid for uid in by_uid(calendar) if uid.startswith("meeting-")}
    assert meeting_uids == {
        f"meeting-{meetings['council'].pk}@grportal",
        f"meeting-{meetings['college'].pk}@grportal",
    }


@pytest.mark.django_db
def test_a_municipality_feed_holds_the_milestones_that_concern_it(client, meetings):
    sliedrecht_only = Milestone.objects.create(
        process=Process.objects.get(),
        title="Extra inloopavond Sliedrecht",
        planned_start=datetime.date(2022, 9, 14),
        precision="day",
    )
    sliedrecht_only.bodies.set([body("sliedrecht")])
    dordrecht = by_uid(
        parse(client.get(reverse("milestones:municipality_agenda", args=["dordrecht"])))
    )
    sliedrecht = by_uid(
        parse(client.get(reverse("milestones:municipality_agenda", args=["sliedrecht"])))
    )
    milestone_uids = {uid for uid in dordrecht if uid.startswith("milestone-")}
    # The nine of the process: eight name Dordrecht's council or college, the start of the new
    # cooperation names no body and concerns every participant.
    assert len(milestone_uids) == 9
    assert f"milestone-{sliedrecht_only.pk}@grportal" not in dordrecht
    assert f"milestone-{sliedrecht_only.pk}@grportal" in sliedrecht


@pytest.mark.django_db
def test_a_municipality_feed_queries_are_fixed(client, meetings, django_assert_num_queries):
    # 1. the municipality
    # 2. milestones concerning it, with their process
    # 3. their visible decisions
    # 4. meetings of its bodies, with body, municipality and regeling
    # 5. the treatments of visible decisions at those meetings
    with django_assert_num_queries(5):
        client.get(reverse("milestones:municipality_agenda", args=["dordrecht"]))


@pytest.mark.django_db
def test_an_unknown_municipality_has_no_feed(client, dataset):
    assert (
        client.get(reverse("milestones:municipality_agenda", args=["atlantis"])).status_code == 404
    )
