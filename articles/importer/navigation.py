"""The trailing "Next"/"Previous" links of an export, which name the neighbouring articles.

The forms the old site wrote: "Next", "Previous:", "Next article", "← Previous" on a line of
their own (sometimes repeated) with the title on the last line, or inline "Next: Title".
"""

import re

from articles.importer.fields import TITLE_MAX_LENGTH, article_slug

_ARROWS = r"[\s←→«»‹›<>]*"
_NAVIGATION = re.compile(
    rf"^{_ARROWS}(?P<kind>next|previous|prev)(?:\s+(?:article|part|post))?"
    rf"(?:\s*:?{_ARROWS}|\s*[:\-–—]\s*(?P<title>.+?){_ARROWS})$",
    re.IGNORECASE,
)


def is_navigation_link(line):
    """A "Next"/"Previous" link, with or without the title it names."""
    return bool(_NAVIGATION.match(line))


def split_navigation(lines, article):
    """Remove the trailing "Next"/"Previous" links, noting the titles they name.

    Sets ``article.next_title`` and ``article.previous_title``, adds to
    ``article.warnings`` for a link that names nothing usable, and returns the lines before
    the links.
    """
    end = len(lines)
    links = {}
    while end:
        match = _NAVIGATION.match(lines[end - 1])
        if match and match["title"]:  # "Next: Title" on one line
            links.setdefault(_link_kind(match), match["title"])
            end -= 1
            continue
        if match:  # "Next" with no title after it
            article.warnings.append(
                f'a "{lines[end - 1]}" link without an article title after it was ignored'
            )
            end -= 1
            continue
        # "Next" (perhaps repeated) on its own line, then the title on the last line.
        start = end - 1
        while start and _is_bare_navigation(lines[start - 1]):
            start -= 1
        if start == end - 1 or len(lines[end - 1]) > TITLE_MAX_LENGTH:
            break
        links.setdefault(_link_kind(_NAVIGATION.match(lines[end - 2])), lines[end - 1])
        end = start
    for kind, title in links.items():
        if title == article.title:
            article.warnings.append(f'the "{kind}" link names this article itself; ignored')
        elif not article_slug(title):
            article.warnings.append(f'the "{kind}" link does not name an article: "{title}"')
        elif kind == "next":
            article.next_title = title
        else:
            article.previous_title = title
    return lines[:end]


def _is_bare_navigation(line):
    match = _NAVIGATION.match(line)
    return bool(match) and not match["title"]


def _link_kind(match):
    return "next" if match["kind"].lower() == "next" else "previous"
