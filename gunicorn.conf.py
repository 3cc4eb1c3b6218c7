"""gunicorn settings for production (read automatically from the project folder); tune with
PORT, WEB_CONCURRENCY (worker processes) and GUNICORN_THREADS."""

import gc
import os

from operations.log import stdout_logging

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = 30
graceful_timeout = 30
# Recycle workers now and then so a slow leak can never take a server down, but rarely: each
# recycle closes the worker's keep-alive connections (read errors under load), and a spike of
# cached pages gets through a small limit within seconds. A worker's memory stays flat under
# load once its caches have filled (make bench; docs/performance-notes.md), so a million is a
# safety net and not a routine. The application is loaded once in the master (it opens no
# connection on import), so a new worker is a fork that serves at once instead of one worker
# carrying the load while Django starts.
max_requests = 1000000
max_requests_jitter = 50000
preload_app = True


def pre_fork(server, worker):
    """Move the loaded application's objects (Django, Wagtail, every model and template tag
    module) out of the garbage collector's sight before a worker is forked. They live as long as
    the process, yet each full collection walked them all, a measurable part of a page's render
    (Python's gc.freeze documentation recommends this for forking servers; it also keeps the
    pages shared between the workers)."""
    gc.freeze()


# The application logs one line per request with its id; gunicorn's own access log would repeat it.
accesslog = None
errorlog = "-"
logconfig_dict = {
    **stdout_logging(os.environ.get("LOG_FORMAT", "json")),
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}


def worker_exit(server, worker):
    """Hand the searches this worker counted to the task that stores them (search/hit_counts.py)."""
    from search.hit_counts import flush

    flush()
