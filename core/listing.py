from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

LISTING_SIZE = 12


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
