# The app server image: gunicorn with production settings, static files collected (hashed, served
# by whitenoise), interface translations compiled. One image runs the app servers, the migrations
# and the scheduled-publishing worker (see compose.yaml and docs/deploy.md).
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=site_config.settings.production \
    PORT=8000

# gettext compiles the translations; postgresql-client gives pg_dump/pg_restore to backup_site.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 app

WORKDIR /app
# Production dependencies only; the test and lint tools are in requirements-dev.lock.
COPY requirements.lock .
RUN pip install --no-cache-dir -r requirements.lock

COPY --chown=app:app . .
RUN python manage.py compilemessages --ignore=.venv -v0 \
    && SECRET_KEY=only-for-collectstatic python manage.py collectstatic --noinput -v0

USER app
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"
# Worker processes and threads: WEB_CONCURRENCY and GUNICORN_THREADS (gunicorn.conf.py).
CMD ["gunicorn", "site_config.wsgi"]
