"""The back office (/beheer/): every model is there, with history and a reason for each change."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from councils.models import (
    AreaType,
    Body,
    ClerkMembership,
    CouncilTerm,
    Fractie,
    Meeting,
    Municipality,
    Regeling,
)
from decisions.models import (
    Amendment,
    Decision,
    DecisionVersion,
    FractieVote,
    Motion,
    Opinion,
    Process,
    RecordCheck,
    Treatment,
    Vote,
)
from gr_portal.core.admin import ChangeReasonAdminMixin
from gr_portal.core.choices import Outcome, VoteMethod
from milestones.models import Milestone

# The back office is tested on a small world of its own (see the fixtures below).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_db")]

PORTAL_MODELS = [
    Municipality,
    Regeling,
    Body,
    CouncilTerm,
    Fractie,
    Meeting,
    ClerkMembership,
    Process,
    Decision,
    DecisionVersion,
    Treatment,
    Amendment,
    Motion,
    Vote,
    FractieVote,
    Opinion,
    Milestone,
]
# This project's apps (and Django's auth); third-party admins such as django-axes' read-only
# access logs, which forbid "add", are not ours to test here.
PORTAL_APPS = {"councils", "decisions", "milestones", "auth"}
REGISTRY = [
    pytest.param(model, model_admin, id=model._meta.label)
    for model, model_admin in sorted(
        admin.site._registry.items(), key=lambda item: item[0]._meta.label
    )
    if model._meta.app_label in PORTAL_APPS
]
PORTAL_REGISTRY = [param for param in REGISTRY if param.values[0] in PORTAL_MODELS]
REQUIRED = "Dit veld is verplicht."

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


# --- helpers -----------------------------------------------------------------------------------


def make_municipality(name="Dordrecht", cbs_code="GM0505"):
    return Municipality.objects.create(
        name=name, slug=name.lower(), cbs_code=cbs_code, area_type=AreaType.URBAN
    )


def make_term(municipality, size=9, fracties=(("Fractie A", 5), ("Fractie B", 4))):
    term = CouncilTerm.objects.create(
        municipality=municipality,
        starts_on=datetime.date(2022, 3, 30),
        ends_on=datetime.date(2026, 3, 25),
        size=size,
    )
    for name, seats in fracties:
        Fractie.objects.create(term=term, name=name, seats=seats)
    return term


def make_decision(n=1):
    regeling = Regeling.objects.create(
        name=f"Gemeenschappelijke regeling {n}",
        short_name=f"GR {n}",
        slug=f"gr-{n}",
        kind=Regeling.Kind.COLLEGE,
    )
    process = Process.objects.create(title=f"Samenvoeging {n}", slug=f"samenvoeging-{n}")
    decision = Decision.objects.create(
        process=process,
        regeling=regeling,
        kind=Decision.Kind.DRAFT_TEXT,
        title=f"Concept GR-tekst {n}",
        slug=f"concept-gr-tekst-{n}",
        introduced_on=datetime.date(2022, 6, 1),
    )
    DecisionVersion.objects.create(
        decision=decision, number=1, text="Artikel 1.", created_on=datetime.date(2022, 6, 1)
    )
    return decision


def make_treatment(decision, municipality):
    """A council's adopted treatment of the decision, in a meeting, on version 1."""
    council = Body.objects.create(kind=Body.Kind.COUNCIL, municipality=municipality)
    meeting = Meeting.objects.create(
        body=council, starts_at=datetime.datetime(2022, 7, 5, 20, tzinfo=AMSTERDAM)
    )
    return Treatment.objects.create(
        decision=decision,
        body=council,
        purpose=Treatment.Purpose.OPINION,
        planned_on=datetime.date(2022, 7, 1),
        meeting=meeting,
        outcome=Outcome.ADOPTED,
        version=decision.versions.get(number=1),
    )


def make_world(n=1):
    """One row (or so) of every portal model, so that each admin page has something to show."""
    municipality = make_municipality(f"Gemeente {n}", f"GM{n:04d}")
    term = make_term(municipality)
    fractie = term.fracties.get(name="Fractie A")
    decision = make_decision(n)
    decision.regeling.participants.add(municipality)
    decision.process.regelingen.add(decision.regeling)
    board = Body.objects.create(kind=Body.Kind.GENERAL_BOARD, regeling=decision.regeling)
    treatment = make_treatment(decision, municipality)
    ClerkMembership.objects.create(
        user=get_user_model().objects.create_user(f"griffie-{n}"), municipality=municipality
    )
    amendment = Amendment.objects.create(
        treatment=treatment, code="A1", title="Amendement 1", text="Schrap artikel 2."
    )
    amendment.sponsors.add(fractie)
    Motion.objects.create(treatment=treatment, code="M1", title="Motie 1", text="Verzoekt...")
    vote = Vote.objects.create(
        treatment=treatment,
        method=VoteMethod.PER_FRACTIE,
        members_present=9,
        votes_for=5,
        votes_against=4,
    )
    FractieVote.objects.create(vote=vote, fractie=fractie, seats=5, votes_for=5)
    Opinion.objects.create(
        decision=decision, municipality=municipality, treatment=treatment, text="Akkoord."
    )
    milestone = Milestone.objects.create(
        process=decision.process, title="Raden besluiten", planned_start=datetime.date(2022, 7, 1)
    )
    milestone.bodies.add(treatment.body, board)
    milestone.decisions.add(decision)


def municipality_data(municipality, **changes):
    data = {
        "name": municipality.name,
        "slug": municipality.slug,
        "cbs_code": municipality.cbs_code,
        "population": municipality.population or "",
        "population_date": "",
        "population_reliability": municipality.population_reliability,
        "population_source": municipality.population_source,
        "area_type": municipality.area_type,
        "change_reason": "",
    }
    return {**data, **changes}


def term_data(term, seats, vacant_seats=0, change_reason="Zetelverdeling bijgewerkt"):
    """The change form of a term with its fracties; `seats` maps fractie name to seats."""
    fracties = list(term.fracties.order_by("pk"))
    data = {
        "municipality": term.municipality_id,
        "starts_on": term.starts_on.isoformat(),
        "ends_on": term.ends_on.isoformat(),
        "size": term.size,
        "vacant_seats": vacant_seats,
        "composition_reliability": term.composition_reliability,
        "composition_source": "",
        "change_reason": change_reason,
        "fracties-TOTAL_FORMS": len(fracties),
        "fracties-INITIAL_FORMS": len(fracties),
        "fracties-MIN_NUM_FORMS": 0,
        "fracties-MAX_NUM_FORMS": 1000,
    }
    for i, fractie in enumerate(fracties):
        data[f"fracties-{i}-id"] = fractie.pk
        data[f"fracties-{i}-term"] = term.pk
        data[f"fracties-{i}-name"] = fractie.name
        data[f"fracties-{i}-seats"] = seats.get(fractie.name, fractie.seats)
        data[f"fracties-{i}-split_from"] = ""
        data[f"fracties-{i}-formed_on"] = ""
    return data


def staff_user(username, *codenames):
    user = get_user_model().objects.create_user(username, password="test-password", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


# --- every model, every page -------------------------------------------------------------------


def test_every_portal_model_has_a_history_admin_with_change_reason():
    for model in PORTAL_MODELS:
        model_admin = admin.site._registry[model]
        assert isinstance(model_admin, SimpleHistoryAdmin), model
        assert isinstance(model_admin, ChangeReasonAdminMixin), model


@pytest.mark.parametrize(("model", "model_admin"), REGISTRY)
def test_changelist_and_add_page_answer_200(admin_client, rf, admin_user, model, model_admin):
    make_world()
    assert admin_client.get(url(model, "changelist")).status_code == 200
    request = rf.get("/")
    request.user = admin_user
    # A read-only admin (the letter archive: written by exports only) refuses "add" outright.
    expected = 200 if model_admin.has_add_permission(request) else 403
    assert admin_client.get(url(model, "add")).status_code == expected


@pytest.mark.parametrize(("model", "model_admin"), PORTAL_REGISTRY)
def test_change_and_history_pages_answer_200(admin_client, model, model_admin):
    make_world()
    obj = model.objects.first()
    response = admin_client.get(url(model, "change", obj.pk))
    assert response.status_code == 200
    # A record that may be changed here asks why; votes are only shown (the griffie records).
    may_change = model not in (Vote, FractieVote)
    assert ("Reden van wijziging" in response.content.decode()) == may_change
    assert admin_client.get(url(model, "history", obj.pk)).status_code == 200


@pytest.mark.parametrize("model", [Vote, FractieVote])
def test_votes_are_read_only_in_the_back_office(admin_client, model):
    make_world()
    obj = model.objects.first()
    assert admin_client.get(url(model, "add")).status_code == 403
    response = admin_client.post(url(model, "change", obj.pk), {"change_reason": "poging"})
    assert response.status_code == 403


def test_changelist_search_works_for_every_portal_model(admin_client):
    make_world()
    for model in PORTAL_MODELS:
        response = admin_client.get(url(model, "changelist"), {"q": "Gemeente 1"})
        assert response.status_code == 200, model


def test_anonymous_user_is_sent_to_the_login_page(client):
    for path in [reverse("admin:index"), url(Municipality, "changelist")]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize(("model", "model_admin"), PORTAL_REGISTRY)
def test_changelist_queries_do_not_grow_with_the_rows(
    admin_client, django_assert_max_num_queries, model, model_admin
):
    make_world(1)
    with CaptureQueriesContext(connection) as one_world:
        admin_client.get(url(model, "changelist"))

    make_world(2)
    make_world(3)
    with django_assert_max_num_queries(len(one_world)):
        response = admin_client.get(url(model, "changelist"))
    assert response.context["cl"].result_count > 1


def test_treatment_changelist_queries_do_not_grow_with_the_rows(
    admin_client, django_assert_max_num_queries
):
    decision = make_decision()
    make_treatment(decision, make_municipality())
    with CaptureQueriesContext(connection) as one_row:
        admin_client.get(url(Treatment, "changelist"))

    for i in range(6):
        make_treatment(decision, make_municipality(f"Gemeente {i}", f"GM010{i}"))
    with django_assert_max_num_queries(len(one_row)):
        response = admin_client.get(url(Treatment, "changelist"))
    assert response.context["cl"].result_count == 7


def test_decision_page_queries_do_not_grow_with_the_treatments(
    admin_client, django_assert_max_num_queries
):
    decision = make_decision()
    make_treatment(decision, make_municipality())
    with CaptureQueriesContext(connection) as one_treatment:
        admin_client.get(url(Decision, "change", decision.pk))

    for i in range(4):
        make_treatment(decision, make_municipality(f"Gemeente {i}", f"GM010{i}"))
    with django_assert_max_num_queries(len(one_treatment)):
        response = admin_client.get(url(Decision, "change", decision.pk))
    assert "Gemeenteraad Gemeente 3" in response.content.decode()


# --- change reason and history -----------------------------------------------------------------


def test_edit_with_reason_records_user_and_reason(admin_client, admin_user):
    municipality = make_municipality()
    data = municipality_data(
        municipality, population=121000, change_reason="CBS-cijfer 1 januari 2022"
    )

    response = admin_client.post(url(Municipality, "change", municipality.pk), data)

    assert response.status_code == 302
    municipality.refresh_from_db()
    assert municipality.population == 121000
    latest = municipality.history.latest()
    assert latest.history_type == "~"
    assert latest.history_user == admin_user
    assert latest.history_change_reason == "CBS-cijfer 1 januari 2022"


def test_edit_without_reason_is_refused(admin_client):
    municipality = make_municipality()
    data = municipality_data(municipality, population=121000)

    response = admin_client.post(url(Municipality, "change", municipality.pk), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["change_reason"] == [REQUIRED]
    assert REQUIRED in response.content.decode()
    municipality.refresh_from_db()
    assert municipality.population is None
    assert municipality.history.count() == 1


def test_create_without_reason_gets_the_default_reason(admin_client, admin_user):
    data = municipality_data(Municipality(name="Sliedrecht", slug="sliedrecht", cbs_code="GM0610"))
    data["area_type"] = AreaType.POLDER

    response = admin_client.post(url(Municipality, "add"), data)

    assert response.status_code == 302
    record = Municipality.objects.get(slug="sliedrecht").history.get()
    assert record.history_type == "+"
    assert record.history_user == admin_user
    assert record.history_change_reason == "Aangemaakt in beheer"


def test_delete_records_the_reason(admin_client):
    municipality = make_municipality()

    response = admin_client.post(url(Municipality, "delete", municipality.pk), {"post": "yes"})

    assert response.status_code == 302
    record = Municipality.history.filter(id=municipality.pk).latest()
    assert record.history_type == "-"
    assert record.history_change_reason == "Verwijderd in beheer"


def test_revert_needs_a_reason_and_records_it(admin_client):
    municipality = make_municipality()
    first = municipality.history.get()
    municipality.population = 121000
    municipality.save()
    revert_url = url(Municipality, "simple_history", municipality.pk, first.history_id)

    response = admin_client.post(revert_url, municipality_data(municipality, population=""))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["change_reason"] == [REQUIRED]

    data = municipality_data(municipality, population="", change_reason="Terug naar de schatting")
    assert admin_client.post(revert_url, data).status_code == 302
    municipality.refresh_from_db()
    assert municipality.population is None
    assert municipality.history.latest().history_change_reason == "Terug naar de schatting"


def test_user_who_may_only_view_cannot_revert(client):
    municipality = make_municipality()
    first = municipality.history.get()
    client.force_login(staff_user("kijker", "view_municipality"))
    revert_url = url(Municipality, "simple_history", municipality.pk, first.history_id)

    assert client.get(url(Municipality, "change", municipality.pk)).status_code == 200
    assert client.get(url(Municipality, "history", municipality.pk)).status_code == 200
    assert client.get(revert_url).status_code == 200
    data = municipality_data(municipality, name="Dordt", change_reason="Poging")
    assert client.post(revert_url, data).status_code == 403
    municipality.refresh_from_db()
    assert municipality.name == "Dordrecht"
    assert municipality.history.count() == 1


# --- council term composition ------------------------------------------------------------------


def test_term_composition_that_does_not_add_up_is_refused(admin_client):
    term = make_term(make_municipality())
    history_before = CouncilTerm.history.count() + Fractie.history.count()

    response = admin_client.post(
        url(CouncilTerm, "change", term.pk), term_data(term, {"Fractie A": 6})
    )

    assert response.status_code == 200
    assert (
        "De fracties hebben samen 10 zetels en er zijn 0 vacant: samen 10, maar de raad telt "
        "9 zetels." in response.content.decode()
    )
    assert sorted(term.fracties.values_list("seats", flat=True)) == [4, 5]
    assert CouncilTerm.history.count() + Fractie.history.count() == history_before


def test_term_vacancy_that_leaves_the_sum_short_is_refused(admin_client):
    term = make_term(make_municipality())

    response = admin_client.post(
        url(CouncilTerm, "change", term.pk), term_data(term, {}, vacant_seats=1)
    )

    assert response.status_code == 200
    assert "samen 10, maar de raad telt 9 zetels." in response.content.decode()
    term.refresh_from_db()
    assert term.vacant_seats == 0


def test_term_vacancy_and_fractie_change_are_saved_together(admin_client, admin_user):
    # A member of Fractie A leaves and the seat stays vacant: both change in one save.
    term = make_term(make_municipality())

    response = admin_client.post(
        url(CouncilTerm, "change", term.pk),
        term_data(term, {"Fractie A": 4}, vacant_seats=1, change_reason="Raadslid vertrokken"),
    )

    assert response.status_code == 302
    term.refresh_from_db()
    assert term.vacant_seats == 1
    fractie = term.fracties.get(name="Fractie A")
    assert fractie.seats == 4
    for record in [term.history.latest(), fractie.history.latest()]:
        assert record.history_change_reason == "Raadslid vertrokken"
        assert record.history_user == admin_user


def test_term_cannot_be_reverted_without_its_fracties(admin_client):
    term = make_term(make_municipality())
    first = term.history.get()
    revert_url = url(CouncilTerm, "simple_history", term.pk, first.history_id)

    assert admin_client.get(revert_url).status_code == 200
    data = term_data(term, {}, vacant_seats=1, change_reason="Terugzetten")
    assert admin_client.post(revert_url, data).status_code == 403
    term.refresh_from_db()
    assert term.vacant_seats == 0


def test_fractie_seats_cannot_change_outside_the_term(admin_client):
    term = make_term(make_municipality())
    fractie = term.fracties.get(name="Fractie A")
    data = {
        "term": term.pk,
        "name": fractie.name,
        "seats": 6,
        "split_from": "",
        "formed_on": "",
        "change_reason": "Zetel erbij",
    }

    response = admin_client.post(url(Fractie, "change", fractie.pk), data)

    assert response.status_code == 200
    assert "maar de raad telt 9 zetels." in response.content.decode()
    fractie.refresh_from_db()
    assert fractie.seats == 5


def test_new_term_must_add_up_too(admin_client):
    municipality = make_municipality()
    data = {
        "municipality": municipality.pk,
        "starts_on": "2022-03-30",
        "ends_on": "2026-03-25",
        "size": 9,
        "vacant_seats": 0,
        "composition_reliability": "official",
        "composition_source": "",
        "change_reason": "",
        "fracties-TOTAL_FORMS": 2,
        "fracties-INITIAL_FORMS": 0,
        "fracties-MIN_NUM_FORMS": 0,
        "fracties-MAX_NUM_FORMS": 1000,
        "fracties-0-name": "Fractie A",
        "fracties-0-seats": 5,
        "fracties-1-name": "Fractie B",
        "fracties-1-seats": 3,
    }

    response = admin_client.post(url(CouncilTerm, "add"), data)

    assert response.status_code == 200
    assert "samen 8, maar de raad telt 9 zetels." in response.content.decode()
    assert not CouncilTerm.objects.exists()
    assert not Fractie.objects.exists()

    response = admin_client.post(url(CouncilTerm, "add"), {**data, "fracties-1-seats": 4})

    assert response.status_code == 302
    term = CouncilTerm.objects.get()
    assert term.fracties.count() == 2
    for record in [*CouncilTerm.history.all(), *Fractie.history.all()]:
        assert record.history_change_reason == "Aangemaakt in beheer"


# --- no way around the rules: outcomes are the griffie's -------------------------------------


def test_the_outcome_of_a_treatment_is_read_only_in_the_back_office(rf, admin_user):
    model_admin = admin.site._registry[Treatment]
    request = rf.get("/")
    request.user = admin_user
    readonly = model_admin.get_readonly_fields(request, None)
    assert {"outcome", "meeting", "version", "withheld_ground"} <= set(readonly)
    for model in (Amendment, Motion):
        assert "outcome" in admin.site._registry[model].get_readonly_fields(request, None)


def test_a_change_in_the_back_office_withdraws_the_griffies_check(rf, admin_user):
    make_world()
    treatment = Treatment.objects.select_related("body").filter(body__kind="council").first()
    RecordCheck.objects.create(
        decision=treatment.decision,
        municipality=treatment.body.municipality,
        checked_by=admin_user,
    )
    request = rf.post("/")
    request.user = admin_user

    class Form:
        def get_change_reason(self):
            return "Planning bijgesteld"

    treatment.notes = "Nieuwe toelichting"
    admin.site._registry[Treatment].save_model(request, treatment, Form(), change=True)
    assert not RecordCheck.objects.filter(decision=treatment.decision).exists()
