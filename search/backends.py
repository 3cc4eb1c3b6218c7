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

Every backend here also searches with a cap (``capped_search``): a common word matches most pages,
and ranking or counting all of them costs time in proportion to the content. Only up to ``cap``
candidates are ranked, those matching in their title first, and matches are counted up to one past
the cap, enough to say there are more.
"""

import copy
import operator
import re
from collections import defaultdict, namedtuple
from functools import cache, reduce

from django.db import connection
from django.db.models import BigIntegerField, F, OuterRef, Subquery
from django.db.models.functions import Cast
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend

from core import upstream

# Marks around matched words in headlines: control characters no page text contains, so the
# text can be escaped before they become <mark> elements.
HIGHLIGHT_START = "\x02"
HIGHLIGHT_STOP = "\x03"


# A page found by a capped search on PostgreSQL: what the page of results is loaded by.
Match = namedtuple("Match", ["pk", "content_type_id", "rank"])


class CappedSearchMixin:
    def capped_search(self, query_string, pages, cap):
        """The ranked matches among ``pages`` (at most ``cap``) and how many pages match, counted
        up to ``cap + 1``."""
        candidates = self.candidates(query_string, pages, cap + 1)
        return self.rank_candidates(query_string, pages, candidates[:cap]), len(candidates)

    def candidates(self, query_string, pages, limit):
        """Up to ``limit`` matching pages, unranked: those matching in their title first (the
        best results usually do), then any others."""
        in_title = self.unranked_matches(query_string, pages, limit, in_title=True)
        if len(in_title) >= limit:
            return in_title
        anywhere = self.unranked_matches(query_string, pages, limit, in_title=False)
        return list(dict.fromkeys(in_title + anywhere))[:limit]

    def unranked_matches(self, query_string, pages, limit, in_title):
        fields = ["title"] if in_title else None
        matches = self.search(
            query_string, pages, fields=fields, operator="and", order_by_relevance=False
        )
        return [page.pk for page in matches[:limit]]

    def rank_candidates(self, query_string, pages, candidates):
        return self.search(query_string, pages.filter(pk__in=candidates), operator="and")


@cache  # one class per stock backend, not one per search
def with_capped_search(backend_class):
    return type(backend_class.__name__, (CappedSearchMixin, backend_class), {})


if connection.vendor == "postgresql":
    from django.contrib.postgres.search import (
        SearchHeadline,
        SearchQuery,
        SearchVector,
        SearchVectorField,
    )
    from django.db.models.expressions import CombinedExpression
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

    class LocalePostgresSearchBackend(CappedSearchMixin, PostgresSearchBackend):
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

        def compiled(self, query_string, pages):
            return self.query_compiler_class(pages, query_string, operator="and")

        def capped_search(self, query_string, pages, cap):
            # Each candidate is ranked as it is found, and the page of results is sorted here:
            # one query when the title matches fill the cap, two otherwise, and no third one
            # carrying a thousand ids back to be ranked.
            found = self.ranked_matches(query_string, pages, cap + 1, in_title=True)
            if len(found) <= cap:
                found += self.ranked_matches(
                    query_string, pages, cap + 1 - len(found), in_title=False
                )
            ranked = sorted(found[:cap], key=lambda match: (-match.rank, -match.pk))
            return ranked, len(found)

        def ranked_matches(self, query_string, pages, limit, in_title):
            """Up to ``limit`` matches among ``pages`` with their rank, unordered: those matching
            in their title, or (``in_title=False``) those matching only in the rest."""
            # Read from the index entries (their GIN indexes), each entry's page checked by a
            # subquery on the page's primary key: PostgreSQL then stops at ``limit`` matches.
            # (A join to the pages lets it hash every page of the language first.) The rank is
            # worked out for the rows returned only.
            compiler = self.compiled(query_string, pages)
            tsquery = compiler.build_tsquery(compiler.query, config=self.query_configs)
            page = pages.filter(
                pk=Cast(OuterRef("object_id"), BigIntegerField()),
                content_type=OuterRef("content_type"),
            ).order_by()
            matches = upstream.index_entries_of(Page).alias(
                in_title=F("title"), page_id=Subquery(page.values("pk")[:1])
            )
            if in_title:
                matches = matches.filter(in_title=tsquery)
            else:
                everywhere = CombinedExpression(
                    F("title"), "||", F("body"), output_field=SearchVectorField()
                )
                matches = matches.alias(everywhere=everywhere).filter(everywhere=tsquery)
                matches = matches.exclude(in_title=tsquery)
            matches = (
                matches.filter(page_id__isnull=False)
                .annotate(rank=upstream.postgres_rank(compiler, self.query_configs))
                .values_list("object_id", "content_type_id", "rank")
            )
            return [
                Match(int(page_id), content_type_id, rank)
                for page_id, content_type_id, rank in matches[:limit]
            ]

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

    class QuotingSQLiteSearchBackend(CappedSearchMixin, SQLiteSearchBackend):
        query_compiler_class = QuotingSQLiteSearchQueryCompiler

    def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
        backend = DatabaseSearchBackend(params)
        # The stock factory falls back to plain LIKE queries while the FTS5 table is missing.
        if isinstance(backend, SQLiteSearchBackend):
            return QuotingSQLiteSearchBackend(params)
        return with_capped_search(type(backend))(params)

else:

    def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
        return with_capped_search(type(DatabaseSearchBackend(params)))(params)
