import pytest
from django.contrib.auth.models import Group

from tests.smtp import Mailbox, serving


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
    with serving(Refusing(), settings) as mailbox:
        yield mailbox


@pytest.fixture
def member_of(django_user_model):
    """``member_of("Moderators")``: a new user in that group."""

    def make(group):
        user = django_user_model.objects.create_user(group.split()[0].lower(), "x@example.org")
        user.groups.add(Group.objects.get(name=group))
        return user

    return make
