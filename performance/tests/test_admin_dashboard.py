"""The dashboard's site summary counts the pages once per content version (issue 27)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page

from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def pages_shown(client):
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("wagtailadmin_home")).content.decode()
    counted = any(
        "COUNT(" in query["sql"] and '"wagtailcore_page"' in query["sql"] for query in queries
    )
    return int(re.search(r"([\d,]+) Pages", html)[1].replace(",", "")), counted, len(queries)


def test_the_dashboard_counts_the_pages_once_per_content_version(login):
    client = login("administrator")
    every_page = Page.objects.filter(depth__gt=1).count()
    assert pages_shown(client)[:2] == (every_page, True)
    shown, counted, queries = pages_shown(client)
    assert (shown, counted) == (every_page, False)
    HomePage.objects.get(locale__language_code="en").add_child(
        instance=StandardPage(title="Counted", slug="counted")
    )
    assert pages_shown(client)[:2] == (every_page + 1, True)
    assert pages_shown(client)[2] == queries
