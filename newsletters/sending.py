"""Sending an issue through the background queue, never twice to one address.

``queue_issue`` makes a ``Delivery`` row per subscriber (unique per issue and subscriber) and
enqueues ``send_issue``. Each run of the task claims a batch of rows (status "sending", with
the run's own claim, committed) before handing them to the mail server over one connection,
marks each sent right after, and enqueues itself for the next batch at the rate of
NEWSLETTER_MESSAGES_PER_MINUTE. A row still "sending" when a run starts was claimed by a
worker that died mid-batch: whether it went out is unknown, so it becomes "unknown" and is
reported, never sent again."""

import datetime
import logging
import smtplib
import uuid

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Count, Min, Q
from django.utils import timezone
from django_tasks import task

from subscribers.models import Subscriber

from . import bounces
from .models import Delivery, NewsletterIssuePage
from .rendering import IssueMail

logger = logging.getLogger(__name__)

# A refused-for-now message is tried again after this, times its attempts so far.
RETRY_AFTER = datetime.timedelta(minutes=15)
# When the mail server cannot be reached at all, the batch is tried again after this.
SERVER_DOWN_RETRY = datetime.timedelta(minutes=5)
# A run claims a batch at least once a minute; claims older than this belong to a stopped one.
STALLED_AFTER = datetime.timedelta(minutes=10)


def live_languages(issue):
    """The languages in which the issue (English, the source) is published."""
    return set(
        NewsletterIssuePage.objects.live()
        .filter(translation_key=issue.translation_key)
        .values_list("locale__language_code", flat=True)
    )


def waiting_subscribers(issue):
    """Receiving subscribers the issue has not been queued for."""
    return Subscriber.objects.receiving().exclude(
        pk__in=Delivery.objects.filter(issue=issue).values("subscriber_id")
    )


def audience(issue):
    """Per language: (code, subscribers waiting, published in it)."""
    counts = dict(
        waiting_subscribers(issue)
        .values("language")
        .annotate(count=Count("pk"))
        .values_list("language", "count")
    )
    live = live_languages(issue)
    return [(code, counts.get(code, 0), code in live) for code, _name in settings.LANGUAGES]


def queue_issue(issue, english_for=(), send_at=None):
    """Queue the issue for every receiving subscriber not queued yet: in their language where
    it is published, in English for the languages in ``english_for``; the others are held (a
    later send reaches them). Returns how many were queued."""
    live = live_languages(issue)
    default = settings.LANGUAGE_CODE
    rows = []
    for pk, language in waiting_subscribers(issue).values_list("pk", "language").iterator():
        text = language if language in live else (default if language in english_for else None)
        if text:
            rows.append(Delivery(issue=issue, subscriber_id=pk, language=text))
    Delivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    transaction.on_commit(lambda: enqueue(issue.pk, send_at))
    return len(rows)


def enqueue(issue_id, run_after=None):
    if run_after is not None and send_issue.get_backend().supports_defer:
        send_issue.using(run_after=run_after).enqueue(issue_id)
    else:
        send_issue.enqueue(issue_id)


def still_sending(issue_id):
    """Whether a run has claimed messages of the issue lately and may still be sending them."""
    return Delivery.objects.filter(
        issue_id=issue_id,
        status=Delivery.SENDING,
        claimed_at__gt=timezone.now() - STALLED_AFTER,
    ).exists()


def due(issue_id, now):
    return Delivery.objects.filter(issue_id=issue_id).filter(
        Q(status=Delivery.QUEUED) | Q(status=Delivery.RETRY, not_before__lte=now)
    )


def mark(delivery, status, response="", **fields):
    Delivery.objects.filter(pk=delivery.pk).update(
        status=status, response=str(response)[:300], **fields
    )


class Batch:
    """One run's rows, sent over one connection."""

    def __init__(self, issue_id):
        self.issue_id = issue_id
        self.mails = {}
        self.connection = None

    def mail_in(self, language):
        """The issue's live text in ``language``, or None if it is not published (any more)."""
        if language not in self.mails:
            issue = NewsletterIssuePage.objects.get(pk=self.issue_id)
            page = (
                NewsletterIssuePage.objects.live()
                .filter(translation_key=issue.translation_key, locale__language_code=language)
                .first()
            )
            self.mails[language] = IssueMail(page) if page else None
        return self.mails[language]

    def open(self):
        if self.connection is None:
            self.connection = get_connection(fail_silently=False)
            self.connection.open()
        return self.connection

    def close(self):
        if self.connection is not None:
            try:
                self.connection.close()
            finally:
                self.connection = None

    def send(self, delivery):
        """Send one claimed row and record what the mail server said."""
        subscriber = delivery.subscriber
        if subscriber.status != Subscriber.SUBSCRIBED:
            return mark(delivery, Delivery.SKIPPED)
        mail = self.mail_in(delivery.language)
        if mail is None:
            return mark(delivery, Delivery.HELD)
        message = mail.message(subscriber, self.open())
        try:
            message.send()
        except smtplib.SMTPRecipientsRefused as error:
            code, answer = next(iter(error.recipients.values()))
            return self.refused(delivery, code, answer)
        except smtplib.SMTPSenderRefused:
            raise  # the server refuses us, not this address: the run stops (see send_issue)
        except smtplib.SMTPResponseException as error:
            return self.refused(delivery, error.smtp_code, error.smtp_error)
        except OSError as error:
            # Cut off mid-message: it may have arrived. Not sent again.
            self.close()
            return mark(delivery, Delivery.UNKNOWN, type(error).__name__)
        mark(delivery, Delivery.SENT, "250", sent_at=timezone.now(), attempts=delivery.attempts + 1)
        bounces.delivered(subscriber)

    def refused(self, delivery, code, answer):
        answer = (
            f"{code} {answer.decode(errors='replace') if isinstance(answer, bytes) else answer}"
        )
        attempts = delivery.attempts + 1
        subscriber = Subscriber.objects.filter(pk=delivery.subscriber_id)
        if 400 <= code < 500 and not bounces.soft_bounce(subscriber):
            retry_at = timezone.now() + RETRY_AFTER * attempts
            return mark(delivery, Delivery.RETRY, answer, attempts=attempts, not_before=retry_at)
        if code >= 500:
            bounces.hard_bounce(subscriber)
        mark(delivery, Delivery.FAILED, answer, attempts=attempts)


def batch_size():
    return max(1, min(settings.NEWSLETTER_BATCH_SIZE, settings.NEWSLETTER_MESSAGES_PER_MINUTE))


@task()
def send_issue(issue_id):
    started = timezone.now()
    interrupted = Delivery.objects.filter(issue_id=issue_id, status=Delivery.SENDING).update(
        status=Delivery.UNKNOWN, response="interrupted"
    )
    if interrupted:
        logger.warning(
            "Issue %s: %s messages were being sent when a worker stopped; not sent again",
            issue_id,
            interrupted,
        )
    claim = uuid.uuid4().hex
    ids = list(due(issue_id, started).order_by("pk").values_list("pk", flat=True)[: batch_size()])
    # Committed before any message goes out (the task runs outside a transaction).
    Delivery.objects.filter(pk__in=ids, status__in=Delivery.TO_SEND).update(
        status=Delivery.SENDING, claim=claim, claimed_at=started
    )
    claimed = (
        Delivery.objects.filter(claim=claim, status=Delivery.SENDING)
        .select_related("subscriber")
        .prefetch_related("subscriber__areas")
        .order_by("pk")
    )
    batch = Batch(issue_id)
    sent = 0
    try:
        for delivery in claimed:
            batch.send(delivery)
            sent += 1
    except OSError as error:  # the server cannot be reached, or refuses our sender
        Delivery.objects.filter(claim=claim, status=Delivery.SENDING).update(
            status=Delivery.QUEUED, claim=""
        )
        logger.warning("Issue %s: the mail server failed (%s)", issue_id, type(error).__name__)
        return schedule_next(issue_id, timezone.now() + SERVER_DOWN_RETRY, must_wait=True)
    finally:
        batch.close()
    logger.info("Issue %s: %s messages handled", issue_id, sent)
    pace = datetime.timedelta(minutes=sent / settings.NEWSLETTER_MESSAGES_PER_MINUTE)
    return schedule_next(issue_id, started + pace)


def schedule_next(issue_id, earliest, must_wait=False):
    """Enqueue the next run if anything is left: at ``earliest``, or when the first message
    refused for now may be tried again. A backend that cannot wait (ImmediateBackend, in tests
    and development) goes on at once unless ``must_wait``; messages refused for now wait there
    for the next send."""
    rows = Delivery.objects.filter(issue_id=issue_id)
    if rows.filter(status=Delivery.QUEUED).exists():
        at = earliest
    else:
        retry = rows.filter(status=Delivery.RETRY).aggregate(at=Min("not_before"))["at"]
        if retry is None:
            return False
        at = max(earliest, retry)
    if send_issue.get_backend().supports_defer:
        send_issue.using(run_after=at).enqueue(issue_id)
    elif not must_wait and rows.filter(status=Delivery.QUEUED).exists():
        send_issue.enqueue(issue_id)
    return True
