"""After a clerk's write (decisions.signals.recorded): queue the collection of notices."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


def queue_collect(sender, decision_id: int, **kwargs) -> None:
    from milestones.alerts.tasks import collect_changes

    try:
        collect_changes.enqueue()
    except Exception:  # the queue away: the periodic `send_alerts` catches up
        logger.warning("Could not queue the alerts after a change of decision %s", decision_id)
