"""The timeline: its layout as arithmetic, and the page that draws it for any day of 2022."""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from councils.models import Body, Municipality
from decisions.models import Decision, Process
from milestones.models import Milestone
from milestones.timeline import (
    AFTER,
    BEFORE,
    build_timeline,
    layout_row,
    position,
    replay_days,
    span,
    window,
)
from tests.recording import record_outcomes

APRIL = datetime.date(2022, 4, 1)
DECEMBER_END = datetime.date(2022, 12, 31)
DAYS = 275  # 1 April to 31 December 2022, both included
MERGER = "samenvoeging-drechtwerk-sociaal"
SEPTEMBER_1 = datetime.date(2022, 9, 1)


def pct(days: float) -> float:
    return days / DAYS * 100


def milestone(
    planned_start,
    planned_end=None,
    precision="month",
    actual_start=None,
    actual_end=None,
):
    return SimpleNamespace(
        planned_start=planned_start,
        planned_end=planned_end,
        precision=precision,
        actual_start=actual_start,
        actual_end=actual_end,
    )


def row(as_of=SEPTEMBER_1, **values):
    return layout_row(milestone(**values), APRIL, DECEMBER_END, as_of)


# --- positions ---------------------------------------------------------------------------------


def test_the_first_day_starts_at_zero_and_the_day_after_the_last_ends_at_a_hundred():
    assert position(APRIL, APRIL, DECEMBER_END) == 0
    assert position(datetime.date(2023, 1, 1), APRIL, DECEMBER_END) == 100


def test_a_day_sits_at_its_share_of_the_days_shown():
    # April 30 + May 31 + June 30 + July 31 + August 31 days come before 1 September.
    assert position(SEPTEMBER_1, APRIL, DECEMBER_END) == pytest.approx(pct(153))


def test_a_month_precise_milestone_covers_its_whole_month():
    bar = row(planned_start=datetime.date(2022, 6, 15)).planned
    assert bar.left == pytest.approx(pct(61))  # April and May before it
    assert bar.width == pytest.approx(pct(30))
    assert not bar.clipped_before
    assert not bar.clipped_after


def test_a_month_precise_period_runs_from_its_first_month_to_the_end_of_its_last():
    bar = row(planned_start=APRIL, planned_end=datetime.date(2022, 7, 1)).planned
    assert bar.left == 0
    assert bar.width == pytest.approx(pct(30 + 31 + 30 + 31))


def test_a_day_precise_milestone_covers_one_day_and_is_drawn_as_a_point():
    layout = row(planned_start=datetime.date(2022, 5, 15), precision="day")
    assert layout.is_point
    assert layout.planned.left == pytest.approx(pct(30 + 14))
    assert layout.planned.width == pytest.approx(pct(1))


def test_a_day_precise_period_covers_its_days_both_included():
    layout = row(
        planned_start=datetime.date(2022, 5, 10),
        planned_end=datetime.date(2022, 5, 20),
        precision="day",
    )
    assert not layout.is_point
    assert layout.planned.left == pytest.approx(pct(39))
    assert layout.planned.width == pytest.approx(pct(11))


def test_a_period_starting_before_the_months_shown_is_cut_off_at_the_left_edge():
    bar = row(
        planned_start=datetime.date(2022, 3, 1), planned_end=datetime.date(2022, 5, 1)
    ).planned
    assert bar.left == 0
    assert bar.width == pytest.approx(pct(61))
    assert bar.clipped_before
    assert not bar.clipped_after


def test_a_period_running_past_the_months_shown_is_cut_off_at_the_right_edge():
    bar = row(
        planned_start=datetime.date(2022, 12, 1), planned_end=datetime.date(2023, 1, 1)
    ).planned
    assert bar.right == pytest.approx(100)
    assert bar.width == pytest.approx(pct(31))
    assert bar.clipped_after
    assert not bar.clipped_before


def test_a_period_wholly_outside_the_months_shown_has_no_bar_but_says_on_which_side():
    before = row(planned_start=datetime.date(2022, 3, 8), precision="day")
    after = row(planned_start=datetime.date(2023, 1, 1))
    assert before.planned is None
    assert before.outside == BEFORE
    assert after.planned is None
    assert after.outside == AFTER


def test_span_of_the_last_day_touches_the_right_edge_and_the_day_after_is_outside():
    assert span(DECEMBER_END, DECEMBER_END, APRIL, DECEMBER_END).right == pytest.approx(100)
    assert span(datetime.date(2023, 1, 1), datetime.date(2023, 1, 1), APRIL, DECEMBER_END) is None


def test_the_months_are_columns_that_fill_the_axis():
    timeline = build_timeline([], start=APRIL, end=DECEMBER_END, as_of=SEPTEMBER_1)
    months = timeline.months
    assert [m.first_day.month for m in months] == [4, 5, 6, 7, 8, 9, 10, 11, 12]
    assert months[0].left == 0
    assert months[5].left == pytest.approx(pct(153))
    assert sum(m.width for m in months) == pytest.approx(100)


# --- the marker for the chosen day -------------------------------------------------------------


def test_the_marker_stands_where_the_chosen_day_begins():
    timeline = build_timeline([], start=APRIL, end=DECEMBER_END, as_of=SEPTEMBER_1)
    assert timeline.marker == pytest.approx(pct(153))
    assert timeline.marker_outside == ""


@pytest.mark.parametrize(
    ("as_of", "side"),
    [(datetime.date(2022, 3, 31), BEFORE), (datetime.date(2023, 1, 1), AFTER)],
)
def test_a_day_outside_the_months_shown_has_no_marker_but_says_on_which_side(as_of, side):
    timeline = build_timeline([], start=APRIL, end=DECEMBER_END, as_of=as_of)
    assert timeline.marker is None
    assert timeline.marker_outside == side


# --- late, done, and replaying an earlier day --------------------------------------------------


def test_a_month_is_not_late_on_its_last_day_and_late_the_day_after():
    june = datetime.date(2022, 6, 1)
    assert not row(planned_start=june, as_of=datetime.date(2022, 6, 30)).late
    assert row(planned_start=june, as_of=datetime.date(2022, 7, 1)).late


def test_a_finished_milestone_is_not_late_and_shows_its_actual_period():
    layout = row(
        planned_start=datetime.date(2022, 6, 1),
        actual_start=datetime.date(2022, 6, 14),
        actual_end=datetime.date(2022, 7, 5),
    )
    assert layout.done
    assert not layout.late
    assert layout.actual.left == pytest.approx(pct(61 + 13))
    assert layout.actual.width == pytest.approx(pct(17 + 5))
    assert layout.finished_at == pytest.approx(pct(91 + 4.5))  # the middle of 5 July


def test_a_started_milestone_runs_up_to_the_marker_and_can_still_be_late():
    layout = row(planned_start=datetime.date(2022, 6, 1), actual_start=datetime.date(2022, 6, 14))
    assert layout.started
    assert not layout.done
    assert layout.late
    assert layout.actual.right == pytest.approx(pct(153))
    assert layout.finished_at is None
    assert layout.state_label == "te laat"


def test_replaying_an_earlier_day_hides_what_happened_after_it():
    layout = row(
        planned_start=datetime.date(2022, 6, 1),
        actual_start=datetime.date(2022, 9, 10),
        actual_end=datetime.date(2022, 10, 3),
    )
    assert not layout.started
    assert not layout.done
    assert layout.actual is None
    assert layout.finished_on is None
    assert layout.late


def test_a_milestone_whose_period_has_come_is_due():
    layout = row(planned_start=datetime.date(2022, 9, 1))
    assert layout.due
    assert not layout.late
    assert layout.state_label == "nu aan de orde"


# --- the months to show ------------------------------------------------------------------------


def test_the_merger_shows_the_plan_of_the_raadsbrief():
    assert window(MERGER, [milestone(datetime.date(2022, 3, 8))], SEPTEMBER_1) == (
        APRIL,
        DECEMBER_END,
    )


def test_another_process_shows_the_whole_months_of_its_milestones_and_actual_dates():
    milestones = [
        milestone(datetime.date(2024, 2, 12), precision="day"),
        milestone(
            datetime.date(2024, 5, 1),
            actual_start=datetime.date(2024, 5, 2),
            actual_end=datetime.date(2024, 7, 3),
        ),
    ]
    assert window("ander-traject", milestones, SEPTEMBER_1) == (
        datetime.date(2024, 2, 1),
        datetime.date(2024, 7, 31),
    )


def test_a_process_without_milestones_shows_the_current_month():
    assert window("leeg", [], datetime.date(2024, 2, 12)) == (
        datetime.date(2024, 2, 1),
        datetime.date(2024, 2, 29),
    )


def test_the_replay_days_are_the_first_of_every_month_and_the_last_day():
    days = replay_days(APRIL, DECEMBER_END)
    assert days[0] == APRIL
    assert days[-2:] == [datetime.date(2022, 12, 1), DECEMBER_END]
    assert len(days) == 10


# --- the page ----------------------------------------------------------------------------------


def timeline_url(**query):
    url = reverse("milestones:timeline")
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


def late_ids(page: str) -> set[int]:
    """The milestones the text table flags as late."""
    return {int(pk) for pk in re.findall(r'id="mijlpaal-(\d+)" class="status-overdue"', page)}


@pytest.mark.django_db
def test_the_page_shows_every_milestone_to_an_anonymous_visitor(client, dataset):
    response = client.get(timeline_url())
    assert response.status_code == 200
    page = response.content.decode()
    milestones = list(Milestone.objects.prefetch_related("decisions"))
    assert len(milestones) == 9
    for milestone in milestones:
        assert milestone.title in page
        assert f'id="mijlpaal-{milestone.pk}"' in page
    assert page.count('<li class="tl-row') == 9


@pytest.mark.django_db
def test_each_milestone_links_to_its_decision(client, dataset):
    page = client.get(timeline_url()).content.decode()
    linked = Milestone.objects.filter(decisions__isnull=False).prefetch_related("decisions")
    assert linked.count() == 5
    for milestone in linked:
        for decision in milestone.decisions.all():
            href = reverse("decision_detail", args=[decision.slug])
            assert f'<a href="{href}">{milestone.title}</a>' in page


@pytest.mark.django_db
def test_a_milestone_is_not_linked_to_a_decision_the_visitor_may_not_see(client, dataset):
    Decision.objects.filter(slug="concept-gr-tekst-2022").update(published=False)
    page = client.get(timeline_url()).content.decode()
    assert reverse("decision_detail", args=["concept-gr-tekst-2022"]) not in page
    assert "Concept aangepaste GR-tekst: raden" in page


@pytest.mark.django_db
def test_replaying_1_september_2022_flags_exactly_the_milestones_overdue_on_that_day(
    client, dataset
):
    response = client.get(timeline_url(datum="2022-09-01"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Stand op 1 september 2022" in page
    expected = {
        m.pk
        for m in Milestone.objects.all()
        if m.planned_last_day < SEPTEMBER_1 and m.actual_end is None
    }
    titles = set(Milestone.objects.filter(pk__in=expected).values_list("title", flat=True))
    assert titles == {
        "Principebesluit colleges",
        "Inloopavond(en) raadsleden",
        "Gezamenlijke kennismaking SDD en Drechtwerk met de nieuwe raden",
        "Concept aangepaste GR-tekst: colleges",
        "Concept aangepaste GR-tekst: raden",
    }
    assert late_ids(page) == expected
    assert page.count('class="tl-row tl-row-late"') == len(expected)
    # Flagged in words and with an icon, not by colour alone.
    assert page.count('<span class="tl-flag tl-flag-late"><svg class="tl-icon"') == len(expected)
    # The elections were held: finished, not late.
    assert "✓ afgerond" in page


@pytest.mark.django_db
def test_the_chosen_day_is_marked_by_a_line_with_a_label(client, dataset):
    page = client.get(timeline_url(datum="2022-09-01")).content.decode()
    x = f"{pct(153):.3f}%"
    assert page.count(f'<line class="tl-marker" x1="{x}" x2="{x}"') == 1 + 9  # axis and rows
    assert ">1 sep 2022</text>" in page


@pytest.mark.django_db
def test_replaying_a_day_before_a_recorded_end_does_not_show_it_as_finished(client, dataset):
    milestone = Milestone.objects.get(title="Concept aangepaste GR-tekst: raden")
    milestone.actual_start = datetime.date(2022, 7, 5)
    milestone.actual_end = datetime.date(2022, 9, 20)
    milestone.save()
    before = client.get(timeline_url(datum="2022-09-01")).content.decode()
    after = client.get(timeline_url(datum="2022-10-01")).content.decode()
    assert milestone.pk in late_ids(before)
    assert "begonnen 5 juli 2022" in before
    assert "afgerond 20 september 2022" not in before
    assert milestone.pk not in late_ids(after)
    assert "afgerond 20 september 2022" in after


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["2022-02-30", "1-9-2022", "gisteren"])
def test_an_invalid_date_answers_400_with_a_dutch_message_and_today(client, dataset, value):
    response = client.get(timeline_url(datum=value))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Dit is geen geldige datum." in page
    assert 'aria-invalid="true"' in page
    today = timezone.localdate()
    assert response.context["timeline"].as_of == today
    assert f"Stand op {today.day} " in page
    assert "(vandaag)" in page


@pytest.mark.django_db
def test_without_a_date_the_page_shows_today(client, dataset):
    response = client.get(timeline_url())
    assert response.context["timeline"].as_of == timezone.localdate()
    assert "(vandaag)" in response.content.decode()


@pytest.mark.django_db
def test_a_day_after_the_months_shown_says_so_instead_of_drawing_the_line(client, dataset):
    page = client.get(timeline_url(datum="2023-03-01")).content.decode()
    assert "Stand op 1 maart 2023" in page
    assert "Deze datum ligt na december 2022" in page
    assert 'class="tl-marker" x1=' not in page


@pytest.mark.django_db
def test_the_process_can_be_chosen_and_an_unknown_one_is_not_found(client, dataset):
    assert client.get(timeline_url(traject=MERGER)).status_code == 200
    assert client.get(timeline_url(traject="bestaat-niet")).status_code == 404


@pytest.mark.django_db
def test_an_unpublished_process_is_not_shown_to_anonymous_visitors(client, dataset):
    Process.objects.update(published=False)
    response = client.get(timeline_url())
    assert response.status_code == 200
    assert "Er zijn nog geen mijlpalen vastgelegd." in response.content.decode()
    assert client.get(timeline_url(traject=MERGER)).status_code == 404


@pytest.mark.django_db
def test_the_page_links_the_agenda_feeds_and_its_stylesheet(client, dataset):
    page = client.get(timeline_url()).content.decode()
    # From the start of the merger's window: its 2022 events lie more than a year back.
    assert f'href="{reverse("milestones:agenda")}?vanaf=2022-04-01"' in page
    town = reverse("milestones:municipality_agenda", args=["dordrecht"])
    assert f'href="{town}?vanaf=2022-04-01"' in page
    assert "css/timeline.css" in page


@pytest.mark.django_db
def test_the_page_queries_are_fixed(client, dataset, django_assert_num_queries):
    # 1. the process (published, with milestones)
    # 2. its milestones
    # 3. their decisions the visitor may see
    # 4. their bodies
    # 5. the treatments of those decisions, with meetings (how far the recorded decisions
    #    reached each milestone)
    # 6. the municipalities, for the agenda links
    with django_assert_num_queries(6):
        response = client.get(timeline_url(datum="2022-09-01"))
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_page_queries_do_not_grow_with_more_milestones(
    client, dataset, django_assert_num_queries
):
    process = Process.objects.get(slug=MERGER)
    councils = list(Body.objects.councils())
    decision = Decision.objects.get(slug="definitieve-gr-tekst-2022")
    for number in range(1, 6):
        extra = Milestone.objects.create(
            process=process,
            title=f"Extra inloopavond {number}",
            planned_start=datetime.date(2022, 9 + number % 3, number),
            precision="day",
        )
        extra.bodies.set(councils)
        extra.decisions.set([decision])
    with django_assert_num_queries(6):
        response = client.get(timeline_url(datum="2022-09-01"))
    assert response.content.decode().count('<li class="tl-row') == 14


@pytest.mark.django_db
def test_a_milestone_is_reached_by_what_the_councils_recorded(client, dataset):
    """ "Concept aangepaste GR-tekst: raden" names the seven councils and the concept: it has
    started when the first council settled its zienswijze step, and is reached when all have
    (issue: the timeline follows what clerks recorded)."""
    title = "Concept aangepaste GR-tekst: raden"
    names = [m.name for m in Municipality.objects.order_by("name")]
    record_outcomes("concept-gr-tekst-2022", "council", "adopted", names[:1])
    page = client.get(timeline_url(datum="2022-12-31")).content.decode()
    row = page[page.rindex(title) :][:1500]  # the text table, after the drawing
    assert "begonnen 5 december 2022" in row
    assert "afgerond" not in row
    record_outcomes("concept-gr-tekst-2022", "council", "adopted", names[1:])
    page = client.get(timeline_url(datum="2022-12-31")).content.decode()
    row = page[page.rindex(title) :][:1500]
    assert "begonnen 5 december 2022, afgerond 10 december 2022" in row
