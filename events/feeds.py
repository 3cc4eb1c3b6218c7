from django.contrib.syndication.views import Feed
from django.utils.translation import gettext

from .models import EventPage, upcoming_events


def announced_title(event):
    """The title feeds and calendars give an event: a cancelled one says so first."""
    if event.is_cancelled:
        return gettext("Cancelled: %(title)s") % {"title": event.title}
    return event.title


class UpcomingEventsFeed(Feed):
    """RSS of the upcoming events of one language's schedule, cancelled ones included (marked)
    so that readers learn of the cancellation."""

    size = 50
    # When and where (in the feed's language, in Helsinki time) and the summary.
    description_template = "events/feed_item.html"

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page
        self.request = None

    def get_object(self, request, *args, **kwargs):
        self.request = request

    def title(self):
        return self.index_page.title

    def link(self):
        return self.index_page.url

    def description(self):
        return self.index_page.intro or self.index_page.summary

    def items(self):
        # The soonest, not the first added: with more upcoming events than the feed holds, a
        # reader would otherwise miss the ones about to happen.
        events = EventPage.objects.child_of(self.index_page)
        # With the dates of each item's publication, which the feed gives.
        return upcoming_events(events, self.size, "first_published_at", "last_published_at")

    def item_title(self, item):
        return announced_title(item)

    def item_link(self, item):
        return self.request.build_absolute_uri(item.url)

    def item_guid(self, item):
        # Readers show an item once per guid: the cancellation comes as an item of its own.
        link = self.item_link(item)
        return f"{link}#cancelled" if item.is_cancelled else link

    def item_guid_is_permalink(self, item):
        return not item.is_cancelled

    def item_pubdate(self, item):
        # A cancellation is news of the day it was published.
        return item.last_published_at if item.is_cancelled else item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
