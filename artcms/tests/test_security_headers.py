"""Content-Security-Policy and Permissions-Policy headers, public and admin, and the
report-only switch.

Public pages allow no inline code and nothing from another origin, and carry no nonce, so
a shared cache can keep one copy for everyone; the admin has its own policy.
"""

import base64
import hashlib
import os
import subprocess
import sys

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.views.defaults import server_error

from artcms.middleware import ContentSecurityPolicyMiddleware
from artcms.tests.conftest import BASE_DIR


def directives(header):
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def test_public_page_policy_is_strict_and_the_same_for_everyone(client, three_articles):
    first = client.get(three_articles[0].url)
    again = client.get(three_articles[0].url)

    assert first.status_code == 200
    policy = directives(first["Content-Security-Policy"])
    assert first["Content-Security-Policy"] == again["Content-Security-Policy"]  # No nonce.
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"][0] == "'self'"
    assert all(value.startswith("'sha256-") for value in policy["style-src"][1:])
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    allowed = {"'self'", "'none'", "data:"}
    for name, values in policy.items():
        for value in values:
            assert value in allowed or value.startswith("'sha256-"), (name, value)


@pytest.mark.parametrize("path", ["/search/?q=demo", "/search/suggest/?q=demo", "/nope/"])
def test_search_and_error_pages_carry_the_public_policy(client, three_articles, path):
    response = client.get(path)
    assert directives(response["Content-Security-Policy"])["script-src"] == ["'self'"]


def test_admin_has_its_own_policy(client, db):
    policy = directives(client.get("/admin/login/")["Content-Security-Policy"])

    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]  # Previews are framed by the editor.
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert not any("//" in value for values in policy.values() for value in values)


def test_server_error_page_styles_are_allowed_by_their_hash():
    html = render_to_string("500.html")
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    request = RequestFactory().get("/")
    response = ContentSecurityPolicyMiddleware(server_error)(request)

    assert response.status_code == 500
    assert f"'sha256-{digest}'" in directives(response["Content-Security-Policy"])["style-src"]


def test_permissions_policy_denies_features_the_site_does_not_use(client, three_articles):
    header = client.get(three_articles[0].url)["Permissions-Policy"]
    features = dict(item.strip().split("=", 1) for item in header.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"


REPORT_ONLY_PROBE = """
import django
django.setup()
from django.http import HttpResponse
from django.test import RequestFactory
from artcms.middleware import ContentSecurityPolicyMiddleware
middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponse())
for path in ("/", "/admin/"):
    response = middleware(RequestFactory().get(path))
    print(path, "enforced" if "Content-Security-Policy" in response else "-",
          response.get("Content-Security-Policy-Report-Only", "-"))
"""


@pytest.mark.parametrize("report_only", ["0", "1"])
def test_report_only_switch(report_only):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "artcms.settings.test"}
    env["CSP_REPORT_ONLY"] = report_only
    result = subprocess.run(  # noqa: S603 - our own code, fixed arguments
        [sys.executable, "-c", REPORT_ONLY_PROBE],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    public, admin = result.stdout.splitlines()
    if report_only == "1":
        assert public.startswith("/ - ") and "frame-ancestors 'none'" in public
        assert admin.startswith("/admin/ - ") and "frame-ancestors 'self'" in admin
    else:
        assert public == "/ enforced -"
        assert admin == "/admin/ enforced -"
