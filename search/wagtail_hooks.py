from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .reports import SearchTermsReportView


@hooks.register("register_admin_urls")
def register_search_terms_report_urls():
    return [
        path("reports/searches/", SearchTermsReportView.as_view(), name="search_terms_report"),
        path(
            "reports/searches/results/",
            SearchTermsReportView.as_view(results_only=True),
            name="search_terms_report_results",
        ),
    ]


class SearchTermsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_searchterm")


@hooks.register("register_reports_menu_item")
def register_search_terms_report_menu_item():
    return SearchTermsMenuItem(
        _("Searches"),
        reverse("search_terms_report"),
        name="searches",
        icon_name="search",
        order=1310,
    )
