import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
MEDIA_ROOT = tempfile.mkdtemp(prefix="baltic-test-media-")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Background tasks run inline, so a test sees their effect at once; tests of the queue itself
# (operations/tests/test_tasks.py) run the database worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Passkeys: the browser tests serve the site on http://localhost:<port> and set the origin.
OTP_WEBAUTHN_RP_ID = "localhost"
OTP_WEBAUTHN_ALLOWED_ORIGINS = ["http://localhost"]
# Tests serve static files from the app folders; collectstatic is for deployments.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# A real machine translator is configured by DEEPL_API_KEY or LIBRETRANSLATE_URL (see base).
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = globals().get(  # noqa: F405
    "WAGTAILLOCALIZE_MACHINE_TRANSLATOR",
    DUMMY_MACHINE_TRANSLATOR,  # noqa: F405
)

# Tests of the page cache turn it on themselves; every other test sees fresh pages.
PAGE_CACHE_SECONDS = 0
# Searches are stored at once, as they were made; the search tests batch them themselves.
SEARCH_COUNTS_FLUSH_EVERY = 1

# Tests of other features sign moderators in without a second factor; staff_signin's tests turn
# the rule on.
SECOND_FACTOR_REQUIRED = False
