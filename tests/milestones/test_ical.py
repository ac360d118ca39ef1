"""The agenda feeds: iCalendar that a calendar program imports, checked by parsing it back."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse

from councils.models import Body, Meeting
from decisions.models import Decision, Process, Treatment
from milestones.models import Milestone

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

#: The 2022 data lies more than a year back: ask the feeds for everything.
EVERYTHING = {"vanaf": "alles"}


# --- helpers -----------------------------------------------------------------------------------


def body(municipality, kind="council"):
    return Body.objects.get(municipality__slug=municipality, kind=kind)


def meeting(owner, when, kind="council", **values):
    return Meeting.objects.create(body=body(owner, kind), starts_at=when, **values)


def parse(response) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(response.content)


def content_lines(content: bytes) -> list[bytes]:
    """The feed's content lines, unfolded: what they were before folding (RFC 5545 3.1)."""
    return content.replace(b"\r\n ", b"").split(b"\r\n")[:-1]


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
    response = client.get(reverse("milestones:agenda"), EVERYTHING)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="gr-portal-agenda.ics"'


@pytest.mark.django_db
def test_the_feed_has_every_milestone_and_meeting_once(client, meetings):
    calendar = parse(client.get(reverse("milestones:agenda"), EVERYTHING))
    assert calendar["VERSION"] == "2.0"
    uids = [str(event["UID"]) for event in events(calendar)]
    assert len(uids) == 9 + 4
    assert len(set(uids)) == len(uids)
    assert {f"milestone-{pk}@grportal" for pk in Milestone.objects.values_list("pk", flat=True)} | {
        f"meeting-{m.pk}@grportal" for m in meetings.values()
    } == set(uids)


@pytest.mark.django_db
def test_every_line_is_crlf_terminated_and_at_most_75_octets(client, meetings):
    content = client.get(reverse("milestones:agenda"), EVERYTHING).content
    assert content.endswith(b"\r\n")
    lines = content.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(lines)  # no bare line feeds
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # long descriptions were folded


@pytest.mark.django_db
def test_milestones_are_all_day_events_with_an_exclusive_end(client, meetings):
    events_by_title = {
        str(event["SUMMARY"]): event
        for event in events(parse(client.get(reverse("milestones:agenda"), EVERYTHING)))
    }

    def dates(title):
        event = events_by_title[title]
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is datetime.date
        assert type(end) is datetime.date
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
    calendar = parse(client.get(reverse("milestones:agenda"), EVERYTHING))
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
    event = by_uid(parse(client.get(reverse("milestones:agenda"), EVERYTHING)))[
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
        for event in events(parse(client.get(reverse("milestones:agenda"), EVERYTHING)))
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
    content = client.get(reverse("milestones:agenda"), EVERYTHING).content.decode()
    assert "concept-gr-tekst-2022" not in content
    assert "Concept aangepaste GR-tekst GR Sociaal" not in content


@pytest.mark.django_db
def test_milestones_of_an_unpublished_process_stay_out_of_the_feed(client, meetings):
    Process.objects.update(published=False)
    calendar = parse(client.get(reverse("milestones:agenda"), EVERYTHING))
    assert all(str(e["UID"]).startswith("meeting-") for e in events(calendar))


@pytest.mark.django_db
def test_the_feed_queries_are_fixed(client, meetings, django_assert_num_queries):
    # 1. milestones of visible processes, with their process
    # 2. their visible decisions
    # 3. meetings with body, municipality and regeling
    # 4. the treatments of visible decisions at those meetings, with their decision
    with django_assert_num_queries(4):
        client.get(reverse("milestones:agenda"), EVERYTHING)
    for day in range(1, 6):
        meeting("zwijndrecht", datetime.datetime(2022, 9, day, 20, 0, tzinfo=AMSTERDAM))
    with django_assert_num_queries(4):
        response = client.get(reverse("milestones:agenda"), EVERYTHING)
    assert len(events(parse(response))) == 9 + 4 + 5


# --- the format: header, escaping, folding, time zone ------------------------------------------


@pytest.mark.django_db
def test_the_feed_names_itself_its_maker_and_how_often_to_refresh(client, meetings):
    content = client.get(reverse("milestones:agenda"), EVERYTHING).content
    calendar = icalendar.Calendar.from_ical(content)
    assert str(calendar["PRODID"]) == "-//GR Portal//Agenda//NL"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["NAME"]) == str(calendar["X-WR-CALNAME"]) == "GR Portal – agenda"
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Amsterdam"
    lines = content_lines(content)
    assert lines[0] == b"BEGIN:VCALENDAR"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT12H" in lines
    assert b"X-PUBLISHED-TTL:PT12H" in lines


@pytest.mark.django_db
def test_text_values_are_escaped_in_the_feed_and_read_back_unchanged(client, meetings):
    tricky = meeting(
        "dordrecht",
        datetime.datetime(2022, 9, 6, 20, 0, tzinfo=AMSTERDAM),
        title="Extra; met één punt, en meer",
        location="Stadhuis\\Raadzaal; 1e etage, zaal ’t Hof\r\nIngang Spuiboulevard",
    )
    content = client.get(reverse("milestones:agenda"), EVERYTHING).content
    lines = content_lines(content)
    # Backslash, semicolon, comma and line breaks escaped (RFC 5545 3.3.11); UTF-8 as is.
    assert (
        "LOCATION:Stadhuis\\\\Raadzaal\\; 1e etage\\, zaal ’t Hof\\nIngang Spuiboulevard".encode()
        in lines
    )
    assert (
        "SUMMARY:Gemeenteraad Dordrecht: vergadering – Extra\\; met één punt\\, en meer".encode()
        in lines
    )
    event = by_uid(icalendar.Calendar.from_ical(content))[f"meeting-{tricky.pk}@grportal"]
    assert str(event["LOCATION"]) == (
        "Stadhuis\\Raadzaal; 1e etage, zaal ’t Hof\nIngang Spuiboulevard"
    )
    assert (
        str(event["SUMMARY"])
        == "Gemeenteraad Dordrecht: vergadering – Extra; met één punt, en meer"
    )
    assert [str(category) for category in event["CATEGORIES"].cats] == ["Vergadering"]


@pytest.mark.django_db
def test_long_lines_are_folded_at_75_octets_never_inside_a_character(client, meetings):
    title = "Raadsvergadering over de toekomst van het sociaal domein " + "ë" * 60
    long = meeting("dordrecht", datetime.datetime(2022, 9, 6, 20, 0, tzinfo=AMSTERDAM), title=title)
    content = client.get(reverse("milestones:agenda"), EVERYTHING).content
    physical = content.split(b"\r\n")[:-1]
    assert max(len(line) for line in physical) <= 75
    for line in physical:
        line.decode()  # every folded piece is whole UTF-8
    summary = f"SUMMARY:Gemeenteraad Dordrecht: vergadering – {title}".encode()
    assert summary in content_lines(content)
    assert summary not in physical  # it was folded…
    assert f"UID:meeting-{long.pk}@grportal".encode() in physical  # …a short line is not
    event = by_uid(icalendar.Calendar.from_ical(content))[f"meeting-{long.pk}@grportal"]
    assert str(event["SUMMARY"]) == f"Gemeenteraad Dordrecht: vergadering – {title}"


@pytest.mark.django_db
def test_the_time_zone_comes_first_and_gives_amsterdam_summer_and_winter_time(client, meetings):
    calendar = parse(client.get(reverse("milestones:agenda"), EVERYTHING))
    # Before the events that use it, as calendar programs read it.
    assert calendar.subcomponents[0].name == "VTIMEZONE"
    (zone,) = calendar.walk("VTIMEZONE")
    tz = zone.to_tz()
    summer = datetime.datetime(2022, 7, 5, 20, 0, tzinfo=tz)
    winter = datetime.datetime(2022, 11, 29, 10, 30, tzinfo=tz)
    assert summer.utcoffset() == datetime.timedelta(hours=2)
    assert winter.utcoffset() == datetime.timedelta(hours=1)


# --- the feed per municipality -----------------------------------------------------------------


@pytest.mark.django_db
def test_a_municipality_feed_holds_only_the_meetings_of_its_own_bodies(client, meetings):
    response = client.get(reverse("milestones:municipality_agenda", args=["dordrecht"]), EVERYTHING)
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
        parse(client.get(reverse("milestones:municipality_agenda", args=["dordrecht"]), EVERYTHING))
    )
    sliedrecht = by_uid(
        parse(
            client.get(reverse("milestones:municipality_agenda", args=["sliedrecht"]), EVERYTHING)
        )
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
        client.get(reverse("milestones:municipality_agenda", args=["dordrecht"]), EVERYTHING)


@pytest.mark.django_db
def test_an_unknown_municipality_has_no_feed(client, dataset):
    assert (
        client.get(
            reverse("milestones:municipality_agenda", args=["atlantis"]), EVERYTHING
        ).status_code
        == 404
    )


# --- the window -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_feed_starts_a_year_ago_unless_asked_for_more(client, meetings):
    """The merger's 2022 meetings and milestones lie more than a year before today (2026):
    not in the default window; ?vanaf=2022-01-01 and ?vanaf=alles bring them back; a later
    start leaves out what ended before it."""
    url = reverse("milestones:agenda")
    default = client.get(url).content.decode()
    assert "BEGIN:VCALENDAR" in default
    assert "BEGIN:VEVENT" not in default
    everything = client.get(url, EVERYTHING).content.decode()
    from_2022 = client.get(url, {"vanaf": "2022-01-01"}).content.decode()
    assert everything.count("BEGIN:VEVENT") == from_2022.count("BEGIN:VEVENT") > 0
    late = client.get(url, {"vanaf": "2022-12-01"}).content.decode()
    assert 0 < late.count("BEGIN:VEVENT") < everything.count("BEGIN:VEVENT")
    town = reverse("milestones:municipality_agenda", args=["dordrecht"])
    assert "BEGIN:VEVENT" not in client.get(town).content.decode()
    assert "BEGIN:VEVENT" in client.get(town, {"vanaf": "2022-01-01"}).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["gisteren", "2022-13-01", "1800-01-01"])
def test_a_bad_window_is_a_clear_400(client, dataset, value):
    response = client.get(reverse("milestones:agenda"), {"vanaf": value})
    assert response.status_code == 400
    assert "geen geldige datum" in response.content.decode()
