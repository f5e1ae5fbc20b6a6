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
from dataclasses import dataclass

from django.utils.html import strip_tags

from articles.reference_blocks import LIBRARY, UNREAD_REFERENCE_AUTHORS
from articles.references.library import iter_entries, iter_references_with_blocks
from articles.references.models import CitedWorkStatus
from articles.references.retractions import flagged_references

RICH_TEXT_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)


# The editor's anchor for the body field, for problems about the body as a whole.
BODY_ANCHOR = "panel-child-content-body-section"


@dataclass(frozen=True)
class Problem:
    """One problem, and the id of the editor element at fault (a block, or the body)."""

    text: str
    anchor: str = BODY_ANCHOR
    notice_url: str = ""  # a retraction, concern or correction notice to read

    def __str__(self):
        return self.text


def block_anchor(block):
    # Wagtail's StreamField editor gives each block's section this id.
    return f"block-{block.id}-section" if block.id else BODY_ANCHOR


def article_problems(article):
    """Plain-language problems with an article's body, each naming the fix."""
    return [problem.text for problem in body_problems(article.body)]


def body_problems(body):
    """The problems of a body (a StreamValue), as Problem objects with their anchors."""
    return [*retraction_problems(body), *reference_problems(body), *heading_problems(body)]


def problems_for_form(form):
    """The problems of what the editor submitted, or of the saved revision on a fresh form.

    Checks always run on a body that would be saved: when the submitted body has errors
    there is no such body (the saved one would contradict the form), so None is returned
    and the panel says the checks wait for the errors to be fixed.
    """
    if not form.is_bound:
        return body_problems(form.instance.body)
    if "body" in form.errors or "body" not in getattr(form, "cleaned_data", {}):
        return None
    return body_problems(form.cleaned_data["body"])


def reference_problems(body):
    lists = [block for block in body if block.block_type == "references"]
    numbered = list(iter_references_with_blocks(body))
    if not numbered:
        return [
            Problem(
                "The article has no references. Add a References block at the end listing the "
                "peer-reviewed works it draws on.",
                block_anchor(lists[0]) if lists else BODY_ANCHOR,
            )
        ]
    problems = [
        Problem(
            "A reference chosen from the reference library has since been deleted from it, so "
            "readers no longer see it. Choose it again from the library, or remove the entry.",
            block_anchor(block),
        )
        for block, entry in iter_entries(body)
        if entry.block_type == LIBRARY and entry.value is None
    ]
    for number, (block, reference) in enumerate(numbered, start=1):
        anchor = block_anchor(block)
        if (reference.get("authors") or "").strip() == UNREAD_REFERENCE_AUTHORS:
            problems.append(
                Problem(
                    f"Reference {number} could not be read when the article was imported: its "
                    f"authors show as '{UNREAD_REFERENCE_AUTHORS}' to readers. Check it against "
                    "the source and fill in the authors, year, title and source.",
                    anchor,
                )
            )
            continue
        if reference.get("year") in (None, ""):
            title = reference.get("title") or "untitled"
            problems.append(
                Problem(
                    f"Reference {number} ({title}) has no year. Add the year of publication; "
                    "leave it empty only if the work is undated.",
                    anchor,
                )
            )
    return problems


# What an editor should do about each kind of notice (articles.references.retractions).
RETRACTION_ADVICE = {
    CitedWorkStatus.RETRACTED: (
        "Remove the reference or replace it with a sound source. While the article cites it, "
        "it can only be published once a clinical reviewer confirms it may."
    ),
    CitedWorkStatus.CONCERN: "Read the notice and decide whether the article may still rely on it.",
    CitedWorkStatus.CORRECTED: "Check that the article reflects the corrected version.",
}


def retraction_problems(body):
    """References whose cited works were retracted, corrected or are under concern, as
    recorded by the last retraction check (manage.py check_retractions)."""
    problems = []
    for flagged in flagged_references(body):
        urls = flagged.notice_urls
        text = flagged.sentence
        text += f"; see the notice at {urls[0]}." if urls else "."
        problems.append(
            Problem(
                f"{text} {RETRACTION_ADVICE[flagged.status]}",
                block_anchor(flagged.reference.block),
                urls[0] if urls else "",
            )
        )
    return problems


def _outline(body):
    """(level, text, block) for every heading in the body, in reading order."""
    for block in body:
        if block.block_type == "heading":
            yield 2, block.value, block
        elif block.block_type == "references":
            yield 2, block.value.get("heading") or "References", block
        elif block.block_type == "call_to_action":
            yield 2, block.value.get("heading") or "Call to action", block
        elif block.block_type == "paragraph":
            source = getattr(block.value, "source", str(block.value))
            for level, text in RICH_TEXT_HEADING.findall(source):
                yield int(level), " ".join(strip_tags(text).split()), block


def heading_problems(body):
    problems = []
    previous = 1  # The article title is the page's only level-1 heading.
    for level, text, block in _outline(body):
        if level == 1:
            problems.append(
                Problem(
                    f"The heading '{text}' is a main (level 1) heading; only the title may be. "
                    "Use a Section heading block instead.",
                    block_anchor(block),
                )
            )
        elif level > previous + 1:
            problems.append(
                Problem(
                    f"The heading '{text}' skips a level (level {level} after level "
                    f"{previous}). Use a Section heading block instead.",
                    block_anchor(block),
                )
            )
        previous = max(level, 1)

    blocks = list(body)
    types = [block.block_type for block in blocks]
    if "heading" not in types and types.count("paragraph") > 1:
        problems.append(
            Problem(
                "The article has no section headings. Add a Section heading before each part "
                "so readers can scan it and jump to what they need."
            )
        )
    for index, block in enumerate(blocks):
        if block.block_type != "heading":
            continue
        following = types[index + 1] if index + 1 < len(types) else None
        if following in (None, "heading", "references"):
            problems.append(
                Problem(
                    f"The section '{block.value}' is empty. Add text under it or remove the "
                    "heading.",
                    block_anchor(block),
                )
            )
    return problems
