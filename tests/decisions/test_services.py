"""Specification of the clerks' writes (decisions.services): validated, atomic, attributed,
refused when stale, corrections marked as such, the reasons the system writes in Dutch.

The concurrency test runs on PostgreSQL, where the row lock is real (SQLite serialises
whole-database writes and has no SELECT ... FOR UPDATE); CI runs the suite on both.
"""

import datetime
import threading
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import translation

from councils.models import Meeting
from decisions import services
from decisions.models import Decision, RecordCheck, Treatment
from decisions.rules import derive_outcome
from gr_portal.core.choices import Outcome, VoteMethod
from gr_portal.dataset import load_dataset
from tests.recording import record_every_step

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _vote(present: int) -> services.VoteInput:
    return services.VoteInput(
        method=VoteMethod.WITHOUT_VOTE,
        members_present=present,
        result=derive_outcome(
            method=VoteMethod.WITHOUT_VOTE, council_size=39, members_present=present
        ),
    )


def dordrecht_council():
    return Treatment.objects.select_related("body__municipality", "decision").get(
        decision__slug="concept-gr-tekst-2022",
        body__municipality__slug="dordrecht",
        body__kind="council",
        round=1,
    )


def record(treatment, *, revision=None, user=None, present=39, reason=""):
    return services.treatment_record(
        treatment=treatment,
        revision=treatment.revision if revision is None else revision,
        user=user,
        outcome=Outcome.ADOPTED,
        new_meeting=services.NewMeeting(
            starts_at=datetime.datetime(2022, 7, 12, 20, tzinfo=AMSTERDAM)
        ),
        version=treatment.decision.versions.get(number=1),
        vote=_vote(present),
        reason=reason,
    )


def test_a_first_recording_is_attributed_with_the_systems_reason_in_dutch(dataset, dordrecht_clerk):
    with translation.override("en"):
        recorded = record(dordrecht_council(), user=dordrecht_clerk)
    row = recorded.history.order_by("-history_id").first()
    assert (row.history_user, row.history_is_correction) == (dordrecht_clerk, False)
    assert row.history_change_reason == "Vastgelegd door de griffie"
    assert recorded.revision == 2
    assert recorded.vote.history.get().history_change_reason == "Vastgelegd door de griffie"


def test_recording_again_is_a_correction_with_the_reason_as_typed(dataset, dordrecht_clerk):
    first = record(dordrecht_council(), present=37)
    with translation.override("en"):
        corrected = record(first, present=35, user=dordrecht_clerk, reason="telfout")
    row = corrected.history.order_by("-history_id").first()
    assert (row.history_is_correction, row.history_change_reason) == (True, "telfout")
    vote_row = corrected.vote.history.order_by("-history_id").first()
    assert (vote_row.members_present, vote_row.history_is_correction) == (35, True)
    assert vote_row.history_change_reason == "telfout"


def test_a_save_from_a_stale_revision_is_refused_and_changes_nothing(dataset):
    treatment = dordrecht_council()
    stale_revision = treatment.revision
    record(treatment, present=37)
    with pytest.raises(services.StaleRecord) as refused:
        record(dordrecht_council(), revision=stale_revision, present=35, reason="later")
    assert refused.value.current.revision == stale_revision + 1
    assert refused.value.loaded_revision == stale_revision
    treatment.refresh_from_db()
    assert treatment.vote.members_present == 37
    assert not treatment.history.filter(history_change_reason="later").exists()


def test_a_change_withdraws_the_griffies_check_with_a_note(dataset, dordrecht_clerk):
    record_every_step("concept-gr-tekst-2022", "dordrecht")
    treatment = dordrecht_council()
    services.record_check_mark(
        decision=Decision.objects.get(slug="concept-gr-tekst-2022"),
        municipality=treatment.body.municipality,
        user=dordrecht_clerk,
    )
    assert RecordCheck.objects.count() == 1
    with translation.override("en"):
        record(treatment, user=dordrecht_clerk, reason="Stemmen verkeerd overgenomen")
    assert not RecordCheck.objects.exists()
    deleted = RecordCheck.history.filter(history_type="-").get()
    assert deleted.history_change_reason == (
        "Controle vervallen door wijziging: Stemmen verkeerd overgenomen"
    )


def test_nothing_recorded_cannot_be_marked_complete(dataset, dordrecht_clerk):
    """ "Compleet en gecontroleerd" only when every step of the municipality is recorded."""
    with pytest.raises(ValidationError, match="nog niet compleet"):
        services.record_check_mark(
            decision=Decision.objects.get(slug="concept-gr-tekst-2022"),
            municipality=dordrecht_council().body.municipality,
            user=dordrecht_clerk,
        )
    assert not RecordCheck.objects.exists()


def test_an_invalid_record_is_refused_whole(dataset):
    treatment = dordrecht_council()
    with pytest.raises(ValidationError, match="vóór versie 1 van de tekst bestond"):
        services.treatment_record(
            treatment=treatment,
            revision=treatment.revision,
            user=None,
            outcome=Outcome.ADOPTED,
            new_meeting=services.NewMeeting(
                starts_at=datetime.datetime(2022, 5, 31, 20, tzinfo=AMSTERDAM)
            ),
            version=treatment.decision.versions.get(number=1),
            vote=_vote(39),
        )
    treatment.refresh_from_db()
    assert (treatment.outcome, treatment.revision, treatment.meeting) == ("", 1, None)
    assert not Meeting.objects.exists()  # the meeting created on the way is rolled back too


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
    meeting = services.meeting_create(
        body=treatment.body,
        new_meeting=services.NewMeeting(
            starts_at=datetime.datetime(2022, 7, 12, 20, tzinfo=AMSTERDAM)
        ),
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
