"""Specification of the stored vocabularies in ``gr_portal.core.choices``: the values kept in the
database are a contract (changing one needs a data migration), the labels are Dutch."""

from collections.abc import Iterator

import pytest
from django.utils import translation

from gr_portal.core.choices import (
    DECIDED,
    AmendmentRule,
    Outcome,
    Precision,
    Reliability,
    VoteMethod,
)


@pytest.fixture(autouse=True, scope="module")
def dutch() -> Iterator[None]:
    """The labels are read in the site's language, whatever a previous test activated."""
    with translation.override("nl"):
        yield


def test_outcome_values_and_labels_are_the_stored_contract() -> None:
    assert [(o.value, str(o.label)) for o in Outcome] == [
        ("adopted", "aangenomen"),
        ("rejected", "verworpen"),
        ("postponed", "aangehouden"),
        ("withdrawn", "ingetrokken"),
        ("invalid", "stemming ongeldig"),
    ]


def test_only_adopted_and_rejected_settle_a_proposal() -> None:
    # An invalid vote (Gemeentewet art. 29 lid 1) settles nothing: the proposal comes back.
    assert DECIDED == (Outcome.ADOPTED, Outcome.REJECTED)
    assert Outcome.INVALID not in DECIDED


def test_vote_method_values_and_labels() -> None:
    assert [(m.value, str(m.label)) for m in VoteMethod] == [
        ("per_fractie", "per fractie"),
        ("roll_call", "hoofdelijk"),
        ("without_vote", "zonder stemming (hamerstuk)"),
    ]


def test_amendment_rule_values_and_labels() -> None:
    assert [(r.value, str(r.label)) for r in AmendmentRule] == [
        ("all", "alle deelnemers"),
        ("majority", "meerderheid van de deelnemers"),
        ("two_thirds", "twee derde van de deelnemers"),
    ]


def test_precision_values_and_labels() -> None:
    assert [(p.value, str(p.label)) for p in Precision] == [("day", "dag"), ("month", "maand")]


def test_reliability_values_from_official_to_unverified() -> None:
    assert [(r.value, str(r.label)) for r in Reliability] == [
        ("official", "officieel"),
        ("press", "persbericht"),
        ("derived", "afgeleid"),
        ("estimate", "schatting"),
        ("unverified", "niet geverifieerd"),
    ]
