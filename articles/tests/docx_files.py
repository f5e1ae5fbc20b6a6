"""Minimal Word documents (.docx) written by hand for the import tests.

python-docx is not a dependency, so this writes the few parts Word itself needs: the
content types, the package relationships, the document body, and the numbering that makes
list paragraphs bulleted or numbered. Everything in them is visibly synthetic.
"""

import io
import zipfile
from xml.sax.saxutils import escape

XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
PACKAGE = "http://schemas.openxmlformats.org/package/2006"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORD_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CONTENT_TYPES = (
    f'{XML}<Types xmlns="{PACKAGE}/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{WORD_TYPE}.document.main+xml"/>'
    f'<Override PartName="/word/numbering.xml" ContentType="{WORD_TYPE}.numbering+xml"/>'
    "</Types>"
)


def relationships(kind, target):
    return (
        f'{XML}<Relationships xmlns="{PACKAGE}/relationships">'
        f'<Relationship Id="rId1" Type="{OFFICE}/{kind}" Target="{target}"/></Relationships>'
    )


PACKAGE_RELATIONSHIPS = relationships("officeDocument", "word/document.xml")
DOCUMENT_RELATIONSHIPS = relationships("numbering", "numbering.xml")


def abstract_list(number, number_format, text):
    return (
        f'<w:abstractNum w:abstractNumId="{number}"><w:lvl w:ilvl="0">'
        f'<w:numFmt w:val="{number_format}"/><w:lvlText w:val="{text}"/></w:lvl>'
        "</w:abstractNum>"
    )


# numId 1: bullets; numId 2: decimal numbers.
NUMBERING = (
    f'{XML}<w:numbering xmlns:w="{W}">'
    + abstract_list(0, "bullet", "•")
    + abstract_list(1, "decimal", "%1.")
    + '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    + '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    + "</w:numbering>"
)

LIST_NUMBERS = {"bullet": 1, "number": 2}


def paragraph(kind, text):
    """One paragraph: kind is a style id ("Title", "Heading2", "Normal"), "bullet" or "number".

    A "\\n" in the text is a line break inside the paragraph (Shift+Enter in Word).
    """
    properties = ""
    if kind in LIST_NUMBERS:
        properties = (
            '<w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/>'
            f'<w:numId w:val="{LIST_NUMBERS[kind]}"/></w:numPr></w:pPr>'
        )
    elif kind != "Normal":
        properties = f'<w:pPr><w:pStyle w:val="{kind}"/></w:pPr>'
    runs = "<w:r><w:br/></w:r>".join(
        f'<w:r><w:t xml:space="preserve">{escape(part)}</w:t></w:r>' for part in text.split("\n")
    )
    return f"<w:p>{properties}{runs}</w:p>"


def table(*cells):
    row = "".join(f"<w:tc>{paragraph('Normal', cell)}</w:tc>" for cell in cells)
    return f"<w:tbl><w:tr>{row}</w:tr></w:tbl>"


def docx_bytes(*blocks, body=True):
    """A .docx whose body is these paragraphs (``paragraph(...)`` or ``(kind, text)`` pairs)."""
    xml_blocks = "".join(block if isinstance(block, str) else paragraph(*block) for block in blocks)
    document = f'{XML}<w:document xmlns:w="{W}"><w:body>{xml_blocks}</w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELATIONSHIPS)
        if body:
            archive.writestr("word/document.xml", document)
            archive.writestr("word/_rels/document.xml.rels", DOCUMENT_RELATIONSHIPS)
            archive.writestr("word/numbering.xml", NUMBERING)
    return buffer.getvalue()


def demo_docx(number=5, *, references=True):
    """A Word version of the synthetic export test_importer.demo_export writes."""
    blocks = [
        ("Title", f"Demo article {number}"),
        ("Subtitle", f"Demo subtitle {number}"),
        ("Heading2", "Demo section one"),
        ("Normal", f"Demo paragraph for article {number}. It has a second sentence."),
        ("Heading2", "Demo section two"),
        ("Normal", "Another demo paragraph, for testing only."),
        ("Heading2", "Call to Action"),
        ("Normal", "Demo invitation text.\nDemo button label."),
    ]
    if references:
        blocks += [
            ("Heading2", "Peer-Reviewed References"),
            ("number", "Demo, A. & Sample, B. (2020). Demo article title. Demo Journal."),
            ("number", "Example, C. (2019). Demo book title."),
        ]
    return docx_bytes(*blocks)
