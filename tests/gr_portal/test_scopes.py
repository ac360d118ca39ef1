"""Roles scoped to what a person serves (councils.access): a programmabureau maintains the
processes of its own regelingen only; a griffie's workspace spans every regeling of its
municipality, deadlines first; a raadslid sees their own municipality's processes first.

The world: the Drechtsteden dataset (regelingen GR Sociaal and GR Drechtwerk, maintained by
`program_office`) beside a second regeling with its own process and letter, maintained by
`other_office` — an office of regeling B must not touch regeling A's, and the reverse.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from councils.access import may_maintain, office_regeling_ids
from councils.models import CouncillorMembership, Municipality, Regeling
from councils.roles import COUNCIL_MEMBER, PROGRAM_OFFICE
from decisions.models import Decision, Process, Treatment
from gr_portal.core.choices import ProcessKind, Purpose
from milestones.models import Letter
from tests.conftest import office_user
from tests.decisions.history.helpers import edit, restore_url
from tests.milestones.letters.helpers import make_letter

pytestmark = pytest.mark.django_db


@pytest.fixture
def drechtsteden():
    return Process.objects.get(slug="samenvoeging-drechtwerk-sociaal")


@pytest.fixture
def regeling_b(dataset):
    regeling = Regeling.objects.create(
        name="Gemeenschappelijke regeling Omgevingsdienst Zuid-Holland Zuid",
        short_name="GR OZHZ",
        slug="gr-ozhz",
        kind=Regeling.Kind.COLLEGE,
    )
    regeling.participants.add(Municipality.objects.get(slug="dordrecht"))
    return regeling


@pytest.fixture
def process_b(regeling_b):
    process = Process.objects.create(
        title="Wijziging GR OZHZ 2026", slug="wijziging-gr-ozhz-2026", kind=ProcessKind.AMENDMENT
    )
    process.regelingen.add(regeling_b)
    return process


@pytest.fixture
def other_office(roles, process_b, regeling_b):
    """The programmabureau of regeling B only."""
    return office_user("programmabureau-ozhz", roles[PROGRAM_OFFICE], [regeling_b])


@pytest.fixture
def letter_a(drechtsteden, program_office):
    return make_letter(process=drechtsteden)


@pytest.fixture
def letter_b(process_b):
    return make_letter(process=process_b, subject="Wijziging GR OZHZ", reference="OZHZ/2026/1")


def test_the_office_serves_only_its_own_regelingen(program_office, other_office, regeling_b):
    own = set(Regeling.objects.exclude(pk=regeling_b.pk).values_list("pk", flat=True))
    assert office_regeling_ids(other_office) == frozenset({regeling_b.pk})
    assert may_maintain(other_office, [regeling_b.pk])
    assert not may_maintain(other_office, own)
    assert not may_maintain(other_office, [])


def test_an_office_without_regelingen_maintains_nothing(roles, drechtsteden):
    nobody = office_user("programmabureau-zonder", roles[PROGRAM_OFFICE], [])
    assert office_regeling_ids(nobody) == frozenset()
    assert not Process.objects.maintained_by(nobody).exists()


def test_a_superuser_maintains_every_regeling(drechtsteden, process_b):
    admin = get_user_model().objects.create_superuser("beheerder", password="test-password")
    assert office_regeling_ids(admin) is None
    assert set(Process.objects.maintained_by(admin)) == set(Process.objects.all())


def test_maintained_processes_are_those_of_the_own_regelingen(
    other_office, drechtsteden, process_b
):
    assert list(Process.objects.maintained_by(other_office)) == [process_b]


@pytest.mark.parametrize("name", ["detail", "preview"])
def test_an_office_of_regeling_b_cannot_open_a_letter_of_regeling_a(
    client, other_office, letter_a, name
):
    client.force_login(other_office)
    args = [letter_a.pk] if name == "detail" else [letter_a.pk, "dordrecht"]
    assert client.get(reverse(f"letters:{name}", args=args)).status_code == 403


@pytest.mark.parametrize("name", ["export", "export_zip", "export_combined"])
def test_an_office_of_regeling_b_cannot_export_a_letter_of_regeling_a(
    client, other_office, letter_a, name
):
    client.force_login(other_office)
    args = [letter_a.pk, "dordrecht"] if name == "export" else [letter_a.pk]
    assert client.post(reverse(f"letters:{name}", args=args)).status_code == 403
    assert not letter_a.archived.exists()


def test_an_office_of_regeling_a_cannot_open_a_letter_of_regeling_b(
    client, roles, other_office, letter_b
):
    office_a = office_user(
        "programmabureau-a", roles[PROGRAM_OFFICE], Regeling.objects.exclude(slug="gr-ozhz")
    )
    client.force_login(office_a)
    assert client.get(reverse("letters:detail", args=[letter_b.pk])).status_code == 403
    client.force_login(other_office)
    assert client.get(reverse("letters:detail", args=[letter_b.pk])).status_code == 200


def test_the_archive_lists_only_the_own_letters_to_write(client, other_office, letter_a, letter_b):
    client.force_login(other_office)
    page = client.get(reverse("letters:archive")).content.decode()
    assert reverse("letters:detail", args=[letter_b.pk]) in page
    assert reverse("letters:detail", args=[letter_a.pk]) not in page


def test_an_office_of_regeling_b_cannot_restore_a_record_of_regeling_a(
    client, other_office, program_office
):
    treatment = Treatment.objects.filter(decision__process__slug__startswith="samenvoeging")[0]
    edit(treatment, program_office, "toelichting", notes="Eerste toelichting")
    edit(treatment, program_office, "toelichting", notes="Tweede toelichting")
    first = treatment.history.order_by("history_id")[0]
    client.force_login(other_office)
    page = client.get(reverse("history:list", args=["behandeling", treatment.pk]))
    assert restore_url("behandeling", treatment.pk, first.history_id) not in page.content.decode()
    response = client.post(
        restore_url("behandeling", treatment.pk, first.history_id), {"reason": "poging"}
    )
    assert response.status_code == 403
    treatment.refresh_from_db()
    assert treatment.notes == "Tweede toelichting"


def test_the_export_command_refuses_an_office_of_another_regeling(tmp_path, other_office, letter_a):
    with pytest.raises(CommandError, match="niet het programmabureau"):
        call_command("export_letters", letter_a.pk, user=other_office.username, out=tmp_path)
    assert not letter_a.archived.exists()
    assert not list(tmp_path.iterdir())


# --- the back office ---------------------------------------------------------------------


def test_the_back_office_lists_only_the_own_processes_and_decisions(
    client, other_office, drechtsteden, process_b
):
    client.force_login(other_office)
    page = client.get(reverse("admin:decisions_process_changelist")).content.decode()
    assert process_b.title in page
    assert drechtsteden.title not in page
    decision = Decision.objects.filter(process=drechtsteden).first()
    response = client.get(reverse("admin:decisions_decision_change", args=[decision.pk]))
    # The admin answers an object outside the queryset with a redirect to its index.
    assert response.status_code == 302


def test_the_back_office_offers_only_the_own_processes_and_regelingen(
    client, other_office, regeling_b, process_b, drechtsteden
):
    client.force_login(other_office)
    form = client.get(reverse("admin:decisions_decision_add")).context["adminform"].form
    assert list(form.fields["process"].queryset) == [process_b]
    assert list(form.fields["regeling"].queryset) == [regeling_b]


def test_the_back_office_refuses_a_decision_in_another_regelings_process(
    client, other_office, regeling_b, drechtsteden
):
    client.force_login(other_office)
    response = client.post(
        reverse("admin:decisions_decision_add"),
        {
            "process": drechtsteden.pk,
            "regeling": regeling_b.pk,
            "kind": Decision.Kind.OTHER,
            "title": "Ingeschoven",
            "slug": "ingeschoven",
            "sequence": 9,
            "introduced_on": "2026-01-05",
            "versions-TOTAL_FORMS": 0,
            "versions-INITIAL_FORMS": 0,
            "treatments-TOTAL_FORMS": 0,
            "treatments-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "process" in response.context["adminform"].form.errors
    assert not Decision.objects.filter(slug="ingeschoven").exists()


def test_the_back_office_shows_only_the_own_regelingen_to_change(client, other_office, regeling_b):
    client.force_login(other_office)
    page = client.get(reverse("admin:councils_regeling_changelist")).content.decode()
    assert "GR OZHZ" in page
    assert "GR Sociaal" not in page


def test_letters_of_regeling_b_are_changed_by_its_office_only(client, other_office, letter_a):
    client.force_login(other_office)
    response = client.get(reverse("admin:milestones_letter_change", args=[letter_a.pk]))
    assert response.status_code == 302
    assert Letter.objects.get(pk=letter_a.pk).subject == letter_a.subject


# --- the griffie and the raadslid --------------------------------------------------------


def test_the_griffie_workspace_spans_every_regeling_with_deadlines_first(
    client, dordrecht_clerk, process_b, regeling_b
):
    council = Municipality.objects.get(slug="dordrecht").bodies.get(kind="council")
    decision = Decision.objects.create(
        process=process_b,
        regeling=regeling_b,
        kind=Decision.Kind.DRAFT_TEXT,
        title="Ontwerp wijziging GR OZHZ",
        slug="ontwerp-wijziging-gr-ozhz",
        introduced_on=datetime.date(2026, 1, 5),
        published=True,
    )
    Treatment.objects.create(
        decision=decision,
        body=council,
        purpose=Purpose.OPINION,
        received_on=datetime.date(2026, 1, 12),
        planned_on=datetime.date(2026, 3, 1),
    )
    process_b.published = True
    process_b.save()
    client.force_login(dordrecht_clerk)
    workspace = client.get(reverse("clerk:workspace")).context["workspace"]
    first = workspace.open_treatments[0]
    assert first.decision == decision
    assert first.opinion_deadline == datetime.date(2026, 3, 9)
    assert {t.decision.process_id for t in workspace.open_treatments} >= {process_b.pk}


def test_a_raadslid_sees_the_processes_of_their_own_municipality_first(
    client, roles, drechtsteden, process_b, regeling_b
):
    process_b.published = True
    process_b.save()
    gorinchem = Municipality.objects.create(
        name="Gorinchem", slug="gorinchem", cbs_code="GM0512", area_type="urban"
    )
    regeling_b.participants.set([gorinchem])
    member = get_user_model().objects.create_user("raadslid-gorinchem", password="test-password")
    member.groups.add(roles[COUNCIL_MEMBER])
    client.force_login(member)
    listed = [o.process for o, _milestone in client.get(reverse("home")).context["overviews"]]
    assert listed.index(drechtsteden) < listed.index(process_b)  # the oldest first

    CouncillorMembership.objects.create(user=member, municipality=gorinchem)
    response = client.get(reverse("home"))
    listed = [o.process for o, _milestone in response.context["overviews"]]
    assert listed[0] == process_b
    assert listed.index(process_b) < listed.index(drechtsteden)
    assert "uw gemeente neemt deel" in response.content.decode()


def test_an_anonymous_visitor_sees_the_oldest_process_first(client, drechtsteden, process_b):
    process_b.published = True
    process_b.save()
    listed = [o.process for o, _milestone in client.get(reverse("home")).context["overviews"]]
    assert listed[0] == drechtsteden
    assert "uw gemeente neemt deel" not in client.get(reverse("home")).content.decode()
