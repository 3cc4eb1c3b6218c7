"""Settings shared by every environment; everything that differs per deployment comes from
the environment (see the configuration table in README.md)."""

import os
import zoneinfo
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

from operations.log import stdout_logging

# --- Paths and environment ------------------------------------------------------------------

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# --- Applications, middleware and templates -------------------------------------------------

INSTALLED_APPS = [
    "site_config",
    "core",
    "home",
    "editorial",
    "culture",
    "publications",
    "events",
    "search",
    "operations",
    "contact_forms",
    "registrations",
    "subscribers",
    "newsletters",
    "axes",
    "staff_signin",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "performance",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "django_tasks",
    "django_tasks_db",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]
# wagtail.contrib.frontend_cache is added below when a CDN or proxy is configured.

MIDDLEWARE = [
    # First, so every log line of a request carries its id and /healthz is answered before host
    # checks, HTTPS redirects and sessions.
    "operations.middleware.RequestIdMiddleware",
    "operations.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # CSP (looser for /admin/) and Permissions-Policy.
    "operations.security.ContentSecurityPolicyMiddleware",
    "operations.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Reads the content version before anything else is read (core/caching.py).
    "core.caching.ContentVersionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Page cache: after the locale (part of the key), before CSRF (see there).
    "performance.page_cache.AnonymousPageCacheMiddleware",
    # Pages compressed for anonymous visitors only (why: performance/compression.py): inside the
    # page cache, which keeps the compressed copy, so a hit costs no compression.
    "performance.compression.AnonymousGZipMiddleware",
    "operations.request_checks.RejectNullCharactersMiddleware",
    "operations.request_checks.MalformedFormPostMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Which second factor, if any, this session passed (django-otp).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "staff_signin.middleware.SecondFactorGate",
    # Knows who is behind each write and makes state-changing requests all-or-nothing, for the
    # rule that nothing reaches visitors unreviewed (editorial/review_guard.py).
    "editorial.review_guard.ReviewGuardMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # django-axes answers locked-out sign-ins; must stay last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "site_config.urls"
WSGI_APPLICATION = "site_config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DB_PREPARED_STATEMENTS", True
):
    # Parameters bound by the server, so that psycopg can prepare a query it has sent five times
    # on a connection: PostgreSQL then skips parsing and planning it again, a good part of a
    # page's database time (docs/performance-notes.md). Off for a connection pooler in
    # transaction mode that does not keep prepared statements.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers (two workers, the publishing loop) wait for each other instead of failing
    # with "database is locked": WAL lets readers go on while one writes, a transaction takes the
    # write lock when it begins (a deferred one that reads first cannot wait for it later), and
    # a writer waits up to 20 s for the lock.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=20, transaction_mode="IMMEDIATE", init_command="PRAGMA journal_mode=WAL;"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
# Several app servers share the cache and the sessions in Redis when REDIS_URL is set.

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # Django's Redis cache that carries on (and logs) when Redis is down.
            "BACKEND": "operations.cache.TolerantRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            # Fail fast when Redis does not answer rather than hold the request.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    # Sessions are read from Redis and written to the database too, so nobody is signed out
    # when Redis restarts or is down.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # Each process's memory. Django keeps 300 entries by default, fewer than the pages of one
    # language and the kept searches: 3,000, which stay small because pages are kept
    # compressed.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 3000},
        }
    }

# --- Background tasks -----------------------------------------------------------------------
# Work that need not hold up a request (Wagtail's search index updates, counting searches,
# e-mails) is queued in the database and done by `manage.py db_worker`, which `make run` starts.
# In production TASKS_REDIS_URL queues it in Redis instead (RQ, done by `manage.py rqworker`, as
# the compose file does). TASKS_IMMEDIATE=true does it inline instead.

# Where the worker reaches the site to render the pages a change touched before a visitor asks
# (performance/warming.py), e.g. http://127.0.0.1:8000 or http://web:8000. Empty: not done.
SITE_WARM_URL = os.environ.get("SITE_WARM_URL", "")

if env_bool("TASKS_IMMEDIATE", False):
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
elif os.environ.get("TASKS_REDIS_URL"):
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    # A Redis of its own, not the cache's: a cache may evict keys under memory pressure and
    # keeps nothing on disk, and a queue must lose neither.
    RQ_QUEUES = {"default": {"URL": os.environ["TASKS_REDIS_URL"], "DEFAULT_TIMEOUT": 600}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Internationalisation and time ----------------------------------------------------------
# English is the source language, Finnish and Russian are translations.

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fi", "Suomi"),
    ("ru", "Русский"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# locale_vendor/: Finnish and Russian for packages that ship neither (django-otp-webauthn's
# sign-in and passkey strings, Python and script). makemessages writes only to locale/.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Helsinki"
# The time zones staff can choose on their account page: the system's list holds names that are
# files, not zones ("localtime", "posix/…"), which the admin then refuses and logs.
WAGTAIL_USER_TIME_ZONES = ["UTC"] + sorted(
    name
    for name in zoneinfo.available_timezones()
    if "/" in name and not name.startswith(("Etc/", "posix/", "right/", "SystemV/"))
)
# Shown in the admin's language menu too.
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    ("en", _("English")),
    ("fi", _("Finnish")),
    ("ru", _("Russian")),
]

# --- Static files, media, storage and uploads -----------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # Several app servers share media in S3-compatible object storage. Credentials come from
    # AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (read by boto3) or the machine's role. Media URLs
    # are plain (unsigned) so cached pages keep working.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "url_protocol": os.environ.get("AWS_S3_URL_PROTOCOL", "https:"),
            "location": os.environ.get("AWS_LOCATION", "media"),
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            "file_overwrite": False,
        },
    }

# Uploads: content is checked, not only the name (operations.uploads); no SVG (it can carry
# script); documents are served by Django as attachments, never from a folder a web server
# might execute.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "operations.uploads.SafeDocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Documents always download as attachments, with their own file name.
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 60_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
# Renditions are made ahead of visitors (performance/renditions.py): on publishing, and when
# an image gets a new file or focal point in this form. AVIF at Wagtail's default quality; its
# encoder speed is set there too (figures: bench/avif.py). The form also stores every upload
# without its location and other EXIF (operations.uploads, operations.image_metadata).
WAGTAILIMAGES_IMAGE_FORM_BASE = "operations.uploads.SafeImageForm"
WAGTAILIMAGES_AVIF_QUALITY = 61
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail, editorial workflow and wagtail-localize ---------------------------------------

WAGTAIL_SITE_NAME = "Baltic Region"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
# An approval counts for the revision it was given to: a later edit needs approving again.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
WAGTAILADMIN_COMMENTS_ENABLED = True

# Translations start as drafts so that they go through moderation like any other change.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Machine translation in the translation editor: DeepL or LibreTranslate when configured,
# otherwise none in production and wagtail-localize's dummy translator in development and tests.
if os.environ.get("DEEPL_API_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": os.environ["DEEPL_API_KEY"]},
    }
elif os.environ.get("LIBRETRANSLATE_URL"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": os.environ["LIBRETRANSLATE_URL"],
            "API_KEY": os.environ.get("LIBRETRANSLATE_API_KEY", ""),
        },
    }
DUMMY_MACHINE_TRANSLATOR = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}

# --- Security, sessions and sign-in ---------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"
# Where the visitors' sign-in leads when it was not opened from a page.
LOGIN_REDIRECT_URL = "/"
# The password and sign-in forms of private pages, in the site's layout.
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "password_required.html"  # noqa: S105
WAGTAIL_FRONTEND_LOGIN_TEMPLATE = "login.html"

# Failed sign-ins lock an account at the address they came from only (django-axes), so that a
# stranger cannot lock staff out; many failures from one address across accounts stop that
# address except for sign-ins with a second factor (staff_signin/lockout.py).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Signs in with a passkey (django-otp-webauthn; staff_signin/passkeys.py).
    "django_otp_webauthn.backends.WebAuthnBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
LOGIN_NETWORK_FAILURE_LIMIT = int(os.environ.get("LOGIN_NETWORK_FAILURE_LIMIT", "30"))
# Two-step sign-in (staff_signin): Wagtail's sign-in form asks for the code; superusers and
# these groups must have it, because they publish.
WAGTAILADMIN_USER_LOGIN_FORM = "staff_signin.forms.StaffLoginForm"
SECOND_FACTOR_REQUIRED = env_bool("SECOND_FACTOR_REQUIRED", True)
SECOND_FACTOR_REQUIRED_GROUPS = ["Moderators"]
OTP_TOTP_ISSUER = "Baltic Region"
# Passkeys (django-otp-webauthn): bound to the site's host name, WAGTAILADMIN_BASE_URL's unless
# set; a passkey made for one host name does not work on another. A sign-in with a passkey
# needs no password: the passkey is something the person has, unlocked on their device by a
# PIN, fingerprint or face, so it counts as both steps.
_admin_address = urlsplit(WAGTAILADMIN_BASE_URL)
OTP_WEBAUTHN_RP_ID = os.environ.get("OTP_WEBAUTHN_RP_ID") or (
    # Browsers offer passkeys on http:// only for localhost, not 127.0.0.1.
    "localhost" if _admin_address.hostname in {"127.0.0.1", "::1"} else _admin_address.hostname
)
OTP_WEBAUTHN_RP_NAME = WAGTAIL_SITE_NAME
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list(
    "OTP_WEBAUTHN_ALLOWED_ORIGINS",
    f"{_admin_address.scheme}://{OTP_WEBAUTHN_RP_ID}"
    + (f":{_admin_address.port}" if _admin_address.port else ""),
)
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = True
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "operations.security.sign_in_locked_out"
AXES_CLIENT_IP_CALLABLE = "core.visitors.client_ip"
AXES_VERBOSE = False
# How many reverse proxies in front of the site append to X-Forwarded-For; 0 trusts none of it.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Content-Security-Policy (django-csp): public pages run only the site's own script files, no
# inline script; the Wagtail admin (which still needs inline script) gets its own policy.
EMBED_FRAME_SOURCES = env_list(
    "EMBED_FRAME_SOURCES",
    "https://www.youtube-nocookie.com,https://www.youtube.com,https://player.vimeo.com",
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *env_list("CSP_IMAGE_SOURCES")],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", *EMBED_FRAME_SOURCES],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", "https:"],
        "font-src": ["'self'", "data:"],
        # The dashboard's check for new Wagtail releases.
        "connect-src": ["'self'", "https://releases.wagtail.org"],
        "frame-src": ["'self'", *EMBED_FRAME_SOURCES],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        # The admin shows its own previews in frames.
        "frame-ancestors": ["'self'"],
    }
}
ADMIN_URL_PREFIX = "/admin/"
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"
)
# No Gravatar: staff's e-mail hashes are not sent to a third party; avatars are uploaded instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Public forms (contact_forms): submissions older than this are purged by
# `manage.py purge_form_submissions` (run daily).
FORM_SUBMISSION_RETENTION_DAYS = int(os.environ.get("FORM_SUBMISSION_RETENTION_DAYS", "365"))
# Accepted posts per form, address and hour before the form answers 429 (core.form_guards);
# enough for the visitors of a library or a school, who share an address.
FORM_SUBMISSIONS_PER_HOUR = int(os.environ.get("FORM_SUBMISSIONS_PER_HOUR", "10"))

# Event sign-ups (registrations) are deleted this many days after their event's date by
# `manage.py purge_registrations` (run daily by the scheduler).
REGISTRATION_RETENTION_DAYS = int(os.environ.get("REGISTRATION_RETENTION_DAYS", "90"))

# --- E-mail ---------------------------------------------------------------------------------

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Baltic Region <noreply@localhost>")

# --- Newsletter (newsletters.sending, newsletters.webhook; docs/deploy.md) ------------------
NEWSLETTER_FROM_EMAIL = os.environ.get("NEWSLETTER_FROM_EMAIL", DEFAULT_FROM_EMAIL)
# How many messages a minute the worker hands to the mail server (the provider's limit), and
# how many one run of the task sends over one connection.
NEWSLETTER_MESSAGES_PER_MINUTE = int(os.environ.get("NEWSLETTER_MESSAGES_PER_MINUTE", "600"))
NEWSLETTER_BATCH_SIZE = int(os.environ.get("NEWSLETTER_BATCH_SIZE", "200"))
# An address for unsubscribing by mail in List-Unsubscribe, besides the link (optional).
NEWSLETTER_UNSUBSCRIBE_MAILTO = os.environ.get("NEWSLETTER_UNSUBSCRIBE_MAILTO", "")
# The shared secret of the provider's bounce notifications; empty: the webhook does not exist.
NEWSLETTER_WEBHOOK_SECRET = os.environ.get("NEWSLETTER_WEBHOOK_SECRET", "")

# --- Logging and error reports --------------------------------------------------------------
# Logs go to stdout, as text (development) or JSON lines (production default), every record with
# the id of its request.

LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
if os.environ.get("LOG_FORMAT", "json") not in {"text", "json"}:
    raise SystemExit("LOG_FORMAT must be 'text' or 'json'.")
LOGGING = {
    **stdout_logging(LOG_FORMAT),
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "INFO"},
        # Background tasks log every step; only problems are worth reading.
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
        "wagtail": {"level": os.environ.get("WAGTAIL_LOG_LEVEL", "WARNING")},
        # One line per request (method, path, status, duration); LOG_REQUESTS=false drops them.
        "operations.request": {"level": "INFO" if env_bool("LOG_REQUESTS", True) else "WARNING"},
        # Sign-in failures and lockouts are warnings; axes' notes on every successful sign-in
        # are not needed.
        "axes": {"level": "WARNING"},
    },
}

# Errors are reported to Sentry (or a compatible service) only when SENTRY_DSN is set.
if os.environ.get("SENTRY_DSN"):
    from operations.sentry import init_sentry

    init_sentry(
        dsn=os.environ["SENTRY_DSN"],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE", ""),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )

# --- Page cache and frontend cache ----------------------------------------------------------

# Whole pages for anonymous visitors, in the cache above; 0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# A CDN or caching proxy in front of the site is purged when pages are published or
# unpublished: Cloudflare (zone and API token) or any proxy that accepts HTTP PURGE (Varnish).
WAGTAILFRONTENDCACHE = {}
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_API_TOKEN", ""),
    }
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE_LANGUAGES = [code for code, _name in LANGUAGES]

# --- Search ---------------------------------------------------------------------------------
# One index; on PostgreSQL each locale's entries and queries are stemmed with its own text-search
# configuration (see search/backends.py), elsewhere the stock database backend.

WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.backends",
        "LANGUAGE_CONFIGS": {"en": "english", "fi": "finnish", "ru": "russian"},
    }
}
# A search ranks and counts at most this many matches (search/backends.py); past it, the visitor
# is asked for another word.
SEARCH_RESULTS_CAP = 1000
