"""The interface is complete in Finnish and Russian, with Russian plural forms right."""

from pathlib import Path

import polib
import pytest
from django.template import Context, Template
from django.utils import translation

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


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
