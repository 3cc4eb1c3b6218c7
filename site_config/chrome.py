"""What the layout shows around every page: menu, home page, organisation, partners, contact."""

from django.template.loader import render_to_string
from django.utils.translation import get_language
from wagtail.models import Locale

from home.models import HomePage, Partner, private_pages_q
from performance.page_cache import (
    content_version,
    remembered_per_content_version,
    request_content_version,
)
from site_config.models import ContactSettings, OrganisationDetails


def build_site_chrome():
    """Everything the layout shows around a page's content, in the active language."""
    home = HomePage.objects.live().filter(locale=Locale.get_active()).first()
    organisation = OrganisationDetails.for_active_locale()
    return {
        "home": home,
        "nav_pages": (
            # Not Wagtail's public(): restrictions hold across languages (home.privacy).
            list(
                home.get_children()
                .live()
                .exclude(private_pages_q())
                .in_menu()
                .filter(alias_of__isnull=True)
            )
            if home
            else []
        ),
        # Every language's home page, for the language switcher of pages not translated yet.
        "homes": list(HomePage.objects.live().filter(alias_of__isnull=True).select_related("locale")),
        "organisation": organisation,
        # The footer is the same on every page of a language: its markup is kept, not rendered
        # on every request (it took 1.5 ms). Logo renditions come from Wagtail's rendition cache.
        "footer": render_to_string(
            "components/footer.html",
            {
                "organisation": organisation,
                "contact": ContactSettings.load(),
                "partners": list(Partner.for_footer()),
            },
        ),
    }


def chrome_for_request(request):
    """The layout's menu, home page, organisation details, partners and contact details.

    They are the same on every page of a language, so they are built once per language and
    content version and shared by all requests (and all processes, with a shared cache)."""
    version = request_content_version(request) if request is not None else content_version()
    language = get_language()
    return remembered_per_content_version(f"site-chrome:{language}", version, build_site_chrome)


