"""Every language gets a whole site: sitemap alternates, untranslated pages and the switcher."""

import re

import pytest
from wagtail.models import Locale, Page

from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def english_page(title):
    home = HomePage.objects.get(locale__language_code="en")
    page = StandardPage(title=title)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_sitemap_lists_every_locale_with_exactly_the_live_translations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    welcome = StandardPage.objects.get(locale__language_code="en", slug="welcome")
    locations = re.findall(r"<loc>(.*?)</loc>", xml)
    for translation in welcome.get_translations(inclusive=True):
        assert f"http://testserver{translation.url}" in locations
    welcome_block = next(
        b for b in xml.split("<url>") if f"<loc>http://testserver{welcome.url}</loc>" in b
    )
    hreflangs = sorted(re.findall(r'hreflang="(\w+)"', welcome_block))
    assert hreflangs == ["en", "fi", "ru"]


def test_untranslated_alias_pages_are_kept_out_of_switcher_sitemap_and_index(client):
    page = english_page("Only in English for now")
    finnish = Locale.objects.get(language_code="fi")
    alias = page.copy_for_translation(finnish, alias=True)
    alias_page = Page.objects.get(pk=alias.pk)
    assert alias_page.live

    english_html = client.get(page.url).content.decode()
    assert f'href="{alias_page.url}"' not in english_html
    assert 'href="/fi/?untranslated=1" lang="fi"' in english_html  # the Finnish home page
    assert 'hreflang="fi" href' not in english_html.split("</head>")[0]

    alias_html = client.get(alias_page.url).content.decode()
    assert '<meta name="robots" content="noindex">' in alias_html
    assert f'<link rel="canonical" href="http://testserver{page.url}">' in alias_html

    sitemap = client.get("/sitemap.xml").content.decode()
    assert alias_page.url not in sitemap
    assert page.url in sitemap


def test_drafts_and_private_pages_stay_out_of_the_sitemap(client):
    draft = english_page("A draft page")
    draft.unpublish()
    private = english_page("Members only page")
    private.view_restrictions.create(restriction_type="login")
    sitemap = client.get("/sitemap.xml").content.decode()
    assert draft.url not in sitemap
    assert private.url not in sitemap


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_the_switcher_follows_a_new_translation_and_an_unpublished_one_at_once(client):
    page = english_page("Soon in Finnish")
    finnish = Locale.objects.get(language_code="fi")
    # Twice: the second visit takes the links the first one kept.
    for _visit in range(2):
        assert 'href="/fi/?untranslated=1" lang="fi"' in client.get(page.url).content.decode()

    translation = page.copy_for_translation(finnish)
    translation.title = "Pian suomeksi"
    translation.save_revision().publish()
    translation = Page.objects.get(pk=translation.pk)
    html = client.get(page.url).content.decode()
    assert f'href="{translation.url}" lang="fi"' in html
    assert "/fi/?untranslated=1" not in html

    translation.unpublish()
    assert 'href="/fi/?untranslated=1" lang="fi"' in client.get(page.url).content.decode()
