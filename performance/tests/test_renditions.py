"""Public pages show renditions made ahead of visitors, in AVIF and WebP with a fallback, never
the original upload."""

import io
import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, get_page_models
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from core.demo.images import draw_picture, save_image
from core.models import Partner
from core.pictures import USES
from culture.models import ActivityPage, GalleryImage, GalleryIndexPage, GalleryPage
from home.models import StandardPage
from performance.renditions import site_pictures

pytestmark = pytest.mark.django_db

Image = get_image_model()
Rendition = Image.get_rendition_model()


class ImageTags(HTMLParser):
    """Every <img> and <source> of a page, and the <source> types of each <picture>."""

    def __init__(self):
        super().__init__()
        self.tags = []
        self.pictures = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "picture":
            self.pictures.append([])
        elif tag in ("img", "source"):
            self.tags.append((tag, attrs))
            if tag == "source" and self.pictures:
                self.pictures[-1].append(attrs.get("type"))


def image_tags(html):
    parser = ImageTags()
    parser.feed(html)
    return parser


def addresses(attrs):
    srcset = attrs.get("srcset") or ""
    return [attrs.get("src") or ""] + [
        part.split()[0] for part in srcset.split(",") if part.strip()
    ]


@pytest.fixture
def welcome_with_an_image_block(django_capture_on_commit_callbacks):
    """The demo has no image in a page's body: the welcome page gets one, published."""
    page = StandardPage.objects.live().get(locale__language_code="en", slug="welcome")
    image_block = page.body.stream_block.child_blocks["image"]
    value = {
        "image": Image.objects.first().id,
        "alt_text": "A landscape",
        "caption": "",
        "credit": "",
    }
    page.body.append(("image", image_block.to_python(value)))
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    return page


def test_the_demo_shows_every_use_so_that_rendering_it_checks_them_all(welcome_with_an_image_block):
    assert {use for _image, use in site_pictures()} == set(USES)


def test_public_pages_show_renditions_made_ahead_never_the_original_upload(
    client, welcome_with_an_image_block
):
    pages = list(Page.objects.live().public().exclude(depth=1).specific())
    before = Rendition.objects.count()
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        for tag, attrs in image_tags(response.content.decode()).tags:
            for address in addresses(attrs):
                assert "original_images/" not in address, f"{page.url}: <{tag}> shows {address}"
            if tag == "img" and attrs.get("src", "").startswith("/media/"):
                assert attrs.get("width") and attrs.get("height"), (
                    f"{page.url}: {attrs} has no size"
                )
    assert {type(page).__name__ for page in pages} >= {
        "HomePage",
        "SectionPage",
        "ActivityPage",
        "GalleryIndexPage",
        "GalleryPage",
        "PeoplePage",
        "EventIndexPage",
        "EventPage",
        "PublicationIndexPage",
        "PublicationPage",
    }
    assert Rendition.objects.count() == before, "a visitor's request made renditions"
    figure = image_tags(client.get(welcome_with_an_image_block.url).content.decode())
    assert ["image/avif", "image/webp"] in figure.pictures


def test_each_card_image_is_made_ahead_in_the_card_sizes():
    for model in get_page_models():
        if getattr(model, "card_image_field", None):
            assert "card" in model.pictures.get(model.card_image_field, ()), model


def test_cards_and_gallery_thumbnails_offer_avif_then_webp_before_the_jpeg(client):
    index = GalleryIndexPage.objects.live().filter(locale__language_code="en").first()
    gallery = GalleryPage.objects.live().child_of(index).first()
    for url in (index.url, gallery.url):
        pictures = image_tags(client.get(url).content.decode()).pictures
        assert pictures and all(types == ["image/avif", "image/webp"] for types in pictures), url

    html = client.get(gallery.url).content.decode()
    links = re.findall(
        r'<a href="([^"]+)" data-gallery-link data-avif="([^"]+)" data-webp="([^"]+)"', html
    )
    assert len(links) == gallery.gallery_images.count()
    for jpeg, avif, webp in links:  # without JavaScript the link opens the JPEG
        assert (jpeg[-4:], avif[-5:], webp[-5:]) == (".jpg", ".avif", ".webp")


def new_images(count):
    collection = Collection.get_first_root_node().add_child(name="Rendition test")
    images = [
        save_image(
            draw_picture(f"rendition-{n}", (90, 60, 140), size=(900, 600)),
            f"Rendition test {n}",
            collection,
            f"r{n}.jpg",
        )
        for n in range(count)
    ]
    return collection, images


def specs(*uses):
    return {spec for use in uses for spec in USES[use].filter_specs}


def test_publishing_a_gallery_in_the_admin_makes_its_renditions_before_anyone_visits(
    admin_client, client, django_capture_on_commit_callbacks
):
    collection, images = new_images(3)
    index = GalleryIndexPage.objects.live().filter(locale__language_code="en").first()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtailadmin_pages:add", args=("culture", "gallerypage", index.id)),
            nested_form_data(
                {
                    "title": "Boat trip",
                    "slug": "boat-trip",
                    "date": "2026-10-01",
                    "cover_image": images[0].id,
                    "add_images_from": collection.id,
                    "gallery_images": inline_formset([]),
                    "action-publish": "action-publish",
                }
            ),
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    gallery = GalleryPage.objects.get(slug="boat-trip", locale=index.locale)
    assert gallery.live
    made = {image: set(image.renditions.values_list("filter_spec", flat=True)) for image in images}
    assert made[images[0]] == specs("card", "social_image", "gallery_thumbnail", "gallery_viewer")
    assert made[images[1]] == made[images[2]] == specs("gallery_thumbnail", "gallery_viewer")

    before = Rendition.objects.count()
    for url in (gallery.url, index.url):
        assert client.get(url).status_code == 200
    assert Rendition.objects.count() == before


def test_a_new_focal_point_in_the_admin_makes_the_pictures_of_the_pages_showing_the_image(
    admin_client, client, django_capture_on_commit_callbacks
):
    activity = (
        ActivityPage.objects.live().filter(locale__language_code="en").exclude(image=None).first()
    )
    image = activity.image
    before_edit = image.renditions.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtailimages:edit", args=(image.id,)),
            {
                "title": image.title,
                "collection": image.collection_id,
                "description": image.description,
                "tags": "",
                "focal_point_x": 100,
                "focal_point_y": 100,
                "focal_point_width": 50,
                "focal_point_height": 50,
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert image.renditions.count() > before_edit, "no renditions for the new focal point"

    before = Rendition.objects.count()
    for url in (activity.url, activity.get_parent().url):
        assert client.get(url).status_code == 200
    assert Rendition.objects.count() == before


def test_a_partners_new_logo_gets_its_renditions(django_capture_on_commit_callbacks):
    _collection, (logo,) = new_images(1)
    partner = Partner.objects.filter(show_in_footer=True).first()
    with django_capture_on_commit_callbacks(execute=True):
        partner.logo = logo
        partner.save()
    assert set(logo.renditions.values_list("filter_spec", flat=True)) == specs("partner_logo")


def test_make_renditions_makes_what_is_missing():
    image = GalleryImage.objects.first().image
    specs_made = set(image.renditions.values_list("filter_spec", flat=True))
    image.renditions.all().delete()
    output = io.StringIO()
    call_command("make_renditions", stdout=output)
    assert set(image.renditions.values_list("filter_spec", flat=True)) == specs_made
    assert output.getvalue() == f"Made {len(specs_made)} renditions.\n"


def test_avif_renditions_are_avif_files():
    rendition = Rendition.objects.filter(filter_spec__startswith="format-avif").first()
    with rendition.file.open() as file:
        assert PILImage.open(file).format == "AVIF"
