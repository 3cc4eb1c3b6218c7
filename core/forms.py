"""Admin forms shared by the page types of several apps."""

import functools

from django.urls import LocalePrefixPattern, get_resolver
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


@functools.cache
def addresses_of_views():
    """The first parts of the addresses that the site's own views answer in every language
    (search/, newsletter/, registrations/, …; site_config.urls): they come before the pages'."""
    taken = set()
    for entry in get_resolver().url_patterns:
        if isinstance(entry.pattern, LocalePrefixPattern):
            for pattern in entry.url_patterns:
                first = str(pattern.pattern).split("/", 1)[0]
                if first and not first.startswith("^") and "<" not in first:
                    taken.add(first)
    return frozenset(taken)


class SitePageForm(WagtailAdminPageForm):
    """A page directly under a home page may not take an address a view of the site answers
    first (``/fi/search/``): visitors would get the view, never the page."""

    def clean(self):
        cleaned_data = super().clean()
        slug = cleaned_data.get("slug")
        if slug and self.parent_page.depth == 2 and slug in addresses_of_views():
            self.add_error(
                "slug",
                _(
                    "The address …/%(slug)s/ belongs to a page the site makes itself. Choose "
                    "another slug."
                )
                % {"slug": slug},
            )
        return cleaned_data


class AreaTaggedPageForm(SitePageForm):
    """The "Areas" checkboxes offer only the areas of the page's own language (for a new page,
    the language of the page it is added under), not "Culture, Kulttuuri, Культура, …"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["areas"]
        # A page being previewed before it is first saved has no language yet: its parent's.
        locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
        field.queryset = field.queryset.filter(locale_id=locale_id)
        field.error_messages["invalid_choice"] = _("Choose only areas in the language of the page.")
        if not self.is_bound and self.instance.pk:
            # A translation is synchronised with its source's areas: they are shown (and saved)
            # as the same areas in this page's language.
            self.initial["areas"] = field.queryset.filter(
                translation_key__in=[area.translation_key for area in self.initial.get("areas", [])]
            )
