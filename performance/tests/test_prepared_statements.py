"""On PostgreSQL a query sent again and again on a connection is prepared: the server parses and
plans it once (site_config.settings: DB_PREPARED_STATEMENTS)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)
def test_a_page_served_again_uses_prepared_statements(client):
    url = "/en/"
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    for _visit in range(7):
        assert client.get(url).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        assert cursor.fetchone()[0] > 0
