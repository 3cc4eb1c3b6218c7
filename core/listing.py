import math

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator

LISTING_SIZE = 12
# A ?page= beyond it is no link's: it gets the last page, found by counting, without asking the
# database for a page so far (an offset past its integers fails).
UNCOUNTED_PAGES = 10_000


def paginate(request, queryset, per_page=LISTING_SIZE, count=None):
    """A page of results; a missing, malformed or too large ?page= gives the nearest real page.
    ``count``, the number of results when the caller knows it, saves counting them."""
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


class UncountedPaginator(Paginator):
    """Knows the results up to the page shown and whether more follow, not how many there are:
    ``count`` is that much (``components/pagination.html`` then says "Page 3", not "of 2,525")."""

    uncounted = True


def paginate_uncounted(request, queryset, per_page=LISTING_SIZE):
    """``paginate`` without counting the results: counting reads every one of them, which takes
    longer the more there are. One result more than a page holds says whether another follows.
    A ?page= past the end (an old link) is counted, to give the last page as ``paginate`` does."""
    try:
        number = int(request.GET.get("page", 1))
    except (TypeError, ValueError):
        number = 1
    number = max(number, 1)
    results = page_results(queryset, number, per_page) if number <= UNCOUNTED_PAGES else []
    if not results and number > 1:
        number = max(math.ceil(queryset.count() / per_page), 1)
        results = page_results(queryset, number, per_page)
    paginator = UncountedPaginator(results, per_page)
    paginator.count = (number - 1) * per_page + len(results)
    return Page(results[:per_page], number, paginator)


def page_results(queryset, number, per_page):
    """The results of page ``number``, and the first of the next page if there is one."""
    start = (number - 1) * per_page
    return list(queryset[start : start + per_page + 1])
