"""Every public page type says what it is to search engines and browsers: its language, a
description, its canonical address and a viewport for phones (Lighthouse's SEO checks)."""

import re

import pytest
from wagtail.models import Locale, Page

from core.models import OrganisationDetails
from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def head_of(response):
    assert response.status_code == 200
    return response.content.decode().split("</head>", 1)[0]


def meta_description(head):
    found = re.search(r'<meta name="description" content="([^"]*)">', head)
    return found and found.group(1)


def one_page_of_each_type():
    pages = {}
    for page in Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"):
        pages.setdefault((type(page).__name__, page.locale.language_code), page)
    return pages


def test_every_page_type_in_every_language_has_lang_description_canonical_and_viewport(client):
    pages = one_page_of_each_type()
    assert len(pages) >= 3 * 12  # every page type of the demo content, in three languages
    for (page_type, language), page in pages.items():
        head = head_of(client.get(page.url))
        assert f'<html lang="{language}">' in head, page_type
        assert meta_description(head), f"{page_type} ({language}) has no description"
        assert f'<link rel="canonical" href="http://testserver{page.url}">' in head, page_type
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in head


def test_a_page_without_summary_is_described_by_the_organisation_tagline(client):
    home = HomePage.objects.get(locale__language_code="fi")
    page = home.add_child(
        instance=StandardPage(title="Ilman tiivistelmää", slug="ilman-tiivistelmaa")
    )
    tagline = OrganisationDetails.objects.get(locale=Locale.objects.get(language_code="fi")).tagline
    assert tagline
    assert meta_description(head_of(client.get(page.url))) == tagline


LEAD_IMAGE_PAGE_TYPES = ["HomePage", "SectionPage", "ActivityPage", "EventPage", "PublicationPage"]


def lead_image(html):
    """The first <picture> in the page's main content: its <source>s and <img>."""
    main = html.split('<main id="main"', 1)[1]
    return re.search(r"<picture>.*?</picture>", main, re.DOTALL).group(0)


def test_lead_images_are_fetched_first_and_keep_one_shape_in_every_size(client):
    """The largest paint comes sooner, and the page does not shift when the browser picks a size."""
    pages = one_page_of_each_type()
    for page_type in LEAD_IMAGE_PAGE_TYPES:
        picture = lead_image(client.get(pages[(page_type, "en")].url).content.decode())
        assert 'fetchpriority="high"' in picture, page_type
        assert 'loading="lazy"' not in picture, page_type
        shapes = {round(int(w) / int(h), 1) for w, h in re.findall(r"fill-(\d+)x(\d+)", picture)}
        # The home page's hero is cut to shape by the stylesheet (aspect-ratio, object-fit).
        assert len(shapes) == 1 or page_type == "HomePage", f"{page_type}: {shapes}"


def test_a_gallery_loads_its_first_thumbnails_at_once_and_the_rest_lazily(client):
    gallery = one_page_of_each_type()[("GalleryPage", "en")]
    html = client.get(gallery.url).content.decode()
    gallery_list = html.split('<ul class="gallery"', 1)[1].split("</ul>", 1)[0]
    thumbnails = re.findall(r"<picture>.*?</picture>", gallery_list, re.DOTALL)
    assert len(thumbnails) > 4
    assert not any('loading="lazy"' in picture for picture in thumbnails[:4])
    assert all('loading="lazy"' in picture for picture in thumbnails[4:])
