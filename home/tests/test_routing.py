"""Routing looks the site up once per content version, not on every request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

pytestmark = pytest.mark.django_db


def site_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query for query in queries if "wagtailcore_site" in query["sql"]]


def test_the_site_is_looked_up_once_until_a_site_changes(client):
    site_queries(client, "/en/")
    assert site_queries(client, "/en/") == []
    assert site_queries(client, "/fi/") == []

    site = Site.objects.get(is_default_site=True)
    site.site_name = "Baltic Region association"
    site.save()
    assert len(site_queries(client, "/en/")) >= 1
    assert site_queries(client, "/en/") == []


def test_a_host_with_no_site_of_its_own_gets_the_default_site(client, settings):
    settings.ALLOWED_HOSTS = ["*"]
    for _visit in range(2):
        response = client.get("/en/", HTTP_HOST="other.example")
        assert response.status_code == 200
        assert '<html lang="en">' in response.content.decode()
