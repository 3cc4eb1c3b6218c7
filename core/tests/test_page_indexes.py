"""The layout's page lookups are answered by an index, not by reading the whole page table
(which grows with every page: at 100,000 pages per language they took tens of milliseconds)."""

import pytest
from django.db import connection

from core.chrome import language_home_pages
from core.tests.factories import StandardPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]


def plan_of(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # On a small table a scan is cheapest; the question is whether an index could serve.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            return [line for (line,) in cursor.fetchall()]
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return [row[-1] for row in cursor.fetchall()]


def searches_pages_by_depth(plan):
    if connection.vendor == "postgresql":
        return any("Index Cond" in line and "depth" in line for line in plan)
    return any("wagtailcore_page USING" in line and "depth=" in line for line in plan)


@pytest.mark.parametrize("lookup", ["home pages", "menu"])
def test_the_layouts_page_lookups_use_an_index(home_page, lookup):
    StandardPageFactory(parent=home_page, title="Events", show_in_menus=True)
    queryset = (
        language_home_pages() if lookup == "home pages" else home_page.get_children().in_menu()
    )
    plan = plan_of(queryset)
    assert searches_pages_by_depth(plan), plan
