"""Starting a process from a template, reviewing the draft and publishing it: by the
programmabureau of the regeling only, stored whole or not at all."""

import datetime

import pytest
from django.urls import reverse

from councils.models import Body, Municipality, Regeling
from decisions.models import Decision, Process, Treatment
from gr_portal.core.choices import BodyKind, DecisionKind, Purpose
from milestones.models import Milestone

NEW = reverse("planning:new")


def form_data(**values):
    data = {"regeling": "", "kind": "amendment", "start": "2027-03-02", "title": ""}
    data.update(values)
    return data


@pytest.fixture
def sociaal(dataset):
    return Regeling.objects.get(slug="gr-sociaal")


def create(client, user, **values):
    client.force_login(user)
    return client.post(NEW, form_data(**values))


def test_an_amendment_is_created_unpublished_with_every_participants_steps(
    client, program_office, sociaal
):
    response = create(client, program_office, regeling=sociaal.pk)
    process = Process.objects.get(title="Wijziging GR Sociaal")
    assert response.status_code == 302
    assert response["Location"] == process.get_absolute_url()
    assert not process.published
    assert list(process.regelingen.all()) == [sociaal]
    decisions = list(process.decisions.order_by("sequence"))
    assert [d.kind for d in decisions] == [DecisionKind.DRAFT_TEXT, DecisionKind.FINAL_TEXT]
    assert not any(d.published for d in decisions)
    opinions = Treatment.objects.filter(decision=decisions[0], purpose=Purpose.OPINION)
    assert opinions.count() == sociaal.participants.count() == 7
    for opinion in opinions:
        assert opinion.received_on == datetime.date(2027, 3, 2)
        assert opinion.opinion_deadline == datetime.date(2027, 4, 27)  # Wgr art. 1 lid 3
        assert opinion.body.kind == BodyKind.COUNCIL
    assert Treatment.objects.filter(decision=decisions[1]).count() == 14
    assert process.milestones.count() == 3
    history = Treatment.history.filter(decision_id=decisions[0].pk).first()
    assert history.history_user == program_office
    assert "sjabloon" in history.history_change_reason


def test_the_draft_is_reviewed_on_its_page_then_published(client, program_office, sociaal):
    create(client, program_office, regeling=sociaal.pk, kind="budget", title="Begroting 2028")
    process = Process.objects.get(title="Begroting 2028")
    page = client.get(process.get_absolute_url())
    text = page.content.decode()
    assert "Concept: controleer het plan" in text
    assert "Wgr art. 35 lid 1" in text  # the budget's twelve weeks, on every council's row
    assert "25 mei 2027" in text
    assert "Algemeen bestuur van de regeling:" in text  # the adoption, planned on that day
    client.logout()
    assert client.get(process.get_absolute_url()).status_code == 404
    client.force_login(program_office)
    response = client.post(reverse("planning:publish", args=[process.slug]))
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.published
    assert all(d.published for d in process.decisions.all())
    client.logout()
    page = client.get(process.get_absolute_url())
    assert page.status_code == 200
    assert "Concept: controleer het plan" not in page.content.decode()


def test_budget_general_board_adopts_and_deadline_is_twelve_weeks(client, program_office, sociaal):
    create(client, program_office, regeling=sociaal.pk, kind="budget")
    decision = Decision.objects.get(process__title="Begroting 2028 GR Sociaal")
    board = Treatment.objects.get(decision=decision, body__regeling=sociaal)
    assert board.body.kind == BodyKind.GENERAL_BOARD
    opinion = Treatment.objects.filter(decision=decision, purpose=Purpose.OPINION).first()
    assert opinion.opinion_deadline == datetime.date(2027, 5, 25)
    assert opinion.opinion_basis == "Wgr art. 35 lid 1"


def test_accession_gives_the_newcomer_a_council_and_college(client, program_office, sociaal):
    newcomer = Municipality.objects.create(name="Nieuwkomer", slug="nieuwkomer", cbs_code="GM9999")
    response = create(
        client, program_office, regeling=sociaal.pk, kind="accession", subject=newcomer.pk
    )
    assert response.status_code == 302
    process = Process.objects.get(title="Toetreding van Nieuwkomer tot GR Sociaal")
    assert {b.kind for b in Body.objects.filter(municipality=newcomer)} == {
        BodyKind.COUNCIL,
        BodyKind.EXECUTIVE,
    }
    assert (
        Treatment.objects.filter(decision__process=process, body__municipality=newcomer).count()
        == 4
    )
    assert not sociaal.participants.filter(pk=newcomer.pk).exists()  # joins when in force


def test_withdrawal_plans_only_for_the_leaving_municipality(client, program_office, sociaal):
    leaving = sociaal.participants.get(slug="sliedrecht")
    create(client, program_office, regeling=sociaal.pk, kind="withdrawal", subject=leaving.pk)
    process = Process.objects.get(title="Uittreding van Sliedrecht uit GR Sociaal")
    owners = set(
        Treatment.objects.filter(decision__process=process).values_list(
            "body__municipality__slug", "body__regeling__slug"
        )
    )
    assert owners == {("sliedrecht", None), (None, "gr-sociaal")}


def test_merger_has_three_decisions_and_milestones(client, program_office, sociaal):
    create(client, program_office, regeling=sociaal.pk, kind="merger", title="Fusie")
    process = Process.objects.get(title="Fusie")
    assert process.decisions.count() == 3
    assert Milestone.objects.filter(process=process, title="Principebesluiten").exists()
    assert process.milestones.filter(decisions__isnull=False).count() == 4


def test_errors_are_shown_beside_the_fields_and_nothing_is_stored(client, program_office, sociaal):
    before = Process.objects.count()
    response = create(
        client, program_office, regeling=sociaal.pk, kind="accession", start="2202-01-01"
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "subject" in form.errors
    assert "tussen 1990 en 2100" in str(form.errors["start"])
    assert response.context["form"].data["start"] == "2202-01-01"
    assert Process.objects.count() == before


def test_a_plan_the_template_refuses_is_a_form_error(client, program_office, sociaal):
    drechtwerk = Regeling.objects.get(slug="gr-drechtwerk")  # kind not verified
    response = create(client, program_office, regeling=drechtwerk.pk)
    assert response.status_code == 400
    assert "soort regeling is niet vastgesteld" in response.content.decode()
    assert not Process.objects.filter(title__startswith="Wijziging GR Drechtwerk").exists()


def test_a_title_already_taken_gets_its_own_slug(client, program_office, sociaal):
    create(client, program_office, regeling=sociaal.pk)
    create(client, program_office, regeling=sociaal.pk)
    slugs = sorted(
        Process.objects.filter(title="Wijziging GR Sociaal").values_list("slug", flat=True)
    )
    assert slugs == ["wijziging-gr-sociaal", "wijziging-gr-sociaal-2"]


def test_the_form_lists_only_the_offices_own_regelingen(client, other_office, sociaal):
    client.force_login(other_office)
    page = client.get(NEW)
    assert page.status_code == 200
    assert list(page.context["form"].fields["regeling"].queryset) == [
        Regeling.objects.get(slug="elders")
    ]
    response = client.post(NEW, form_data(regeling=sociaal.pk))
    assert response.status_code == 400
    assert "regeling" in response.context["form"].errors
    assert not Process.objects.filter(title="Wijziging GR Sociaal").exists()


@pytest.mark.parametrize("who", ["dordrecht_clerk", "council_member"])
def test_only_the_program_office_starts_processes(client, request, who, sociaal):
    client.force_login(request.getfixturevalue(who))
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, form_data(regeling=sociaal.pk)).status_code == 403
    assert not Process.objects.filter(title="Wijziging GR Sociaal").exists()


def test_anonymous_users_are_sent_to_log_in(client, dataset):
    response = client.get(NEW)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_another_regelings_office_cannot_publish_or_discard(
    client, program_office, other_office, sociaal
):
    create(client, program_office, regeling=sociaal.pk)
    process = Process.objects.get(title="Wijziging GR Sociaal")
    client.force_login(other_office)
    assert client.post(reverse("planning:publish", args=[process.slug])).status_code == 403
    assert client.post(reverse("planning:discard", args=[process.slug])).status_code == 403
    process.refresh_from_db()
    assert not process.published
    assert client.get(reverse("planning:publish", args=[process.slug])).status_code == 405


def test_a_draft_is_discarded_whole_but_a_published_process_stays(client, program_office, sociaal):
    create(client, program_office, regeling=sociaal.pk)
    process = Process.objects.get(title="Wijziging GR Sociaal")
    decision_ids = list(process.decisions.values_list("pk", flat=True))
    response = client.post(reverse("planning:discard", args=[process.slug]))
    assert response.status_code == 302
    assert not Process.objects.filter(pk=process.pk).exists()
    assert not Treatment.objects.filter(decision_id__in=decision_ids).exists()
    assert Process.history.filter(id=process.pk, history_type="-").exists()
    merger = Process.objects.published().first()  # the Drechtsteden merger
    response = client.post(reverse("planning:discard", args=[merger.slug]), follow=True)
    assert Process.objects.filter(pk=merger.pk).exists()
    assert "kan niet worden verwijderd" in response.content.decode()


def test_the_form_page_costs_a_fixed_number_of_queries(
    client, program_office, django_assert_num_queries
):
    """Session, user, the role, the served regelingen, the clerk check of the menu, the two of
    the permissions, the regelingen and the municipalities of the choices: nine."""
    client.force_login(program_office)
    client.get(NEW)
    with django_assert_num_queries(9):
        client.get(NEW)
