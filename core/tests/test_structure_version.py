"""What is kept per structure version (the layout, routes, language links, privacy) outlives an
edit of a live page's content, and everything that may change it makes it afresh at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction

from core.caching import content_version, structure_version
from core.models import OrganisationDetails
from culture.models import ActivityPage, SectionPage

pytestmark = pytest.mark.django_db


def english(model):
    return model.objects.live().filter(locale__language_code="en").order_by("pk").first()


def layout_queries(client, url):
    """The queries of a visit that build the layout (the organisation's details)."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query for query in queries if "core_organisationdetails" in query["sql"]]


def menu_of(client, url):
    text = client.get(url).content.decode()
    start = text.index('class="main-nav__list"')
    return text[start : text.index("</ul>", start)]


def test_an_edit_in_place_keeps_the_structure_and_shows_the_new_content(client):
    activity = english(ActivityPage)
    client.get(activity.url)
    assert layout_queries(client, activity.url) == []
    versions = content_version(), structure_version()

    activity.place = "The new hall on Aurakatu"
    activity.save_revision().publish()

    assert content_version() != versions[0]
    assert structure_version() == versions[1]
    assert layout_queries(client, activity.url) == []
    assert "The new hall on Aurakatu" in client.get(activity.url).content.decode()


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda page: setattr(page, "title", "Arts and Culture"), id="title"),
        pytest.param(lambda page: setattr(page, "show_in_menus", False), id="menu"),
        pytest.param(lambda page: setattr(page, "slug", "arts"), id="slug"),
    ],
)
def test_what_the_menu_shows_of_a_page_changes_in_every_menu_at_once(client, change):
    section = english(SectionPage)
    other_page = english(ActivityPage)
    menu_before = menu_of(client, other_page.url)
    assert f">{section.title}<" in menu_before
    versions = structure_version()

    change(section)
    section.save_revision().publish()

    assert structure_version() != versions
    section.refresh_from_db()
    menu_after = menu_of(client, english(ActivityPage).url)
    assert menu_after != menu_before
    if section.show_in_menus:
        assert f'href="{section.url}"' in menu_after
        assert f">{section.title}<" in menu_after


def test_unpublishing_a_menu_page_takes_it_out_of_every_menu(client):
    section = english(SectionPage)
    text_page_url = "/en/"
    assert f">{section.title}<" in menu_of(client, text_page_url)
    section.unpublish()
    assert f">{section.title}<" not in menu_of(client, text_page_url)


def test_a_view_restriction_takes_a_section_out_of_the_menu_of_every_language(client):
    section = english(SectionPage)
    finnish = section.get_translation(Locale.objects.get(language_code="fi"))
    assert f">{finnish.title}<" in menu_of(client, "/fi/")
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    assert f">{finnish.title}<" not in menu_of(client, "/fi/")
    assert client.get(finnish.url).status_code in (302, 403, 404)


def test_a_snippet_in_the_layout_changes_at_once(client):
    client.get("/en/")
    details = OrganisationDetails.objects.filter(locale__language_code="en").get()
    details.name = "Baltic Region ry (renamed)"
    details.save_revision().publish()
    assert "Baltic Region ry (renamed)" in client.get("/en/").content.decode()
