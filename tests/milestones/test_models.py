"""Specification of the invariants of milestones: planned and actual periods run forwards."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from decisions.models import Process
from milestones.models import Milestone

pytestmark = pytest.mark.django_db

JUNE = datetime.date(2022, 6, 1)
JULY = datetime.date(2022, 7, 1)


# --- helpers -----------------------------------------------------------------------------------


def process():
    return Process.objects.get(slug="samenvoeging-drechtwerk-sociaal")


def make_milestone(title="Extra inloopavond", **values):
    values.setdefault("planned_start", JUNE)
    return Milestone.objects.create(process=process(), title=title, **values)


def build_milestone(title="Extra inloopavond", **values):
    values.setdefault("planned_start", JUNE)
    return Milestone(process=process(), title=title, **values)


def messages(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


# --- the loaded data ---------------------------------------------------------------------------


def test_every_loaded_milestone_is_valid(dataset):
    milestones = Milestone.objects.all()
    assert milestones.count() == 9
    for milestone in milestones:
        milestone.full_clean()


# --- planned period ----------------------------------------------------------------------------


def test_the_database_refuses_a_planned_end_before_the_planned_start(dataset):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_milestone(planned_start=JULY, planned_end=JUNE)


def test_the_database_refuses_a_planned_end_before_the_start_written_by_a_queryset_update(
    dataset,
):
    milestone = Milestone.objects.get(title="Inloopavond(en) raadsleden")
    with pytest.raises(IntegrityError), transaction.atomic():
        Milestone.objects.filter(pk=milestone.pk).update(
            planned_end=milestone.planned_start - datetime.timedelta(days=1)
        )


def test_a_planned_period_of_one_day_is_accepted(dataset):
    milestone = make_milestone(planned_start=JUNE, planned_end=JUNE)
    milestone.full_clean()


def test_a_milestone_without_planned_end_is_accepted(dataset):
    milestone = make_milestone(planned_start=JUNE, planned_end=None)
    milestone.full_clean()


def test_full_clean_explains_a_planned_end_before_the_planned_start(dataset):
    milestone = build_milestone(planned_start=JULY, planned_end=JUNE)
    with pytest.raises(ValidationError) as refused:
        milestone.full_clean()
    assert messages(refused.value) == ["Het geplande einde ligt vóór het geplande begin."]


# --- actual period -----------------------------------------------------------------------------


def test_the_database_refuses_an_actual_end_without_an_actual_start(dataset):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_milestone(actual_end=JUNE)


def test_the_database_refuses_an_actual_end_before_the_actual_start(dataset):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_milestone(actual_start=JULY, actual_end=JUNE)


def test_a_milestone_that_started_but_did_not_finish_is_accepted(dataset):
    milestone = make_milestone(actual_start=JUNE)
    milestone.full_clean()


def test_a_milestone_that_started_and_finished_in_order_is_accepted(dataset):
    milestone = make_milestone(actual_start=JUNE, actual_end=JULY)
    milestone.full_clean()


def test_full_clean_explains_an_actual_end_before_the_actual_start(dataset):
    milestone = build_milestone(actual_start=JULY, actual_end=JUNE)
    with pytest.raises(ValidationError) as refused:
        milestone.full_clean()
    assert messages(refused.value) == [
        "Een afgeronde mijlpaal heeft een begindatum die niet na de einddatum ligt."
    ]


# --- identity ----------------------------------------------------------------------------------


def test_the_database_refuses_two_milestones_with_one_title_in_a_process(dataset):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_milestone(title="Start nieuwe samenwerking", planned_start=JUNE)


def test_full_clean_names_the_duplicate_milestone_title(dataset):
    milestone = build_milestone(title="Start nieuwe samenwerking")
    with pytest.raises(ValidationError) as refused:
        milestone.full_clean()
    assert len(refused.value.messages) == 1
    assert "titel" in messages(refused.value)[0].lower()
