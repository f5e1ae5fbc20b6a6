"""A Word document (.docx) read into the lines the text importer reads.

mammoth (a maintained .docx converter) turns the document into plain HTML; this module
walks that HTML into lines: Word's heading styles become HeadingLine (so they are headings
whatever their punctuation), paragraphs become lines, list items become bulleted ("•") or
numbered ("1.") lines. ``parser.parse_lines`` then reads them exactly as it reads a text
export, so the title, subtitle, call to action and reference list (each entry parsed by
references.py) come out the same. Bold, italics and links are not kept: text is text, as
in the export. Images, tables and footnotes are left out with a warning.
"""

import io
import zipfile

import mammoth
from lxml import etree, html

from articles.importer.errors import ArticleImportError
from articles.importer.lines import HeadingLine, clean_line
from articles.importer.parser import parse_lines

# Word's Title and Subtitle styles; the heading styles are in mammoth's own style map.
_STYLE_MAP = """
p.Title => h1:fresh
p[style-name='Title'] => h1:fresh
p.Subtitle => p:fresh
p[style-name='Subtitle'] => p:fresh
"""
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_LISTS = {"ul", "ol"}
# A .docx is a zip; a document that unpacks to more than this is not an article.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
_NOT_A_DOCX = (
    "is not a Word document that can be read ({reason}); open it in Word, save it as a "
    "Word document (.docx) and import it again"
)


def parse_docx(data):
    """Read the bytes of a .docx into a ParsedArticle; ArticleImportError says what is wrong."""
    html_text = _converted_html(data)
    lines, warnings = docx_lines(html_text)
    if not lines:
        raise ArticleImportError("is empty: the Word document has no text")
    article = parse_lines(lines)
    article.warnings[:0] = warnings
    return article


def _converted_html(data):
    if not data.strip():
        raise ArticleImportError("is empty")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ArticleImportError(_NOT_A_DOCX.format(reason="it is not in Word's .docx format"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
            has_body = "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ArticleImportError(_NOT_A_DOCX.format(reason="the file is damaged")) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise ArticleImportError(
            f"is too large once unpacked (more than {MAX_UNPACKED_BYTES // (1024 * 1024)} MB): "
            "split the article, or remove large images, and import it again"
        )
    if not has_body:
        raise ArticleImportError(_NOT_A_DOCX.format(reason="it has no document body"))
    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data),
            style_map=_STYLE_MAP,
            include_embedded_style_map=False,
            # Images are left out: never read or embedded.
            convert_image=mammoth.images.img_element(lambda image: {}),
        )
    except Exception:  # noqa: BLE001 - any failure inside the document is the same to an editor
        raise ArticleImportError(_NOT_A_DOCX.format(reason="its contents are damaged")) from None
    return result.value


def docx_lines(html_text):
    """(lines, warnings) for mammoth's HTML of a document."""
    if not html_text.strip():
        return [], []
    lines, left_out = [], {"image": 0, "table": 0, "footnote": 0}
    for element in html.fragments_fromstring(html_text):
        if isinstance(element, str):  # text outside any element
            _add(lines, element)
        else:
            _read_element(element, lines, left_out)
    return lines, _left_out_warnings(left_out)


def _read_element(element, lines, left_out):
    tag = element.tag
    if tag in _HEADINGS:
        text = clean_line(_text(element, left_out))
        if text:
            lines.append(HeadingLine(text))
    elif tag in _LISTS:
        _read_list(element, lines, left_out, ordered=tag == "ol")
    elif tag == "table":
        left_out["table"] += 1
    else:
        # A paragraph; a line break inside it (Shift+Enter in Word) starts a new line.
        for text in _text(element, left_out, breaks=True).split("\n"):
            _add(lines, text)


def _read_list(element, lines, left_out, ordered):
    """Each item on its own line, numbered or bulleted; nested lists follow their item."""
    number = 0
    for item in element.iterchildren("li"):
        if (item.get("id") or "").startswith(("footnote-", "endnote-")):
            left_out["footnote"] += 1
            continue
        number += 1
        nested = [child for child in item if child.tag in _LISTS]
        for child in nested:
            item.remove(child)
        text = clean_line(_text(item, left_out))
        if text:
            lines.append(f"{number}. {text}" if ordered else f"• {text}")
        for child in nested:
            _read_list(child, lines, left_out, ordered=child.tag == "ol")


def _text(element, left_out, breaks=False):
    """The element's text, images and footnote marks left out (and counted)."""
    for image in list(element.iter("img")):
        left_out["image"] += 1
        image.drop_tree()
    for link in list(element.iter("a")):
        if (link.get("href") or "").startswith(("#footnote-", "#endnote-")):
            link.drop_tree()
    if breaks:
        for line_break in list(element.iter("br")):
            line_break.tail = "\n" + (line_break.tail or "")
    return etree.tostring(element, method="text", encoding="unicode", with_tail=False)


def _add(lines, text):
    text = clean_line(text)
    if text:
        lines.append(text)


def _left_out_warnings(left_out):
    what = {
        "image": "image(s) were left out: add them in the editor, with their alternative text",
        "table": "table(s) were left out: add their content in the editor",
        "footnote": "footnote(s) were left out: add them to the text or the references",
    }
    return [
        f"the Word document's {count} {what[kind]}" for kind, count in left_out.items() if count
    ]
