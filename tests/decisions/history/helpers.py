"""Helpers of the history-page tests (decisions.history): edits attributed with with_history,
moments pinned in 2022, and the URLs of the pages.
"""

import datetime
from zoneinfo import ZoneInfo

from django.urls import reverse

from councils.models import Body, Fractie, Meeting
from decisions.models import Decision, DecisionVersion, FractieVote, Treatment, Vote
from gr_portal.core.choices import Outcome, VoteMethod
from gr_portal.core.history import with_history

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
LONG_NOTE = (
    "De raad stemt in met de concept-GR-tekst en vraagt het college de zienswijze over de "
    "financiële verdeelsleutel vóór 1 september 2022 aan het algemeen bestuur te zenden."
)
CORRECTED_NOTE = (
    "De raad stemt in met de concept-GR-tekst en vraagt het college de zienswijze over de "
    "financiële verdeelsleutel vóór 15 september 2022 aan het dagelijks bestuur te zenden."
)


def edit(obj, user, reason, *, correction=False, **values):
    for name, value in values.items():
        setattr(obj, name, value)
    with_history(obj, user=user, reason=reason, correction=correction).save()
    return obj


def dordrecht_council_treatment():
    return Treatment.objects.get(
        decision__slug="concept-gr-tekst-2022",
        body__municipality__slug="dordrecht",
        body__kind=Body.Kind.COUNCIL,
        round=1,
    )


def latest_row(obj):
    return obj.history.order_by("-history_date", "-history_id").first()


def set_history_date(obj, moment):
    """Pin the latest version's moment, so the page's Dutch date can be asserted."""
    obj.history.filter(history_id=latest_row(obj).history_id).update(history_date=moment)


def record_outcome(treatment, user, reason):
    meeting = Meeting.objects.create(
        body=treatment.body, starts_at=datetime.datetime(2022, 7, 7, 20, 0, tzinfo=AMSTERDAM)
    )
    version = DecisionVersion.objects.get(decision=treatment.decision, number=1)
    return edit(treatment, user, reason, meeting=meeting, version=version, outcome=Outcome.ADOPTED)


def make_vote(treatment, user, reason, votes_for=30, votes_against=9):
    """A vote of 30 to 9 with one fractie row, edited by hand: the shape the history pages are
    checked on (each edit of it one version), not a vote as a clerk records one."""
    vote = edit(
        Vote(treatment=treatment, method=VoteMethod.PER_FRACTIE, members_present=39),
        user,
        reason,
        votes_for=votes_for,
        votes_against=votes_against,
    )
    fractie = Fractie.objects.filter(term__municipality=treatment.body.municipality).first()
    edit(
        FractieVote(vote=vote, fractie=fractie, seats=fractie.seats, absent=fractie.seats - 1),
        user,
        reason,
        votes_for=1,
    )
    return vote


def history_url(kind, pk):
    return reverse("history:list", kwargs={"kind": kind, "pk": pk})


def compare_url(kind, pk, a=None, b=None):
    url = reverse("history:compare", kwargs={"kind": kind, "pk": pk})
    query = "&".join(f"{key}={value}" for key, value in (("a", a), ("b", b)) if value is not None)
    return f"{url}?{query}" if query else url


def restore_url(kind, pk, history_id):
    return reverse("history:restore", kwargs={"kind": kind, "pk": pk, "history_id": history_id})


def unpublish(treatment):
    Decision.objects.filter(pk=treatment.decision_id).update(published=False)
