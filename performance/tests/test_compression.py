"""Pages are compressed for anonymous visitors, never for signed-in users (BREACH)."""

import gzip

import pytest

from home.models import StandardPage

pytestmark = pytest.mark.django_db


def welcome_url():
    return StandardPage.objects.live().get(locale__language_code="en", slug="welcome").url


def test_anonymous_visitors_get_pages_compressed(client):
    response = client.get(welcome_url(), HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b'<html lang="en">' in gzip.decompress(response.content)


def test_signed_in_users_get_pages_uncompressed(client, demo_user):
    client.force_login(demo_user("editor"))
    response = client.get(welcome_url(), HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert b'<html lang="en">' in response.content
    admin = client.get("/admin/", HTTP_ACCEPT_ENCODING="gzip")
    assert admin.status_code == 200
    assert not admin.has_header("Content-Encoding")


def test_the_page_cache_keeps_a_compressed_and_a_plain_copy(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    url = welcome_url()
    first = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert (first["X-Page-Cache"], first["Content-Encoding"]) == ("miss", "gzip")
    # A client that cannot read gzip gets its own, plain copy.
    plain = client.get(url)
    assert plain["X-Page-Cache"] == "miss"
    assert not plain.has_header("Content-Encoding")
    assert b'<html lang="en">' in plain.content
    hit = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert (hit["X-Page-Cache"], hit["Content-Encoding"]) == ("hit", "gzip")
    assert gzip.decompress(hit.content) == gzip.decompress(first.content)
    assert client.get(url)["X-Page-Cache"] == "hit"
