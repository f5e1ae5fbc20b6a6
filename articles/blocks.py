"""StreamField blocks for the body of an article.

Every block has an icon, a description and a preview value so editors can see what it
does before they add it. Reference formatting lives in ``articles.citations``.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock

from articles import citations

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]

# Visibly synthetic: block previews must never look like a real citation.
DEMO_REFERENCE = {
    "kind": "article-journal",
    "authors": "Demo, A. & Sample, B.",
    "year": 2020,
    "title": "Demo article title",
    "source": "Demo Journal of Examples",
    "peer_reviewed": True,
}


def heading_anchor(text):
    """The id a section heading's text gives (letters of any script kept), before any
    "-2" that unique_anchors adds to tell repeated headings apart."""
    return slugify(text or "", allow_unicode=True) or "section"


# Ids the article page's own layout uses; a heading never takes one of them.
RESERVED_ANCHORS = frozenset(
    {
        "main",
        "site-search-q",
        "site-search-q-suggestions",
        "article-title",
        "toc-heading",
        "in-series-heading",
        "footer-series-heading",
    }
)


def unique_anchors(texts):
    """One id per heading text, in order: two headings with the same text (or a heading
    named like a part of the layout) get "-2", "-3"... so every link finds its own."""
    used = set(RESERVED_ANCHORS)
    anchors = []
    for text in texts:
        base = heading_anchor(text)
        anchor, number = base, 2
        while anchor in used:
            anchor, number = f"{base}-{number}", number + 1
        used.add(anchor)
        anchors.append(anchor)
    return anchors


def _anchor_from_context(value_text, parent_context):
    """The page's unique anchor for this block when the article template passes one."""
    anchor = parent_context.get("anchor") if parent_context is not None else None
    return anchor or heading_anchor(value_text)


class HeadingBlock(blocks.CharBlock):
    """A section heading, rendered as an h2 with an anchor id derived from its text."""

    MAX_LENGTH = 120

    def __init__(self, required=True, help_text=None, max_length=MAX_LENGTH, **kwargs):
        # CharBlock takes max_length only as an argument (a Meta value would be ignored).
        super().__init__(required=required, help_text=help_text, max_length=max_length, **kwargs)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = _anchor_from_context(value, parent_context)
        return context

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        form_classname = "title"
        label = "Section heading"
        description = "A section heading. It appears in the table of contents."
        preview_value = "How vicarious trauma develops"
        help_text = "Short and descriptive, without a full stop, e.g. 'Common signs'."


class ParagraphBlock(blocks.RichTextBlock):
    """Body text: bold, italic, links and lists only, so every article looks alike."""

    def __init__(self, **kwargs):
        super().__init__(features=PARAGRAPH_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        label = "Paragraph"
        description = "Text with bold, italic, links and bulleted or numbered lists."
        preview_value = "<p>Medical professionals are exposed to the suffering of others daily.</p>"


class CaptionedImageBlock(blocks.StructBlock):
    """An image with alt text (or marked decorative) and an optional caption."""

    image = ImageBlock(
        help_text="Describe the image for people who cannot see it, or mark it decorative."
    )
    caption = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text="Optional. Shown under the image; credit the photographer here if needed.",
    )

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = "Image"
        description = "A picture with alt text and an optional caption."


class QuoteBlock(blocks.StructBlock):
    """A pulled-out quotation with who said it."""

    text = blocks.TextBlock(help_text="The words quoted, without quotation marks.")
    attribution = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text="Who said or wrote it, e.g. 'A hospice nurse'. Leave empty if anonymous.",
    )

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = "Quote"
        description = "A quotation set apart from the text, with its source."
        preview_value = {
            "text": "Cases stick in their mind long after shifts end.",
            "attribution": "Demo attribution",
        }


class CallToActionBlock(blocks.StructBlock):
    """A panel inviting the reader to act, usually to book an ART session.

    Any field left empty falls back to the site's default call to action.
    """

    heading = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text="Optional. Leave empty to use the site's default heading.",
    )
    text = blocks.TextBlock(
        required=False,
        help_text="One or two sentences speaking to the reader. Empty uses the site default.",
    )
    button_label = blocks.CharBlock(
        required=False,
        max_length=60,
        help_text="What the button says, e.g. 'Book an ART session today'.",
    )
    page = blocks.PageChooserBlock(
        required=False,
        help_text="Where the button leads on this site. Choose a page or enter a web address.",
    )
    url = blocks.URLBlock(
        required=False,
        help_text="Or a full web address (https://...), if the button leads off this site.",
    )

    def clean(self, value):
        value = super().clean(value)
        if value.get("page") and value.get("url"):
            message = "Choose a page or enter a web address, not both."
            raise StructBlockValidationError(block_errors={"url": ValidationError(message)})
        return value

    def get_context(self, value, parent_context=None):
        from home.models import SiteSettings  # late import: blocks load before all models

        context = super().get_context(value, parent_context)
        request = (parent_context or {}).get("request")
        context["cta"] = SiteSettings.for_request_or_default(request).call_to_action(
            request,
            heading=value.get("heading"),
            text=value.get("text"),
            button_label=value.get("button_label"),
            page=value.get("page"),
            url=value.get("url"),
        )
        return context

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"
        label = "Call to action"
        description = "A highlighted panel with a button, e.g. to book an ART session."
        preview_value = {
            "heading": "Ready to talk?",
            "text": "ART can help you reclaim your emotional balance.",
            "button_label": "Book an ART session today",
            "url": "https://example.com/book",
        }
        form_classname = "call-to-action-block"


# The authors of a reference the importer could not read (articles/importer.py). A name
# without a comma is read as an organisation, so it validates and renders; it tells readers
# and editors the truth (the entry needs checking) rather than inventing an author such as
# "Anonymous". The editorial checks flag it (people/editorial_checks.py).
UNREAD_REFERENCE_AUTHORS = "[Reference to check]"


class ReferenceBlock(blocks.StructBlock):
    """One cited work, stored as fields and formatted by the Citation Style Language."""

    kind = blocks.ChoiceBlock(
        choices=citations.REFERENCE_KINDS,
        default="article-journal",
        help_text="What kind of work this is; it decides how the reference is formatted.",
    )
    authors = blocks.CharBlock(
        max_length=500,
        help_text=(
            'As in APA: "Cocker, F. & Joss, N." or "Kip, K. E., Rosenzweig, L., & '
            'Hernandez, D. F.". For an organisation, its name: "World Health Organization".'
        ),
    )
    year = blocks.IntegerBlock(
        required=False,
        help_text="Year of publication, e.g. 2016. Leave empty only if the work has no date.",
    )
    title = blocks.CharBlock(
        max_length=500,
        help_text="Title of the article, book, chapter, report or page, as published.",
    )
    source = blocks.CharBlock(
        required=False,
        max_length=300,
        help_text=(
            "The journal's full name for an article; the publisher for a book or report; "
            "the book or website for a chapter or page."
        ),
    )
    volume = blocks.CharBlock(required=False, max_length=20, help_text="Journal volume.")
    issue = blocks.CharBlock(required=False, max_length=20, help_text="Journal issue.")
    pages = blocks.CharBlock(
        required=False, max_length=40, help_text="Page range, e.g. 12-20, or article number."
    )
    doi = blocks.CharBlock(
        required=False,
        max_length=200,
        label="DOI",
        help_text="The DOI, e.g. 10.3390/ijerph13060618. It becomes a https://doi.org/ link.",
    )
    url = blocks.URLBlock(
        required=False,
        label="URL",
        help_text="A web address for the work, if it has no DOI.",
    )
    peer_reviewed = blocks.BooleanBlock(
        required=False,
        default=True,
        help_text="Ticked if the work was peer reviewed.",
    )

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        try:
            citations.parse_authors(value.get("authors"))
        except citations.AuthorParseError as error:
            errors["authors"] = ValidationError(str(error))
        year = value.get("year")
        latest = datetime.date.today().year + 1
        if year is not None and not 1800 <= year <= latest:
            errors["year"] = ValidationError(f"Enter a year between 1800 and {latest}.")
        doi = value.get("doi")
        if doi:
            if citations.is_valid_doi(doi):
                value["doi"] = citations.normalise_doi(doi)
            else:
                errors["doi"] = ValidationError(
                    'Enter a DOI such as "10.1037/a0012345" (it starts with "10.").'
                )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        style = (parent_context or {}).get("citation_style", citations.DEFAULT_CITATION_STYLE)
        context["formatted"] = citations.format_reference(value, style)
        return context

    def get_searchable_content(self, value):
        return [
            value.get("authors") or "",
            value.get("title") or "",
            value.get("source") or "",
        ]

    class Meta:
        icon = "doc-full"
        template = "blocks/reference_block.html"
        label = "Reference"
        description = "A cited work: authors, year, title and where it was published."
        form_classname = "reference-block"
        preview_value = DEMO_REFERENCE


class ReferencesBlock(blocks.StructBlock):
    """The list of works cited, formatted in the site's citation style."""

    heading = blocks.CharBlock(
        default="Peer-Reviewed References",
        max_length=120,
        help_text="Heading above the list, e.g. 'Peer-Reviewed References'.",
    )
    references = blocks.ListBlock(
        ReferenceBlock(),
        min_num=1,
        help_text="Add one entry per cited work, in the order you want them listed.",
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = _anchor_from_context(value.get("heading"), parent_context)
        return context

    class Meta:
        icon = "list-ul"
        template = "blocks/references_block.html"
        label = "References"
        description = "The peer-reviewed works the article cites, formatted automatically."
        preview_value = {
            "heading": "Peer-Reviewed References",
            "references": [DEMO_REFERENCE],
        }


class ArticleBodyBlock(blocks.StreamBlock):
    """The blocks an article body is made of."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    references = ReferencesBlock()
