"""The office's notification of a form's answers, sent by the task queue rather than in the
visitor's request (issue 25): a failing mail server no longer turns a stored answer into a 500
(which made visitors send it again, and stored it again), and the mail is tried again later.

The task is given the submission's number, not the answers, so the queue keeps no personal data
and an answer purged before the mail goes out is not sent."""

import logging

from django.db import transaction
from wagtail.contrib.forms.models import FormSubmission

from core.mail import already_sent, mail_task, remember_sent, send_or_retry

logger = logging.getLogger(__name__)


def notification_key(submission_id):
    return f"form-submission-{submission_id}"


def queue_notification(submission):
    transaction.on_commit(lambda: send_submission_notification.enqueue(submission.pk))


@mail_task
def send_submission_notification(submission_id, attempt=1):
    key = notification_key(submission_id)
    submission = FormSubmission.objects.filter(pk=submission_id).select_related("page").first()
    if submission is None or already_sent(key):
        return False
    page = submission.page.specific
    if not page.to_address:
        return False
    send_or_retry(
        lambda: page.send_mail(page.answered_form(submission)),
        send_submission_notification,
        {"submission_id": submission_id, "attempt": attempt},
        key,
    )
    remember_sent(key)
    logger.info("Sent the notification of %s", key)
    return True
