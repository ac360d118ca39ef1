"""The record kinds with a history page (decisions.history.registry): every kind has one, each
as visible as its decision; an unknown kind is 404.
"""

import pytest

from decisions.history import registry
from decisions.models import Amendment, DecisionVersion, Motion, Opinion, Treatment, Vote
from gr_portal.core.choices import VoteMethod
from milestones.models import Milestone
from tests.decisions.history.helpers import (
    compare_url,
    edit,
    history_url,
    unpublish,
)

pytestmark = pytest.mark.django_db


def test_an_unknown_kind_is_404(client, treatment):
    assert client.get(history_url("vergadering", treatment.pk)).status_code == 404
    assert client.get(compare_url("vergadering", treatment.pk)).status_code == 404


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


def test_a_kind_is_registered_once_under_its_name():
    behandeling = registry.KINDS["behandeling"]
    assert registry.register(behandeling) is behandeling  # the same kind again: nothing changes
    other = registry.HistoryKind("behandeling", Motion, ("treatment__decision",))
    with pytest.raises(ValueError, match="registered twice"):
        registry.register(other)
    assert registry.KINDS["behandeling"] is behandeling
    assert registry.KIND_BY_MODEL[Treatment] is behandeling


def test_a_vote_belongs_to_the_decision_of_whatever_it_is_about(treatment, program_office):
    records = _records_of_every_kind(treatment, program_office)
    vote = records["stemming"]  # a vote on the amendment
    assert registry.decision_of(registry.KINDS["stemming"], vote) == treatment.decision
    assert registry.decision_of(registry.KINDS["besluit"], treatment.decision) == (
        treatment.decision
    )
    assert registry.decision_of(registry.KINDS["mijlpaal"], records["mijlpaal"]) is None
