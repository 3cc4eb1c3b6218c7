"""E-mail to visitors, sent by the background queue (django-tasks), never in the request: a
slow or failing mail server then holds up no page, and a failed send is retried by the queue.

``queue_mail`` hands the mail on once the transaction that caused it commits (a sign-up rolled
back sends nothing). The task renders ``<template>_subject.txt`` and ``<template>_body.txt`` in
the recipient's language and sends them; its ``key`` makes a retried task (or a second enqueue)
send the mail once only (``SentMail``)."""

import datetime
import logging

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

logger = logging.getLogger(__name__)


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


@task()
def send_templated_mail(template, to, language, context, attachments=(), key=None):
    from .models import SentMail

    if key and SentMail.objects.filter(key=key).exists():
        return False
    subject, body = render_mail(template, language, context)
    message = EmailMessage(subject, body, to=[to])
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    message.send()
    if key:
        try:
            SentMail.objects.create(key=key)
        except IntegrityError:
            # Sent twice at the same moment by two workers: nothing more to do.
            logger.warning("The mail %s was sent by two tasks at once", key)
    # The recipient's address is personal data: not in the logs.
    logger.info("Sent the mail %s", template)
    return True
