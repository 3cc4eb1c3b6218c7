from wagtail import hooks
from wagtail.admin.site_summary import PagesSummaryItem

from core import upstream
from core.caching import content_version, kept_per_content_version

from .explorer_rows import row_actions_from_skeleton, translation_buttons, with_translation_states


class PagesSummaryItemKeptPerContentVersion(PagesSummaryItem):
    """The dashboard's "N Pages", counted once per content version instead of on every visit
    of the dashboard (counting every page grows with the site). Creating, moving or deleting
    a page moves the version on (performance.invalidation); what is counted depends on the
    user only through the page they explore from, which is part of the key."""

    def get_context_data(self, parent_context):
        root_page_id = upstream.admin_root_page_of(self.request.user)
        return kept_per_content_version(
            f"admin-site-summary-pages:{root_page_id}",
            content_version(),
            lambda: super(PagesSummaryItemKeptPerContentVersion, self).get_context_data(
                parent_context
            ),
        )


# After Wagtail's own hook, which adds the item replaced here.
@hooks.register("construct_homepage_summary_items", order=1)
def pages_summary_kept_per_content_version(request, summary_items):
    summary_items[:] = [
        PagesSummaryItemKeptPerContentVersion(request) if type(item) is PagesSummaryItem else item
        for item in summary_items
    ]


@hooks.register("construct_explorer_page_queryset")
def explorer_rows_with_translation_states(parent_page, pages, request):
    return with_translation_states(pages)


@hooks.register("construct_page_chooser_queryset")
def chooser_rows_with_parents_and_status(pages, request):
    return upstream.with_parents_loaded(upstream.with_page_status_states(pages))


# The explorer's rows (the page header keeps wagtail-localize's own, for one page). Last in
# the last app before wagtail_localize in INSTALLED_APPS: finding wagtail-localize's function
# registers its hooks, which then keep their place after every other app's (editorial's
# "before_edit_page" hooks must come before wagtail-localize's).
upstream.replace_hook(
    "register_page_listing_more_buttons",
    upstream.localize_page_listing_buttons(),
    translation_buttons,
)


@hooks.register("construct_page_listing_buttons")
def page_rows_drawn_from_skeletons(buttons, page, user, context=None):
    row_actions_from_skeleton(buttons)
