"""Image filter specs are parsed once per process and still give the same renditions."""

import pytest
from wagtail.images import get_image_model
from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.images.models import Filter
from wagtail.images.tests.utils import get_test_image_file

pytestmark = pytest.mark.django_db


def test_filters_with_the_same_spec_share_one_parse():
    first, second = Filter("fill-400x267|format-webp"), Filter("fill-400x267|format-webp")
    assert first.operations is second.operations
    assert Filter("fill-800x533|format-webp").operations is not first.operations


def test_an_unknown_operation_is_still_refused_every_time():
    for _attempt in range(2):
        with pytest.raises(InvalidFilterSpecError):
            _ = Filter("sparkle-10x10").operations


def test_renditions_follow_each_spec_and_the_focal_point():
    image = get_image_model().objects.create(
        title="Harbour", file=get_test_image_file(size=(640, 480))
    )
    fill = image.get_rendition("fill-200x100|format-webp")
    assert (fill.width, fill.height) == (200, 100)
    assert fill.file.name.endswith(".webp")
    assert image.get_rendition("max-100x100").width == 100

    # The crop depends on the image's focal point, which the shared operations must not keep.
    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = (
        600,
        50,
        20,
        20,
    )
    image.save()
    moved = image.get_rendition("fill-200x100|format-webp")
    assert moved.focal_point_key != fill.focal_point_key
