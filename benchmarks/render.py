"""Render benchmark: queries, in-process time, HTML bytes and req/s per public page type,
for this checkout and, side by side in the same run, for an earlier commit.

    .venv/bin/python benchmarks/render.py                 # against 16c2581 (before issue 14)
    .venv/bin/python benchmarks/render.py --baseline REV --duration 5 --rounds 2

It builds what it needs in a SQLite file under var/ (``--database`` to choose another):
the shipped site (``setup_site``) and a 1,000-article demo series
(``generate_demo_articles 1000``), unless they are there already. The earlier commit is
checked out into a temporary ``git worktree`` whose ``.venv`` links to this checkout's
(``--copy-venv`` copies it instead, if the baseline's requirements differ); both trees
read the same database (the schema is the same). For each tree:

- in-process (``--measure``, run inside the tree): each page through Django's test client
  with production settings, once to warm up, then ``--renders`` times: queries, p50/p95 ms,
  HTML bytes;
- through gunicorn (2 workers, production settings, SECURE_SSL_REDIRECT=0) with
  ``wrk -t2 -c16 -d<duration>s``, the variants alternating A B C A B C, one port each.
  Every variant runs under the same server settings, gunicorn's defaults (sync workers),
  so the render path is what differs; ``--deployed-config`` gives each tree its own
  gunicorn.conf.py instead (this tree's: threads and an access log; the baseline had none).

Three variants: "before" (the baseline), "now" (this tree) and "cold" (this tree with its
rendered fragments off, FRAGMENT_CACHE=0: what the first request after a publish pays).

With ``--search-database URL`` it also builds the 10,000-article demo in that database
(its own, since it would swamp the series above) and runs ``benchmarks/search.py`` side by
side with ``--search-baseline`` (the commit before the search work), after the render figures.

The load average is printed before and after: the machine is shared.
"""

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO_COUNT = 1000
SEARCH_COUNT = 10_000


def production_env(database_url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "artcms.settings.production",
        "SECRET_KEY": "benchmark-only-secret-key-not-for-production",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        # Production settings refuse an email backend that writes to the log; nothing is sent.
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": "9",
        "SITE_URL": "http://127.0.0.1",
        # Uncached rendering is what is measured: the embedded page cache stays off.
        "PAGE_CACHE": "0",
    }


def run(args, cwd, env, **kwargs):
    return subprocess.run(args, cwd=cwd, env=env, check=True, **kwargs)  # noqa: S603 -- our own commands


def build_content(database_url):
    """The shipped site and a 1,000-article demo series, unless already there."""
    env = {**production_env(database_url), "ARTCMS_ADMIN_PASSWORD": "benchmark-only"}
    python = str(ROOT / ".venv" / "bin" / "python")
    run([python, "manage.py", "migrate", "--noinput", "-v0"], ROOT, env)
    probe = (
        "from articles.models import ArticlePage;"
        "print(ArticlePage.objects.filter(slug='demo-article-1000').exists(),"
        " ArticlePage.objects.exclude(slug__startswith='demo-article-').exists())"
    )
    out = run([python, "manage.py", "shell", "-c", probe], ROOT, env, capture_output=True)
    has_demo, has_site = out.stdout.decode().split()[-2:]
    if has_site != "True":
        run([python, "manage.py", "setup_site"], ROOT, env)
    if has_demo != "True":
        run([python, "manage.py", "generate_demo_articles", str(DEMO_COUNT)], ROOT, env)


def run_search_benchmark(database_url, baseline, rounds):
    """The 10,000-article demo in its own database (built unless there), then
    benchmarks/search.py side by side with ``baseline``: search p50/p95 per kind of query."""
    env = {**os.environ, "DATABASE_URL": database_url, "ARTCMS_ADMIN_PASSWORD": "benchmark-only"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    python = str(ROOT / ".venv" / "bin" / "python")
    run([python, "manage.py", "migrate", "--noinput", "-v0"], ROOT, env)
    probe = (
        "from articles.models import ArticlePage;"
        "print(ArticlePage.objects.filter(slug__startswith='demo-article-').count())"
    )
    out = run([python, "manage.py", "shell", "-c", probe], ROOT, env, capture_output=True)
    if int(out.stdout.decode().split()[-1]) < SEARCH_COUNT:
        run([python, "manage.py", "setup_site", "--no-import"], ROOT, env)
        run([python, "manage.py", "generate_demo_articles", str(SEARCH_COUNT)], ROOT, env)
    search = [python, str(ROOT / "benchmarks" / "search.py"), "--baseline", baseline]
    run([*search, "--rounds", str(rounds)], ROOT, env)


def page_urls():
    """URL per page type: the shipped article, its series, home, a demo-series article."""
    from articles.models import ArticlePage, ArticleSeriesPage
    from articles.topics.models import Topic

    shipped = (
        ArticlePage.objects.live()
        .exclude(slug__startswith="demo-article-")
        .order_by("path")
        .first()
    )
    demo = ArticlePage.objects.get(slug=f"demo-article-{DEMO_COUNT // 2}")
    urls = {
        "home": "/",
        "series": ArticleSeriesPage.objects.get(pk=shipped.get_parent().pk).url,
        "article": shipped.url,
        "article-1000": demo.url,
    }
    topic = Topic.objects.filter(tagged_articles__isnull=False).order_by("name").first()
    if topic:
        urls["topic"] = f"/topics/{topic.slug}/"
    return urls


def measure(renders):
    """In-process figures for each page type, as JSON on stdout (run inside a tree)."""
    import django

    sys.path.insert(0, os.getcwd())
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    results = {}
    for name, url in page_urls().items():
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        queries = len(captured.captured_queries)  # read now: each request resets the log
        times = []
        for _ in range(renders):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        results[name] = {
            "url": url,
            "queries": queries,
            "times": times,
            "bytes": len(response.content),
        }
    print(json.dumps(results))


def pooled(rounds_):
    """One tree's figures from its measuring rounds: p50 and p95 of all samples."""
    figures = {}
    for name, first in rounds_[0].items():
        times = sorted(time_ for round_ in rounds_ for time_ in round_[name]["times"])
        figures[name] = {
            "url": first["url"],
            "queries": first["queries"],
            "bytes": first["bytes"],
            "p50": statistics.median(times),
            "p95": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
        }
    return figures


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(tree, env, config=None):
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 -- our own command
        [
            str(tree / ".venv" / "bin" / "python"),
            "-m",
            "gunicorn",
            "artcms.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            *(["--config", str(config)] if config else []),
        ],
        cwd=tree,
        env=env,
        stdout=subprocess.DEVNULL,  # the deployed config's access log
    )
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, port
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"gunicorn in {tree} did not start")


def warm(port, url, requests=6):
    """A few requests one after the other, so no load test starts behind a backlog."""
    for _ in range(requests):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{url}", timeout=60) as response:
            response.read()


def wrk(port, url, duration):
    command = [
        "wrk",
        "-t2",
        "-c16",
        f"-d{duration}s",
        "--timeout",
        "30s",  # a busy machine answers slowly; a timed-out request is not counted at all
        f"http://127.0.0.1:{port}{url}",
    ]
    out = subprocess.run(  # noqa: S603 -- wrk from PATH, our own arguments
        command,
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rate, int(errors.group(1)) if errors else 0


def rounds(rates):
    return "/".join(f"{rate:.0f}" for rate in rates)


def load():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="16c2581", help="commit to compare with")
    parser.add_argument("--database", default=f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
    parser.add_argument("--renders", type=int, default=30, help="in-process renders per page")
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=2, help="A B rounds through gunicorn")
    parser.add_argument(
        "--copy-venv",
        action="store_true",
        help="give the baseline a copy of .venv (cp -a; minutes on a busy disk), not a link",
    )
    parser.add_argument(
        "--deployed-config",
        action="store_true",
        help="serve each tree with its own gunicorn.conf.py (the baseline has none)",
    )
    parser.add_argument(
        "--search-database",
        help="also build the 10,000-article demo in this database (its own: "
        "sqlite:///var/bench-search.sqlite3, or a PostgreSQL URL) and run benchmarks/search.py",
    )
    parser.add_argument(
        "--search-baseline", default="76b418a", help="the commit before the search work"
    )
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    env = production_env(options.database)
    if options.measure:
        measure(options.renders)
        return

    print(f"load average before: {load()}")
    build_content(options.database)
    workdir = Path(tempfile.mkdtemp(prefix="artcms-render-bench-"))
    baseline = workdir / "baseline"
    run(["git", "worktree", "add", "--detach", str(baseline), options.baseline], ROOT, env)
    try:
        if options.copy_venv:
            run(["cp", "-a", str(ROOT / ".venv"), str(baseline / ".venv")], ROOT, env)
        else:
            # The same packages: the interpreter imports the tree it runs in (its cwd).
            (baseline / ".venv").symlink_to(ROOT / ".venv")
        trees = {"before": baseline, "now": ROOT}
        # "cold" is this tree with its rendered fragments off (core/caching/fragments.py):
        # what the first request after a publish pays, and every request if they were gone.
        variants = {
            "before": (baseline, env),
            "now": (ROOT, env),
            "cold": (ROOT, {**env, "FRAGMENT_CACHE": "0"}),
        }
        for tree in trees.values():
            # Production settings serve static files from a manifest: collect them per tree.
            python = str(tree / ".venv" / "bin" / "python")
            run([python, "manage.py", "collectstatic", "--noinput", "-v0"], tree, env)
        # The same server for every variant: gunicorn's defaults (sync workers, no access
        # log), unless --deployed-config runs each tree with its own gunicorn.conf.py.
        server_config = None
        if not options.deployed_config:
            server_config = workdir / "gunicorn-bench.conf.py"
            server_config.write_text("# gunicorn's defaults, the same for every variant\n")
        # In-process, the variants alternate too (A B C A B C); all rounds' samples pooled.
        samples = {label: [] for label in variants}
        for _round in range(options.rounds):
            for label, (tree, variant_env) in variants.items():
                command = [
                    str(tree / ".venv" / "bin" / "python"),
                    str(ROOT / "benchmarks" / "render.py"),
                    "--measure",
                    "--renders",
                    str(options.renders),
                    "--database",
                    options.database,
                ]
                out = run(command, tree, variant_env, capture_output=True)
                samples[label].append(json.loads(out.stdout.decode().strip().splitlines()[-1]))
        figures = {label: pooled(rounds_) for label, rounds_ in samples.items()}
        servers = {
            label: start_gunicorn(tree, variant_env, server_config)
            for label, (tree, variant_env) in variants.items()
        }
        rates = {label: {name: [] for name in figures[label]} for label in variants}
        try:
            for name in figures["now"]:
                for label in variants:  # warm each server: templates compile on first use
                    warm(servers[label][1], figures[label][name]["url"])
            for _round in range(options.rounds):
                for name in figures["now"]:
                    for label in variants:
                        rate, errors = wrk(
                            servers[label][1], figures[label][name]["url"], options.duration
                        )
                        if errors:
                            print(f"warning: {errors} error responses, {label} {name}")
                        rates[label][name].append(rate)
                        # Let the requests wrk left in flight finish before the next run.
                        warm(servers[label][1], figures[label][name]["url"], requests=1)
        finally:
            for process, _port in servers.values():
                process.terminate()
                process.wait()
    finally:
        run(["git", "worktree", "remove", "--force", str(baseline)], ROOT, env)
        shutil.rmtree(workdir, ignore_errors=True)

    server = "each tree's gunicorn.conf.py" if options.deployed_config else "gunicorn defaults"
    print(
        f"database: {options.database.split(':')[0]}; baseline {options.baseline}; "
        f"wrk -t2 -c16 -d{options.duration}s x {options.rounds} rounds, A B C A B C; "
        f"{server}, 2 workers"
    )
    print("before = baseline; now = this tree; cold = this tree, rendered fragments off")
    print(
        "| page | queries before / now / cold | p50 ms before / now / cold "
        "| p95 ms before / now / cold | KB before / now | req/s before / now / cold (rounds) "
        "| now ÷ before | cold ÷ before |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, now in figures["now"].items():
        before, cold = figures["before"].get(name), figures["cold"][name]
        if before is None:
            continue
        rate = {label: statistics.mean(rates[label][name]) for label in variants}
        per_round = " / ".join(
            f"{rate[label]:.0f} ({rounds(rates[label][name])})" for label in variants
        )
        print(
            f"| {name} | {before['queries']} / {now['queries']} / {cold['queries']} "
            f"| {before['p50']:.1f} / {now['p50']:.1f} / {cold['p50']:.1f} "
            f"| {before['p95']:.1f} / {now['p95']:.1f} / {cold['p95']:.1f} "
            f"| {before['bytes'] / 1024:.1f} / {now['bytes'] / 1024:.1f} "
            f"| {per_round} "
            f"| {rate['now'] / rate['before']:.2f}× | {rate['cold'] / rate['before']:.2f}× |"
        )
    print(f"load average after: {load()}")
    if options.search_database:
        print(f"search, {SEARCH_COUNT:,} demo articles, against {options.search_baseline}:")
        sys.stdout.flush()  # before the search benchmark's own output
        run_search_benchmark(options.search_database, options.search_baseline, options.rounds)
        print(f"load average after the search benchmark: {load()}")


if __name__ == "__main__":
    main()
