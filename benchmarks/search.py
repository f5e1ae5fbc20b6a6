"""Search latency benchmark: 50 fixed queries through the real /search/ view. Not a test.

Run it against a database holding at least 10,000 generated articles:

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/artcms_bench   # or sqlite:///...
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py setup_site --no-import
    .venv/bin/python manage.py generate_demo_articles 10000
    .venv/bin/python benchmarks/search.py

Each query is sent through Django's test client (the whole stack: middleware, the view,
the search backend, templates, query logging) once to warm up, then --repeat times. The
script prints p50 and p95 latency per kind of query, and the same for suggestions. Results
go in docs/PERFORMANCE.md.
"""

import argparse
import os
import platform
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# Test settings: DEBUG off (cached templates, no query log), the same middleware and views.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "artcms.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from articles.models import ArticlePage  # noqa: E402

# The words come from generate_demo_articles' vocabulary, so every kind but "miss" has hits.
QUERIES = {
    "single word": [
        "nightmares",
        "burnout",
        "grief",
        "resilience",
        "supervision",
        "debriefing",
        "imagery",
        "violence",
        "sleep",
        "exhaustion",
        "trauma",
        "incidents",
        "patients",  # in almost every article
        "demo",  # in every article
        "clinicians",
    ],
    "phrase": [
        "compassion fatigue",
        "moral injury",
        "workplace violence",
        "secondary traumatic stress",
        "vicarious trauma",
        "night shifts",
        "eye movements",
        "sleep disruption",
        "peer support",
        "emotional exhaustion",
        '"compassion fatigue"',
        '"guided imagery"',
        '"critical incidents"',
        '"patient deaths"',
        '"team debriefing"',
    ],
    "author": [
        "Demoridge",
        "Demoford",
        "Demowell",
        "Demoash",
        "Demostone",
        "Demoholm",
        "Demovik",
        "Demoshaw",
        "Demomere",
        "Demobrook",
    ],
    "miss": [
        "xylophone",
        "astronaut",
        "quantum entanglement",
        "zzzzqqq",
        "Figley",
        "spreadsheet",
        "volcano eruption",
        "kangaroo",
        '"nightmares burnout grief"',
        "submarine",
    ],
}
RESULT_COUNT = re.compile(r'class="search-summary">\s*(\d+) results? for')
SUGGESTIONS = ["co", "com", "compas", "nigh", "burn", "demor", "work", "vic", "xyl", "gri"]

if sum(len(queries) for queries in QUERIES.values()) != 50:
    raise SystemExit("The benchmark's fixed query set must hold 50 queries.")


def percentile(samples, fraction):
    ordered = sorted(samples)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered)) - 1))
    return ordered[index]


def database_description():
    if connection.vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def timed_get(client, path, params):
    started = time.perf_counter()
    response = client.get(path, params)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{path}?q={params['q']!r} answered {response.status_code}")
    return elapsed, response


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="Timed runs of each query.")
    parser.add_argument("--min-articles", type=int, default=10_000)
    parser.add_argument(
        "--per-kind", type=int, default=None, help="Only the first N queries of each kind."
    )
    parser.add_argument(
        "--stock",
        action="store_true",
        help="Use modelsearch's own database backend instead of search/backends/ (to compare).",
    )
    options = parser.parse_args()
    if options.stock:
        from django.conf import settings

        settings.WAGTAILSEARCH_BACKENDS["default"] = {"BACKEND": "modelsearch.backends.database"}

    articles = ArticlePage.objects.live().count()
    if articles < options.min_articles:
        raise SystemExit(
            f"Only {articles:,} live articles; run `manage.py generate_demo_articles "
            f"{options.min_articles - articles}` first (or pass --min-articles)."
        )
    backend = "modelsearch's own backend" if options.stock else "search/backends/"
    print(
        f"{database_description()} ({backend}), {articles:,} live articles, "
        f"Python {platform.python_version()}, "
        f"Django {django.get_version()}, {os.cpu_count()} CPUs, {options.repeat} runs per query"
    )
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))

    client = Client()
    rows = []
    for kind, queries in [*QUERIES.items(), ("suggest", SUGGESTIONS)]:
        queries = queries[: options.per_kind]
        path = "/search/suggest/" if kind == "suggest" else "/search/"
        samples, hits = [], []
        for query in queries:
            _, response = timed_get(client, path, {"q": query})  # warm-up
            if kind == "suggest":
                hits.append(len(response.json()["results"]))
            else:
                found = RESULT_COUNT.search(response.content.decode())
                hits.append(int(found.group(1)) if found else 0)
            for _ in range(options.repeat):
                elapsed, _ = timed_get(client, path, {"q": query})
                samples.append(elapsed)
        rows.append((kind, len(queries), len(samples), statistics.median(hits), samples))

    print()
    print(f"{'kind':<12} {'queries':>7} {'samples':>7} {'median hits':>11} "
          f"{'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}")  # fmt: skip
    everything = []
    for kind, count, n_samples, median_hits, samples in rows:
        if kind != "suggest":
            everything.extend(samples)
        print(
            f"{kind:<12} {count:>7} {n_samples:>7} {median_hits:>11,.0f} "
            f"{statistics.median(samples):>7.1f} {percentile(samples, 0.95):>7.1f} "
            f"{max(samples):>7.1f}"
        )
    print(
        f"{'all search':<12} {sum(row[1] for row in rows[:-1]):>7} {len(everything):>7} {'':>11} "
        f"{statistics.median(everything):>7.1f} {percentile(everything, 0.95):>7.1f} "
        f"{max(everything):>7.1f}"
    )
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
