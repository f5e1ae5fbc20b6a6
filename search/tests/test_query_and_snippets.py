"""Cleaning and parsing what visitors type, and building snippets. No database needed."""

import html
import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from modelsearch.query import And, Phrase, PlainText

from search.query import MAX_QUERY_LENGTH, MAX_TERMS, clean_query, parse_query
from search.snippets import highlighted_snippet


def test_clean_query_turns_control_characters_into_spaces():
    assert clean_query("  compassion\x00fatigue\t\n\x1b[31m ") == "compassion fatigue [31m"
    assert clean_query("zero\u200bwidth\u202eflip") == "zero width flip"
    assert clean_query(None) == ""


def test_clean_query_trims_long_queries_at_a_word():
    words = " ".join(["fatigue"] * 2000)
    cleaned = clean_query(words)
    assert len(cleaned) <= MAX_QUERY_LENGTH
    assert cleaned.split() == ["fatigue"] * len(cleaned.split())
    assert len(clean_query("x" * 10_000)) == MAX_QUERY_LENGTH


@given(st.text(max_size=1000))
@settings(max_examples=200)
def test_clean_query_is_bounded_printable_and_stable(raw):
    cleaned = clean_query(raw)
    assert len(cleaned) <= MAX_QUERY_LENGTH
    assert not any(unicodedata.category(char)[0] == "C" for char in cleaned)
    assert cleaned == cleaned.strip()
    assert clean_query(cleaned) == cleaned


def test_operators_and_punctuation_never_reach_the_search():
    parsed = parse_query("compassion & fatigue | (nurses) !burnout: \"' OR 1=1 -- *")
    assert parsed.phrases == ()
    assert parsed.words == ("compassion", "fatigue", "nurses", "burnout", "OR", "1")
    assert not parse_query("& | ! ( ) : * \" ' -- ;")
    assert parse_query("& | !").as_search_query() is None


def test_quotes_make_phrases_and_an_odd_quote_is_ignored():
    parsed = parse_query('"compassion fatigue" nurses "ART"')
    assert parsed.phrases == ("compassion fatigue",)
    assert parsed.words == ("ART", "nurses")
    query = parsed.as_search_query()
    assert isinstance(query, And)
    assert [type(part) for part in query.subqueries] == [Phrase, PlainText]
    assert parse_query('"compassion fatigue').words == ("compassion", "fatigue")
    assert parse_query("Figley").as_search_query().query_string == "Figley"


def test_repeated_and_excess_words_are_dropped():
    assert parse_query("Trauma trauma TRAUMA").words == ("Trauma",)
    parsed = parse_query(" ".join(f"word{n}" for n in range(50)))
    assert len(parsed.words) == MAX_TERMS
    assert parse_query("é ü 漢字 😀").words == ("é", "ü", "漢字")


def marks(snippet):
    return re.findall(r"<mark>(.*?)</mark>", str(snippet))


def test_the_snippet_marks_every_match_case_insensitively():
    text = "Sleep matters. Nightmares and NIGHTMARE recall; a nightmare-free night."
    snippet = highlighted_snippet(text, ["nightmares"])
    assert marks(snippet) == ["Nightmares", "NIGHTMARE", "nightmare"]
    assert html.unescape(re.sub(r"</?mark>", "", str(snippet))) == text


def test_the_snippet_is_around_the_first_match_with_ellipses():
    before = " ".join(f"filler{n}" for n in range(60))
    after = " ".join(f"later{n}" for n in range(60))
    snippet = str(highlighted_snippet(f"{before} the Figley reference {after}", ["figley"]))
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>Figley</mark>" in snippet
    assert len(html.unescape(re.sub(r"</?mark>", "", snippet))) <= 222
    assert "filler0 " not in snippet and "later59" not in snippet
    # Whole words at both ends.
    assert re.match(r"…filler\d+ ", snippet) and re.search(r" later\d+…$", snippet)


def test_without_a_match_the_snippet_is_the_start_of_the_text():
    text = "Demo summary. " + "word " * 100
    snippet = str(highlighted_snippet(text, ["absent"]))
    assert snippet.startswith("Demo summary.") and snippet.endswith("…")
    assert marks(snippet) == []
    assert str(highlighted_snippet("", ["x"])) == ""


def test_short_words_are_marked_only_whole():
    snippet = highlighted_snippet("An ART session, art and artistic.", ["art", "an"])
    assert marks(snippet) == ["An", "ART", "art", "artistic"]
    assert marks(highlighted_snippet("a apple a", ["a"])) == ["a", "a"]


def test_markup_in_the_text_and_the_terms_is_escaped():
    text = "<script>alert('x')</script> & nightmares <b>bold</b>"
    snippet = str(highlighted_snippet(text, ["script", "nightmares", "<b>"]))
    assert "<script>" not in snippet and "<b>" not in snippet
    assert "&lt;<mark>script</mark>&gt;alert(&#x27;x&#x27;)" in snippet
    assert "&amp; <mark>nightmares</mark>" in snippet


@given(st.text(max_size=400), st.lists(st.text(max_size=12), max_size=5))
@settings(max_examples=200)
def test_a_snippet_is_always_inert_html(text, terms):
    words = parse_query(" ".join(terms)).terms
    snippet = str(highlighted_snippet(text, words))
    without_marks = re.sub(r"</?mark>", "", snippet)
    assert "<" not in without_marks and ">" not in without_marks
    assert '"' not in without_marks and "'" not in without_marks
    # Unescaped, it is a piece of the (whitespace-normalised) text.
    plain = html.unescape(without_marks).strip("…")
    assert plain in " ".join(text.split())
