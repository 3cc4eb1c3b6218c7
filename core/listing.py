from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

LISTING_SIZE = 12


def paginate(request, queryset, per_page=LISTING_SIZE):
    """A page of results; a missing, malformed or too large ?page= gives the nearest real page."""
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
