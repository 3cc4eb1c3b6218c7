import pytest

from search import hit_counts


@pytest.fixture(autouse=True)
def no_searches_pending():
    """Searches counted by an earlier test and not yet stored are not this test's."""
    hit_counts.pending.take()
    yield
    hit_counts.pending.take()
