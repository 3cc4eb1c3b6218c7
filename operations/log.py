"""Request ids and JSON log lines. Plain standard library, so gunicorn can use the formatter
before Django is set up."""

import contextvars
import copy
import json
import logging
from datetime import UTC, datetime

current_request_id = contextvars.ContextVar("current_request_id", default=None)

# Attributes every LogRecord has; anything else on a record came from `extra=` and is logged.
_STANDARD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}
# Django's request loggers pass the request object itself; its address is already in the message.
_SKIPPED_EXTRAS = {"request", "request_id"}


def forget_request_id(**kwargs):
    current_request_id.set(None)


def install_request_id_record_factory():
    """Stamp every log record with the id of the request it was made in, whatever handler
    (console, Sentry, a test's capture) receives it."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "adds_request_id", False):
        return

    def factory(*args, **kwargs):
        record = previous(*args, **kwargs)
        record.request_id = current_request_id.get()
        return record

    factory.adds_request_id = True
    logging.setLogRecordFactory(factory)


class TextFormatter(logging.Formatter):
    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")

    def format(self, record):
        # Other handlers share the record: mark the missing id on a copy.
        record = copy.copy(record)
        record.request_id = getattr(record, "request_id", None) or "-"
        return super().format(record)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id, the record's extra
    fields and, for errors, the traceback."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRIBUTES and key not in _SKIPPED_EXTRAS:
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def stdout_logging(log_format):
    """The dictConfig parts shared by Django's settings and gunicorn.conf.py: one console
    handler on stdout with our text or JSON formatter."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "text": {"()": "operations.log.TextFormatter"},
            "json": {"()": "operations.log.JsonFormatter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": log_format,
            }
        },
    }
