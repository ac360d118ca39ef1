"""A vote of GR Sociaal's algemeen bestuur, recorded by its program office with the weights of
the regeling's own method: the outcome derived, the weights kept, the history attributed."""

import pytest
from django.urls import reverse

from councils.models import Body, Regeling
from decisions.models import BoardVote, Decision, DecisionVersion, Treatment
from gr_portal.core.choices import BodyKind, Outcome, Purpose

#: The seven participants of GR Sociaal; Dordrecht alone has more inhabitants than the three
#: smallest together, so under the population method it matters how it votes.
ALL = [
    "alblasserdam",
    "dordrecht",
    "hardinxveld-giessendam",
    "hendrik-ido-ambacht",
    "papendrecht",
    "sliedrecht",
    "zwijndrecht",
]


@pytest.fixture
def sociaal(dataset):
    regeling = Regeling.objects.get(slug="gr-sociaal")
    regeling.ab_weighting = "population"
    regeling.save()
    return regeling


@pytest.fixture
def board_treatment(sociaal):
    decision = Decision.objects.get(slug="concept-gr-tekst-2022")
    board = Body.objects.get(regeling=sociaal, kind=BodyKind.GENERAL_BOARD)
    return Treatment.objects.create(decision=decision, body=board, purpose=Purpose.DECISION)


def url(treatment):
    return reverse("board:vote", args=[treatment.pk])


def form_data(treatment, sociaal, choices, button="opslaan", **extra):
    version = DecisionVersion.objects.filter(decision=treatment.decision).order_by("number")[0]
    data = {
        "revision": treatment.revision,
        "meeting_date": "2022-07-14",
        "version": version.pk,
        "threshold": "meerderheid",
        button: "1",
        **extra,
    }
    for municipality in sociaal.participants.all():
        choice = choices.get(municipality.slug)
        if choice:
            data[f"stem_{municipality.pk}"] = choice
    return data


def weights(sociaal):
    populations = {m.slug: m.population for m in sociaal.participants.all()}
    return populations


def test_a_weighted_vote_is_recorded_with_its_outcome_and_weights(
    client, program_office, sociaal, board_treatment
):
    population = weights(sociaal)
    choices = dict.fromkeys(ALL, "against") | {"dordrecht": "for", "zwijndrecht": "for"}
    client.force_login(program_office)
    response = client.post(url(board_treatment), form_data(board_treatment, sociaal, choices))
    assert response.status_code == 302
    assert response["Location"] == sociaal.get_absolute_url()
    vote = BoardVote.objects.get(treatment=board_treatment)
    expected_for = population["dordrecht"] + population["zwijndrecht"]
    expected_against = sum(population.values()) - expected_for
    assert vote.weight_for == expected_for
    assert vote.weight_against == expected_against
    assert vote.method == "population"
    assert vote.lines.count() == 7
    board_treatment.refresh_from_db()
    expected = Outcome.ADOPTED if expected_for > expected_against else Outcome.REJECTED
    assert board_treatment.outcome == expected
    assert board_treatment.meeting.body.kind == BodyKind.GENERAL_BOARD
    row = BoardVote.history.get(treatment_id=board_treatment.pk)
    assert row.history_user == program_office
    page = client.get(sociaal.get_absolute_url()).content.decode()
    assert "Stemmingen in het algemeen bestuur" in page
    assert f"{expected_for} / {expected_against} / 0" in page


def test_equal_weights_count_heads(client, program_office, sociaal, board_treatment):
    sociaal.ab_weighting = "equal"
    sociaal.save()
    choices = dict.fromkeys(ALL, "against") | {"dordrecht": "for", "zwijndrecht": "for"}
    client.force_login(program_office)
    client.post(url(board_treatment), form_data(board_treatment, sociaal, choices))
    board_treatment.refresh_from_db()
    assert board_treatment.outcome == Outcome.REJECTED  # 2 against 5


def test_the_result_is_shown_before_anything_is_saved(
    client, program_office, sociaal, board_treatment
):
    choices = dict.fromkeys(ALL, "for") | {"sliedrecht": "absent"}
    client.force_login(program_office)
    response = client.post(
        url(board_treatment), form_data(board_treatment, sociaal, choices, button="berekenen")
    )
    assert response.status_code == 200
    assert "Aangenomen" in response.content.decode()
    assert not BoardVote.objects.exists()


def test_every_participant_needs_a_choice_and_nothing_is_half_saved(
    client, program_office, sociaal, board_treatment
):
    choices = dict.fromkeys(ALL, "for")
    del choices["papendrecht"]
    client.force_login(program_office)
    response = client.post(url(board_treatment), form_data(board_treatment, sociaal, choices))
    assert response.status_code == 400
    assert "Kies hoe deze deelnemer stemde." in response.content.decode()
    assert response.context["form"].data["meeting_date"] == "2022-07-14"
    assert not BoardVote.objects.exists()
    board_treatment.refresh_from_db()
    assert board_treatment.outcome == ""


def test_a_correction_needs_a_reason_and_is_marked_as_one(
    client, program_office, sociaal, board_treatment
):
    client.force_login(program_office)
    client.post(
        url(board_treatment), form_data(board_treatment, sociaal, dict.fromkeys(ALL, "for"))
    )
    board_treatment.refresh_from_db()
    against = dict.fromkeys(ALL, "against")
    response = client.post(url(board_treatment), form_data(board_treatment, sociaal, against))
    assert response.status_code == 400
    assert "reden van de correctie" in response.content.decode()
    response = client.post(
        url(board_treatment),
        form_data(board_treatment, sociaal, against, reason="Telfout in de notulen"),
    )
    assert response.status_code == 302
    board_treatment.refresh_from_db()
    assert board_treatment.outcome == Outcome.REJECTED
    latest = BoardVote.history.filter(treatment_id=board_treatment.pk).first()
    assert latest.history_is_correction
    assert latest.history_change_reason == "Telfout in de notulen"


def test_a_stale_form_is_refused(client, program_office, sociaal, board_treatment):
    client.force_login(program_office)
    stale = form_data(board_treatment, sociaal, dict.fromkeys(ALL, "for"))
    client.post(url(board_treatment), stale)
    response = client.post(url(board_treatment), {**stale, "reason": "nogmaals"})
    assert response.status_code == 400
    assert "Iemand anders heeft deze stemming intussen gewijzigd" in response.content.decode()


def test_a_meeting_before_the_proposal_existed_is_refused(
    client, program_office, sociaal, board_treatment
):
    client.force_login(program_office)
    data = form_data(board_treatment, sociaal, dict.fromkeys(ALL, "for"), meeting_date="2019-01-01")
    response = client.post(url(board_treatment), data)
    assert response.status_code == 400
    assert not BoardVote.objects.exists()


@pytest.mark.parametrize("who", ["other_office", "dordrecht_clerk", "council_member"])
def test_only_the_regelings_office_records_board_votes(
    client, request, who, sociaal, board_treatment
):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(board_treatment)).status_code == 403
    data = form_data(board_treatment, sociaal, dict.fromkeys(ALL, "for"))
    assert client.post(url(board_treatment), data).status_code == 403
    assert not BoardVote.objects.exists()


def test_anonymous_users_are_sent_to_log_in(client, board_treatment):
    response = client.get(url(board_treatment))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_a_councils_treatment_is_not_a_board_vote(client, program_office, dataset):
    council = Treatment.objects.filter(body__kind=BodyKind.COUNCIL).first()
    client.force_login(program_office)
    assert client.get(url(council)).status_code == 404


def test_the_form_costs_a_fixed_number_of_queries(
    client, program_office, board_treatment, django_assert_num_queries
):
    client.force_login(program_office)
    client.get(url(board_treatment))
    # session, user, role, the treatment with its bodies, decision and meeting, the served
    # regelingen, the vote (none yet, so no lines), the participants, their stated weights, the
    # menu's clerk check and permissions (three), the text versions of the choice
    with django_assert_num_queries(12):
        client.get(url(board_treatment))
