"""Two versions of a record compared (history:compare, decisions.history.reading.compare): the
changed fields with their labels, long texts word by word.
"""

import pytest

from decisions.history import reading as history
from decisions.models import Treatment
from tests.decisions.history.helpers import (
    compare_url,
    latest_row,
    record_outcome,
    unpublish,
)

pytestmark = pytest.mark.django_db


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
