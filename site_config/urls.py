from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core.routing import serve as serve_page
from search import views as search_views
from site_config.sitemap import robots_txt, sitemap
from staff_signin.views import MembersSignInView

# A database outage answers 503 "temporarily unavailable"; any other error the usual 500.
handler500 = "operations.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Passkeys' sign-in and enrolment ceremonies (JSON, called by the package's scripts on the
    # admin's sign-in and two-step pages); outside /admin/ so that SecondFactorGate leaves them
    # to their own checks (staff_signin/passkeys.py).
    path("webauthn/", include("staff_signin.passkeys")),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("newsletter-webhook/", include("newsletters.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("registrations/", include("registrations.urls")),
    path("newsletter/", include("subscribers.urls")),
    # The sign-in of private pages, at Wagtail's address, with the admin's two-step form.
    path("_util/login/", MembersSignInView.as_view(), name="wagtailcore_login"),
    # Wagtail's other views (the page password form) come before the page view: its pattern
    # would take their "_util/" addresses for pages and answer 404.
    *[
        pattern
        for pattern in wagtail_urls.urlpatterns
        if pattern.name not in ("wagtail_serve", "wagtailcore_login")
    ],
    # Wagtail's page view, routed in fewer queries (core.routing).
    re_path(wagtail_urls.serve_pattern, serve_page, name="wagtail_serve"),
    prefix_default_language=True,
)
