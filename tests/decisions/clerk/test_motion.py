"""Motions (clerk:motion_create, clerk:motion_edit): voted, held or withdrawn; a correction needs a
reason; each links to its own history.
"""

import pytest
from django.urls import reverse

from decisions.models import Motion
from gr_portal.core.history import reason_text
from tests.decisions.clerk.helpers import council_treatment, scheduled, subject_post


@pytest.mark.parametrize(
    ("method", "outcome"), [("postponed", "postponed"), ("withdrawn", "withdrawn")]
)
def test_a_motion_can_be_held_or_withdrawn_without_a_vote(clerk_client, dataset, method, outcome):
    treatment = scheduled(council_treatment())
    data = subject_post(treatment, method=method, code="M1", title="Medewerkers Drechtwerk")
    response = clerk_client.post(reverse("clerk:motion_create", args=[treatment.pk]), data)
    assert response.status_code == 302
    motion = Motion.objects.get()
    assert motion.outcome == outcome
    assert not hasattr(motion, "vote") or motion.vote is None


def test_a_voted_motion_is_rejected_by_the_majority(clerk_client, dataset):
    treatment = scheduled(council_treatment())
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
    treatment = scheduled(council_treatment())
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


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_recorded_motion_links_to_its_own_history(clerk_client, recorded_vote, language):
    motion = recorded_vote.motions.get(code="M1")
    clerk_client.post(reverse("set_language"), {"language": language, "next": "/"})
    page = clerk_client.get(reverse("clerk:motion_edit", args=[motion.pk])).content.decode()
    assert reverse("history:list", args=["motie", motion.pk]) in page
