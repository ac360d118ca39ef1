"""Recording a vote of a regeling's algemeen bestuur, weighted (councils.weighting).

One transaction: the treatment's outcome, meeting and version, the vote with its weighted
totals, and a line per participant with the weight it had — each with its history, attributed
to the program office and its reason. The outcome is derived, never typed.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from fractions import Fraction

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils import weighting
from councils.models import Meeting
from decisions.models import BoardVote, BoardVoteLine, DecisionVersion, Treatment
from gr_portal.core.history import with_history

#: The hour an algemeen bestuur's meeting is stored at when only its day is known.
MEETING_HOUR = datetime.time(10, 0)


class BoardVoteError(Exception):
    """The vote cannot be recorded; the message says why."""


def as_decimal(value: Fraction) -> Decimal:
    """A weight as stored: to a thousandth (the square-root method's own precision)."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.001"))


def count(
    weights: dict[int, Fraction], choices: dict[int, str], threshold_key: str
) -> weighting.WeightedResult:
    """The vote counted: every participant's choice with its weight."""
    missing = set(weights) - set(choices)
    if missing:
        raise BoardVoteError(_("Vul voor elke deelnemer in hoe zijn vertegenwoordiging stemde."))
    threshold, _label = weighting.THRESHOLDS[threshold_key]
    return weighting.weighted_result({pk: (choices[pk], weights[pk]) for pk in weights}, threshold)


@transaction.atomic
def record_board_vote(
    treatment: Treatment,
    *,
    day: datetime.date,
    version: DecisionVersion,
    threshold_key: str,
    choices: dict[int, str],
    loaded_revision: int,
    user,
    reason: str,
) -> BoardVote:
    treatment = (
        Treatment.objects.select_for_update(of=("self",))
        .select_related("body__regeling", "decision")
        .get(pk=treatment.pk)
    )
    if treatment.revision != loaded_revision:
        raise BoardVoteError(
            _(
                "Iemand anders heeft deze stemming intussen gewijzigd. Er is niets opgeslagen; "
                "laad de pagina opnieuw."
            )
        )
    regeling = treatment.body.regeling
    if regeling is None:
        raise BoardVoteError(_("Alleen een algemeen bestuur stemt met gewichten."))
    try:
        weights = regeling.ab_weights()
    except ValueError as error:
        raise BoardVoteError(
            _("De gewichten van de deelnemers zijn niet bekend: %(error)s") % {"error": error}
        ) from error
    result = count(weights, choices, threshold_key)
    existing = BoardVote.objects.filter(treatment=treatment).first()
    correction = existing is not None
    reason = reason.strip() or _("Stemming van het algemeen bestuur vastgelegd")

    meeting = Meeting.objects.filter(body=treatment.body, starts_at__date=day).first()
    if meeting is None:
        meeting = Meeting(
            body=treatment.body,
            starts_at=timezone.make_aware(datetime.datetime.combine(day, MEETING_HOUR)),
        )
        with_history(meeting, user=user, reason=reason).save()
    treatment.meeting = meeting
    treatment.version = version
    treatment.outcome = result.outcome
    with_history(treatment, user=user, reason=reason, correction=correction).save()

    vote = existing or BoardVote(treatment=treatment)
    vote.method = regeling.ab_weighting
    vote.threshold = threshold_key
    vote.weight_for = as_decimal(result.weight_for)
    vote.weight_against = as_decimal(result.weight_against)
    vote.weight_absent = as_decimal(result.weight_absent)
    with_history(vote, user=user, reason=reason, correction=correction).save()
    lines = {line.municipality_id: line for line in vote.lines.all()} if existing else {}
    for municipality_id, weight in weights.items():
        line = lines.pop(municipality_id, None) or BoardVoteLine(
            vote=vote, municipality_id=municipality_id
        )
        if line.pk and line.choice == choices[municipality_id]:
            continue
        line.choice = choices[municipality_id]
        line.weight = as_decimal(weight)
        with_history(line, user=user, reason=reason, correction=correction).save()
    for gone in lines.values():  # a participant that left since
        with_history(gone, user=user, reason=reason, correction=correction).delete()
    return vote
