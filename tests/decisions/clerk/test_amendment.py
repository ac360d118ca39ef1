"""Amendments (clerk:amendment_create, clerk:amendment_edit): sponsors, a vote of their own, and
only an adopted one may have changed the text; councils have amendments, colleges do not.
"""

from django.urls import reverse

from decisions.models import Amendment
from gr_portal.core.history import reason_text
from tests.decisions.clerk.helpers import (
    college_treatment,
    council_treatment,
    scheduled,
    subject_post,
    treatment_post,
)


def test_an_amendment_with_its_own_vote_and_sponsors(clerk_client, dataset):
    treatment = scheduled(council_treatment())
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
    treatment = scheduled(council_treatment())
    data = subject_post(treatment, default="against", changed_text="on")
    response = clerk_client.post(reverse("clerk:amendment_create", args=[treatment.pk]), data)
    assert response.status_code == 200
    assert "Alleen een aangenomen amendement kan de tekst hebben gewijzigd" in (
        response.content.decode()
    )
    assert not Amendment.objects.exists()


def test_an_amendment_needs_a_sponsor_and_a_title(clerk_client, dataset):
    treatment = scheduled(council_treatment())
    data = subject_post(treatment, sponsors=(), title="")
    response = clerk_client.post(reverse("clerk:amendment_create", args=[treatment.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("Dit veld is verplicht.") >= 2
    assert "Voeg toe: de raden worden elk kwartaal geïnformeerd." in page
    assert not Amendment.objects.exists()


def test_correcting_an_amendment_needs_a_reason_and_is_marked_as_a_correction(
    clerk_client, dataset
):
    treatment = scheduled(council_treatment())
    clerk_client.post(
        reverse("clerk:amendment_create", args=[treatment.pk]),
        subject_post(treatment, default="against"),
    )
    amendment = Amendment.objects.get()
    assert amendment.outcome == "rejected"
    url = reverse("clerk:amendment_edit", args=[amendment.pk])
    data = subject_post(treatment, revision=amendment.revision)
    assert "Geef aan waarom" in clerk_client.post(url, data).content.decode()
    amendment.refresh_from_db()
    assert amendment.outcome == "rejected"
    data["reason"] = "Stemmen verkeerd genoteerd"
    assert clerk_client.post(url, data).status_code == 302
    amendment.refresh_from_db()
    assert amendment.outcome == "adopted"
    latest = amendment.history.first()
    assert latest.history_is_correction
    assert latest.history_change_reason == "Stemmen verkeerd genoteerd"
    assert reason_text(latest) == "Correctie: Stemmen verkeerd genoteerd"


def test_amendments_belong_to_councils_not_colleges(client, dordrecht_clerk, dataset):
    client.force_login(dordrecht_clerk)
    url = reverse("clerk:amendment_create", args=[college_treatment().pk])
    assert client.get(url).status_code == 404


def test_an_amendment_is_voted_in_its_treatments_meeting(clerk_client, dataset):
    """Before the treatment has a meeting there is no presentielijst to vote from: the form
    says where to choose it, and saves nothing."""
    treatment = council_treatment()
    url = reverse("clerk:amendment_create", args=[treatment.pk])
    page = clerk_client.get(url).content.decode()
    assert "De behandeling heeft nog geen vergadering" in page
    response = clerk_client.post(url, subject_post(treatment))
    assert response.status_code == 200
    assert "De behandeling heeft nog geen vergadering" in response.content.decode()
    assert not Amendment.objects.exists()


def test_the_presentielijst_link_puts_the_treatment_on_the_meetings_agenda(clerk_client, dataset):
    """ "Presentielijst invullen" on the treatment creates the meeting and puts the treatment
    on its agenda (undecided), so that its amendments are voted in that meeting."""
    treatment = council_treatment()
    data = treatment_post(treatment, action="attendance")
    response = clerk_client.post(reverse("clerk:treatment", args=[treatment.pk]), data)
    assert response.status_code == 302
    treatment.refresh_from_db()
    assert treatment.meeting is not None
    assert treatment.outcome == ""
    assert response["Location"].startswith(reverse("clerk:attendance", args=[treatment.meeting.pk]))
    assert "Geagendeerd" in treatment.history.first().history_change_reason
    page = clerk_client.get(reverse("clerk:amendment_create", args=[treatment.pk])).content
    assert "De behandeling heeft nog geen vergadering" not in page.decode()
