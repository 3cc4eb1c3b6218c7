from django.contrib.syndication.views import Feed

from .models import EventPage, in_date_order, soonest_first


class UpcomingEventsFeed(Feed):
    """RSS of the upcoming events of one language's schedule."""

    size = 50

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def title(self):
        return self.index_page.title

    def link(self):
        return self.index_page.url

    def description(self):
        return self.index_page.intro or self.index_page.summary

    def items(self):
        # The soonest, not the first added: with more upcoming events than the feed holds, a
        # reader would otherwise miss the ones about to happen.
        events = (
            EventPage.objects.child_of(self.index_page)
            .live()
            .public()
            .filter(status=EventPage.STATUS_SCHEDULED)
        )
        return in_date_order(soonest_first(events)[: self.size])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
