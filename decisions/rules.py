"""Procedure rules of Dutch municipal councils, as pure functions.

Nothing here touches the database or imports a model: the functions take numbers, dates and
outcomes and return numbers, outcomes and Dutch messages, so views, forms, models and tests can
all ask the same question and get the same answer.

Sources checked (stored public copies, consulted while writing this module):

* Gemeentewet art. 20 lid 1 (explore.law, nl-legislation/gemeentewet/artikel-20): "De vergadering
  van de raad wordt niet geopend voordat blijkens de presentielijst meer dan de helft van het
  aantal zitting hebbende leden tegenwoordig is." -> :func:`has_quorum`.
* Gemeentewet art. 8 lid 1 (mijnwetten.nl, first five brackets: 9 leden beneden de 3 001
  inwoners ... 17 leden van 15 001 - 20 000 inwoners; vng.nl: 19 leden van 20 001 - 25 000,
  45 leden boven de 200 000; compendiumpolitiek.nl/aantal-raadsleden for the whole table)
  -> :func:`council_size_for_population`.
* Gemeentewet art. 28-32: the wording itself was not found in the stored copies. A secondary
  summary (a municipal data-model wiki built from wetten.overheid.nl, BWBR0005416) gives:
  art. 28 a member with a personal interest does not take part in the vote; art. 29 a vote is
  valid only when more than half of the sitting members who need not abstain take part;
  art. 30 a decision needs an absolute majority of the votes cast; art. 32 a tie in a full
  ("voltallige") meeting rejects the proposal, in a meeting that is not full the proposal is
  postponed. The rules below follow that summary; the text of articles 8, 20 and 28-32 is
  now kept beside the repository (shared/standards/law/gemeentewet-8-20-28-32.md) and the
  procedure work checks each rule against it article by article.

Messages are translated (``gettext``) at call time, never at import time, so this module can be
imported before Django's settings are configured.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext, ngettext

from gr_portal.core.choices import DECIDED, AmendmentRule, Outcome, Precision, VoteMethod
from gr_portal.core.periods import format_planned

__all__ = [
    "SEAT_TABLE",
    "FractieCount",
    "VoteInvalid",
    "VoteResult",
    "amendment_progress",
    "consents_required",
    "council_size_for_population",
    "derive_outcome",
    "fractie_count_errors",
    "has_quorum",
    "is_full_meeting",
    "is_tie",
    "meeting_before_introduction",
    "missing_version",
    "outcome_contradiction",
    "quorum_threshold",
    "sitting_members",
    "still_needed",
    "takes_effect",
    "text_change_without_adoption",
]

# Typographic characters, escaped so that the source stays ASCII (ruff RUF001).
EN_DASH = "\u2013"


# --------------------------------------------------------------------------------------------
# Council size and quorum
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
    (Gemeentewet art. 1 lid 2); a change takes effect at the next periodic election.

    Raises ``ValueError`` for a negative population.
    """
    if population < 0:
        raise ValueError(f"population must not be negative, got {population}")
    for highest, seats in SEAT_TABLE:
        if highest is None or population <= highest:
            return seats
    raise AssertionError("SEAT_TABLE must end with an open bracket")  # pragma: no cover


def sitting_members(council_size: int, vacant_seats: int) -> int:
    """Members who have a seat ("zitting hebbende leden"): the seats minus the vacancies.

    Raises ``ValueError`` when the numbers cannot describe a council.
    """
    if council_size < 0:
        raise ValueError(f"council_size must not be negative, got {council_size}")
    if not 0 <= vacant_seats <= council_size:
        raise ValueError(f"vacant_seats must be between 0 and {council_size}, got {vacant_seats}")
    return council_size - vacant_seats


def has_quorum(members_present: int, sitting: int) -> bool:
    """Whether the meeting may be opened: more than half of the sitting members are present.

    Gemeentewet art. 20 lid 1. Strictly more than half: 20 of 39, 19 of 37, 20 of 38.
    """
    return members_present * 2 > sitting


def quorum_threshold(sitting: int) -> int:
    """The smallest number of members present that makes a quorum (Gemeentewet art. 20)."""
    return sitting // 2 + 1


def is_full_meeting(members_present: int, sitting: int) -> bool:
    """Whether the meeting is "voltallig": every sitting member is present (art. 32)."""
    return members_present == sitting


# --------------------------------------------------------------------------------------------
# Votes per fractie
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FractieCount:
    """How one fractie's members voted.

    ``not_taking_part`` counts members who were present but did not vote (a personal interest,
    Gemeentewet art. 28); the rest of the seats were absent.
    """

    name: str
    seats: int
    votes_for: int = 0
    votes_against: int = 0
    not_taking_part: int = 0

    @property
    def votes_cast(self) -> int:
        return self.votes_for + self.votes_against

    @property
    def present(self) -> int:
        """Members of this fractie accounted for as present (voting or not taking part)."""
        return self.votes_for + self.votes_against + self.not_taking_part

    @property
    def absent(self) -> int:
        return self.seats - self.present


def fractie_count_errors(count: FractieCount) -> list[str]:
    """Dutch messages for what is impossible in one fractie's count; empty when it is sound.

    Checks: no negative numbers; no more members voting or not taking part than the fractie
    has seats. The seat check is skipped while a number is negative (fix that first).
    """
    name = count.name
    errors: list[str] = []
    if count.seats < 0:
        errors.append(
            gettext("%(name)s: het aantal zetels kan niet negatief zijn (ingevuld: %(value)d).")
            % {"name": name, "value": count.seats}
        )
    if count.votes_for < 0:
        errors.append(
            gettext(
                "%(name)s: het aantal stemmen voor kan niet negatief zijn (ingevuld: %(value)d)."
            )
            % {"name": name, "value": count.votes_for}
        )
    if count.votes_against < 0:
        errors.append(
            gettext(
                "%(name)s: het aantal stemmen tegen kan niet negatief zijn (ingevuld: %(value)d)."
            )
            % {"name": name, "value": count.votes_against}
        )
    if count.not_taking_part < 0:
        errors.append(
            gettext(
                "%(name)s: het aantal leden dat niet deelnam aan de stemming kan niet negatief "
                "zijn (ingevuld: %(value)d)."
            )
            % {"name": name, "value": count.not_taking_part}
        )
    if errors or count.present <= count.seats:
        return errors

    params = {
        "name": name,
        "seats": count.seats,
        "counted": count.present,
        "for": count.votes_for,
        "against": count.votes_against,
        "not_taking_part": count.not_taking_part,
    }
    if count.seats == 0:
        errors.append(
            gettext(
                "%(name)s heeft geen zetels, maar er zijn %(counted)d leden ingevuld "
                "(%(for)d voor, %(against)d tegen, %(not_taking_part)d niet deelgenomen)."
            )
            % params
        )
    elif count.not_taking_part == 0:
        errors.append(
            ngettext(
                "%(name)s heeft %(seats)d zetel, maar er zijn %(counted)d stemmen ingevuld.",
                "%(name)s heeft %(seats)d zetels, maar er zijn %(counted)d stemmen ingevuld.",
                count.seats,
            )
            % params
        )
    else:
        errors.append(
            ngettext(
                "%(name)s heeft %(seats)d zetel, maar er zijn %(counted)d leden ingevuld "
                "(%(for)d voor, %(against)d tegen, %(not_taking_part)d niet deelgenomen).",
                "%(name)s heeft %(seats)d zetels, maar er zijn %(counted)d leden ingevuld "
                "(%(for)d voor, %(against)d tegen, %(not_taking_part)d niet deelgenomen).",
                count.seats,
            )
            % params
        )
    return errors


# --------------------------------------------------------------------------------------------
# Deriving the outcome of a vote
# --------------------------------------------------------------------------------------------


def is_tie(votes_for: int, votes_against: int) -> bool:
    """Staking der stemmen (Gemeentewet art. 32 lid 4): votes were cast, as many for as against."""
    return votes_for + votes_against > 0 and votes_for == votes_against


@dataclass(frozen=True)
class VoteResult:
    """The outcome the counts lead to, with a one-sentence Dutch explanation."""

    outcome: Outcome
    votes_for: int
    votes_against: int
    explanation: str

    @property
    def votes_cast(self) -> int:
        return self.votes_for + self.votes_against

    @property
    def is_tie(self) -> bool:
        return is_tie(self.votes_for, self.votes_against)


class VoteInvalid(ValueError):
    """The counts of a vote are impossible or the meeting could not decide.

    ``errors`` maps a field name to Dutch messages. Keys: ``"members_present"``,
    ``"votes_for"``, ``"votes_against"``, ``"fracties"`` (the list as a whole),
    ``"fractie:<name>"`` (one fractie) and ``"__all__"`` (Django's ``NON_FIELD_ERRORS``: the
    council's size and vacancies, and problems that involve several numbers at once).
    """

    def __init__(self, errors: Mapping[str, Sequence[str]]) -> None:
        self.errors: dict[str, list[str]] = {key: list(msgs) for key, msgs in errors.items()}
        super().__init__(" ".join(self.messages))

    @property
    def messages(self) -> list[str]:
        """All messages, in the order they were found."""
        return [msg for msgs in self.errors.values() for msg in msgs]


class _Errors:
    """Collects messages per field, in order."""

    def __init__(self) -> None:
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(message)

    def __contains__(self, field: str) -> bool:
        return field in self.by_field

    def __bool__(self) -> bool:
        return bool(self.by_field)


def _seats_description(council_size: int, vacant_seats: int, sitting: int) -> str:
    """'39 zitting hebbende leden' or '37 zitting hebbende leden (39 zetels, waarvan 2 vacant)'."""
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


def _check_council(errors: _Errors, council_size: int, vacant_seats: int) -> int | None:
    """Validate the council's size; return the number of sitting members, or None."""
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


def _check_presence(
    errors: _Errors, members_present: int, council_size: int, vacant_seats: int, sitting: int
) -> bool:
    """Validate attendance and quorum (Gemeentewet art. 20); True when a vote could be held."""
    seats = _seats_description(council_size, vacant_seats, sitting)
    if members_present > sitting:
        errors.add(
            "members_present",
            gettext(
                "Er zijn %(present)d aanwezige leden ingevuld, maar de raad heeft maar %(seats)s."
            )
            % {"present": members_present, "seats": seats},
        )
        return False
    if not has_quorum(members_present, sitting):
        errors.add(
            "members_present",
            gettext(
                "Geen quorum: er waren %(present)d leden aanwezig, maar de vergadering mag pas "
                "worden geopend als meer dan de helft van de %(seats)s aanwezig is, dus ten "
                "minste %(needed)d (Gemeentewet art. 20)."
            )
            % {"present": members_present, "seats": seats, "needed": quorum_threshold(sitting)},
        )
        return False
    return True


def _check_totals_against_fracties(
    errors: _Errors, votes_for: int, votes_against: int, sum_for: int, sum_against: int
) -> None:
    """Nonzero totals next to fracties must equal the fracties' sums."""
    if votes_for and votes_for != sum_for:
        errors.add(
            "votes_for",
            gettext(
                "Het totaal aantal stemmen voor (%(total)d) komt niet overeen met de optelling "
                "van de fracties (%(sum)d)."
            )
            % {"total": votes_for, "sum": sum_for},
        )
    if votes_against and votes_against != sum_against:
        errors.add(
            "votes_against",
            gettext(
                "Het totaal aantal stemmen tegen (%(total)d) komt niet overeen met de optelling "
                "van de fracties (%(sum)d)."
            )
            % {"total": votes_against, "sum": sum_against},
        )


def _check_fracties(
    errors: _Errors, fracties: Sequence[FractieCount], council_size: int
) -> tuple[int, int, int] | None:
    """Validate each fractie and the list; return (sum for, sum against, sum present) or None."""
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
    if seats > council_size:
        errors.add(
            "fracties",
            gettext("De fracties hebben samen %(seats)d zetels, maar de raad telt er %(size)d.")
            % {"seats": seats, "size": council_size},
        )
    return (
        sum(count.votes_for for count in fracties),
        sum(count.votes_against for count in fracties),
        sum(count.present for count in fracties),
    )


def _check_hamerstuk(
    errors: _Errors,
    members_present: int,
    votes_for: int,
    votes_against: int,
    fracties: Sequence[FractieCount],
) -> None:
    """A hamerstuk has no votes against and, if a total is given, every member present for."""
    against = votes_against + sum(max(count.votes_against, 0) for count in fracties)
    if against > 0:
        errors.add(
            "votes_against",
            ngettext(
                "Een hamerstuk wordt zonder stemming aangenomen, maar er is %(against)d stem "
                "tegen ingevuld. Is er toch gestemd? Kies dan hoofdelijk of per fractie.",
                "Een hamerstuk wordt zonder stemming aangenomen, maar er zijn %(against)d "
                "stemmen tegen ingevuld. Is er toch gestemd? Kies dan hoofdelijk of per fractie.",
                against,
            )
            % {"against": against},
        )
    if votes_for and votes_for != members_present:
        errors.add(
            "votes_for",
            gettext(
                "Bij een hamerstuk gelden alle %(present)d aanwezige leden als voorstemmers, "
                "maar er zijn %(for)d stemmen voor ingevuld."
            )
            % {"present": members_present, "for": votes_for},
        )


def _check_cast_votes(
    errors: _Errors,
    votes_for: int,
    votes_against: int,
    members_present: int,
    fractie_present: int | None,
    sitting: int | None,
    quorate: bool,
) -> None:
    """Checks on the votes of a real vote (not a hamerstuk)."""
    cast = votes_for + votes_against
    if cast == 0:
        errors.add(
            "__all__",
            gettext(
                "Er zijn geen stemmen ingevuld. Vul de stemmen voor en tegen in, of kies "
                "'zonder stemming (hamerstuk)' als het voorstel zonder stemming is aangenomen."
            ),
        )
        return
    if cast > members_present:
        errors.add(
            "__all__",
            gettext(
                "Er zijn %(cast)d stemmen ingevuld (%(for)d voor, %(against)d tegen), maar er "
                "waren maar %(present)d leden aanwezig."
            )
            % {
                "cast": cast,
                "for": votes_for,
                "against": votes_against,
                "present": members_present,
            },
        )
        return
    if fractie_present is not None and fractie_present > members_present:
        errors.add(
            "fracties",
            gettext(
                "Volgens de fracties waren %(counted)d leden aanwezig (stemmend of niet "
                "deelnemend), maar er zijn %(present)d aanwezige leden ingevuld."
            )
            % {"counted": fractie_present, "present": members_present},
        )
        return
    # Gemeentewet art. 29: valid only when more than half of the sitting members who need not
    # abstain take part. Counting every present non-voter as obliged to abstain (the most
    # lenient reading) that is: cast * 2 > sitting - (present - cast), i.e. cast > absent.
    # Only checked with a quorum, where it is not already implied by the quorum error.
    abstaining = members_present - cast
    if quorate and sitting is not None and cast * 2 <= sitting - abstaining:
        errors.add(
            "__all__",
            ngettext(
                "Aan de stemming namen %(cast)d leden deel. Ook als het aanwezige lid dat niet "
                "stemde zich moest onthouden, is dat niet meer dan de helft van de overige "
                "%(eligible)d zitting hebbende leden: de stemming is niet geldig "
                "(Gemeentewet art. 29).",
                "Aan de stemming namen %(cast)d leden deel. Ook als alle %(abstaining)d "
                "aanwezige leden die niet stemden zich moesten onthouden, is dat niet meer dan "
                "de helft van de overige %(eligible)d zitting hebbende leden: de stemming is "
                "niet geldig (Gemeentewet art. 29).",
                abstaining,
            )
            % {"cast": cast, "abstaining": abstaining, "eligible": sitting - abstaining},
        )


def _majority_or_tie(
    votes_for: int, votes_against: int, members_present: int, sitting: int, tied_before: bool
) -> VoteResult:
    """Apply the majority rule (art. 30) and the tie rule (art. 32) to valid counts."""
    params = {"for": votes_for, "against": votes_against, "dash": EN_DASH}
    if votes_for * 2 > votes_for + votes_against:
        if votes_against == 0:
            explanation = ngettext(
                "Met algemene stemmen aangenomen (%(for)d stem voor).",
                "Met algemene stemmen aangenomen (%(for)d stemmen voor).",
                votes_for,
            )
        else:
            explanation = ngettext(
                "Aangenomen met %(for)d stem voor en %(against)d tegen.",
                "Aangenomen met %(for)d stemmen voor en %(against)d tegen.",
                votes_for,
            )
        return VoteResult(Outcome.ADOPTED, votes_for, votes_against, explanation % params)
    if votes_against > votes_for:
        explanation = ngettext(
            "Verworpen met %(for)d stem voor en %(against)d tegen.",
            "Verworpen met %(for)d stemmen voor en %(against)d tegen.",
            votes_for,
        )
        return VoteResult(Outcome.REJECTED, votes_for, votes_against, explanation % params)
    if is_full_meeting(members_present, sitting):
        explanation = gettext(
            "Stemmen staakten (%(for)d%(dash)s%(against)d) in een voltallige vergadering: het "
            "voorstel is verworpen (Gemeentewet art. 32)."
        )
        return VoteResult(Outcome.REJECTED, votes_for, votes_against, explanation % params)
    if tied_before:
        explanation = gettext(
            "Stemmen staakten (%(for)d%(dash)s%(against)d) opnieuw, in de vergadering na een "
            "eerdere staking: het voorstel is verworpen (Gemeentewet art. 32)."
        )
        return VoteResult(Outcome.REJECTED, votes_for, votes_against, explanation % params)
    explanation = gettext(
        "Stemmen staakten (%(for)d%(dash)s%(against)d) in een niet-voltallige vergadering: het "
        "voorstel wordt aangehouden tot een volgende vergadering (Gemeentewet art. 32)."
    )
    return VoteResult(Outcome.POSTPONED, votes_for, votes_against, explanation % params)


def derive_outcome(
    *,
    method: VoteMethod,
    council_size: int,
    vacant_seats: int = 0,
    members_present: int,
    votes_for: int = 0,
    votes_against: int = 0,
    fracties: Sequence[FractieCount] = (),
    tied_before: bool = False,
) -> VoteResult:
    """The outcome that a council's vote leads to, or ``VoteInvalid`` with every problem found.

    Validation, all errors collected before raising:

    * the council: at least one seat, vacancies between 0 and the seats minus one;
    * no negative numbers; each fractie sound (:func:`fractie_count_errors`), no fractie twice,
      the fracties' seats together not more than the council's;
    * members present at most the sitting members, and a quorum: more than half of the
      sitting members present (Gemeentewet art. 20);
    * with fracties on a real vote, the totals are the fracties' sums; totals passed as well
      must equal those sums (a zero total means "take the sum");
    * a real vote has votes, not more than the members present (nor more members accounted for
      by the fracties than present), and enough participants to be valid (art. 29, read
      leniently: every present non-voter is taken to have had to abstain).

    Deciding:

    * ``WITHOUT_VOTE`` (hamerstuk): adopted unanimously, every member present counted for;
      a quorum is still required and no votes against may be recorded.
    * Otherwise adopted with more than half of the votes cast (art. 30; members present must
      vote, art. 28, unless they have a personal interest), rejected when the votes against
      are the majority.
    * A tie (art. 32): rejected in a full meeting (every sitting member present); rejected when
      ``tied_before`` says this meeting is the follow-up of an earlier tie; otherwise postponed
      to a next meeting.
    """
    errors = _Errors()
    sitting = _check_council(errors, council_size, vacant_seats)

    negative = False
    for field, value, message in (
        (
            "members_present",
            members_present,
            gettext("Het aantal aanwezige leden kan niet negatief zijn (ingevuld: %(value)d)."),
        ),
        (
            "votes_for",
            votes_for,
            gettext("Het aantal stemmen voor kan niet negatief zijn (ingevuld: %(value)d)."),
        ),
        (
            "votes_against",
            votes_against,
            gettext("Het aantal stemmen tegen kan niet negatief zijn (ingevuld: %(value)d)."),
        ),
    ):
        if value < 0:
            errors.add(field, message % {"value": value})
            negative = True

    quorate = False
    if sitting is not None and members_present >= 0:
        quorate = _check_presence(errors, members_present, council_size, vacant_seats, sitting)

    sums = _check_fracties(errors, fracties, council_size) if fracties else None
    # Checks that combine several numbers only make sense once each number is possible.
    counts_sound = not negative

    if method == VoteMethod.WITHOUT_VOTE:
        if counts_sound:
            _check_hamerstuk(errors, members_present, votes_for, votes_against, fracties)
        if errors:
            raise VoteInvalid(errors.by_field)
        return VoteResult(
            Outcome.ADOPTED,
            members_present,
            0,
            ngettext(
                "Zonder stemming aangenomen (hamerstuk); het aanwezige lid geldt als voorstemmer.",
                "Zonder stemming aangenomen (hamerstuk); de %(present)d aanwezige leden gelden "
                "als voorstemmers.",
                members_present,
            )
            % {"present": members_present},
        )

    fractie_present: int | None = None
    if sums is not None:
        sum_for, sum_against, fractie_present = sums
        if counts_sound:
            _check_totals_against_fracties(errors, votes_for, votes_against, sum_for, sum_against)
        votes_for, votes_against = sum_for, sum_against
    elif fracties:
        counts_sound = False  # the fracties are unsound, so their sums mean nothing yet

    if counts_sound:
        _check_cast_votes(
            errors, votes_for, votes_against, members_present, fractie_present, sitting, quorate
        )

    if errors or sitting is None:  # no sitting members is always reported as an error
        raise VoteInvalid(errors.by_field)
    return _majority_or_tie(votes_for, votes_against, members_present, sitting, tied_before)


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
