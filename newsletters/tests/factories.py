"""Factories of the newsletters app (see core/tests/factories.py)."""

import factory
from factory.django import DjangoModelFactory

from core.tests.factories import PageFactory, list_page
from newsletters.models import NewsletterIndexPage, NewsletterIssuePage
from subscribers.models import Subscriber


class NewsletterIndexPageFactory(PageFactory):
    # Not "Newsletter": /en/newsletter/ is the subscribe page.
    title = "Newsletter archive"

    class Meta:
        model = NewsletterIndexPage


def paragraph(text):
    return ("paragraph", f"<p>{text}</p>")


def section(title, *texts, area=None):
    return (
        "section",
        {"title": title, "area": area, "content": [paragraph(text) for text in texts]},
    )


class NewsletterIssuePageFactory(PageFactory):
    """A published issue in the English archive (made if there is none); ``body=[paragraph(...),
    section(...)]``."""

    parent = factory.LazyFunction(lambda: list_page(NewsletterIndexPageFactory))
    summary = "This month at the association."

    class Meta:
        model = NewsletterIssuePage


class SubscriberFactory(DjangoModelFactory):
    """A confirmed subscriber, in English, of every area unless ``areas=[...]``."""

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    language = "en"
    status = Subscriber.SUBSCRIBED
    source = "test"

    class Meta:
        model = Subscriber
        skip_postgeneration_save = True

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)
