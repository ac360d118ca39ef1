"""Specification of the 'Geschiedenis' pages: versions, comparing two, restoring one.

Anyone who may see a record's decision may read its trail (anonymous visitors too, for published
decisions); only the programmabureau restores, with a reason, and a restore is a new version.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from councils.models import Body, Fractie, Meeting
from decisions.history import reading as history
from decisions.history import registry, services
from decisions.models import (
    Amendment,
    Decision,
    DecisionVersion,
    FractieVote,
    Motion,
    Opinion,
    Treatment,
    Vote,
)
from gr_portal.core.choices import Outcome, VoteMethod
from gr_portal.core.history import with_history
from milestones.models import Milestone

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
LONG_NOTE = (
    "De raad stemt in met de concept-GR-tekst en vraagt het college de zienswijze over de "
    "financiële verdeelsleutel vóór 1 september 2022 aan het algemeen bestuur te zenden."
)
CORRECTED_NOTE = (
    "De raad stemt in met de concept-GR-tekst en vraagt het college de zienswijze over de "
    "financiële verdeelsleutel vóór 15 september 2022 aan het dagelijks bestuur te zenden."
)


# --- helpers -----------------------------------------------------------------------------------


def edit(obj, user, reason, *, correction=False, **values):
    for name, value in values.items():
        setattr(obj, name, value)
    with_history(obj, user=user, reason=reason, correction=correction).save()
    return obj


def dordrecht_council_treatment():
    return Treatment.objects.get(
        decision__slug="concept-gr-tekst-2022",
        body__municipality__slug="dordrecht",
        body__kind=Body.Kind.COUNCIL,
        round=1,
    )


def latest_row(obj):
    return obj.history.order_by("-history_date", "-history_id").first()


def set_history_date(obj, moment):
    """Pin the latest version's moment, so the page's Dutch date can be asserted."""
    obj.history.filter(history_id=latest_row(obj).history_id).update(history_date=moment)


def record_outcome(treatment, user, reason):
    meeting = Meeting.objects.create(
        body=treatment.body, starts_at=datetime.datetime(2022, 7, 7, 20, 0, tzinfo=AMSTERDAM)
    )
    version = DecisionVersion.objects.get(decision=treatment.decision, number=1)
    return edit(treatment, user, reason, meeting=meeting, version=version, outcome=Outcome.ADOPTED)


def record_vote(treatment, user, reason, votes_for=30, votes_against=9):
    vote = edit(
        Vote(treatment=treatment, method=VoteMethod.PER_FRACTIE, members_present=39),
        user,
        reason,
        votes_for=votes_for,
        votes_against=votes_against,
    )
    fractie = Fractie.objects.filter(term__municipality=treatment.body.municipality).first()
    edit(FractieVote(vote=vote, fractie=fractie, seats=fractie.seats), user, reason, votes_for=1)
    return vote


def history_url(kind, pk):
    return reverse("history:list", kwargs={"kind": kind, "pk": pk})


def compare_url(kind, pk, a=None, b=None):
    url = reverse("history:compare", kwargs={"kind": kind, "pk": pk})
    query = "&".join(f"{key}={value}" for key, value in (("a", a), ("b", b)) if value is not None)
    return f"{url}?{query}" if query else url


def restore_url(kind, pk, history_id):
    return reverse("history:restore", kwargs={"kind": kind, "pk": pk, "history_id": history_id})


@pytest.fixture
def treatment(dataset):
    return dordrecht_council_treatment()


@pytest.fixture
def edited_treatment(treatment, program_office):
    """Loaded (systeem), then a note by the programmabureau, then a corrected note.

    The moments are pinned in 2022, the loader's version first, so the order is the real one.
    """
    set_history_date(treatment, datetime.datetime(2022, 7, 1, 10, 0, tzinfo=AMSTERDAM))
    edit(treatment, program_office, "Toelichting uit de raadsvergadering", notes=LONG_NOTE)
    set_history_date(treatment, datetime.datetime(2022, 7, 12, 21, 15, tzinfo=AMSTERDAM))
    edit(
        treatment,
        program_office,
        "datum en bestuur verkeerd overgenomen",
        correction=True,
        notes=CORRECTED_NOTE,
    )
    set_history_date(treatment, datetime.datetime(2022, 7, 13, 9, 5, tzinfo=AMSTERDAM))
    return treatment


def unpublish(treatment):
    Decision.objects.filter(pk=treatment.decision_id).update(published=False)


# --- the list of versions ----------------------------------------------------------------------


def test_an_anonymous_visitor_reads_the_versions_with_who_when_and_why(client, edited_treatment):
    response = client.get(history_url("behandeling", edited_treatment.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Geschiedenis" in page
    assert "12 juli 2022, 21.15 uur" in page
    assert "13 juli 2022, 9.05 uur" in page
    assert "programmabureau" in page
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
    assert "Anna de Vries" in page


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
    vote = record_vote(treatment, dordrecht_clerk, "Raadsvergadering 7 juli 2022")
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
    assert "griffie-dordrecht" in page
    assert history_url("stemming", vote.pk) in page
    fractie_vote = vote.fractie_votes.get()
    assert f"<td>{fractie_vote.fractie.name}</td>" in page


def test_a_deleted_vote_stays_in_the_treatments_trail(client, treatment, dordrecht_clerk):
    vote = record_vote(treatment, dordrecht_clerk, "Raadsvergadering 7 juli 2022")
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


def test_an_unknown_kind_is_404(client, treatment):
    assert client.get(history_url("vergadering", treatment.pk)).status_code == 404
    assert client.get(compare_url("vergadering", treatment.pk)).status_code == 404


def test_an_unknown_record_is_404(client, dataset):
    assert client.get(history_url("behandeling", 999_999)).status_code == 404


def _records_of_every_kind(treatment, user):
    """One record of each kind with a history page, all on the same published decision."""
    amendment = edit(Amendment(treatment=treatment, title="Verdeelsleutel", text="x"), user, "+")
    motion = edit(Motion(treatment=treatment, title="Evaluatie", text="y"), user, "+")
    opinion = edit(
        Opinion(decision=treatment.decision, municipality=treatment.body.municipality, text="z"),
        user,
        "+",
    )
    vote = edit(
        Vote(amendment=amendment, method=VoteMethod.WITHOUT_VOTE, members_present=39), user, "+"
    )
    return {
        "behandeling": treatment,
        "amendement": amendment,
        "motie": motion,
        "zienswijze": opinion,
        "besluit": treatment.decision,
        "tekstversie": DecisionVersion.objects.filter(decision=treatment.decision).first(),
        "mijlpaal": Milestone.objects.first(),
        "stemming": vote,
    }


def test_every_kind_has_a_history_page(client, treatment, program_office):
    records = _records_of_every_kind(treatment, program_office)
    assert set(records) == set(registry.KINDS)
    for kind, record in records.items():
        response = client.get(history_url(kind, record.pk))
        assert response.status_code == 200, kind
        assert response.context["record"] == record


def test_every_decision_bound_kind_is_hidden_with_its_unpublished_decision(
    client, treatment, program_office
):
    records = _records_of_every_kind(treatment, program_office)
    unpublish(treatment)
    for kind, record in records.items():
        expected = 200 if kind == "mijlpaal" else 404  # milestones are public
        assert client.get(history_url(kind, record.pk)).status_code == expected, kind


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
    vote = record_vote(treatment, dordrecht_clerk, "Raadsvergadering")
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
    # 9. the user's groups (may restore?), 10. the user's griffie memberships (menu in base.html)
    with django_assert_num_queries(10):
        response = client.get(history_url("behandeling", edited_treatment.pk))
    assert response.status_code == 200


# --- comparing two versions --------------------------------------------------------------------


def test_comparing_shows_labels_and_the_changed_words(client, edited_treatment):
    newest, previous = history.versions(edited_treatment)[:2]
    response = client.get(
        compare_url("behandeling", edited_treatment.pk, previous.history_id, newest.history_id)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert '<th scope="row">Toelichting</th>' in page
    assert '<del><span class="visually-hidden">verwijderd: </span>1</del>' in page
    assert '<ins><span class="visually-hidden">toegevoegd: </span>15</ins>' in page
    assert '<del><span class="visually-hidden">verwijderd: </span>algemeen</del>' in page
    assert '<ins><span class="visually-hidden">toegevoegd: </span>dagelijks</ins>' in page
    assert "financiële verdeelsleutel vóór" in page  # unchanged words are shown plainly
    assert "<caption>" in page


def test_comparing_without_a_and_b_shows_the_previous_against_the_latest(client, edited_treatment):
    response = client.get(compare_url("behandeling", edited_treatment.pk))
    assert response.status_code == 200
    newest, previous = history.versions(edited_treatment)[:2]
    assert response.context["version_a"].history_id == previous.history_id
    assert response.context["version_b"].history_id == newest.history_id
    assert "dagelijks" in response.content.decode()


def test_comparing_short_fields_shows_display_values(client, treatment, dordrecht_clerk):
    record_outcome(treatment, dordrecht_clerk, "Raadsvergadering 7 juli 2022")
    page = client.get(compare_url("behandeling", treatment.pk)).content.decode()
    assert '<th scope="row">Uitkomst</th>' in page
    assert "aangenomen" in page  # the choice's label, not "adopted"
    assert ">adopted<" not in page
    assert '<th scope="row">Gestemde tekstversie</th>' in page
    assert "versie 1" in page  # the related object, not its id
    assert '<th scope="row">Vergadering</th>' in page
    assert '<th scope="row">Toelichting</th>' not in page  # unchanged fields are left out


def test_comparing_a_version_with_itself_shows_no_differences(client, edited_treatment):
    newest = history.versions(edited_treatment)[0]
    page = client.get(
        compare_url("behandeling", edited_treatment.pk, newest.history_id, newest.history_id)
    ).content.decode()
    assert "Kies twee verschillende versies" in page


def test_comparing_with_a_version_of_another_record_is_404(client, edited_treatment):
    other = Treatment.objects.exclude(pk=edited_treatment.pk).first()
    foreign = latest_row(other).history_id
    own = latest_row(edited_treatment).history_id
    assert (
        client.get(compare_url("behandeling", edited_treatment.pk, foreign, own)).status_code == 404
    )
    assert client.get(compare_url("behandeling", edited_treatment.pk, "x", own)).status_code == 404


def test_comparing_an_unpublished_decisions_treatment_is_404_for_anonymous(
    client, edited_treatment
):
    unpublish(edited_treatment)
    assert client.get(compare_url("behandeling", edited_treatment.pk)).status_code == 404


def test_compare_service_returns_field_changes(edited_treatment):
    newest, previous = history.versions(edited_treatment)[:2]
    [change] = history.compare(edited_treatment, previous.history_id, newest.history_id)
    assert (change.name, change.label) == ("notes", "Toelichting")
    assert change.is_long


# --- restoring ---------------------------------------------------------------------------------


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


def test_restoring_puts_back_meeting_version_and_outcome(
    treatment, dordrecht_clerk, program_office
):
    record_outcome(treatment, dordrecht_clerk, "Raadsvergadering 7 juli 2022")
    meeting_id, version_id = treatment.meeting_id, treatment.version_id
    edit(treatment, dordrecht_clerk, "Vergissing", outcome=Outcome.REJECTED)
    recorded = history.versions(treatment)[1]
    services.restore(treatment, recorded.history_id, user=program_office, reason="Vergissing")
    treatment.refresh_from_db()
    assert (treatment.meeting_id, treatment.version_id, treatment.outcome) == (
        meeting_id,
        version_id,
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
