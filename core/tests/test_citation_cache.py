"""References are formatted once per deployment: the result is kept in the shared cache."""

import pytest
from django.core.cache import caches

from core import citations

DEMO = {
    "kind": "article-journal",
    "authors": "Demo, A. & Sample, B.",
    "year": 2020,
    "title": "Demo cached reference",
    "source": "Demo Journal of Examples",
    "volume": "3",
    "pages": "1-9",
    "doi": "10.5555/demo.cache",
}


@pytest.fixture
def fresh_process():
    """Forget what this process memoised, as a new worker or a restarted server would."""
    citations._format_csl_json.cache_clear()
    yield
    citations._format_csl_json.cache_clear()


def refuse_citeproc(monkeypatch):
    def formatting_again(*args):
        raise AssertionError("the reference was formatted again")

    monkeypatch.setattr(citations, "_format_with_citeproc", formatting_again)


def test_a_reference_formatted_by_one_worker_is_read_back_by_another(fresh_process, monkeypatch):
    html = citations.format_reference(DEMO, "apa")
    assert "Demo cached reference" in html
    citations._format_csl_json.cache_clear()  # another worker: nothing in its memory
    refuse_citeproc(monkeypatch)
    assert citations.format_reference(DEMO, "apa") == html


def test_each_style_and_each_edit_is_formatted_on_its_own(fresh_process, monkeypatch):
    apa = citations.format_reference(DEMO, "apa")
    vancouver = citations.format_reference(DEMO, "vancouver")
    corrected = citations.format_reference({**DEMO, "year": 2021}, "apa")
    assert "(2020)" in apa and "(2021)" in corrected
    assert vancouver != apa
    citations._format_csl_json.cache_clear()
    refuse_citeproc(monkeypatch)
    with pytest.raises(AssertionError, match="formatted again"):
        citations.format_reference({**DEMO, "title": "Demo corrected title"}, "apa")


def test_without_the_shared_cache_entry_the_reference_is_formatted_and_stored_again(
    fresh_process, monkeypatch
):
    html = citations.format_reference(DEMO, "ama")
    caches["default"].clear()
    citations._format_csl_json.cache_clear()
    formatted = []
    real = citations._format_with_citeproc
    monkeypatch.setattr(
        citations, "_format_with_citeproc", lambda *args: formatted.append(args) or real(*args)
    )
    assert citations.format_reference(DEMO, "ama") == html
    assert len(formatted) == 1
    citations._format_csl_json.cache_clear()
    assert citations.format_reference(DEMO, "ama") == html
    assert len(formatted) == 1, "the second worker formatted it again"
