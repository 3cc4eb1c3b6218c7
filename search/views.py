from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale, Page

from home.listing import paginate

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


# Not kept by the page cache: each search is counted for the search promotions' statistics.
@never_cache
def search(request):
    """Search live, public pages of the visitor's language only."""
    search_query = (request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.none()
    if search_query:
        results = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .specific()
            .search(search_query)
        )
        Query.get(search_query).add_hit()

    search_results = paginate(request, results, per_page=RESULTS_PER_PAGE)

    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": search_query, "search_results": search_results},
    )
