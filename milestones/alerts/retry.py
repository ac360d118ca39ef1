"""How long to wait before sending again after the SMTP server failed."""

from __future__ import annotations

import datetime

from django.conf import settings


def retry_delay(attempt: int) -> datetime.timedelta | None:
    """How long to wait before attempt `attempt` + 1 (ALERTS_RETRY_SECONDS, growing); None
    when there is no attempt left."""
    delays = settings.ALERTS_RETRY_SECONDS
    if attempt > len(delays):
        return None
    return datetime.timedelta(seconds=delays[attempt - 1])
