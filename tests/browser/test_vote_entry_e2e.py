"""End to end in headless Chromium: a griffie logs in and records a vote with an amendment."""

from django.contrib.auth import get_user_model

from councils.models import ClerkMembership, Municipality
from councils.roles import CLERK
from decisions.models import Amendment, Treatment
from gr_portal.roles import ensure_roles


def _dordrecht_clerk():
    user = get_user_model().objects.create_user("griffie-dordrecht", password="geheim-en-lang-2022")
    user.groups.add(ensure_roles()[CLERK])
    ClerkMembership.objects.create(
        user=user, municipality=Municipality.objects.get(slug="dordrecht")
    )
    return user


def test_a_clerk_records_a_vote_with_an_amendment(page, live_server, dataset, login, screenshot):
    _dordrecht_clerk()
    login(page, live_server, "griffie-dordrecht", "geheim-en-lang-2022")
    assert page.locator("h1").inner_text().startswith("Werkruimte griffie")
    screenshot(page, "clerk-1-workspace")

    # The council's treatment of the concept GR text, from the workspace.
    treatment = Treatment.objects.get(
        decision__slug="concept-gr-tekst-2022",
        body__municipality__slug="dordrecht",
        body__kind="council",
    )
    page.click(f"a[href='/griffie/behandelingen/{treatment.pk}/']")
    page.fill("#id_meeting_date", "2022-07-12")
    page.fill("#id_meeting_location", "Stadhuis Dordrecht")
    page.fill("#id_members_present", "38")
    # Everyone for, with one click per fractie; VVD against; SP absent (every member is
    # accounted for: voor, tegen, onthouden or afwezig).
    for button in page.get_by_role("button", name="allen voor").all():
        button.click()
    page.get_by_role("button", name="VVD: allen tegen", exact=True).click()
    page.get_by_role("button", name="SP: allen afwezig", exact=True).click()
    # Live totals follow the grid (32 for, 6 against, 1 absent).
    assert page.locator("[data-total=votes_for]").inner_text() == "32"
    assert page.locator("[data-total=votes_against]").inner_text() == "6"
    assert page.locator("[data-total=absent]").inner_text() == "1"

    page.get_by_role("button", name="Uitkomst berekenen").click()
    preview = page.locator(".preview")
    assert "Aangenomen" in preview.inner_text()
    assert "32 stemmen voor en 6 tegen" in preview.inner_text()
    screenshot(page, "clerk-2-preview")
    page.get_by_role("button", name="Opslaan").click()
    assert "is vastgelegd: aangenomen" in page.locator(".messages").inner_text()

    # The amendment, voted before the proposal, changed the text voted on.
    page.get_by_role("link", name="Amendement toevoegen").click()
    page.fill("#id_code", "A1")
    page.fill("#id_title", "Rol van de raad")
    page.fill("#id_text", "De raden worden elk kwartaal geïnformeerd over de integratie.")
    page.get_by_role("checkbox", name="GroenLinks", exact=True).check()
    page.get_by_role("checkbox", name="PvdA", exact=True).check()
    page.fill("#id_members_present", "38")
    for button in page.get_by_role("button", name="allen voor").all():
        button.click()
    page.fill("#id_fractie-" + str(_fractie_pk("SP")) + "-votes_for", "0")
    page.fill("#id_fractie-" + str(_fractie_pk("SP")) + "-absent", "1")
    page.get_by_label("Het aangenomen amendement wijzigde de tekst").check()
    page.get_by_role("button", name="Uitkomst berekenen").click()
    assert (
        "Met algemene stemmen aangenomen (38 stemmen voor" in page.locator(".preview").inner_text()
    )
    screenshot(page, "clerk-3-amendment")
    page.get_by_role("button", name="Opslaan").click()
    assert (
        "Amendement ‘Rol van de raad’ is vastgelegd: aangenomen"
        in page.locator(".messages").inner_text()
    )
    screenshot(page, "clerk-4-treatment-with-amendment")

    # The database holds exactly what was typed.
    treatment.refresh_from_db()
    assert treatment.outcome == "adopted"
    assert (treatment.vote.votes_for, treatment.vote.votes_against) == (32, 6)
    assert treatment.meeting.location == "Stadhuis Dordrecht"
    amendment = Amendment.objects.get(treatment=treatment)
    assert amendment.outcome == "adopted"
    assert amendment.changed_text
    assert sorted(amendment.sponsors.values_list("name", flat=True)) == ["GroenLinks", "PvdA"]

    # And the public decision page shows it.
    page.goto(live_server.url + "/besluiten/concept-gr-tekst-2022/")
    text = page.locator("main").inner_text()
    assert "voor 32 — tegen 6" in text
    assert "Rol van de raad" in text
    screenshot(page, "clerk-5-decision-page")


def _fractie_pk(name):
    from councils.models import Fractie

    return Fractie.objects.get(term__municipality__slug="dordrecht", name=name).pk
