"""One SITE_URL gives the Site record its address and the admin its base URL.

Before, under `make run` the Site record was localhost:80, so the sitemap, canonical, feed
and JSON-LD URLs pointed at http://localhost/ where nothing answers.
"""

import io
import os
import subprocess
import sys
from xml.etree import ElementTree

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Site

from artcms.tests.conftest import BASE_DIR, get
from artcms.tests.test_settings import run_manage

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_every_sitemap_url_answers_from_the_running_site(gunicorn_server):
    status, _headers, body = get(gunicorn_server.port, "/sitemap.xml")
    assert status == 200
    sitemap = ElementTree.fromstring(body)  # noqa: S314 - our own server's sitemap
    urls = [loc.text for loc in sitemap.iter(f"{SITEMAP}loc")]
    assert len(urls) >= 3  # The home page, the series, the booking page, the articles.
    for url in urls:
        assert url.startswith(gunicorn_server.url + "/"), url
        assert get(gunicorn_server.port, url[len(gunicorn_server.url) :])[0] == 200, url


@pytest.mark.parametrize(
    ("site_url", "hostname", "port"),
    [
        ("http://127.0.0.1:8000", "127.0.0.1", 8000),
        ("https://art.example.org", "art.example.org", 443),
        ("http://art.example.org/", "art.example.org", 80),
    ],
)
def test_setup_site_gives_the_site_the_address_of_site_url(db, settings, site_url, hostname, port):
    settings.SITE_URL = site_url
    call_command("setup_site", "--no-import", stdout=io.StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == (hostname, port)

    settings.SITE_URL = "http://127.0.0.1:8123"
    call_command("setup_site", "--no-import", stdout=io.StringIO())
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)


@pytest.mark.parametrize(
    "site_url", ["art.example.org", "ftp://art.example.org", "https://art.example.org/x"]
)
def test_setup_site_refuses_a_malformed_site_url(db, settings, site_url):
    settings.SITE_URL = site_url
    with pytest.raises(CommandError, match="SITE_URL must be the site's address"):
        call_command("setup_site", "--no-import")


def test_dev_settings_default_to_where_make_run_serves():
    env = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "WAGTAILADMIN_BASE_URL"}}
    env["DJANGO_SETTINGS_MODULE"] = "artcms.settings.dev"
    result = subprocess.run(  # noqa: S603 - our own settings, fixed arguments
        [
            sys.executable,
            "-c",
            "from django.conf import settings;"
            "print(settings.SITE_URL, settings.WAGTAILADMIN_BASE_URL)",
        ],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert result.stdout.split() == ["http://127.0.0.1:8000", "http://127.0.0.1:8000"]


def test_production_warns_until_site_url_is_set_and_refuses_a_bad_one():
    secrets = {"SECRET_KEY": "a-long-random-production-secret-" + "k" * 40}
    secrets["ALLOWED_HOSTS"] = "art.example.org"
    secrets["EMAIL_BACKEND"] = "django.core.mail.backends.smtp.EmailBackend"
    secrets["EMAIL_HOST"] = "smtp.example.org"
    unset = run_manage("check", **secrets)
    good = run_manage("check", SITE_URL="https://art.example.org", **secrets)
    bad = run_manage("check", SITE_URL="art.example.org/path", **secrets)

    assert unset.returncode == 0 and "core.W001" in unset.stderr
    assert "SITE_URL is not set" in unset.stderr
    assert good.returncode == 0 and "core.W001" not in good.stderr + good.stdout
    assert bad.returncode != 0 and "core.E001" in bad.stderr
