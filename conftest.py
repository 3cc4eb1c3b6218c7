from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

LANGUAGES = ["en", "fi", "ru"]
BROWSER_TESTS = Path(__file__).resolve().parent / "tests" / "browser"


def pytest_ignore_collect(collection_path, config):
    """The browser tests run only when named (`make test-browser` runs `pytest tests/browser`):
    their live server commits to the database, so they get a pytest session of their own."""
    if collection_path != BROWSER_TESTS:
        return None
    named = [Path(str(arg).split("::")[0]).resolve() for arg in config.args]
    return not any(path == BROWSER_TESTS or BROWSER_TESTS in path.parents for path in named)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the demo site, loaded once per run; each test's changes roll back."""
    with django_db_blocker.unblock():
        call_command("load_demo_content", stdout=StringIO())


@pytest.fixture(autouse=True)
def english_by_default():
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def demo_user(django_user_model):
    def get(username):
        return django_user_model.objects.get(username=username)

    return get
