"""HTTP benchmark of one article: uncached, embedded page cache, Varnish, and nginx. Not a test.

    .venv/bin/python benchmarks/http_cache.py            # --rounds 3 --seconds 5
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/http_cache.py

It sets up a fresh site in a temporary folder (SQLite unless DATABASE_URL is given: then
that database is migrated and set up, so use a scratch one), with production settings, and
starts, each on a free port:

- gunicorn with 2 workers as docs/DEPLOYMENT.md says, page cache off (PAGE_CACHE=0);
- gunicorn with 2 workers and the embedded page cache on (files, the one-box default);
- varnishd with deploy/varnish/default.vcl in front of the second gunicorn;
- nginx serving the same article's HTML, saved to a file.

Then it runs ``wrk -t2 -c16`` against each in turn, for several alternating rounds, and
prints req/s and p50/p99 latency per target (the median round), then publishes an edit of
the article and times how long until the article, its series neighbours, the series page
and its feed are fresh through Varnish. The load average is printed with the figures, since
the machine is shared. Results go in docs/PERFORMANCE.md.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from core.testing.servers import (  # noqa: E402 -- after the path above
    VARNISHD,
    free_port,
    vcl_for_backend,
    wait_for_port,
    wait_for_varnish_backend,
)

PYTHON = str(BASE_DIR / ".venv" / "bin" / "python")
GUNICORN = str(BASE_DIR / ".venv" / "bin" / "gunicorn")
NGINX = "/usr/sbin/nginx"

NGINX_CONF = """daemon off;
worker_processes 2;
pid {root}/nginx.pid;
error_log {root}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    server {{
        listen 127.0.0.1:{port};
        root {root}/html;
        location / {{ default_type text/html; try_files /article.html =404; }}
    }}
}}
"""

# Run inside the site (manage.py shell): publish a new title, poll Varnish (every page at
# once, as many readers would) until every page that shows the article has it. Prints JSON.
PUBLISH_SCRIPT = """
import json, time, urllib.request
from concurrent.futures import ThreadPoolExecutor
from articles.models import ArticlePage
article = ArticlePage.objects.live().get(pk={pk})
series = article.get_parent().specific
paths = [article.url, series.url, "/feeds/series/%s/rss.xml" % series.slug]
paths += [page.url for page in article.get_siblings(inclusive=False).live()]
original = article.title
marker = "%s (bench %d)" % (original, time.time())
article.title = marker
started = time.monotonic()
article.save_revision().publish()
published = time.monotonic() - started
def wait_fresh(path):
    # Poll one page until it shows the new title, as readers reloading it would.
    while time.monotonic() - started < 30:
        body = urllib.request.urlopen("{varnish}" + path, timeout=10).read().decode()
        if marker in body:
            return None
    return path
with ThreadPoolExecutor(len(paths)) as pool:
    pending = [path for path in pool.map(wait_fresh, paths) if path]
fresh = time.monotonic() - started
article.title = original
article.save_revision().publish()
print(json.dumps({{"publish": published, "fresh": fresh, "pages": len(paths),
                  "stale": sorted(pending)}}))
"""


def run(command, env, **kwargs):
    return subprocess.run(command, env=env, cwd=BASE_DIR, check=True, **kwargs)  # noqa: S603


def start(command, env, log):
    return subprocess.Popen(  # noqa: S603
        command, env=env, cwd=BASE_DIR, stdout=log, stderr=subprocess.STDOUT
    )


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 -- local servers
        return response.headers, response.read()


def wrk(url, seconds):
    output = subprocess.run(  # noqa: S603
        ["/usr/bin/wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)

    def percentile(label):
        value, unit = re.search(rf"\s{label}%\s+([\d.]+)(us|ms|s)\b", output).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return {
        "rps": rate,
        "p50": percentile("50"),
        "p99": percentile("99"),
        "errors": int(errors.group(1)) if errors else 0,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    args = parser.parse_args()

    for tool in (VARNISHD, NGINX, "/usr/bin/wrk", GUNICORN):
        if not Path(tool).exists():
            sys.exit(f"{tool} is missing (apt-get install -y varnish nginx wrk)")

    root = Path(tempfile.mkdtemp(prefix="artcms-bench-http-"))
    root.chmod(0o755)  # nginx's workers read the saved HTML
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "artcms.settings.production",
        "SECRET_KEY": "benchmark-only-secret-key-not-for-production",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SITE_URL": "http://127.0.0.1:8000",
        # Production refuses backends that do not send; nothing listens on port 9.
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": "9",
        "STATIC_ROOT": str(root / "static"),
        "PAGE_CACHE_DIR": str(root / "page-cache"),
        "CACHE_DIR": str(root / "cache"),
        "ARTCMS_ADMIN_PASSWORD": "benchmark-only",
        "LOG_LEVEL": "ERROR",
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{root}/bench.sqlite3")
    manage = [PYTHON, "manage.py"]
    quiet = {"stdout": subprocess.DEVNULL}
    print(f"Setting up a site in {root} ...", flush=True)
    run([*manage, "migrate", "--noinput", "-v0"], env, **quiet)
    run([*manage, "setup_site"], env, **quiet)
    run([*manage, "collectstatic", "--noinput", "-v0"], env, **quiet)
    # A series of five synthetic articles, so the publish has neighbours to refresh.
    run([*manage, "generate_demo_articles", "5"], env, **quiet)
    found = subprocess.run(  # noqa: S603
        [
            *manage,
            "shell",
            "-c",
            # The shipped article (real content) for the rates; the third demo article
            # (in a series of five) for the publish.
            "from articles.models import ArticlePage as A; live = A.objects.live(); "
            "a = live.exclude(slug__startswith='demo').order_by('path').first(); "
            "d = live.filter(slug__startswith='demo').order_by('path')[2]; "
            "print(a.url, d.pk)",
        ],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    path, pk = found[-2], int(found[-1])

    ports = {name: free_port() for name in ("uncached", "embedded", "varnish", "nginx")}
    logs = (root / "servers.log").open("w")
    processes = []
    try:
        for name, page_cache in (("uncached", "0"), ("embedded", "1")):
            processes.append(
                start(
                    [
                        GUNICORN,
                        "artcms.wsgi",
                        "--workers",
                        "2",
                        "--bind",
                        f"127.0.0.1:{ports[name]}",
                    ],
                    {**env, "PAGE_CACHE": page_cache},
                    logs,
                )
            )
        vcl = root / "default.vcl"
        vcl.write_text(vcl_for_backend("127.0.0.1", ports["embedded"]))
        processes.append(
            start(
                [
                    VARNISHD,
                    "-F",
                    "-j",
                    "none",
                    "-a",
                    f"127.0.0.1:{ports['varnish']}",
                    "-f",
                    str(vcl),
                    "-n",
                    str(root / "varnish"),
                    "-s",
                    "malloc,256m",
                ],
                env,
                logs,
            )
        )
        for name in ("uncached", "embedded", "varnish"):
            if not wait_for_port("127.0.0.1", ports[name], timeout=60):
                sys.exit(f"{name} did not start; see {root / 'servers.log'}")

        wait_for_varnish_backend(f"http://127.0.0.1:{ports['varnish']}")
        urls = {name: f"http://127.0.0.1:{ports[name]}{path}" for name in ports}
        _headers, html = fetch(urls["uncached"])
        (root / "html").mkdir()
        (root / "html" / "article.html").write_bytes(html)
        (root / "nginx.conf").write_text(NGINX_CONF.format(root=root, port=ports["nginx"]))
        processes.append(start([NGINX, "-c", str(root / "nginx.conf"), "-p", str(root)], env, logs))
        wait_for_port("127.0.0.1", ports["nginx"])
        for name in ("embedded", "varnish"):
            fetch(urls[name])  # fill the cache
        cache_headers = {name: fetch(url)[0] for name, url in urls.items()}
        assert cache_headers["embedded"].get("X-Page-Cache") == "hit"  # noqa: S101
        assert cache_headers["varnish"].get("X-Cache") == "HIT"  # noqa: S101

        load_before = os.getloadavg()
        results = {name: [] for name in urls}
        for round_number in range(args.rounds):
            for name, url in urls.items():
                results[name].append(wrk(url, args.seconds))
            print(f"round {round_number + 1}/{args.rounds} done", flush=True)
        load_after = os.getloadavg()

        publish_env = {**env, "FRONTEND_CACHE_URLS": f"http://127.0.0.1:{ports['varnish']}"}
        script = PUBLISH_SCRIPT.format(pk=pk, varnish=f"http://127.0.0.1:{ports['varnish']}")
        publishes = []
        for _ in range(3):
            output = subprocess.run(  # noqa: S603
                [*manage, "shell", "-c", script],
                env=publish_env,
                cwd=BASE_DIR,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            publishes.append(json.loads(output.strip().splitlines()[-1]))
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        logs.close()

    print()
    print(
        f"Article {path} ({len(html):,} bytes), wrk -t2 -c16 -d{args.seconds}s, "
        f"{args.rounds} alternating rounds; median round shown"
    )
    print(f"{'target':<10} {'req/s':>10} {'p50 ms':>9} {'p99 ms':>9}   rounds (req/s)")
    medians = {}
    for name, rounds in results.items():
        middle = sorted(rounds, key=lambda r: r["rps"])[len(rounds) // 2]
        medians[name] = middle["rps"]
        every = ", ".join(f"{r['rps']:.0f}" for r in rounds)
        errors = sum(r["errors"] for r in rounds)
        note = f"  ({errors} non-2xx)" if errors else ""
        print(
            f"{name:<10} {middle['rps']:>10.0f} {middle['p50']:>9.2f} {middle['p99']:>9.2f}   "
            f"{every}{note}"
        )
    print()
    print(f"embedded / uncached: {medians['embedded'] / medians['uncached']:.1f}x")
    print(f"varnish / nginx:     {medians['varnish'] / medians['nginx']:.0%}")
    for publish in publishes:
        print(
            f"publish -> {publish['pages']} pages fresh through Varnish: "
            f"{publish['fresh'] * 1000:.0f} ms "
            f"(the publish itself {publish['publish'] * 1000:.0f} ms)"
            + (f", still stale: {publish['stale']}" if publish["stale"] else "")
        )
    print(
        f"load average before: {' '.join(f'{x:.2f}' for x in load_before)}, "
        f"after: {' '.join(f'{x:.2f}' for x in load_after)} ({os.cpu_count()} CPUs)"
    )
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
