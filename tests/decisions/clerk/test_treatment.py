"""Recording a treatment (clerk:treatment, decisions.clerk.views.treatment_record): one form per
treatment, the outcome derived by the rules, nothing saved on error, corrections with a reason.
"""

import pytest
from django.conf import settings
from django.urls import reverse

from councils.models import Meeting
from decisions.models import FractieVote, Treatment, Vote
from gr_portal.core.history import reason_text
from tests.decisions.clerk.helpers import (
    college_treatment,
    council_treatment,
    member_of,
    treatment_post,
)


def url(treatment):
    return reverse("clerk:treatment", args=[treatment.pk])


def nothing_recorded(treatment):
    treatment.refresh_from_db()
    return (
        treatment.outcome == ""
        and treatment.revision == 1
        and not Meeting.objects.exists()
        and not Vote.objects.exists()
        and not FractieVote.objects.exists()
    )


def test_the_form_shows_the_fracties_and_seats_of_the_term(clerk_client, dataset):
    treatment = council_treatment()
    response = clerk_client.get(url(treatment))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Stemming per fractie" in page
    assert "Beter voor Dordt" in page
    assert "Op Ons Eiland" in page
    assert "De raad telt 39 zetels" in page
    # Every member of a fractie is voor, tegen, onthouden (art. 28) or afwezig; each input has
    # its own label.
    assert "Onthouden (art. 28)" in page
    sp = member_of(treatment, "SP")
    label = f'<label class="visually-hidden" for="id_member-{sp.member.pk}-choice">'
    assert f"{label}{sp.label}: stem</label>" in page


def test_preview_derives_the_outcome_and_saves_nothing(clerk_client, dataset):
    treatment = council_treatment()
    data = treatment_post(treatment, action="preview", votes={"VVD": (0, 6, 0), "PVV": (0, 1, 0)})
    response = clerk_client.post(url(treatment), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Uitkomst volgens de regels" in page
    assert "Aangenomen met 32 stemmen voor en 7 tegen" in page
    assert nothing_recorded(treatment)


def test_saving_records_meeting_outcome_version_and_per_fractie_vote(
    clerk_client, dataset, dordrecht_clerk
):
    treatment = council_treatment()
    data = treatment_post(treatment, votes={"VVD": (0, 6, 0), "SP": (0, 0, 0, 1)})
    response = clerk_client.post(url(treatment), data)
    assert response.status_code == 302
    treatment.refresh_from_db()
    assert treatment.outcome == "adopted"
    assert treatment.version.number == 1
    assert treatment.meeting.starts_at.date().isoformat() == "2022-07-12"
    assert treatment.meeting.location == "Raadzaal"
    vote = treatment.vote
    assert (vote.method, vote.members_present, vote.votes_for, vote.votes_against) == (
        "per_fractie",
        38,
        32,
        6,
    )
    assert vote.fractie_votes.count() == 14
    vvd = vote.fractie_votes.get(fractie__name="VVD")
    assert (vvd.seats, vvd.votes_for, vvd.votes_against) == (6, 0, 6)
    assert vote.fractie_votes.get(fractie__name="SP").absent == 1
    latest = treatment.history.first()
    assert latest.history_user == dordrecht_clerk
    assert latest.history_change_reason == "Vastgelegd door de griffie"


def test_a_fractie_with_more_votes_than_seats_is_refused_beside_its_row(clerk_client, dataset):
    treatment = council_treatment()
    data = treatment_post(treatment, votes={"VVD": (7, 0, 0)})
    response = clerk_client.post(url(treatment), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Er is niets opgeslagen" in page
    assert "VVD heeft 6 leden, maar er zijn er 7 ingevuld" in page
    assert 'aria-invalid="true"' in page
    assert 'value="7"' in page  # what the clerk typed is still there
    assert nothing_recorded(treatment)


def test_more_votes_than_members_present_is_refused(clerk_client, dataset):
    """A VVD member is absent but the fractie's row says all six voted for."""
    treatment = council_treatment()
    data = treatment_post(treatment, votes={"VVD": (6, 0, 0, 1)})
    response = clerk_client.post(url(treatment), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "VVD heeft 6 leden, maar er zijn er 7 ingevuld" in page
    assert "1 te veel" in page
    assert nothing_recorded(treatment)


def test_members_present_who_are_not_accounted_for_are_refused(clerk_client, dataset):
    """All 39 present but only 16 votes typed, the other rows left at nothing: the old bug
    recorded this as adopted unanimously. Now each incomplete row is refused beside itself."""
    treatment = council_treatment()
    votes = {"VVD": (6, 0, 0, 0), "GroenLinks": (6, 0, 0, 0), "Beter voor Dordt": (4, 0, 0, 1)}
    data = treatment_post(treatment, votes=votes, default="blank")
    response = clerk_client.post(url(treatment), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "PvdA heeft 2 leden, maar er zijn er 0 ingevuld" in page
    assert page.count("staat niet vast of") == 11  # the eleven fracties left blank
    assert "Gemeentewet art. 28" in page
    assert nothing_recorded(treatment)


def test_a_fractie_row_that_leaves_members_out_is_refused_beside_its_row(clerk_client, dataset):
    treatment = council_treatment()
    data = treatment_post(treatment, votes={"Beter voor Dordt": (4, 0, 0)})
    page = clerk_client.post(url(treatment), data).content.decode()
    assert "Beter voor Dordt heeft 5 leden, maar er zijn er 4 ingevuld" in page
    assert "van 1 lid staat niet vast" in page
    assert nothing_recorded(treatment)


def test_a_fully_absent_fractie_is_entered_as_absent(clerk_client, dataset):
    treatment = council_treatment()
    # Zeros for a fractie leave its member unaccounted for: refused beside its row.
    response = clerk_client.post(url(treatment), treatment_post(treatment, votes={"SP": (0, 0, 0)}))
    assert "SP heeft 1 lid, maar er zijn er 0 ingevuld" in response.content.decode()
    assert nothing_recorded(treatment)
    response = clerk_client.post(
        url(treatment), treatment_post(treatment, votes={"SP": (0, 0, 0, 1)})
    )
    assert response.status_code == 302
    sp = FractieVote.objects.get(vote__treatment=treatment, fractie__name="SP")
    assert (sp.votes_for, sp.votes_against, sp.not_taking_part, sp.absent) == (0, 0, 0, 1)


def test_without_quorum_nothing_is_decided(clerk_client, dataset):
    treatment = council_treatment()
    # 19 of 39 present (VVD, GroenLinks, Beter voor Dordt, PvdA): not more than half.
    votes = {name: (n, 0, 0, 0) for name, n in [("VVD", 6), ("GroenLinks", 6), ("PvdA", 2)]}
    votes["Beter voor Dordt"] = (0, 5, 0, 0)
    data = treatment_post(treatment, default="absent", votes=votes)
    response = clerk_client.post(url(treatment), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Geen quorum" in page
    assert "Gemeentewet art. 20 lid 1" in page
    assert nothing_recorded(treatment)


def test_an_invalid_vote_is_recorded_as_an_outcome(clerk_client, dataset):
    """21 of 39 present, 3 of them must abstain: 18 taking part is not more than half of the 36
    who could (Gemeentewet art. 29 lid 1). Not a form error: the outcome 'stemming ongeldig'."""
    treatment = council_treatment()
    votes = {
        "VVD": (6, 0, 0, 0),
        "GroenLinks": (0, 6, 0, 0),
        "Beter voor Dordt": (2, 0, 3, 0),
        "ChristenUnie-SGP": (4, 0, 0, 0),
    }
    data = treatment_post(treatment, default="absent", votes=votes, action="preview")
    page = clerk_client.post(url(treatment), data).content.decode()
    assert "Stemming ongeldig" in page
    assert "Gemeentewet art. 29 lid 1" in page
    data = treatment_post(treatment, default="absent", votes=votes)
    assert clerk_client.post(url(treatment), data).status_code == 302
    treatment.refresh_from_db()
    assert treatment.outcome == "invalid"
    assert (treatment.vote.votes_for, treatment.vote.votes_against) == (12, 6)


def test_a_meeting_before_the_decision_existed_is_refused(clerk_client, dataset):
    treatment = council_treatment()
    response = clerk_client.post(
        url(treatment), treatment_post(treatment, meeting_date="2022-05-31")
    )
    page = response.content.decode()
    assert "vóór het besluit werd voorgelegd (1 juni 2022)" in page
    assert 'value="2022-05-31"' in page
    assert nothing_recorded(treatment)


def test_a_meeting_outside_the_council_term_is_refused(clerk_client, dataset):
    treatment = council_treatment()
    response = clerk_client.post(
        url(treatment), treatment_post(treatment, meeting_date="2026-06-02")
    )
    assert "valt buiten elke vastgelegde raadsperiode van Dordrecht" in response.content.decode()
    assert nothing_recorded(treatment)


def test_a_hamerstuk_is_adopted_unanimously(clerk_client, dataset):
    """Four VVD members absent: the 35 present are deemed to have voted for (art. 32 lid 3)."""
    treatment = council_treatment()
    data = treatment_post(treatment, method="without_vote", votes={"VVD": (0, 0, 0, 4)})
    response = clerk_client.post(url(treatment), data)
    assert response.status_code == 302
    treatment.refresh_from_db()
    assert treatment.outcome == "adopted"
    assert (treatment.vote.votes_for, treatment.vote.votes_against) == (35, 0)
    assert treatment.vote.fractie_votes.count() == 0
    assert treatment.vote.member_votes.filter(choice="absent").count() == 4


def test_a_hamerstuk_with_aantekening_records_who_is_deemed_against(clerk_client, dataset):
    """Members who ask for "aantekening" are deemed to have voted against (art. 32 lid 3)."""
    treatment = council_treatment()
    sp = member_of(treatment, "SP")
    data = treatment_post(treatment, method="without_vote")
    data[f"member-{sp.member.pk}-choice"] = "noted_against"
    response = clerk_client.post(url(treatment), data)
    assert response.status_code == 302
    treatment.refresh_from_db()
    assert treatment.outcome == "adopted"
    assert (treatment.vote.votes_for, treatment.vote.votes_against) == (38, 1)
    noted = treatment.vote.member_votes.get()
    assert (noted.member_id, noted.choice) == (sp.member.pk, "noted_against")


def test_a_tie_in_a_council_that_is_not_full_postpones_to_a_next_round(clerk_client, dataset):
    treatment = council_treatment()
    # 38 present (Gewoon Dordt absent): 19 for, 19 against.
    votes = {
        "VVD": (0, 6, 0),
        "GroenLinks": (0, 6, 0),
        "Beter voor Dordt": (0, 5, 0),
        "PvdA": (0, 2, 0),
        "Gewoon Dordt": (0, 0, 0, 1),
    }
    response = clerk_client.post(url(treatment), treatment_post(treatment, votes=votes))
    assert response.status_code == 302
    treatment.refresh_from_db()
    assert treatment.outcome == "postponed"
    next_round = Treatment.objects.get(decision=treatment.decision, body=treatment.body, round=2)
    assert next_round.outcome == ""
    # The next meeting ties again: now the proposal is rejected.
    response = clerk_client.post(
        url(next_round),
        treatment_post(next_round, votes=votes, meeting_date="2022-09-15"),
    )
    assert response.status_code == 302
    next_round.refresh_from_db()
    assert next_round.outcome == "rejected"


def test_a_tie_in_a_full_council_rejects(clerk_client, dataset):
    treatment = council_treatment(slug="hardinxveld-giessendam")
    clerk_client.force_login(_clerk_of(treatment))
    # 17 seats cannot tie when all vote; one member must abstain (art. 28), so the 16 who may
    # vote all did: voltallig (Gemeentewet art. 32 lid 6), and the tie rejects (lid 5).
    votes = {
        "T@B": (5, 0, 0),
        "SGP": (3, 1, 1),
        "ChristenUnie": (0, 4, 0),
        "PvdA": (0, 2, 0),
        "CDA": (0, 1, 0),
    }
    response = clerk_client.post(url(treatment), treatment_post(treatment, votes=votes))
    assert response.status_code == 302
    treatment.refresh_from_db()
    assert treatment.outcome == "rejected"


def _clerk_of(treatment):
    from django.contrib.auth import get_user_model

    from councils.models import ClerkMembership
    from councils.roles import CLERK
    from gr_portal.roles import ensure_roles

    user = get_user_model().objects.create_user(f"griffie-{treatment.body.municipality.slug}")
    user.groups.add(ensure_roles()[CLERK])
    ClerkMembership.objects.create(user=user, municipality=treatment.body.municipality)
    return user


def test_postponed_without_a_vote_cannot_carry_counts(clerk_client, dataset):
    treatment = council_treatment()
    data = treatment_post(treatment, method="postponed")
    data.update({k: v for k, v in treatment_post(treatment).items() if k.startswith("fractie-")})
    response = clerk_client.post(url(treatment), data)
    assert "niet in stemming gebracht" in response.content.decode()
    assert nothing_recorded(treatment)


def test_withdrawn_without_a_vote(clerk_client, dataset):
    treatment = council_treatment()
    response = clerk_client.post(url(treatment), treatment_post(treatment, method="withdrawn"))
    assert response.status_code == 302
    treatment.refresh_from_db()
    assert treatment.outcome == "withdrawn"
    assert not Vote.objects.exists()


def test_a_college_decision_is_recorded_without_a_vote(clerk_client, dataset):
    treatment = college_treatment()
    data = {
        "revision": 1,
        "meeting": "",
        "meeting_date": "2022-06-14",
        "meeting_time": "10:00",
        "meeting_location": "",
        "version": treatment.decision.versions.get().pk,
        "executive_outcome": "adopted",
        "notes": "",
        "save": "1",
    }
    response = clerk_client.post(url(treatment), data)
    assert response.status_code == 302
    treatment.refresh_from_db()
    assert treatment.outcome == "adopted"
    assert treatment.meeting.body == treatment.body


def test_correcting_a_recorded_vote_needs_a_reason_and_keeps_the_earlier_record(
    clerk_client, dataset, dordrecht_clerk
):
    treatment = council_treatment()
    clerk_client.post(url(treatment), treatment_post(treatment, votes={"VVD": (0, 6, 0)}))
    treatment.refresh_from_db()
    meeting = treatment.meeting_id
    # Without a reason: refused, nothing changes.
    data = treatment_post(treatment, votes={"VVD": (5, 1, 0)}, meeting=meeting, meeting_date="")
    response = clerk_client.post(url(treatment), data)
    assert "Geef aan waarom u een eerder vastgelegde uitkomst wijzigt." in response.content.decode()
    assert treatment.vote.fractie_votes.get(fractie__name="VVD").votes_for == 0
    # With a reason: stored as a correction; the earlier counts stay in history.
    data["reason"] = "VVD stemde verdeeld, zie notulen"
    assert clerk_client.post(url(treatment), data).status_code == 302
    vvd = FractieVote.objects.get(vote__treatment=treatment, fractie__name="VVD")
    assert (vvd.votes_for, vvd.votes_against) == (5, 1)
    versions = list(vvd.history.order_by("history_date"))
    assert [(v.votes_for, v.votes_against) for v in versions] == [(0, 6), (5, 1)]
    assert versions[-1].history_is_correction
    assert reason_text(versions[-1]) == "Correctie: VVD stemde verdeeld, zie notulen"
    assert versions[-1].history_user == dordrecht_clerk
    assert treatment.history.first().history_is_correction
    assert reason_text(treatment.history.first()).startswith("Correctie:")


def test_a_save_from_a_stale_form_is_refused_and_shows_what_changed(clerk_client, dataset):
    treatment = council_treatment()
    stale = treatment_post(treatment, votes={"VVD": (0, 6, 0)})  # loaded at revision 1
    # Meanwhile a colleague records the outcome.
    assert clerk_client.post(url(treatment), treatment_post(treatment)).status_code == 302
    treatment.refresh_from_db()
    before = (treatment.revision, treatment.vote.votes_for)
    response = clerk_client.post(url(treatment), {**stale, "reason": "tweede griffier"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "iemand anders wijzigde dit record intussen" in page
    assert "Uitkomst" in page  # the changed field is listed
    treatment.refresh_from_db()
    assert (treatment.revision, treatment.vote.votes_for) == before
    assert f'name="revision" value="{treatment.revision}"' in page


def test_a_correction_made_in_english_is_stored_and_shown_as_a_correction(
    client, recorded_vote, dordrecht_clerk
):
    """The flag is data: a clerk reading the portal in English corrects a recorded vote; the
    history stores the reason as typed and shows it, in Dutch, as a correction."""
    treatment = recorded_vote
    client.force_login(dordrecht_clerk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    data = treatment_post(
        treatment,
        votes={"VVD": (5, 1, 0)},
        meeting=treatment.meeting_id,
        meeting_date="",
        reason="telfout in de notulen",
    )
    response = client.post(url(treatment), data, follow=True)
    assert response.redirect_chain, response.content.decode()[:3000]
    assert response["Content-Language"] == "en"  # the clerk did read the portal in English
    row = treatment.history.order_by("-history_date", "-history_id").first()
    assert row.history_is_correction is True
    assert row.history_change_reason == "telfout in de notulen"  # not "Correction: …"
    vvd = FractieVote.objects.get(vote__treatment=treatment, fractie__name="VVD")
    vvd_row = vvd.history.order_by("-history_date", "-history_id").first()
    assert (vvd_row.votes_for, vvd_row.history_is_correction) == (5, True)
    assert vvd_row.history_change_reason == "telfout in de notulen"

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    page = client.get(reverse("history:list", args=["behandeling", treatment.pk]))
    assert page["Content-Language"] == "nl"
    text = page.content.decode()
    assert '<span class="history-label history-correction">correctie</span>' in text
    assert "Correctie: telfout in de notulen" in text
    assert "Correction" not in text


@pytest.mark.parametrize(("method", "expected"), [("per_fractie", 30), ("roll_call", 32)])
def test_saving_a_vote_costs_the_same_queries_however_many_fracties(
    client, dataset, dordrecht_clerk, sliedrecht_clerk, method, expected
):
    """Dordrecht's council has 14 fracties and 39 members, Sliedrecht's 6 and 21: the save
    (validation against the term, the vote, its fractie rows and member rows, their history)
    is read and written in bulk, so both cost the same number of queries: 30 per fractie, 32
    in a roll call with its member rows (the session and
    user, the clerk's scope, the treatment, the term's council that day, the meeting, the
    treatment, vote, fractie and member rows with their history, the data version, the
    griffie's check withdrawn)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for clerk, slug in ((dordrecht_clerk, "dordrecht"), (sliedrecht_clerk, "sliedrecht")):
        treatment = council_treatment(slug)
        data = treatment_post(treatment, method=method)
        client.force_login(clerk)
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url(treatment), data)
        assert response.status_code == 302, response.content.decode()[:2000]
        counts[slug] = len(queries)
    fracties = {
        slug: Treatment.objects.get(pk=council_treatment(slug).pk).vote.fractie_votes.count()
        for slug in counts
    }
    assert fracties["dordrecht"] > fracties["sliedrecht"]
    assert counts["dordrecht"] == counts["sliedrecht"] == expected, counts
