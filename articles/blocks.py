"""StreamField blocks for the body of an article.

Every block has an icon, a description and a preview value so editors can see what it
does before they add it. The reference blocks live in ``articles.reference_blocks``,
heading ids in ``articles.anchors``.
"""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock

from articles.anchors import anchor_from_context
from articles.reference_blocks import ReferencesBlock
from core.models import SiteSettings

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.CharBlock):
    """A section heading, rendered as an h2 with an anchor id derived from its text."""

    MAX_LENGTH = 120

    def __init__(self, required=True, help_text=None, max_length=MAX_LENGTH, **kwargs):
        # CharBlock takes max_length only as an argument (a Meta value would be ignored).
        super().__init__(required=required, help_text=help_text, max_length=max_length, **kwargs)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = anchor_from_context(value, parent_context)
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
        label="Web address",
        help_text="Or a full web address (https://...), if the button leads off this site.",
    )

    def clean(self, value):
        value = super().clean(value)
        if value.get("page") and value.get("url"):
            message = "Choose a page or enter a web address, not both."
            raise StructBlockValidationError(block_errors={"url": ValidationError(message)})
        return value

    def get_context(self, value, parent_context=None):
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


class ArticleBodyBlock(blocks.StreamBlock):
    """The blocks an article body is made of."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    references = ReferencesBlock()
