"""Editors preview article blocks in the admin with the site's own styles."""

import pytest
from bs4 import BeautifulSoup

from articles.models import ArticlePage


@pytest.mark.django_db
def test_call_to_action_preview_uses_site_styles_and_defaults(admin_client, site_settings):
    block = ArticlePage.body.field.stream_block.child_blocks["call_to_action"]
    response = admin_client.get("/admin/block-preview/", {"id": block.definition_prefix})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("link", rel="stylesheet", href="/static/css/site.css")
    cta = soup.select_one("section.cta")
    assert cta.h2.get_text() == "Ready to talk?"
    assert cta.select_one("a.button")["href"] == "https://example.com/book"
