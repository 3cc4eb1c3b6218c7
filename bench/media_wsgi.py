"""The site as bench/lighthouse.py serves it: the production app with image renditions served
under /media/images/ in front of it, as the load balancer of compose.yaml serves them from the
bucket (the production settings never serve media themselves)."""

from django.conf import settings
from whitenoise import WhiteNoise

from site_config.wsgi import application as site

# autorefresh: renditions are made while pages render, after the server started.
application = WhiteNoise(
    site,
    root=settings.MEDIA_ROOT / "images",
    prefix=f"{settings.MEDIA_URL}images/",
    autorefresh=True,
)
