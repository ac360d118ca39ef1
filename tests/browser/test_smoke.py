"""Smoke tests in a real browser: the public pages in Dutch, by keyboard, on a phone, without JS."""

import struct

from django.urls import reverse

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PHONE = {"width": 375, "height": 812}


def png_size(path):
    """(width, height) of a PNG file, after checking it is one and is not empty."""
    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE), f"{path} is not a PNG"
    assert data[12:16] == b"IHDR", f"{path} has no PNG header chunk"
    width, height = struct.unpack(">II", data[16:24])
    assert width > 0, f"{path} has no width"
    assert height > 0, f"{path} has no height"
    assert len(data) > 1000, f"{path} is empty"
    return width, height


def test_home_page_is_dutch_and_leads_through_a_process_to_a_municipality(
    page, live_server, dataset
):
    page.goto(live_server.url + reverse("home"))

    assert page.get_attribute("html", "lang") == "nl"
    assert page.title() == "Trajecten – GR Portal"
    assert page.locator("h1").inner_text() == "Regionale besluiten en hun stand per gemeente"

    page.locator("section.process-summary h3 a").first.click()
    page.wait_for_url(f"{live_server.url}/trajecten/*/")
    assert page.locator("h1").inner_text() == "Samenvoeging GR Drechtwerk in GR Sociaal"
    link = page.locator("table.status-table tbody th a").first
    name = link.inner_text()
    link.click()
    page.wait_for_url(f"{live_server.url}/gemeenten/*/")
    assert page.locator("h1").inner_text() == f"Gemeente {name}"
    assert page.title() == f"{name} – GR Portal"


def test_the_process_list_filters_without_javascript(new_context, live_server, dataset):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(live_server.url + reverse("home"))
    page.select_option("#id_soort", "budget")
    page.get_by_role("button", name="Filteren").click()
    page.wait_for_url(f"{live_server.url}/?*soort=budget*")
    assert "Geen trajecten gevonden met deze keuze." in page.locator("main").inner_text()
    page.get_by_role("link", name="Alle trajecten tonen").click()
    assert page.locator("section.process-summary").count() == 1


def test_skip_link_is_the_first_focusable_element(page, live_server, dataset):
    page.goto(live_server.url + reverse("home"))

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Naar de inhoud"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None, "the focused skip link is not on screen"
    assert box["x"] >= 0, "the focused skip link is not on screen"

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"


def test_home_page_screenshots_desktop_and_phone(page, live_server, dataset, screenshot):
    page.goto(live_server.url + reverse("home"))
    desktop = screenshot(page, "home-1280")
    assert png_size(desktop)[0] == 1280

    page.set_viewport_size(PHONE)
    page.reload()
    phone = screenshot(page, "home-375")
    # A full-page screenshot grows wider than the viewport when the page scrolls sideways.
    assert png_size(phone)[0] == PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_pages_are_usable_without_javascript(new_context, live_server, dataset):
    page = new_context(java_script_enabled=False).new_page()

    page.goto(live_server.url + reverse("process_detail", args=["samenvoeging-drechtwerk-sociaal"]))
    assert page.locator("h1").inner_text() == "Samenvoeging GR Drechtwerk in GR Sociaal"
    assert page.locator("table.status-table").count() >= 1
    assert page.locator("table.status-table tbody tr").count() >= 7

    page.locator("section.decision-status h3 a").first.click()
    page.wait_for_url(f"{live_server.url}/besluiten/*/")
    assert page.locator("table.treatments tbody tr").count() >= 7
    assert page.locator("table.treatments tbody th").first.is_visible()
