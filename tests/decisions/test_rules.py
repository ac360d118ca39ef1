"""Specification of the procedure rules in ``decisions.rules``.

Pure functions, no database. Dordrecht's council (39 seats) is the running example.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterator

import pytest
from django.conf import settings
from django.utils import translation

from decisions.rules import (
    FractieCount,
    VoteInvalid,
    VoteResult,
    amendment_progress,
    consents_required,
    council_size_for_population,
    derive_outcome,
    fractie_count_errors,
    has_quorum,
    is_full_meeting,
    outcome_contradiction,
    quorum_threshold,
    sitting_members,
    still_needed,
    takes_effect,
)
from gr_portal.core.choices import AmendmentRule, Outcome, VoteMethod

PER_FRACTIE = VoteMethod.PER_FRACTIE
ROLL_CALL = VoteMethod.ROLL_CALL
HAMERSTUK = VoteMethod.WITHOUT_VOTE
ALL = AmendmentRule.ALL_PARTICIPANTS
MAJORITY = AmendmentRule.MAJORITY
TWO_THIRDS = AmendmentRule.TWO_THIRDS


@pytest.fixture(autouse=True, scope="module")
def dutch() -> Iterator[None]:
    """Messages are translated at call time; without the project's settings, use none."""
    if not settings.configured:
        settings.configure(USE_I18N=False)
    with translation.override("nl"):
        yield


def invalid(**kwargs: object) -> dict[str, list[str]]:
    """The errors derive_outcome raises for these arguments (fails the test if it returns)."""
    with pytest.raises(VoteInvalid) as caught:
        derive_outcome(**kwargs)  # type: ignore[arg-type]
    return caught.value.errors


def dordrecht(**kwargs: object) -> VoteResult:
    """A vote in a 39-seat council, 27 present unless stated otherwise."""
    arguments: dict[str, object] = {
        "method": ROLL_CALL,
        "council_size": 39,
        "members_present": 27,
    }
    arguments.update(kwargs)
    return derive_outcome(**arguments)  # type: ignore[arg-type]


# --- Council size (Gemeentewet art. 8) ---------------------------------------------------------

# (highest population in the bracket, seats), written out independently of rules.SEAT_TABLE.
ARTICLE_8 = [
    (3_000, 9),
    (6_000, 11),
    (10_000, 13),
    (15_000, 15),
    (20_000, 17),
    (25_000, 19),
    (30_000, 21),
    (35_000, 23),
    (40_000, 25),
    (45_000, 27),
    (50_000, 29),
    (60_000, 31),
    (70_000, 33),
    (80_000, 35),
    (100_000, 37),
    (200_000, 39),
]
BRACKET_EDGES = [(0, 9), (1, 9)] + [
    edge
    for (highest, seats), (_, next_seats) in itertools.pairwise([*ARTICLE_8, (None, 45)])
    for edge in ((highest, seats), (highest + 1, next_seats))
]


@pytest.mark.parametrize(("population", "seats"), BRACKET_EDGES)
def test_council_size_at_every_bracket_edge(population: int, seats: int) -> None:
    assert council_size_for_population(population) == seats


@pytest.mark.parametrize(
    ("population", "seats"),
    [(20_000, 17), (20_001, 19), (200_000, 39), (200_001, 45), (5_000_000, 45)],
)
def test_council_size_named_edges(population: int, seats: int) -> None:
    assert council_size_for_population(population) == seats


@pytest.mark.parametrize(
    ("municipality", "population", "seats"),
    [
        ("Alblasserdam", 20_300, 19),
        ("Dordrecht", 120_000, 39),
        ("Hardinxveld-Giessendam", 18_500, 17),
        ("Hendrik-Ido-Ambacht", 31_700, 23),
    ],
)
def test_council_size_matches_the_drechtsteden_councils(
    municipality: str, population: int, seats: int
) -> None:
    assert council_size_for_population(population) == seats, municipality


def test_council_size_rejects_a_negative_population() -> None:
    with pytest.raises(ValueError, match="population must not be negative"):
        council_size_for_population(-1)


# --- Sitting members and quorum (Gemeentewet art. 20) --------------------------------------------


@pytest.mark.parametrize(("size", "vacant", "sitting"), [(39, 0, 39), (39, 2, 37), (17, 1, 16)])
def test_sitting_members_are_seats_minus_vacancies(size: int, vacant: int, sitting: int) -> None:
    assert sitting_members(size, vacant) == sitting


@pytest.mark.parametrize(("size", "vacant"), [(-1, 0), (39, -1), (39, 40)])
def test_sitting_members_rejects_impossible_councils(size: int, vacant: int) -> None:
    with pytest.raises(ValueError, match=r"council_size|vacant_seats"):
        sitting_members(size, vacant)


@pytest.mark.parametrize(
    ("present", "sitting", "quorum"),
    [
        (19, 39, False),
        (20, 39, True),
        (39, 39, True),
        (18, 37, False),  # 39 seats, 2 vacant
        (19, 37, True),
        (19, 38, False),  # exactly half is not enough
        (20, 38, True),
        (8, 17, False),
        (9, 17, True),
        (0, 0, False),
    ],
)
def test_quorum_is_more_than_half_of_the_sitting_members(
    present: int, sitting: int, quorum: bool
) -> None:
    assert has_quorum(present, sitting) is quorum


@pytest.mark.parametrize(("sitting", "threshold"), [(39, 20), (38, 20), (37, 19), (17, 9), (1, 1)])
def test_quorum_threshold_is_the_smallest_quorate_attendance(sitting: int, threshold: int) -> None:
    assert quorum_threshold(sitting) == threshold
    assert has_quorum(threshold, sitting)
    assert not has_quorum(threshold - 1, sitting)


@pytest.mark.parametrize(("present", "sitting", "full"), [(39, 39, True), (38, 39, False)])
def test_a_full_meeting_has_every_sitting_member_present(
    present: int, sitting: int, full: bool
) -> None:
    assert is_full_meeting(present, sitting) is full


@pytest.mark.parametrize("method", list(VoteMethod))
def test_no_vote_without_quorum(method: VoteMethod) -> None:
    errors = invalid(
        method=method, council_size=39, members_present=19, votes_for=12, votes_against=7
    )
    [message] = errors["members_present"]
    assert message.startswith("Geen quorum")
    assert "19 leden aanwezig" in message
    assert "39 zitting hebbende leden" in message
    assert "ten minste 20" in message
    assert "art. 20" in message


def test_quorum_boundary_in_a_39_seat_council() -> None:
    assert dordrecht(members_present=20, votes_for=11, votes_against=9).outcome == Outcome.ADOPTED


def test_vacancies_lower_the_quorum() -> None:
    result = derive_outcome(
        method=ROLL_CALL,
        council_size=39,
        vacant_seats=2,
        members_present=19,
        votes_for=10,
        votes_against=9,
    )
    assert result.outcome == Outcome.ADOPTED


def test_quorum_message_mentions_the_vacancies() -> None:
    errors = invalid(
        method=ROLL_CALL,
        council_size=39,
        vacant_seats=2,
        members_present=18,
        votes_for=10,
        votes_against=8,
    )
    [message] = errors["members_present"]
    assert "37 zitting hebbende leden (39 zetels, waarvan 2 vacant)" in message
    assert "ten minste 19" in message


def test_more_members_present_than_sitting_is_an_error() -> None:
    errors = invalid(
        method=ROLL_CALL, council_size=39, vacant_seats=1, members_present=39, votes_for=20
    )
    [message] = errors["members_present"]
    assert "39 aanwezige leden" in message
    assert "38 zitting hebbende leden" in message


@pytest.mark.parametrize(
    ("council_size", "vacant_seats"),
    [(0, 0), (-5, 0), (39, -1), (39, 39), (39, 40)],
)
def test_an_impossible_council_is_an_error(council_size: int, vacant_seats: int) -> None:
    errors = invalid(
        method=ROLL_CALL,
        council_size=council_size,
        vacant_seats=vacant_seats,
        members_present=20,
        votes_for=11,
        votes_against=9,
    )
    assert len(errors["__all__"]) == 1
    assert "members_present" not in errors


# --- Majority (Gemeentewet art. 30) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("votes_for", "votes_against", "outcome"),
    [
        (21, 6, Outcome.ADOPTED),
        (14, 13, Outcome.ADOPTED),
        (27, 0, Outcome.ADOPTED),
        (13, 14, Outcome.REJECTED),
        (6, 21, Outcome.REJECTED),
        (0, 27, Outcome.REJECTED),
    ],
)
def test_more_than_half_of_the_votes_cast_decides(
    votes_for: int, votes_against: int, outcome: Outcome
) -> None:
    result = dordrecht(votes_for=votes_for, votes_against=votes_against)
    assert result == VoteResult(outcome, votes_for, votes_against, result.explanation)


def test_members_not_voting_do_not_count_as_votes_cast() -> None:
    # 30 present, 2 do not take part (personal interest): 15 of the 28 votes cast is a majority.
    assert dordrecht(members_present=30, votes_for=15, votes_against=13).outcome == Outcome.ADOPTED


def test_explanation_of_an_adopted_proposal() -> None:
    assert (
        dordrecht(votes_for=21, votes_against=6).explanation
        == "Aangenomen met 21 stemmen voor en 6 tegen."
    )


def test_explanation_of_a_rejected_proposal() -> None:
    assert (
        dordrecht(votes_for=6, votes_against=21).explanation
        == "Verworpen met 6 stemmen voor en 21 tegen."
    )


def test_explanation_of_a_unanimous_vote() -> None:
    assert (
        dordrecht(votes_for=27).explanation == "Met algemene stemmen aangenomen (27 stemmen voor)."
    )


def test_explanation_uses_the_singular_for_one_vote() -> None:
    result = derive_outcome(
        method=ROLL_CALL, council_size=1, members_present=1, votes_for=1, votes_against=0
    )
    assert result.explanation == "Met algemene stemmen aangenomen (1 stem voor)."


# --- Tied votes (Gemeentewet art. 32) --------------------------------------------------------


def test_tie_in_a_full_meeting_rejects() -> None:
    result = dordrecht(members_present=38, vacant_seats=1, votes_for=19, votes_against=19)
    assert result.outcome == Outcome.REJECTED
    assert result.is_tie
    assert "voltallige vergadering" in result.explanation
    assert "art. 32" in result.explanation


def test_tie_in_a_meeting_that_is_not_full_postpones() -> None:
    result = derive_outcome(
        method=ROLL_CALL, council_size=29, members_present=26, votes_for=13, votes_against=13
    )
    assert result.outcome == Outcome.POSTPONED
    assert result.explanation == (
        "Stemmen staakten (13\u201313) in een niet-voltallige vergadering: het voorstel wordt "
        "aangehouden tot een volgende vergadering (Gemeentewet art. 32)."
    )


def test_tie_again_at_the_follow_up_meeting_rejects() -> None:
    result = derive_outcome(
        method=ROLL_CALL,
        council_size=29,
        members_present=26,
        votes_for=13,
        votes_against=13,
        tied_before=True,
    )
    assert result.outcome == Outcome.REJECTED
    assert "opnieuw" in result.explanation
    assert "art. 32" in result.explanation


def test_tie_in_a_full_follow_up_meeting_rejects() -> None:
    result = dordrecht(members_present=38, vacant_seats=1, votes_for=19, votes_against=19)
    again = dordrecht(
        members_present=38, vacant_seats=1, votes_for=19, votes_against=19, tied_before=True
    )
    assert result.outcome == again.outcome == Outcome.REJECTED


@pytest.mark.parametrize(("votes_for", "votes_against"), [(14, 12), (12, 14)])
def test_an_earlier_tie_does_not_change_a_clear_majority(
    votes_for: int, votes_against: int
) -> None:
    plain = dordrecht(members_present=26, votes_for=votes_for, votes_against=votes_against)
    after_tie = dordrecht(
        members_present=26, votes_for=votes_for, votes_against=votes_against, tied_before=True
    )
    assert plain == after_tie
    assert not plain.is_tie


def test_a_tie_among_fracties_postpones_as_well() -> None:
    result = derive_outcome(
        method=PER_FRACTIE,
        council_size=17,
        members_present=16,
        fracties=[
            FractieCount("T@B", 5, votes_for=5),
            FractieCount("SGP", 5, votes_against=5),
            FractieCount("ChristenUnie", 4, votes_for=3, votes_against=1),
            FractieCount("PvdA", 2, votes_against=2),
            FractieCount("CDA", 1),
        ],
    )
    assert (result.outcome, result.votes_for, result.votes_against) == (
        Outcome.POSTPONED,
        8,
        8,
    )


# --- Hamerstuk ---------------------------------------------------------------------------------


def test_hamerstuk_is_adopted_unanimously_by_the_members_present() -> None:
    result = derive_outcome(method=HAMERSTUK, council_size=39, members_present=30)
    assert (result.outcome, result.votes_for, result.votes_against) == (Outcome.ADOPTED, 30, 0)
    assert "hamerstuk" in result.explanation
    assert "30 aanwezige leden" in result.explanation


def test_hamerstuk_still_needs_a_quorum() -> None:
    errors = invalid(method=HAMERSTUK, council_size=39, members_present=19)
    assert errors["members_present"][0].startswith("Geen quorum")


def test_hamerstuk_accepts_a_total_equal_to_the_members_present() -> None:
    result = derive_outcome(method=HAMERSTUK, council_size=39, members_present=30, votes_for=30)
    assert result.votes_for == 30


def test_hamerstuk_cannot_have_votes_against() -> None:
    errors = invalid(method=HAMERSTUK, council_size=39, members_present=30, votes_against=2)
    [message] = errors["votes_against"]
    assert "2 stemmen tegen" in message
    assert "hamerstuk" in message


def test_hamerstuk_cannot_have_fractie_votes_against() -> None:
    errors = invalid(
        method=HAMERSTUK,
        council_size=39,
        members_present=30,
        fracties=[FractieCount("SP", 1, votes_against=1)],
    )
    assert "1 stem tegen" in errors["votes_against"][0]


def test_hamerstuk_total_for_must_equal_the_members_present() -> None:
    errors = invalid(method=HAMERSTUK, council_size=39, members_present=30, votes_for=28)
    [message] = errors["votes_for"]
    assert "30 aanwezige leden" in message
    assert "28 stemmen voor" in message


# --- Votes per fractie -------------------------------------------------------------------------


def test_sound_fractie_count_has_no_errors() -> None:
    count = FractieCount("VVD", 6, votes_for=4, votes_against=1, not_taking_part=1)
    assert fractie_count_errors(count) == []
    assert (count.votes_cast, count.present, count.absent) == (5, 6, 0)


def test_absent_members_are_the_seats_not_accounted_for() -> None:
    assert FractieCount("GroenLinks", 6, votes_for=3, not_taking_part=1).absent == 2


def test_fractie_overflow_message_names_the_fractie() -> None:
    assert fractie_count_errors(FractieCount("VVD", 3, votes_for=4)) == [
        "VVD heeft 3 zetels, maar er zijn 4 stemmen ingevuld."
    ]


def test_fractie_overflow_counts_members_not_taking_part() -> None:
    [message] = fractie_count_errors(
        FractieCount("D66", 3, votes_for=2, votes_against=1, not_taking_part=1)
    )
    assert message == (
        "D66 heeft 3 zetels, maar er zijn 4 leden ingevuld (2 voor, 1 tegen, 1 niet deelgenomen)."
    )


def test_fractie_overflow_with_one_seat_uses_the_singular() -> None:
    assert fractie_count_errors(FractieCount("PVV", 1, votes_for=1, votes_against=1)) == [
        "PVV heeft 1 zetel, maar er zijn 2 stemmen ingevuld."
    ]


def test_fractie_without_seats_cannot_vote() -> None:
    [message] = fractie_count_errors(FractieCount("Nieuw", 0, votes_for=1))
    assert message.startswith("Nieuw heeft geen zetels")


@pytest.mark.parametrize(
    ("field", "words"),
    [
        ("seats", "zetels"),
        ("votes_for", "stemmen voor"),
        ("votes_against", "stemmen tegen"),
        ("not_taking_part", "niet deelnam"),
    ],
)
def test_negative_fractie_numbers_are_errors(field: str, words: str) -> None:
    count = dataclasses.replace(FractieCount("CDA", 4), **{field: -2})
    [message] = fractie_count_errors(count)
    assert message.startswith("CDA:")
    assert words in message
    assert "-2" in message


def test_per_fractie_totals_are_the_sums_of_the_fracties() -> None:
    result = dordrecht(
        method=PER_FRACTIE,
        council_size=17,
        members_present=12,
        fracties=[
            FractieCount("VVD", 6, votes_for=6),
            FractieCount("CDA", 4, votes_against=3, not_taking_part=1),
            FractieCount("SP", 1, votes_for=1),
        ],
    )
    assert (result.votes_for, result.votes_against) == (7, 3)


@pytest.mark.parametrize("method", [PER_FRACTIE, ROLL_CALL])
def test_totals_equal_to_the_fractie_sums_are_accepted(method: VoteMethod) -> None:
    result = dordrecht(
        method=method,
        council_size=17,
        members_present=11,
        votes_for=7,
        votes_against=4,
        fracties=[FractieCount("VVD", 6, votes_for=6), FractieCount("CDA", 5, 1, 4)],
    )
    assert (result.votes_for, result.votes_against) == (7, 4)


def test_totals_that_differ_from_the_fractie_sums_are_errors() -> None:
    errors = invalid(
        method=PER_FRACTIE,
        council_size=17,
        members_present=11,
        votes_for=9,
        votes_against=6,
        fracties=[FractieCount("VVD", 6, votes_for=6), FractieCount("CDA", 5, 1, 4)],
    )
    assert errors["votes_for"] == [
        "Het totaal aantal stemmen voor (9) komt niet overeen met de optelling van de fracties (7)."
    ]
    assert errors["votes_against"] == [
        "Het totaal aantal stemmen tegen (6) komt niet overeen met de optelling van de "
        "fracties (4)."
    ]


def test_per_fractie_overflow_is_reported_under_the_fractie() -> None:
    errors = invalid(
        method=PER_FRACTIE,
        council_size=39,
        members_present=27,
        fracties=[FractieCount("VVD", 3, votes_for=4), FractieCount("SP", 1, votes_for=1)],
    )
    assert errors == {"fractie:VVD": ["VVD heeft 3 zetels, maar er zijn 4 stemmen ingevuld."]}


def test_a_fractie_listed_twice_is_an_error() -> None:
    errors = invalid(
        method=PER_FRACTIE,
        council_size=39,
        members_present=27,
        fracties=[FractieCount("VVD", 6, votes_for=6), FractieCount("VVD", 6, votes_for=6)],
    )
    assert errors["fracties"] == ["De fractie VVD staat meer dan één keer in de stemming."]


def test_fracties_cannot_hold_more_seats_than_the_council() -> None:
    errors = invalid(
        method=PER_FRACTIE,
        council_size=17,
        members_present=16,
        fracties=[FractieCount("T@B", 10, votes_for=10), FractieCount("SGP", 8, votes_against=6)],
    )
    assert errors["fracties"] == ["De fracties hebben samen 18 zetels, maar de raad telt er 17."]


def test_fracties_cannot_account_for_more_members_than_present() -> None:
    errors = invalid(
        method=PER_FRACTIE,
        council_size=39,
        members_present=20,
        fracties=[
            FractieCount("VVD", 6, votes_for=6),
            FractieCount("GroenLinks", 6, votes_against=6),
            FractieCount("CDA", 4, votes_for=2, not_taking_part=2),
            FractieCount("VSP", 4, votes_against=4),
            FractieCount("PvdA", 2, not_taking_part=2),
        ],
    )
    [message] = errors["fracties"]
    assert "22 leden aanwezig" in message
    assert "20 aanwezige leden" in message


# --- Impossible counts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "words"),
    [
        ("members_present", "aanwezige leden"),
        ("votes_for", "stemmen voor"),
        ("votes_against", "stemmen tegen"),
    ],
)
def test_negative_counts_are_errors(field: str, words: str) -> None:
    arguments: dict[str, object] = {
        "method": ROLL_CALL,
        "council_size": 39,
        "members_present": 27,
        "votes_for": 20,
        "votes_against": 5,
        field: -3,
    }
    errors = invalid(**arguments)
    [message] = errors[field]
    assert words in message
    assert "-3" in message


def test_votes_cannot_exceed_the_members_present() -> None:
    errors = invalid(
        method=ROLL_CALL, council_size=39, members_present=25, votes_for=20, votes_against=6
    )
    assert errors == {
        "__all__": [
            "Er zijn 26 stemmen ingevuld (20 voor, 6 tegen), maar er waren maar 25 leden aanwezig."
        ]
    }


def test_fractie_votes_cannot_exceed_the_members_present() -> None:
    errors = invalid(
        method=PER_FRACTIE,
        council_size=39,
        members_present=20,
        fracties=[FractieCount("VVD", 6, votes_for=6), FractieCount("A", 15, 0, 15)],
    )
    assert "21 stemmen ingevuld" in errors["__all__"][0]


@pytest.mark.parametrize("method", [PER_FRACTIE, ROLL_CALL])
def test_a_vote_needs_votes(method: VoteMethod) -> None:
    errors = invalid(method=method, council_size=39, members_present=27)
    [message] = errors["__all__"]
    assert "geen stemmen" in message
    assert "hamerstuk" in message


def test_a_vote_with_fracties_but_no_votes_needs_votes() -> None:
    errors = invalid(
        method=PER_FRACTIE,
        council_size=39,
        members_present=27,
        fracties=[FractieCount("VVD", 6, not_taking_part=6)],
    )
    assert "geen stemmen" in errors["__all__"][0]


@pytest.mark.parametrize(
    ("present", "cast", "valid"),
    [
        (21, 18, False),  # 18 taking part is not more than half of the 39 - 3 who could
        (21, 19, True),
        (20, 19, False),
        (20, 20, True),
    ],
)
def test_too_few_members_taking_part_make_the_vote_invalid(
    present: int, cast: int, valid: bool
) -> None:
    arguments: dict[str, object] = {
        "method": ROLL_CALL,
        "council_size": 39,
        "members_present": present,
        "votes_for": cast,
    }
    if valid:
        assert derive_outcome(**arguments).outcome == Outcome.ADOPTED  # type: ignore[arg-type]
    else:
        [message] = invalid(**arguments)["__all__"]
        assert "art. 29" in message
        assert f"{cast} leden deel" in message


def test_all_errors_are_reported_at_once() -> None:
    errors = invalid(
        method=PER_FRACTIE,
        council_size=39,
        members_present=15,
        votes_against=-1,
        fracties=[
            FractieCount("VVD", 3, votes_for=4),
            FractieCount("SP", 1, votes_for=1),
            FractieCount("SP", 1, votes_for=1),
        ],
    )
    assert set(errors) == {"votes_against", "members_present", "fractie:VVD", "fracties"}
    assert errors["members_present"][0].startswith("Geen quorum")


def test_count_errors_and_quorum_are_reported_together() -> None:
    errors = invalid(
        method=ROLL_CALL, council_size=39, members_present=15, votes_for=10, votes_against=8
    )
    assert set(errors) == {"members_present", "__all__"}


def test_vote_invalid_is_a_value_error_carrying_every_message() -> None:
    with pytest.raises(ValueError) as caught:  # noqa: PT011 - the type itself is the point
        derive_outcome(
            method=ROLL_CALL, council_size=39, members_present=-1, votes_for=-1, votes_against=0
        )
    error = caught.value
    assert isinstance(error, VoteInvalid)
    assert error.messages == error.errors["members_present"] + error.errors["votes_for"]
    assert all(message in str(error) for message in error.messages)


def test_derive_outcome_takes_keyword_arguments_only() -> None:
    with pytest.raises(TypeError):
        derive_outcome(ROLL_CALL, 39, 0, 27, 20, 7)  # type: ignore[misc]


def test_vote_result_is_immutable() -> None:
    result = dordrecht(votes_for=20, votes_against=7)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.outcome = Outcome.REJECTED  # type: ignore[misc]


# --- Recorded outcome against the counts ---------------------------------------------------------


@pytest.mark.parametrize(
    ("votes_for", "votes_against", "recorded"),
    [(19, 7, Outcome.ADOPTED), (7, 19, Outcome.REJECTED), (13, 13, Outcome.POSTPONED)],
)
def test_a_recorded_outcome_that_matches_is_no_contradiction(
    votes_for: int, votes_against: int, recorded: Outcome
) -> None:
    derived = dordrecht(members_present=26, votes_for=votes_for, votes_against=votes_against)
    assert outcome_contradiction(recorded, derived) is None


@pytest.mark.parametrize("recorded", [Outcome.REJECTED, Outcome.POSTPONED])
def test_a_recorded_outcome_that_differs_is_a_contradiction(recorded: Outcome) -> None:
    derived = dordrecht(votes_for=21, votes_against=6)
    message = outcome_contradiction(recorded, derived)
    assert message is not None
    assert f"\u2018{recorded.label}\u2019" in message
    assert "\u2018aangenomen\u2019" in message
    assert message.endswith("Aangenomen met 21 stemmen voor en 6 tegen.")


def test_a_proposal_that_was_voted_on_cannot_be_withdrawn() -> None:
    derived = dordrecht(votes_for=6, votes_against=21)
    message = outcome_contradiction(Outcome.WITHDRAWN, derived)
    assert message is not None
    assert "ingetrokken" in message
    assert "vóór de stemming" in message


def test_a_hamerstuk_cannot_be_recorded_as_withdrawn() -> None:
    derived = derive_outcome(method=HAMERSTUK, council_size=39, members_present=30)
    assert outcome_contradiction(Outcome.WITHDRAWN, derived) is not None


def test_contradiction_accepts_the_stored_value() -> None:
    derived = dordrecht(votes_for=6, votes_against=21)
    assert outcome_contradiction("rejected", derived) is None  # type: ignore[arg-type]
    assert outcome_contradiction("adopted", derived) is not None  # type: ignore[arg-type]


# --- When a change to the regeling takes effect --------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "participants", "consented", "in_force", "needed"),
    [
        (ALL, 7, 7, True, 0),
        (ALL, 7, 6, False, 1),
        (ALL, 7, 0, False, 7),
        (ALL, 1, 1, True, 0),
        (MAJORITY, 7, 4, True, 0),
        (MAJORITY, 7, 3, False, 1),
        (MAJORITY, 6, 3, False, 1),  # half is not a majority
        (MAJORITY, 6, 4, True, 0),
        (MAJORITY, 7, 7, True, 0),
        (TWO_THIRDS, 7, 5, True, 0),
        (TWO_THIRDS, 7, 4, False, 1),
        (TWO_THIRDS, 9, 6, True, 0),  # exactly two thirds is enough
        (TWO_THIRDS, 9, 5, False, 1),
        (TWO_THIRDS, 6, 4, True, 0),
        (TWO_THIRDS, 6, 3, False, 1),
        (TWO_THIRDS, 3, 0, False, 2),
    ],
)
def test_takes_effect_and_still_needed(
    rule: AmendmentRule, participants: int, consented: int, in_force: bool, needed: int
) -> None:
    assert takes_effect(rule, participants, consented) is in_force
    assert still_needed(rule, participants, consented) == needed


@pytest.mark.parametrize("rule", list(AmendmentRule))
@pytest.mark.parametrize("participants", range(1, 13))
def test_still_needed_is_the_smallest_number_that_puts_the_change_in_force(
    rule: AmendmentRule, participants: int
) -> None:
    for consented in range(participants + 1):
        needed = still_needed(rule, participants, consented)
        assert (needed == 0) is takes_effect(rule, participants, consented)
        assert takes_effect(rule, participants, consented + needed)
        if needed:
            assert not takes_effect(rule, participants, consented + needed - 1)


@pytest.mark.parametrize(
    ("rule", "participants", "required"),
    [(ALL, 7, 7), (MAJORITY, 7, 4), (MAJORITY, 8, 5), (TWO_THIRDS, 7, 5), (TWO_THIRDS, 9, 6)],
)
def test_consents_required(rule: AmendmentRule, participants: int, required: int) -> None:
    assert consents_required(rule, participants) == required


def test_the_stored_rule_value_is_accepted() -> None:
    assert takes_effect("all", 7, 7)  # type: ignore[arg-type]
    assert still_needed("majority", 7, 2) == 2  # type: ignore[arg-type]


@pytest.mark.parametrize("function", [takes_effect, still_needed])
@pytest.mark.parametrize(("participants", "consented"), [(0, 0), (7, -1), (7, 8)])
def test_impossible_participant_counts_are_refused(
    function: Callable[[AmendmentRule, int, int], object], participants: int, consented: int
) -> None:
    with pytest.raises(ValueError, match=r"participants|consented"):
        function(ALL, participants, consented)


def test_amendment_progress_in_dutch() -> None:
    assert amendment_progress(ALL, 7, 5) == (
        "Nog 2 instemmingen nodig: 5 van de 7 deelnemers hebben ingestemd "
        "(vereist: alle deelnemers)."
    )
    assert amendment_progress(ALL, 7, 6).startswith("Nog 1 instemming nodig")
    assert amendment_progress(MAJORITY, 7, 4).startswith("De wijziging treedt in werking")


# --- Every message is Dutch text, filled in ------------------------------------------------------

INVALID_VOTES: list[dict[str, object]] = [
    {"method": ROLL_CALL, "council_size": 0, "members_present": 0},
    {"method": ROLL_CALL, "council_size": 39, "vacant_seats": -1, "members_present": 20},
    {"method": ROLL_CALL, "council_size": 39, "vacant_seats": 39, "members_present": 20},
    {"method": ROLL_CALL, "council_size": 39, "vacant_seats": 2, "members_present": 18},
    {"method": ROLL_CALL, "council_size": 39, "members_present": 40, "votes_for": 1},
    {"method": ROLL_CALL, "council_size": 39, "members_present": -1, "votes_for": -1},
    {"method": ROLL_CALL, "council_size": 39, "members_present": 27, "votes_against": -1},
    {"method": ROLL_CALL, "council_size": 39, "members_present": 27},
    {"method": ROLL_CALL, "council_size": 39, "members_present": 21, "votes_for": 18},
    {"method": ROLL_CALL, "council_size": 39, "members_present": 21, "votes_for": 22},
    {"method": HAMERSTUK, "council_size": 39, "members_present": 25, "votes_for": 3},
    {"method": HAMERSTUK, "council_size": 39, "members_present": 25, "votes_against": 3},
    {
        "method": PER_FRACTIE,
        "council_size": 39,
        "members_present": 27,
        "votes_for": 1,
        "votes_against": 1,
        "fracties": [FractieCount("VVD", 6, 2, 2)],
    },
    {
        "method": PER_FRACTIE,
        "council_size": 5,
        "members_present": 4,
        "fracties": [FractieCount("A", 3, 3), FractieCount("B", 3, 0, 3)],
    },
    {
        "method": PER_FRACTIE,
        "council_size": 39,
        "members_present": 27,
        "fracties": [
            FractieCount("A", -1),
            FractieCount("B", 2, -1, -1, -1),
            FractieCount("C", 0, 1),
            FractieCount("D", 1, 1, 1),
            FractieCount("E", 2, 1, 1, 1),
            FractieCount("E", 2, 1),
        ],
    },
]


@pytest.mark.parametrize("arguments", INVALID_VOTES)
def test_every_error_message_is_a_complete_dutch_sentence(arguments: dict[str, object]) -> None:
    errors = invalid(**arguments)
    assert errors
    for field, messages in errors.items():
        assert field in {
            "__all__",
            "members_present",
            "votes_for",
            "votes_against",
            "fracties",
        } or field.startswith("fractie:")
        assert messages
        for message in messages:
            assert message.strip() == message != ""
            assert message[0].isupper() or message[0].isdigit()
            assert message.endswith(".")
            assert "%(" not in message
            assert "%d" not in message
            assert "%s" not in message


VALID_VOTES: list[dict[str, object]] = [
    {"method": ROLL_CALL, "votes_for": 21, "votes_against": 6},
    {"method": ROLL_CALL, "votes_for": 6, "votes_against": 21},
    {"method": ROLL_CALL, "votes_for": 27},
    {"method": ROLL_CALL, "members_present": 26, "votes_for": 13, "votes_against": 13},
    {
        "method": ROLL_CALL,
        "members_present": 26,
        "votes_for": 13,
        "votes_against": 13,
        "tied_before": True,
    },
    {"method": ROLL_CALL, "members_present": 39, "votes_for": 19, "votes_against": 19},
    {"method": HAMERSTUK},
    {"method": HAMERSTUK, "council_size": 1, "members_present": 1},
]


@pytest.mark.parametrize("arguments", VALID_VOTES)
def test_every_explanation_is_one_filled_in_dutch_sentence(arguments: dict[str, object]) -> None:
    explanation = dordrecht(**arguments).explanation
    assert explanation.strip() == explanation != ""
    assert explanation[0].isupper()
    assert explanation.endswith(".")
    assert ". " not in explanation.replace("art. ", "art.")
    assert "%(" not in explanation


@pytest.mark.parametrize("recorded", list(Outcome))
def test_every_contradiction_message_is_filled_in(recorded: Outcome) -> None:
    derived = dordrecht(members_present=26, votes_for=13, votes_against=13)
    message = outcome_contradiction(recorded, derived)
    if recorded == Outcome.POSTPONED:
        assert message is None
    else:
        assert message is not None
        assert message.strip() == message != ""
        assert "%(" not in message
