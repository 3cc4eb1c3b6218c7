"""Site search: each language finds its own live pages, with that language's stemming on PostgreSQL."""

import re
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.search.backends import get_search_backend
from wagtail_localize.operations import TranslationCreator

from core.tests.factories import translate
from home.models import HomePage, StandardPage
from search import hit_counts
from search.models import SearchTerm

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="stemming per language needs PostgreSQL text-search configurations; SQLite FTS5 matches exact words",
)


def add_page(language, title, live=True, **fields):
    home = HomePage.objects.get(locale__language_code=language)
    slug = re.sub(r"\W+", "-", title.lower()).strip("-")
    page = home.add_child(instance=StandardPage(title=title, slug=slug, live=live, **fields))
    if live:
        page.save_revision().publish()
    return page


def search(client, language, query, **params):
    return client.get(f"/{language}/search/", {"q": query, **params})


def found(response):
    """Titles of the results listed, in order (promoted ones first)."""
    html = response.content.decode()
    return re.findall(r'<li class="search-result[^"]*">\s*<h[23]><a href="[^"]*">([^<]*)</a>', html)


@postgresql_only
@pytest.mark.parametrize(
    ("language", "title", "query"),
    [
        ("ru", "Новогодний концерт в Аурахове", "концерты"),
        ("ru", "Фестиваль «Зимний Аурахов»", "фестивали"),
        ("fi", "Aurahovin kevään tapahtuma", "tapahtumat"),
        ("fi", "Aurahovin konsertti", "konsertteja"),
        ("en", "Aurahov gardening club", "gardens"),
        ("en", "Aurahov festival", "festivals"),
    ],
)
def test_an_inflected_query_finds_the_page_in_its_language(client, language, title, query):
    add_page(language, title)
    translation.activate(language)
    assert title in found(search(client, language, query))


@postgresql_only
def test_each_locale_keeps_its_own_stemming_in_the_one_index():
    """The index entries are built with the language of the page, not one shared configuration."""
    pages = {
        "en": add_page("en", "Aurahov running evenings"),
        "fi": add_page("fi", "Aurahovin juoksuillat"),
        "ru": add_page("ru", "Беговые вечера в Аурахове"),
    }
    configs = {"en": "english", "fi": "finnish", "ru": "russian"}
    with connection.cursor() as cursor:
        for language, page in pages.items():
            # Equal up to the weights, which to_tsvector does not set.
            cursor.execute(
                "SELECT strip(title) = strip(to_tsvector(%s, %s)) FROM wagtailsearch_indexentry WHERE object_id = %s",
                [configs[language], page.title, str(page.pk)],
            )
            assert cursor.fetchone() == (True,)
    # The admin searches every language at once and still finds each inflection.
    everywhere = get_search_backend().search
    for query, page in [
        ("run", pages["en"]),
        ("juoksuilta", pages["fi"]),
        ("беговой вечер", pages["ru"]),
    ]:
        assert page.pk in [result.pk for result in everywhere(query, Page.objects.all())]


@postgresql_only
def test_a_query_is_stemmed_for_the_language_searched_not_for_another(client):
    add_page("ru", "Концерт у Аурахова")
    assert "Концерт у Аурахова" not in found(search(client, "en", "концерты"))
    assert "Концерт у Аурахова" in found(search(client, "ru", "концерты"))


@pytest.mark.parametrize("language", ["en", "fi", "ru"])
def test_a_word_finds_live_pages_of_that_language_only(client, language):
    for each in ("en", "fi", "ru"):
        add_page(each, f"Zyxwarble {each}")
    add_page(language, f"Zyxwarble draft {language}", live=False)
    private = add_page(language, f"Zyxwarble members {language}")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    translation.activate(language)
    assert found(search(client, language, "zyxwarble")) == [f"Zyxwarble {language}"]


def test_results_show_type_area_date_and_a_highlighted_passage(client):
    response = search(client, "en", "choir")
    html = response.content.decode()
    event = re.search(
        r'<li class="search-result">.*?Choir concert Beryozka.*?</li>', html, re.S
    ).group(0)
    assert "Event" in event
    assert "<time datetime=" in event
    assert "Hobbies" in event
    assert "<mark>" in html
    assert re.search(r"\d+ results? for “choir”", html)


def test_page_text_in_a_passage_is_escaped(client):
    add_page("en", "Quizzlebrook night", summary="Quizzlebrook <script>alert(1)</script> & friends")
    html = search(client, "en", "quizzlebrook").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&amp; friends" in html


def test_results_are_paginated_with_a_count(client):
    for number in range(12):
        add_page("en", f"Plonkwort meeting {number}")
    first = search(client, "en", "plonkwort")
    assert len(found(first)) == 10
    assert "12 results for “plonkwort”" in first.content.decode()
    second = search(client, "en", "plonkwort", page=2)
    assert len(found(second)) == 2
    assert "page=2" in first.content.decode()
    assert set(found(first)).isdisjoint(found(second))


class TestCappedSearch:
    """A word on most pages: only SEARCH_RESULTS_CAP matches are ranked and counted."""

    def test_more_matches_than_the_cap_are_counted_as_more(self, client, settings):
        settings.SEARCH_RESULTS_CAP = 12
        for number in range(14):
            add_page("en", f"Meeting {number}", summary=f"Plonkwort notes {number}")
        add_page("en", "Plonkwort")
        first = search(client, "en", "plonkwort")
        html = first.content.decode()
        assert "More than 12 results for “plonkwort”. Add a word to narrow the search." in html
        # The page titled with the word is a candidate and ranks first.
        assert found(first)[0] == "Plonkwort"
        second = search(client, "en", "plonkwort", page=2)
        assert len(found(first)) == 10 and len(found(second)) == 2
        assert set(found(first)).isdisjoint(found(second))
        assert found(search(client, "en", "plonkwort", page=3)) == found(second)
        # Counted once for the searches report, with the count shown.
        [counted] = hit_counts.pending.take()
        assert (counted["searches"], counted["last_result_count"]) == (1, 12)

    def test_only_public_live_pages_of_the_language_fill_the_cap(self, client, settings):
        settings.SEARCH_RESULTS_CAP = 2
        for language in ("fi", "ru"):
            for number in range(3):
                add_page(language, f"Plonkwort {language} {number}")
        for number in range(3):
            add_page("en", f"Plonkwort draft {number}", live=False)
            private = add_page("en", f"Plonkwort members {number}")
            PageViewRestriction.objects.create(
                page=private, restriction_type=PageViewRestriction.LOGIN
            )
        add_page("en", "Plonkwort open day")
        response = search(client, "en", "plonkwort")
        assert found(response) == ["Plonkwort open day"]
        assert "1 result for “plonkwort”" in response.content.decode()

    def test_only_public_live_pages_of_the_language_match_in_their_text(self, client, settings):
        """The pages that match outside their title come from a query of their own."""
        settings.SEARCH_RESULTS_CAP = 3
        for language in ("fi", "ru"):
            add_page(language, f"Meeting {language}", summary="Plonkwort notes")
        add_page("en", "Draft meeting", live=False, summary="Plonkwort notes")
        private = add_page("en", "Members meeting", summary="Plonkwort notes")
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
        add_page("en", "Open meeting", summary="Plonkwort notes")
        add_page("en", "Plonkwort walk")
        response = search(client, "en", "plonkwort")
        assert sorted(found(response)) == ["Open meeting", "Plonkwort walk"]
        assert "2 results for “plonkwort”" in response.content.decode()

    def test_matches_in_titles_and_in_the_rest_are_ranked_together(self, client, settings):
        settings.SEARCH_RESULTS_CAP = 30
        for number in range(12):
            add_page("en", f"Meeting {number}", summary=f"Plonkwort notes {number}")
        for number in range(3):
            add_page("en", f"Plonkwort fair {number}")
        first, second = search(client, "en", "plonkwort"), search(client, "en", "plonkwort", page=2)
        if connection.vendor == "postgresql":
            # Titles weigh most in PostgreSQL's rank (SQLite's FTS5 ranks by its own measure).
            assert sorted(found(first)[:3]) == [f"Plonkwort fair {number}" for number in range(3)]
        assert len(found(first)) == 10 and len(found(second)) == 5
        assert set(found(first)).isdisjoint(found(second))
        assert "15 results for “plonkwort”" in first.content.decode()


@postgresql_only
def test_the_index_is_read_once_when_titles_fill_the_cap(client, settings):
    """Each candidate is ranked as it is found: no second query reads the index entries again
    (the page of results joins its own entries for the passages)."""
    settings.SEARCH_RESULTS_CAP = 3
    for number in range(5):
        add_page("en", f"Plonkwort {number}", summary="Plonkwort notes")
    search(client, "en", "plonkwort")
    with CaptureQueriesContext(connection) as queries:
        assert len(found(search(client, "en", "plonkwort"))) == 3
    ranked = [query for query in queries if "ts_rank" in query["sql"]]
    assert len(ranked) == 1
    assert ranked[0]["sql"].startswith('SELECT "wagtailsearch_indexentry"')


def test_nothing_found_suggests_the_areas(client):
    html = search(client, "en", "qwxzvbnm").content.decode()
    assert "0 results" in html
    assert "Browse the activity areas" in html
    assert 'href="/en/culture/"' in html


def test_a_misspelt_word_gets_a_suggestion(client):
    html = search(client, "en", "chior concret").content.decode()
    assert 'Did you mean <a href="?q=choir%20concert">choir concert</a>?' in html


def test_the_titles_words_are_read_once_per_content_version(client):
    """Suggestions come from every title of the language: misspelt searches, one after another,
    must not read them all each time."""
    search(client, "en", "chior concret")
    with CaptureQueriesContext(connection) as queries:
        html = search(client, "en", "concret chior").content.decode()
    assert 'Did you mean <a href="?q=concert%20choir">concert choir</a>?' in html
    titles_read = 'SELECT "wagtailcore_page"."title" AS "title" FROM'
    assert not [query for query in queries if query["sql"].startswith(titles_read)]


@pytest.mark.no_demo
def test_promoted_results_come_first_and_only_in_their_language(client, home_page):
    promoted = add_page("en", "Choir practice rooms")
    add_page("en", "Choir of the harbour")
    other_language = translate(
        add_page("en", "Singing together"), "fi", {"Singing together": "Laulamme yhdessä"}
    )
    query = Query.get("choir")
    SearchPromotion.objects.create(
        query=query, page=promoted, description="Where the choirs rehearse", sort_order=0
    )
    SearchPromotion.objects.create(query=query, page=other_language, sort_order=1)
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://example.org/choirs",
        external_link_text="Choirs of Turku",
        sort_order=2,
    )
    titles = found(search(client, "en", "Choir"))
    assert titles[:2] == ["Choir practice rooms", "Choirs of Turku"]
    assert titles.count("Choir practice rooms") == 1
    assert other_language.title not in titles
    assert "Choir of the harbour" in titles[2:]


@pytest.mark.parametrize(
    "params",
    [
        {"q": ""},
        {},
        {"q": "x" * 1000},
        {"q": "концерт " * 150},
        {"q": "'; DROP TABLE wagtailcore_page; --"},
        {"q": '" OR 1=1 --'},
        {"q": "choir' & !(:* | \\"},
        {"q": "🎵🎶 choir 🎉"},
        {"q": "концерт konsertti concert"},
        {"q": '"unbalanced quote'},
        {"q": "%ZZ%"},
        {"q": "choir", "page": "-1"},
        {"q": "choir", "page": "abc"},
        {"q": "choir", "page": "99999"},
        {"q[]": "choir"},
        {"q": ["choir", "concert"]},
    ],
)
def test_bad_input_gets_a_normal_page(client, params):
    response = client.get("/en/search/", params)
    assert response.status_code == 200
    assert b"<h1>Search</h1>" in response.content


def test_a_nul_character_is_a_bad_request(client):
    assert client.get("/en/search/?q=choir%00").status_code == 400


def test_the_header_search_form_is_on_every_page_and_links_to_results(client):
    html = client.get("/fi/").content.decode()
    form = re.search(r'<form class="site-search".*?</form>', html, re.S).group(0)
    assert 'action="/fi/search/"' in form and 'method="get"' in form
    assert '<label class="visually-hidden" for="site-search-q">' in form
    assert 'name="q"' in form


def test_a_search_address_without_language_follows_the_browser(client):
    response = client.get("/search/?q=%D1%85%D0%BE%D1%80", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 302
    assert response["Location"] == "/ru/search/?q=%D1%85%D0%BE%D1%80"


def test_result_pages_are_not_indexed_by_search_engines(client):
    assert (
        b'<meta name="robots" content="noindex, follow">' in search(client, "en", "choir").content
    )


def test_the_admin_finds_pages_of_every_language_by_the_start_of_a_word(client, demo_user):
    # Wagtail's admin page search completes words (unstemmed), in every language at once.
    add_page("ru", "Концерт у Аурахова")
    add_page("fi", "Aurahovin tapahtuma")
    client.force_login(demo_user("admin"))
    for query, title in [("концер", "Концерт у Аурахова"), ("tapahtum", "Aurahovin tapahtuma")]:
        response = client.get(reverse("wagtailadmin_pages:search"), {"q": query})
        assert title in response.content.decode()


class TestIndexStaysCurrent:
    def test_publishing_and_unpublishing(self, client):
        page = add_page("en", "Glimmerquast workshop", live=False)
        assert found(search(client, "en", "glimmerquast")) == []
        page.save_revision().publish()
        assert found(search(client, "en", "glimmerquast")) == ["Glimmerquast workshop"]
        page.title = "Snorkelwick workshop"
        page.save_revision().publish()
        assert found(search(client, "en", "glimmerquast")) == []
        assert found(search(client, "en", "snorkelwick")) == ["Snorkelwick workshop"]
        page.refresh_from_db()
        page.unpublish()
        assert found(search(client, "en", "snorkelwick")) == []

    def test_a_draft_edit_does_not_change_the_results(self, client):
        page = add_page("en", "Wobblefrond evening")
        page.title = "Quibbleton evening"
        page.save_revision()
        assert found(search(client, "en", "wobblefrond")) == ["Wobblefrond evening"]
        assert found(search(client, "en", "quibbleton")) == []

    def test_moving(self, client):
        page = add_page("en", "Frumplestone guide")
        parent = add_page("en", "Frumple parent")
        page.move(parent, pos="last-child")
        html = search(client, "en", "frumplestone").content.decode()
        assert 'href="/en/frumple-parent/frumplestone-guide/"' in html

    def test_translating(self, client):
        source = add_page("en", "Wintergloam choir")
        finnish = Locale.objects.get(language_code="fi")
        creator = TranslationCreator(user=None, target_locales=[finnish])
        creator.create_translations(source)
        (page_translation,) = [
            each for translations in creator.mappings.values() for each in translations
        ]
        po = page_translation.export_po()
        for entry in po:
            entry.msgstr = {"Wintergloam choir": "Wintergloamin kuoro"}.get(
                entry.msgid, entry.msgid
            )
        page_translation.import_po(po)
        page_translation.save_target(publish=False)
        translation.activate("fi")
        assert found(search(client, "fi", "wintergloamin")) == []
        page_translation.get_target_instance().get_latest_revision().publish()
        assert found(search(client, "fi", "wintergloamin")) == ["Wintergloamin kuoro"]
        translation.activate("en")
        assert found(search(client, "en", "wintergloamin")) == []


@pytest.mark.no_demo
def test_a_full_rebuild_keeps_each_language_searchable(client, home_page):
    translate(add_page("en", "Choir concert"), "ru", {"Choir concert": "Концерт хора «Рябинка»"})
    call_command("update_index", stdout=StringIO())
    translation.activate("ru")
    query = "концерты" if connection.vendor == "postgresql" else "концерт"
    assert "Концерт хора «Рябинка»" in found(search(client, "ru", query))


class TestSearchLog:
    def test_searches_are_counted_per_language_with_those_that_found_nothing(self, client):
        search(client, "en", "choir")
        search(client, "en", "choir", page=2)
        search(client, "en", "Blorptangle")
        search(client, "ru", "Blorptangle")
        hit_counts.flush()
        choir = SearchTerm.objects.get(query__query_string="choir", locale__language_code="en")
        assert (choir.searches, choir.searches_without_results) == (1, 0)
        assert choir.last_result_count > 0
        assert Query.get("choir").hits == 1
        nothing = SearchTerm.objects.filter(query__query_string="blorptangle")
        assert sorted(nothing.values_list("locale__language_code", "searches_without_results")) == [
            ("en", 1),
            ("ru", 1),
        ]

    def test_editors_see_the_searches_that_found_nothing(self, client, demo_user):
        search(client, "en", "Blorptangle")
        search(client, "en", "choir")
        hit_counts.flush()
        client.force_login(demo_user("editor"))
        response = client.get(reverse("search_terms_report"), {"found_nothing": "true"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "blorptangle" in html
        assert "choir" not in html

    def test_the_report_is_in_the_reports_menu_for_editors_only(self, client, demo_user):
        client.force_login(demo_user("editor"))
        assert (
            reverse("search_terms_report")
            in client.get(reverse("wagtailadmin_home")).content.decode()
        )
        client.force_login(demo_user("translator-fi"))
        assert (
            reverse("search_terms_report")
            not in client.get(reverse("wagtailadmin_home")).content.decode()
        )
        assert client.get(reverse("search_terms_report")).status_code in (302, 403)

    def test_editors_moderators_and_administrators_have_the_permission(self):
        for name in ("Editors", "Moderators", "Administrators"):
            assert (
                Group.objects.get(name=name).permissions.filter(codename="view_searchterm").exists()
            )


@pytest.mark.parametrize(("language", "query"), [("en", "turku"), ("fi", "turku"), ("ru", "турку")])
def test_a_page_of_results_of_many_types_within_ten_queries(
    assert_page_queries, settings, language, query
):
    """The content version, the promotions, the matches in titles and in the rest (ranked), then
    one query for the pages of every type with their passages, the events' dates and the areas;
    the site comes from the cache, and the count is stored later (search/hit_counts.py)."""
    settings.SEARCH_COUNTS_FLUSH_EVERY = 100
    # PostgreSQL ranks the candidates as it finds them; SQLite reads them again to rank them.
    budget = 7 if connection.vendor == "postgresql" else 8
    response = assert_page_queries(f"/{language}/search/?q={query}", budget)
    types = re.findall(
        r'<p class="card__meta">\s*([^<·]+?)\s*(?:·|</p>)', response.content.decode()
    )
    assert found(response) and len(set(types)) >= 3, types
