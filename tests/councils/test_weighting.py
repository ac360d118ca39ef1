"""Voting weights in an algemeen bestuur and the power of a bloc (councils.weighting): carrying a
decision alone means more than the threshold of all votes; blocking alone means the others
without it do not reach it. Boundaries decided exactly (Fractions)."""

from fractions import Fraction

import pytest

from councils import weighting
from councils.weighting import SIMPLE_MAJORITY, TWO_THIRDS, Participant


def _power(weights: dict[str, int], blocs: dict[str, str], threshold):
    weighted = {name: Fraction(w) for name, w in weights.items()}
    return {b.bloc: b for b in weighting.bloc_power(weighted, blocs, threshold)}


def test_a_decision_needs_more_than_the_threshold_exactly_half_is_not_enough():
    assert not weighting.carries(Fraction(2), Fraction(4), SIMPLE_MAJORITY)
    assert weighting.carries(Fraction(3), Fraction(5), SIMPLE_MAJORITY)
    assert not weighting.carries(Fraction(2), Fraction(3), TWO_THIRDS)  # exactly two thirds
    assert weighting.carries(Fraction(7), Fraction(10), TWO_THIRDS)
    assert not weighting.carries(Fraction(0), Fraction(0), SIMPLE_MAJORITY)


def test_two_equal_blocs_each_block_and_neither_carries():
    power = _power(
        {"a": 1, "b": 1, "c": 1, "d": 1}, {"a": "x", "b": "x", "c": "y", "d": "y"}, SIMPLE_MAJORITY
    )
    for bloc in power.values():
        assert bloc.share == Fraction(1, 2)
        assert not bloc.carries_alone
        assert bloc.blocks_alone  # the other half is not more than half
    assert weighting.dominated(list(power.values())) == []


def test_one_more_than_half_carries_and_blocks():
    power = _power({"a": 1, "b": 1, "c": 1}, {"a": "x", "b": "x", "c": "y"}, SIMPLE_MAJORITY)
    assert power["x"].carries_alone
    assert power["x"].blocks_alone
    assert not power["y"].carries_alone
    assert not power["y"].blocks_alone


def _drechtsteden():
    """The seven participants of GR Sociaal with the dataset's populations and area types."""
    rows = [
        ("Alblasserdam", "polder", 20300),
        ("Dordrecht", "stedelijk", 120000),
        ("Hardinxveld-Giessendam", "polder", 18500),
        ("Hendrik-Ido-Ambacht", "stedelijk", 31700),
        ("Papendrecht", "stedelijk", 32300),
        ("Sliedrecht", "polder", 25500),
        ("Zwijndrecht", "stedelijk", 44900),
    ]
    return [Participant(name, bloc, population) for name, bloc, population in rows]


@pytest.mark.parametrize(
    ("method", "threshold", "urban_share", "urban_carries", "rural_blocks"),
    [
        # One vote each: 4 of 7 urban. A simple majority lets the urban side decide alone ...
        (weighting.EQUAL, SIMPLE_MAJORITY, Fraction(4, 7), True, False),
        # ... two thirds does not, and the three polder municipalities can block.
        (weighting.EQUAL, TWO_THIRDS, Fraction(4, 7), False, True),
        # By population the urban side has 78 %: it decides alone under either threshold.
        (weighting.POPULATION, TWO_THIRDS, Fraction(228900, 293200), True, False),
    ],
)
def test_the_drechtsteden_weightings(method, threshold, urban_share, urban_carries, rural_blocks):
    people = _drechtsteden()
    weighted = weighting.weights(method, people)
    power = {
        b.bloc: b
        for b in weighting.bloc_power(weighted, {p.name: p.bloc for p in people}, threshold)
    }
    assert power["stedelijk"].share == urban_share
    assert power["stedelijk"].carries_alone is urban_carries
    assert power["polder"].blocks_alone is rural_blocks
    assert power["polder"].members == ("Alblasserdam", "Hardinxveld-Giessendam", "Sliedrecht")


def test_the_square_root_weighs_between_equal_and_population():
    people = _drechtsteden()
    blocs = {p.name: p.bloc for p in people}
    shares = {
        method: {
            b.bloc: b.share
            for b in weighting.bloc_power(weighting.weights(method, people), blocs, SIMPLE_MAJORITY)
        }["stedelijk"]
        for method in (weighting.EQUAL, weighting.SQUARE_ROOT, weighting.POPULATION)
    }
    assert shares[weighting.EQUAL] < shares[weighting.SQUARE_ROOT] < shares[weighting.POPULATION]


def test_stated_weights_and_what_is_missing():
    people = [
        Participant("a", "x", stated_weight=Fraction(3)),
        Participant("b", "y", stated_weight=Fraction(1)),
    ]
    assert weighting.weights(weighting.STATED, people) == {"a": 3, "b": 1}
    with pytest.raises(ValueError, match="no stated weight for b"):
        weighting.weights(weighting.STATED, [people[0], Participant("b", "y")])
    with pytest.raises(ValueError, match="no population for a"):
        weighting.weights(weighting.POPULATION, [Participant("a", "x")])
    with pytest.raises(ValueError, match="unknown"):
        weighting.weights("lottery", people)


# --- a recorded vote, counted -------------------------------------------------------------

F, A, X = weighting.FOR, weighting.AGAINST, weighting.ABSENT


def count(threshold=SIMPLE_MAJORITY, **votes):
    return weighting.weighted_result(
        {name: (choice, Fraction(weight)) for name, (choice, weight) in votes.items()}, threshold
    )


def test_a_weighted_majority_of_the_votes_cast_carries():
    result = count(big=(F, 5), small=(A, 2), other=(A, 2))
    assert (result.weight_for, result.weight_against, result.total) == (5, 4, 9)
    assert result.outcome == "adopted"
    # one vote each, the same choices: the small ones win
    assert count(big=(F, 1), small=(A, 1), other=(A, 1)).outcome == "rejected"


def test_a_tie_is_postponed_unless_every_vote_was_cast():
    """Gemeentewet art. 32 lid 4 and 5, weighted."""
    postponed = count(a=(F, 3), b=(A, 3), c=(X, 1))
    assert postponed.tied
    assert postponed.outcome == "postponed"
    full = count(a=(F, 3), b=(A, 3))
    assert full.tied
    assert full.outcome == "rejected"


def test_the_vote_is_valid_only_when_more_than_half_of_the_votes_take_part():
    """Gemeentewet art. 29 lid 1, weighted: exactly half taking part is not enough."""
    assert count(a=(F, 5), b=(X, 5)).outcome == "invalid"
    assert count(a=(F, 5), b=(X, 4), c=(A, 1)).outcome == "adopted"  # 6 of 10 took part


def test_two_thirds_needs_more_than_two_thirds_of_the_votes_cast():
    assert count(TWO_THIRDS, a=(F, 2), b=(A, 1)).outcome == "rejected"  # exactly 2/3
    assert count(TWO_THIRDS, a=(F, 201), b=(A, 100)).outcome == "adopted"
    assert not count(TWO_THIRDS, a=(F, 2), b=(A, 1)).tied


def test_an_unknown_choice_is_refused():
    with pytest.raises(ValueError, match="unknown choice"):
        count(a=("maybe", 1))
