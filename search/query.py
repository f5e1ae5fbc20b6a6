"""What a visitor typed, made safe to search with and to show back.

Visitors type anything: operators, quotes, SQL, emoji, control characters, 10,000 characters.
``clean_query`` makes the text safe to echo, log and store; ``parse_query`` keeps only the
words (and "quoted phrases") so no character ever reaches a full-text parser as an operator.
The words are what the database indexes anyway: SQLite's FTS5 and PostgreSQL's parser both
split text on punctuation.
"""

import re
import unicodedata
from dataclasses import dataclass

from modelsearch.query import And, Phrase, PlainText

# Longer queries are trimmed: no real search needs more, and it bounds the work per request.
MAX_QUERY_LENGTH = 200
# Words beyond this are ignored; an AND of twenty words already matches almost nothing.
MAX_TERMS = 20

WORD_RE = re.compile(r"\w+")

# Light English stemming, shared by the snippet highlighter and SQLite searches (SQLite's
# full-text index does not stem; PostgreSQL's does, with its Snowball English stemmer).
SUFFIXES = ("ing", "ed", "es", "s")
MIN_STEM = 4
# The endings a stem is searched with on SQLite: "nightmare" finds "nightmares" and back.
VARIANT_ENDINGS = ("", "s", "es", "e", "ed", "ing")
PHRASE_RE = re.compile(r'"([^"]*)"')


def clean_query(raw):
    """The query as it is echoed, logged and searched: printable, single-spaced, bounded.

    Control, format and unassigned characters (NUL bytes break PostgreSQL) become spaces.
    """
    raw = (raw or "")[: MAX_QUERY_LENGTH * 4]
    text = "".join(" " if unicodedata.category(char)[0] == "C" else char for char in raw)
    text = " ".join(text.split())
    if len(text) > MAX_QUERY_LENGTH:
        cut = text[:MAX_QUERY_LENGTH]
        # Drop a word cut in half, unless the query is one enormous word.
        if text[MAX_QUERY_LENGTH] != " " and " " in cut:
            cut = cut.rsplit(" ", 1)[0]
        text = cut.strip()
    return text


def light_stem(word):
    """The word without one common English ending, if at least MIN_STEM letters remain."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def word_variants(word):
    """The forms of a word a search should also find, lower case, the word itself first.

    "nightmares" gives nightmare and nightmares (and a few forms no text holds, which
    cost nothing to look up); "therapy" gives therapies. Words with digits or other
    characters than letters are left as they are.
    """
    word = word.lower()
    if not word.isalpha():
        return [word]
    stem = light_stem(word)
    variants = [word, *(stem + ending for ending in VARIANT_ENDINGS)]
    if word.endswith("ies") and len(word) > len("ies") + 1:
        variants.append(word[: -len("ies")] + "y")
    elif word.endswith("y") and len(word) > len("y") + 2:
        variants.append(word[: -len("y")] + "ies")
    return list(dict.fromkeys(variants))


def _words(text):
    return WORD_RE.findall(text)


@dataclass(frozen=True)
class ParsedQuery:
    """The searchable parts of a query: quoted phrases and loose words."""

    phrases: tuple[str, ...] = ()
    words: tuple[str, ...] = ()

    @property
    def terms(self):
        """Every word, phrases included, in order and without repeats (for highlighting)."""
        seen = {}
        for phrase in self.phrases:
            for word in phrase.split():
                seen.setdefault(word.lower(), word)
        for word in self.words:
            seen.setdefault(word.lower(), word)
        return tuple(seen.values())

    def __bool__(self):
        return bool(self.phrases or self.words)

    def as_search_query(self):
        """A modelsearch query: every phrase and every word must match."""
        parts = [Phrase(phrase) for phrase in self.phrases]
        if self.words:
            parts.append(PlainText(" ".join(self.words), operator="and"))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else And(parts)

    def as_text(self):
        """The words alone, space separated (for autocomplete)."""
        return " ".join(self.terms)


def parse_query(query):
    """Split a cleaned query into "quoted phrases" and loose words, dropping all punctuation.

    An unbalanced quote is ignored. A quoted single word is just a word.
    """
    phrases, words = [], []
    remainder = query
    if query.count('"') >= 2:
        for match in PHRASE_RE.finditer(query):
            phrase_words = _words(match.group(1))
            if len(phrase_words) > 1:
                phrases.append(" ".join(phrase_words))
            else:
                words.extend(phrase_words)
        remainder = PHRASE_RE.sub(" ", query)
    words.extend(_words(remainder))

    # Bound the total number of words, phrases first (the visitor chose them deliberately).
    budget = MAX_TERMS
    kept_phrases = []
    for phrase in phrases:
        phrase_words = phrase.split()[:budget]
        if len(phrase_words) > 1:
            kept_phrases.append(" ".join(phrase_words))
        elif phrase_words:
            words.insert(0, phrase_words[0])
        budget -= len(phrase_words)
        if budget <= 0:
            break
    unique_words = {}
    for word in words:
        unique_words.setdefault(word.lower(), word)
    return ParsedQuery(
        phrases=tuple(kept_phrases), words=tuple(list(unique_words.values())[: max(budget, 0)])
    )
