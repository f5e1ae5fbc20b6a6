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

Side by side with an earlier commit, in one run (the machine is shared, so figures from
different runs do not compare):

    .venv/bin/python benchmarks/search.py --baseline 76b418a --rounds 2

checks the commit out into a temporary ``git worktree`` (its ``.venv`` a link to this
one's), then measures the two trees in turn, A B A B, each round in a fresh process that
imports that tree's code and reads the same database, and prints both trees' figures and
the load average of each round. The worktree is removed afterwards.
"""

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tree_to_measure():
    """The checkout whose code is measured: this one, or the one after --tree."""
    if "--tree" in sys.argv:
        return Path(sys.argv[sys.argv.index("--tree") + 1]).resolve()
    return ROOT


TREE = _tree_to_measure()
sys.path.insert(0, str(TREE))
os.chdir(TREE)
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


def load_average():
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def measure(repeat, per_kind):
    """{kind: {"queries", "hits", "samples"}} for every kind of query, suggestions last."""
    client = Client()
    measured = {}
    for kind, queries in [*QUERIES.items(), ("suggest", SUGGESTIONS)]:
        queries = queries[:per_kind]
        path = "/search/suggest/" if kind == "suggest" else "/search/"
        samples, hits = [], []
        for query in queries:
            _, response = timed_get(client, path, {"q": query})  # warm-up
            if kind == "suggest":
                hits.append(len(response.json()["results"]))
            else:
                found = RESULT_COUNT.search(response.content.decode())
                hits.append(int(found.group(1)) if found else 0)
            for _ in range(repeat):
                elapsed, _ = timed_get(client, path, {"q": query})
                samples.append(elapsed)
        measured[kind] = {"queries": len(queries), "hits": statistics.median(hits),
                          "samples": samples}  # fmt: skip
    return measured


def with_all_searches(measured):
    """The measured kinds plus "all search": every search sample (suggestions apart)."""
    searches = [kind for kind in measured if kind != "suggest"]
    everything = [sample for kind in searches for sample in measured[kind]["samples"]]
    total = sum(measured[kind]["queries"] for kind in searches)
    return {**measured, "all search": {"queries": total, "hits": None, "samples": everything}}


def figures(samples):
    return statistics.median(samples), percentile(samples, 0.95), max(samples)


def print_table(measured):
    print(f"{'kind':<12} {'queries':>7} {'samples':>7} {'median hits':>11} "
          f"{'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}")  # fmt: skip
    for kind, row in with_all_searches(measured).items():
        hits = "" if row["hits"] is None else f"{row['hits']:,.0f}"
        p50, p95, worst = figures(row["samples"])
        print(
            f"{kind:<12} {row['queries']:>7} {len(row['samples']):>7} {hits:>11} "
            f"{p50:>7.1f} {p95:>7.1f} {worst:>7.1f}"
        )


def side_by_side(options, passed_on):
    """Measure this tree and the baseline in turn, A B A B, and print both."""
    if Path(options.baseline).is_dir():
        baseline, made = Path(options.baseline).resolve(), False
    else:
        baseline = Path(tempfile.mkdtemp(prefix="search-base-")) / "tree"
        subprocess.run(  # noqa: S603 -- our own command
            ["git", "worktree", "add", "--detach", str(baseline), options.baseline],  # noqa: S607
            cwd=ROOT, check=True,
        )  # fmt: skip
        (baseline / ".venv").symlink_to(ROOT / ".venv")
        made = True
    trees = {"this tree": ROOT, f"baseline {options.baseline}": baseline}
    pooled = {name: {} for name in trees}
    try:
        for number in range(1, options.rounds + 1):
            for name, tree in trees.items():
                before = load_average()
                out = subprocess.run(  # noqa: S603 -- this script, in the other tree
                    [sys.executable, str(Path(__file__).resolve()), "--tree", str(tree),
                     "--json", *passed_on],
                    check=True, capture_output=True, text=True,
                )  # fmt: skip
                measured = json.loads(out.stdout.splitlines()[-1])
                searches = with_all_searches(measured)["all search"]["samples"]
                p50, p95, _ = figures(searches)
                print(f"round {number}, {name:<20} all search p50 {p50:6.1f} p95 {p95:6.1f} ms, "
                      f"load average before {before}, after {load_average()}")  # fmt: skip
                for kind, row in measured.items():
                    into = pooled[name].setdefault(kind, {**row, "samples": []})
                    into["samples"].extend(row["samples"])
    finally:
        if made:
            subprocess.run(  # noqa: S603 -- our own command
                ["git", "worktree", "remove", "--force", str(baseline)],  # noqa: S607
                cwd=ROOT, check=True,
            )  # fmt: skip
            baseline.parent.rmdir()
    for name, measured in pooled.items():
        print(f"\n{name} ({options.rounds} rounds pooled)")
        print_table(measured)


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
    parser.add_argument(
        "--baseline",
        help="A commit (or a checked-out tree) to measure side by side with this tree.",
    )
    parser.add_argument("--rounds", type=int, default=2, help="Rounds of A B with --baseline.")
    parser.add_argument("--tree", help="Measure the code of this checkout (used by --baseline).")
    parser.add_argument("--json", action="store_true", help="Print the samples as JSON.")
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
    if options.json:
        print(json.dumps(measure(options.repeat, options.per_kind)))
        return
    backend = "modelsearch's own backend" if options.stock else "search/backends/"
    print(
        f"{database_description()} ({backend}), {articles:,} live articles, "
        f"Python {platform.python_version()}, "
        f"Django {django.get_version()}, {os.cpu_count()} CPUs, {options.repeat} runs per query"
    )
    print(f"load average before: {load_average()}")
    if options.baseline:
        passed_on = ["--repeat", str(options.repeat), "--min-articles", str(options.min_articles)]
        if options.per_kind:
            passed_on += ["--per-kind", str(options.per_kind)]
        if options.stock:
            passed_on.append("--stock")
        side_by_side(options, passed_on)
    else:
        print()
        print_table(measure(options.repeat, options.per_kind))
    print(f"load average after: {load_average()}")


if __name__ == "__main__":
    main()
