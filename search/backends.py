"""One search index, stemmed per language.

Wagtail's PostgreSQL backend builds every index entry and every query with one text-search
configuration (``SEARCH_CONFIG``). Declaring one backend per language does not help: all database
backends write to the same index table, so the last one to save a page decides its stemming
(wagtail #9253, #1177; modelsearch #61). This backend instead builds each entry with the
configuration of the object's own locale and each query with the configuration of the language
searched, so one index holds Russian, Finnish and English stems side by side.

    get_search_backend(LANGUAGE="ru").search("концерты", pages)  # russian stemming

Without ``LANGUAGE`` (searches across every language) a query matches the stems of every
configured language. Autocomplete (the admin's page search) keeps the unstemmed ``simple``
configuration. On other databases (SQLite FTS5) the stock database backend
is used (with quotes in words escaped for FTS5): no stemming, the same results for exact words.
"""

import copy
import operator
import re
from collections import defaultdict
from functools import reduce

from django.db import connection
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend

from core import upstream

# Marks around matched words in headlines: control characters no page text contains, so the
# text can be escaped before they become <mark> elements.
HIGHLIGHT_START = "\x02"
HIGHLIGHT_STOP = "\x03"


if connection.vendor == "postgresql":
    from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchVector
    from modelsearch.query import PlainText
    from wagtail.models import Locale, Page

    PostgresIndex, PostgresSearchBackend, PostgresSearchQueryCompiler, Lexeme = (
        upstream.postgres_search_classes()
    )

    PREFIX_MATCH_MIN_LENGTH = 5

    class LocalePostgresIndex(PostgresIndex):
        def add_items(self, model, objs):
            # Index each language's objects with a copy of the backend set to its configuration.
            language_codes = dict(Locale.objects.values_list("pk", "language_code"))
            by_config = defaultdict(list)
            for obj in objs:
                language = language_codes.get(getattr(obj, "locale_id", None))
                by_config[self.backend.config_for_language(language)].append(obj)
            for config, group in by_config.items():
                PostgresIndex(self.backend.with_config(config)).add_items(model, group)

    class LocalePostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
        def get_config(self, backend):
            return backend.query_configs

        def build_tsquery_content(self, query, config=None, invert=False):
            # Longer words match as stem prefixes: Snowball stems some forms of a word shorter
            # than others ("фестивали" -> "фестива", "фестиваль" -> "фестивал").
            if not isinstance(query, PlainText):
                return super().build_tsquery_content(query, config=config, invert=invert)
            terms = [term for term in re.split(r"[\s\-]+", query.query_string) if term]
            if not terms:
                return None
            lexemes = [
                Lexeme(term, invert=invert, prefix=len(term) >= PREFIX_MATCH_MIN_LENGTH)
                for term in terms
            ]
            combine = operator.and_ if query.operator == "and" else operator.or_
            return SearchQuery(reduce(combine, lexemes), search_type="raw", config=config)

        def build_tsquery(self, query, config=None):
            if isinstance(config, list):
                build = super().build_tsquery
                return reduce(operator.or_, [build(query, config=each) for each in config])
            return super().build_tsquery(query, config=config)

        def get_fields_vectors(self, search_query):
            # Searching named fields reads the live columns, stemmed like the query.
            config = getattr(search_query, "config", None)
            return [
                (SearchVector(field_lookup, config=config), search_field.boost)
                for field_lookup, search_field in self.search_fields.items()
            ]

    class LocalePostgresSearchBackend(PostgresSearchBackend):
        query_compiler_class = LocalePostgresSearchQueryCompiler
        index_class = LocalePostgresIndex

        def __init__(self, params):
            super().__init__(params)
            # Objects without a locale (images, documents) and unknown languages: no stemming.
            self.config = params.get("SEARCH_CONFIG") or "simple"
            self.language_configs = dict(params.get("LANGUAGE_CONFIGS", {}))
            self.language = params.get("LANGUAGE")

        def config_for_language(self, language):
            if not language:
                return self.config
            return self.language_configs.get(language) or self.language_configs.get(
                language.split("-")[0], self.config
            )

        def with_config(self, config):
            backend = copy.copy(self)
            backend.config = config
            return backend

        @property
        def query_configs(self):
            if self.language:
                return self.config_for_language(self.language)
            return sorted({self.config, *self.language_configs.values()})

        def headline(self, query_string):
            """An annotation for pages: the passage of the page's indexed text that matches,
            matched words between HIGHLIGHT marks (none unless the body text matches)."""
            compiler = self.query_compiler_class(Page.objects.none(), query_string)
            config = self.query_configs if isinstance(self.query_configs, str) else self.config
            return SearchHeadline(
                upstream.INDEXED_BODY_TEXT,
                compiler.build_tsquery(compiler.query, config=config),
                config=config,
                start_sel=HIGHLIGHT_START,
                stop_sel=HIGHLIGHT_STOP,
                max_words=30,
                min_words=12,
            )

    def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
        return LocalePostgresSearchBackend(params)

elif connection.vendor == "sqlite" and upstream.sqlite_full_text_search_available():
    from modelsearch.query import PlainText

    SQLiteSearchBackend, SQLiteSearchQueryCompiler = upstream.sqlite_search_classes()

    class QuotingSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
        def build_search_query_content(self, query, config=None):
            # Each word becomes an FTS5 string in double quotes; a quote inside a word must be
            # doubled or FTS5 reports a syntax error.
            if isinstance(query, PlainText):
                query = PlainText(query.query_string.replace('"', '""'), operator=query.operator)
            return super().build_search_query_content(query, config=config)

    class QuotingSQLiteSearchBackend(SQLiteSearchBackend):
        query_compiler_class = QuotingSQLiteSearchQueryCompiler

    def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
        backend = DatabaseSearchBackend(params)
        # The stock factory falls back to plain LIKE queries while the FTS5 table is missing.
        return (
            QuotingSQLiteSearchBackend(params)
            if isinstance(backend, SQLiteSearchBackend)
            else backend
        )

else:

    def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
        return DatabaseSearchBackend(params)
