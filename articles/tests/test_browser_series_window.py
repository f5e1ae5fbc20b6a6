"""What a visitor sees of "In this series" in a long series, in Chromium.

The list shows the first part, the parts near this one and the last, with "…" where parts
are skipped; each item keeps its part number, and the list passes axe.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from articles.factories import ArticlePageFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def twelve_articles(transactional_db, series, site_settings):
    return [
        ArticlePageFactory(parent=series, title=f"Demo article {n}", slug=f"demo-article-{n}")
        for n in range(1, 13)
    ]


def test_long_series_list_is_windowed_numbered_and_accessible(twelve_articles, browser_page):
    page = browser_page
    page.goto(twelve_articles[6].url)  # part 7 of 12
    items = page.locator("nav.in-series ol > li")
    texts = [text.strip() for text in items.all_inner_texts()]
    assert texts == [
        "Demo article 1",
        "…",
        "Demo article 4",
        "Demo article 5",
        "Demo article 6",
        "Demo article 7",  # " (this article)" is CSS generated content
        "Demo article 8",
        "Demo article 9",
        "Demo article 10",
        "…",
        "Demo article 12",
    ]
    # The number each visible part shows: HTML's ordinal (value="N", else one more than
    # the item before, hidden gaps included), gaps left out.
    numbers = page.evaluate(
        """(() => {
            let ordinal = 0;
            const shown = [];
            for (const item of document.querySelectorAll('nav.in-series ol > li')) {
                ordinal = item.hasAttribute('value') ? Number(item.getAttribute('value'))
                                                     : ordinal + 1;
                if (!item.classList.contains('in-series__gap')) shown.push(ordinal);
            }
            return shown;
        })()"""
    )
    assert numbers == [1, 4, 5, 6, 7, 8, 9, 10, 12]
    assert (
        page.locator("nav.in-series [aria-current=page]").inner_text().startswith("Demo article 7")
    )
    page.get_by_role("link", name="All 12 articles in Demo series").click()
    page.wait_for_url("**/demo-series/")
    page.go_back()
    results = Axe().run(page)
    serious = [
        f"{violation['id']}: {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == []
