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
