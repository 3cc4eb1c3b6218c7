import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import Group

from tests.smtp import Mailbox, free_port


class Refusing(Mailbox):
    """A mail server that answers RCPT with ``answers[address]`` (e.g. "550 No such user"),
    one answer a time from a list, instead of accepting it."""

    def __init__(self):
        super().__init__()
        self.answers = {}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        answers = self.answers.get(address)
        if answers:
            return answers.pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def mail_server(settings):
    """Like tests.smtp's ``smtp_server``, and ``mail_server.answers[address] = ["550 ..."]``
    makes it refuse an address."""
    mailbox = Refusing()
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
def member_of(django_user_model):
    """``member_of("Moderators")``: a new user in that group."""

    def make(group):
        user = django_user_model.objects.create_user(group.split()[0].lower(), "x@example.org")
        user.groups.add(Group.objects.get(name=group))
        return user

    return make
