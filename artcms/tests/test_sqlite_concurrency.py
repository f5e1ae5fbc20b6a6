"""SQLite as a web server's database: pages publish while bookings arrive, and nothing fails.

Before WAL, IMMEDIATE transactions and a busy timeout, about one publish in three failed
with "database is locked" while bookings were being sent. Here a separate process
publishes pages (an editor) while several threads send the booking form to gunicorn over
HTTP (visitors); every publish and every booking must succeed and be stored.
"""

import http.client
import sqlite3
import subprocess
import sys
import threading
import urllib.parse

from bs4 import BeautifulSoup

from artcms.tests.conftest import BASE_DIR

PUBLISHES = 12
PUBLISHERS = 2
VISITORS = 6
BOOKINGS_EACH = 8

# Run by `manage.py shell -c` in its own process (its own connection), as editor EDITOR.
PUBLISH_SCRIPT = """
from articles.factories import ArticlePageFactory
from articles.models import ArticleSeriesPage

series = ArticleSeriesPage.objects.first()
for n in range(PUBLISHES):
    page = ArticlePageFactory(
        parent=series,
        title=f"Demo concurrent article EDITOR-{n}",
        slug=f"demo-concurrent-EDITOR-{n}",
    )
    page.title = f"Demo concurrent article EDITOR-{n} (edited)"
    page.save_revision().publish()
print("published", PUBLISHES)
"""


def publish_script(editor):
    return PUBLISH_SCRIPT.replace("EDITOR", str(editor)).replace("PUBLISHES", str(PUBLISHES))


def send_booking(port, visitor, n):
    """GET the form, then POST it back with the hidden fields it carried: the status."""
    client_ip = f"198.51.100.{visitor * 20 + n + 1}"  # One client per request (no rate limit).
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", "/book/", headers={"X-Forwarded-For": client_ip})
        response = connection.getresponse()
        html = response.read().decode()
        cookies = "; ".join(
            value.split(";", 1)[0]
            for name, value in response.getheaders()
            if name.lower() == "set-cookie"
        )
        form = BeautifulSoup(html, "html.parser").find("form", method="post")
        fields = {
            field["name"]: field.get("value", "")
            for field in form.find_all("input", type="hidden")
            if field.get("name")
        }
        fields.update(
            name=f"Demo Visitor {visitor}-{n}",
            email=f"demo.visitor.{visitor}.{n}@example.com",
            phone="+1 555 010 0199",
            preferred_contact="email",
            role="nurse",
            message=f"Demo message {visitor}-{n}.",
            consent="on",
            website="",
        )
        connection.request(
            "POST",
            "/book/",
            body=urllib.parse.urlencode(fields),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookies,
                "X-Forwarded-For": client_ip,
            },
        )
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def count(database, table):
    with sqlite3.connect(database) as connection:
        return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608


def test_publishing_while_bookings_arrive_loses_nothing(gunicorn_server):
    site = gunicorn_server
    bookings_before = count(site.database, "booking_bookingrequest")
    statuses = []

    def visitor(number):
        for n in range(BOOKINGS_EACH):
            statuses.append(send_booking(site.port, number, n))

    threads = [threading.Thread(target=visitor, args=(number,)) for number in range(VISITORS)]
    publishers = [
        subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
            [sys.executable, "manage.py", "shell", "-c", publish_script(editor)],
            cwd=BASE_DIR,
            env=site.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for editor in range(PUBLISHERS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    outputs = [publisher.communicate(timeout=300) for publisher in publishers]

    for publisher, (out, err) in zip(publishers, outputs, strict=True):
        assert publisher.returncode == 0, err[-3000:]
        assert f"published {PUBLISHES}" in out
    assert statuses == [303] * (VISITORS * BOOKINGS_EACH), statuses
    assert count(site.database, "booking_bookingrequest") == bookings_before + len(statuses)
    with sqlite3.connect(site.database) as connection:
        titles = {
            row[0]
            for row in connection.execute(
                "SELECT title FROM wagtailcore_page WHERE live AND title LIKE 'Demo concurrent%'"
            )
        }
    assert titles == {
        f"Demo concurrent article {editor}-{n} (edited)"
        for editor in range(PUBLISHERS)
        for n in range(PUBLISHES)
    }


def test_sqlite_runs_in_wal_mode_with_immediate_transactions(deployment):
    result = deployment.manage(
        "shell",
        "-c",
        "from django.db import connection; c = connection.cursor();"
        "print('sqlite:', c.execute('PRAGMA journal_mode').fetchone()[0],"
        " c.execute('PRAGMA busy_timeout').fetchone()[0], connection.transaction_mode)",
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("sqlite:"))
    _label, mode, busy_timeout, transaction_mode = line.split()
    assert mode == "wal"
    assert int(busy_timeout) >= 5000
    assert transaction_mode == "IMMEDIATE"
