"""Factories of the publications app (see core/tests/factories.py)."""

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from django.utils import timezone

from core.tests.factories import PageFactory, list_page, locale
from publications.models import (
    PublicationAttachment,
    PublicationAuthor,
    PublicationIndexPage,
    PublicationKind,
    PublicationPage,
)

# The smallest file that is a PDF to whoever looks at its first bytes.
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


class PdfDocumentFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.LazyAttribute(
        lambda document: ContentFile(PDF, name=f"document-{document.title}.pdf")
    )
    file_size = len(PDF)


class PublicationIndexPageFactory(PageFactory):
    title = "Publications"
    show_in_menus = True

    class Meta:
        model = PublicationIndexPage


def authors(*people):
    return [
        PublicationAuthor(person=person, sort_order=order) for order, person in enumerate(people)
    ]


def attachments(*documents_and_labels, language="en"):
    """``attachments((document, "Read the report"), ...)``: the documents of a publication."""
    return [
        PublicationAttachment(
            document=document, label=label, locale=locale(language), sort_order=order
        )
        for order, (document, label) in enumerate(documents_and_labels)
    ]


class PublicationPageFactory(PageFactory):
    """A news item published today in the English publications (made if there are none);
    ``authors=authors(person)``, ``attachments=attachments((document, label))``, ``tags=[...]``."""

    parent = factory.LazyFunction(lambda: list_page(PublicationIndexPageFactory))
    kind = PublicationKind.NEWS
    date_published = factory.LazyFunction(timezone.localdate)
    summary = factory.LazyAttribute(lambda page: f"What {page.title} is about.")

    class Meta:
        model = PublicationPage
