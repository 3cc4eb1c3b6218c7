"""Search benchmark: 10,000 pages across en, fi and ru, then query times per language.

Run against a database of its own (it adds pages), PostgreSQL to see the stemmed search:

    createdb search_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/search_bench .venv/bin/python bench/search.py

The first run migrates, loads the demo content and adds the pages (a few minutes); later runs
only measure. Each query is timed as the search view runs it (count and first page of results)
and as a whole request to /<lang>/search/ (with the template), with the SQL queries of that
request; then with the results kept for anonymous visitors (a repeated search), beside the home
page from the page cache.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_config.settings.dev")
os.environ.setdefault("DEBUG", "false")  # debug mode keeps every SQL query in memory

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402

from home.models import HomePage, StandardPage  # noqa: E402

PAGES = 10_000
ROUNDS = 20
SEED = 8

# Words in several forms, so the stemmed search has inflections to join.
WORDS = {
    "en": "concert concerts festival festivals choir choirs course courses dance dancing family families "
    "children child journey journeys museum museums exhibition exhibitions lecture lectures garden gardens "
    "club clubs language languages winter summer evening evenings music theatre film films".split(),
    "fi": "konsertti konsertit konsertissa festivaali festivaalit kuoro kuorot kurssi kurssit tanssi tanssit "
    "perhe perheet lapset lapsille matka matkat museo museot näyttely näyttelyt luento luennot puutarha "
    "kerho kerhot kieli kielet talvi kesä ilta illat musiikki teatteri elokuva elokuvat tapahtuma tapahtumat".split(),
    "ru": "концерт концерты концерта фестиваль фестивали хор хоры курс курсы танец танцы семья семьи дети "
    "детей поездка поездки музей музеи выставка выставки лекция лекции сад сады клуб клубы язык языки зима "
    "лето вечер вечера музыка театр фильм фильмы".split(),
}
QUERIES = {
    "en": [
        "concerts",
        "festival",
        "dancing",
        "children's courses",
        "museum exhibitions",
        "winter evening",
        "zzz",
    ],
    "fi": [
        "konsertit",
        "festivaaleja",
        "tanssi",
        "lasten kurssit",
        "museot",
        "talvi-illat",
        "tapahtumat",
    ],
    "ru": [
        "концерты",
        "фестивали",
        "танцы",
        "курсы для детей",
        "выставки музеев",
        "зимний вечер",
        "лекциях",
    ],
}


SYLLABLES = {
    "en": "ba be bi lo ma ne ri so ta ve wen der kin mor sel pa".split(),
    "fi": "ka ke ki lo ma ne ri so ta va tu hä pe sy ri mi".split(),
    "ru": "ба ве ги до ка ле ми но па ро су ты шо ня ля зе".split(),
}


def filler_vocabulary(rng, language, size=3000):
    """Made-up words, so the topic words are as rare as real ones in pages about many things."""
    return [
        "".join(rng.choice(SYLLABLES[language]) for _ in range(rng.randint(2, 4)))
        for _ in range(size)
    ]


def sentence(rng, language, filler, length):
    """Mostly filler, with one topic word in three sentences out of four."""
    words = [rng.choice(filler) for _ in range(length)]
    if rng.random() < 0.75:
        words[rng.randrange(length)] = rng.choice(WORDS[language])
    return " ".join(words).capitalize() + "."


def fill():
    """Add PAGES standard pages, a third per language, under one bench page per language."""
    rng = random.Random(SEED)  # noqa: S311 - repeatable filler text, not secrets
    per_language = PAGES // len(WORDS)
    for language in WORDS:
        home = HomePage.objects.get(locale__language_code=language)
        if home.get_children().filter(slug="bench").exists():
            continue
        filler = filler_vocabulary(rng, language)
        started = time.perf_counter()
        with transaction.atomic():
            parent = home.add_child(instance=StandardPage(title="Bench", slug="bench"))
            for number in range(per_language):
                parent.add_child(
                    instance=StandardPage(
                        title=sentence(rng, language, filler, 4),
                        slug=f"bench-{number}",
                        summary=sentence(rng, language, filler, 14),
                        intro=" ".join(sentence(rng, language, filler, 12) for _ in range(6)),
                    )
                )
        print(
            f"added {per_language} {language} pages in {time.perf_counter() - started:.0f} s",
            flush=True,
        )


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure():
    client = Client()
    print(
        f"database: {connection.vendor}; search backend: {settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND']}"
    )
    print(
        f"live pages: {Page.objects.live().count()}; {ROUNDS} rounds of {len(QUERIES['en'])} queries per language"
    )
    print(
        f"{'lang':4} {'query median':>13} {'query p95':>10} {'view median':>12} {'view p95':>9}"
        f" {'queries':>7} {'kept search':>12} {'kept page':>10}  results of first query"
    )
    for language, queries in QUERIES.items():
        locale = Locale.objects.get(language_code=language)
        backend = get_search_backend(LANGUAGE=language)
        pages = Page.objects.live().public().filter(locale=locale)
        query_times, view_times = [], []
        for query in queries:  # warm-up
            client.get(f"/{language}/search/", {"q": query}, HTTP_HOST="localhost")
        for _ in range(ROUNDS):
            for query in queries:
                started = time.perf_counter()
                results = backend.search(query, pages, operator="and")
                results.count()
                list(results[:10])
                query_times.append(time.perf_counter() - started)
                started = time.perf_counter()
                client.get(f"/{language}/search/", {"q": query}, HTTP_HOST="localhost")
                view_times.append(time.perf_counter() - started)
        query_counts = []
        for query in queries:
            with CaptureQueriesContext(connection) as captured:
                client.get(f"/{language}/search/", {"q": query}, HTTP_HOST="localhost")
            query_counts.append(len(captured))
        kept_search, kept_page = measure_kept(client, language, queries)
        first = backend.search(queries[0], pages, operator="and").count()
        print(
            f"{language:4} {statistics.median(query_times) * 1000:10.1f} ms {percentile(query_times, 0.95) * 1000:7.1f} ms"
            f" {statistics.median(view_times) * 1000:9.1f} ms {percentile(view_times, 0.95) * 1000:6.1f} ms"
            f" {statistics.median(query_counts):7.0f} {kept_search * 1000:9.2f} ms {kept_page * 1000:7.2f} ms"
            f"  {first} for “{queries[0]}”"
        )


@override_settings(PAGE_CACHE_SECONDS=300)
def measure_kept(client, language, queries):
    """Median times of a repeated search (its results kept) and of the home page from the page
    cache."""
    for query in queries:
        client.get(f"/{language}/search/", {"q": query}, HTTP_HOST="localhost")
    client.get(f"/{language}/", HTTP_HOST="localhost")
    search_times, page_times = [], []
    for _ in range(ROUNDS):
        for query in queries:
            started = time.perf_counter()
            client.get(f"/{language}/search/", {"q": query}, HTTP_HOST="localhost")
            search_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            client.get(f"/{language}/", HTTP_HOST="localhost")
            page_times.append(time.perf_counter() - started)
    return statistics.median(search_times), statistics.median(page_times)


if __name__ == "__main__":
    call_command("migrate", verbosity=0)
    if not HomePage.objects.exists():
        call_command("load_demo_content")
    fill()
    if connection.vendor == "postgresql":
        # Fresh planner statistics, as autovacuum keeps them on a running site.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    measure()
