"""Specification of the procedure rules in ``decisions.rules``, article by article.

Pure functions, no database. Each test names the article and lid it checks (Gemeentewet, text in
shared/standards/law/gemeentewet-8-20-28-32.md); the readings the module chose where the law is
open ("reading 1" ... "reading 9" in its docstring) are tested by name too. Dordrecht's council
(39 seats) is the running example; the boundaries run over every council size from 9 to 45.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterator

import pytest
from django.conf import settings
from django.utils import translation

from decisions import rules
from decisions.rules import (
    Ballot,
    FractieCount,
    MemberChoice,
    VoteInvalid,
    VoteResult,
    amendment_progress,
    consents_required,
    council_size_for_population,
    derive_outcome,
    fractie_count_errors,
    has_absolute_majority,
    has_quorum,
    is_full_meeting,
    is_tie,
    is_valid_vote,
    outcome_contradiction,
    quorum_error,
    quorum_threshold,
    sitting_members,
    still_needed,
    takes_effect,
    validity_threshold,
)
from gr_portal.core.choices import AmendmentRule, Outcome, VoteMethod

PER_FRACTIE = VoteMethod.PER_FRACTIE
ROLL_CALL = VoteMethod.ROLL_CALL
HAMERSTUK = VoteMethod.WITHOUT_VOTE
ALL = AmendmentRule.ALL_PARTICIPANTS
MAJORITY = AmendmentRule.MAJORITY
TWO_THIRDS = AmendmentRule.TWO_THIRDS

#: Every number of sitting members a council can have: 9..45 seats (art. 8), odd by law and
#: even with a vacancy.
EVERY_SIZE = range(9, 46)
#: The Drechtsteden councils (Hardinxveld-Giessendam 17, Alblasserdam 19, Sliedrecht 21,
#: Hendrik-Ido-Ambacht and Papendrecht 23, Zwijndrecht 27, Dordrecht 39).
DRECHTSTEDEN_SIZES = (17, 19, 21, 23, 27, 39)


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
    """A vote by totals in a 39-seat council; the members present are the votes cast plus the
    members not taking part unless stated otherwise (every member present accounted for)."""
    arguments: dict[str, object] = {"method": ROLL_CALL, "council_size": 39}
    arguments.update(kwargs)
    arguments.setdefault(
        "members_present",
        int(arguments.get("votes_for", 0))  # type: ignore[call-overload]
        + int(arguments.get("votes_against", 0))  # type: ignore[call-overload]
        + int(arguments.get("not_taking_part", 0)),  # type: ignore[call-overload]
    )
    return derive_outcome(**arguments)  # type: ignore[arg-type]


def roll_call(*choices: str | None, vacant_seats: int = 0, **kwargs: object) -> VoteResult:
    """A roll call of a council whose sitting members are exactly `choices` (member 1, 2, ...)."""
    members = [MemberChoice(str(n), choice, f"Lid {n}") for n, choice in enumerate(choices, 1)]
    return derive_outcome(
        method=ROLL_CALL,
        council_size=len(members) + vacant_seats,
        vacant_seats=vacant_seats,
        members=members,
        **kwargs,  # type: ignore[arg-type]
    )


# --- Art. 8: council size and sitting members ------------------------------------------------

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
def test_art_8_lid_1_council_size_at_every_bracket_edge(population: int, seats: int) -> None:
    assert council_size_for_population(population) == seats


@pytest.mark.parametrize(
    ("population", "seats"),
    [(20_000, 17), (20_001, 19), (200_000, 39), (200_001, 45), (5_000_000, 45)],
)
def test_art_8_lid_1_council_size_named_edges(population: int, seats: int) -> None:
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
def test_art_8_lid_1_council_size_matches_the_drechtsteden_councils(
    municipality: str, population: int, seats: int
) -> None:
    assert council_size_for_population(population) == seats, municipality


def test_art_8_lid_1_council_size_rejects_a_negative_population() -> None:
    with pytest.raises(ValueError, match="population must not be negative"):
        council_size_for_population(-1)


@pytest.mark.parametrize(("size", "vacant", "sitting"), [(39, 0, 39), (39, 2, 37), (17, 1, 16)])
def test_art_8_sitting_members_are_seats_minus_vacancies(
    size: int, vacant: int, sitting: int
) -> None:
    assert sitting_members(size, vacant) == sitting


@pytest.mark.parametrize(("size", "vacant"), [(-1, 0), (39, -1), (39, 40)])
def test_art_8_sitting_members_rejects_impossible_councils(size: int, vacant: int) -> None:
    with pytest.raises(ValueError, match=r"council_size|vacant_seats"):
        sitting_members(size, vacant)


@pytest.mark.parametrize(
    ("council_size", "vacant_seats"),
    [(0, 0), (-5, 0), (39, -1), (39, 39), (39, 40)],
)
def test_art_8_an_impossible_council_is_an_error(council_size: int, vacant_seats: int) -> None:
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


# --- Art. 20 lid 1: the quorum to open the meeting -------------------------------------------


@pytest.mark.parametrize("sitting", EVERY_SIZE)
def test_art_20_lid_1_half_present_cannot_open_one_more_can(sitting: int) -> None:
    """At every council size: not more than half (exactly half when even) is not enough, the
    next member is."""
    half = sitting // 2
    assert not has_quorum(half, sitting)
    assert has_quorum(half + 1, sitting)
    assert quorum_threshold(sitting) == half + 1


@pytest.mark.parametrize("sitting", [size for size in EVERY_SIZE if size % 2 == 0])
def test_art_20_lid_1_exactly_half_present_cannot_open(sitting: int) -> None:
    assert not has_quorum(sitting // 2, sitting)
    message = quorum_error(sitting // 2, sitting + 1, vacant_seats=1)
    assert message is not None
    assert f"ten minste {sitting // 2 + 1}" in message
    assert "Gemeentewet art. 20 lid 1" in message


@pytest.mark.parametrize("sitting", EVERY_SIZE)
def test_art_20_lid_1_a_vote_needs_an_opened_meeting_at_every_size(sitting: int) -> None:
    half = sitting // 2
    errors = invalid(method=ROLL_CALL, council_size=sitting, members_present=half, votes_for=half)
    [message] = errors["members_present"]
    assert message.startswith("Geen quorum")
    one_more = dordrecht(council_size=sitting, votes_for=half + 1)
    assert one_more.outcome == Outcome.ADOPTED


@pytest.mark.parametrize("method", list(VoteMethod))
def test_art_20_lid_1_nothing_is_decided_when_the_meeting_could_not_open(
    method: VoteMethod,
) -> None:
    arguments: dict[str, object] = {"method": method, "council_size": 39, "members_present": 19}
    if method != HAMERSTUK:
        arguments.update(votes_for=12, votes_against=7)
    errors = invalid(**arguments)
    [message] = errors["members_present"]
    assert message.startswith("Geen quorum")
    assert "19 leden aanwezig" in message
    assert "39 zitting hebbende leden" in message
    assert "ten minste 20" in message
    assert "Gemeentewet art. 20 lid 1" in message
    assert "art. 20 lid 3" in message  # the way out: a reconvened meeting


def test_art_20_lid_1_vacancies_lower_the_quorum() -> None:
    assert dordrecht(vacant_seats=2, votes_for=10, votes_against=9).outcome == Outcome.ADOPTED
    errors = invalid(
        method=ROLL_CALL, council_size=39, vacant_seats=2, members_present=18, votes_for=18
    )
    [message] = errors["members_present"]
    assert "37 zitting hebbende leden (39 zetels, waarvan 2 vacant)" in message
    assert "ten minste 19" in message


def test_art_20_lid_1_the_presentielijst_at_the_opening_decides_not_the_vote() -> None:
    """The quorum is the meeting's (20 of 39 on the presentielijst); who is present at the vote
    is art. 29's question, asked later: 19 voting is then an invalid vote, not a closed
    meeting."""
    result = dordrecht(meeting_attendance=20, votes_for=10, votes_against=9)
    assert result.outcome == Outcome.INVALID
    errors = invalid(
        method=ROLL_CALL,
        council_size=39,
        meeting_attendance=19,
        members_present=25,
        votes_for=20,
        votes_against=5,
    )
    [message] = errors["__all__"]
    assert message.startswith("Geen quorum: er waren 19 leden aanwezig")


def test_art_20_lid_1_the_presentielijst_cannot_hold_more_than_the_sitting_members() -> None:
    errors = invalid(
        method=ROLL_CALL,
        council_size=39,
        vacant_seats=1,
        meeting_attendance=39,
        members_present=30,
        votes_for=30,
    )
    [message] = errors["__all__"]
    assert "Volgens de presentielijst waren er 39 leden aanwezig" in message
    assert "38 zitting hebbende leden" in message


def test_art_20_lid_1_more_members_present_than_sitting_is_an_error() -> None:
    errors = invalid(
        method=ROLL_CALL, council_size=39, vacant_seats=1, members_present=39, votes_for=39
    )
    [message] = errors["members_present"]
    assert "39 aanwezige leden" in message
    assert "38 zitting hebbende leden" in message


def test_art_20_lid_1_quorum_error_is_none_for_a_quorate_meeting() -> None:
    assert quorum_error(20, 39) is None
    assert quorum_error(19, 39, vacant_seats=2) is None


# --- Art. 20 lid 2 and 3: the reconvened meeting ---------------------------------------------


def test_art_20_lid_3_a_reconvened_meeting_decides_its_subjects_without_a_quorum() -> None:
    assert quorum_error(5, 39, reconvened=True) is None
    result = dordrecht(votes_for=6, votes_against=4, reconvened=True)
    assert result.outcome == Outcome.ADOPTED
    assert result.members_present == 10


def test_art_20_lid_3_other_subjects_of_a_reconvened_meeting_need_the_quorum() -> None:
    """Lid 3, second sentence: for subjects that were not on the agenda of the meeting that
    could not open, the caller passes reconvened=False, and lid 1 applies as always."""
    message = quorum_error(10, 39, reconvened=False)
    assert message is not None
    assert message.startswith("Geen quorum")
    errors = invalid(method=ROLL_CALL, council_size=39, members_present=10, votes_for=10)
    assert errors["members_present"][0].startswith("Geen quorum")


def test_art_20_lid_3_a_hamerstuk_in_a_reconvened_meeting() -> None:
    result = derive_outcome(method=HAMERSTUK, council_size=39, members_present=8, reconvened=True)
    assert (result.outcome, result.votes_for) == (Outcome.ADOPTED, 8)


# --- Art. 28: members who must not take part ---------------------------------------------------


def test_art_28_lid_1_members_who_must_abstain_are_present_and_cast_no_vote() -> None:
    # 30 present, 2 have a personal interest: 15 of the 28 votes cast is a majority.
    result = dordrecht(votes_for=15, votes_against=13, not_taking_part=2)
    assert result.outcome == Outcome.ADOPTED
    assert (result.members_present, result.not_taking_part, result.votes_cast) == (30, 2, 28)


def test_art_28_a_roll_call_records_who_abstained() -> None:
    result = roll_call(Ballot.FOR, Ballot.FOR, Ballot.AGAINST, Ballot.ABSTAINED, Ballot.ABSENT)
    assert (result.votes_for, result.votes_against, result.not_taking_part) == (2, 1, 1)
    assert result.members_present == 4


# --- Art. 29 lid 1: a valid vote ---------------------------------------------------------------


@pytest.mark.parametrize("abstaining", [0, 1, 2])
@pytest.mark.parametrize("sitting", EVERY_SIZE)
def test_art_29_lid_1_exactly_half_taking_part_is_invalid(sitting: int, abstaining: int) -> None:
    """At every size, with members who must abstain present (0, 1, 2): half of those who could
    take part (rounded down: exactly half when even) is not enough; the meeting itself opened
    with everyone present (art. 20 lid 1 is not the question here)."""
    eligible = sitting - abstaining
    half = eligible // 2
    assert not is_valid_vote(half, sitting, abstaining)
    assert validity_threshold(sitting, abstaining) == half + 1
    result = dordrecht(
        council_size=sitting,
        meeting_attendance=sitting,
        votes_for=half,
        not_taking_part=abstaining,
    )
    assert result.outcome == Outcome.INVALID
    assert "Gemeentewet art. 29 lid 1" in result.explanation


@pytest.mark.parametrize("abstaining", [0, 1, 2])
@pytest.mark.parametrize("sitting", EVERY_SIZE)
def test_art_29_lid_1_one_more_than_half_taking_part_is_valid(
    sitting: int, abstaining: int
) -> None:
    eligible = sitting - abstaining
    taking_part = eligible // 2 + 1
    assert is_valid_vote(taking_part, sitting, abstaining)
    result = dordrecht(
        council_size=sitting,
        meeting_attendance=sitting,
        votes_for=taking_part,
        not_taking_part=abstaining,
    )
    assert result.outcome == Outcome.ADOPTED


@pytest.mark.parametrize("vacant", [1, 2])
def test_art_29_lid_1_counts_the_sitting_members_not_the_vacant_seats(vacant: int) -> None:
    # 39 seats, `vacant` vacant: half of the sitting members who could take part decides.
    sitting = 39 - vacant
    result = dordrecht(vacant_seats=vacant, meeting_attendance=sitting, votes_for=sitting // 2 + 1)
    assert result.outcome == Outcome.ADOPTED
    result = dordrecht(vacant_seats=vacant, meeting_attendance=sitting, votes_for=sitting // 2)
    assert result.outcome == Outcome.INVALID


def test_art_29_lid_1_abstainers_present_lower_the_bar_absent_members_do_not() -> None:
    """Reading 2: a member who would have had to abstain but is absent counts as absent."""
    # 19 vote, 2 present must abstain: 19 of 37 could take part, more than half: valid.
    present = dordrecht(meeting_attendance=21, votes_for=12, votes_against=7, not_taking_part=2)
    assert present.outcome == Outcome.ADOPTED
    # The same 19 vote, the two are absent: 19 of 39 is not more than half.
    absent = dordrecht(meeting_attendance=21, votes_for=12, votes_against=7)
    assert absent.outcome == Outcome.INVALID


def test_art_29_lid_1_an_invalid_vote_is_an_outcome_with_its_reason() -> None:
    result = dordrecht(votes_for=10, votes_against=8, not_taking_part=3)
    assert result == VoteResult(
        Outcome.INVALID,
        10,
        8,
        "De stemming is niet geldig: 18 van de 36 zitting hebbende leden die zich niet moesten "
        "onthouden namen deel, niet meer dan de helft (nodig: ten minste 19, Gemeentewet "
        "art. 29 lid 1); in een volgende vergadering wordt opnieuw gestemd, zonder die eis "
        "(art. 29 lid 2 onder a).",
        not_taking_part=3,
        members_present=21,
    )
    assert Outcome.INVALID not in rules.DECIDED


def test_art_29_lid_1_comes_before_the_tie() -> None:
    # 9-9 with 3 abstaining of 39: invalid, not a tie to postpone.
    result = dordrecht(votes_for=9, votes_against=9, not_taking_part=3, meeting_attendance=21)
    assert result.outcome == Outcome.INVALID


def test_art_29_lid_1_everyone_present_had_to_abstain() -> None:
    result = dordrecht(not_taking_part=21)
    assert (result.outcome, result.votes_cast) == (Outcome.INVALID, 0)


# --- Art. 29 lid 2: where lid 1 does not apply -------------------------------------------------


def test_art_29_lid_2_a_the_repeated_vote_after_an_invalid_one_needs_no_validity() -> None:
    counts = {"votes_for": 10, "votes_against": 8, "not_taking_part": 3}
    assert dordrecht(**counts).outcome == Outcome.INVALID
    again = dordrecht(**counts, repeated_after_invalid=True)
    assert again.outcome == Outcome.ADOPTED
    assert again.explanation == (
        "Aangenomen met 10 stemmen voor en 8 tegen (Gemeentewet art. 30 lid 1); art. 29 lid 1 "
        "geldt niet voor deze nieuwe stemming na een ongeldige stemming (Gemeentewet art. 29 "
        "lid 2 onder a)."
    )


def test_art_29_lid_2_a_still_needs_an_opened_meeting() -> None:
    """Lid 2 onder a lifts art. 29 lid 1, not art. 20 lid 1: the next meeting opens as any."""
    errors = invalid(
        method=ROLL_CALL,
        council_size=39,
        members_present=12,
        votes_for=7,
        votes_against=5,
        repeated_after_invalid=True,
    )
    assert errors["members_present"][0].startswith("Geen quorum")


def test_art_29_lid_2_b_the_reconvened_meeting_needs_no_validity() -> None:
    result = dordrecht(votes_for=4, votes_against=3, reconvened=True)
    assert result.outcome == Outcome.ADOPTED
    assert result.explanation.endswith(
        "art. 29 lid 1 geldt niet in deze opnieuw belegde vergadering (Gemeentewet art. 29 "
        "lid 2 onder b)."
    )


def test_art_29_lid_2_a_valid_vote_needs_no_mention_of_the_exception() -> None:
    result = dordrecht(votes_for=21, votes_against=6, repeated_after_invalid=True)
    assert (
        result.explanation
        == "Aangenomen met 21 stemmen voor en 6 tegen (Gemeentewet art. 30 lid 1)."
    )


def test_art_29_lid_2_and_art_30_nobody_voted_is_not_adopted() -> None:
    """Reading 7: where lid 1 does not apply and everyone present had to abstain, there is no
    absolute majority for the proposal (art. 30 lid 1)."""
    result = dordrecht(not_taking_part=5, reconvened=True)
    assert result.outcome == Outcome.REJECTED
    assert "art. 30 lid 1" in result.explanation


def test_art_29_lid_2_a_tie_in_the_repeated_vote_still_follows_art_32() -> None:
    result = dordrecht(
        votes_for=8,
        votes_against=8,
        not_taking_part=3,
        meeting_attendance=21,
        repeated_after_invalid=True,
    )
    assert result.outcome == Outcome.POSTPONED


# --- Art. 30 lid 1: the absolute majority of the votes cast -----------------------------------


@pytest.mark.parametrize(
    ("votes_for", "votes_against", "outcome"),
    [
        (21, 6, Outcome.ADOPTED),
        (14, 13, Outcome.ADOPTED),  # one more than half
        (27, 0, Outcome.ADOPTED),
        (13, 14, Outcome.REJECTED),
        (6, 21, Outcome.REJECTED),
        (0, 27, Outcome.REJECTED),
    ],
)
def test_art_30_lid_1_more_than_half_of_the_votes_cast_decides(
    votes_for: int, votes_against: int, outcome: Outcome
) -> None:
    result = dordrecht(votes_for=votes_for, votes_against=votes_against)
    assert (result.outcome, result.votes_for, result.votes_against) == (
        outcome,
        votes_for,
        votes_against,
    )


@pytest.mark.parametrize("cast", range(1, 46))
def test_art_30_lid_1_one_more_than_half_is_a_majority_exactly_half_is_not(cast: int) -> None:
    assert has_absolute_majority(cast // 2 + 1, cast)
    assert not has_absolute_majority(cast // 2, cast)
    if cast % 2 == 0:  # exactly half each way: neither has it, a tie (art. 32 lid 4)
        assert is_tie(cast // 2, cast // 2)


def test_art_30_lid_1_members_not_taking_part_are_not_votes_cast() -> None:
    # 14 for, 13 against, 5 abstaining: 14 of 27 votes cast, a majority.
    assert dordrecht(votes_for=14, votes_against=13, not_taking_part=5).outcome == Outcome.ADOPTED


def test_art_30_lid_1_explanations() -> None:
    assert dordrecht(votes_for=21, votes_against=6).explanation == (
        "Aangenomen met 21 stemmen voor en 6 tegen (Gemeentewet art. 30 lid 1)."
    )
    assert dordrecht(votes_for=6, votes_against=21).explanation == (
        "Verworpen met 6 stemmen voor en 21 tegen (Gemeentewet art. 30 lid 1)."
    )
    assert dordrecht(votes_for=27).explanation == (
        "Met algemene stemmen aangenomen (27 stemmen voor, Gemeentewet art. 30 lid 1)."
    )
    one = derive_outcome(method=ROLL_CALL, council_size=1, members_present=1, votes_for=1)
    assert one.explanation == (
        "Met algemene stemmen aangenomen (1 stem voor, Gemeentewet art. 30 lid 1)."
    )


# --- Art. 32 lid 2: the roll call --------------------------------------------------------------


def test_art_32_lid_2_the_totals_of_a_roll_call_come_from_the_members() -> None:
    result = roll_call("for", "for", "against", "abstained", "absent", "for")
    assert (result.outcome, result.votes_for, result.votes_against) == (Outcome.ADOPTED, 3, 1)
    assert (result.members_present, result.not_taking_part) == (5, 1)


def test_art_32_lid_2_a_present_member_who_did_not_vote_is_refused() -> None:
    with pytest.raises(VoteInvalid) as caught:
        roll_call("for", None, "against", "for")
    [message] = caught.value.errors["member:2"]
    assert message.startswith("Lid 2 was aanwezig, maar stemde niet voor of tegen")
    assert "Gemeentewet art. 32 lid 2" in message
    assert set(caught.value.errors) == {"member:2"}


def test_art_32_lid_2_an_unknown_choice_is_refused_beside_the_member() -> None:
    with pytest.raises(VoteInvalid) as caught:
        roll_call("for", "blanco", "for")
    [message] = caught.value.errors["member:2"]
    assert "‘blanco’ is geen keuze" in message


def test_art_32_lid_2_every_sitting_member_is_in_the_roll_call() -> None:
    members = [MemberChoice("1", "for"), MemberChoice("2", "for")]
    errors = invalid(method=ROLL_CALL, council_size=3, members=members)
    [message] = errors["members"]
    assert "noemt 2 leden, maar de raad heeft 3 zitting hebbende leden" in message
    # A vacant seat has no member to call.
    assert roll_call("for", "for", vacant_seats=1).outcome == Outcome.ADOPTED


def test_art_32_lid_2_a_member_is_called_once() -> None:
    members = [MemberChoice("1", "for", "Jansen"), MemberChoice("1", "against", "Jansen")]
    errors = invalid(method=ROLL_CALL, council_size=2, members=members)
    assert errors["member:1"] == ["Jansen staat meer dan één keer in de hoofdelijke stemming."]


def test_art_32_lid_2_members_present_typed_beside_a_roll_call_must_match() -> None:
    with pytest.raises(VoteInvalid) as caught:
        roll_call("for", "for", "absent", members_present=3)
    assert caught.value.errors["members_present"] == [
        "Er zijn 3 aanwezige leden ingevuld, maar volgens de hoofdelijke stemming waren er 2 "
        "aanwezig."
    ]


def test_art_32_lid_2_members_present_not_accounted_for_are_refused() -> None:
    """The old bug: 39 present and 16 votes was 'met algemene stemmen aangenomen'."""
    errors = invalid(method=ROLL_CALL, council_size=39, members_present=39, votes_for=16)
    [message] = errors["members_present"]
    assert message.startswith(
        "Er waren 39 leden aanwezig, maar er zijn er maar 16 verantwoord (16 voor, 0 tegen, "
        "0 onthouden): 23 aanwezige leden zijn niet verantwoord."
    )
    assert "Gemeentewet art. 28" in message
    assert "art. 32 lid 2" in message


def test_art_32_lid_2_one_present_member_not_accounted_for_uses_the_singular() -> None:
    errors = invalid(method=ROLL_CALL, council_size=39, members_present=30, votes_for=29)
    assert "1 aanwezig lid is niet verantwoord" in errors["members_present"][0]


def test_art_32_lid_2_more_votes_than_members_present_are_refused() -> None:
    errors = invalid(
        method=ROLL_CALL, council_size=39, members_present=25, votes_for=20, votes_against=6
    )
    assert errors == {
        "members_present": [
            "Er zijn 26 leden ingevuld die stemden of zich moesten onthouden (20 voor, 6 tegen, "
            "0 onthouden), maar er waren maar 25 leden aanwezig."
        ]
    }


@pytest.mark.parametrize("method", [PER_FRACTIE, ROLL_CALL])
def test_art_32_a_vote_needs_votes(method: VoteMethod) -> None:
    errors = invalid(method=method, council_size=39, members_present=27)
    [message] = errors["__all__"]
    assert "geen stemmen" in message
    assert "hamerstuk" in message
    assert "art. 32 lid 3" in message


# --- Art. 32 lid 3: the hamerstuk, and aantekening ---------------------------------------------


def test_art_32_lid_3_a_hamerstuk_is_adopted_without_a_vote() -> None:
    result = derive_outcome(method=HAMERSTUK, council_size=39, members_present=30)
    assert (result.outcome, result.votes_for, result.votes_against) == (Outcome.ADOPTED, 30, 0)
    assert result.explanation == (
        "Zonder stemming aangenomen (hamerstuk, Gemeentewet art. 32 lid 3); 30 leden aanwezig, "
        "geen aantekening tegen."
    )


def test_art_32_lid_3_aantekening_is_recorded_as_deemed_against() -> None:
    result = derive_outcome(method=HAMERSTUK, council_size=39, members_present=30, noted_against=2)
    assert (result.outcome, result.votes_for, result.votes_against) == (Outcome.ADOPTED, 28, 2)
    assert result.explanation == (
        "Zonder stemming aangenomen (hamerstuk, Gemeentewet art. 32 lid 3); aantekening tegen: "
        "2 leden, die geacht worden tegen te hebben gestemd."
    )


def test_art_32_lid_3_aantekening_by_name_and_in_the_singular() -> None:
    named = derive_outcome(
        method=HAMERSTUK, council_size=39, members_present=30, noted_against=["Jansen", "De Vries"]
    )
    assert "aantekening tegen: 2 leden (Jansen, De Vries), die geacht" in named.explanation
    one = derive_outcome(method=HAMERSTUK, council_size=39, members_present=30, noted_against=1)
    assert "aantekening tegen: 1 lid, dat geacht wordt tegen te hebben gestemd." in (
        one.explanation
    )


def test_art_32_lid_3_members_who_must_abstain_are_neither_for_nor_against() -> None:
    result = derive_outcome(
        method=HAMERSTUK, council_size=39, members_present=30, not_taking_part=1, noted_against=2
    )
    assert (result.votes_for, result.votes_against, result.not_taking_part) == (27, 2, 1)


def test_art_32_lid_3_more_aantekeningen_than_members_present_are_refused() -> None:
    errors = invalid(method=HAMERSTUK, council_size=39, members_present=25, noted_against=26)
    assert "aantekening tegen gevraagd door 26 leden" in errors["__all__"][0]


def test_art_32_lid_3_aantekening_belongs_to_a_hamerstuk() -> None:
    errors = invalid(
        method=ROLL_CALL, council_size=39, members_present=27, votes_for=27, noted_against=1
    )
    assert "art. 32 lid 3" in errors["__all__"][0]


def test_art_32_lid_3_a_hamerstuk_still_needs_an_opened_meeting() -> None:
    errors = invalid(method=HAMERSTUK, council_size=39, members_present=19)
    assert errors["members_present"][0].startswith("Geen quorum")


def test_art_32_lid_3_a_hamerstuk_has_no_votes_against() -> None:
    errors = invalid(method=HAMERSTUK, council_size=39, members_present=30, votes_against=2)
    [message] = errors["votes_against"]
    assert "2 stemmen tegen" in message
    assert "aantekening" in message


def test_art_32_lid_3_a_hamerstuk_has_no_per_fractie_vote() -> None:
    errors = invalid(
        method=HAMERSTUK,
        council_size=39,
        members_present=30,
        fracties=[FractieCount("SP", 1, votes_against=1)],
    )
    assert "art. 32 lid 3" in errors["fracties"][0]


def test_art_32_lid_3_a_total_for_must_be_the_members_without_aantekening() -> None:
    result = derive_outcome(method=HAMERSTUK, council_size=39, members_present=30, votes_for=30)
    assert result.votes_for == 30
    errors = invalid(method=HAMERSTUK, council_size=39, members_present=30, votes_for=28)
    [message] = errors["votes_for"]
    assert "30 aanwezige leden zonder aantekening" in message
    assert "28 stemmen voor" in message


# --- Art. 32 lid 4-6: the tie, the voltallig meeting and the meeting it is postponed to --------


def _tie(size: int, **kwargs: object) -> VoteResult:
    """A tie in a council of `size` seats, everyone who votes split evenly."""
    vacant = int(kwargs.get("vacant_seats", 0))  # type: ignore[call-overload]
    abstaining = int(kwargs.get("not_taking_part", 0))  # type: ignore[call-overload]
    absent = int(kwargs.pop("absent", 0))  # type: ignore[call-overload]
    cast = size - vacant - abstaining - absent
    assert cast % 2 == 0, "a tie needs an even number of votes"
    return derive_outcome(
        method=ROLL_CALL,
        council_size=size,
        members_present=cast + abstaining,
        votes_for=cast // 2,
        votes_against=cast // 2,
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("size", DRECHTSTEDEN_SIZES)
def test_art_32_lid_4_a_tie_with_a_member_absent_postpones(size: int) -> None:
    result = _tie(size, absent=1)
    assert result.outcome == Outcome.POSTPONED
    assert result.is_tie
    assert "Gemeentewet art. 32 lid 4" in result.explanation
    assert f"{size - 1} van de {size} leden die mochten stemmen" in result.explanation


@pytest.mark.parametrize("size", DRECHTSTEDEN_SIZES)
def test_art_32_lid_4_a_member_who_had_to_abstain_but_is_absent_is_absent(size: int) -> None:
    """Reading 2: recorded absent, so the meeting is not voltallig and the tie postpones."""
    assert _tie(size, absent=1).outcome == Outcome.POSTPONED


@pytest.mark.parametrize("size", DRECHTSTEDEN_SIZES)
def test_art_32_lid_4_a_tie_with_a_vacancy_and_members_absent_postpones(size: int) -> None:
    assert _tie(size, vacant_seats=1, absent=2).outcome == Outcome.POSTPONED


@pytest.mark.parametrize("size", DRECHTSTEDEN_SIZES)
def test_art_32_lid_5_a_tie_in_a_voltallig_meeting_with_an_abstainer_rejects(size: int) -> None:
    """Lid 6: a member who must abstain (present) does not keep the meeting from being full."""
    result = _tie(size, not_taking_part=1)
    assert result.outcome == Outcome.REJECTED
    assert "voltallige vergadering" in result.explanation
    assert "Gemeentewet art. 32 lid 5 en 6" in result.explanation


@pytest.mark.parametrize("size", DRECHTSTEDEN_SIZES)
def test_art_32_lid_6_a_vacancy_does_not_keep_a_meeting_from_being_voltallig(size: int) -> None:
    """Reading 1: voltallig counts the sitting members; with one seat vacant, every sitting
    member voting makes a full meeting, and a tie there rejects."""
    result = _tie(size, vacant_seats=1)
    assert result.outcome == Outcome.REJECTED
    assert f"alle {size - 1} zitting hebbende leden" in result.explanation


@pytest.mark.parametrize("size", DRECHTSTEDEN_SIZES)
def test_art_32_lid_5_a_tie_in_the_meeting_it_was_postponed_to_rejects(size: int) -> None:
    result = _tie(size, absent=1, tied_before=True)
    assert result.outcome == Outcome.REJECTED
    assert "opnieuw" in result.explanation
    assert "Gemeentewet art. 32 lid 5" in result.explanation


@pytest.mark.parametrize(
    ("sitting", "abstaining", "cast", "full"),
    [
        (39, 0, 39, True),
        (39, 0, 38, False),  # a member absent
        (39, 1, 38, True),  # a member abstaining (art. 28): still voltallig
        (38, 0, 38, True),  # 39 seats, one vacant (reading 1)
        (38, 2, 36, True),
        (38, 1, 36, False),
    ],
)
def test_art_32_lid_6_voltallig_is_every_member_who_need_not_abstain_voting(
    sitting: int, abstaining: int, cast: int, full: bool
) -> None:
    assert is_full_meeting(sitting=sitting, not_taking_part=abstaining, votes_cast=cast) is full


def test_art_32_lid_6_a_member_absent_keeps_the_meeting_from_being_voltallig() -> None:
    """Every member present accounted for (reading 3), one of 39 absent: not voltallig, so a
    tie postpones (lid 4) instead of rejecting."""
    result = dordrecht(votes_for=19, votes_against=19)
    assert result.members_present == 38
    assert result.outcome == Outcome.POSTPONED


def test_art_32_lid_5_a_tie_after_two_postponed_rounds_rejects() -> None:
    """Reading 5: round 1 ties and is postponed (lid 4); round 2 is held over without a vote;
    round 3 ties again: it is the meeting the tie postponed to, and the tie rejects (lid 5)."""
    first = dordrecht(votes_for=13, votes_against=13)
    assert first.outcome == Outcome.POSTPONED
    third = dordrecht(votes_for=13, votes_against=13, tied_before=True)
    assert third.outcome == Outcome.REJECTED


@pytest.mark.parametrize(("votes_for", "votes_against"), [(14, 12), (12, 14)])
def test_art_32_lid_5_an_earlier_tie_does_not_change_a_clear_majority(
    votes_for: int, votes_against: int
) -> None:
    plain = dordrecht(votes_for=votes_for, votes_against=votes_against)
    after_tie = dordrecht(votes_for=votes_for, votes_against=votes_against, tied_before=True)
    assert plain == after_tie
    assert not plain.is_tie


def test_art_32_lid_4_a_tie_among_fracties_postpones_as_well() -> None:
    result = derive_outcome(
        method=PER_FRACTIE,
        council_size=17,
        members_present=16,
        fracties=[
            FractieCount("T@B", 5, votes_for=5),
            FractieCount("SGP", 5, votes_against=5),
            FractieCount("ChristenUnie", 4, votes_for=3, votes_against=1),
            FractieCount("PvdA", 2, votes_against=2),
            FractieCount("CDA", 1, absent=1),
        ],
    )
    assert (result.outcome, result.votes_for, result.votes_against) == (Outcome.POSTPONED, 8, 8)


# --- Art. 31: votes on persons -----------------------------------------------------------------


def test_art_31_votes_on_persons_are_out_of_scope_and_say_so() -> None:
    doc = rules.__doc__ or ""
    assert "Out of scope: votes on persons (art. 31)" in doc
    assert "must not be used for such votes" in doc


# --- Votes per fractie: every member accounted for ---------------------------------------------


def test_a_sound_fractie_count_has_no_errors() -> None:
    count = FractieCount("VVD", 6, votes_for=3, votes_against=1, not_taking_part=1, absent=1)
    assert fractie_count_errors(count) == []
    assert (count.votes_cast, count.present, count.accounted) == (4, 5, 6)


def test_a_fractie_that_leaves_members_unaccounted_for_is_refused() -> None:
    assert fractie_count_errors(FractieCount("GroenLinks", 6, votes_for=3, not_taking_part=1)) == [
        "GroenLinks heeft 6 leden, maar er zijn er 4 ingevuld (3 voor, 0 tegen, 1 onthouden, "
        "0 afwezig): van 2 leden staat niet vast of zij voor of tegen stemden, zich moesten "
        "onthouden (Gemeentewet art. 28) of afwezig waren."
    ]


def test_a_fully_absent_fractie_is_entered_as_absent_not_as_zeros() -> None:
    assert fractie_count_errors(FractieCount("SP", 1, absent=1)) == []
    assert fractie_count_errors(FractieCount("SP", 1)) == [
        "SP heeft 1 lid, maar er zijn er 0 ingevuld (0 voor, 0 tegen, 0 onthouden, 0 afwezig): "
        "van 1 lid staat niet vast of het voor of tegen stemde, zich moest onthouden "
        "(Gemeentewet art. 28) of afwezig was."
    ]


def test_a_fractie_with_more_members_entered_than_it_has_is_refused() -> None:
    assert fractie_count_errors(FractieCount("VVD", 3, votes_for=4)) == [
        "VVD heeft 3 leden, maar er zijn er 4 ingevuld (4 voor, 0 tegen, 0 onthouden, "
        "0 afwezig): 1 te veel."
    ]


@pytest.mark.parametrize(
    ("field", "words"),
    [
        ("seats", "zetels"),
        ("votes_for", "stemmen voor"),
        ("votes_against", "stemmen tegen"),
        ("not_taking_part", "moest onthouden"),
        ("absent", "afwezige leden"),
    ],
)
def test_negative_fractie_numbers_are_errors(field: str, words: str) -> None:
    count = dataclasses.replace(FractieCount("CDA", 4, absent=4), **{field: -2})
    [message] = fractie_count_errors(count)
    assert message.startswith("CDA:")
    assert words in message
    assert "-2" in message


# A 17-seat council (Hardinxveld-Giessendam), every member accounted for.
HARDINXVELD = [
    FractieCount("T@B", 5, votes_for=5),
    FractieCount("SGP", 5, votes_against=4, absent=1),
    FractieCount("ChristenUnie", 4, votes_for=3, not_taking_part=1),
    FractieCount("PvdA", 2, votes_against=2),
    FractieCount("CDA", 1, votes_for=1),
]


def test_per_fractie_totals_are_the_sums_of_the_fracties() -> None:
    result = derive_outcome(
        method=PER_FRACTIE, council_size=17, members_present=16, fracties=HARDINXVELD
    )
    assert (result.outcome, result.votes_for, result.votes_against) == (Outcome.ADOPTED, 9, 6)
    assert (result.not_taking_part, result.members_present) == (1, 16)


@pytest.mark.parametrize("method", [PER_FRACTIE, ROLL_CALL])
def test_totals_equal_to_the_fractie_sums_are_accepted(method: VoteMethod) -> None:
    result = derive_outcome(
        method=method,
        council_size=17,
        members_present=16,
        votes_for=9,
        votes_against=6,
        not_taking_part=1,
        fracties=HARDINXVELD,
    )
    assert (result.votes_for, result.votes_against) == (9, 6)


def test_totals_that_differ_from_the_fractie_sums_are_errors() -> None:
    errors = invalid(
        method=PER_FRACTIE,
        council_size=17,
        members_present=16,
        votes_for=10,
        votes_against=5,
        not_taking_part=2,
        fracties=HARDINXVELD,
    )
    assert errors["votes_for"] == [
        "Het totaal aantal stemmen voor (10) komt niet overeen met de optelling van de "
        "fracties (9)."
    ]
    assert errors["votes_against"] == [
        "Het totaal aantal stemmen tegen (5) komt niet overeen met de optelling van de "
        "fracties (6)."
    ]
    assert errors["not_taking_part"] == [
        "Het totaal aantal leden dat zich moest onthouden (2) komt niet overeen met de "
        "optelling van de fracties (1)."
    ]


def test_a_fractie_that_leaves_members_out_is_refused_beside_its_row() -> None:
    fracties = [*HARDINXVELD[:-1], FractieCount("CDA", 1)]
    errors = invalid(method=PER_FRACTIE, council_size=17, members_present=16, fracties=fracties)
    assert list(errors) == ["fractie:CDA"]
    assert errors["fractie:CDA"][0].startswith("CDA heeft 1 lid, maar er zijn er 0 ingevuld")


def test_members_present_beyond_what_the_fracties_account_for_are_refused() -> None:
    """The old bug per fractie: 39 present, the fracties show 16 votes and the rest absent."""
    fracties = [
        FractieCount("VVD", 6, votes_for=6),
        FractieCount("GroenLinks", 6, votes_for=6),
        FractieCount("Beter voor Dordt", 5, votes_for=4, absent=1),
        FractieCount("Rest", 22, absent=22),
    ]
    errors = invalid(method=PER_FRACTIE, council_size=39, members_present=39, fracties=fracties)
    [message] = errors["members_present"]
    assert "23 aanwezige leden zijn niet verantwoord" in message


def test_the_fracties_hold_every_sitting_member() -> None:
    errors = invalid(method=PER_FRACTIE, council_size=18, members_present=16, fracties=HARDINXVELD)
    assert errors["fracties"] == [
        "De fracties hebben samen 17 zetels, maar de raad heeft 18 zitting hebbende leden: elk "
        "zitting hebbend lid hoort in de stemming bij zijn fractie."
    ]
    # With a vacancy the fracties hold the sitting members, not the seats.
    result = derive_outcome(
        method=PER_FRACTIE,
        council_size=18,
        vacant_seats=1,
        members_present=16,
        fracties=HARDINXVELD,
    )
    assert result.outcome == Outcome.ADOPTED


def test_a_fractie_listed_twice_is_an_error() -> None:
    errors = invalid(
        method=PER_FRACTIE,
        council_size=12,
        members_present=12,
        fracties=[FractieCount("VVD", 6, votes_for=6), FractieCount("VVD", 6, votes_for=6)],
    )
    assert errors["fracties"] == ["De fractie VVD staat meer dan één keer in de stemming."]


def test_members_and_fracties_cannot_both_describe_the_vote() -> None:
    with pytest.raises(ValueError, match="not both"):
        derive_outcome(
            method=ROLL_CALL,
            council_size=1,
            members=[MemberChoice("1", "for")],
            fracties=[FractieCount("A", 1, 1)],
        )
    with pytest.raises(ValueError, match="roll call"):
        derive_outcome(method=PER_FRACTIE, council_size=1, members=[MemberChoice("1", "for")])


# --- Impossible counts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "words"),
    [
        ("members_present", "aanwezige leden"),
        ("votes_for", "stemmen voor"),
        ("votes_against", "stemmen tegen"),
        ("not_taking_part", "moest onthouden"),
    ],
)
def test_negative_counts_are_errors(field: str, words: str) -> None:
    arguments: dict[str, object] = {
        "method": ROLL_CALL,
        "council_size": 39,
        "members_present": 27,
        "votes_for": 20,
        "votes_against": 7,
        field: -3,
    }
    errors = invalid(**arguments)
    [message] = errors[field]
    assert words in message
    assert "-3" in message


def test_the_number_of_members_present_is_needed() -> None:
    errors = invalid(method=PER_FRACTIE, council_size=17, fracties=HARDINXVELD)
    assert errors == {"members_present": ["Vul het aantal aanwezige leden in."]}


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
    assert set(errors) == {"members_present"}
    assert len(errors["members_present"]) == 2


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


def test_the_stored_method_value_is_accepted() -> None:
    result = derive_outcome(method="roll_call", council_size=39, members_present=27, votes_for=27)
    assert result.outcome == Outcome.ADOPTED


# --- Recorded outcome against the counts -------------------------------------------------------


@pytest.mark.parametrize(
    ("votes_for", "votes_against", "recorded"),
    [(19, 7, Outcome.ADOPTED), (7, 19, Outcome.REJECTED), (13, 13, Outcome.POSTPONED)],
)
def test_a_recorded_outcome_that_matches_is_no_contradiction(
    votes_for: int, votes_against: int, recorded: Outcome
) -> None:
    derived = dordrecht(votes_for=votes_for, votes_against=votes_against)
    assert outcome_contradiction(recorded, derived) is None


def test_an_invalid_vote_recorded_as_invalid_is_no_contradiction() -> None:
    derived = dordrecht(votes_for=10, votes_against=8, not_taking_part=3)
    assert outcome_contradiction(Outcome.INVALID, derived) is None
    assert outcome_contradiction(Outcome.ADOPTED, derived) is not None


@pytest.mark.parametrize("recorded", [Outcome.REJECTED, Outcome.POSTPONED, Outcome.INVALID])
def test_a_recorded_outcome_that_differs_is_a_contradiction(recorded: Outcome) -> None:
    derived = dordrecht(votes_for=21, votes_against=6)
    message = outcome_contradiction(recorded, derived)
    assert message is not None
    assert f"\u2018{recorded.label}\u2019" in message
    assert "\u2018aangenomen\u2019" in message
    assert message.endswith(
        "Aangenomen met 21 stemmen voor en 6 tegen (Gemeentewet art. 30 lid 1)."
    )


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


# --- Every message is Dutch text, filled in, and names the article it applies ----------------

INVALID_VOTES: list[dict[str, object]] = [
    {"method": ROLL_CALL, "council_size": 0, "members_present": 0},
    {"method": ROLL_CALL, "council_size": 39, "vacant_seats": -1, "members_present": 20},
    {"method": ROLL_CALL, "council_size": 39, "vacant_seats": 39, "members_present": 20},
    {"method": ROLL_CALL, "council_size": 39, "vacant_seats": 2, "members_present": 18},
    {"method": ROLL_CALL, "council_size": 39, "members_present": 40, "votes_for": 1},
    {"method": ROLL_CALL, "council_size": 39, "members_present": -1, "votes_for": -1},
    {"method": ROLL_CALL, "council_size": 39, "members_present": 27, "votes_against": -1},
    {"method": ROLL_CALL, "council_size": 39, "members_present": 27, "not_taking_part": -1},
    {"method": ROLL_CALL, "council_size": 39, "members_present": 27},
    {"method": ROLL_CALL, "council_size": 39, "members_present": 21, "votes_for": 18},
    {"method": ROLL_CALL, "council_size": 39, "members_present": 21, "votes_for": 22},
    {"method": ROLL_CALL, "council_size": 39, "members_present": 39, "votes_for": 16},
    {
        "method": ROLL_CALL,
        "council_size": 39,
        "members_present": 27,
        "votes_for": 27,
        "meeting_attendance": -1,
    },
    {
        "method": ROLL_CALL,
        "council_size": 39,
        "members_present": 27,
        "votes_for": 27,
        "meeting_attendance": 40,
    },
    {
        "method": ROLL_CALL,
        "council_size": 3,
        "members": [MemberChoice("1", None), MemberChoice("2", "x"), MemberChoice("2", "for")],
        "members_present": 5,
    },
    {"method": ROLL_CALL, "council_size": 39, "members_present": 27, "noted_against": 1},
    {"method": HAMERSTUK, "council_size": 39, "members_present": 25, "votes_for": 3},
    {"method": HAMERSTUK, "council_size": 39, "members_present": 25, "votes_against": 3},
    {"method": HAMERSTUK, "council_size": 39, "members_present": 25, "noted_against": -1},
    {"method": HAMERSTUK, "council_size": 39, "members_present": 25, "noted_against": 26},
    {
        "method": HAMERSTUK,
        "council_size": 39,
        "members_present": 25,
        "fracties": [FractieCount("A", 1, 1)],
    },
    {
        "method": PER_FRACTIE,
        "council_size": 6,
        "members_present": 6,
        "votes_for": 1,
        "votes_against": 1,
        "not_taking_part": 1,
        "fracties": [FractieCount("VVD", 6, 3, 3)],
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
            FractieCount("B", 2, -1, -1, -1, -1),
            FractieCount("C", 0, 1),
            FractieCount("D", 1, 1, 1),
            FractieCount("E", 2, 1),
            FractieCount("E", 2, 1, absent=1),
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
            "not_taking_part",
            "fracties",
            "members",
        } or field.startswith(("fractie:", "member:"))
        assert messages
        for message in messages:
            assert message.strip() == message != ""
            assert message[0].isupper() or message[0].isdigit()
            assert message.endswith(".")
            assert "%(" not in message
            assert "%d" not in message
            assert "%s" not in message


VALID_VOTES: list[dict[str, object]] = [
    {"votes_for": 21, "votes_against": 6},
    {"votes_for": 6, "votes_against": 21},
    {"votes_for": 27},
    {"votes_for": 13, "votes_against": 13},
    {"votes_for": 13, "votes_against": 13, "tied_before": True},
    {"votes_for": 19, "votes_against": 19, "not_taking_part": 1},
    {"votes_for": 10, "votes_against": 8, "not_taking_part": 3},
    {"votes_for": 10, "votes_against": 8, "not_taking_part": 3, "repeated_after_invalid": True},
    {"votes_for": 4, "votes_against": 3, "reconvened": True},
    {"not_taking_part": 4, "reconvened": True},
    {"method": HAMERSTUK, "members_present": 30},
    {"method": HAMERSTUK, "members_present": 30, "noted_against": ["Jansen"]},
    {"method": HAMERSTUK, "council_size": 1, "members_present": 1},
]


@pytest.mark.parametrize("arguments", VALID_VOTES)
def test_every_explanation_is_one_dutch_sentence_citing_the_article(
    arguments: dict[str, object],
) -> None:
    explanation = dordrecht(**arguments).explanation
    assert explanation.strip() == explanation != ""
    assert explanation[0].isupper()
    assert explanation.endswith(".")
    assert ". " not in explanation.replace("art. ", "art.")
    assert "%(" not in explanation
    assert "Gemeentewet art. " in explanation


@pytest.mark.parametrize("recorded", list(Outcome))
def test_every_contradiction_message_is_filled_in(recorded: Outcome) -> None:
    derived = dordrecht(votes_for=13, votes_against=13)
    message = outcome_contradiction(recorded, derived)
    if recorded == Outcome.POSTPONED:
        assert message is None
    else:
        assert message is not None
        assert message.strip() == message != ""
        assert "%(" not in message
