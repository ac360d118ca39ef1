"""Restoring an earlier version (history:restore, decisions.history.services.restore): for the
programmabureau only, with a reason, as a new version; nothing saved when it cannot be done.
"""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from decisions.history import reading as history
from decisions.history import services
from decisions.models import Treatment
from gr_portal.core.choices import Outcome
from milestones.models import Milestone
from tests.decisions.history.helpers import (
    CORRECTED_NOTE,
    LONG_NOTE,
    edit,
    history_url,
    latest_row,
    record_outcome,
    restore_url,
    unpublish,
)

pytestmark = pytest.mark.django_db


def test_the_program_office_sees_a_restore_button_per_older_version(
    client, edited_treatment, program_office
):
    client.force_login(program_office)
    page = client.get(history_url("behandeling", edited_treatment.pk)).content.decode()
    versions = history.versions(edited_treatment)
    assert page.count("Herstel deze versie") == len(versions) - 1
    assert restore_url("behandeling", edited_treatment.pk, versions[0].history_id) not in page
    assert restore_url("behandeling", edited_treatment.pk, versions[1].history_id) in page


@pytest.mark.parametrize("user", [None, "council_member", "dordrecht_clerk"])
def test_others_see_no_restore_button(client, edited_treatment, request, user):
    if user:
        client.force_login(request.getfixturevalue(user))
    page = client.get(history_url("behandeling", edited_treatment.pk)).content.decode()
    assert "Herstel deze versie" not in page


def test_the_program_office_restores_an_earlier_version(client, edited_treatment, program_office):
    versions = history.versions(edited_treatment)
    loaded = versions[-1]  # the dataset's version, without notes
    before = edited_treatment.history.count()
    revision = edited_treatment.revision
    client.force_login(program_office)
    response = client.post(
        restore_url("behandeling", edited_treatment.pk, loaded.history_id),
        {"reason": "Toelichting hoort in het verslag"},
        follow=True,
    )
    assert response.redirect_chain == [(history_url("behandeling", edited_treatment.pk), 302)]
    assert "De eerdere versie is hersteld" in response.content.decode()
    assert edited_treatment.history.count() == before + 1
    row = latest_row(edited_treatment)
    assert row.history_type == "~"
    assert row.history_user == program_office
    assert row.history_change_reason == (
        f"Hersteld naar versie van {loaded.moment} – Toelichting hoort in het verslag"
    )
    assert row.history_change_reason.startswith("Hersteld naar versie van ")
    edited_treatment.refresh_from_db()
    assert edited_treatment.notes == ""
    assert edited_treatment.revision == revision + 1


def test_the_restore_reason_writes_the_date_out_in_dutch(edited_treatment, program_office):
    versions = history.versions(edited_treatment)
    services.restore(
        edited_treatment, versions[1].history_id, user=program_office, reason="Terug naar 12 juli"
    )
    assert latest_row(edited_treatment).history_change_reason == (
        "Hersteld naar versie van 12 juli 2022, 21.15 uur – Terug naar 12 juli"
    )
    edited_treatment.refresh_from_db()
    assert edited_treatment.notes == LONG_NOTE


def test_a_restore_leaves_the_outcome_to_the_griffie(treatment, dordrecht_clerk, program_office):
    """An outcome comes with its vote and is derived from it: a restore of the back office
    cannot put an earlier outcome back (issue: no way around the rules). The griffie corrects
    the vote, and the outcome with it, in its workspace."""
    record_outcome(treatment, dordrecht_clerk, "Raadsvergadering 7 juli 2022")
    edit(treatment, dordrecht_clerk, "Vergissing", outcome=Outcome.REJECTED)
    recorded = history.versions(treatment)[1]
    with pytest.raises(ValidationError, match="herstelt de griffie met een correctie"):
        services.restore(treatment, recorded.history_id, user=program_office, reason="Vergissing")
    treatment.refresh_from_db()
    assert treatment.outcome == Outcome.REJECTED


def test_a_restore_puts_back_what_the_programmabureau_maintains(
    treatment, dordrecht_clerk, program_office
):
    record_outcome(treatment, dordrecht_clerk, "Raadsvergadering 7 juli 2022")
    planned = treatment.planned_on
    edit(treatment, program_office, "Planning", planned_on=planned.replace(day=20), notes="x")
    before = history.versions(treatment)[1]
    services.restore(treatment, before.history_id, user=program_office, reason="Terug")
    treatment.refresh_from_db()
    assert (treatment.planned_on, treatment.notes, treatment.outcome) == (
        planned,
        "",
        Outcome.ADOPTED,
    )


def test_restoring_a_milestone(client, dataset, program_office):
    milestone = Milestone.objects.first()
    title = milestone.title
    edit(milestone, program_office, "Andere titel", title="Nieuwe titel")
    original = history.versions(milestone)[1]
    client.force_login(program_office)
    response = client.post(
        restore_url("mijlpaal", milestone.pk, original.history_id), {"reason": "Titel terug"}
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.title == title


def test_the_restore_service_refuses_an_empty_reason(edited_treatment, program_office):
    before = edited_treatment.history.count()
    loaded = history.versions(edited_treatment)[-1]
    with pytest.raises(ValidationError):
        services.restore(edited_treatment, loaded.history_id, user=program_office, reason=" ")
    assert edited_treatment.history.count() == before


@pytest.mark.parametrize("reason", ["", "   "])
def test_restoring_without_a_reason_saves_nothing_and_says_why(
    client, edited_treatment, program_office, reason
):
    before = edited_treatment.history.count()
    loaded = history.versions(edited_treatment)[-1]
    client.force_login(program_office)
    response = client.post(
        restore_url("behandeling", edited_treatment.pk, loaded.history_id), {"reason": reason}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Geef een reden voor het herstel." in page
    assert f'id="reason-{loaded.history_id}-error"' in page
    assert 'aria-invalid="true"' in page
    assert edited_treatment.history.count() == before
    edited_treatment.refresh_from_db()
    assert edited_treatment.notes == CORRECTED_NOTE


def test_a_restore_that_breaks_a_rule_saves_nothing_and_says_why(client, treatment, program_office):
    # Round 1 moves to round 2 and a new round 1 is planned: restoring the old round 1 would
    # give the body two first rounds of this decision.
    edit(treatment, program_office, "Tweede ronde", round=2)
    first_round = history.versions(treatment)[1]
    edit(Treatment(decision=treatment.decision, body=treatment.body), program_office, "Ronde 1")
    before = treatment.history.count()
    client.force_login(program_office)
    response = client.post(
        restore_url("behandeling", treatment.pk, first_round.history_id), {"reason": "Terug"}
    )
    assert response.status_code == 400
    assert "Het herstel is niet gelukt" in response.content.decode()
    assert treatment.history.count() == before
    treatment.refresh_from_db()
    assert treatment.round == 2


def test_restoring_a_version_of_another_record_is_404(client, edited_treatment, program_office):
    other = Treatment.objects.exclude(pk=edited_treatment.pk).first()
    client.force_login(program_office)
    response = client.post(
        restore_url("behandeling", edited_treatment.pk, latest_row(other).history_id),
        {"reason": "Poging"},
    )
    assert response.status_code == 404


@pytest.mark.parametrize("user", ["dordrecht_clerk", "sliedrecht_clerk", "council_member"])
def test_restoring_is_refused_to_clerks_and_council_members(
    client, edited_treatment, request, user
):
    before = edited_treatment.history.count()
    loaded = history.versions(edited_treatment)[-1]
    client.force_login(request.getfixturevalue(user))
    response = client.post(
        restore_url("behandeling", edited_treatment.pk, loaded.history_id), {"reason": "Poging"}
    )
    assert response.status_code == 403
    assert edited_treatment.history.count() == before
    edited_treatment.refresh_from_db()
    assert edited_treatment.notes == CORRECTED_NOTE


def test_an_anonymous_restore_is_sent_to_the_login_page(client, edited_treatment):
    before = edited_treatment.history.count()
    loaded = history.versions(edited_treatment)[-1]
    url = restore_url("behandeling", edited_treatment.pk, loaded.history_id)
    response = client.post(url, {"reason": "Poging"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    assert edited_treatment.history.count() == before


def test_get_on_the_restore_url_is_not_allowed(client, edited_treatment, program_office):
    client.force_login(program_office)
    loaded = history.versions(edited_treatment)[-1]
    url = restore_url("behandeling", edited_treatment.pk, loaded.history_id)
    assert client.get(url).status_code == 405


def test_restoring_an_unpublished_decisions_record_is_404_for_a_clerk(
    client, edited_treatment, dordrecht_clerk
):
    unpublish(edited_treatment)
    loaded = history.versions(edited_treatment)[-1]
    client.force_login(dordrecht_clerk)
    response = client.post(
        restore_url("behandeling", edited_treatment.pk, loaded.history_id), {"reason": "Poging"}
    )
    assert response.status_code == 404
