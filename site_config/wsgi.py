import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_config.settings.production")

application = get_wsgi_application()

# Serving requests (gunicorn, runserver): renditions are made in a background thread, so that
# publishing a large gallery does not hold up the editor's request.
from performance.renditions import make_in_background  # noqa: E402

make_in_background()
