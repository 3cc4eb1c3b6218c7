"""gunicorn settings for production (read automatically from the project folder); tune with
PORT, WEB_CONCURRENCY (worker processes) and GUNICORN_THREADS."""

import os

from operations.log import stdout_logging

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = 30
graceful_timeout = 30
# Recycle workers now and then so a slow leak can never take a server down, but rarely: a spike
# of cached pages (1,000 a second and more per worker) restarted them every few seconds at 2,000,
# dropping keep-alive connections (make bench: up to 55 read errors in 8 s). The application is
# loaded once in the master (it opens no connection on import), so a new worker is a fork that
# serves at once instead of one worker carrying the load for the seconds Django takes to start.
max_requests = 100000
max_requests_jitter = 10000
preload_app = True
# The application logs one line per request with its id; gunicorn's own access log would repeat it.
accesslog = None
errorlog = "-"
logconfig_dict = {
    **stdout_logging(os.environ.get("LOG_FORMAT", "json")),
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
