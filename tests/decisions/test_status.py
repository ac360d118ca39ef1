"""Specification of a decision's status across the municipalities (decisions.status): who has
decided, who still blocks, whether the step is taken under the regeling's rule, and the one
sentence (the verdict) every page, feed and letter shows.

Pure Python on unsaved model instances: nothing here touches the database.
"""

from collections.abc import Iterator

import pytest
from django.utils import translation

from councils.models import Body, Municipality, Regeling
from decisions.models import Decision, RecordCheck, Treatment
from decisions.status import (
    DecisionStatus,
    MunicipalityRow,
    current_step,
    decision_statuses,
    latest_rounds,
)
from gr_portal.core.choices import AmendmentRule, Outcome
from tests.recording import DRECHTSTEDEN

Purpose = Treatment.Purpose


@pytest.fixture(autouse=True, scope="module")
def dutch() -> Iterator[None]:
    with translation.override("nl"):
        yield


def municipalities(names=DRECHTSTEDEN):
    return [Municipality(pk=index, name=name) for index, name in enumerate(names, start=1)]


def decision(pk=1, rule=AmendmentRule.ALL_PARTICIPANTS):
    return Decision(pk=pk, regeling=Regeling(short_name="GR Sociaal", amendment_rule=rule))


def treatment(decision_, municipality, kind, outcome="", purpose=Purpose.DECISION, round=1):
    body = Body(pk=municipality.pk * 10 + (kind == Body.Kind.COUNCIL), kind=kind)
    body.municipality = municipality
    return Treatment(decision=decision_, body=body, outcome=outcome, purpose=purpose, round=round)


def status(outcomes, *, purpose=Purpose.DECISION, rule=AmendmentRule.ALL_PARTICIPANTS, names=None):
    """A decision's status with a college and a council row per municipality; `outcomes` maps a
    municipality's name to the outcome of the body that decides (the council, or the college
    when the council only takes note)."""
    decision_ = decision(rule=rule)
    rows = []
    for municipality in municipalities(names or DRECHTSTEDEN):
        outcome = outcomes.get(municipality.name, "")
        council_decides = purpose != Purpose.NOTICE
        rows.append(
            MunicipalityRow(
                municipality,
                executive=treatment(
                    decision_,
                    municipality,
                    Body.Kind.EXECUTIVE,
                    Outcome.ADOPTED if council_decides else outcome,
                ),
                council=treatment(
                    decision_,
                    municipality,
                    Body.Kind.COUNCIL,
                    outcome if council_decides else "",
                    purpose,
                ),
            )
        )
    return DecisionStatus(decision_, rows)


# --- the verdict -------------------------------------------------------------------------------


def test_a_principebesluit_is_the_colleges_to_take():
    principle = status({}, purpose=Purpose.NOTICE)
    assert principle.deciders == "executives"
    assert principle.verdict == "0 van 7 colleges hebben besloten; wacht op alle 7 gemeenten."


def test_a_consent_names_the_councils_still_blocking():
    consent = status(
        dict.fromkeys(DRECHTSTEDEN[:4] + DRECHTSTEDEN[6:], Outcome.ADOPTED),
        purpose=Purpose.CONSENT,
    )
    assert consent.deciders == "councils"
    assert consent.verdict == (
        "5 van 7 raden hebben toestemming gegeven; wacht op Papendrecht, Sliedrecht."
    )


def test_an_opinion_counts_the_zienswijzen():
    opinion = status({"Dordrecht": Outcome.ADOPTED}, purpose=Purpose.OPINION)
    assert opinion.verdict == (
        "1 van 7 raden hebben een zienswijze vastgesteld; wacht op Alblasserdam, "
        "Hardinxveld-Giessendam, Hendrik-Ido-Ambacht, Papendrecht, Sliedrecht, Zwijndrecht."
    )


def test_a_council_decision_counts_the_councils_that_agreed():
    assert status({}, purpose=Purpose.DECISION).verdict == (
        "0 van 7 raden hebben ingestemd; wacht op alle 7 gemeenten."
    )


def test_a_rejection_is_named_and_no_longer_awaited():
    outcomes = dict.fromkeys(DRECHTSTEDEN[:6], Outcome.ADOPTED)
    outcomes["Zwijndrecht"] = Outcome.REJECTED
    consent = status(outcomes, purpose=Purpose.CONSENT)
    assert [m.name for m in consent.rejected_by] == ["Zwijndrecht"]
    assert consent.waiting_for == []
    assert consent.verdict == (
        "6 van 7 raden hebben toestemming gegeven; verworpen door Zwijndrecht."
    )


def test_a_postponed_decision_is_still_awaited():
    consent = status({"Dordrecht": Outcome.POSTPONED}, purpose=Purpose.CONSENT, names=["Dordrecht"])
    assert [m.name for m in consent.waiting_for] == ["Dordrecht"]
    assert consent.adopted_by == []
    # One municipality: named, not "all 1", and in the singular.
    assert consent.verdict == "0 van 1 raad heeft toestemming gegeven; wacht op Dordrecht."


def test_the_verdict_follows_the_active_language():
    principle = status({}, purpose=Purpose.NOTICE)
    with translation.override("en"):
        assert principle.verdict == (
            "0 of 7 municipal executives have decided; waiting for all 7 municipalities."
        )


# --- in force under the regeling's rule --------------------------------------------------------


def test_with_all_participants_every_municipality_must_consent():
    six = dict.fromkeys(DRECHTSTEDEN[:6], Outcome.ADOPTED)
    assert not status(six, purpose=Purpose.CONSENT).in_force
    seven = dict.fromkeys(DRECHTSTEDEN, Outcome.ADOPTED)
    assert status(seven, purpose=Purpose.CONSENT).in_force


def test_with_two_thirds_six_of_seven_suffice():
    six = dict.fromkeys(DRECHTSTEDEN[:6], Outcome.ADOPTED)
    taken = status(six, purpose=Purpose.CONSENT, rule=AmendmentRule.TWO_THIRDS)
    assert taken.in_force
    assert taken.force_line == (
        "De wijziging treedt in werking: 6 van de 7 deelnemers hebben ingestemd "
        "(vereist: twee derde van de deelnemers)."
    )


def test_a_decision_without_municipalities_is_not_in_force():
    assert not DecisionStatus(decision()).in_force


# --- the current step --------------------------------------------------------------------------


def test_the_current_step_is_the_first_not_in_force():
    done = status(dict.fromkeys(DRECHTSTEDEN, Outcome.ADOPTED), purpose=Purpose.NOTICE)
    open_ = status({}, purpose=Purpose.OPINION)
    later = status({}, purpose=Purpose.CONSENT)
    assert current_step([done, open_, later]) is open_


def test_when_every_step_is_taken_the_current_step_is_the_last():
    steps = [status(dict.fromkeys(DRECHTSTEDEN, Outcome.ADOPTED)) for _ in range(3)]
    assert current_step(steps) is steps[-1]


def test_no_steps_no_current_step():
    assert current_step([]) is None


# --- from treatments to statuses ---------------------------------------------------------------


def test_only_the_latest_round_of_a_body_counts():
    concept = decision()
    [dordrecht] = municipalities(["Dordrecht"])
    first = treatment(concept, dordrecht, Body.Kind.COUNCIL, Outcome.POSTPONED, round=1)
    second = treatment(concept, dordrecht, Body.Kind.COUNCIL, Outcome.ADOPTED, round=2)
    first.decision_id = second.decision_id = concept.pk
    first.body_id = second.body_id = first.body.pk
    assert list(latest_rounds([second, first]).values()) == [second]
    assert list(latest_rounds([first, second]).values()) == [second]


def test_statuses_have_a_row_per_municipality_in_alphabetical_order_with_its_check():
    concept = decision()
    zwijndrecht, alblasserdam = municipalities(["Zwijndrecht", "Alblasserdam"])
    treatments = [
        treatment(concept, zwijndrecht, Body.Kind.COUNCIL, Outcome.ADOPTED),
        treatment(concept, zwijndrecht, Body.Kind.EXECUTIVE, Outcome.ADOPTED),
        treatment(concept, alblasserdam, Body.Kind.COUNCIL),
    ]
    board = Treatment(decision=concept, body=Body(pk=99, kind=Body.Kind.GENERAL_BOARD))
    for t in [*treatments, board]:
        t.decision_id, t.body_id = concept.pk, t.body.pk
    check = RecordCheck(decision_id=concept.pk, municipality_id=zwijndrecht.pk)
    [result] = decision_statuses([concept], [*treatments, board], [check])
    assert [row.municipality.name for row in result.rows] == ["Alblasserdam", "Zwijndrecht"]
    alblasserdam_row, zwijndrecht_row = result.rows
    assert (zwijndrecht_row.council, zwijndrecht_row.executive) == (treatments[0], treatments[1])
    assert (alblasserdam_row.council, alblasserdam_row.executive) == (treatments[2], None)
    assert zwijndrecht_row.check is check
    assert alblasserdam_row.check is None


def test_a_decision_no_body_treats_has_an_empty_status():
    [result] = decision_statuses([decision()], [])
    assert result.rows == []
    assert result.waiting_for == []
