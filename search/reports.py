import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale

from .models import SearchTerm


class SearchTermFilterSet(WagtailFilterSet):
    locale = django_filters.ModelChoiceFilter(label=_("Language"), queryset=Locale.objects.all())
    found_nothing = django_filters.BooleanFilter(
        label=_("Found nothing last time"), method="filter_found_nothing"
    )

    class Meta:
        model = SearchTerm
        fields = ["locale", "found_nothing"]

    def filter_found_nothing(self, queryset, name, value):
        if value is None:
            return queryset
        return (
            queryset.filter(last_result_count=0) if value else queryset.exclude(last_result_count=0)
        )


class SearchTermsReportView(ReportView):
    """What visitors search for, per language, with the searches that found nothing first."""

    page_title = _("Searches")
    header_icon = "search"
    model = SearchTerm
    any_permission_required = ["view"]
    is_searchable = True
    search_fields = ["query__query_string"]
    filterset_class = SearchTermFilterSet
    index_url_name = "search_terms_report"
    index_results_url_name = "search_terms_report_results"
    default_ordering = ["-searches_without_results", "-searches"]
    columns = [
        Column("query", label=_("Search term"), accessor="query.query_string"),
        Column("locale", label=_("Language"), accessor="locale.get_display_name"),
        NumberColumn("searches", label=_("Searches"), sort_key="searches"),
        NumberColumn(
            "searches_without_results",
            label=_("Searches without results"),
            sort_key="searches_without_results",
        ),
        NumberColumn(
            "last_result_count", label=_("Results last time"), sort_key="last_result_count"
        ),
        DateColumn("last_searched_at", label=_("Last searched"), sort_key="last_searched_at"),
    ]
    list_export = [
        "query",
        "locale",
        "searches",
        "searches_without_results",
        "last_result_count",
        "last_searched_at",
    ]
    export_headings = {"query": _("Search term"), "locale": _("Language")}

    def get_base_queryset(self):
        return SearchTerm.objects.select_related("query", "locale")
