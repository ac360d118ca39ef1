"""Two clerks save the same record at the same moment: one wins, the other is refused.

Runs on PostgreSQL, where the row lock is real (SQLite serialises whole-database writes and has
no SELECT ... FOR UPDATE); CI runs the suite on both.
"""

import datetime
import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections
from django.utils import timezone

from decisions import services
from decisions.models import Treatment
from decisions.rules import derive_outcome
from gr_portal.core.choices import Outcome, VoteMethod
from gr_portal.dataset import load_dataset


def _vote(present: int) -> services.VoteInput:
    return services.VoteInput(
        method=VoteMethod.WITHOUT_VOTE,
        members_present=present,
        result=derive_outcome(
            method=VoteMethod.WITHOUT_VOTE, council_size=39, members_present=present
        ),
    )


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_of_one_treatment_never_lose_an_update():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; CI runs this test there")
    load_dataset()
    treatment = Treatment.objects.select_related("body", "decision").get(
        decision__slug="concept-gr-tekst-2022",
        body__municipality__slug="dordrecht",
        body__kind="council",
    )
    meeting = services.meeting_for(
        treatment.body,
        None,
        services.NewMeeting(starts_at=timezone.make_aware(datetime.datetime(2022, 7, 12, 20))),
        user=None,
    )
    users = [get_user_model().objects.create_user(name) for name in ("griffier-a", "griffier-b")]
    version = treatment.decision.versions.get()
    start = threading.Barrier(2, timeout=10)
    results: dict[str, object] = {}

    def save(user, present):
        try:
            start.wait()
            services.treatment_record(
                treatment=Treatment.objects.get(pk=treatment.pk),
                revision=1,
                user=user,
                outcome=Outcome.ADOPTED,
                meeting=meeting,
                version=version,
                vote=_vote(present),
                reason=f"door {user.username}",
            )
            results[user.username] = "saved"
        except services.StaleRecord as stale:
            results[user.username] = stale
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=(users[0], 37)),
        threading.Thread(target=save, args=(users[1], 35)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    outcomes = sorted(type(r).__name__ if r != "saved" else "saved" for r in results.values())
    assert outcomes == ["StaleRecord", "saved"]
    winner = next(name for name, r in results.items() if r == "saved")
    loser = next(r for r in results.values() if r != "saved")
    assert loser.current.revision == 2  # the refused save saw the winner's revision
    treatment.refresh_from_db()
    assert treatment.revision == 2
    assert treatment.vote.members_present == (37 if winner == "griffier-a" else 35)
    assert treatment.history.filter(history_change_reason__startswith="door").count() == 1
