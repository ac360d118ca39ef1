"""Voting weights in a regeling's algemeen bestuur, and whether one bloc can carry or block a
decision on its own.

How the members of a regeling's algemeen bestuur vote is set by the regeling itself (its own
voting article; the portal stores the method as data, Regeling.ab_weighting, and stated weights
per participant). The articles of the Wgr kept beside this repository (art. 1 and 9) say
nothing about weights, so nothing here cites one. The Drechtsteden colleges asked for weights
"langs de lijnen van inwonersaantal / financiële bijdrage", while preventing "volledige
overheersing door 'stedelijk gebied' of 'poldergebied'" (principebesluit of 27 October 2020,
seed 004). This module
makes that checkable: for a weighting and a threshold, the share of each bloc and whether it
carries a decision alone (its share is more than the threshold) or blocks one alone (without it
the others cannot reach the threshold).

Pure: names, numbers and fractions in; no database. Exact arithmetic (Fraction), so that a
boundary (exactly half) is decided exactly.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext_lazy as _

from gr_portal.core.choices import Outcome

#: How the weights are set: one vote each; by population; by the square root of the population
#: (Penrose: each inhabitant's indirect influence about equal); or as the regeling states them.
EQUAL, POPULATION, SQUARE_ROOT, STATED = "equal", "population", "square_root", "stated"
METHODS = {
    EQUAL: _("één stem per deelnemer"),
    POPULATION: _("naar inwonertal"),
    SQUARE_ROOT: _("naar de wortel van het inwonertal"),
    STATED: _("zoals de regeling ze vastlegt"),
}

#: The thresholds a decision of the algemeen bestuur may need: more than this share of the votes.
SIMPLE_MAJORITY = Fraction(1, 2)
TWO_THIRDS = Fraction(2, 3)
#: The thresholds by the keys the forms and the stored votes use, with their words.
THRESHOLDS = {
    "meerderheid": (SIMPLE_MAJORITY, _("meer dan de helft van de stemmen")),
    "twee-derde": (TWO_THIRDS, _("meer dan twee derde van de stemmen")),
}


@dataclass(frozen=True)
class Participant:
    name: str
    bloc: str
    population: int | None = None
    stated_weight: Fraction | None = None


def weights(method: str, participants: list[Participant]) -> dict[str, Fraction]:
    """Each participant's weight under `method`; ValueError when a weight cannot be derived
    (a population or a stated weight is missing, or an unknown method)."""
    if method == EQUAL:
        return {p.name: Fraction(1) for p in participants}
    if method in (POPULATION, SQUARE_ROOT):
        missing = [p.name for p in participants if not p.population]
        if missing:
            raise ValueError(f"no population for {', '.join(missing)}")
        if method == POPULATION:
            return {p.name: Fraction(p.population or 0) for p in participants}
        # The square root rounded to a thousandth: exact enough, and still a Fraction.
        return {
            p.name: Fraction(round(math.sqrt(p.population or 0) * 1000), 1000) for p in participants
        }
    if method == STATED:
        missing = [p.name for p in participants if p.stated_weight is None]
        if missing:
            raise ValueError(f"no stated weight for {', '.join(missing)}")
        return {p.name: Fraction(p.stated_weight or 0) for p in participants}
    raise ValueError(f"unknown weighting method {method!r}")


def carries(weight_for: Fraction, total: Fraction, threshold: Fraction) -> bool:
    """A decision is taken when the votes for are more than `threshold` of all votes."""
    return total > 0 and weight_for > threshold * total


@dataclass(frozen=True)
class BlocPower:
    bloc: str
    members: tuple[str, ...]
    weight: Fraction
    share: Fraction
    carries_alone: bool
    blocks_alone: bool


def bloc_power(
    weighted: Mapping[str, Fraction], blocs: Mapping[str, str], threshold: Fraction
) -> list[BlocPower]:
    """Per bloc (e.g. stedelijk, polder) its weight and share, whether it carries a decision
    with its own votes only (all of its members for, all others against), and whether it blocks
    one alone (all of its members against, all others for: the others fall short)."""
    total = sum(weighted.values(), Fraction(0))
    result = []
    for bloc in sorted(set(blocs.values())):
        members = tuple(sorted(name for name, b in blocs.items() if b == bloc))
        weight = sum((weighted[name] for name in members), Fraction(0))
        result.append(
            BlocPower(
                bloc=bloc,
                members=members,
                weight=weight,
                share=weight / total if total else Fraction(0),
                carries_alone=carries(weight, total, threshold),
                blocks_alone=not carries(total - weight, total, threshold),
            )
        )
    return result


def dominated(power: list[BlocPower]) -> list[BlocPower]:
    """The blocs that can carry a decision alone: "volledige overheersing" (seed 004)."""
    return [bloc for bloc in power if bloc.carries_alone]


# --- a recorded vote of the algemeen bestuur -----------------------------------------------

#: How a participant's delegation voted.
FOR, AGAINST, ABSENT = "for", "against", "absent"
CHOICES = {
    FOR: _("voor"),
    AGAINST: _("tegen"),
    ABSENT: _("niet deelgenomen"),
}


@dataclass(frozen=True)
class WeightedResult:
    """A weighted vote counted. The regeling's own voting article governs; where it says only
    how many votes each participant has, the rules of the Gemeentewet for a council's vote
    apply with votes in the place of members (Wgr art. 22 declares them applicable to the
    algemeen bestuur; that article is not among shared/standards): the vote is valid when more
    than half of all votes took part (Gemeentewet art. 29 lid 1); a proposal is carried by more
    than the threshold of the votes cast (art. 30 lid 1, a simple majority unless the regeling
    asks two thirds); a tie postpones the decision unless every vote was cast, when the
    proposal is not carried (art. 32 lid 4 and 5)."""

    weight_for: Fraction
    weight_against: Fraction
    weight_absent: Fraction
    threshold: Fraction

    @property
    def total(self) -> Fraction:
        return self.weight_for + self.weight_against + self.weight_absent

    @property
    def cast(self) -> Fraction:
        return self.weight_for + self.weight_against

    @property
    def valid(self) -> bool:
        return self.cast * 2 > self.total

    @property
    def full(self) -> bool:
        return self.weight_absent == 0

    @property
    def tied(self) -> bool:
        return self.threshold == SIMPLE_MAJORITY and self.weight_for == self.weight_against

    @property
    def carried(self) -> bool:
        return self.valid and self.weight_for > self.threshold * self.cast

    @property
    def share_for(self) -> Fraction:
        return self.weight_for / self.cast if self.cast else Fraction(0)

    @property
    def outcome(self) -> str:
        """The Outcome value: invalid, postponed, adopted or rejected."""
        if not self.valid:
            return Outcome.INVALID
        if self.tied and not self.full:
            return Outcome.POSTPONED
        return Outcome.ADOPTED if self.carried else Outcome.REJECTED


def weighted_result(
    votes: Mapping[Any, tuple[str, Fraction]], threshold: Fraction = SIMPLE_MAJORITY
) -> WeightedResult:
    """Count a vote of the algemeen bestuur: `votes` maps each participant to (choice, weight)
    with choice one of FOR, AGAINST, ABSENT (see WeightedResult for the rules)."""
    totals = {FOR: Fraction(0), AGAINST: Fraction(0), ABSENT: Fraction(0)}
    for choice, weight in votes.values():
        if choice not in totals:
            raise ValueError(f"unknown choice {choice!r}")
        totals[choice] += Fraction(weight)
    return WeightedResult(totals[FOR], totals[AGAINST], totals[ABSENT], threshold)
