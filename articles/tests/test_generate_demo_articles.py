"""generate_demo_articles: synthetic articles in their own series, searchable, removable."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from articles.factories import ArticlePageFactory, ArticleSeriesPageFactory
from articles.models import ArticlePage, ArticleSeriesPage

pytestmark = pytest.mark.django_db


def generate(*args):
    out = StringIO()
    call_command("generate_demo_articles", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def real_article(home_page):
    series = ArticleSeriesPageFactory(parent=home_page, title="Stand-in real series")
    return ArticlePageFactory(parent=series, title="Stand-in real article")


def test_creates_n_demo_articles_in_their_own_series(client, home_page, real_article):
    output = generate("5", "--batch-size", "2")
    assert "Created 5 demo articles in 'Demo content'" in output

    series = ArticleSeriesPage.objects.get(title="Demo content")
    assert series.get_parent().specific == home_page
    assert series.live
    articles = list(ArticlePage.objects.child_of(series).order_by("path"))
    assert [article.slug for article in articles] == [f"demo-article-{n}" for n in range(1, 6)]
    for article in articles:
        assert article.title.startswith("Demo article ")
        assert article.summary.startswith("Demo summary")
        assert article.live and article.first_published_at
        assert 3 <= len(article.references) <= 8
        assert all(ref["authors"].startswith("Demo") for ref in article.references)
        paragraphs = [b.value.source for b in article.body if b.block_type == "paragraph"]
        assert paragraphs and all(text.startswith("<p>Demo text.") for text in paragraphs)
    # The tree is consistent, and nothing went into the real series.
    assert series.get_children_count() == 5 == Page.objects.get(pk=series.pk).numchild
    assert Page.find_problems() == ([], [], [], [], [])
    assert ArticlePage.objects.child_of(real_article.get_parent()).count() == 1

    # The articles are published, served and searchable like any other.
    third = articles[2]
    assert client.get(third.url).status_code == 200
    assert third.series_position == 3
    response = client.get("/search/", {"q": third.title})
    assert third.title in [result.page.title for result in response.context["results"]]

    # Running again adds more, numbered on.
    generate("2")
    slugs = ArticlePage.objects.child_of(series).order_by("path").values_list("slug", flat=True)
    assert list(slugs)[-2:] == ["demo-article-6", "demo-article-7"]
    assert Page.find_problems() == ([], [], [], [], [])


def test_the_same_seed_writes_the_same_text(home_page):
    generate("1", "--seed", "7")
    first = ArticlePage.objects.get(slug="demo-article-1")
    generate("--delete")
    generate("1", "--seed", "7")
    again = ArticlePage.objects.get(slug="demo-article-1")
    assert again.title == first.title
    # Block ids are random; the content is not.
    body_field = ArticlePage._meta.get_field("body")
    text = body_field.get_searchable_content(again.body)
    assert text == body_field.get_searchable_content(first.body)
    assert [block.block_type for block in again.body] == [b.block_type for b in first.body]


def test_delete_removes_the_demo_series_and_only_it(client, home_page, real_article):
    generate("4")
    output = generate("--delete")
    assert "Deleted the 'Demo content' series and its 4 articles" in output
    assert not ArticleSeriesPage.objects.filter(title="Demo content").exists()
    assert list(ArticlePage.objects.values_list("title", flat=True)) == ["Stand-in real article"]
    assert Page.find_problems() == ([], [], [], [], [])
    response = client.get("/search/", {"q": "demo article"})
    assert [result.page.title for result in response.context["results"]] == [
        "Stand-in real article"  # Its factory subtitle says "Demo".
    ]
    assert "nothing to delete" in generate("--delete")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "Give the number of articles to create"),
        (("0",), "Give the number of articles to create"),
        (("-3",), "Give the number of articles to create"),
        (("3", "--delete"), "not both"),
        (("3", "--batch-size", "0"), "--batch-size must be at least 1"),
    ],
)
def test_bad_arguments_are_a_one_line_error(home_page, args, message):
    with pytest.raises(CommandError, match=message):
        generate(*args)
    assert not ArticlePage.objects.exists()


def test_without_a_home_page_it_says_to_run_setup_site(db):
    with pytest.raises(CommandError, match="run `manage.py setup_site` first"):
        generate("3")
