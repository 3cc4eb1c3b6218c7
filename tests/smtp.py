"""A real SMTP server for tests (aiosmtpd on 127.0.0.1, a free port): the site sends through
Django's SMTP backend, as in production, and the test reads what arrived as parsed messages.

``smtp_server`` points the settings at it; ``smtp_server.messages`` are the mails received
(``email.message.EmailMessage``), ``smtp_server.wait_for(n)`` waits until n have arrived."""

import email
import email.policy
import socket
import threading
import time
from contextlib import contextmanager

import pytest
from aiosmtpd.controller import Controller


class Mailbox:
    def __init__(self):
        self.messages = []
        self.received = threading.Condition()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        with self.received:
            self.messages.append(message)
            self.received.notify_all()
        return "250 OK"

    def wait_for(self, count, timeout=10):
        deadline = time.monotonic() + timeout
        with self.received:
            while len(self.messages) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self.received.wait(left)
        return self.messages

    def to(self, address):
        return [message for message in self.messages if message["To"] == address]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(mailbox, settings):
    """``mailbox`` (an aiosmtpd handler) as an SMTP server on a free port, with the settings
    pointed at it."""
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield mailbox
    finally:
        controller.stop()


@pytest.fixture
def smtp_server(settings):
    with serving(Mailbox(), settings) as mailbox:
        yield mailbox
