import pytest

from search import hit_counts


@pytest.fixture(autouse=True)
def searches_batched(settings):
    """As in production (the other apps' tests store each search at once); these tests flush
    the batches themselves."""
    settings.SEARCH_COUNTS_FLUSH_EVERY = 100


@pytest.fixture(autouse=True)
def no_searches_pending():
    """Searches counted by an earlier test and not yet stored are not this test's."""
    hit_counts.pending.take()
    yield
    hit_counts.pending.take()
