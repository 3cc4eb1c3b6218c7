"""E-mail to visitors, sent by the background queue (django-tasks), never in the request: a
slow or failing mail server then holds up no page, and a failed send is tried again.

``queue_mail`` hands the mail on once the transaction that caused it commits (a sign-up rolled
back sends nothing). The task renders ``<template>_subject.txt`` and ``<template>_body.txt`` in
the recipient's language and sends them; its ``key`` makes a retried task (or a second enqueue)
send the mail once only (``SentMail``).

django-tasks does not retry a task (issue 25): ``send_or_retry`` enqueues the task again after
RETRY_DELAYS when the mail server fails, then gives up with an error in the log."""

import datetime
import logging

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

logger = logging.getLogger(__name__)

# After the first failed attempt, how long until each next one; then the mail is given up.
RETRY_DELAYS = [datetime.timedelta(minutes=minutes) for minutes in (1, 5, 15, 60)]


# The module paths of the tasks that send mail, for /healthz (operations.health).
MAIL_TASKS = []


def mail_task(function):
    """A django-tasks task that sends mail (with ``send_or_retry``)."""
    mail = task()(function)
    MAIL_TASKS.append(mail)
    return mail


def mail_task_paths():
    return [mail.module_path for mail in MAIL_TASKS]


class MailNotSent(Exception):
    """The mail server refused the mail or could not be reached. Raised instead of smtplib's
    error, whose text may hold the recipients' addresses, so that the task's stored result
    and the worker's log say nothing personal."""


def send_or_retry(send, task, kwargs, what):
    """Call ``send()``. When the mail server fails, enqueue ``task`` with ``kwargs`` again after
    the next of RETRY_DELAYS (its ``attempt`` counts them), or give up after the last, and
    raise ``MailNotSent``: the attempt is then a failed task, which /healthz reports.

    ``what`` names the mail in the log, without personal data."""
    attempt = kwargs.get("attempt", 1)
    try:
        send()
        return
    except OSError as error:  # smtplib's errors, refused connections and timeouts
        failure = type(error).__name__
    # A backend that cannot defer (ImmediateBackend, in development) would retry at once.
    if attempt <= len(RETRY_DELAYS) and task.get_backend().supports_defer:
        delay = RETRY_DELAYS[attempt - 1]
        task.using(run_after=timezone.now() + delay).enqueue(**{**kwargs, "attempt": attempt + 1})
        logger.warning(
            "The mail %s was not sent (attempt %s, %s); trying again in %s",
            what,
            attempt,
            failure,
            delay,
        )
    else:
        logger.error("Gave up sending the mail %s after %s attempts (%s)", what, attempt, failure)
    raise MailNotSent(f"{what}: {failure}") from None


def remember_sent(key):
    """Note that the mail ``key`` was sent, so that it is not sent again."""
    from .models import SentMail

    try:
        SentMail.objects.create(key=key)
    except IntegrityError:
        # Sent twice at the same moment by two workers: nothing more to do.
        logger.warning("The mail %s was sent by two tasks at once", key)


def already_sent(key):
    from .models import SentMail

    return SentMail.objects.filter(key=key).exists()


def queue_mail(template, to, language, context, attachments=(), key=None):
    """Send the mail made from ``template`` to ``to`` in ``language`` once the current
    transaction commits. ``context`` must be JSON: datetimes go in ``context["dates"]`` as
    ISO strings (``mail_dates``), shown in the recipient's language and Helsinki's time.
    ``attachments``: (file name, text, MIME type) each."""
    transaction.on_commit(
        lambda: send_templated_mail.enqueue(
            template=template,
            to=to,
            language=language,
            context=context,
            attachments=[list(attachment) for attachment in attachments],
            key=key,
        )
    )


def mail_dates(**moments):
    """``context["dates"]`` for ``queue_mail``: the datetimes (or None) as ISO strings."""
    return {name: moment.isoformat() if moment else None for name, moment in moments.items()}


def render_mail(template, language, context):
    """(subject, body) of the mail in ``language``."""
    dates = {
        name: datetime.datetime.fromisoformat(value) if value else None
        for name, value in context.get("dates", {}).items()
    }
    with translation.override(language), timezone.override("Europe/Helsinki"):
        full = {**context, **dates}
        subject = render_to_string(f"{template}_subject.txt", full).strip()
        body = render_to_string(f"{template}_body.txt", full)
    return " ".join(subject.split()), body


@mail_task
def send_templated_mail(template, to, language, context, attachments=(), key=None, attempt=1):
    if key and already_sent(key):
        return False
    subject, body = render_mail(template, language, context)
    message = EmailMessage(subject, body, to=[to])
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    kwargs = {
        "template": template,
        "to": to,
        "language": language,
        "context": context,
        "attachments": attachments,
        "key": key,
        "attempt": attempt,
    }
    send_or_retry(message.send, send_templated_mail, kwargs, key or template)
    if key:
        remember_sent(key)
    # The recipient's address is personal data: not in the logs.
    logger.info("Sent the mail %s", template)
    return True
