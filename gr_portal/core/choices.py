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
    #: The vote did not count (Gemeentewet art. 29 lid 1): the proposal comes back.
    INVALID = "invalid", _("stemming ongeldig")


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


class RegelingKind(models.TextChoices):
    """Who enter a gemeenschappelijke regeling, and so who change it (Wgr art. 1)."""

    COLLEGE = "college", _("collegeregeling")
    COUNCIL = "council", _("raadsregeling")
    MAYOR = "mayor", _("burgemeestersregeling")
    MIXED = "mixed", _("gemengde regeling")
    UNKNOWN = "unknown", _("onbekend (niet geverifieerd)")


class BodyKind(models.TextChoices):
    """The organs that decide: a municipality's council and college, a regeling's boards."""

    COUNCIL = "council", _("gemeenteraad")
    EXECUTIVE = "executive", _("college van B&W")
    GENERAL_BOARD = "general_board", _("algemeen bestuur")
    EXECUTIVE_BOARD = "executive_board", _("dagelijks bestuur")


class DecisionKind(models.TextChoices):
    PRINCIPLE = "principle", _("principebesluit")
    DRAFT_TEXT = "draft_text", _("concept GR-tekst")
    FINAL_TEXT = "final_text", _("definitieve GR-tekst")
    OPINION_REQUEST = "opinion_request", _("verzoek om zienswijze")
    CONSENT = "consent", _("toestemming")
    BUDGET = "budget", _("begroting")
    OTHER = "other", _("overig")


class ProcessKind(models.TextChoices):
    """What a process does to its regeling (Wgr art. 1 lid 5: changing, joining and leaving
    count as entering it; the budget cycle of art. 34–35), and room for more."""

    MERGER = "merger", _("samenvoeging")
    AMENDMENT = "amendment", _("wijziging")
    ACCESSION = "accession", _("toetreding")
    WITHDRAWAL = "withdrawal", _("uittreding")
    BUDGET = "budget", _("begroting en jaarstukken")
    OTHER = "other", _("overig")


class Purpose(models.TextChoices):
    """What a body's treatment of a decision is for: the step it takes (Wgr art. 1)."""

    DECISION = "decision", _("besluit")
    OPINION = "opinion", _("zienswijze")
    CONSENT = "consent", _("toestemming")
    NOTICE = "notice", _("ter kennisname")
