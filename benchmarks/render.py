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
  ``wrk -t2 -c16 -d<duration>s``, the trees alternating A B A B, one port each.

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


def start_gunicorn(tree, env):
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
        ],
        cwd=tree,
        env=env,
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
        for tree in trees.values():
            # Production settings serve static files from a manifest: collect them per tree.
            python = str(tree / ".venv" / "bin" / "python")
            run([python, "manage.py", "collectstatic", "--noinput", "-v0"], tree, env)
        # In-process, the trees alternate too (A B A B); the samples of all rounds are pooled.
        samples = {label: [] for label in trees}
        for _round in range(options.rounds):
            for label, tree in trees.items():
                command = [
                    str(tree / ".venv" / "bin" / "python"),
                    str(ROOT / "benchmarks" / "render.py"),
                    "--measure",
                    "--renders",
                    str(options.renders),
                    "--database",
                    options.database,
                ]
                out = run(command, tree, env, capture_output=True)
                samples[label].append(json.loads(out.stdout.decode().strip().splitlines()[-1]))
        figures = {label: pooled(rounds_) for label, rounds_ in samples.items()}
        servers = {label: start_gunicorn(tree, env) for label, tree in trees.items()}
        rates = {label: {name: [] for name in figures[label]} for label in trees}
        try:
            for name in figures["now"]:
                for label in trees:  # warm both workers: each compiles templates on first use
                    warm(servers[label][1], figures[label][name]["url"])
            for _round in range(options.rounds):
                for name in figures["now"]:
                    for label in trees:
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

    print(
        f"database: {options.database.split(':')[0]}; baseline {options.baseline}; "
        f"wrk -t2 -c16 -d{options.duration}s x {options.rounds} rounds, A B A B"
    )
    print(
        "| page | queries before → now | p50 ms before → now | p95 ms before → now "
        "| KB before → now | req/s before → now (rounds) | ratio |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, now in figures["now"].items():
        before = figures["before"].get(name)
        if before is None:
            continue
        rate_before = statistics.mean(rates["before"][name])
        rate_now = statistics.mean(rates["now"][name])
        print(
            f"| {name} | {before['queries']} → {now['queries']} "
            f"| {before['p50']:.1f} → {now['p50']:.1f} | {before['p95']:.1f} → {now['p95']:.1f} "
            f"| {before['bytes'] / 1024:.1f} → {now['bytes'] / 1024:.1f} "
            f"| {rate_before:.0f} ({rounds(rates['before'][name])}) → "
            f"{rate_now:.0f} ({rounds(rates['now'][name])}) "
            f"| {rate_now / rate_before if rate_before else float('nan'):.2f}× |"
        )
    print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
