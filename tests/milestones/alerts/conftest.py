"""The alerts' world: a real SMTP server (aiosmtpd) that Django sends to, and the dataset
committed for the background worker."""

import pytest

from gr_portal.dataset import load_dataset
from tests.milestones.alerts.smtp import PORTAL, Inbox, SmtpServer


@pytest.fixture
def smtp(settings):
    """A real SMTP server for the whole test; Django sends to it, with links to PORTAL."""
    inbox = Inbox()
    with SmtpServer(inbox) as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_USE_TLS = False
        settings.PORTAL_URL = PORTAL
        settings.ALERTS_RETRY_SECONDS = [0, 0]
        yield inbox


@pytest.fixture
def world(transactional_db):
    """The dataset committed: the worker reads what the request committed."""
    load_dataset()
