"""Parallel texts for the demo: each English string with its Finnish and Russian versions."""

from django.core.management.base import CommandError
from django.utils.text import slugify

LANGUAGES = ("fi", "ru")


class Catalogue:
    def __init__(self):
        self._entries = {}

    def text(self, en, fi, ru):
        """Record an English text with its translations and return the English text."""
        self._entries[en] = {"fi": fi, "ru": ru}
        return en

    def title(self, en, fi, ru):
        """A page title; its slug is translated too (Cyrillic slugs are allowed)."""
        self.text(en, fi, ru)
        self.slug(slugify(en), slugify(fi), slugify(ru, allow_unicode=True))
        return en

    def slug(self, en, fi, ru):
        self._entries[en] = {"fi": fi, "ru": ru}
        return en

    def paragraphs(self, *triples):
        """Rich text from (en, fi, ru) paragraphs; wagtail-localize offers each one separately."""
        return "".join(f"<p>{self.text(*triple)}</p>" for triple in triples)

    def bullet_list(self, *triples):
        return "<ul>" + "".join(f"<li>{self.text(*triple)}</li>" for triple in triples) + "</ul>"

    def translate(self, english, language):
        # wagtail-localize offers line breaks in plain text fields as <br/>.
        try:
            return self._entries[english.replace("<br/>", "\n")][language].replace("\n", "<br/>")
        except KeyError:
            raise CommandError(
                f"The demo catalogue has no {language} text for: {english!r}"
            ) from None


catalogue = Catalogue()
T = catalogue.text
