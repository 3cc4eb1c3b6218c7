"""The sitemap as search engines read it: valid against the sitemaps.org schema (with the XHTML
links of translations), every page's translations and the English original as x-default, and
the publication lists' year archives with theirs."""

from collections import defaultdict
from pathlib import Path

import pytest
from lxml import etree
from wagtail.models import PageViewRestriction

from conftest import LANGUAGES
from publications.models import PublicationIndexPage, PublicationPage

pytestmark = pytest.mark.django_db

SCHEMA = Path(__file__).parent / "schemas/sitemap-with-alternates.xsd"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return etree.fromstring(response.content)


def alternates_by_location(tree):
    found = {}
    for url in tree.findall("s:url", NS):
        found[url.findtext("s:loc", namespaces=NS)] = {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
    return found


def test_the_sitemap_is_valid_against_the_sitemaps_org_schema(client):
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    tree = sitemap(client)
    assert schema.validate(tree), schema.error_log
    assert len(tree.findall("s:url", NS)) > 3 * 12


def test_every_translated_address_names_its_translations_and_an_x_default(client):
    entries = alternates_by_location(sitemap(client))
    translated = {location: links for location, links in entries.items() if links}
    assert translated
    for location, links in translated.items():
        assert location in links.values(), location
        assert set(links) - {"x-default"} <= set(LANGUAGES)
        if "en" in links:
            assert links["x-default"] == links["en"], location
        for href in links.values():
            # Alternates are reciprocal: each names the same set.
            assert entries[href] == links, href


def year_archives(index):
    """The addresses of the list's year archives: one for each year it has publications of."""
    publications = PublicationPage.objects.child_of(index).live().filter(alias_of__isnull=True)
    return {
        day.year: f"http://testserver{index.url}{index.reverse_subpage('year', args=(day.year,))}"
        for day in publications.dates("date_published", "year")
    }


def test_the_publication_year_archives_are_listed_with_their_translations(client):
    entries = alternates_by_location(sitemap(client))
    archives = defaultdict(dict)
    for index in PublicationIndexPage.objects.live().filter(alias_of__isnull=True):
        for year, url in year_archives(index).items():
            archives[year][index.locale.language_code] = url
    assert archives
    for year, by_language in archives.items():
        expected = dict(by_language)
        if "en" in by_language:
            expected["x-default"] = by_language["en"]
        for location in by_language.values():
            assert location in entries, location
            assert client.get(location).status_code == 200
            if len(by_language) > 1:
                assert entries[location] == expected, year
                head = client.get(location).content.decode().split("</head>")[0]
                for code, href in by_language.items():
                    assert f'<link rel="alternate" hreflang="{code}" href="{href}">' in head


def test_a_private_publication_list_keeps_its_archives_out_of_the_sitemap(client):
    index = PublicationIndexPage.objects.live().get(locale__language_code="en")
    lists = [translation.specific for translation in index.get_translations(inclusive=True)]
    archives = [url for each in lists for url in year_archives(each).values()]
    assert archives and set(archives) <= set(alternates_by_location(sitemap(client)))
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    # The restriction holds for the translations too (core.privacy).
    assert not set(archives) & set(alternates_by_location(sitemap(client)))
