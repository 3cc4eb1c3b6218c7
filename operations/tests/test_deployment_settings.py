"""Optional services switch on only when their environment variables are set."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

# Loads the settings in a fresh interpreter (they are read from the environment at import) and
# prints what the deployment depends on.
PROBE = """
import json, sys
import django
from django.conf import settings
django.setup()
from django.core.files.storage import storages
print(json.dumps({
    "cache": settings.CACHES["default"]["BACKEND"],
    "session_engine": settings.SESSION_ENGINE,
    "media_storage": type(storages["default"]).__name__,
    "media_bucket": getattr(storages["default"], "bucket_name", None),
    "media_url": storages["default"].url("original_images/a.jpg"),
    "static_storage": settings.STORAGES["staticfiles"]["BACKEND"],
    "log_formatter": settings.LOGGING["handlers"]["console"]["formatter"],
    "conn_max_age": settings.DATABASES["default"]["CONN_MAX_AGE"],
    "conn_health_checks": settings.DATABASES["default"]["CONN_HEALTH_CHECKS"],
    "database_options": settings.DATABASES["default"].get("OPTIONS", {}),
    "sentry_imported": "sentry_sdk" in sys.modules,
    "sentry_active": "sentry_sdk" in sys.modules and sys.modules["sentry_sdk"].get_client().is_active(),
}))
"""

SERVICE_VARIABLES = {
    "REDIS_URL",
    "SENTRY_DSN",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_CUSTOM_DOMAIN",
    "AWS_LOCATION",
    "LOG_FORMAT",
    "DATABASE_URL",
    "DEBUG",
}


def settings_with(module, **variables):
    env = {k: v for k, v in os.environ.items() if k not in SERVICE_VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE=module,
        SECRET_KEY="a-long-random-production-key-for-the-settings-tests",
        **variables,
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_without_optional_services():
    found = settings_with("site_config.settings.production")
    assert found["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert found["session_engine"] == "django.contrib.sessions.backends.db"
    assert found["media_storage"] == "FileSystemStorage"
    assert found["static_storage"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert found["log_formatter"] == "json"
    assert found["conn_max_age"] == 60 and found["conn_health_checks"] is True
    assert found["sentry_imported"] is False


def test_production_with_redis_object_storage_and_sentry():
    found = settings_with(
        "site_config.settings.production",
        REDIS_URL="redis://127.0.0.1:6379/2",
        AWS_STORAGE_BUCKET_NAME="baltic-media",
        AWS_S3_ENDPOINT_URL="https://objects.example.org",
        AWS_S3_CUSTOM_DOMAIN="media.balticregion.example",
        SENTRY_DSN="https://public@sentry.example.org/1",
    )
    assert found["cache"] == "operations.cache.TolerantRedisCache"
    assert found["session_engine"] == "django.contrib.sessions.backends.cached_db"
    assert found["media_storage"] == "S3Storage"
    assert found["media_bucket"] == "baltic-media"
    # Plain URLs on the media domain (no expiring signatures in cached pages).
    assert found["media_url"] == "https://media.balticregion.example/media/original_images/a.jpg"
    assert found["sentry_active"] is True


def test_postgresql_prepares_repeated_queries_unless_a_pooler_forbids_it():
    postgres = "postgres://baltic@db.example.org:5432/baltic"
    assert settings_with("site_config.settings.production", DATABASE_URL=postgres)[
        "database_options"
    ] == {
        "server_side_binding": True,
        "prepare_threshold": 5,
    }
    behind_pooler = settings_with(
        "site_config.settings.production", DATABASE_URL=postgres, DB_PREPARED_STATEMENTS="false"
    )
    assert behind_pooler["database_options"] == {}
    # SQLite has neither; its writers wait for each other instead (tests/test_sqlite_concurrency.py).
    assert settings_with("site_config.settings.production")["database_options"] == {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL;",
    }


def test_development_logs_text_unless_asked_for_json():
    assert settings_with("site_config.settings.dev")["log_formatter"] == "text"
    assert settings_with("site_config.settings.dev", LOG_FORMAT="json")["log_formatter"] == "json"


def test_every_environment_variable_the_settings_read_is_documented():
    documented = (BASE_DIR / "docs" / "deploy.md").read_text()
    sources = [*(BASE_DIR / "site_config" / "settings").glob("*.py"), BASE_DIR / "gunicorn.conf.py"]
    pattern = re.compile(
        r"""(?:os\.environ(?:\.get)?[\[(]|env_bool\(|env_list\()\s*["']([A-Z_]+)["']"""
    )
    read = {name for source in sources for name in pattern.findall(source.read_text())}
    # The pattern finds what it should (DATABASE_URL is read by dj-database-url, not here).
    assert {"SECRET_KEY", "REDIS_URL", "SENTRY_DSN", "AWS_STORAGE_BUCKET_NAME", "PORT"} <= read
    missing = sorted(name for name in read if f"`{name}`" not in documented)
    assert not missing, f"add these to the table in docs/deploy.md: {missing}"
