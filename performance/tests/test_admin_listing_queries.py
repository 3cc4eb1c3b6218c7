"""The admin's explorer and page chooser ask as many queries for forty pages as for five, and
still offer what wagtail-localize and Wagtail show in each row (issue 27)."""

import itertools
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.admin.widgets import ButtonWithDropdownFromHook
from wagtail.models import Locale, Page

from core import upstream
from home.models import HomePage, StandardPage
from performance.explorer_rows import (
    RowActionsFromSkeleton,
    row_actions_skeletons,
    translation_buttons,
    with_translation_states,
)

pytestmark = pytest.mark.django_db

page_numbers = itertools.count()


def add_pages(parent, count, title="Listed page"):
    pages = []
    for _ in range(count):
        number = next(page_numbers)
        page = StandardPage(title=f"{title} {number}", slug=f"listed-page-{number}")
        parent.add_child(instance=page)
        pages.append(page)
    return pages


def an_english_list(title="Listed pages"):
    home = HomePage.objects.get(locale__language_code="en")
    parent = StandardPage(title=title, slug=f"listed-pages-{next(page_numbers)}")
    home.add_child(instance=parent)
    return parent


def translate(page, *languages):
    upstream.create_translations(page, list(Locale.objects.filter(language_code__in=languages)))


def query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def rows_of_every_kind(parent):
    """Pages untranslated, translated into one language or both, and with an alias only."""
    untranslated, into_finnish, into_both, aliased = add_pages(parent, 4)
    translate(into_finnish, "fi")
    translate(into_both, "fi", "ru")
    aliased.copy_for_translation(Locale.objects.get(language_code="fi"), alias=True)
    return untranslated, into_finnish, into_both, aliased


@pytest.mark.parametrize("role", ["administrator", "editor", "moderator"])
def test_the_explorer_asks_as_many_queries_for_forty_pages_as_for_five(login, role):
    """For an editor too, whose "Move" and "Delete" depend on whether a page is live (issue 27:
    two queries a row before ``upstream.patch_leaf_page_delete_check``)."""
    client = login(role)
    parent = an_english_list()
    translate(parent, "fi", "ru")
    rows_of_every_kind(parent)
    add_pages(parent, 1)
    url = reverse("wagtailadmin_explore", args=[parent.pk])
    client.get(url)
    five = query_count(client, url)
    rows_of_every_kind(parent)
    add_pages(parent, 31)
    assert query_count(client, url) == five


def buttons(found):
    return [
        (type(button), str(button.label), button.url, button.classname, button.priority)
        for button in found
    ]


def test_explorer_rows_offer_the_translation_buttons_wagtail_localize_would(
    login, demo_user, django_user_model
):
    client = login("administrator")
    user = django_user_model.objects.get(username="office-admin")
    parent = an_english_list()
    translate(parent, "fi", "ru")
    rows_of_every_kind(parent)
    next_url = reverse("wagtailadmin_explore", args=[parent.pk])
    offered = []
    for page in with_translation_states(Page.objects.child_of(parent)):
        ours = buttons(translation_buttons(page, user, next_url=next_url))
        plain = Page.objects.get(pk=page.pk)
        localizes = upstream.localize_page_listing_buttons()(plain, user, next_url=next_url)
        assert ours == buttons(localizes)
        offered += ours
    labels = [label for _type, label, *_rest in offered]
    assert labels.count("Translate this page") == 3 and labels.count("Sync translated pages") == 2
    html = client.get(next_url).content.decode()
    for _type, _label, url, *_rest in offered:
        assert url.replace("&", "&amp;") in html
    # Moderators without wagtail-localize's right are offered neither.
    moderator = demo_user("moderator")
    if not moderator.has_perm("wagtail_localize.submit_translation"):
        for page in with_translation_states(Page.objects.child_of(parent)):
            assert not buttons(translation_buttons(page, moderator, next_url=next_url))


def test_the_page_choosers_search_asks_as_many_queries_for_forty_pages_as_for_five(login):
    client = login("administrator")
    first, second = an_english_list("First list"), an_english_list("Second list")
    add_pages(first, 3, "Quokka")
    add_pages(second, 2, "Quokka")
    url = reverse("wagtailadmin_choose_page_search") + "?q=quokka"
    client.get(url)
    five = query_count(client, url)
    add_pages(first, 20, "Quokka")
    add_pages(second, 15, "Quokka")
    assert query_count(client, url) == five


def test_the_page_choosers_search_shows_each_pages_parent_and_status(login, demo_user):
    client = login("administrator")
    parent = an_english_list("Wombat list")
    in_review, draft = add_pages(parent, 2, "Wombat")
    in_review.save_revision(user=demo_user("editor"))
    in_review.get_workflow().start(in_review, demo_user("editor"))
    draft.unpublish()
    html = client.get(reverse("wagtailadmin_choose_page_search") + "?q=wombat").content.decode()
    assert html.count("Wombat list") >= 2
    assert "in moderation" in html
    assert "draft" in html


def comparable(html):
    """Without what differs from one request to the next: CSRF tokens, and "10 minutes ago"
    when a minute passes between two requests."""
    html = re.sub(r"(csrf\w*[\"']?\W+(value=)?[\"'])[^\"']+", r"\1", html, flags=re.IGNORECASE)
    return re.sub(r"\d+\s+(second|minute|hour|day|week|month|year)s?", "", html)


@pytest.mark.parametrize("role", ["administrator", "editor", "moderator", "translator-fi"])
def test_explorer_rows_drawn_from_skeletons_are_wagtails_own(login, demo_user, role, monkeypatch):
    """Every row's "More" dropdown, filled in from its shape's skeleton, is the markup Wagtail
    renders itself: same buttons, same links, for every role, in rows of every kind (a title
    that reads like a stand-in is not filled in)."""
    client = login(role)
    language = "fi" if role == "translator-fi" else "en"
    home = HomePage.objects.get(locale__language_code="en")
    parent = an_english_list()
    translate(parent, "fi", "ru")
    rows_of_every_kind(parent)
    draft, in_review, tricky = add_pages(parent, 3)
    draft.unpublish()
    in_review.save_revision(user=demo_user("editor"))
    in_review.get_workflow().start(in_review, demo_user("editor"))
    tricky.title = tricky.draft_title = 'wagtail-row-text-1- & "quoted" <b>'
    tricky.save_revision().publish()
    if language == "fi":
        parent = Page.objects.get(
            translation_key=parent.translation_key, locale__language_code="fi"
        )
    for listed in (parent, home.get_parent() if role != "translator-fi" else parent.get_parent()):
        url = reverse("wagtailadmin_explore", args=[listed.pk])
        row_actions_skeletons.clear()
        from_skeletons = client.get(url).content.decode()
        assert row_actions_skeletons and all(row_actions_skeletons.values())
        monkeypatch.setattr(
            RowActionsFromSkeleton, "render_html", ButtonWithDropdownFromHook.render_html
        )
        wagtails = client.get(url).content.decode()
        monkeypatch.undo()
        assert 'class="w-dropdown__content"' in wagtails
        assert comparable(from_skeletons) == comparable(wagtails)
