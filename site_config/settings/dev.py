import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
# A fixed key is fine for a local development server only; production refuses to start without one.
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-change-me"  # noqa: F405, S105
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# A real machine translator is configured by DEEPL_API_KEY or LIBRETRANSLATE_URL (see base).
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = globals().get(  # noqa: F405
    "WAGTAILLOCALIZE_MACHINE_TRANSLATOR",
    DUMMY_MACHINE_TRANSLATOR,  # noqa: F405
)

# Pages change under a developer's hands: no page cache unless asked for.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))

# The demo's moderator and administrator can be tried without an authenticator app; set
# SECOND_FACTOR_REQUIRED=true to see the production rule (they must set up two-step sign-in).
SECOND_FACTOR_REQUIRED = env_bool("SECOND_FACTOR_REQUIRED", False)
