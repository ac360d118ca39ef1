"""The warning before a session ends, in Chromium (WCAG 2.2.1): it appears before the end, its
button extends the session, and without an answer the dialog says the session has ended."""

from django.contrib.auth import get_user_model

PASSWORD = "geheim-en-lang-2022"


def test_the_session_warning_appears_and_extends(page, live_server, dataset, login, settings):
    settings.SESSION_COOKIE_AGE = 30
    settings.SESSION_WARNING_SECONDS = 27
    get_user_model().objects.create_user("raadslid", password=PASSWORD)
    login(page, live_server, "raadslid", PASSWORD)
    dialog = page.locator("#session-timeout")
    dialog.wait_for(state="visible", timeout=8_000)
    assert "verloopt bijna" in dialog.inner_text()
    assert page.evaluate("document.activeElement.hasAttribute('data-session-extend')")
    before = int(dialog.get_attribute("data-expires-at"))
    with page.expect_response(lambda r: r.url.endswith("/account/sessie-verlengen/")) as answer:
        page.click("[data-session-extend]")
    assert answer.value.status == 200
    assert answer.value.json()["expiresAt"] > before
    dialog.wait_for(state="hidden")
    page.reload()
    assert int(page.locator("#session-timeout").get_attribute("data-expires-at")) > before
