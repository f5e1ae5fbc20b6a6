"""The article page as a visitor sees it: structure, series navigation, CTA and notices."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from articles.factories import ArticlePageFactory, demo_body, seed_like_body
from articles.models import ArticlePage

pytestmark = pytest.mark.django_db


def get_soup(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text_of(element):
    return " ".join(element.get_text(" ").split())


def test_header_shows_breadcrumb_title_subtitle_and_meta_line(client, three_articles):
    soup = get_soup(client, three_articles[1])

    crumbs = soup.select("nav.breadcrumb li")
    assert [text_of(li) for li in crumbs] == ["Home", "Demo series", "Demo article 2"]
    assert [a["href"] for a in soup.select("nav.breadcrumb a")] == ["/", "/demo-series/"]
    assert crumbs[-1]["aria-current"] == "page"

    assert [text_of(h1) for h1 in soup.find_all("h1")] == ["Demo article 2"]
    assert text_of(soup.select_one(".article-subtitle")) == "Demo subtitle 2"
    meta = text_of(soup.select_one(".article-meta"))
    assert "Part 2 of 3 in Demo series" in meta
    assert "2 min read" in meta
    assert "Published 2 March 2025" in meta
    assert soup.select_one(".article-meta time")["datetime"] == "2025-03-02"


def test_headings_are_in_order_with_one_h1(client, three_articles):
    soup = get_soup(client, three_articles[0])
    levels = [int(tag.name[1]) for tag in soup.find_all(["h1", "h2", "h3", "h4"])]
    assert levels[0] == 1
    assert levels.count(1) == 1
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:], strict=False))


def test_table_of_contents_links_every_section_heading(client, three_articles):
    soup = get_soup(client, three_articles[0])
    toc_links = soup.select("nav.toc a")
    assert [text_of(a) for a in toc_links] == [
        "Demo section 1",
        "Demo section 2",
        "Demo section 3",
        "Demo section 4",
        "Demo section 5",
        "Peer-Reviewed References",
    ]
    for link in toc_links:
        target = soup.find(id=link["href"].removeprefix("#"))
        assert target is not None and target.name == "h2"


def test_every_id_on_the_page_is_unique_and_each_toc_link_finds_its_own_heading(
    client, series, site_settings
):
    """Repeated headings, a heading named like part of the layout and a non-Latin heading."""
    body = demo_body()
    paragraph = {"type": "paragraph", "value": "<p>Demo text.</p>"}
    body[0:0] = [
        {"type": "heading", "value": "Demo repeated"},
        paragraph,
        {"type": "heading", "value": "Demo repeated"},
        paragraph,
        {"type": "heading", "value": "Main"},
        paragraph,
        {"type": "heading", "value": "Демо раздел"},
        paragraph,
    ]
    article = ArticlePageFactory(parent=series, body=body)
    soup = get_soup(client, article)

    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    toc_links = soup.select("nav.toc a")
    hrefs = [link["href"] for link in toc_links]
    assert hrefs[:4] == ["#demo-repeated", "#demo-repeated-2", "#main-2", "#демо-раздел"]
    assert len(hrefs) == len(set(hrefs))
    for link in toc_links:
        target = soup.find(id=link["href"].removeprefix("#"))
        assert target is not None and target.name == "h2"
        assert text_of(target) == text_of(link)


def test_no_table_of_contents_with_fewer_than_three_headings(client, series, site_settings):
    body = [block for block in demo_body() if block["value"] != "Demo section three"]
    article = ArticlePageFactory(parent=series, body=body)
    soup = get_soup(client, article)
    assert len(soup.select(".article-body h2[id^=demo-section]")) == 2
    assert soup.select("nav.toc") == []


def test_empty_call_to_action_uses_the_site_default(client, three_articles, site_settings):
    site_settings.cta_heading = "Demo default heading"
    site_settings.cta_text = "Demo default text."
    site_settings.cta_button_label = "Demo default button"
    site_settings.save()
    soup = get_soup(client, three_articles[0])
    ctas = soup.select(".article-body .cta")
    assert len(ctas) == 1
    assert text_of(ctas[0].h2) == "Demo default heading"
    assert text_of(ctas[0].select_one(".cta__text")) == "Demo default text."
    button = ctas[0].select_one("a.button")
    assert text_of(button) == "Demo default button"
    assert button["href"] == "https://example.com/demo-booking"


def test_default_call_to_action_links_to_the_booking_page(client, home_page, series, site_settings):
    booking = ArticlePageFactory(parent=series, title="Demo booking stand-in", slug="book")
    site_settings.cta_url = ""
    site_settings.cta_page = booking
    site_settings.save()
    article = ArticlePageFactory(parent=series, body=seed_like_body())
    soup = get_soup(client, article)
    assert soup.select_one(".article-body .cta a.button")["href"] == "/demo-series/book/"


def test_filled_call_to_action_fields_override_the_default_one_by_one(
    client, series, site_settings
):
    article = ArticlePageFactory(
        parent=series,
        body=seed_like_body(
            call_to_action={
                "heading": "",
                "text": "Demo own text.",
                "button_label": "Demo own button",
                "page": None,
                "url": "https://example.com/demo-own",
            }
        ),
    )
    cta = get_soup(client, article).select_one(".article-body .cta")
    assert text_of(cta.h2) == site_settings.cta_heading
    assert text_of(cta.select_one(".cta__text")) == "Demo own text."
    assert cta.select_one("a.button")["href"] == "https://example.com/demo-own"
    assert text_of(cta.select_one("a.button")) == "Demo own button"


def test_call_to_action_to_an_unpublished_page_falls_back_to_the_default(
    client, series, site_settings
):
    draft = ArticlePageFactory(parent=series, title="Demo draft target", live=False)
    article = ArticlePageFactory(
        parent=series,
        body=seed_like_body(
            call_to_action={"heading": "", "text": "", "button_label": "", "page": draft.pk}
        ),
    )
    cta = get_soup(client, article).select_one(".article-body .cta")
    assert cta.select_one("a.button")["href"] == "https://example.com/demo-booking"


def test_article_without_a_call_to_action_block_still_offers_booking(client, series, site_settings):
    body = [block for block in demo_body() if block["type"] != "call_to_action"]
    article = ArticlePageFactory(parent=series, body=body)
    soup = get_soup(client, article)
    buttons = soup.select(".article-body .cta a.button")
    assert [button["href"] for button in buttons] == ["https://example.com/demo-booking"]


def test_crisis_notice_comes_from_the_settings(client, three_articles, site_settings):
    site_settings.crisis_notice = "Demo crisis notice: call the demo line."
    site_settings.save()
    soup = get_soup(client, three_articles[0])
    assert text_of(soup.select_one(".crisis-notice")) == "Demo crisis notice: call the demo line."

    site_settings.crisis_notice = ""
    site_settings.save()
    assert get_soup(client, three_articles[0]).select(".crisis-notice") == []


@pytest.mark.parametrize(
    ("notice", "links"),
    [
        ("If you are in crisis, call or text 988.", [("tel:988", "988")]),
        (
            "Demo: call 0800 123 4567 or text 85258.",
            [("tel:08001234567", "0800 123 4567"), ("tel:85258", "85258")],
        ),
        ("Demo: phone +44 (20) 7946-0000 now.", [("tel:+442079460000", "+44 (20) 7946-0000")]),
        ("Demo: founded in 2026, 24 hours a day.", []),
        ("Demo <b>call</b> 988 <script>x</script>", []),
    ],
)
def test_the_numbers_in_the_crisis_notice_can_be_tapped(
    client, three_articles, site_settings, notice, links
):
    site_settings.crisis_notice = notice
    site_settings.save()
    crisis = get_soup(client, three_articles[0]).select_one(".crisis-notice")
    assert [(a["href"], a.get_text()) for a in crisis.select("a")] == links
    assert " ".join(crisis.get_text().split()) == " ".join(notice.split())
    assert crisis.select("b, script") == []


def test_references_show_each_formatted_reference_with_its_doi_link(client, three_articles):
    soup = get_soup(client, three_articles[0])
    references = soup.select(".references li.reference")
    assert len(references) == 4
    assert text_of(references[0]).startswith("Demo, A., & Sample, B. (2020). Demo reference 1.")
    assert references[0].a["href"] == "https://doi.org/10.5555/demo.1"


def test_citation_style_setting_changes_the_rendered_references(
    client, three_articles, site_settings
):
    apa = text_of(get_soup(client, three_articles[0]).select_one("li.reference"))
    site_settings.citation_style = "ama"
    site_settings.save()
    ama = text_of(get_soup(client, three_articles[0]).select_one("li.reference"))
    assert apa.startswith("Demo, A., & Sample, B. (2020).")
    assert ama.startswith("Demo A, Sample B. Demo reference 1.")
    assert "doi: 10.5555/demo.1" in ama


def test_previous_and_next_cards_name_the_neighbouring_articles(client, three_articles):
    first, second, third = three_articles
    pager = get_soup(client, second).select_one("nav.pager")
    assert [a["aria-label"] for a in pager.find_all("a")] == [
        "Previous: Demo article 1",
        "Next: Demo article 3",
    ]
    assert [text_of(a) for a in pager.find_all("a")] == [
        "Previous Demo article 1",
        "Next Demo article 3",
    ]
    assert pager.select_one("a[rel=next]")["href"] == third.url

    first_pager = get_soup(client, first).select_one("nav.pager")
    assert [a["rel"] for a in first_pager.find_all("a")] == [["next"]]
    last_pager = get_soup(client, third).select_one("nav.pager")
    assert [a["rel"] for a in last_pager.find_all("a")] == [["prev"]]


def test_series_navigation_skips_drafts_and_private_articles(client, three_articles):
    first, second, third = three_articles
    second.unpublish()
    PageViewRestriction.objects.create(page=third, restriction_type="password", password="x")
    ArticlePageFactory(parent=first.get_parent(), title="Demo article 4", slug="demo-article-4")

    soup = get_soup(client, first)
    assert soup.select_one("a[rel=next]")["aria-label"] == "Next: Demo article 4"
    listed = [text_of(a) for a in soup.select("nav.in-series a")]
    assert listed == ["Demo article 1", "Demo article 4"]
    assert "Part 1 of 2" in text_of(soup.select_one(".article-meta"))


def test_in_this_series_marks_the_current_article(client, three_articles):
    soup = get_soup(client, three_articles[2])
    items = soup.select("nav.in-series li")
    assert [text_of(li) for li in items] == ["Demo article 1", "Demo article 2", "Demo article 3"]
    current = soup.select("nav.in-series [aria-current=page]")
    assert [text_of(a) for a in current] == ["Demo article 3"]


def test_disclaimer_and_organisation_come_from_the_settings(client, three_articles, site_settings):
    site_settings.footer_disclaimer = "Demo disclaimer: not advice."
    site_settings.save()
    soup = get_soup(client, three_articles[0])
    assert text_of(soup.select_one("footer .disclaimer")) == "Demo disclaimer: not advice."
    assert text_of(soup.select_one(".site-name")) == "Demo Organisation"
    assert text_of(soup.title) == "Demo article 1 | Demo Organisation"


def test_article_page_query_count_does_not_grow_with_the_series(
    client, three_articles, django_assert_max_num_queries
):
    series = three_articles[0].get_parent()
    client.get(three_articles[0].url)  # warm per-process caches (site root paths)
    with django_assert_max_num_queries(16):  # incl. the byline and topics
        client.get(three_articles[0].url)
    for n in range(4, 12):
        ArticlePageFactory(parent=series, title=f"Demo article {n}", body=seed_like_body())
    with django_assert_max_num_queries(16):  # incl. the byline and topics
        response = client.get(three_articles[0].url)
    assert "Part 1 of 11" in response.content.decode()


def test_draft_preview_renders_without_series_position(client, series, site_settings):
    article = ArticlePageFactory(parent=series, body=seed_like_body(), live=False)
    page = ArticlePage.objects.get(pk=article.pk)
    response = page.make_preview_request()
    assert response.status_code == 200
    assert b"Part " not in response.content.split(b'class="article-meta"')[1][:200]


def test_preview_of_a_new_unsaved_article_renders(series, site_settings):
    # What the admin does when an editor previews an article before first saving it.
    page = ArticlePage(title="Demo new article", slug="demo-new", body=seed_like_body())
    page.depth = series.depth + 1
    page.path = ArticlePage._get_path(series.path, page.depth, series.numchild + 1)
    page.set_url_path(series)
    response = page.make_preview_request()
    assert response.status_code == 200
    assert b"Demo new article" in response.content


def test_a_series_of_one_still_lists_itself(client, series, site_settings):
    article = ArticlePageFactory(parent=series, title="Demo only article", body=seed_like_body())
    soup = get_soup(client, article)
    assert [text_of(a) for a in soup.select("nav.in-series a")] == ["Demo only article"]
    assert soup.select("nav.pager") == []


def test_ids_are_unique_and_every_label_reference_resolves(client, three_articles):
    soup = get_soup(client, three_articles[1])
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    for tag in soup.find_all(attrs={"aria-labelledby": True}):
        assert soup.find(id=tag["aria-labelledby"]) is not None
    for link in soup.select('a[href^="#"]'):
        assert soup.find(id=link["href"][1:]) is not None, link["href"]
    assert soup.html["lang"] == "en"
    assert len(soup.find_all("main")) == 1
