from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

LANGUAGES = ["en", "fi", "ru"]


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
