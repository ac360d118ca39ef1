"""Amendments and motions with their own vote; zienswijzen; the griffie's check mark."""

import pytest
from django.urls import reverse

from decisions.models import Amendment, Motion, Opinion, RecordCheck
from gr_portal.core.history import reason_text
from tests.decisions.clerk_helpers import CONCEPT, council_treatment, term_for, vote_rows


@pytest.fixture
def clerk_client(client, dordrecht_clerk):
    client.force_login(dordrecht_clerk)
    return client


def subject_post(
    treatment,
    *,
    method="per_fractie",
    present=39,
    votes=None,
    default="for",
    sponsors=("GroenLinks",),
    revision=1,
    **fields,
):
    fracties = {f.name: f.pk for f in term_for(treatment).fracties.all()}
    data = {
        "revision": revision,
        "code": fields.pop("code", "A1"),
        "title": fields.pop("title", "Rol van de raad in de nieuwe GR"),
        "text": fields.pop("text", "Voeg toe: de raden worden elk kwartaal geïnformeerd."),
        "sponsors": [fracties[name] for name in sponsors],
        "method": method,
        "members_present": present,
        "save": "1",
        **fields,
    }
    if method in ("per_fractie", "roll_call"):
        data.update(vote_rows(treatment, votes, default))
    return data


def test_an_amendment_with_its_own_vote_and_sponsors(clerk_client, dataset):
    treatment = council_treatment()
    data = subject_post(treatment, sponsors=("GroenLinks", "PvdA"), changed_text="on")
    response = clerk_client.post(reverse("clerk:amendment_create", args=[treatment.pk]), data)
    assert response.status_code == 302
    amendment = Amendment.objects.get()
    assert amendment.outcome == "adopted"
    assert amendment.changed_text
    assert sorted(amendment.sponsors.values_list("name", flat=True)) == ["GroenLinks", "PvdA"]
    assert (amendment.vote.votes_for, amendment.vote.votes_against) == (39, 0)
    assert amendment.vote.fractie_votes.count() == 14


def test_a_rejected_amendment_cannot_have_changed_the_text(clerk_client, dataset):
    treatment = council_treatment()
    data = subject_post(treatment, default="against", changed_text="on")
    response = clerk_client.post(reverse("clerk:amendment_create", args=[treatment.pk]), data)
    assert response.status_code == 200
    assert "Alleen een aangenomen amendement kan de tekst hebben gewijzigd" in (
        response.content.decode()
    )
    assert not Amendment.objects.exists()


def test_an_amendment_needs_a_sponsor_and_a_title(clerk_client, dataset):
    treatment = council_treatment()
    data = subject_post(treatment, sponsors=(), title="")
    response = clerk_client.post(reverse("clerk:amendment_create", args=[treatment.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("Dit veld is verplicht.") >= 2
    assert "Voeg toe: de raden worden elk kwartaal geïnformeerd." in page
    assert not Amendment.objects.exists()


@pytest.mark.parametrize(
    ("method", "outcome"), [("postponed", "postponed"), ("withdrawn", "withdrawn")]
)
def test_a_motion_can_be_held_or_withdrawn_without_a_vote(clerk_client, dataset, method, outcome):
    treatment = council_treatment()
    data = subject_post(treatment, method=method, code="M1", title="Medewerkers Drechtwerk")
    response = clerk_client.post(reverse("clerk:motion_create", args=[treatment.pk]), data)
    assert response.status_code == 302
    motion = Motion.objects.get()
    assert motion.outcome == outcome
    assert not hasattr(motion, "vote") or motion.vote is None


def test_a_voted_motion_is_rejected_by_the_majority(clerk_client, dataset):
    treatment = council_treatment()
    data = subject_post(
        treatment,
        default="against",
        votes={"VSP": (4, 0, 0)},
        code="M2",
        title="Geen gedwongen winkelnering",
    )
    response = clerk_client.post(reverse("clerk:motion_create", args=[treatment.pk]), data)
    assert response.status_code == 302
    motion = Motion.objects.get()
    assert motion.outcome == "rejected"
    assert (motion.vote.votes_for, motion.vote.votes_against) == (4, 35)


def test_correcting_a_motion_needs_a_reason(clerk_client, dataset):
    treatment = council_treatment()
    clerk_client.post(
        reverse("clerk:motion_create", args=[treatment.pk]),
        subject_post(treatment, default="against", code="M3", title="Motie"),
    )
    motion = Motion.objects.get()
    url = reverse("clerk:motion_edit", args=[motion.pk])
    data = subject_post(treatment, code="M3", title="Motie", revision=motion.revision)
    assert "Geef aan waarom" in clerk_client.post(url, data).content.decode()
    data["reason"] = "Verkeerd genoteerd"
    assert clerk_client.post(url, data).status_code == 302
    motion.refresh_from_db()
    assert motion.outcome == "adopted"
    assert motion.history.first().history_is_correction
    assert reason_text(motion.history.first()) == "Correctie: Verkeerd genoteerd"


def test_a_zienswijze_is_versioned_and_shown_beside_the_others(clerk_client, dataset):
    url = reverse("clerk:opinion", args=[CONCEPT, "dordrecht"])
    response = clerk_client.post(
        url, {"revision": 1, "text": "Dordrecht stemt in.", "submitted_on": "2022-07-14"}
    )
    assert response.status_code == 302
    opinion = Opinion.objects.get()
    assert opinion.treatment == council_treatment()
    # A change needs a reason and creates a second version.
    data = {
        "revision": opinion.revision,
        "text": "Dordrecht stemt in, met één wens.",
        "submitted_on": "2022-07-14",
    }
    assert "Geef aan waarom" in clerk_client.post(url, data).content.decode()
    assert clerk_client.post(url, {**data, "reason": "Wens toegevoegd"}).status_code == 302
    assert [h.text for h in opinion.history.order_by("history_date")] == [
        "Dordrecht stemt in.",
        "Dordrecht stemt in, met één wens.",
    ]
    Opinion.objects.create(
        decision=opinion.decision,
        municipality=council_treatment("sliedrecht").body.municipality,
        text="Sliedrecht heeft zorgen over de kosten.",
    )
    page = clerk_client.get(reverse("decision_detail", args=[CONCEPT])).content.decode()
    assert "met één wens" in page and "zorgen over de kosten" in page


def test_a_zienswijze_cannot_predate_the_draft(clerk_client, dataset):
    url = reverse("clerk:opinion", args=[CONCEPT, "dordrecht"])
    response = clerk_client.post(
        url, {"revision": 1, "text": "Vroeg", "submitted_on": "2022-03-01"}
    )
    assert "kan niet zijn ingediend vóór het voorstel er was (1 juni 2022)" in (
        response.content.decode()
    )
    assert not Opinion.objects.exists()


def test_checking_marks_and_a_later_change_withdraws_the_mark(
    clerk_client, dataset, dordrecht_clerk
):
    check_url = reverse("clerk:record_check", args=[CONCEPT, "dordrecht"])
    assert clerk_client.post(check_url).status_code == 302
    check = RecordCheck.objects.get()
    assert check.checked_by == dordrecht_clerk
    page = clerk_client.get(reverse("clerk:workspace")).content.decode()
    assert "gecontroleerd" in page and "door de griffie op" in page
    clerk_client.post(
        reverse("clerk:opinion", args=[CONCEPT, "dordrecht"]), {"revision": 1, "text": "Nieuw"}
    )
    assert not RecordCheck.objects.exists()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_recorded_motion_links_to_its_own_history(clerk_client, dataset, language):
    treatment = council_treatment()
    motion = Motion.objects.create(treatment=treatment, title="Motie", text="…")
    clerk_client.post(reverse("set_language"), {"language": language, "next": "/"})
    page = clerk_client.get(reverse("clerk:motion_edit", args=[motion.pk])).content.decode()
    assert reverse("history:list", args=["motie", motion.pk]) in page
