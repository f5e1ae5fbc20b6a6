"""Editorial checks an article should pass before clinical review.

They are warnings, not validation errors: a draft can always be saved, and a reviewer
decides whether a flagged article may still be approved (an undated source, for example,
is sometimes right). Editors see them at the top of the article editor and after saving.

The heading check works on the outline a reader's screen reader announces: the title is
the only level-1 heading; section headings, the call to action and the references heading
are level 2; a heading found inside rich text (only possible in imported content, as the
paragraph editor offers no headings) has its own level. A heading more than one level
below the previous one skips a level. An article with several paragraphs but no section
headings, and a section heading with nothing under it, are flagged too. Text before the
first section heading is fine: it reads as the introduction under the title.
"""

import re

from django.utils.html import strip_tags

from articles.reference_blocks import UNREAD_REFERENCE_AUTHORS

RICH_TEXT_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)


def article_problems(article):
    """Plain-language problems with an article's body, each naming the fix."""
    return [
        *reference_problems(article.references),
        *heading_problems(article.body),
    ]


def reference_problems(references):
    if not references:
        return [
            "The article has no references. Add a References block at the end listing the "
            "peer-reviewed works it draws on."
        ]
    problems = []
    for number, reference in enumerate(references, start=1):
        if (reference.get("authors") or "").strip() == UNREAD_REFERENCE_AUTHORS:
            problems.append(
                f"Reference {number} could not be read when the article was imported: its "
                f"authors show as '{UNREAD_REFERENCE_AUTHORS}' to readers. Check it against "
                "the source and fill in the authors, year, title and source."
            )
            continue
        if reference.get("year") in (None, ""):
            title = reference.get("title") or "untitled"
            problems.append(
                f"Reference {number} ({title}) has no year. Add the year of publication; "
                "leave it empty only if the work is undated."
            )
    return problems


def _outline(body):
    """(level, text) for every heading in the body, in reading order."""
    for block in body:
        if block.block_type == "heading":
            yield 2, block.value
        elif block.block_type == "references":
            yield 2, block.value.get("heading") or "References"
        elif block.block_type == "call_to_action":
            yield 2, block.value.get("heading") or "Call to action"
        elif block.block_type == "paragraph":
            source = getattr(block.value, "source", str(block.value))
            for level, text in RICH_TEXT_HEADING.findall(source):
                yield int(level), " ".join(strip_tags(text).split())


def heading_problems(body):
    problems = []
    previous = 1  # The article title is the page's only level-1 heading.
    for level, text in _outline(body):
        if level == 1:
            problems.append(
                f"The heading '{text}' is a main (level 1) heading; only the title may be. "
                "Use a Section heading block instead."
            )
        elif level > previous + 1:
            problems.append(
                f"The heading '{text}' skips a level (level {level} after level {previous}). "
                "Use a Section heading block instead."
            )
        previous = max(level, 1)

    blocks = list(body)
    types = [block.block_type for block in blocks]
    if "heading" not in types and types.count("paragraph") > 1:
        problems.append(
            "The article has no section headings. Add a Section heading before each part "
            "so readers can scan it and jump to what they need."
        )
    for index, block in enumerate(blocks):
        if block.block_type != "heading":
            continue
        following = types[index + 1] if index + 1 < len(types) else None
        if following in (None, "heading", "references"):
            problems.append(
                f"The section '{block.value}' is empty. Add text under it or remove the heading."
            )
    return problems
