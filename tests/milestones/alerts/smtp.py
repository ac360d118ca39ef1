"""A real SMTP server for the tests (aiosmtpd), on a free local port: it keeps every message it
accepts, and can refuse the first ones with a temporary error (451)."""

from __future__ import annotations

import email
import socket
from email.header import decode_header, make_header
from email.message import Message

from aiosmtpd.controller import Controller


class Inbox:
    def __init__(self, refuse: int = 0):
        self.messages: list[Message] = []
        self.refuse = refuse

    async def handle_DATA(self, server, session, envelope):
        if self.refuse > 0:
            self.refuse -= 1
            return "451 4.3.0 Try again later"
        self.messages.append(email.message_from_bytes(envelope.original_content))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpServer:
    def __init__(self, inbox: Inbox):
        self.inbox = inbox
        self.port = free_port()
        self.controller = Controller(inbox, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()


PORTAL = "https://grportal.example.nl"


def run_worker():
    """The embedded default's worker, as `make run` starts it: every queued task, then exit."""
    from django.core.management import call_command

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def parts(message) -> dict[str, str]:
    """A message's text parts by content type."""
    return {
        part.get_content_type(): part.get_payload(decode=True).decode()
        for part in message.walk()
        if not part.is_multipart()
    }


def header(message, name: str) -> str:
    """A header as one line of text (long ones arrive folded, others encoded, RFC 2047)."""
    text = str(make_header(decode_header(str(message[name]))))
    return " ".join(text.split())
