"""Weekly reminders (issue 14 item 3): a griffie hears of its own municipality's open steps
whose zienswijze term or planned date is near or past, the programmabureau of its regelingen';
queued by `send_reminders`, sent by the worker to a real SMTP server."""

import datetime

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from councils.models import ClerkMembership, Municipality, OfficeMembership, Regeling
from councils.roles import CLERK, PROGRAM_OFFICE
from decisions.models import Treatment
from gr_portal.core.periods import format_planned
from gr_portal.roles import ensure_roles
from milestones.alerts import reminders
from tests.milestones.alerts.smtp import header, parts, run_worker


def _person(username: str, role: str, email: str = "", **membership):
    user = get_user_model().objects.create_user(username, email=email, password="x")
    user.groups.add(ensure_roles()[role])
    if "municipality" in membership:
        ClerkMembership.objects.create(user=user, municipality=membership["municipality"])
    if "regeling" in membership:
        OfficeMembership.objects.create(user=user, regeling=membership["regeling"])
    return user


def test_griffies_and_the_programmabureau_are_reminded_of_their_own_terms(world, smtp):
    dordrecht = Municipality.objects.get(slug="dordrecht")
    step = Treatment.objects.get(
        decision__slug="concept-gr-tekst-2022",
        body__municipality=dordrecht,
        body__kind="council",
        round=1,
    )
    today = timezone.localdate()
    Treatment.objects.filter(pk=step.pk).update(received_on=today - datetime.timedelta(days=50))
    deadline = today + datetime.timedelta(days=6)  # eight weeks after receipt (Wgr art. 1 lid 3)
    _person("griffie-dordrecht", CLERK, "griffie@dordrecht.nl", municipality=dordrecht)
    _person("griffie-zonder-adres", CLERK, municipality=Municipality.objects.get(slug="sliedrecht"))
    _person(
        "bureau",
        PROGRAM_OFFICE,
        "bureau@drechtsteden.nl",
        regeling=Regeling.objects.get(slug="gr-sociaal"),
    )
    _person("zonder-rol", CLERK, "niemand@example.nl")  # a role, but no municipality

    call_command("send_reminders", verbosity=0)
    assert smtp.messages == []  # queued, sent by the worker
    run_worker()

    by_address = {message["To"]: message for message in smtp.messages}
    assert set(by_address) == {"griffie@dordrecht.nl", "bureau@drechtsteden.nl"}
    clerk = parts(by_address["griffie@dordrecht.nl"])["text/plain"]
    first = clerk.split("\n- ", 1)[1].splitlines()[0]
    assert first == (
        "Gemeenteraad Dordrecht – Concept aangepaste GR-tekst GR Sociaal: de zienswijzetermijn "
        f"eindigt op {format_planned(deadline, 'day')}"
    )
    assert f"/griffie/behandelingen/{step.pk}/" in clerk or f"/{step.pk}/" in clerk
    assert "Sliedrecht" not in clerk  # only its own municipality
    assert "termijn" in header(by_address["griffie@dordrecht.nl"], "Subject")
    office = parts(by_address["bureau@drechtsteden.nl"])["text/plain"]
    assert "Dordrecht" in office
    assert "Sliedrecht" in office  # every participant of its regeling


def test_the_horizon_and_what_is_decided(db, dataset, settings):
    """Due: a zienswijze term within ALERTS_REMINDER_DAYS or past, a planned date likewise;
    not: a decided step, a term further away."""
    today = datetime.date(2022, 6, 1)
    near, far = Treatment.objects.filter(purpose="opinion", body__kind="council")[:2]
    decided = Treatment.objects.exclude(pk__in=[near.pk, far.pk]).first()
    near.received_on = today - datetime.timedelta(days=50)
    far.received_on = today
    far.planned_on = None
    decided.outcome = "adopted"
    due = reminders.due([near, far, decided], today)
    assert [(r.treatment, r.kind) for r in due] == [(near, reminders.DEADLINE)]


def test_the_programmabureau_sees_its_terms_on_its_workspace(
    client, db, dataset, program_office, django_assert_num_queries
):
    """The same steps as the weekly reminder, at /programmabureau/termijnen/, in a fixed
    number of queries; a griffie is refused."""
    step = Treatment.objects.filter(purpose="opinion", body__kind="council", outcome="").first()
    Treatment.objects.filter(pk=step.pk).update(
        received_on=timezone.localdate() - datetime.timedelta(days=50)
    )
    client.force_login(program_office)
    client.get(reverse("planning:deadlines"))  # sessions and roles read once
    # session, user, role, the griffie's municipalities (none), the regelingen served, the
    # open steps with decision, body, municipality and regeling, the menu's two permission reads
    with django_assert_num_queries(8):
        page = client.get(reverse("planning:deadlines")).content.decode()
    assert "de zienswijzetermijn eindigt op" in page
    assert step.decision.get_absolute_url() in page
    assert 'href="/programmabureau/termijnen/"' in page  # in the menu


def test_a_griffie_has_no_programmabureau_workspace(client, dordrecht_clerk):
    client.force_login(dordrecht_clerk)
    assert client.get(reverse("planning:deadlines")).status_code == 403
