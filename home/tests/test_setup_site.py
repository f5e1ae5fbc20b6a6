"""`make run` calls setup_site: it builds a fresh site once and never touches it again."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site

from articles.models import ArticleSeriesPage
from home.models import HomePage


def setup_site(**env):
    out = StringIO()
    call_command("setup_site", "--no-import", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_fresh_database_gets_home_series_and_admin(monkeypatch):
    monkeypatch.delenv("ARTCMS_ADMIN_PASSWORD", raising=False)
    output = setup_site()
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page.specific == home
    # Wagtail's placeholder welcome page is gone.
    assert list(Page.get_first_root_node().get_children().specific()) == [home]
    series = ArticleSeriesPage.objects.get()
    assert series.title == "ART for Healthcare Professionals"
    assert series.get_parent().pk == home.pk
    assert home.featured_series == series
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    password = output.split("with password: ")[1].split()[0]
    assert admin.check_password(password)
    assert "'admin' must set up two-factor sign-in: have an authenticator app ready" in output


@pytest.mark.django_db
def test_admin_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("ARTCMS_ADMIN_PASSWORD", "demo-password-from-env")
    output = setup_site()
    assert "demo-password-from-env" not in output
    assert "must set up two-factor sign-in" in output
    assert get_user_model().objects.get(username="admin").check_password("demo-password-from-env")


@pytest.mark.django_db
def test_running_again_keeps_the_data(client):
    setup_site()
    home = HomePage.objects.get()
    home.title = "Demo title changed by an editor"
    home.save_revision().publish()
    output = setup_site()
    assert output == ""
    assert HomePage.objects.get().title == "Demo title changed by an editor"
    assert ArticleSeriesPage.objects.count() == 1
    assert get_user_model().objects.count() == 1
    assert client.get("/").status_code == 200
    assert client.get("/art-for-healthcare-professionals/").status_code == 200
