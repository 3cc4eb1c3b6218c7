"""An image whose original file is gone (a failed restore, a storage bucket cleaned by hand)
costs its picture, not the page: the page, its card in the listings and its structured data
still answer 200, as Wagtail's own ``{% image %}`` tag does."""

import datetime

import pytest
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from culture.models import GalleryImage
from culture.tests.factories import GalleryPageFactory
from events.tests.factories import EventPageFactory, occurrences

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]


@pytest.fixture
def lost_image():
    image = get_image_model().objects.create(
        title="Harbour", file=get_test_image_file(size=(900, 600))
    )
    image.file.storage.delete(image.file.name)
    return image


def test_pages_whose_picture_lost_its_file_still_answer(client, home_page, lost_image):
    event = EventPageFactory(
        title="Harbour walk",
        image=lost_image,
        occurrences=occurrences(timezone.now() + datetime.timedelta(days=3)),
    )
    gallery = GalleryPageFactory(
        title="Harbour photos",
        cover_image=lost_image,
        gallery_images=[GalleryImage(image=lost_image, alt_text="The harbour at dusk")],
    )
    for url in (event.url, event.get_parent().url, gallery.url, gallery.get_parent().url, "/en/"):
        response = client.get(url)
        assert response.status_code == 200, url
