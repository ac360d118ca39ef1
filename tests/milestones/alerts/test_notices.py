"""Alerts (issue 14 items 2, 5, 6): a clerk records a vote, and after the commit the worker
sends every follower one message in the words of the pages, with the links and headers; a
correction is sent as a correction; a daily subscription gets one digest; nothing unpublished
is sent; an SMTP failure is retried and delivered once; nothing is sent twice."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from decisions.models import Decision, Treatment
from gr_portal.core.history import with_history
from milestones.alerts import targets
from milestones.models import Notice, Subscription
from tests.milestones.alerts.smtp import PORTAL, header, parts, run_worker
from tests.recording import record_vote

CONCEPT = "concept-gr-tekst-2022"


def _follow(word: str, slug: str, email: str, **values) -> Subscription:
    target = targets.find(word, slug)
    return Subscription.objects.create(
        email=email, confirmed_at=timezone.now(), **{target.field: target.obj}, **values
    )


def _council(municipality: str) -> Treatment:
    return Treatment.objects.select_related("body__municipality", "decision").get(
        decision__slug=CONCEPT,
        body__municipality__slug=municipality,
        body__kind="council",
        round=1,
    )


def test_a_recorded_vote_reaches_every_follower_once(world, smtp):
    _follow("gemeente", "dordrecht", "raadslid@papendrecht.nl")
    _follow("besluit", CONCEPT, "journalist@example.nl", language="en")
    _follow("gemeente", "sliedrecht", "ander@example.nl")  # follows another council
    _follow("gemeente", "dordrecht", "onbevestigd@example.nl").__class__.objects.filter(
        email="onbevestigd@example.nl"
    ).update(confirmed_at=None)

    record_vote(_council("dordrecht"))  # as the griffie's form does, in one transaction
    assert smtp.messages == []  # nothing inside the saving transaction
    assert DBTaskResult.objects.filter(task_path__endswith="collect_changes").exists()

    run_worker()

    # Dordrecht's outcome, amendment A1, motion M1 and its zienswijze: four changes, one
    # message each, per follower.
    by_address: dict[str, list] = {}
    for message in smtp.messages:
        by_address.setdefault(message["To"], []).append(message)
    assert sorted(by_address) == ["journalist@example.nl", "raadslid@papendrecht.nl"]
    assert [len(messages) for messages in by_address.values()] == [4, 4]
    subjects = [header(message, "Subject") for message in by_address["raadslid@papendrecht.nl"]]
    # The council's step on the concept is its zienswijze (Wgr art. 1 lid 3), worded as on
    # the pages; then the zienswijze itself.
    outcome = "Gemeenteraad Dordrecht: Concept aangepaste GR-tekst GR Sociaal zienswijze ingediend"
    assert set(subjects) == {
        "Gemeenteraad Dordrecht: amendement A1 ‘Rol van de raad’ verworpen",
        outcome,
        "Gemeenteraad Dordrecht: motie M1 ‘Medewerkers Drechtwerk’ aangenomen",
        "Gemeenteraad Dordrecht: zienswijze op Concept aangepaste GR-tekst GR Sociaal vastgelegd",
    }
    dutch = next(
        m for m in by_address["raadslid@papendrecht.nl"] if header(m, "Subject") == outcome
    )
    text = parts(dutch)
    assert set(text) == {"text/plain", "text/html"}
    assert "Stand: " in text["text/plain"]
    assert f"{PORTAL}/besluiten/{CONCEPT}/" in text["text/plain"]
    assert f'href="{PORTAL}/besluiten/{CONCEPT}/"' in text["text/html"]
    assert dutch["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/volgen/afmelden/" in header(dutch, "List-Unsubscribe")
    english = " ".join(parts(m)["text/plain"] for m in by_address["journalist@example.nl"])
    assert "Status: " in english
    sent = len(smtp.messages)

    # Another run, and a collection of the same changes again: nothing twice.
    call_command("send_alerts", verbosity=0)
    run_worker()
    assert len(smtp.messages) == sent
    assert Notice.objects.filter(state=Notice.State.SENT).count() == sent


def test_a_correction_is_sent_as_a_correction(world, smtp):
    record_vote(_council("dordrecht"))
    run_worker()  # before anyone follows: nothing to send
    _follow("gemeente", "dordrecht", "raadslid@papendrecht.nl")
    treatment = Treatment.objects.get(pk=_council("dordrecht").pk)
    treatment.notes = "Telfout hersteld"
    treatment.outcome = "rejected"
    with_history(treatment, user=None, reason="telfout", correction=True).save()
    call_command("send_alerts", verbosity=0)
    [message] = smtp.messages
    assert header(message, "Subject").startswith("Correctie: Gemeenteraad Dordrecht")
    assert "Correctie: telfout" in parts(message)["text/plain"]


def test_a_daily_subscription_gets_one_digest(world, smtp):
    _follow("besluit", CONCEPT, "dagelijks@example.nl", frequency="daily")
    record_vote(_council("dordrecht"))
    record_vote(_council("sliedrecht"), day=13)
    run_worker()
    assert smtp.messages == []  # not one per change
    call_command("send_alerts", "--digest", verbosity=0)
    [digest] = smtp.messages
    assert header(digest, "Subject") == (
        "Concept aangepaste GR-tekst GR Sociaal: de wijzigingen van vandaag"
    )
    text = parts(digest)["text/plain"]
    assert "Gemeenteraad Dordrecht" in text
    assert "Gemeenteraad Sliedrecht" in text
    call_command("send_alerts", "--digest", verbosity=0)
    assert len(smtp.messages) == 1


def test_an_unpublished_decision_sends_nothing(world, smtp):
    _follow("gemeente", "dordrecht", "raadslid@papendrecht.nl")
    Decision.objects.filter(slug=CONCEPT).update(published=False)
    record_vote(_council("dordrecht"))
    run_worker()
    call_command("send_alerts", "--digest", verbosity=0)
    assert smtp.messages == []
    assert not Notice.objects.exists()


def test_an_smtp_failure_is_retried_and_delivered_once(world, smtp):
    _follow("gemeente", "dordrecht", "raadslid@papendrecht.nl")
    smtp.refuse = 1
    record_vote(_council("dordrecht"))
    run_worker()
    assert len(smtp.messages) == 4  # outcome, amendment, motion, zienswijze: each once
    notices = Notice.objects.order_by("pk")
    assert {notice.state for notice in notices} == {Notice.State.SENT}
    assert sorted(notice.attempts for notice in notices) == [0, 0, 0, 1]
    returns = [
        r.return_value for r in DBTaskResult.objects.filter(task_path__endswith="send_notices")
    ]
    assert any("retry later" in value for value in returns)


@pytest.mark.django_db
def test_nothing_is_queued_inside_a_test_transaction(dataset, django_capture_on_commit_callbacks):
    """The queue is asked only after the commit (decisions.signals.after_commit)."""
    with django_capture_on_commit_callbacks() as callbacks:
        record_vote(_council("dordrecht"))
    assert any(
        "recorded" in repr(callback) or "after_commit" in callback.__qualname__
        for callback in callbacks
    )


@pytest.mark.django_db
def test_a_notice_left_by_a_stopped_worker_is_sent_later(dataset, settings, mailoutbox):
    """A worker that stopped between claiming and marking leaves the notice 'sending' with a
    claim that runs out: the next round sends it (nothing lost), a fresh claim is left alone."""
    from milestones.alerts.changes import TREATMENTS
    from milestones.alerts.sending import send

    treatment = record_vote(_council("dordrecht"))
    row = treatment.history.order_by("-history_id").first()
    subscription = _follow("gemeente", "dordrecht", "raadslid@papendrecht.nl")
    Subscription.objects.filter(pk=subscription.pk).update(
        confirmed_at=row.history_date - datetime.timedelta(minutes=1)
    )
    now = timezone.now()
    notice = Notice.objects.create(
        subscription=subscription,
        change=f"{TREATMENTS}/{row.history_id}",
        state=Notice.State.SENDING,
        due_at=now + datetime.timedelta(minutes=5),  # still claimed by a live worker
    )
    assert send(Subscription.Frequency.IMMEDIATE, now=now).sent == 0
    Notice.objects.filter(pk=notice.pk).update(due_at=now - datetime.timedelta(seconds=1))
    assert send(Subscription.Frequency.IMMEDIATE, now=now).sent == 1
    assert len(mailoutbox) == 1
    notice.refresh_from_db()
    assert notice.state == Notice.State.SENT
