"""The site's addresses plus one that fails, to see what an error leaves in the logs."""

from django.urls import path

from site_config.urls import urlpatterns as site_urlpatterns


def failing_view(request):
    raise RuntimeError("the view broke")


urlpatterns = [path("failing/", failing_view), *site_urlpatterns]
