"""The portal's stored vocabularies: the values kept in the database and their Dutch labels.

They belong to no single app: a regeling's amendment rule, a treatment's outcome and a vote's
method are read by the procedure rules, the models of several apps, the open data and the
letters alike. Changing a value here needs a data migration; changing a label does not.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    """What became of a proposal, amendment or motion."""

    ADOPTED = "adopted", _("aangenomen")
    REJECTED = "rejected", _("verworpen")
    POSTPONED = "postponed", _("aangehouden")
    WITHDRAWN = "withdrawn", _("ingetrokken")


#: The outcomes that settle a proposal (Gemeentewet art. 32: a postponed one comes back).
DECIDED = (Outcome.ADOPTED, Outcome.REJECTED)


class VoteMethod(models.TextChoices):
    """How the council voted."""

    PER_FRACTIE = "per_fractie", _("per fractie")
    ROLL_CALL = "roll_call", _("hoofdelijk")
    WITHOUT_VOTE = "without_vote", _("zonder stemming (hamerstuk)")


class AmendmentRule(models.TextChoices):
    """How a change to a regeling takes effect: which share of the participants must consent.

    The Wgr leaves this to the regeling's own amendment article (art. 9); it is stored per
    regeling so that each can differ.
    """

    ALL_PARTICIPANTS = "all", _("alle deelnemers")
    MAJORITY = "majority", _("meerderheid van de deelnemers")
    TWO_THIRDS = "two_thirds", _("twee derde van de deelnemers")


class Precision(models.TextChoices):
    """How precisely a planned date is known: to the day ("8 maart 2022") or the month."""

    DAY = "day", _("dag")
    MONTH = "month", _("maand")


class Reliability(models.TextChoices):
    """How sure a figure is. Everything below OFFICIAL is shown with its status on screen."""

    OFFICIAL = "official", _("officieel")
    PRESS = "press", _("persbericht")
    DERIVED = "derived", _("afgeleid")
    ESTIMATE = "estimate", _("schatting")
    UNVERIFIED = "unverified", _("niet geverifieerd")
