"""The article's lines as the raw StreamField data of ArticleBodyBlock.

Headings, paragraphs and lists, the call to action and the reference list. Every piece of
text is escaped: the export is never trusted as HTML.
"""

from django.utils.html import escape

from articles.importer.fields import BUTTON_LABEL_MAX_LENGTH
from articles.importer.lines import (
    CALL_TO_ACTION,
    REFERENCES,
    is_heading,
    is_marker,
    list_item,
    strip_bullet,
)
from articles.importer.references import parse_reference


def body_blocks(lines, warnings):
    """The body blocks for the lines after the title and subtitle; warnings are appended."""
    blocks = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if CALL_TO_ACTION.match(line):
            end = index + 1
            while end < len(lines) and not is_marker(lines[end]) and not is_heading(lines, end):
                end += 1
            blocks.append(_call_to_action(lines[index + 1 : end], warnings))
        elif match := REFERENCES.match(line):
            end = index + 1
            while end < len(lines) and not is_marker(lines[end]):
                end += 1
            references = _references(line, lines[index + 1 : end], bool(match["peer"]), warnings)
            if references:
                blocks.append(references)
        elif is_heading(lines, index):
            end = index + 1
            blocks.append({"type": "heading", "value": str(line)})
        elif item := list_item(line):
            kind = item[0]
            end = index
            items = []
            while (
                end < len(lines) and (next_item := list_item(lines[end])) and (next_item[0] == kind)
            ):
                items.append(f"<li>{escape(next_item[1])}</li>")
                end += 1
            blocks.append({"type": "paragraph", "value": f"<{kind}>{''.join(items)}</{kind}>"})
        else:
            end = index + 1
            blocks.append({"type": "paragraph", "value": f"<p>{escape(line)}</p>"})
        index = end
    return blocks


def _call_to_action(lines, warnings):
    """Prose, then the button label on the last line; the link is the site's default."""
    text_lines, button_label = list(lines), ""
    if len(lines) >= 2:
        last = lines[-1].rstrip(".")  # a button label takes no full stop
        if len(last) <= BUTTON_LABEL_MAX_LENGTH:
            text_lines, button_label = lines[:-1], last
        else:
            warnings.append(
                "the call to action's last line is too long for a button label "
                f"(at most {BUTTON_LABEL_MAX_LENGTH} characters); the site's default is used"
            )
    return {
        "type": "call_to_action",
        "value": {
            # Empty heading, page and url fall back to the site's default call to action;
            # "Call to Action" in the export is a label for the section, not reader-facing.
            "heading": "",
            "text": "\n".join(text_lines),
            "button_label": button_label,
            "page": None,
            "url": "",
        },
    }


def _references(heading_line, lines, peer_reviewed, warnings):
    heading = heading_line.rstrip(":").strip()
    if not lines:
        warnings.append(f'the "{heading}" section has no entries; it was left out')
        return None
    references = []
    for number, line in enumerate(lines, start=1):
        value, readable = parse_reference(line, peer_reviewed)
        if not readable:
            warnings.append(
                f"reference {number} could not be read and was kept whole as its title "
                f'(check it in the admin): "{strip_bullet(line)}"'
            )
        references.append({"type": "reference", "value": value})
    return {"type": "references", "value": {"heading": heading, "references": references}}
