"""What the decisions app tells the apps above it, without importing them.

``recorded`` is sent after the commit of every write by a clerk or the programmabureau that
may change what a decision's followers should hear of (a treatment's outcome, meeting or text
version, an amendment, a motion, a zienswijze): milestones.alerts listens, and queues its
background work. A receiver that fails does not undo the write (it is already committed).
"""

from django.dispatch import Signal

#: Sent with ``decision_id`` after the commit.
recorded = Signal()


def after_commit(decision_id: int) -> None:
    """Send ``recorded`` once the current transaction commits (at once outside one)."""
    from django.db import transaction

    transaction.on_commit(lambda: recorded.send_robust(sender=None, decision_id=decision_id))
