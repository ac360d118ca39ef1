"""Accessibility in a real browser: axe-core finds no WCAG 2.1 A or AA violation on any page.

axe-core comes bundled with axe-playwright-python and is injected through Playwright (so the
Content-Security-Policy does not block it, and nothing is downloaded). Every request the page makes
that does not go to the live server is aborted and fails the test.

Each page is checked with the real Drechtsteden data and, so that the vote, amendment, motion and
zienswijze markup is checked too, one recorded council vote (Dordrecht) with all three.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from decisions.models import Treatment
from tests.recording import record_vote

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
WITHOUT_SCROLL_SHADOWS = """() => {
    const boxes = document.querySelectorAll(".table-scroll");
    boxes.forEach((box) => box.style.setProperty("background", "none", "important"));
    return boxes.length;
}"""
PHONE = {"width": 375, "height": 812}
DECISION = "concept-gr-tekst-2022"

# (test id, path); {treatment} is the pk of Dordrecht's council treatment of the decision.
PUBLIC_PAGES = [
    ("home", "/"),
    ("matrix", "/stand/"),
    ("decision", f"/besluiten/{DECISION}/"),
    ("versions", f"/besluiten/{DECISION}/versies/"),
    ("municipality", "/gemeenten/dordrecht/"),
    ("timeline", "/tijdlijn/"),
    ("timeline-replay", "/tijdlijn/?datum=2022-09-01"),
    ("search", "/zoeken/?q=samenvoeging"),
    ("open-data", "/open-data/"),
    ("history", "/geschiedenis/behandeling/{treatment}/"),
    ("history-compare", "/geschiedenis/behandeling/{treatment}/vergelijk/"),
    ("login", "/account/inloggen/"),
    ("password-reset", "/account/wachtwoord-vergeten/"),
    ("subscribe", f"/volgen/?besluit={DECISION}"),
    ("privacy", "/privacy/"),
    ("api-documentation", "/api/v1/documentatie"),
]
PHONE_PAGES = [("home-375", "/"), ("matrix-375", "/stand/")]


def dordrecht_council_treatment():
    return Treatment.objects.select_related("body__municipality", "decision").get(
        decision__slug=DECISION, body__municipality__slug="dordrecht", body__kind="council"
    )


@pytest.fixture
def treatment(dataset):
    """Dordrecht council's treatment of the concept GR text, with its vote recorded through the
    clerk's services (tests.recording.record_vote) once the live server's data is loaded."""
    return record_vote(dordrecht_council_treatment())


@pytest.fixture
def offline(live_server):
    """`offline(context)`: aborts every request that does not go to the live server; returns the
    list of the URLs it aborted (which should stay empty)."""

    def isolate(context):
        blocked = []

        def handle(route):
            url = route.request.url
            if url.startswith(live_server.url) or url.startswith(("data:", "blob:")):
                route.continue_()
            else:
                blocked.append(url)
                route.abort()

        context.route("**/*", handle)
        return blocked

    return isolate


def _check(page, url):
    """Opens `url` (unless None: the page as it is) and asserts axe finds no WCAG 2.1 AA
    violation, listing each one with its impact, its help and the elements at fault."""
    if url is not None:
        response = page.goto(url)
        assert response is not None, f"{url} did not answer"
        assert response.ok, f"{url} answered {response.status}"
    # axe cannot tell the colour behind a gradient, so it would leave the contrast of everything
    # in a sideways-scrolling table (whose edge shadows are gradients over the page's background)
    # "to review" instead of checking it. Without the shadows it checks it.
    page.evaluate(WITHOUT_SCROLL_SHADOWS)
    results = Axe().run(page, options=AXE_OPTIONS).response
    violations = results["violations"]
    report = [
        f"{v['id']} ({v['impact']}): {v['help']} [{v['helpUrl']}]\n"
        + "\n".join(
            f"    {', '.join(map(str, node['target']))}: "
            + " ".join((node.get("failureSummary") or "").split())
            for node in v["nodes"]
        )
        for v in violations
    ]
    assert not violations, (
        f"axe found {len(violations)} WCAG 2.1 A/AA violation(s) on {page.url}:\n"
        + "\n".join(report)
    )
    # The run really happened: axe checked something on the page.
    assert results["testEngine"]["name"] == "axe-core"


@pytest.mark.parametrize("path", [p for _, p in PUBLIC_PAGES], ids=[i for i, _ in PUBLIC_PAGES])
def test_public_page_has_no_wcag_violations(new_context, live_server, offline, treatment, path):
    context = new_context()
    blocked = offline(context)
    _check(context.new_page(), live_server.url + path.format(treatment=treatment.pk))
    assert not blocked, f"the page or axe tried to reach the network: {blocked}"


@pytest.mark.parametrize("path", [p for _, p in PHONE_PAGES], ids=[i for i, _ in PHONE_PAGES])
def test_public_page_on_a_phone_has_no_wcag_violations(
    new_context, live_server, offline, treatment, path
):
    context = new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    blocked = offline(context)
    page = context.new_page()
    _check(page, live_server.url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert not blocked, f"the page or axe tried to reach the network: {blocked}"


def test_clerk_pages_have_no_wcag_violations(
    new_context, live_server, offline, treatment, dordrecht_clerk, login
):
    context = new_context()
    blocked = offline(context)
    page = context.new_page()
    login(page, live_server, dordrecht_clerk.username, "test-password")
    assert page.url == live_server.url + reverse("clerk:workspace")
    _check(page, None)

    form = live_server.url + reverse("clerk:treatment", args=[treatment.pk])
    _check(page, form)

    # The form again after a failed preview: a fractie with more votes for than it has
    # members, so the row of the vote grid and its fields show the error.
    first_count = page.locator("table.vote-grid tbody input.count").first
    first_count.fill("999")
    with page.expect_navigation():
        page.get_by_role("button", name="Uitkomst berekenen").click()
    assert page.locator("[aria-invalid=true]").count() >= 1, "the form shows no field errors"
    _check(page, None)

    # The presentielijst of the meeting, reached from the treatment.
    page.goto(form)
    page.fill("#id_meeting_date", "2022-07-12")
    with page.expect_navigation():
        page.get_by_role("button", name="Presentielijst invullen").click()
    assert page.locator("h1").inner_text() == "Presentielijst"
    _check(page, None)
    assert not blocked, f"the page or axe tried to reach the network: {blocked}"


def test_two_factor_pages_and_the_session_warning_have_no_wcag_violations(
    new_context, live_server, offline, dordrecht_clerk, login, settings
):
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.TWO_FACTOR_REQUIRED = True
    settings.SESSION_COOKIE_AGE = 3600
    settings.SESSION_WARNING_SECONDS = 3599  # the dialog shows at once
    context = new_context()
    blocked = offline(context)
    page = context.new_page()
    login(page, live_server, dordrecht_clerk.username, "test-password")
    assert page.url.startswith(live_server.url + reverse("twofactor:setup"))
    page.locator("#session-timeout").wait_for(state="visible")
    _check(page, None)  # the setup page, with the session dialog over it
    page.click("[data-session-extend]")
    page.fill("#id_token", "000000")
    with page.expect_navigation():
        page.get_by_role("button", name="Bevestigen").click()
    assert page.locator("[aria-invalid=true]").count() == 1, "the wrong code is not marked"
    _check(page, None)
    page.wait_for_timeout(1_500)  # a wrong code makes the app's codes wait a second
    device = TOTPDevice.objects.get(user=dordrecht_clerk)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    page.fill("#id_token", f"{totp.token():06d}")
    with page.expect_navigation():
        page.get_by_role("button", name="Bevestigen").click()
    assert page.locator("h1").inner_text() == "Uw herstelcodes"
    _check(page, None)
    assert not blocked, f"the page or axe tried to reach the network: {blocked}"
