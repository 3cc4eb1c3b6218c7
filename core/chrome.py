"""What the layout shows around every page: menu, home page, organisation, partners, contact."""

from django.template.loader import render_to_string
from django.utils.translation import get_language
from wagtail.models import Page

from .caching import remembered_per_content_version, structure_version
from .models import ContactSettings, OrganisationDetails, Partner, private_pages_q


def language_home_pages():
    """Each language's home page: the pages at the top of the tree, under Wagtail's root."""
    return Page.objects.live().filter(depth=2)


def build_site_chrome():
    """Everything the layout shows around a page's content, in the active language."""
    # Every language's home page in one query: this language's, and the others' for the
    # language switcher of pages not translated yet.
    homes = list(language_home_pages().select_related("locale"))
    language = get_language()
    home = next((home for home in homes if home.locale.language_code == language), None)
    organisation = OrganisationDetails.for_active_locale()
    # Read, not made: the first visitor of a new site may not write settings.
    contact = ContactSettings.objects.first() or ContactSettings()
    return {
        "home": home,
        "nav_pages": (
            # Not Wagtail's public(): restrictions hold across languages (core.privacy).
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
        "homes": [home for home in homes if home.alias_of_id is None],
        "organisation": organisation,
        "contact": contact,
        # The footer is the same on every page of a language: its markup is kept, not rendered
        # again on every request. Logo renditions come from Wagtail's rendition cache.
        "footer": render_to_string(
            "components/footer.html",
            {
                "organisation": organisation,
                "contact": contact,
                "partners": list(Partner.for_footer()),
            },
        ),
    }


def chrome_for_request(request):
    """The layout's menu, home page, organisation details, partners and contact details.

    They are the same on every page of a language, so they are built once per language and
    structure version (titles, menu entries, snippets and settings all move it on) and shared by
    all requests (and all processes, with a shared cache)."""
    return remembered_per_content_version(
        f"site-chrome:{get_language()}", structure_version(), build_site_chrome
    )
