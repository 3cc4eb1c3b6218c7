"""A site just set up, before anyone has saved its settings: visitors still get pages."""

import pytest
from django.core.cache import cache

from core.models import ContactSettings, OrganisationDetails
from core.tests.factories import StandardPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]


def test_the_first_visitors_of_a_site_without_settings_get_its_pages(client, home_page):
    ContactSettings.objects.all().delete()
    OrganisationDetails.objects.all().delete()
    cache.clear()
    # No summary: the description would fall back to the organisation's tagline.
    page = StandardPageFactory(parent=home_page, title="About us", summary="")
    for url in (home_page.url, page.url):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"<h1" in response.content
    # Reading the settings made none: saving them is an administrator's.
    assert not ContactSettings.objects.exists()
