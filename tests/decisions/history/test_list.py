"""The list of a record's versions (history:list): who changed what, when and why, corrections
marked as such, every version of a treatment's vote; readable by whoever may see the decision.
"""

import pytest
from django.urls import reverse

from decisions.history import reading as history
from gr_portal.core.history import with_history
from tests.decisions.history.helpers import (
    compare_url,
    edit,
    history_url,
    make_vote,
    unpublish,
)

pytestmark = pytest.mark.django_db


def test_an_anonymous_visitor_reads_the_versions_with_who_when_and_why(client, edited_treatment):
    response = client.get(history_url("behandeling", edited_treatment.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Geschiedenis" in page
    assert "12 juli 2022, 21.15 uur" in page
    assert "13 juli 2022, 9.05 uur" in page
    assert "Programmabureau" in page  # the role, not the login name (security audit F15)
    assert "Toelichting uit de raadsvergadering" in page
    assert "Drechtsteden-dataset geladen" in page
    assert "systeem" in page  # the loader's version has no user
    assert "aangemaakt" in page
    assert "gewijzigd" in page


def test_versions_are_listed_newest_first(client, edited_treatment):
    page = client.get(history_url("behandeling", edited_treatment.pk)).content.decode()
    assert page.index("13 juli 2022") < page.index("12 juli 2022")
    assert page.index("12 juli 2022") < page.index("Drechtsteden-dataset geladen")


def test_a_user_with_a_full_name_is_shown_by_name(client, treatment, program_office):
    program_office.first_name, program_office.last_name = "Anna", "de Vries"
    program_office.save()
    edit(treatment, program_office, "Toelichting", notes="kort")
    page = client.get(history_url("behandeling", treatment.pk)).content.decode()
    assert "Anna de Vries" not in page  # anonymous visitors read the role
    client.force_login(program_office)
    page = client.get(history_url("behandeling", treatment.pk)).content.decode()
    assert "Anna de Vries (Programmabureau)" in page


def test_a_correction_is_marked_as_such(client, edited_treatment):
    page = client.get(history_url("behandeling", edited_treatment.pk)).content.decode()
    assert '<span class="history-label history-correction">correctie</span>' in page
    assert page.count("history-correction-row") == 1


def test_a_correction_is_known_by_its_mark_not_by_the_words_of_its_reason(
    treatment, program_office
):
    edit(treatment, program_office, "telfout", correction=True, notes="a")
    edit(treatment, program_office, "Correctie? Nee, een aanvulling", notes="b")
    newest, older = history.versions(treatment)[:2]
    assert not newest.is_correction
    assert newest.reason == "Correctie? Nee, een aanvulling"
    assert older.is_correction
    assert older.reason == "Correctie: telfout"


def test_the_versions_page_has_a_form_to_compare_two_versions(client, edited_treatment):
    page = client.get(history_url("behandeling", edited_treatment.pk)).content.decode()
    assert f'action="{compare_url("behandeling", edited_treatment.pk)}' in page
    assert 'name="a"' in page
    assert 'name="b"' in page


def test_each_version_links_to_what_it_changed(client, edited_treatment):
    newest, previous, loaded = history.versions(edited_treatment)
    page = client.get(history_url("behandeling", edited_treatment.pk)).content.decode()
    url = reverse("history:compare", kwargs={"kind": "behandeling", "pk": edited_treatment.pk})
    assert f"{url}?a={previous.history_id}&amp;b={newest.history_id}" in page
    assert f"{url}?a={loaded.history_id}&amp;b={previous.history_id}" in page
    assert f"b={loaded.history_id}" not in page  # the first version has nothing before it


def test_a_treatments_page_shows_every_version_of_its_vote(client, treatment, dordrecht_clerk):
    vote = make_vote(treatment, dordrecht_clerk, "Raadsvergadering 7 juli 2022")
    edit(
        vote,
        dordrecht_clerk,
        "stemmen verkeerd geteld",
        correction=True,
        votes_for=29,
        votes_against=10,
    )
    page = client.get(history_url("behandeling", treatment.pk)).content.decode()
    assert "voor 30 — tegen 9 (39 aanwezig)" in page  # the first count stays visible
    assert "voor 29 — tegen 10 (39 aanwezig)" in page
    assert "Correctie: stemmen verkeerd geteld" in page
    assert "Griffie Dordrecht" in page
    assert history_url("stemming", vote.pk) in page
    fractie_vote = vote.fractie_votes.get()
    assert f"<td>{fractie_vote.fractie.name}</td>" in page


def test_a_deleted_vote_stays_in_the_treatments_trail(client, treatment, dordrecht_clerk):
    vote = make_vote(treatment, dordrecht_clerk, "Raadsvergadering 7 juli 2022")
    reason = "stemming ten onrechte vastgelegd"
    for fractie_vote in vote.fractie_votes.all():
        with_history(fractie_vote, user=dordrecht_clerk, reason=reason, correction=True).delete()
    vote_id = vote.pk
    with_history(vote, user=dordrecht_clerk, reason=reason, correction=True).delete()
    page = client.get(history_url("behandeling", treatment.pk)).content.decode()
    assert "voor 30 — tegen 9 (39 aanwezig)" in page
    assert "verwijderd" in page
    assert history_url("stemming", vote_id) not in page  # no live vote to link to


def test_an_unpublished_decisions_treatment_is_hidden_from_anonymous_visitors(client, treatment):
    unpublish(treatment)
    assert client.get(history_url("behandeling", treatment.pk)).status_code == 404


def test_an_unpublished_decisions_treatment_is_shown_to_a_council_member(
    client, treatment, council_member
):
    unpublish(treatment)
    client.force_login(council_member)
    assert client.get(history_url("behandeling", treatment.pk)).status_code == 200


def test_an_unknown_record_is_404(client, dataset):
    assert client.get(history_url("behandeling", 999_999)).status_code == 404


def test_the_versions_page_answers_in_a_fixed_number_of_queries(
    client, treatment, dordrecht_clerk, django_assert_num_queries
):
    def count_page():
        # 1. the treatment, with decision (visible to the user), body, municipality, vote
        # 2. its versions, with their users
        # 3. the versions of its votes, with users
        # 4. the versions of those votes' fractie rows, with users and fracties
        with django_assert_num_queries(4):
            response = client.get(history_url("behandeling", treatment.pk))
        assert response.status_code == 200

    count_page()
    vote = make_vote(treatment, dordrecht_clerk, "Raadsvergadering")
    for number in range(5):
        edit(treatment, dordrecht_clerk, f"Aanvulling {number}", notes=f"notitie {number}")
        edit(vote, dordrecht_clerk, f"telling {number}", correction=True, votes_for=30 - number)
    count_page()


def test_the_versions_page_for_the_program_office_answers_in_a_fixed_number_of_queries(
    client, edited_treatment, program_office, django_assert_num_queries
):
    client.force_login(program_office)
    # 1. session, 2. user, 3. user permissions, 4. group permissions (may see drafts?),
    # 5. treatment, 6. versions, 7. vote versions, 8. fractie vote versions,
    # 9. the user's groups (may restore?), 10. the regelingen the office serves, 11. the
    # regelingen of the treatment's process, 12. the user's griffie memberships (menu in base.html)
    with django_assert_num_queries(12):
        response = client.get(history_url("behandeling", edited_treatment.pk))
    assert response.status_code == 200
