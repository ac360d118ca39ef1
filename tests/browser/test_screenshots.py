"""Review screenshots: the main public pages on a phone (375 px) and a desktop (1280 px).

Saved as test-artifacts/screenshots/<page>-<width>.png, for people to look at. The test checks
that each is a PNG exactly as wide as the window: a full-page screenshot grows wider when the page
scrolls sideways, so this also catches content that overflows the screen.
"""

import pytest

from tests.browser.test_accessibility import DECISION, dordrecht_council_treatment
from tests.browser.test_smoke import png_size
from tests.recording import record_vote

WIDTHS = {375: 812, 1280: 900}  # window width: height
PAGES = [
    ("home", "/"),
    ("process", "/trajecten/samenvoeging-drechtwerk-sociaal/"),
    ("regeling", "/regelingen/gr-sociaal/"),
    ("matrix", "/stand/"),
    ("decision", f"/besluiten/{DECISION}/"),
    ("timeline", "/tijdlijn/"),
]


@pytest.fixture
def recorded_vote(dataset):
    """Dordrecht's council vote on the concept text, with an amendment, a motion and a
    zienswijze, so that the decision page shows them; recorded through the clerk's services
    (tests.recording.record_vote) once the live server's data is loaded."""
    return record_vote(dordrecht_council_treatment())


@pytest.mark.parametrize(("name", "path"), PAGES, ids=[name for name, _ in PAGES])
def test_screenshots_at_phone_and_desktop_width(
    new_context, live_server, recorded_vote, screenshot, name, path
):
    for width, height in WIDTHS.items():
        page = new_context(viewport={"width": width, "height": height}).new_page()
        response = page.goto(live_server.url + path)
        assert response is not None, f"{path} did not answer"
        assert response.ok, f"{path} answered {response.status}"
        # The web fonts are in: the screenshot shows the page as visitors see it.
        page.evaluate("document.fonts.ready.then(() => true)")

        shot = screenshot(page, f"{name}-{width}")

        assert shot.name == f"{name}-{width}.png"
        assert png_size(shot)[0] == width, f"{shot.name} is not {width} px wide"
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{path} scrolls sideways at {width} px ({scroll_width} px)"
        page.close()
