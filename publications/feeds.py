"""RSS and Atom feeds of a publication list: one pair per language, served by the list page."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed


class PublicationFeed(Feed):
    """Made for one request: ``PublicationFeed(index_page)(request)``."""

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page
        self.language = index_page.locale.language_code
        self.request = None

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page

    def title(self, index_page):
        return index_page.title

    def link(self, index_page):
        return self.request.build_absolute_uri(index_page.get_url(self.request))

    def description(self, index_page):
        return index_page.intro or index_page.summary or index_page.title

    def items(self, index_page):
        return index_page.feed_items()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return self.request.build_absolute_uri(item.get_url(self.request))

    def item_pubdate(self, item):
        # Naive: the feed makes it aware in the site's time zone.
        return datetime.datetime.combine(item.date_published, datetime.time.min)

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return ", ".join(person.name for person in item.local_authors) or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]

    def item_enclosures(self, item):
        return [
            Enclosure(
                self.request.build_absolute_uri(attachment.document.url),
                str(attachment.document.file_size or 0),
                attachment.document.content_type,
            )
            for attachment in item.attachments.all()
        ]


class RssPublicationFeed(PublicationFeed):
    feed_type = Rss201rev2Feed

    def item_enclosures(self, item):
        # RSS 2.0 allows one enclosure per item; the Atom feed carries them all.
        return super().item_enclosures(item)[:1]


class AtomPublicationFeed(PublicationFeed):
    feed_type = Atom1Feed

    def subtitle(self, index_page):
        return self.description(index_page)
