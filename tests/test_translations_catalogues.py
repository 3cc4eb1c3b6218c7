"""The interface is complete in Finnish and Russian, with Russian plural forms right."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.template import Context, Template
from django.utils import translation

PROJECT_DIR = Path(__file__).resolve().parent.parent
LOCALE_DIR = PROJECT_DIR / "locale"
NOT_SOURCES = shutil.ignore_patterns(
    ".*", "node_modules", "media", "staticfiles", "test-artifacts", "__pycache__", "*.sqlite3"
)


def test_catalogues_hold_every_interface_string(tmp_path):
    """makemessages, run on a copy of the sources, finds no string the catalogues lack: a new
    {% translate %} or gettext() without its Finnish and Russian translation fails here."""
    copy = tmp_path / "project"
    shutil.copytree(PROJECT_DIR, copy, ignore=NOT_SOURCES)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "fi",
            "-l",
            "ru",
            "--no-obsolete",
            "-v0",
        ],
        cwd=copy,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "site_config.settings.test"},
    )
    for language in ("fi", "ru"):
        fresh = polib.pofile(str(copy / "locale" / language / "LC_MESSAGES" / "django.po"))
        missing = [e.msgid for e in fresh if not e.obsolete and (not e.translated() or e.fuzzy)]
        assert not missing, f"{language}: run `make messages` and translate: {missing}"


@pytest.mark.parametrize("language", ["fi", "ru"])
def test_catalogue_has_no_untranslated_or_fuzzy_entries(language):
    catalogue = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, f"{language}: untranslated: {untranslated}"
    assert not fuzzy, f"{language}: fuzzy: {fuzzy}"


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "1 результат"), (2, "2 результата"), (5, "5 результатов"), (21, "21 результат")],
)
def test_russian_plural_forms(count, expected):
    template = Template(
        "{% load i18n %}{% blocktranslate count counter=count %}{{ counter }} result for "
        "“{{ search_query }}”{% plural %}{{ counter }} results for “{{ search_query }}”"
        "{% endblocktranslate %}"
    )
    with translation.override("ru"):
        rendered = template.render(Context({"count": count, "search_query": "хор"}))
    assert rendered.startswith(expected + " ")
