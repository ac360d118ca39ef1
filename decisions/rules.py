"""Procedure rules of Dutch municipal councils, article by article, as pure functions.

Nothing here touches the database or imports a model: the functions take numbers, dates and
outcomes and return numbers, outcomes and Dutch messages, so views, forms, models and tests can
all ask the same question and get the same answer. Messages are translated (``gettext``) at call
time, never at import time, so this module can be imported before Django's settings are
configured.

Source: the wording of Gemeentewet art. 8, 20 and 28-32 kept beside the repository
(``shared/standards/law/gemeentewet-8-20-28-32.md``, the consolidated text of 2015-2017; since
1 January 2023 art. 28 also covers the deliberation, which changes nothing that is counted
here). Every public function cites the article and lid it applies, and every message that
applies a rule names it.

What the law counts, and the names used for it here
---------------------------------------------------
* the seats (art. 8 lid 1): ``council_size``; the seats nobody holds: ``vacant_seats``; the
  sitting members ("zitting hebbende leden", art. 20 and 29): the seats minus the vacancies;
* the members on the presentielijst when the meeting opened (art. 20 lid 1), a property of the
  *meeting*: ``meeting_attendance`` (:func:`has_quorum`, :func:`quorum_error`);
* at the *vote*: the members present (``members_present``); of them those who must not take
  part (art. 28 lid 1, ``not_taking_part``), and those who cast a vote for or against
  (``votes_for``, ``votes_against``). Every member present is one of these three;
* per fractie (:class:`FractieCount`): its sitting members (``seats``), of whom each voted
  for or against, did not take part (art. 28) or was absent;
* per member in a roll call (:class:`MemberChoice`): for, against, abstained (art. 28) or
  absent (art. 32 lid 2).

Out of scope: votes on persons (art. 31)
----------------------------------------
The portal follows proposals, amendments and motions through the councils. Votes on persons
(appointments, nominations, recommendations) are secret (art. 31 lid 1), so there is nothing
per fractie or per member to record, and a tie on persons goes to a re-vote in the same meeting
and then to the lot (lid 2 and 3), not to the postponement of art. 32 lid 4-5. None of that is
modelled: :func:`derive_outcome` must not be used for such votes, and neither are the written
votes of art. 28 lid 2 and art. 30 lid 2, which in practice are the votes on persons.

Where the law leaves a question open, the reading chosen
--------------------------------------------------------
1. *A vacancy and "voltallig" (art. 32 lid 6).* The law calls a meeting voltallig when "alle
   leden waaruit de raad bestaat", so far as they need not abstain, cast a vote. Read against
   art. 8 ("De raad bestaat uit 39 leden") this could mean the seats, vacancies included. We
   read it as the sitting members: a vacant seat has no member who could cast a vote; art. 20
   and 29 count the "zitting hebbende leden" too; and the purpose of lid 4 (a chance absence
   must not decide a tie, so the decision waits for a next meeting) is not served by waiting
   for a seat that will be just as empty then. With a vacancy a meeting is therefore voltallig
   when every sitting member who need not abstain voted (:func:`is_full_meeting`).
2. *An absent member who would have had to abstain.* The minutes record art. 28 for the members
   present who did not take part; of an absent member they say only "afwezig". So an absent
   member counts as absent, whatever the subject: in the number art. 29 lid 1 takes half of,
   and against "voltallig". This errs towards "not valid" and "postponed", both of which bring
   the proposal back to a next meeting, rather than towards recording a decision that was not
   taken.
3. *A member present who neither votes nor must abstain.* In a roll call the law forbids it
   (art. 32 lid 2). For the other methods the law is silent, but the portal cannot tell such a
   member from a counting error, so it refuses the counts for every method: whoever is present
   votes for or against or is recorded as not taking part (art. 28); whoever left before the
   vote is absent. The message says how many present members are not accounted for.
4. *"Deelgenomen" (art. 29 lid 1)* is casting a vote for or against; a member who must abstain
   does not take part (art. 28 lid 1) and is left out of the number art. 29 takes half of.
5. *The postponed decision and "its" next meeting (art. 32 lid 5).* ``tied_before`` is true
   when any earlier round of this decision in this body ended in a tie, however many rounds
   were postponed in between without a vote (aangehouden) or with an invalid vote: the
   decision is still the one the tie postponed, and its first tie since then rejects it.
6. *An invalid vote (art. 29 lid 1)* is an outcome, not an error in the counts:
   ``Outcome.INVALID``. The proposal comes back; in the vote that repeats it
   (``repeated_after_invalid``) lid 1 does not apply (lid 2 onder a).
7. *Nobody cast a vote* (everyone present had to abstain) in a vote where art. 29 lid 1 does not
   apply: there is no absolute majority for the proposal (art. 30 lid 1), so it is not adopted
   (``REJECTED``). Where lid 1 applies such a vote is invalid.
8. *The hamerstuk (art. 32 lid 3)* is adopted because nobody asks for a vote. A member may ask
   for "aantekening" (a practice of the reglementen van orde, not of the Gemeentewet): the
   minutes note that the member is deemed to have voted against. Such members are stored as
   votes against, the others present as votes for; a hamerstuk still needs an opened meeting.
9. *The quorum when only the attendance at the vote is known.* The clerk's form has one number,
   the members present at the vote; until the presentielijst of the opening is recorded, that
   number stands in for it (``meeting_attendance=None``).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, TypeVar

from django.utils.translation import gettext, ngettext

from gr_portal.core.choices import DECIDED, AmendmentRule, Outcome, Precision, VoteMethod
from gr_portal.core.periods import format_planned

__all__ = [
    "SEAT_TABLE",
    "Ballot",
    "FractieCount",
    "MemberChoice",
    "VoteInvalid",
    "VoteResult",
    "abstention_ground_error",
    "amendment_progress",
    "consents_required",
    "council_size_for_population",
    "derive_outcome",
    "draft_received_error",
    "fractie_count_errors",
    "has_absolute_majority",
    "has_quorum",
    "is_full_meeting",
    "is_tie",
    "is_valid_vote",
    "meeting_before_introduction",
    "meeting_before_version",
    "missing_version",
    "opinion_before_meeting",
    "outcome_contradiction",
    "quorum_error",
    "quorum_threshold",
    "sitting_members",
    "still_needed",
    "takes_effect",
    "text_change_without_adoption",
    "unopened_meeting_error",
    "validity_threshold",
    "version_current_on",
]

# Typographic characters, escaped so that the source stays ASCII (ruff RUF001).
EN_DASH = "\u2013"


# --------------------------------------------------------------------------------------------
# Art. 8: the seats; the sitting members
# --------------------------------------------------------------------------------------------

#: Gemeentewet art. 8 lid 1: (highest population in the bracket, seats); ``None`` = no upper
#: bound. Source: compendiumpolitiek.nl/aantal-raadsleden, the same table as the project's data
#: file. Checked against the law text where found (mijnwetten.nl: 9 seats "beneden de 3 001
#: inwoners", 11 for 3 001-6 000, 13 for 6 001-10 000, 15 for 10 001-15 000, 17 for
#: 15 001-20 000; vng.nl: 19 for 20 001-25 000 and 45 above 200 000): no discrepancy. The
#: compendium writes the first bracket as "0-3001"; the law says "beneden de 3 001", i.e. up
#: to and including 3 000, which is what this table encodes.
SEAT_TABLE: tuple[tuple[int | None, int], ...] = (
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
    (None, 45),
)


def council_size_for_population(population: int) -> int:
    """Number of council seats for a population (Gemeentewet art. 8 lid 1).

    The population is the CBS figure on 1 January of the year before the election
    (Gemeentewet art. 1 lid 2); a change takes effect at the next periodic election (art. 8
    lid 2).

    Raises ``ValueError`` for a negative population.
    """
    if population < 0:
        raise ValueError(f"population must not be negative, got {population}")
    for highest, seats in SEAT_TABLE:
        if highest is None or population <= highest:
            return seats
    raise AssertionError("SEAT_TABLE must end with an open bracket")  # pragma: no cover


def sitting_members(council_size: int, vacant_seats: int) -> int:
    """Members who have a seat ("zitting hebbende leden", Gemeentewet art. 20 lid 1 and art. 29
    lid 1): the seats of art. 8 lid 1 minus the vacancies.

    Raises ``ValueError`` when the numbers cannot describe a council.
    """
    if council_size < 0:
        raise ValueError(f"council_size must not be negative, got {council_size}")
    if not 0 <= vacant_seats <= council_size:
        raise ValueError(f"vacant_seats must be between 0 and {council_size}, got {vacant_seats}")
    return council_size - vacant_seats


def _members(count: int) -> str:
    """'1 lid', '6 leden'."""
    return ngettext("%(count)d lid", "%(count)d leden", count) % {"count": count}


def _seats_description(council_size: int, vacant_seats: int) -> str:
    """'39 zitting hebbende leden' or '37 zitting hebbende leden (39 zetels, waarvan 2 vacant)'."""
    sitting = council_size - vacant_seats
    if vacant_seats:
        return ngettext(
            "%(sitting)d zitting hebbend lid (%(size)d zetels, waarvan %(vacant)d vacant)",
            "%(sitting)d zitting hebbende leden (%(size)d zetels, waarvan %(vacant)d vacant)",
            sitting,
        ) % {"sitting": sitting, "size": council_size, "vacant": vacant_seats}
    return ngettext(
        "%(sitting)d zitting hebbend lid",
        "%(sitting)d zitting hebbende leden",
        sitting,
    ) % {"sitting": sitting}


# --------------------------------------------------------------------------------------------
# Art. 20: the quorum to open the meeting (a property of the meeting, not of a vote)
# --------------------------------------------------------------------------------------------


def has_quorum(attendance: int, sitting: int) -> bool:
    """Whether the meeting may be opened (Gemeentewet art. 20 lid 1): according to the
    presentielijst more than half of the sitting members are present.

    Strictly more than half: 20 of 39, 19 of 37, 20 of 38. Measured once, when the meeting
    opens; whether a vote in it counts is art. 29 (:func:`is_valid_vote`), measured at the
    vote. A meeting reconvened under lid 2 needs no quorum for the subjects of the meeting that
    could not open (lid 3): see :func:`quorum_error`.
    """
    return attendance * 2 > sitting


def quorum_threshold(sitting: int) -> int:
    """The smallest attendance that lets the meeting open (Gemeentewet art. 20 lid 1)."""
    return sitting // 2 + 1


def quorum_error(
    attendance: int, council_size: int, vacant_seats: int = 0, *, reconvened: bool = False
) -> str | None:
    """Why the meeting may not decide (Gemeentewet art. 20), or ``None`` when it may.

    ``reconvened`` says that the meeting was convened again under art. 20 lid 2 *and* that the
    subject was on the agenda of the meeting that could not be opened: then lid 1 does not
    apply (lid 3, first sentence). For other subjects a reconvened meeting needs the quorum
    like any other (lid 3, second sentence): pass ``reconvened=False`` for those.
    """
    sitting = council_size - vacant_seats
    if reconvened or has_quorum(attendance, sitting):
        return None
    return gettext(
        "Geen quorum: er waren %(present)d leden aanwezig, maar de vergadering mag pas worden "
        "geopend als meer dan de helft van de %(seats)s aanwezig is, dus ten minste "
        "%(needed)d (Gemeentewet art. 20 lid 1); alleen een opnieuw belegde vergadering "
        "(art. 20 lid 2) besluit zonder quorum over de onderwerpen van de vergadering die niet "
        "kon worden geopend (art. 20 lid 3)."
    ) % {
        "present": attendance,
        "seats": _seats_description(council_size, vacant_seats),
        "needed": quorum_threshold(sitting),
    }


# --------------------------------------------------------------------------------------------
# Art. 29: a valid vote; art. 30: the majority; art. 32: the tie and the full meeting
# --------------------------------------------------------------------------------------------


def validity_threshold(sitting: int, not_taking_part: int = 0) -> int:
    """The smallest number of members taking part that makes a vote valid (Gemeentewet
    art. 29 lid 1): more than half of the sitting members who need not abstain (art. 28)."""
    return (sitting - not_taking_part) // 2 + 1


def is_valid_vote(votes_cast: int, sitting: int, not_taking_part: int = 0) -> bool:
    """Whether a vote counts (Gemeentewet art. 29 lid 1): more than half of the sitting members
    who need not abstain took part, i.e. cast a vote for or against.

    ``not_taking_part`` are the members present who must abstain (art. 28 lid 1); an absent
    member counts among those who could have taken part (see the module's reading 2). Not
    applied to a repeated vote after an invalid one (art. 29 lid 2 onder a) or in a reconvened
    meeting (lid 2 onder b): :func:`derive_outcome` decides that.
    """
    return votes_cast * 2 > sitting - not_taking_part


def has_absolute_majority(votes: int, votes_cast: int) -> bool:
    """Whether ``votes`` are the absolute majority of the votes cast (Gemeentewet art. 30
    lid 1): more than half. Members who did not vote are not counted."""
    return votes * 2 > votes_cast


def is_tie(votes_for: int, votes_against: int) -> bool:
    """Staking der stemmen (Gemeentewet art. 32 lid 4): votes were cast, as many for as
    against."""
    return votes_for + votes_against > 0 and votes_for == votes_against


def is_full_meeting(*, sitting: int, not_taking_part: int, votes_cast: int) -> bool:
    """Whether the meeting is voltallig (Gemeentewet art. 32 lid 6): every member who need not
    abstain (art. 28) cast a vote.

    Not "every member present": a member who must abstain does not stand in the way, an absent
    member does. ``sitting`` counts the sitting members, not the vacant seats (reading 1 in the
    module's docstring): with one of 39 seats vacant, 38 votes make a full meeting.
    """
    return votes_cast == sitting - not_taking_part


# --------------------------------------------------------------------------------------------
# What a vote records: per fractie, per member (roll call)
# --------------------------------------------------------------------------------------------


class Ballot(StrEnum):
    """How a member is recorded in a roll call (Gemeentewet art. 32 lid 2). The values are the
    ones decisions.models.MemberVote stores."""

    FOR = "for"
    AGAINST = "against"
    ABSTAINED = "abstained"  # must not take part: art. 28 lid 1
    ABSENT = "absent"


@dataclass(frozen=True)
class MemberChoice:
    """One member in a roll call: ``member`` identifies them (``"member:<member>"`` is the key
    of their errors), ``name`` is shown in messages (the identifier when empty), ``choice`` is a
    :class:`Ballot` value, or ``None`` for a member present who did not vote (refused: art. 32
    lid 2)."""

    member: str
    choice: str | None
    name: str = ""

    @property
    def label(self) -> str:
        return self.name or self.member


@dataclass(frozen=True)
class FractieCount:
    """How one fractie's members took part in a vote.

    ``seats`` are the fractie's sitting members on the day of the vote; each of them voted for
    or against, did not take part because they had to abstain (``not_taking_part``, Gemeentewet
    art. 28 lid 1; the name follows the law's "neemt niet deel aan de stemming" and the stored
    column) or was ``absent``. The four add up to the seats (:func:`fractie_count_errors`).
    """

    name: str
    seats: int
    votes_for: int = 0
    votes_against: int = 0
    not_taking_part: int = 0
    absent: int = 0

    @property
    def votes_cast(self) -> int:
        return self.votes_for + self.votes_against

    @property
    def present(self) -> int:
        """Members of this fractie present at the vote: voting or not taking part."""
        return self.votes_for + self.votes_against + self.not_taking_part

    @property
    def accounted(self) -> int:
        return self.present + self.absent


def fractie_count_errors(count: FractieCount) -> list[str]:
    """Dutch messages for what is impossible in one fractie's count; empty when it is sound.

    No negative numbers, and every member accounted for: for, against, not taking part
    (Gemeentewet art. 28) and absent add up to the fractie's sitting members. The sum is
    checked only once every number is possible (fix those first).
    """
    name = count.name
    negatives = (
        (
            count.seats,
            gettext("%(name)s: het aantal zetels kan niet negatief zijn (ingevuld: %(value)d)."),
        ),
        (
            count.votes_for,
            gettext(
                "%(name)s: het aantal stemmen voor kan niet negatief zijn (ingevuld: %(value)d)."
            ),
        ),
        (
            count.votes_against,
            gettext(
                "%(name)s: het aantal stemmen tegen kan niet negatief zijn (ingevuld: %(value)d)."
            ),
        ),
        (
            count.not_taking_part,
            gettext(
                "%(name)s: het aantal leden dat zich moest onthouden kan niet negatief zijn "
                "(ingevuld: %(value)d)."
            ),
        ),
        (
            count.absent,
            gettext(
                "%(name)s: het aantal afwezige leden kan niet negatief zijn (ingevuld: %(value)d)."
            ),
        ),
    )
    errors = [message % {"name": name, "value": value} for value, message in negatives if value < 0]
    if errors or count.accounted == count.seats:
        return errors
    difference = abs(count.accounted - count.seats)
    params = {
        "name": name,
        "members": _members(count.seats),
        "counted": count.accounted,
        "for": count.votes_for,
        "against": count.votes_against,
        "not_taking_part": count.not_taking_part,
        "absent": count.absent,
        "difference": difference,
    }
    if count.accounted < count.seats:
        message = ngettext(
            "%(name)s heeft %(members)s, maar er zijn er %(counted)d ingevuld (%(for)d voor, "
            "%(against)d tegen, %(not_taking_part)d onthouden, %(absent)d afwezig): van "
            "%(difference)d lid staat niet vast of het voor of tegen stemde, zich moest "
            "onthouden (Gemeentewet art. 28) of afwezig was.",
            "%(name)s heeft %(members)s, maar er zijn er %(counted)d ingevuld (%(for)d voor, "
            "%(against)d tegen, %(not_taking_part)d onthouden, %(absent)d afwezig): van "
            "%(difference)d leden staat niet vast of zij voor of tegen stemden, zich moesten "
            "onthouden (Gemeentewet art. 28) of afwezig waren.",
            difference,
        )
    else:
        message = gettext(
            "%(name)s heeft %(members)s, maar er zijn er %(counted)d ingevuld (%(for)d voor, "
            "%(against)d tegen, %(not_taking_part)d onthouden, %(absent)d afwezig): "
            "%(difference)d te veel."
        )
    errors.append(message % params)
    return errors


# --------------------------------------------------------------------------------------------
# Deriving the outcome of a vote
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VoteResult:
    """The outcome the counts lead to, with a one-sentence Dutch explanation that cites the
    article applied. For a hamerstuk the members with "aantekening" are the votes against."""

    outcome: Outcome
    votes_for: int
    votes_against: int
    explanation: str
    not_taking_part: int = 0
    members_present: int = 0

    @property
    def votes_cast(self) -> int:
        return self.votes_for + self.votes_against

    @property
    def is_tie(self) -> bool:
        return is_tie(self.votes_for, self.votes_against)


class VoteInvalid(ValueError):
    """The counts of a vote are impossible, or the meeting could not decide at all.

    Not an invalid *vote* (Gemeentewet art. 29 lid 1): that is an outcome,
    ``Outcome.INVALID``. ``errors`` maps a key to Dutch messages, so that a form can put each
    beside what it is about: ``"members_present"``, ``"votes_for"``, ``"votes_against"``,
    ``"not_taking_part"``, ``"fracties"`` and ``"members"`` (the lists as a whole),
    ``"fractie:<name>"`` (one fractie's row), ``"member:<member>"`` (one member's row in a roll
    call) and ``"__all__"`` (Django's ``NON_FIELD_ERRORS``: the council's size and vacancies,
    the presentielijst, and problems that involve several numbers at once).
    """

    def __init__(self, errors: Mapping[str, Sequence[str]]) -> None:
        self.errors: dict[str, list[str]] = {key: list(msgs) for key, msgs in errors.items()}
        super().__init__(" ".join(self.messages))

    @property
    def messages(self) -> list[str]:
        """All messages, in the order they were found."""
        return [msg for msgs in self.errors.values() for msg in msgs]


class _Errors:
    """Collects messages per key, in order."""

    def __init__(self) -> None:
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(message)

    def __bool__(self) -> bool:
        return bool(self.by_field)


@dataclass(frozen=True)
class _Counts:
    """A vote as the law counts it (see the module's docstring)."""

    present: int
    votes_for: int
    votes_against: int
    not_taking_part: int

    @property
    def votes_cast(self) -> int:
        return self.votes_for + self.votes_against

    @property
    def accounted(self) -> int:
        return self.votes_cast + self.not_taking_part


def _check_council(errors: _Errors, council_size: int, vacant_seats: int) -> int | None:
    """Validate the council's size (art. 8) and vacancies; the sitting members, or None."""
    if council_size < 1:
        errors.add(
            "__all__",
            gettext("De raad moet ten minste één zetel hebben (ingevuld: %(value)d).")
            % {"value": council_size},
        )
        return None
    if vacant_seats < 0:
        errors.add(
            "__all__",
            gettext("Het aantal vacante zetels kan niet negatief zijn (ingevuld: %(value)d).")
            % {"value": vacant_seats},
        )
        return None
    if vacant_seats >= council_size:
        errors.add(
            "__all__",
            gettext(
                "De raad telt %(size)d zetels, waarvan %(vacant)d vacant: er zijn geen zitting "
                "hebbende leden over om te vergaderen."
            )
            % {"size": council_size, "vacant": vacant_seats},
        )
        return None
    return council_size - vacant_seats


def _check_not_negative(errors: _Errors, values: Mapping[str, int | None]) -> bool:
    """No negative number among the totals; True when all are possible."""
    messages = {
        "members_present": gettext(
            "Het aantal aanwezige leden kan niet negatief zijn (ingevuld: %(value)d)."
        ),
        "votes_for": gettext(
            "Het aantal stemmen voor kan niet negatief zijn (ingevuld: %(value)d)."
        ),
        "votes_against": gettext(
            "Het aantal stemmen tegen kan niet negatief zijn (ingevuld: %(value)d)."
        ),
        "not_taking_part": gettext(
            "Het aantal leden dat zich moest onthouden kan niet negatief zijn "
            "(ingevuld: %(value)d)."
        ),
        "meeting_attendance": gettext(
            "Het aantal leden op de presentielijst kan niet negatief zijn (ingevuld: %(value)d)."
        ),
        "noted_against": gettext(
            "Het aantal leden met aantekening tegen kan niet negatief zijn (ingevuld: %(value)d)."
        ),
    }
    sound = True
    for field, value in values.items():
        if value is not None and value < 0:
            key = "__all__" if field in {"meeting_attendance", "noted_against"} else field
            errors.add(key, messages[field] % {"value": value})
            sound = False
    return sound


def _totals_match(errors: _Errors, given: Mapping[str, int], summed: Mapping[str, int]) -> None:
    """Totals typed beside the fracties must be their sums (a zero total means 'take the sum')."""
    messages = {
        "votes_for": gettext(
            "Het totaal aantal stemmen voor (%(total)d) komt niet overeen met de optelling "
            "van de fracties (%(sum)d)."
        ),
        "votes_against": gettext(
            "Het totaal aantal stemmen tegen (%(total)d) komt niet overeen met de optelling "
            "van de fracties (%(sum)d)."
        ),
        "not_taking_part": gettext(
            "Het totaal aantal leden dat zich moest onthouden (%(total)d) komt niet overeen met "
            "de optelling van de fracties (%(sum)d)."
        ),
    }
    for field, total in given.items():
        if total > 0 and total != summed[field]:
            errors.add(field, messages[field] % {"total": total, "sum": summed[field]})


def _counts_from_fracties(
    errors: _Errors,
    fracties: Sequence[FractieCount],
    members_present: int,
    totals: Mapping[str, int],
    sitting: int | None,
    seats_description: str,
) -> _Counts | None:
    """The vote's counts as the fracties' sums, with every fractie and the list checked."""
    seen: set[str] = set()
    sound = True
    for count in fracties:
        if count.name in seen:
            errors.add(
                "fracties",
                gettext("De fractie %(name)s staat meer dan één keer in de stemming.")
                % {"name": count.name},
            )
            sound = False
        seen.add(count.name)
        for message in fractie_count_errors(count):
            errors.add(f"fractie:{count.name}", message)
            sound = False
    if not sound:
        return None
    seats = sum(count.seats for count in fracties)
    if sitting is not None and seats != sitting:
        errors.add(
            "fracties",
            gettext(
                "De fracties hebben samen %(seats)d zetels, maar de raad heeft %(sitting)s: elk "
                "zitting hebbend lid hoort in de stemming bij zijn fractie."
            )
            % {"seats": seats, "sitting": seats_description},
        )
    summed = {
        "votes_for": sum(count.votes_for for count in fracties),
        "votes_against": sum(count.votes_against for count in fracties),
        "not_taking_part": sum(count.not_taking_part for count in fracties),
    }
    _totals_match(errors, totals, summed)
    return _Counts(members_present, **summed)


def _counts_from_members(
    errors: _Errors,
    members: Sequence[MemberChoice],
    members_present: int | None,
    sitting: int | None,
    seats_description: str,
) -> _Counts | None:
    """The vote's counts from a roll call (Gemeentewet art. 32 lid 2): every sitting member
    listed once, every present member who need not abstain voting for or against."""
    tally = dict.fromkeys(Ballot, 0)
    seen: set[str] = set()
    sound = True
    for member in members:
        key = f"member:{member.member}"
        if member.member in seen:
            errors.add(
                key,
                gettext("%(name)s staat meer dan één keer in de hoofdelijke stemming.")
                % {"name": member.label},
            )
            sound = False
            continue
        seen.add(member.member)
        ballot = _ballot(member)
        if isinstance(ballot, Ballot):
            tally[ballot] += 1
        else:
            errors.add(key, ballot)
            sound = False
    if sitting is not None and len(members) != sitting:
        errors.add(
            "members",
            gettext(
                "De hoofdelijke stemming noemt %(listed)s, maar de raad heeft %(sitting)s: elk "
                "zitting hebbend lid stemt voor of tegen, onthoudt zich (Gemeentewet art. 28) "
                "of is afwezig."
            )
            % {"listed": _members(len(members)), "sitting": seats_description},
        )
    present = len(members) - tally[Ballot.ABSENT]
    if sound and members_present is not None and members_present != present:
        errors.add(
            "members_present",
            gettext(
                "Er zijn %(entered)d aanwezige leden ingevuld, maar volgens de hoofdelijke "
                "stemming waren er %(present)d aanwezig."
            )
            % {"entered": members_present, "present": present},
        )
    if not sound:
        return None
    return _Counts(present, tally[Ballot.FOR], tally[Ballot.AGAINST], tally[Ballot.ABSTAINED])


def _ballot(member: MemberChoice) -> Ballot | str:
    """One member's row in a roll call: the ballot, or the message saying what is wrong."""
    if member.choice is None:
        return gettext(
            "%(name)s was aanwezig, maar stemde niet voor of tegen: bij hoofdelijke oproeping "
            "stemt ieder aanwezig lid dat zich niet moet onthouden voor of tegen (Gemeentewet "
            "art. 32 lid 2); kies voor, tegen, onthouden (art. 28) of afwezig."
        ) % {"name": member.label}
    try:
        return Ballot(member.choice)
    except ValueError:
        return gettext(
            "%(name)s: ‘%(choice)s’ is geen keuze bij een hoofdelijke stemming; kies voor, "
            "tegen, onthouden (Gemeentewet art. 28) of afwezig."
        ) % {"name": member.label, "choice": member.choice}


def _check_presence(
    errors: _Errors,
    present: int,
    meeting_attendance: int | None,
    council_size: int,
    vacant_seats: int,
    reconvened: bool,
) -> None:
    """The members present at the vote and at the opening fit the council, and the meeting
    could decide: a quorum when it opened (art. 20 lid 1), unless reconvened (lid 3)."""
    sitting = council_size - vacant_seats
    seats = _seats_description(council_size, vacant_seats)
    if present > sitting:
        errors.add(
            "members_present",
            gettext(
                "Er zijn %(present)d aanwezige leden ingevuld, maar de raad heeft maar %(seats)s."
            )
            % {"present": present, "seats": seats},
        )
        return
    key, attendance = "__all__", meeting_attendance
    if attendance is None:  # the attendance at the vote stands in (reading 9)
        key, attendance = "members_present", present
    elif attendance > sitting:
        errors.add(
            key,
            gettext(
                "Volgens de presentielijst waren er %(present)d leden aanwezig, maar de raad "
                "heeft maar %(seats)s."
            )
            % {"present": attendance, "seats": seats},
        )
        return
    message = quorum_error(attendance, council_size, vacant_seats, reconvened=reconvened)
    if message:
        errors.add(key, message)


def _check_accounted(errors: _Errors, counts: _Counts) -> None:
    """Every member present at a vote is accounted for: for, against or not taking part
    (art. 28); in a roll call the law demands it (art. 32 lid 2), for the other methods the
    portal does (reading 3 in the module's docstring)."""
    difference = abs(counts.present - counts.accounted)
    params = {
        "present": counts.present,
        "accounted": counts.accounted,
        "for": counts.votes_for,
        "against": counts.votes_against,
        "not_taking_part": counts.not_taking_part,
        "difference": difference,
    }
    if counts.accounted == 0:
        errors.add(
            "__all__",
            gettext(
                "Er zijn geen stemmen ingevuld. Vul de stemmen voor en tegen in, of kies "
                "‘zonder stemming (hamerstuk)’ als het voorstel zonder stemming is aangenomen "
                "(Gemeentewet art. 32 lid 3)."
            ),
        )
    elif counts.accounted > counts.present:
        errors.add(
            "members_present",
            gettext(
                "Er zijn %(accounted)d leden ingevuld die stemden of zich moesten onthouden "
                "(%(for)d voor, %(against)d tegen, %(not_taking_part)d onthouden), maar er "
                "waren maar %(present)d leden aanwezig."
            )
            % params,
        )
    elif counts.accounted < counts.present:
        errors.add(
            "members_present",
            ngettext(
                "Er waren %(present)d leden aanwezig, maar er zijn er maar %(accounted)d "
                "verantwoord (%(for)d voor, %(against)d tegen, %(not_taking_part)d onthouden): "
                "%(difference)d aanwezig lid is niet verantwoord. Wie aanwezig is en zich niet "
                "moet onthouden (Gemeentewet art. 28), stemt voor of tegen (art. 32 lid 2); wie "
                "bij de stemming niet aanwezig was, is afwezig.",
                "Er waren %(present)d leden aanwezig, maar er zijn er maar %(accounted)d "
                "verantwoord (%(for)d voor, %(against)d tegen, %(not_taking_part)d onthouden): "
                "%(difference)d aanwezige leden zijn niet verantwoord. Wie aanwezig is en zich "
                "niet moet onthouden (Gemeentewet art. 28), stemt voor of tegen (art. 32 lid 2); "
                "wie bij de stemming niet aanwezig was, is afwezig.",
                difference,
            )
            % params,
        )


def _noted(noted_against: int | Sequence[str]) -> tuple[int, tuple[str, ...]]:
    """The number of members with aantekening, and their names when given."""
    if isinstance(noted_against, int):
        return noted_against, ()
    names = tuple(noted_against)
    return len(names), names


def _without_rows(errors: _Errors, fracties: Sequence[FractieCount]) -> Sequence[FractieCount]:
    """A hamerstuk has no per-fractie vote: refused when one is given, then left out."""
    if fracties:
        errors.add(
            "fracties",
            gettext(
                "Over een hamerstuk wordt niet gestemd (Gemeentewet art. 32 lid 3): er hoort "
                "geen stemming per fractie bij. Is er toch gestemd? Kies dan hoofdelijk of per "
                "fractie."
            ),
        )
    return ()


def _hamerstuk(errors: _Errors, counts: _Counts, noted: int, names: tuple[str, ...]) -> VoteResult:
    """A proposal on which nobody asked for a vote is adopted (Gemeentewet art. 32 lid 3); the
    members who asked for aantekening are deemed to have voted against (reading 8)."""
    if counts.votes_against:
        errors.add(
            "votes_against",
            gettext(
                "Een hamerstuk wordt zonder stemming aangenomen (Gemeentewet art. 32 lid 3), "
                "maar er zijn %(against)d stemmen tegen ingevuld. Vroegen leden aantekening, "
                "vul die dan in als aantekening tegen; is er toch gestemd, kies dan hoofdelijk "
                "of per fractie."
            )
            % {"against": counts.votes_against},
        )
    eligible = counts.present - counts.not_taking_part
    if noted > eligible:
        errors.add(
            "__all__",
            gettext(
                "Er is aantekening tegen gevraagd door %(noted)d leden, maar er waren maar "
                "%(eligible)d aanwezige leden die zich niet moesten onthouden (Gemeentewet "
                "art. 28)."
            )
            % {"noted": noted, "eligible": eligible},
        )
    voting_for = eligible - noted
    if counts.votes_for and counts.votes_for != voting_for:
        errors.add(
            "votes_for",
            gettext(
                "Bij een hamerstuk gelden de %(expected)d aanwezige leden zonder aantekening als "
                "voorstemmers (Gemeentewet art. 32 lid 3), maar er zijn %(for)d stemmen voor "
                "ingevuld."
            )
            % {"expected": voting_for, "for": counts.votes_for},
        )
    if errors:
        raise VoteInvalid(errors.by_field)
    return VoteResult(
        Outcome.ADOPTED,
        voting_for,
        noted,
        _hamerstuk_explanation(counts.present, noted, names),
        not_taking_part=counts.not_taking_part,
        members_present=counts.present,
    )


def _hamerstuk_explanation(present: int, noted: int, names: tuple[str, ...]) -> str:
    if not noted:
        return ngettext(
            "Zonder stemming aangenomen (hamerstuk, Gemeentewet art. 32 lid 3); %(present)d lid "
            "aanwezig, geen aantekening tegen.",
            "Zonder stemming aangenomen (hamerstuk, Gemeentewet art. 32 lid 3); %(present)d "
            "leden aanwezig, geen aantekening tegen.",
            present,
        ) % {"present": present}
    who = _members(noted)
    if names:
        who = f"{who} ({', '.join(names)})"
    return ngettext(
        "Zonder stemming aangenomen (hamerstuk, Gemeentewet art. 32 lid 3); aantekening tegen: "
        "%(who)s, dat geacht wordt tegen te hebben gestemd.",
        "Zonder stemming aangenomen (hamerstuk, Gemeentewet art. 32 lid 3); aantekening tegen: "
        "%(who)s, die geacht worden tegen te hebben gestemd.",
        noted,
    ) % {"who": who}


def _result(outcome: Outcome, counts: _Counts, explanation: str) -> VoteResult:
    return VoteResult(
        outcome,
        counts.votes_for,
        counts.votes_against,
        explanation,
        not_taking_part=counts.not_taking_part,
        members_present=counts.present,
    )


def _invalid(counts: _Counts, sitting: int) -> VoteResult:
    """Art. 29 lid 1: too few took part; the proposal comes back (lid 2 onder a)."""
    cast = counts.votes_cast
    explanation = ngettext(
        "De stemming is niet geldig: %(cast)d van de %(eligible)d zitting hebbende leden die "
        "zich niet moesten onthouden nam deel, niet meer dan de helft (nodig: ten minste "
        "%(needed)d, Gemeentewet art. 29 lid 1); in een volgende vergadering wordt opnieuw "
        "gestemd, zonder die eis (art. 29 lid 2 onder a).",
        "De stemming is niet geldig: %(cast)d van de %(eligible)d zitting hebbende leden die "
        "zich niet moesten onthouden namen deel, niet meer dan de helft (nodig: ten minste "
        "%(needed)d, Gemeentewet art. 29 lid 1); in een volgende vergadering wordt opnieuw "
        "gestemd, zonder die eis (art. 29 lid 2 onder a).",
        cast,
    ) % {
        "cast": cast,
        "eligible": sitting - counts.not_taking_part,
        "needed": validity_threshold(sitting, counts.not_taking_part),
    }
    return _result(Outcome.INVALID, counts, explanation)


def _majority(counts: _Counts) -> VoteResult | None:
    """Art. 30 lid 1: the absolute majority of the votes cast decides; None on a tie."""
    votes_for, votes_against, cast = counts.votes_for, counts.votes_against, counts.votes_cast
    params = {"for": votes_for, "against": votes_against}
    if cast == 0:  # only where art. 29 lid 1 does not apply (reading 7)
        explanation = gettext(
            "Er is geen stem uitgebracht: zonder volstrekte meerderheid is het voorstel niet "
            "aangenomen (Gemeentewet art. 30 lid 1)."
        )
        return _result(Outcome.REJECTED, counts, explanation)
    if has_absolute_majority(votes_for, cast):
        if votes_against == 0:
            explanation = ngettext(
                "Met algemene stemmen aangenomen (%(for)d stem voor, Gemeentewet art. 30 lid 1).",
                "Met algemene stemmen aangenomen (%(for)d stemmen voor, Gemeentewet art. 30 "
                "lid 1).",
                votes_for,
            )
        else:
            explanation = ngettext(
                "Aangenomen met %(for)d stem voor en %(against)d tegen (Gemeentewet art. 30 "
                "lid 1).",
                "Aangenomen met %(for)d stemmen voor en %(against)d tegen (Gemeentewet art. 30 "
                "lid 1).",
                votes_for,
            )
        return _result(Outcome.ADOPTED, counts, explanation % params)
    if has_absolute_majority(votes_against, cast):
        explanation = ngettext(
            "Verworpen met %(for)d stem voor en %(against)d tegen (Gemeentewet art. 30 lid 1).",
            "Verworpen met %(for)d stemmen voor en %(against)d tegen (Gemeentewet art. 30 lid 1).",
            votes_for,
        )
        return _result(Outcome.REJECTED, counts, explanation % params)
    return None


def _tie(counts: _Counts, sitting: int, tied_before: bool) -> VoteResult:
    """Art. 32 lid 4-6: a tie postpones, unless the meeting is voltallig or the decision was
    postponed on a tie before (reading 5); then it rejects."""
    cast = counts.votes_cast
    eligible = sitting - counts.not_taking_part
    params = {
        "for": counts.votes_for,
        "against": counts.votes_against,
        "dash": EN_DASH,
        "cast": cast,
        "eligible": eligible,
    }
    if is_full_meeting(sitting=sitting, not_taking_part=counts.not_taking_part, votes_cast=cast):
        explanation = gettext(
            "Stemmen staakten (%(for)d%(dash)s%(against)d) in een voltallige vergadering: alle "
            "%(eligible)d zitting hebbende leden die zich niet moesten onthouden stemden, en het "
            "voorstel is niet aangenomen (Gemeentewet art. 32 lid 5 en 6)."
        )
        return _result(Outcome.REJECTED, counts, explanation % params)
    if tied_before:
        explanation = gettext(
            "Stemmen staakten (%(for)d%(dash)s%(against)d) opnieuw, in de vergadering waarnaar "
            "een eerdere staking de beslissing uitstelde: het voorstel is niet aangenomen "
            "(Gemeentewet art. 32 lid 5)."
        )
        return _result(Outcome.REJECTED, counts, explanation % params)
    explanation = gettext(
        "Stemmen staakten (%(for)d%(dash)s%(against)d) in een vergadering die niet voltallig "
        "was (%(cast)d van de %(eligible)d leden die mochten stemmen, stemden): de beslissing "
        "wordt uitgesteld tot een volgende vergadering (Gemeentewet art. 32 lid 4)."
    )
    return _result(Outcome.POSTPONED, counts, explanation % params)


def _lid_29_exception(repeated_after_invalid: bool, reconvened: bool) -> str | None:
    """Why art. 29 lid 1 does not apply to this vote (lid 2), or None when it does."""
    if repeated_after_invalid:
        return gettext(
            "art. 29 lid 1 geldt niet voor deze nieuwe stemming na een ongeldige stemming "
            "(Gemeentewet art. 29 lid 2 onder a)"
        )
    if reconvened:
        return gettext(
            "art. 29 lid 1 geldt niet in deze opnieuw belegde vergadering (Gemeentewet art. 29 "
            "lid 2 onder b)"
        )
    return None


def _decide(
    counts: _Counts,
    sitting: int,
    *,
    repeated_after_invalid: bool,
    reconvened: bool,
    tied_before: bool,
) -> VoteResult:
    """Sound counts of a real vote: valid (art. 29), then majority (art. 30) or tie (art. 32)."""
    valid = is_valid_vote(counts.votes_cast, sitting, counts.not_taking_part)
    exception = _lid_29_exception(repeated_after_invalid, reconvened)
    if not valid and exception is None:
        return _invalid(counts, sitting)
    result = _majority(counts) or _tie(counts, sitting, tied_before)
    if valid or exception is None:
        return result
    # Say why a vote that lid 1 would have made invalid still decides.
    explanation = f"{result.explanation.removesuffix('.')}; {exception}."
    return _result(result.outcome, counts, explanation)


def _counts(
    errors: _Errors,
    *,
    members: Sequence[MemberChoice],
    fracties: Sequence[FractieCount],
    members_present: int | None,
    totals: Mapping[str, int],
    sitting: int | None,
    seats_description: str,
) -> _Counts | None:
    """The vote's counts from the members (roll call), the fracties or the totals."""
    if members:
        return _counts_from_members(errors, members, members_present, sitting, seats_description)
    if members_present is None:
        errors.add("members_present", gettext("Vul het aantal aanwezige leden in."))
        return None
    if fracties:
        return _counts_from_fracties(
            errors, fracties, members_present, totals, sitting, seats_description
        )
    return _Counts(members_present, **totals)


def derive_outcome(
    *,
    method: VoteMethod | str,
    council_size: int,
    vacant_seats: int = 0,
    members_present: int | None = None,
    not_taking_part: int = 0,
    votes_for: int = 0,
    votes_against: int = 0,
    fracties: Sequence[FractieCount] = (),
    members: Sequence[MemberChoice] = (),
    noted_against: int | Sequence[str] = 0,
    meeting_attendance: int | None = None,
    reconvened: bool = False,
    repeated_after_invalid: bool = False,
    tied_before: bool = False,
) -> VoteResult:
    """The outcome of a council's vote, or ``VoteInvalid`` with every problem found at once.

    The vote, as the law counts it (module docstring): the seats (``council_size``, art. 8
    lid 1) and ``vacant_seats`` give the sitting members; at the vote, ``members_present``, of
    whom ``not_taking_part`` had to abstain (art. 28 lid 1) and the others voted for or against.
    The counts come from one of:

    * ``members`` (a roll call, ``ROLL_CALL``: every sitting member once, art. 32 lid 2; the
      totals are derived, ``members_present`` may be left out);
    * ``fracties`` (every fractie, each with all its members accounted for; totals typed beside
      them must equal their sums, a zero total meaning "take the sum");
    * the totals themselves.

    The meeting: ``meeting_attendance`` is the presentielijst at the opening (art. 20 lid 1;
    ``None``: the members present at the vote stand in, reading 9); ``reconvened`` says that
    this meeting was convened again under art. 20 lid 2 and the subject was on the agenda of the
    meeting that could not open — then no quorum is needed (art. 20 lid 3) and art. 29 lid 1
    does not apply (art. 29 lid 2 onder b). ``repeated_after_invalid`` says that a vote on this
    proposal in a previous meeting was invalid under art. 29 lid 1, which then does not apply
    (lid 2 onder a). ``tied_before``: an earlier round of this decision in this body ended in a
    tie (reading 5).

    Refused (``VoteInvalid``): an impossible council or number; a meeting that could not decide
    (art. 20); a fractie or roll call that leaves members unaccounted for; members present who
    neither voted nor had to abstain (reading 3), or more votes than members present.

    Decided (:class:`VoteResult`):

    * ``WITHOUT_VOTE`` (hamerstuk, art. 32 lid 3): adopted; ``noted_against`` (a number, or the
      members' names) asked for aantekening and are the votes against (reading 8);
    * otherwise, when fewer than more than half of the sitting members who need not abstain took
      part: ``INVALID`` (art. 29 lid 1), unless lid 2 applies;
    * adopted or rejected by the absolute majority of the votes cast (art. 30 lid 1);
    * a tie (art. 32): rejected in a voltallig meeting (lid 5 and 6: every sitting member who
      need not abstain voted, reading 1) or when ``tied_before``; otherwise ``POSTPONED`` to a
      next meeting (lid 4).
    """
    method = VoteMethod(method)
    if members and fracties:
        raise ValueError("pass the members of a roll call or the fracties, not both")
    if members and method != VoteMethod.ROLL_CALL:
        raise ValueError(f"members are the rows of a roll call, not of {method}")
    noted, names = _noted(noted_against)
    errors = _Errors()
    sitting = _check_council(errors, council_size, vacant_seats)
    totals = {
        "votes_for": votes_for,
        "votes_against": votes_against,
        "not_taking_part": not_taking_part,
    }
    sound = _check_not_negative(
        errors,
        {
            "members_present": members_present,
            **totals,
            "meeting_attendance": meeting_attendance,
            "noted_against": noted,
        },
    )
    if method == VoteMethod.WITHOUT_VOTE:
        fracties = _without_rows(errors, fracties)
    elif noted:
        errors.add(
            "__all__",
            gettext(
                "Aantekening tegen hoort bij een hamerstuk (Gemeentewet art. 32 lid 3); bij een "
                "stemming telt de stem zelf."
            ),
        )
    counts = _counts(
        errors,
        members=members,
        fracties=fracties,
        members_present=members_present,
        totals=totals,
        sitting=sitting,
        seats_description=_seats_description(council_size, vacant_seats) if sitting else "",
    )
    present = members_present if counts is None else counts.present
    if sitting is not None and present is not None and present >= 0:
        _check_presence(errors, present, meeting_attendance, council_size, vacant_seats, reconvened)
    if counts is None or not sound or sitting is None:
        raise VoteInvalid(errors.by_field)
    if method == VoteMethod.WITHOUT_VOTE:
        return _hamerstuk(errors, counts, noted, names)
    _check_accounted(errors, counts)
    if errors:
        raise VoteInvalid(errors.by_field)
    return _decide(
        counts,
        sitting,
        repeated_after_invalid=repeated_after_invalid,
        reconvened=reconvened,
        tied_before=tied_before,
    )


def outcome_contradiction(recorded: Outcome, derived: VoteResult) -> str | None:
    """A Dutch message when the recorded outcome contradicts the counts, else ``None``.

    ``WITHDRAWN`` always contradicts a derived result: a proposal can be withdrawn only before
    it is put to the vote, and a :class:`VoteResult` means a vote (or a hamerstuk) took place.
    """
    recorded = Outcome(recorded)
    if recorded == derived.outcome:
        return None
    params = {
        "recorded": str(recorded.label),
        "derived": str(derived.outcome.label),
        "explanation": derived.explanation,
    }
    if recorded == Outcome.WITHDRAWN:
        return (
            gettext(
                "De uitkomst is vastgelegd als ‘%(recorded)s’, maar er is over het "
                "voorstel beslist; een voorstel kan alleen vóór de stemming worden ingetrokken. "
                "%(explanation)s"
            )
            % params
        )
    return (
        gettext(
            "De vastgelegde uitkomst ‘%(recorded)s’ klopt niet met de telling, die "
            "leidt tot ‘%(derived)s’. %(explanation)s"
        )
        % params
    )


# --------------------------------------------------------------------------------------------
# Amending a regeling: when does the change take effect?
# --------------------------------------------------------------------------------------------


def _check_participants(participants: int, consented: int) -> None:
    if participants < 1:
        raise ValueError(f"participants must be at least 1, got {participants}")
    if not 0 <= consented <= participants:
        raise ValueError(f"consented must be between 0 and {participants}, got {consented}")


def consents_required(rule: AmendmentRule, participants: int) -> int:
    """How many participants must consent for a change to take effect under ``rule``.

    All: every participant. Majority: more than half. Two thirds: at least two thirds,
    rounded up (5 of 7, 6 of 9).
    """
    _check_participants(participants, 0)
    rule = AmendmentRule(rule)
    if rule == AmendmentRule.ALL_PARTICIPANTS:
        return participants
    if rule == AmendmentRule.MAJORITY:
        return participants // 2 + 1
    return -(-2 * participants // 3)  # ceil(2n / 3) without floats


def takes_effect(rule: AmendmentRule, participants: int, consented: int) -> bool:
    """Whether a change to a regeling is in force once ``consented`` participants agreed.

    Raises ``ValueError`` for fewer than one participant or a consent count outside
    ``0..participants``.
    """
    _check_participants(participants, consented)
    return consented >= consents_required(rule, participants)


def still_needed(rule: AmendmentRule, participants: int, consented: int) -> int:
    """How many more consents the change needs to take effect; 0 when it is in force."""
    _check_participants(participants, consented)
    return max(consents_required(rule, participants) - consented, 0)


def amendment_progress(rule: AmendmentRule, participants: int, consented: int) -> str:
    """One Dutch sentence on where a change stands, e.g. for a status page."""
    needed = still_needed(rule, participants, consented)
    params = {
        "needed": needed,
        "consented": consented,
        "participants": participants,
        "rule": str(AmendmentRule(rule).label),
    }
    if needed == 0:
        return (
            gettext(
                "De wijziging treedt in werking: %(consented)d van de %(participants)d "
                "deelnemers hebben ingestemd (vereist: %(rule)s)."
            )
            % params
        )
    return (
        ngettext(
            "Nog %(needed)d instemming nodig: %(consented)d van de %(participants)d deelnemers "
            "hebben ingestemd (vereist: %(rule)s).",
            "Nog %(needed)d instemmingen nodig: %(consented)d van de %(participants)d "
            "deelnemers hebben ingestemd (vereist: %(rule)s).",
            needed,
        )
        % params
    )


# --------------------------------------------------------------------------------------------
# What a recorded treatment must hold
# --------------------------------------------------------------------------------------------


def meeting_before_introduction(held_on: datetime.date, introduced_on: datetime.date) -> str | None:
    """A body cannot decide on a proposal before the proposal existed: the message, or None."""
    if held_on >= introduced_on:
        return None
    return gettext(
        "De vergadering van %(day)s was vóór het besluit werd voorgelegd (%(introduced)s)."
    ) % {
        "day": format_planned(held_on, Precision.DAY),
        "introduced": format_planned(introduced_on, Precision.DAY),
    }


def missing_version(outcome: Outcome | str, has_version: bool) -> str | None:
    """A proposal adopted or rejected was a text: the decision names the version voted on."""
    if outcome in DECIDED and not has_version:
        return gettext("Kies de tekstversie waarover is besloten.")
    return None


def text_change_without_adoption(outcome: Outcome | str, changed_text: bool) -> str | None:
    """Only an adopted amendment can have changed the text the council then voted on."""
    if not changed_text or outcome == Outcome.ADOPTED:
        return None
    if outcome:
        return gettext(
            "Alleen een aangenomen amendement kan de tekst hebben gewijzigd; dit amendement is "
            "%(outcome)s."
        ) % {"outcome": Outcome(outcome).label}
    return gettext("Alleen een aangenomen amendement kan de tekst hebben gewijzigd.")


class DatedVersion(Protocol):
    """What :func:`version_current_on` needs of a text version: its number and its date."""

    @property
    def number(self) -> int: ...

    @property
    def created_on(self) -> datetime.date: ...


_Version = TypeVar("_Version", bound=DatedVersion)


def version_current_on(day: datetime.date | None, versions: Sequence[_Version]) -> _Version | None:
    """The text version that was current on `day`: the newest one dated on or before it.

    A body decides on the text it has, so that is the version a meeting on `day` voted on unless
    the clerk says otherwise. When every version is younger than `day` (or `day` is unknown) the
    newest one overall is returned, and :func:`meeting_before_version` says what is wrong with
    it; None only when there are no versions.
    """
    if not versions:
        return None
    newest_first = sorted(versions, key=lambda version: version.number, reverse=True)
    if day is not None:
        for version in newest_first:
            if version.created_on <= day:
                return version
    return newest_first[0]


def meeting_before_version(
    held_on: datetime.date, version_created_on: datetime.date, version_number: int
) -> str | None:
    """A body cannot have voted on a text that did not exist yet: the message, or None."""
    if held_on >= version_created_on:
        return None
    return gettext(
        "De vergadering van %(day)s was vóór versie %(number)d van de tekst bestond "
        "(%(created)s): kies de versie waarover toen is besloten."
    ) % {
        "day": format_planned(held_on, Precision.DAY),
        "number": version_number,
        "created": format_planned(version_created_on, Precision.DAY),
    }


def opinion_before_meeting(submitted_on: datetime.date, held_on: datetime.date) -> str | None:
    """A council gives its zienswijze by deciding on it in a meeting (Wgr art. 1 lid 3), so the
    zienswijze cannot be dated before that meeting: the message, or None."""
    if submitted_on >= held_on:
        return None
    return gettext(
        "De zienswijze is gedateerd %(submitted)s, vóór de vergadering van de raad waarin erover "
        "werd besloten (%(day)s)."
    ) % {
        "submitted": format_planned(submitted_on, Precision.DAY),
        "day": format_planned(held_on, Precision.DAY),
    }


def unopened_meeting_error(outcome: Outcome | str, *, voted: bool) -> str | None:
    """A meeting that could not be opened (Gemeentewet art. 20 lid 1) decides nothing: a
    proposal on its agenda can only be recorded as held over (aangehouden), without a vote, to
    the meeting the mayor convenes again (lid 2). The message, or None."""
    if outcome == Outcome.POSTPONED and not voted:
        return None
    return gettext(
        "Deze vergadering kon niet worden geopend, omdat niet meer dan de helft van de zitting "
        "hebbende leden aanwezig was (Gemeentewet art. 20 lid 1): er is niet beraadslaagd, "
        "gestemd of besloten. Kies ‘niet in stemming gebracht: aangehouden’; het voorstel komt "
        "terug in de vergadering die opnieuw wordt belegd (art. 20 lid 2)."
    )


def abstention_ground_error(name: str, *, abstained: bool, ground: str) -> str | None:
    """A member who must not take part in a vote does so on a ground of Gemeentewet art. 28
    lid 1 (a: it concerns the member personally or as a representative; b: the accounts of a
    body the member is accountable to or governs), and only such a member has one."""
    if abstained and not ground:
        return gettext(
            "%(name)s moest zich van stemming onthouden: kies de grond (Gemeentewet art. 28 "
            "lid 1 onder a of b)."
        ) % {"name": name}
    if ground and not abstained:
        return gettext(
            "%(name)s: een grond hoort alleen bij een lid dat zich van stemming moest onthouden "
            "(Gemeentewet art. 28); kies ‘onthouden (art. 28)’ of wis de grond."
        ) % {"name": name}
    return None


def draft_received_error(
    received_on: datetime.date, *, introduced_on: datetime.date, held_on: datetime.date | None
) -> str | None:
    """The council received the draft (Wgr art. 1 lid 2, the start of the eight weeks of lid 3)
    after it existed and, when it decided on it, before that meeting. The message, or None."""
    if received_on < introduced_on:
        return gettext("Het ontwerp kan niet zijn ontvangen vóór het er was (%(introduced)s).") % {
            "introduced": format_planned(introduced_on, Precision.DAY)
        }
    if held_on is not None and received_on > held_on:
        return gettext(
            "Het ontwerp is ontvangen op %(received)s, na de vergadering waarin de raad erover "
            "besloot (%(day)s)."
        ) % {
            "received": format_planned(received_on, Precision.DAY),
            "day": format_planned(held_on, Precision.DAY),
        }
    return None
