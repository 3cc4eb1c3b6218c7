"""The content version: one number in the database, moved on by every change visitors may see,
seen by other processes once the change is committed and by the changing process at once."""

import time

import pytest
from django.db import transaction

from core.caching import (
    StoredNumberMove,
    content_version,
    content_version_read_once,
    move_stored_number_on,
    new_content_version,
    stored_content_number,
)
from core.models import ContentVersion
from home.models import StandardPage

pytestmark = pytest.mark.django_db


def welcome():
    return StandardPage.objects.live().get(locale__language_code="en", slug="welcome")


def test_a_publication_moves_the_stored_number_on_when_it_is_committed(
    django_capture_on_commit_callbacks,
):
    stored, seen = stored_content_number(), content_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page = welcome()
        page.title = "Welcome again"
        page.save_revision().publish()
        # The publishing process sees its change at once, the others not before the commit.
        assert content_version() != seen
        assert stored_content_number() == stored
    # One move for the whole transaction, however many rows it changed.
    assert sum(isinstance(callback, StoredNumberMove) for callback in callbacks) == 1
    assert stored_content_number() > stored


def test_each_change_in_a_transaction_is_a_new_version_for_its_process():
    versions = {content_version()}
    for title in ("One", "Two"):
        page = welcome()
        page.title = title
        page.save_revision().publish()
        versions.add(content_version())
    assert len(versions) == 3


def test_a_change_rolled_back_leaves_the_version_as_it_was():
    before = content_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        new_content_version()
        assert content_version() != before
        raise RuntimeError
    assert content_version() == before


def test_a_number_never_comes_back():
    """Not after a lost row (a database restored without it) nor after a move: what was kept
    under an earlier number would be taken for new content."""
    first = stored_content_number()
    ContentVersion.objects.all().delete()
    assert stored_content_number() > first
    ahead = time.time_ns() + 10**15  # a clock set back since the last move
    ContentVersion.objects.update(number=ahead)
    move_stored_number_on()
    assert stored_content_number() == ahead + 1
    ContentVersion.objects.update(number=first)
    move_stored_number_on()
    assert stored_content_number() > first + 1


def test_a_request_reads_the_stored_number_once(django_assert_num_queries):
    with content_version_read_once(), django_assert_num_queries(0):
        assert content_version() == content_version()
