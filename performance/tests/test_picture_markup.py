"""``{% picture_for %}`` builds each picture's markup once per process, and never serves stale
markup when an image's renditions change."""

from unittest import mock

import pytest
from django.template import Context, Template
from wagtail.images import get_image_model
from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.images.tests.utils import get_test_image_file

from performance.pictures import USES

pytestmark = pytest.mark.django_db

CARD = Template('{% load pictures %}{% picture_for image "card" alt=alt loading="lazy" %}')


def card(image, alt=""):
    return CARD.render(Context({"image": image, "alt": alt}))


@pytest.fixture
def image():
    return get_image_model().objects.create(title="Harbour", file=get_test_image_file(size=(900, 600)))


def test_the_markup_is_wagtails_picture(image):
    renditions = get_renditions_or_not_found(image, USES["card"].filter_specs)
    expected = Picture(renditions, {"alt": "Pier", "loading": "lazy", "sizes": USES["card"].sizes}).__html__()
    assert card(image, alt="Pier") == expected
    assert card(image, alt="Pier") == expected  # and the same when remembered
    assert 'type="image/avif"' in expected and 'width="400"' in expected


def test_the_markup_is_built_once_for_the_same_renditions_and_attributes(image):
    card(image, alt="Pier")
    with mock.patch.object(Picture, "__html__", autospec=True, side_effect=Picture.__html__) as build:
        card(image, alt="Pier")
        card(image, alt="Pier")
        assert build.call_count == 0
        assert "Old town" in card(image, alt="Old town")  # other attributes: other markup
        assert build.call_count == 1


def test_new_renditions_give_new_markup(image):
    before = card(image)
    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = 850, 50, 20, 20
    image.save()
    image = get_image_model().objects.get(pk=image.pk)
    after = card(image)
    new_files = [rendition.file.name for rendition in get_renditions_or_not_found(image, USES["card"].filter_specs).values()]
    assert after != before
    assert all(name.rsplit("/", 1)[1] in after for name in new_files)
