"""Joining (double opt-in), confirming, changing preferences, leaving, importing a list, and a
subscriber's data: exported as JSON or erased (issue 24)."""

import csv
import datetime
import io
import json
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext, ngettext
from django_tasks_db.models import DBTaskResult

from core.mail import queue_mail

from . import links
from .forms import english_areas
from .models import ErasedAddress, Subscriber

# Statuses a subscriber asked for themselves, or the mail server reported: an import keeps away.
LEFT = (Subscriber.UNSUBSCRIBED, Subscriber.BOUNCED, Subscriber.COMPLAINED)


def normalised(email):
    return email.strip().lower()


def address_digest(email):
    return salted_hmac("subscribers.erased", normalised(email)).hexdigest()


def mail(subscriber, kind, **context):
    # A key per mail: asking twice sends twice, a retried task sends once.
    queue_mail(
        f"subscribers/mail/{kind}",
        subscriber.email,
        subscriber.language,
        context,
        key=f"subscriber:{subscriber.pk}:{kind}:{secrets.token_hex(8)}",
    )


# However often the form is sent for one address, at most one mail per this time.
MAIL_AGAIN_AFTER = datetime.timedelta(minutes=15)


def ask_to_subscribe(email, language, area_slugs, consent_text, source):
    """A visitor asked for the newsletter: the confirmation mail for a new, waiting or former
    subscriber, a reminder with the preferences link for a current one. The caller answers the
    same whatever happened, so the form does not tell who is on the list."""
    with transaction.atomic():
        subscriber, created = Subscriber.objects.select_for_update().get_or_create(
            email=normalised(email),
            defaults={"language": language, "consent_text": consent_text, "source": source},
        )
        now = timezone.now()
        if subscriber.mailed_at and subscriber.mailed_at > now - MAIL_AGAIN_AFTER:
            return subscriber
        subscriber.mailed_at = now
        if subscriber.status == Subscriber.SUBSCRIBED:
            subscriber.save(update_fields=["mailed_at"])
            mail(
                subscriber,
                "already_subscribed",
                preferences_url=links.link(subscriber, links.PREFERENCES),
            )
            return subscriber
        # Waiting or gone: what they were shown now is what they confirm.
        subscriber.status = Subscriber.PENDING
        subscriber.language = language
        subscriber.consent_text = consent_text
        subscriber.source = source
        subscriber.save()
        subscriber.areas.set(english_areas(area_slugs))
        mail(
            subscriber,
            "confirm",
            confirm_url=links.link(subscriber, links.CONFIRM),
            max_days=links.CONFIRM_MAX_AGE // (24 * 3600),
        )
    return subscriber


def confirm(subscriber):
    """True when this confirmed a waiting subscription; a left subscriber must ask again."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status != Subscriber.PENDING:
            return False
        subscriber.status = Subscriber.SUBSCRIBED
        subscriber.confirmed_at = timezone.now()
        subscriber.left_at = None
        subscriber.save(update_fields=["status", "confirmed_at", "left_at"])
        ErasedAddress.objects.filter(digest=address_digest(subscriber.email)).delete()
    return True


def set_preferences(subscriber, language, area_slugs):
    subscriber.language = language
    subscriber.save(update_fields=["language"])
    subscriber.areas.set(english_areas(area_slugs))


def unsubscribe(subscriber):
    """Leave the list; nothing changes for one who already left, bounced or complained."""
    updated = Subscriber.objects.filter(
        pk=subscriber.pk, status__in=[Subscriber.PENDING, Subscriber.SUBSCRIBED]
    ).update(status=Subscriber.UNSUBSCRIBED, left_at=timezone.now())
    return bool(updated)


# Importing -------------------------------------------------------------------------------

YES = {"1", "true", "yes", "y", "x", "kyllä", "k", "да"}


@dataclass
class ImportReport:
    added: int = 0
    already: int = 0
    skipped: list = field(default_factory=list)  # (row number, reason)

    def lines(self):
        yield ngettext("%(count)s address added", "%(count)s addresses added", self.added) % {
            "count": self.added
        }
        yield ngettext(
            "%(count)s address was already on the list",
            "%(count)s addresses were already on the list",
            self.already,
        ) % {"count": self.already}
        for row, reason in self.skipped:
            yield gettext("Row %(row)s skipped: %(reason)s") % {"row": row, "reason": reason}


class UnreadableList(ValueError):
    """The file cannot be read as a list at all."""


def read_csv(content):
    """The rows of a CSV file as dicts with lower-case column names. UTF-8 (with or without
    the BOM Excel writes); comma, semicolon or tab between columns."""
    try:
        text = content.decode("utf-8-sig") if isinstance(content, bytes) else content
    except UnicodeDecodeError:
        raise UnreadableList(gettext("The file is not UTF-8 text. Save it as CSV UTF-8.")) from None
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    reader.fieldnames = [(name or "").strip().lower() for name in reader.fieldnames or []]
    if "email" not in reader.fieldnames:
        raise UnreadableList(gettext("The file has no column named email."))
    return reader


def confirmation_of(row):
    """(confirmed, when) of a row: a true ``confirmed`` cell or a date in ``confirmed_at``."""
    value = (row.get("confirmed_at") or "").strip()
    when = None
    if value:
        when = parse_datetime(value)
        if when is None and parse_date(value):
            when = datetime.datetime.combine(parse_date(value), datetime.time())
        if when is None:
            raise ValueError(gettext("confirmed_at is not a date (YYYY-MM-DD)"))
        if timezone.is_naive(when):
            when = timezone.make_aware(when)
    confirmed = when is not None or (row.get("confirmed") or "").strip().lower() in YES
    return confirmed, when


def import_subscribers(content, source):
    """Add the confirmed rows of a CSV file as subscribers. Idempotent: an address already
    here is left as it is, and one that left, bounced, complained or was erased here is never
    added back."""
    report = ImportReport()
    languages = {code for code, _name in settings.LANGUAGES}
    # Row 1 is the header, as a spreadsheet numbers it.
    for number, row in enumerate(read_csv(content), start=2):
        email = normalised(row.get("email") or "")
        try:
            validate_email(email)
        except ValidationError:
            report.skipped.append((number, gettext("not a valid e-mail address")))
            continue
        try:
            confirmed, confirmed_at = confirmation_of(row)
        except ValueError as error:
            report.skipped.append((number, str(error)))
            continue
        if not confirmed:
            report.skipped.append((number, gettext("not marked as confirmed")))
            continue
        language = (row.get("language") or "").strip().lower() or settings.LANGUAGE_CODE
        if language not in languages:
            report.skipped.append((number, gettext("unknown language %s") % language))
            continue
        existing = Subscriber.objects.filter(email=email).first()
        if existing and existing.status in LEFT:
            report.skipped.append(
                (number, gettext("left the list here (%s): not added again") % existing.status)
            )
            continue
        if existing:
            report.already += 1
            continue
        if ErasedAddress.objects.filter(digest=address_digest(email)).exists():
            report.skipped.append((number, gettext("erased here at their request")))
            continue
        slugs = (row.get("areas") or "").replace(",", " ").split()
        with transaction.atomic():
            subscriber = Subscriber.objects.create(
                email=email,
                language=language,
                status=Subscriber.SUBSCRIBED,
                confirmed_at=confirmed_at,
                consent_text=(row.get("consent") or "").strip(),
                source=source[:255],
            )
            subscriber.areas.set(english_areas(slugs))
        report.added += 1
    return report


def import_source(file_name, who, note=""):
    """What ``source`` records of an import: the file, the day and who imported it."""
    parts = [gettext("Import"), file_name, timezone.localdate().isoformat(), who]
    if note:
        parts.append(note)
    return ", ".join(part for part in parts if part)


# A subscriber's data -----------------------------------------------------------------------


def mail_tasks_of(email):
    """The queued or finished mail tasks whose arguments hold the address."""
    return DBTaskResult.objects.filter(args_kwargs__kwargs__to=normalised(email))


def export_data(subscriber):
    return {
        "email": subscriber.email,
        "status": subscriber.status,
        "language": subscriber.language,
        "areas": sorted(subscriber.areas.values_list("slug", flat=True)),
        "consent_text": subscriber.consent_text,
        "source": subscriber.source,
        "asked_to_subscribe": subscriber.created,
        "confirmed_at": subscriber.confirmed_at,
        "left_at": subscriber.left_at,
        "soft_bounces_in_a_row": subscriber.bounces,
        "mails_in_the_queue_records": mail_tasks_of(subscriber.email).count(),
    }


def export_json(subscriber):
    return json.dumps(export_data(subscriber), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def erase(email):
    """Delete the subscriber of ``email`` and the mail records holding the address; keep only
    a keyed hash of it, so that an import does not bring it back. Returns what was deleted,
    as {model label: count}."""
    email = normalised(email)
    deleted = {}
    with transaction.atomic():
        subscriber = Subscriber.objects.filter(email=email).first()
        if subscriber is not None:
            _total, by_model = subscriber.delete()
            deleted.update(by_model)
            ErasedAddress.objects.get_or_create(digest=address_digest(email))
        count, _by_model = mail_tasks_of(email).delete()
        if count:
            deleted[DBTaskResult._meta.label] = count
    return {label: count for label, count in deleted.items() if count}
