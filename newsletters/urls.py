from django.urls import path

from .webhook import bounce_webhook

urlpatterns = [path("bounces/", bounce_webhook, name="newsletter_bounce_webhook")]
