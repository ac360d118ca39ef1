"""The Content-Security-Policy in a real browser (issue 12 item 2): every kind of page, the
back office included, loads without one violation reported on the console, and its scripts
still run (the vote grid, the admin's autocomplete)."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from councils.models import ClerkMembership, Municipality, OfficeMembership, Regeling
from councils.roles import CLERK, PROGRAM_OFFICE
from decisions.models import Treatment
from gr_portal.roles import ensure_roles
from tests.recording import record_vote

PASSWORD = "geheim-en-lang-2022"


def _violations(page):
    """Console messages of CSP refusals, collected from now on."""
    found = []

    def keep(message):
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            found.append(f"{page.url}: {text}")

    page.on("console", keep)
    return found


def _users():
    roles = ensure_roles()
    User = get_user_model()
    clerk = User.objects.create_user("griffie-dordrecht", password=PASSWORD)
    clerk.groups.add(roles[CLERK])
    ClerkMembership.objects.create(
        user=clerk, municipality=Municipality.objects.get(slug="dordrecht")
    )
    office = User.objects.create_user("programmabureau", password=PASSWORD, is_staff=True)
    office.groups.add(roles[PROGRAM_OFFICE])
    for regeling in Regeling.objects.all():
        OfficeMembership.objects.create(user=office, regeling=regeling)


def test_no_page_breaks_the_content_security_policy(new_context, live_server, dataset, login):
    _users()
    treatment = Treatment.objects.get(
        decision__slug="concept-gr-tekst-2022",
        body__municipality__slug="dordrecht",
        body__kind="council",
        round=1,
    )
    record_vote(treatment)  # the decision page then draws its vote bar
    public = [
        "/",
        reverse("process_detail", args=["samenvoeging-drechtwerk-sociaal"]),
        reverse("decision_detail", args=["concept-gr-tekst-2022"]),
        reverse("decisions:status_matrix"),
        reverse("milestones:timeline"),
        reverse("search:page") + "?q=zienswijze",
        reverse("opendata:index"),
        "/bestaat-niet/",
    ]
    page = new_context().new_page()
    violations = _violations(page)
    for url in public:
        page.goto(live_server.url + url)
    login(page, live_server, "griffie-dordrecht", PASSWORD)
    page.goto(live_server.url + reverse("clerk:treatment", args=[treatment.pk]))
    assert page.locator("form").count() > 0
    office = new_context().new_page()
    violations += _violations(office)
    login(office, live_server, "programmabureau", PASSWORD)
    for url in (
        reverse("admin:index"),
        reverse("admin:decisions_decision_changelist"),
        reverse("admin:milestones_milestone_add"),
        reverse("admin:decisions_treatment_change", args=[treatment.pk]),
    ):
        office.goto(live_server.url + url)
    # The admin's own scripts ran: the autocomplete widget was turned into select2.
    office.goto(live_server.url + reverse("admin:milestones_milestone_add"))
    assert office.locator(".select2-container").count() > 0
    assert violations == []


def test_swagger_ui_runs_under_the_policy(new_context, live_server, dataset):
    """Swagger UI (drf-spectacular-sidecar, no CDN) draws every resource of the OpenAPI
    document, its script loaded from a file, with no violation."""
    page = new_context().new_page()
    violations = _violations(page)
    page.goto(live_server.url + reverse("api:swagger"))
    page.locator(".opblock-summary-path").first.wait_for()
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/agendapunten" in paths
    assert "/stemresultatenperfractie/{id}" in paths
    assert violations == []
