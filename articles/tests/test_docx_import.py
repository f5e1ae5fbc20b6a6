"""Word documents read into the text importer's lines, without a database: headings by
their style, lists by their numbering, line breaks as lines, and documents that are not
Word documents, or unpack to far more than an article, refused with the reason."""

import pytest

from articles import importer
from articles.importer import docx

from .docx_files import demo_docx, docx_bytes
from .test_importer import demo_export


def test_a_word_document_reads_as_its_text_export_does():
    assert docx.parse_docx(demo_docx(5)) == importer.parse_article(demo_export(5))


def test_a_word_heading_is_a_heading_whatever_its_punctuation():
    article = docx.parse_docx(
        docx_bytes(
            ("Title", "Demo article 7"),
            ("Heading2", "Why does the demo matter?"),
            ("Normal", "Demo text, for testing only."),
            # Not a heading style: read by its shape, as in a text export.
            ("Normal", "Demo short line"),
            ("Normal", "Demo closing paragraph."),
        )
    )
    assert article.subtitle == ""  # a heading is never the subtitle
    assert [(block["type"], block["value"]) for block in article.body] == [
        ("heading", "Why does the demo matter?"),
        ("paragraph", "<p>Demo text, for testing only.</p>"),
        ("heading", "Demo short line"),
        ("paragraph", "<p>Demo closing paragraph.</p>"),
    ]
    assert all(type(block["value"]) is str for block in article.body)


def test_bullets_numbers_and_line_breaks_become_the_exports_lines():
    lines, warnings = docx.docx_lines(
        "<h1>Demo article 8</h1><p>Demo first line<br />Demo second line</p>"
        "<ul><li>Demo point<ol><li>Demo step</li></ol></li></ul><ol><li>Demo item</li></ol>"
    )
    assert lines == [
        "Demo article 8",
        "Demo first line",
        "Demo second line",
        "• Demo point",
        "1. Demo step",
        "1. Demo item",
    ]
    assert isinstance(lines[0], importer.lines.HeadingLine)
    assert warnings == []


def test_images_tables_and_footnotes_are_left_out_with_a_warning():
    lines, warnings = docx.docx_lines(
        '<h1>Demo article 9</h1><p>Demo text<img src="" /><sup><a href="#footnote-1">[1]</a>'
        '</sup>.</p><table><tr><td>Demo cell</td></tr></table><ol><li id="footnote-1">'
        "<p>Demo note.</p></li></ol>"
    )
    assert lines == ["Demo article 9", "Demo text."]
    assert warnings == [
        "the Word document's 1 image(s) were left out: add them in the editor, with their "
        "alternative text",
        "the Word document's 1 table(s) were left out: add their content in the editor",
        "the Word document's 1 footnote(s) were left out: add them to the text or the references",
    ]


def test_a_document_that_unpacks_to_far_more_than_an_article_is_refused(monkeypatch):
    monkeypatch.setattr(docx, "MAX_UNPACKED_BYTES", 1024 * 1024)
    data = docx_bytes(("Title", "Demo article 10"), ("Normal", "Demo. " * 200_000))
    assert len(data) < 100_000  # small to upload, large once unpacked
    with pytest.raises(importer.ArticleImportError, match="is too large once unpacked"):
        docx.parse_docx(data)
