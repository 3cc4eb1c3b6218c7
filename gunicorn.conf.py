"""gunicorn settings for production (read automatically from the project folder); tune with
PORT, WEB_CONCURRENCY (worker processes) and GUNICORN_THREADS."""

import os

from operations.log import stdout_logging

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = 30
graceful_timeout = 30
# Recycle workers now and then so a slow leak can never take a server down.
max_requests = 2000
max_requests_jitter = 200
# The application logs one line per request with its id; gunicorn's own access log would repeat it.
accesslog = None
errorlog = "-"
logconfig_dict = {
    **stdout_logging(os.environ.get("LOG_FORMAT", "json")),
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
