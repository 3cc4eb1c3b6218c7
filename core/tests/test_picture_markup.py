"""``{% picture_for %}`` builds each picture's markup once per process, and never serves stale
markup when an image's renditions change."""

from unittest import mock

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.images.tests.utils import get_test_image_file

from core.pictures import USES
from core.rendition_rows import load_rendition_rows, rendition_file
from core.templatetags.pictures import remembered_pictures

pytestmark = pytest.mark.django_db

CARD = Template('{% load pictures %}{% picture_for image "card" alt=alt loading="lazy" %}')


def card(image, alt=""):
    return CARD.render(Context({"image": image, "alt": alt}))


@pytest.fixture
def image():
    return get_image_model().objects.create(
        title="Harbour", file=get_test_image_file(size=(900, 600))
    )


def test_the_markup_is_wagtails_picture(image):
    renditions = get_renditions_or_not_found(image, USES["card"].filter_specs)
    expected = Picture(
        renditions, {"alt": "Pier", "loading": "lazy", "sizes": USES["card"].sizes}
    ).__html__()
    assert card(image, alt="Pier") == expected
    assert card(image, alt="Pier") == expected  # and the same when remembered
    assert 'type="image/avif"' in expected and 'width="400"' in expected


def test_the_markup_is_built_once_for_the_same_renditions_and_attributes(image):
    card(image, alt="Pier")
    with mock.patch.object(
        Picture, "__html__", autospec=True, side_effect=Picture.__html__
    ) as build:
        card(image, alt="Pier")
        card(image, alt="Pier")
        assert build.call_count == 0
        assert "Old town" in card(image, alt="Old town")  # other attributes: other markup
        assert build.call_count == 1


def test_new_renditions_give_new_markup(image):
    before = card(image)
    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = (
        850,
        50,
        20,
        20,
    )
    image.save()
    image = get_image_model().objects.get(pk=image.pk)
    after = card(image)
    new_files = [
        rendition.file.name
        for rendition in get_renditions_or_not_found(image, USES["card"].filter_specs).values()
    ]
    assert after != before
    assert all(name.rsplit("/", 1)[1] in after for name in new_files)


# Listings load their renditions as rows (``core.rendition_rows``), not as instances.


def loaded(image, specs=USES["card"].filter_specs):
    """The image as a listing holds it: fresh from the database, its renditions loaded as rows."""
    image = get_image_model().objects.get(pk=image.pk)
    load_rendition_rows([image], specs)
    return image


def test_markup_from_rows_is_the_markup_from_renditions(image):
    from_renditions = card(image, alt="Pier")
    remembered_pictures.clear()
    assert card(loaded(image), alt="Pier") == from_renditions


def test_remembered_markup_from_rows_builds_no_rendition(image, rendition_instances):
    card(loaded(image))
    image = loaded(image)
    rendition_instances.clear()
    with CaptureQueriesContext(connection) as queries:
        html = card(image)
    assert rendition_instances == []
    assert len(queries) == 0
    assert "<picture>" in html


def test_rows_follow_a_new_focal_point(image):
    before = card(loaded(image))
    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = (
        850,
        50,
        20,
        20,
    )
    image.save()
    after = card(loaded(image))  # the old renditions are still in the rows, the new ones not yet
    renditions = get_renditions_or_not_found(
        get_image_model().objects.get(pk=image.pk), USES["card"].filter_specs
    )
    assert after != before
    assert all(rendition.file.name.rsplit("/", 1)[1] in after for rendition in renditions.values())
    assert card(loaded(image)) == after  # and now from the rows


def test_a_missing_rendition_is_made(image):
    rendition_model = get_image_model().get_rendition_model()
    assert not rendition_model.objects.filter(image=image).exists()
    html = card(loaded(image))
    assert rendition_model.objects.filter(image=image).count() == len(USES["card"].filter_specs)
    for rendition in rendition_model.objects.filter(image=image):
        assert rendition.file.name.rsplit("/", 1)[1] in html


def test_one_rendition_from_rows_is_wagtails(image, rendition_instances):
    spec = USES["social_image"].resize
    expected = image.get_rendition(spec)
    rows = loaded(image, [spec])
    rendition_instances.clear()
    assert rendition_file(rows, spec) == (expected.url, expected.width, expected.height)
    assert rendition_instances == []


def test_one_rendition_without_rows_is_made(image):
    spec = USES["social_image"].resize
    rendition_model = get_image_model().get_rendition_model()
    found = rendition_file(image, spec)
    made = rendition_model.objects.get(image=image, filter_spec=spec)
    assert found == (made.url, made.width, made.height)
