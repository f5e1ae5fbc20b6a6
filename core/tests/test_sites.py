"""core.sites: the request's Wagtail site by a prepared query, the one Wagtail would choose."""

import pytest
from django.test import RequestFactory
from wagtail.models import Page, Site

from core.sites import find_site

HOSTS = [
    ("localhost", "80"),
    ("localhost", "8000"),
    ("demo-a.example", "80"),
    ("demo-a.example", "8080"),
    ("demo-b.example", "443"),
    ("demo-b.example", "80"),
    ("unknown.example", "80"),
    ("DEMO-A.EXAMPLE", "80"),
]


def request_for(hostname, port):
    return RequestFactory().get("/", HTTP_HOST=hostname, SERVER_PORT=port)


def wagtails_choice(request):
    return Site._find_for_request(request)


@pytest.fixture
def sites(home_page):
    root = Page.get_first_root_node()
    Site.objects.create(hostname="demo-a.example", port=80, root_page=root)
    Site.objects.create(hostname="demo-a.example", port=8080, root_page=home_page)
    Site.objects.create(hostname="demo-b.example", port=443, root_page=home_page)


@pytest.mark.parametrize(("hostname", "port"), HOSTS)
def test_the_same_site_as_wagtail_with_a_default_site(sites, settings, hostname, port):
    settings.ALLOWED_HOSTS = ["*"]
    request = request_for(hostname, port)
    assert find_site(request) == wagtails_choice(request)


@pytest.mark.parametrize(("hostname", "port"), HOSTS)
def test_the_same_site_as_wagtail_without_a_default_site(sites, settings, hostname, port):
    settings.ALLOWED_HOSTS = ["*"]
    Site.objects.update(is_default_site=False)
    request = request_for(hostname, port)
    assert find_site(request) == wagtails_choice(request)


def test_the_middleware_leaves_the_site_where_wagtail_looks(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert response.wsgi_request._wagtail_site == Site.objects.get(is_default_site=True)
    assert Site.find_for_request(response.wsgi_request).root_page_id == home_page.pk


@pytest.mark.parametrize("port", ["0", "99999999999", "-1", "65536"])
def test_a_port_no_site_can_have_is_left_to_wagtail(home_page, port):
    request = request_for("localhost", port)
    assert find_site(request) == wagtails_choice(request)


def test_one_query_per_request_for_the_site(
    home_page, django_assert_num_queries, django_assert_max_num_queries
):
    find_site(request_for("localhost", "80"))  # prepared
    with django_assert_num_queries(1):
        assert find_site(request_for("localhost", "80")).root_page_id == home_page.pk


def test_views_other_than_wagtails_pages_are_left_alone(client, home_page):
    response = client.get("/health/live/")
    assert response.status_code == 200
    assert not hasattr(response.wsgi_request, "_wagtail_site")
