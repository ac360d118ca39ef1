"""Specification of the invariants of municipalities, regelingen, bodies, terms and fracties.

Where the database can hold an invariant, the tests save without validation and expect the
database itself to refuse (IntegrityError). Where it cannot (a sum over several rows, a relation
between rows), the tests expect validation to refuse with a clear Dutch message.
"""

import datetime

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from councils.models import (
    AreaType,
    Body,
    ClerkMembership,
    CouncilTerm,
    Fractie,
    Municipality,
    Regeling,
)

pytestmark = pytest.mark.django_db

TERM_START = datetime.date(2022, 3, 30)
TERM_END = datetime.date(2026, 3, 25)


# --- helpers -----------------------------------------------------------------------------------


def make_municipality(name="Teststad", cbs_code="GM9999", **values):
    return Municipality.objects.create(
        name=name, slug=slugify(name), cbs_code=cbs_code, area_type=AreaType.URBAN, **values
    )


def make_regeling(short_name="GR Test", **values):
    return Regeling.objects.create(
        name=f"Gemeenschappelijke regeling {short_name}",
        short_name=short_name,
        slug=slugify(short_name),
        kind=Regeling.Kind.COLLEGE,
        **values,
    )


def make_term(municipality, size=17, vacant_seats=0, starts_on=TERM_START, ends_on=TERM_END):
    return CouncilTerm.objects.create(
        municipality=municipality,
        starts_on=starts_on,
        ends_on=ends_on,
        size=size,
        vacant_seats=vacant_seats,
    )


def dordrecht_term():
    """The loaded Dordrecht term: 39 seats, no vacancies."""
    return CouncilTerm.objects.get(municipality__slug="dordrecht")


def messages(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


# --- municipality ------------------------------------------------------------------------------


def test_a_well_formed_cbs_code_is_accepted():
    municipality = make_municipality(cbs_code="GM0123")
    municipality.refresh_from_db()
    assert municipality.cbs_code == "GM0123"


def test_the_database_refuses_a_duplicate_cbs_code():
    make_municipality(name="Eerste", cbs_code="GM0999")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_municipality(name="Tweede", cbs_code="GM0999")


def test_the_database_refuses_a_duplicate_cbs_code_of_the_loaded_data(dataset):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_municipality(name="Nieuw-Dordrecht", cbs_code="GM0505")


@pytest.mark.parametrize("cbs_code", ["0505", "GM05", "gm0505", "GMabcd", "GM 505", "XX0505", ""])
def test_the_database_refuses_a_malformed_cbs_code(cbs_code):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_municipality(cbs_code=cbs_code)


def test_the_database_refuses_a_malformed_cbs_code_written_by_a_queryset_update(dataset):
    with pytest.raises(IntegrityError), transaction.atomic():
        Municipality.objects.filter(slug="dordrecht").update(cbs_code="0505")


def test_the_database_refuses_a_duplicate_municipality_name():
    make_municipality(name="Teststad", cbs_code="GM0998")
    with pytest.raises(IntegrityError), transaction.atomic():
        Municipality.objects.create(
            name="Teststad", slug="teststad-2", cbs_code="GM0997", area_type=AreaType.POLDER
        )


def test_full_clean_names_the_duplicate_cbs_code(dataset):
    duplicate = Municipality(
        name="Nieuw-Dordrecht", slug="nieuw-dordrecht", cbs_code="GM0505", area_type="urban"
    )
    with pytest.raises(ValidationError) as refused:
        duplicate.full_clean()
    assert "cbs_code" in refused.value.message_dict
    assert "CBS-code" in refused.value.message_dict["cbs_code"][0]


def test_full_clean_explains_a_malformed_cbs_code_in_words_not_a_constraint_name():
    municipality = Municipality(
        name="Teststad", slug="teststad", cbs_code="0505", area_type="urban"
    )
    with pytest.raises(ValidationError) as refused:
        municipality.full_clean()
    text = " ".join(messages(refused.value))
    assert "municipality_cbs_code_format" not in text
    assert "GM" in text


# --- body --------------------------------------------------------------------------------------


def test_a_council_and_a_college_belong_to_a_municipality_and_the_boards_to_a_regeling(
    empty_db,
):
    municipality = make_municipality()
    regeling = make_regeling()
    Body.objects.create(kind=Body.Kind.COUNCIL, municipality=municipality)
    Body.objects.create(kind=Body.Kind.EXECUTIVE, municipality=municipality)
    Body.objects.create(kind=Body.Kind.GENERAL_BOARD, regeling=regeling)
    Body.objects.create(kind=Body.Kind.EXECUTIVE_BOARD, regeling=regeling)
    assert Body.objects.count() == 4


def test_the_loaded_dataset_has_a_council_and_college_per_municipality_and_boards_per_regeling(
    dataset,
):
    for municipality in Municipality.objects.all():
        assert sorted(municipality.bodies.values_list("kind", flat=True)) == [
            "council",
            "executive",
        ]
    for regeling in Regeling.objects.all():
        assert sorted(regeling.bodies.values_list("kind", flat=True)) == [
            "executive_board",
            "general_board",
        ]


@pytest.mark.parametrize("kind", [Body.Kind.COUNCIL, Body.Kind.EXECUTIVE])
def test_the_database_refuses_a_council_or_college_of_a_regeling(kind):
    with pytest.raises(IntegrityError), transaction.atomic():
        Body.objects.create(kind=kind, regeling=make_regeling())


def test_the_database_refuses_a_council_of_both_a_municipality_and_a_regeling():
    municipality, regeling = make_municipality(), make_regeling()
    with pytest.raises(IntegrityError), transaction.atomic():
        Body.objects.create(kind=Body.Kind.COUNCIL, municipality=municipality, regeling=regeling)


@pytest.mark.parametrize("kind", [Body.Kind.GENERAL_BOARD, Body.Kind.EXECUTIVE_BOARD])
def test_the_database_refuses_a_general_or_executive_board_of_a_municipality(kind):
    with pytest.raises(IntegrityError), transaction.atomic():
        Body.objects.create(kind=kind, municipality=make_municipality())


def test_the_database_refuses_a_board_of_both_a_regeling_and_a_municipality():
    municipality, regeling = make_municipality(), make_regeling()
    with pytest.raises(IntegrityError), transaction.atomic():
        Body.objects.create(
            kind=Body.Kind.GENERAL_BOARD, municipality=municipality, regeling=regeling
        )


@pytest.mark.parametrize("kind", list(Body.Kind))
def test_the_database_refuses_a_body_that_belongs_to_nobody(kind):
    with pytest.raises(IntegrityError), transaction.atomic():
        Body.objects.create(kind=kind)


def test_the_database_refuses_two_councils_for_one_municipality(dataset):
    dordrecht = Municipality.objects.get(slug="dordrecht")
    with pytest.raises(IntegrityError), transaction.atomic():
        Body.objects.create(kind=Body.Kind.COUNCIL, municipality=dordrecht)


def test_the_database_refuses_two_general_boards_for_one_regeling(dataset):
    regeling = Regeling.objects.get(slug="gr-sociaal")
    with pytest.raises(IntegrityError), transaction.atomic():
        Body.objects.create(kind=Body.Kind.GENERAL_BOARD, regeling=regeling)


def test_full_clean_explains_a_second_council_for_one_municipality_in_words(dataset):
    second = Body(kind=Body.Kind.COUNCIL, municipality=Municipality.objects.get(slug="dordrecht"))
    with pytest.raises(ValidationError) as refused:
        second.full_clean()
    text = " ".join(messages(refused.value))
    assert "body_unique_per_municipality" not in text
    assert "gemeente" in text.lower()


def test_full_clean_explains_a_second_general_board_for_one_regeling_in_words(dataset):
    second = Body(kind=Body.Kind.GENERAL_BOARD, regeling=Regeling.objects.get(slug="gr-sociaal"))
    with pytest.raises(ValidationError) as refused:
        second.full_clean()
    text = " ".join(messages(refused.value))
    assert "body_unique_per_regeling" not in text
    assert "regeling" in text.lower()


def test_full_clean_explains_a_council_of_a_regeling():
    body = Body(kind=Body.Kind.COUNCIL, regeling=make_regeling())
    with pytest.raises(ValidationError) as refused:
        body.full_clean()
    assert messages(refused.value) == [
        "Een raad of college hoort bij een gemeente, een algemeen of dagelijks bestuur bij een "
        "regeling."
    ]


# --- council term ------------------------------------------------------------------------------


def test_the_database_refuses_a_term_that_ends_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_term(make_municipality(), starts_on=TERM_END, ends_on=TERM_START)


def test_the_database_refuses_a_term_that_ends_on_the_day_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_term(make_municipality(), starts_on=TERM_START, ends_on=TERM_START)


def test_the_database_refuses_a_council_without_seats():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_term(make_municipality(), size=0)


def test_the_database_refuses_more_vacancies_than_seats():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_term(make_municipality(), size=17, vacant_seats=18)


def test_the_database_refuses_more_vacancies_than_seats_written_by_a_queryset_update(dataset):
    with pytest.raises(IntegrityError), transaction.atomic():
        CouncilTerm.objects.filter(municipality__slug="dordrecht").update(vacant_seats=40)


def test_the_database_accepts_a_council_whose_seats_are_all_vacant():
    term = make_term(make_municipality(), size=17, vacant_seats=17)
    assert term.sitting_members == 0


def test_the_database_refuses_a_negative_number_of_vacancies():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_term(make_municipality(), vacant_seats=-1)


def test_the_database_refuses_two_terms_starting_on_the_same_day_for_one_municipality(dataset):
    term = dordrecht_term()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_term(term.municipality, size=39, starts_on=term.starts_on, ends_on=TERM_END)


def test_full_clean_explains_a_term_that_ends_before_it_starts():
    term = CouncilTerm(
        municipality=make_municipality(), starts_on=TERM_END, ends_on=TERM_START, size=17
    )
    with pytest.raises(ValidationError) as refused:
        term.full_clean()
    assert "Een raadsperiode moet eindigen na haar begin." in messages(refused.value)


def test_full_clean_explains_more_vacancies_than_seats():
    term = CouncilTerm(
        municipality=make_municipality(),
        starts_on=TERM_START,
        ends_on=TERM_END,
        size=17,
        vacant_seats=18,
    )
    with pytest.raises(ValidationError) as refused:
        term.full_clean()
    assert "Er kunnen niet meer zetels vacant zijn dan de raad telt." in messages(refused.value)


def test_every_loaded_term_has_fracties_and_vacancies_that_add_up_to_the_council_size(dataset):
    terms = CouncilTerm.objects.prefetch_related("fracties")
    assert terms.count() == 7
    for term in terms:
        seats = [fractie.seats for fractie in term.fracties.all()]
        assert sum(seats) + term.vacant_seats == term.size, term
        assert term.seat_errors(seats) == []
        term.validate_composition()
        term.full_clean()


def test_the_loaded_dordrecht_council_has_39_seats(dataset):
    term = dordrecht_term()
    assert term.size == 39
    assert sum(term.fracties.values_list("seats", flat=True)) + term.vacant_seats == 39


def test_validate_composition_refuses_a_term_whose_fracties_hold_more_seats_than_the_council(
    dataset,
):
    term = dordrecht_term()
    fractie = term.fracties.get(name="VVD")
    Fractie.objects.filter(pk=fractie.pk).update(seats=fractie.seats + 1)
    with pytest.raises(ValidationError) as refused:
        term.validate_composition()
    assert messages(refused.value) == [
        "De fracties hebben samen 40 zetels en er zijn 0 vacant: samen 40, maar de raad telt "
        "39 zetels."
    ]


def test_validate_composition_refuses_a_term_whose_fracties_hold_fewer_seats_than_the_council(
    dataset,
):
    term = dordrecht_term()
    fractie = term.fracties.get(name="VVD")
    Fractie.objects.filter(pk=fractie.pk).update(seats=fractie.seats - 2)
    with pytest.raises(ValidationError) as refused:
        term.validate_composition()
    message = messages(refused.value)[0]
    assert "samen 37 zetels" in message
    assert "39 zetels" in message


def test_validate_composition_refuses_a_vacancy_that_is_not_taken_from_a_fractie(dataset):
    term = dordrecht_term()
    term.vacant_seats = 1
    with pytest.raises(ValidationError) as refused:
        term.validate_composition()
    assert messages(refused.value) == [
        "De fracties hebben samen 39 zetels en er zijn 1 vacant: samen 40, maar de raad telt "
        "39 zetels."
    ]


def test_validate_composition_accepts_a_vacancy_that_a_fractie_gave_up(dataset):
    term = dordrecht_term()
    fractie = term.fracties.get(name="VVD")
    Fractie.objects.filter(pk=fractie.pk).update(seats=fractie.seats - 1)
    term.vacant_seats = 1
    term.validate_composition()


def test_seat_errors_is_empty_when_fracties_and_vacancies_add_up():
    term = CouncilTerm(size=19, vacant_seats=1)
    assert term.seat_errors([5, 3, 3, 3, 2, 2]) == []
    assert term.seat_errors([5, 3, 3, 3, 2, 2, 1], vacant_seats=0) == []


def test_seat_errors_states_the_seats_the_vacancies_their_sum_and_the_council_size():
    errors = CouncilTerm(size=19).seat_errors([5, 3, 3], vacant_seats=2)
    assert [str(error) for error in errors] == [
        "De fracties hebben samen 11 zetels en er zijn 2 vacant: samen 13, maar de raad telt "
        "19 zetels."
    ]


def test_seat_errors_uses_the_terms_own_vacancies_when_none_are_given():
    errors = CouncilTerm(size=19, vacant_seats=2).seat_errors([17, 1])
    assert [str(error) for error in errors] == [
        "De fracties hebben samen 18 zetels en er zijn 2 vacant: samen 20, maar de raad telt "
        "19 zetels."
    ]


# --- fractie -----------------------------------------------------------------------------------


def test_the_database_refuses_negative_fractie_seats_written_by_a_queryset_update(dataset):
    fractie = dordrecht_term().fracties.get(name="VVD")
    with pytest.raises(IntegrityError), transaction.atomic():
        Fractie.objects.filter(pk=fractie.pk).update(seats=-1)


def test_the_database_refuses_a_fractie_created_with_negative_seats():
    term = make_term(make_municipality())
    with pytest.raises(IntegrityError), transaction.atomic():
        Fractie.objects.create(term=term, name="Min", seats=-1)


def test_the_database_refuses_two_fracties_of_one_name_in_a_term(dataset):
    term = dordrecht_term()
    with pytest.raises(IntegrityError), transaction.atomic():
        Fractie.objects.create(term=term, name="VVD", seats=0)


def test_the_same_fractie_name_may_return_in_another_term(dataset):
    term = dordrecht_term()
    next_term = make_term(
        term.municipality,
        size=39,
        starts_on=datetime.date(2026, 3, 26),
        ends_on=datetime.date(2030, 3, 27),
    )
    Fractie.objects.create(term=next_term, name="VVD", seats=6)
    assert Fractie.objects.filter(name="VVD", term__municipality__slug="dordrecht").count() == 2


def test_a_fractie_may_split_off_within_its_own_term(dataset):
    term = dordrecht_term()
    parent = term.fracties.get(name="VVD")
    split = Fractie(term=term, name="Groep Afgesplitst", seats=1, split_from=parent)
    split.full_clean()


def test_clean_refuses_a_fractie_that_splits_off_from_another_term(dataset):
    dordrecht_vvd = dordrecht_term().fracties.get(name="VVD")
    sliedrecht = CouncilTerm.objects.get(municipality__slug="sliedrecht")
    split = Fractie(term=sliedrecht, name="Groep Afgesplitst", seats=1, split_from=dordrecht_vvd)
    with pytest.raises(ValidationError) as refused:
        split.full_clean()
    assert refused.value.message_dict == {
        "split_from": ["Een fractie kan alleen afsplitsen binnen dezelfde raadsperiode."]
    }


# --- clerk membership --------------------------------------------------------------------------


def test_the_database_refuses_a_clerk_registered_twice_for_one_municipality(dordrecht_clerk):
    dordrecht = Municipality.objects.get(slug="dordrecht")
    with pytest.raises(IntegrityError), transaction.atomic():
        ClerkMembership.objects.create(user=dordrecht_clerk, municipality=dordrecht)


def test_non_field_errors_key_is_used_for_multi_field_invariants():
    """A body-owner mismatch concerns kind, municipality and regeling together."""
    body = Body(kind=Body.Kind.GENERAL_BOARD, municipality=make_municipality())
    with pytest.raises(ValidationError) as refused:
        body.full_clean()
    assert NON_FIELD_ERRORS in refused.value.message_dict


def test_validate_composition_checks_a_submitted_composition_before_it_is_saved(dataset):
    term = dordrecht_term()
    seats = list(term.fracties.values_list("seats", flat=True))
    seats[0] -= 1
    term.validate_composition(seats, vacant_seats=1)  # a seat fell vacant: adds up
    with pytest.raises(ValidationError):
        term.validate_composition(seats, vacant_seats=0)


def test_full_clean_of_a_term_does_not_weigh_new_values_against_the_stored_fracties(dataset):
    # A term is edited together with its fracties; clean() alone cannot know the new fracties.
    term = dordrecht_term()
    term.vacant_seats = 1
    term.full_clean()
