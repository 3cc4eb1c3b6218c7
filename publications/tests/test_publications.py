"""Publications: the filtered list, year archives, feeds, documents and link previews."""

import datetime
import json
import re
from urllib.parse import urlsplit

import feedparser
import pytest
from django.db import connection
from django.template.defaultfilters import filesizeformat
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from conftest import LANGUAGES
from core.caching import new_content_version
from core.models import Area, Person
from core.tests.factories import AreaFactory, PersonFactory, translate
from culture.models import SectionPage
from home.models import HomePage, StandardPage
from publications.models import (
    PublicationAuthor,
    PublicationIndexPage,
    PublicationKind,
    PublicationPage,
)
from publications.tests.factories import (
    PdfDocumentFactory,
    PublicationIndexPageFactory,
    PublicationPageFactory,
    attachments,
    authors,
)

pytestmark = pytest.mark.django_db


def index_page(language):
    return PublicationIndexPage.objects.live().get(locale__language_code=language)


def live_publications(language):
    return PublicationPage.objects.live().filter(locale__language_code=language)


def with_documents(language):
    return live_publications(language).filter(attachments__isnull=False).distinct()


def get_html(client, url):
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return response.content.decode()


def listed_titles(html):
    return re.findall(r'<h3 class="card__title"><a href="[^"]*">([^<]*)</a></h3>', html)


def feed_url(index, name):
    return index.url + index.reverse_subpage(name)


def meta(html, name):
    match = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', html)
    return match and match.group(1)


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


# The demo and the page tree


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("model", [PublicationIndexPage, PublicationPage], ids=lambda m: m.__name__)
def test_each_page_type_renders_in_each_language(client, model, language):
    page = model.objects.live().filter(locale__language_code=language).order_by("path").first()
    assert page is not None, f"the demo has no live {model.__name__} in {language}"
    assert page.url.startswith(f"/{language}/")
    html = get_html(client, page.url)
    assert f'<html lang="{language}">' in html
    assert f"<h1>{escape(page.title)}</h1>" in html
    assert html.count("<h1") == 1


def test_demo_publications_cover_kinds_areas_and_eighteen_months():
    today = timezone.localdate()
    for language in LANGUAGES:
        publications = live_publications(language)
        assert publications.count() >= 10
        assert set(publications.values_list("kind", flat=True)) == set(PublicationKind.values)
        dates = list(publications.values_list("date_published", flat=True))
        assert min(dates) >= today - datetime.timedelta(days=549)
        assert max(dates) <= today
        assert (max(dates) - min(dates)).days > 365
        area_slugs = set(publications.values_list("areas__slug", flat=True))
        assert {"culture", "education", "wellness", "journeys", "hobbies"} <= area_slugs
        assert all(page.authors.exists() for page in publications)
        assert with_documents(language).count() >= 3


def survey_in_russian():
    """An English report by two people, with two documents and two tags, translated into
    Russian (the people first) and given Russian tags, as the demo's survey is."""
    anna = PersonFactory(name="Anna Korhonen")
    irina = PersonFactory(name="Irina Virtanen")
    translate(anna, "ru", {"Anna Korhonen": "Анна Корхонен"})
    translate(irina, "ru", {"Irina Virtanen": "Ирина Виртанен"})
    english = PublicationPageFactory(
        title="Survey of families",
        kind=PublicationKind.REPORT,
        authors=authors(anna, irina),
        attachments=attachments(
            (PdfDocumentFactory(title="Family survey"), "Survey report"),
            (PdfDocumentFactory(title="Family survey summary"), "Two-page summary"),
        ),
        tags=["families", "integration"],
    )
    translate(english.get_parent(), "ru", {"Publications": "Публикации"})
    russian = translate(
        english,
        "ru",
        {
            "Survey of families": "Опрос семей",
            "Survey report": "Отчёт об опросе",
            "Two-page summary": "Краткое изложение на двух страницах",
        },
    )
    russian.tags.set(["семьи", "интеграция"])
    russian.save_revision().publish()
    return english, PublicationPage.objects.get(pk=russian.pk)


@pytest.mark.no_demo
def test_translations_have_tags_and_authors_of_their_own_language(home_page):
    english, russian = survey_in_russian()
    assert [tag.name for tag in russian.tags.order_by("name")] == ["интеграция", "семьи"]
    assert [tag.name for tag in english.tags.order_by("name")] == ["families", "integration"]
    assert [link.person_id for link in russian.authors.all()] == [
        link.person_id for link in english.authors.all()
    ]
    assert [person.name for person in russian.local_authors] == ["Анна Корхонен", "Ирина Виртанен"]
    assert {item.label for item in russian.attachments.all()} == {
        "Отчёт об опросе",
        "Краткое изложение на двух страницах",
    }


@pytest.mark.parametrize(
    ("child", "parent", "allowed"),
    [
        (PublicationIndexPage, HomePage, True),
        (PublicationPage, PublicationIndexPage, True),
        (PublicationPage, HomePage, False),
        (PublicationPage, StandardPage, False),
        (PublicationIndexPage, StandardPage, False),
        (StandardPage, PublicationIndexPage, False),
        (PublicationPage, PublicationPage, False),
    ],
)
def test_page_tree_rules(child, parent, allowed):
    assert (child in parent.allowed_subpage_models()) is allowed
    assert (parent in child.allowed_parent_page_models()) is allowed


def test_one_publication_list_per_home_page():
    for language in LANGUAGES:
        home = HomePage.objects.get(locale__language_code=language)
        assert not PublicationIndexPage.can_create_at(home)


def test_publication_list_is_in_the_main_navigation(client):
    nav = get_html(client, "/fi/").split('class="main-nav"')[1].split("</nav>")[0]
    assert "Julkaisut" in nav


# The list: filters, archive and pagination


def test_list_shows_newest_first_only_live_public_publications_of_its_language(client):
    index = index_page("fi")
    publications = list(index.publications())
    publications[0].unpublish()
    publications[1].view_restrictions.create(restriction_type="login")
    titles = listed_titles(get_html(client, index.url))
    assert titles == [escape(page.title) for page in publications[2:14]]
    english_titles = {escape(page.title) for page in live_publications("en")}
    assert not english_titles & set(titles)


LAST_YEAR = timezone.localdate().year - 1


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ({"kind": "report"}, lambda page: page.kind == "report"),
        ({"kind": "guideline"}, lambda page: page.kind == "guideline"),
        ({"area": "wellness"}, lambda page: "wellness" in {a.slug for a in page.areas.all()}),
        ({"tag": "семьи"}, lambda page: "семьи" in {t.name for t in page.tags.all()}),
        ({"year": str(LAST_YEAR)}, lambda page: page.date_published.year == LAST_YEAR),
    ],
    ids=lambda value: "" if callable(value) else "-".join(value),
)
def test_filters_show_only_matching_publications(client, query, check):
    index = index_page("ru")
    expected = [escape(page.title) for page in index.publications() if check(page)]
    assert expected
    response = client.get(index.url, query)
    assert response.status_code == 200
    assert listed_titles(response.content.decode()) == expected[:12]


def test_filters_combine(client):
    index = index_page("en")
    html = get_html(client, f"{index.url}?kind=news&area=hobbies")
    expected = [
        escape(page.title)
        for page in index.publications()
        if page.kind == "news" and "hobbies" in {a.slug for a in page.areas.all()}
    ]
    assert listed_titles(html) == expected
    assert 'value="news" selected' in html
    assert 'value="hobbies" selected' in html


def test_filter_form_works_without_javascript(client):
    index = index_page("fi")
    html = get_html(client, index.url)
    form = html.split('<form class="filters"')[1].split("</form>")[0]
    assert f'action="{index.url}" method="get"' in form
    for name in ("kind", "area", "tag", "year"):
        assert f'name="{name}"' in form
    assert 'type="submit"' in form
    assert "Kulttuuri" in form and "perheet" in form


@pytest.mark.parametrize(
    "query",
    [
        "kind=poetry",
        "area=no-such-area",
        "tag=no-such-tag",
        "year=abc",
        "year=-1",
        "year=99999",
        "year=0",
        "year=%C2%B2",
        "page=abc",
        "page=-1",
        "page=0",
        "page=999",
        "page=1.5",
        "kind=&area=&tag=&year=&page=",
        "kind=report&page=999",
        "tag=%ff",
    ],
)
def test_bad_filter_values_give_a_normal_page(client, query):
    index = index_page("en")
    response = client.get(f"{index.url}?{query}")
    assert response.status_code == 200
    assert listed_titles(response.content.decode())


def test_nul_characters_get_a_clear_400(client):
    response = client.get(f"{index_page('en').url}?area=%00&tag=%ff")
    assert response.status_code == 400
    assert "character the site does not accept" in response.content.decode()


def test_unknown_filter_values_show_the_whole_list(client):
    index = index_page("en")
    everything = listed_titles(get_html(client, index.url))
    assert listed_titles(get_html(client, f"{index.url}?area=atlantis&kind=poetry")) == everything


def test_year_archive_lists_that_year(client):
    index = index_page("fi")
    year = timezone.localdate().year - 1
    url = index.url + index.reverse_subpage("year", kwargs={"year": str(year)})
    assert url == f"{index.url}{year}/"
    html = get_html(client, url)
    expected = [
        escape(page.title) for page in index.publications().filter(date_published__year=year)
    ]
    assert expected and listed_titles(html) == expected
    assert f'href="{url}"' not in html  # the current year is not a link to itself
    head = html.split("</head>")[0]
    assert f"<title>{index.title} {year} · " in head
    assert f'<link rel="canonical" href="http://testserver{url}">' in head
    assert f"<h1>{index.title} {year}</h1>" in html
    breadcrumbs = html.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert f'<a href="{index.url}">{index.title}</a>' in breadcrumbs
    assert f'<span aria-current="page">{year}</span>' in breadcrumbs


@pytest.mark.parametrize(
    "path", ["1999/", "0000/", "9999/", "20261/", "abcd/", "2026/extra/", "-1/"]
)
def test_bad_or_empty_years_give_404(client, path):
    assert client.get(index_page("en").url + path).status_code == 404


def add_publications(index, count, cover, kind=PublicationKind.GUIDELINE, prefix="Generated"):
    areas = list(Area.objects.filter(locale=index.locale)[:2])
    person = Person.objects.filter(locale=index.locale).first()
    for n in range(count):
        page = PublicationPage(
            title=f"{prefix} publication {n}",
            kind=kind,
            date_published=timezone.localdate() - datetime.timedelta(days=n % 500),
            cover_image=cover,
            areas=areas,
        )
        page.tags.add(f"generated tag {n % 7}")
        page.authors.add(PublicationAuthor(person=person))
        index.add_child(instance=page)


def test_pagination_keeps_the_filters(client):
    index = index_page("en")
    add_publications(index, 14, get_image_model().objects.first())
    html = get_html(client, f"{index.url}?kind=guideline")
    assert 'href="?kind=guideline&amp;page=2" rel="next"' in html
    second = get_html(client, f"{index.url}?kind=guideline&page=2")
    assert len(listed_titles(second)) == 15 - 12
    assert get_html(client, f"{index.url}?kind=guideline&page=999") == second


def test_filters_offer_only_years_and_areas_of_live_public_publications_of_the_language(client):
    index = index_page("fi")
    chess = AreaFactory(name="Shakki", slug="shakki", locale=index.locale)
    old = PublicationPage(title="Vanha julkaisu", date_published=datetime.date(1990, 5, 1))
    old.areas = [chess]
    index.add_child(instance=old)
    # Another language's publication of another year, in the English translation of the area.
    english_chess = AreaFactory(
        name="Chess",
        slug="chess",
        locale=Locale.get_default(),
        translation_key=chess.translation_key,
    )
    english = PublicationPage(title="Old publication", date_published=datetime.date(1985, 1, 1))
    english.areas = [english_chess]
    index_page("en").add_child(instance=english)

    def offered():
        html = get_html(client, index.url)
        form = html.split('<form class="filters"')[1].split("</form>")[0]
        archive = html.split('id="archive-heading"')[1].split("</nav>")[0]
        assert 'value="1985"' not in form and "1985" not in archive
        return {
            "year": 'value="1990"' in form,
            "archive": f'href="{index.url}1990/"' in archive,
            "area": 'value="shakki"' in form,
        }

    everything = {"year": True, "archive": True, "area": True}
    nothing = dict.fromkeys(everything, False)
    assert offered() == everything
    old.unpublish()
    assert offered() == nothing
    old.save_revision().publish()
    assert offered() == everything
    restriction = old.view_restrictions.create(restriction_type="login")
    assert offered() == nothing
    restriction.delete()
    assert offered() == everything
    # Tagged with the area in another language, it is still listed under its own.
    old.areas = [english_chess]
    old.save_revision().publish()
    assert offered() == everything


def test_years_centuries_apart_are_offered_too(client):
    # A mistyped date: too many years between to ask for each.
    index = index_page("en")
    index.add_child(
        instance=PublicationPage(title="Mistyped", date_published=datetime.date(1726, 1, 1))
    )
    html = get_html(client, index.url)
    assert 'value="1726"' in html and f'value="{LAST_YEAR}"' in html
    assert 'value="1727"' not in html


def test_first_visit_after_a_change_counts_nothing_and_asks_as_much_for_more(client):
    """The filters' choices are asked for by year and area, not read from every publication,
    and the list's pages are not counted: counting reads every publication."""
    index = index_page("en")
    cover = get_image_model().objects.first()
    counts = {}
    for added, total in ((5, 5), (95, 100)):
        add_publications(index, added, cover, prefix=f"Batch {total}")
        client.get(index.url)
        new_content_version()
        with CaptureQueriesContext(connection) as queries:
            assert "Batch 100" in get_html(client, index.url) or total == 5
        assert not [query for query in queries if "COUNT(" in query["sql"].upper()]
        counts[total] = len(queries)
    assert counts[100] == counts[5], counts


# Feeds


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ["rss_feed", "atom_feed"])
def test_feeds_list_the_live_publications_of_their_language(client, language, name):
    index = index_page(language)
    response = client.get(feed_url(index, name))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/rss+xml" if name == "rss_feed" else "application/atom+xml"
    )
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == index.title
    assert feed.feed.link.startswith("http") and feed.feed.link.endswith(index.url)
    assert feed.feed.get("language", language) == language
    expected = list(index.publications())
    assert [entry.title for entry in feed.entries] == [page.title for page in expected]
    first = feed.entries[0]
    assert urlsplit(first.link).scheme == "http"
    assert urlsplit(first.link).path == expected[0].url
    assert first.summary == expected[0].summary
    assert first.author == ", ".join(person.name for person in expected[0].local_authors)
    assert {tag.term for tag in first.tags} == {tag.name for tag in expected[0].tags.all()}


def test_feed_of_another_language_has_no_english_titles(client):
    english = {page.title for page in live_publications("en")}
    for name in ("rss_feed", "atom_feed"):
        feed = feedparser.parse(client.get(feed_url(index_page("fi"), name)).content)
        titles = {entry.title for entry in feed.entries}
        assert titles and not titles & english


def test_unpublished_and_private_publications_leave_the_feeds(client):
    index = index_page("fi")
    first, second, third = list(index.publications())[:3]
    first.unpublish()
    second.view_restrictions.create(restriction_type="password", password="secret")
    for name in ("rss_feed", "atom_feed"):
        titles = [
            entry.title
            for entry in feedparser.parse(client.get(feed_url(index, name)).content).entries
        ]
        assert first.title not in titles
        assert second.title not in titles
        assert titles[0] == third.title


def enclosures(entry):
    return [link for link in entry.links if link.rel == "enclosure"]


def test_feeds_carry_the_documents_as_enclosures(client):
    index = index_page("ru")
    rss = feedparser.parse(client.get(feed_url(index, "rss_feed")).content)
    atom = feedparser.parse(client.get(feed_url(index, "atom_feed")).content)
    for page in with_documents("ru"):
        documents = [item.document for item in page.attachments.all()]
        rss_entry = next(entry for entry in rss.entries if entry.title == page.title)
        atom_entry = next(entry for entry in atom.entries if entry.title == page.title)
        # RSS 2.0 allows one enclosure per item; Atom carries every document.
        assert len(enclosures(rss_entry)) == 1
        assert len(enclosures(atom_entry)) == len(documents)
        for enclosure, document in zip(enclosures(atom_entry), documents, strict=True):
            assert enclosure.href == f"http://testserver{document.url}"
            assert enclosure.type == "application/pdf"
            assert int(enclosure.length) == document.file_size > 1000
        assert enclosures(rss_entry)[0].href == enclosures(atom_entry)[0].href
    assert any(len(page.attachments.all()) > 1 for page in with_documents("ru"))


def test_feeds_are_linked_from_the_list_and_the_publications(client):
    index = index_page("ru")
    rss = f"http://testserver{feed_url(index, 'rss_feed')}"
    atom = f"http://testserver{feed_url(index, 'atom_feed')}"
    for url in (index.url, live_publications("ru").first().url):
        head = get_html(client, url).split("</head>")[0]
        assert (
            f'<link rel="alternate" type="application/rss+xml" title="{index.title} (RSS)" href="{rss}">'
            in head
        )
        assert (
            f'<link rel="alternate" type="application/atom+xml" title="{index.title} (Atom)" href="{atom}">'
            in head
        )


# Publication pages


@pytest.mark.no_demo
def test_publication_shows_authors_documents_and_tags_in_its_language(client, home_page):
    _english, page = survey_in_russian()
    html = get_html(client, page.url)
    assert "Анна Корхонен" in html and "Ирина Виртанен" in html
    assert "Anna Korhonen" not in html
    for item in page.attachments.select_related("document"):
        document = item.document
        assert (
            f'<a href="{document.url}" type="application/pdf" download>{escape(item.label)}</a>'
            in html
        )
        with translation.override("ru"):
            size = filesizeformat(document.file_size)
        assert (
            f'{escape(item.label)}</a> <span class="document-link__meta">(PDF, {size})</span>'
            in html
        )
    assert (
        f'href="{page.index_page.url}?tag=%D1%81%D0%B5%D0%BC%D1%8C%D0%B8" rel="tag">семьи</a>'
        in html
    )


def test_documents_download_as_attachments(client):
    for item in with_documents("en").first().attachments.select_related("document"):
        response = client.get(item.document.url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment; filename=")
        assert item.document.filename in response["Content-Disposition"]
        content = b"".join(response.streaming_content)
        assert content.startswith(b"%PDF") and len(content) == item.document.file_size


def test_demo_documents_are_multi_page_pdfs_in_the_publications_collection():
    documents = get_document_model().objects.filter(collection__name="Publications")
    assert documents.count() >= 5
    for document in documents:
        with document.open_file() as pdf:
            content = pdf.read()
        assert content.startswith(b"%PDF")
        assert len(re.findall(rb"/Type\s*/Page\b", content)) >= 2
        assert document.file_extension == "pdf"


@pytest.mark.parametrize("language", LANGUAGES)
def test_structured_data_describes_the_article(client, language):
    for page in live_publications(language).filter(kind__in=["news", "report"]):
        data = json_ld(get_html(client, page.url))
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == ("NewsArticle" if page.kind == "news" else "Article")
        assert data["headline"] == page.title
        assert data["datePublished"] == page.date_published.isoformat()
        assert data["inLanguage"] == language
        assert [author["name"] for author in data["author"]] == [p.name for p in page.local_authors]
        assert all(author["@type"] == "Person" for author in data["author"])
        assert (
            data["image"][0].startswith("http://testserver/")
            and "fill-1200x630" in data["image"][0]
        )
        assert data["url"].endswith(page.url)


def test_structured_data_cannot_break_out_of_its_script(client):
    page = live_publications("en").first()
    page.title = "</script><script>alert('x')</script> & more"
    page.save_revision().publish()
    html = get_html(client, page.url)
    assert "<script>alert" not in html
    assert json_ld(html)["headline"] == page.title


def test_link_previews_have_open_graph_and_twitter_fields(client):
    page = live_publications("fi").filter(kind="report").first()
    html = get_html(client, page.url)
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:title") == escape(page.title)
    assert meta(html, "og:description") == escape(page.summary)
    assert meta(html, "og:url") == f"http://testserver{page.url}"
    assert f'<link rel="canonical" href="http://testserver{page.url}">' in html
    assert meta(html, "og:locale") == "fi_FI"
    assert meta(html, "twitter:card") == "summary_large_image"
    image_url = meta(html, "og:image")
    assert image_url.startswith("http://testserver/media/")
    assert meta(html, "twitter:image") == image_url
    assert (meta(html, "og:image:width"), meta(html, "og:image:height")) == ("1200", "630")
    rendition = page.cover_image.get_rendition("fill-1200x630")
    assert image_url == f"http://testserver{rendition.url}"
    assert (rendition.width, rendition.height) == (1200, 630)
    assert meta(html, "article:published_time") == page.date_published.isoformat()


def test_related_publications_share_an_area_or_tag_in_the_same_language(client):
    page = live_publications("fi").get(
        tags__name="vuosikertomus",
        date_published__gte=timezone.localdate() - datetime.timedelta(days=100),
    )
    related = page.related_publications()
    assert 0 < len(related) <= 3
    area_keys = {area.translation_key for area in page.areas.all()}
    for other in related:
        assert other.pk != page.pk and other.locale_id == page.locale_id and other.live
        shares = {area.translation_key for area in other.areas.all()} & area_keys or set(
            other.tags.all()
        ) & set(page.tags.all())
        assert shares
    html = get_html(client, page.url)
    section = html.split('id="related-heading"')[1]
    assert listed_titles(section) == [escape(other.title) for other in related]
    assert escape(page.title) not in listed_titles(section)


def test_publications_sharing_a_topic_come_first_among_related():
    older_report = live_publications("fi").get(
        tags__name="vuosikertomus",
        date_published__lt=timezone.localdate() - datetime.timedelta(days=365),
    )
    related = older_report.related_publications()
    assert "vuosikertomus" in {tag.name for tag in related[0].tags.all()}
    assert related[0].date_published > older_report.date_published


def test_unpublished_publications_are_not_related(client):
    page = live_publications("en").get(kind="article", tags__name="language learning")
    others = list(page.related_publications())
    others[0].unpublish()
    assert others[0].pk not in [other.pk for other in page.related_publications()]


def test_untranslated_aliases_stay_out_of_lists_feeds_and_related(client):
    english_index = index_page("en")
    area = Area.objects.get(locale=english_index.locale, slug="culture")
    page = PublicationPage(
        title="Only in English so far", date_published=timezone.localdate(), areas=[area]
    )
    page.tags.add("music")
    english_index.add_child(instance=page)
    page.save_revision().publish()
    alias = page.copy_for_translation(Locale.objects.get(language_code="fi"), alias=True)
    assert PublicationPage.objects.get(pk=alias.pk).live
    fi_index = index_page("fi")
    assert page.title not in get_html(client, fi_index.url)
    for name in ("rss_feed", "atom_feed"):
        assert page.title not in client.get(feed_url(fi_index, name)).content.decode()
    neighbour = live_publications("fi").filter(areas=area).exclude(pk=alias.pk).first()
    assert alias.pk not in [other.pk for other in neighbour.related_publications()]
    section = SectionPage.objects.live().get(locale__language_code="fi", area__slug="culture")
    assert page.title not in get_html(client, section.url)


# Area pages list the latest publications of their area


def test_area_page_lists_the_latest_publications_of_its_area(client):
    section = SectionPage.objects.live().get(locale__language_code="ru", area__slug="education")
    html = get_html(client, section.url)
    assert "Последние публикации" in html or "Latest publications" in html
    listing = html.split('id="publications-heading"')[1].split("</section>")[0]
    expected = list(
        PublicationPage.in_area(section.area)
        .live()
        .filter(locale=section.locale)
        .order_by("-date_published")[:3]
    )
    assert listed_titles(listing) == [escape(page.title) for page in expected]


# Editors


def test_a_year_is_never_the_slug_of_a_publication(client):
    # wagtail-localize reduces the slug "годовой-отчёт-за-2025-год" to "2025".
    russian = live_publications("ru").filter(title__startswith="Годовой отчёт")
    assert russian.count() == 2
    for page in russian:
        assert page.slug.startswith("годовой-отчёт-за-")
        assert f"<h1>{escape(page.title)}</h1>" in get_html(client, page.url)
    index = index_page("en")
    page = PublicationPage(title="2024", slug="2024")
    index.add_child(instance=page)
    assert page.slug == "2024-news"


def test_editors_cannot_give_a_publication_a_year_as_slug(admin_client):
    index = index_page("en")
    response = admin_client.post(
        reverse("wagtailadmin_pages:add", args=("publications", "publicationpage", index.id)),
        nested_form_data(
            {
                "title": "2026",
                "slug": "2026",
                "kind": "news",
                "date_published": "2026-03-01",
                "authors": inline_formset([]),
                "body": streamfield([]),
                "attachments": inline_formset([]),
            }
        ),
    )
    assert response.status_code == 200
    assert "A year cannot be the slug of a publication" in response.content.decode()
    assert not PublicationPage.objects.filter(title="2026").exists()


def test_editor_adds_a_publication_in_the_admin(admin_client):
    index = index_page("en")
    person = Person.objects.filter(locale=index.locale).first()
    document = get_document_model().objects.filter(collection__name="Publications").first()
    area = Area.objects.get(locale=index.locale, slug="culture")
    response = admin_client.post(
        reverse("wagtailadmin_pages:add", args=("publications", "publicationpage", index.id)),
        nested_form_data(
            {
                "title": "Board elected",
                "slug": "board-elected",
                "kind": "news",
                "date_published": "2026-03-01",
                "authors": inline_formset([{"person": person.id}]),
                "areas": [area.id],
                "tags": "board, annual meeting",
                "body": streamfield([]),
                "attachments": inline_formset([{"document": document.id, "label": ""}]),
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = PublicationPage.objects.get(slug="board-elected", locale=index.locale)
    assert page.live
    assert [link.person_id for link in page.authors.all()] == [person.id]
    assert sorted(tag.name for tag in page.tags.all()) == ["annual meeting", "board"]
    attachment = page.attachments.get()
    assert attachment.link_text == document.title
    assert attachment.locale_id == page.locale_id


@pytest.mark.no_demo
def test_previews_render_unsaved_authors_tags_and_documents(admin_client, home_page):
    index = PublicationIndexPageFactory()
    person = PersonFactory(name="Sergei Lehtonen")
    document = PdfDocumentFactory()
    url = reverse(
        "wagtailadmin_pages:preview_on_add", args=("publications", "publicationpage", index.id)
    )
    response = admin_client.post(
        url,
        nested_form_data(
            {
                "title": "A preview",
                "slug": "a-preview",
                "kind": "article",
                "date_published": "2026-03-01",
                "authors": inline_formset([{"person": person.id}]),
                "tags": "preview topic, news of the day",
                "body": streamfield([]),
                "attachments": inline_formset([{"document": document.id, "label": "Read it"}]),
            }
        ),
    )
    assert response.json()["is_valid"]
    html = get_html(admin_client, url)
    assert "<h1>A preview</h1>" in html
    assert "Sergei Lehtonen" in html
    assert 'rel="tag">preview topic</a>' in html and 'rel="tag">news of the day</a>' in html
    assert f'<a href="{document.url}" type="application/pdf" download>Read it</a>' in html
    assert json_ld(html)["author"][0]["name"] == "Sergei Lehtonen"

    url = reverse("wagtailadmin_pages:preview_on_edit", args=(index.id,))
    response = admin_client.post(
        url,
        nested_form_data(
            {"title": "Publications (draft)", "slug": index.slug, "intro": "New intro"}
        ),
    )
    assert response.json()["is_valid"]
    html = get_html(admin_client, url)
    assert "<h1>Publications (draft)</h1>" in html and "New intro" in html


# Queries


def query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("route", ["", "?kind=guideline", "feed/rss/", "feed/atom/"])
def test_list_and_feeds_use_a_bounded_number_of_queries(client, route):
    index = index_page("en")
    cover = get_image_model().objects.first()
    url = index.url + route
    counts = {}
    for added, total in ((5, 5), (95, 100)):
        add_publications(index, added, cover, prefix=f"Batch {total}")
        client.get(url)  # renditions are made once, on the first visit
        counts[total] = query_count(client, url)
    print(f"\nqueries for {index.url}{route}: {counts}")
    if route.startswith("feed/"):
        # Fewer when the newest twenty publications have no documents to prefetch.
        assert counts[100] <= counts[5], counts
    else:
        assert counts[100] == counts[5], counts
    assert counts[100] <= 40
