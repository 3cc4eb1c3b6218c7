"""Background work goes through django-tasks' database queue and is done by its worker
(``manage.py db_worker``, which ``make run`` and the compose file start)."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from search.tests.test_search import add_page, found, search

pytestmark = pytest.mark.django_db

QUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_the_site_queues_background_work_in_the_database_by_default():
    from site_config.settings import base

    assert base.TASKS == QUEUED


@override_settings(TASKS=QUEUED)
def test_a_new_page_is_found_once_the_worker_has_updated_the_index(client, monkeypatch):
    # The worker drops connections it takes for stale, as the test's open transaction looks
    # (Django's test client keeps request signals from doing the same).
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    add_page("en", "Lighthouse walk")
    assert DBTaskResult.objects.filter(status="READY").exists()
    assert found(search(client, "en", "lighthouse")) == []
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()
    assert found(search(client, "en", "lighthouse")) == ["Lighthouse walk"]
