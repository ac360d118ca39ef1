"""Real-browser tests: Debian's headless Chromium, driven by Playwright, against the live server.

No browser is ever downloaded (`playwright install` is not used): the tests drive the Chromium that
Debian installs at /usr/bin/chromium (`apt-get install -y chromium`, or `make browser`).

Fixtures for the tests in this directory:

- ``browser``: Chromium, launched once for tests/browser; fails each test clearly when missing.
- ``new_context(**options)``: a new browser context (nl-NL, 1280x900), closed after the test.
- ``page``: a page in its own new context, closed after the test.
- ``dataset``: the Drechtsteden data, loaded for the transactional database the live server needs.
- ``screenshot(page, name)``: saves test-artifacts/screenshots/<name>.png and returns its path.
- ``login(page, live_server, username, password)``: logs in through Django's login form (the URL
  named "login", under /account/).
"""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from gr_portal.dataset import load_dataset

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HERE = Path(__file__).resolve().parent
SCREENSHOT_DIR = HERE.parents[1] / "test-artifacts" / "screenshots"
LOCALE = "nl-NL"
VIEWPORT = {"width": 1280, "height": 900}
TIMEOUT_MS = 10_000


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "browser: real-browser test in headless Chromium against the live server"
    )


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="package")
def browser():
    """Chromium, launched once for all the tests under tests/browser.

    While Playwright runs, its event loop counts as running in this thread, so Django refuses ORM
    calls ("You cannot call this from an async context") unless DJANGO_ALLOW_ASYNC_UNSAFE is set.
    Both last exactly as long as the browser: package scope closes it after the last browser test,
    so the rest of the suite runs with neither the loop nor the variable (which would leak into
    subprocesses, where `check --deploy` rejects it).
    """
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"The browser tests need Debian's Chromium at {CHROMIUM}, which is missing. "
            "Install it with `apt-get install -y chromium` (as root, or `make browser`); "
            "Playwright's own browser download (`playwright install`) is not used.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as env:
        if "DJANGO_ALLOW_ASYNC_UNSAFE" not in os.environ:
            env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        playwright = sync_playwright().start()
        try:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            try:
                yield chromium
            finally:
                chromium.close()
        finally:
            playwright.stop()


@pytest.fixture
def new_context(browser):
    """A factory of browser contexts (Dutch, 1280x900 unless overridden), closed after the test."""
    contexts = []

    def make(**options):
        context = browser.new_context(**{"locale": LOCALE, "viewport": VIEWPORT, **options})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """A page in a context of its own: no cookies or storage shared with other tests."""
    return new_context().new_page()


@pytest.fixture
def dataset(transactional_db):
    """The real Drechtsteden dataset. The live server sees only committed data, and its database
    is flushed after every test, so each browser test loads it again."""
    return load_dataset()


@pytest.fixture
def screenshot():
    """`screenshot(page, name)`: the whole page as test-artifacts/screenshots/<name>.png."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)

    def take(page, name, *, full_page=True):
        path = SCREENSHOT_DIR / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take


@pytest.fixture
def login():
    """`login(page, live_server, username, password)`: submits Django's login form and returns the
    response of the page it lands on (the form again, with an error, when the login failed)."""

    def log_in(page, live_server, username, password):
        url = live_server.url + reverse("login")
        response = page.goto(url)
        assert response is not None, f"the login page {url} did not answer"
        assert response.ok, f"the login page {url} answered {response.status}"
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        with page.expect_navigation() as navigation:
            page.click("main button[type=submit]")
        return navigation.value

    return log_in
