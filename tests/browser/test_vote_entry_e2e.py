"""End to end in headless Chromium: a griffie logs in, fills in the presentielijst of the meeting
once, and records the proposal's vote, an amendment and a motion, each starting from it."""

from django.contrib.auth import get_user_model

from councils.models import ClerkMembership, Municipality
from councils.roles import CLERK
from decisions.models import Amendment, FractieVote, Motion, Treatment
from gr_portal.roles import ensure_roles


def _dordrecht_clerk():
    user = get_user_model().objects.create_user("griffie-dordrecht", password="geheim-en-lang-2022")
    user.groups.add(ensure_roles()[CLERK])
    ClerkMembership.objects.create(
        user=user, municipality=Municipality.objects.get(slug="dordrecht")
    )
    return user


def test_a_clerk_records_a_vote_an_amendment_and_a_motion_from_one_presentielijst(
    page, live_server, dataset, login, screenshot
):
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

    # The presentielijst first, once for the whole meeting: SP's member was not there.
    page.get_by_role("button", name="Presentielijst invullen").click()
    assert page.locator("h1").inner_text() == "Presentielijst"
    page.get_by_role("button", name="SP (1 lid): allen afwezig", exact=True).click()
    assert "38 van 39 aanwezig" in page.locator("[data-attendance-count]").inner_text()
    screenshot(page, "clerk-2-attendance")
    page.get_by_role("button", name="Presentielijst opslaan").click()
    assert "de vergadering kon worden geopend" in page.locator(".messages").inner_text()

    # Back on the treatment, the grid starts from the list: SP absent, everyone else present.
    assert page.locator("[data-members-present]").inner_text() == "38"
    assert page.locator("[data-total=absent]").inner_text() == "1"
    page.fill("#id_meeting_location", "Stadhuis Dordrecht")
    # Every fractie for with one click each; VVD against.
    for button in page.get_by_role("button", name="fractie voor").all():
        button.click()
    page.get_by_role("button", name="VVD: fractie tegen", exact=True).click()
    # Live totals follow the grid (32 for, 6 against).
    assert page.locator("[data-total=votes_for]").inner_text() == "32"
    assert page.locator("[data-total=votes_against]").inner_text() == "6"

    page.get_by_role("button", name="Uitkomst berekenen").click()
    preview = page.locator(".preview")
    assert "Aangenomen" in preview.inner_text()
    assert "32 stemmen voor en 6 tegen" in preview.inner_text()
    screenshot(page, "clerk-3-preview")
    page.get_by_role("button", name="Opslaan").click()
    assert "is vastgelegd: aangenomen" in page.locator(".messages").inner_text()

    # The amendment, voted before the proposal, changed the text voted on; its grid starts
    # from the same presentielijst (SP absent): nothing to type about who was there.
    page.get_by_role("link", name="Amendement toevoegen").click()
    page.fill("#id_code", "A1")
    page.fill("#id_title", "Rol van de raad")
    page.fill("#id_text", "De raden worden elk kwartaal geïnformeerd over de integratie.")
    page.get_by_role("checkbox", name="GroenLinks", exact=True).check()
    page.get_by_role("checkbox", name="PvdA", exact=True).check()
    assert page.locator("[data-members-present]").inner_text() == "38"
    for button in page.get_by_role("button", name="fractie voor").all():
        button.click()
    page.get_by_label("Het aangenomen amendement wijzigde de tekst").check()
    page.get_by_role("button", name="Uitkomst berekenen").click()
    assert (
        "Met algemene stemmen aangenomen (38 stemmen voor" in page.locator(".preview").inner_text()
    )
    screenshot(page, "clerk-4-amendment")
    page.get_by_role("button", name="Opslaan").click()
    assert (
        "Amendement ‘Rol van de raad’ is vastgelegd: aangenomen"
        in page.locator(".messages").inner_text()
    )

    # A motion in the same meeting, from the same list: VVD and PVV against (31 to 7).
    page.get_by_role("link", name="Motie toevoegen").click()
    page.fill("#id_code", "M1")
    page.fill("#id_title", "Medewerkers Drechtwerk")
    page.fill("#id_text", "Verzoekt het college de medewerkers van Drechtwerk te betrekken.")
    page.get_by_role("checkbox", name="GroenLinks", exact=True).check()
    for button in page.get_by_role("button", name="fractie voor").all():
        button.click()
    page.get_by_role("button", name="VVD: fractie tegen", exact=True).click()
    page.get_by_role("button", name="PVV: fractie tegen", exact=True).click()
    page.get_by_role("button", name="Opslaan").click()
    assert "Motie ‘Medewerkers Drechtwerk’ is vastgelegd: aangenomen" in (
        page.locator(".messages").inner_text()
    )
    screenshot(page, "clerk-5-treatment-with-amendment-and-motion")

    # The database holds exactly what was typed, every vote from the one presentielijst.
    treatment.refresh_from_db()
    assert treatment.outcome == "adopted"
    assert (treatment.vote.votes_for, treatment.vote.votes_against) == (32, 6)
    assert treatment.meeting.location == "Stadhuis Dordrecht"
    assert treatment.meeting.attendance.filter(present=False).count() == 1
    amendment = Amendment.objects.get(treatment=treatment)
    assert amendment.outcome == "adopted"
    assert amendment.changed_text
    assert sorted(amendment.sponsors.values_list("name", flat=True)) == ["GroenLinks", "PvdA"]
    assert amendment.vote.members_present == 38
    motion = Motion.objects.get(treatment=treatment)
    assert (motion.outcome, motion.vote.votes_for, motion.vote.votes_against) == ("adopted", 31, 7)
    assert FractieVote.objects.get(vote=motion.vote, fractie__name="SP").absent == 1

    # And the public decision page shows it, SP absent included.
    page.goto(live_server.url + "/besluiten/concept-gr-tekst-2022/")
    text = page.locator("main").inner_text()
    assert "voor 32 — tegen 6" in text
    assert "Rol van de raad" in text
    assert "Medewerkers Drechtwerk" in text
    assert "Afwezig: SP" in text  # a fractie absent as a whole, named outside the fold
    screenshot(page, "clerk-6-decision-page")
