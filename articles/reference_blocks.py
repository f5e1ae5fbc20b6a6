"""The references of an article: each cited work stored as fields, formatted by CSL.

Formatting itself lives in ``core.citations``; these blocks validate what editors type and
hand it over.
"""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from articles.anchors import anchor_from_context
from articles.references import cite
from articles.references.fields import HELP_TEXT, LABELS, MAX_LENGTHS
from articles.references.validation import check_reference
from core import citations

# Visibly synthetic: block previews must never look like a real citation.
DEMO_REFERENCE = {
    "kind": "article-journal",
    "authors": "Demo, A. & Sample, B.",
    "year": 2020,
    "title": "Demo article title",
    "source": "Demo Journal of Examples",
    "peer_reviewed": True,
}


# The authors of a reference the importer could not read (articles/importer/). A name
# without a comma is read as an organisation, so it validates and renders; it tells readers
# and editors the truth (the entry needs checking) rather than inventing an author such as
# "Anonymous". The editorial checks flag it (articles/review/editorial_checks.py).
UNREAD_REFERENCE_AUTHORS = "[Reference to check]"


def reference_context(value, parent_context):
    """What reference_block.html needs for one reference, inline or from the library: the
    same formatting and download key, so both render the same HTML."""
    style = (parent_context or {}).get("citation_style", citations.DEFAULT_CITATION_STYLE)
    return {
        "formatted": citations.format_reference(value, style),
        # Names the reference's RIS download (articles/references/urls.py).
        "download_key": cite.reference_key(value),
    }


def reference_search_text(value):
    return [value.get("authors") or "", value.get("title") or "", value.get("source") or ""]


class ReferenceBlock(blocks.StructBlock):
    """One cited work, stored as fields and formatted by the Citation Style Language."""

    kind = blocks.ChoiceBlock(
        choices=citations.REFERENCE_KINDS, default="article-journal", help_text=HELP_TEXT["kind"]
    )
    authors = blocks.CharBlock(max_length=MAX_LENGTHS["authors"], help_text=HELP_TEXT["authors"])
    organisation = blocks.BooleanBlock(
        required=False,
        default=False,
        label=LABELS["organisation"],
        help_text=HELP_TEXT["organisation"],
    )
    year = blocks.IntegerBlock(required=False, help_text=HELP_TEXT["year"])
    title = blocks.CharBlock(max_length=MAX_LENGTHS["title"], help_text=HELP_TEXT["title"])
    source = blocks.CharBlock(
        required=False, max_length=MAX_LENGTHS["source"], help_text=HELP_TEXT["source"]
    )
    volume = blocks.CharBlock(
        required=False, max_length=MAX_LENGTHS["volume"], help_text=HELP_TEXT["volume"]
    )
    issue = blocks.CharBlock(
        required=False, max_length=MAX_LENGTHS["issue"], help_text=HELP_TEXT["issue"]
    )
    pages = blocks.CharBlock(
        required=False, max_length=MAX_LENGTHS["pages"], help_text=HELP_TEXT["pages"]
    )
    doi = blocks.CharBlock(
        required=False,
        max_length=MAX_LENGTHS["doi"],
        label=LABELS["doi"],
        help_text=HELP_TEXT["doi"],
    )
    pmid = blocks.CharBlock(
        required=False,
        max_length=MAX_LENGTHS["pmid"],
        label=LABELS["pmid"],
        help_text=HELP_TEXT["pmid"],
    )
    url = blocks.URLBlock(required=False, label=LABELS["url"], help_text=HELP_TEXT["url"])
    peer_reviewed = blocks.BooleanBlock(
        required=False, default=True, help_text=HELP_TEXT["peer_reviewed"]
    )

    def clean(self, value):
        value = super().clean(value)
        normalised, errors = check_reference(value)
        if errors:
            raise StructBlockValidationError(
                block_errors={name: ValidationError(message) for name, message in errors.items()}
            )
        for name, normalised_value in normalised.items():
            value[name] = normalised_value
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context.update(reference_context(value, parent_context))
        return context

    def get_searchable_content(self, value):
        return reference_search_text(value)

    class Meta:
        icon = "doc-full"
        template = "blocks/reference_block.html"
        label = "Reference"
        description = "A cited work: authors, year, title and where it was published."
        form_classname = "reference-block"
        preview_value = DEMO_REFERENCE


class LibraryReferenceBlock(SnippetChooserBlock):
    """A reference chosen from the shared library (the ``Reference`` snippet).

    It renders exactly as an inline ReferenceBlock does (same template, formatting and
    download key), so readers cannot tell them apart; a correction in the library changes
    every article citing it. A reference deleted from the library renders nothing.
    """

    def __init__(self, **kwargs):
        # By name: the block is built before the models are loaded.
        super().__init__("articles.Reference", **kwargs)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        if value is not None:
            context.update(reference_context(value.as_value(), parent_context))
        return context

    def render(self, value, context=None):
        if value is None:
            return ""
        return super().render(value, context)

    def get_searchable_content(self, value):
        return reference_search_text(value.as_value()) if value is not None else []

    class Meta:
        icon = "doc-full-inverse"
        template = "blocks/reference_block.html"
        label = "Reference from the library"
        help_text = (
            "Choose a reference from the shared library (search by author, title, DOI or "
            "year). A correction made in the library shows on every article citing it."
        )


# The kinds an entry of the list can be; a list stored before the library existed holds
# inline references only (a ListBlock's "item"s or plain values).
INLINE, LIBRARY = "reference", "library_reference"


class ReferenceListBlock(blocks.StreamBlock):
    """The entries of a references list: each typed in (inline) or chosen from the library."""

    reference = ReferenceBlock()
    library_reference = LibraryReferenceBlock()

    def to_python(self, value):
        if isinstance(value, list):
            value = [as_stream_entry(entry) for entry in value]
        return super().to_python(value)

    def bulk_to_python(self, values):
        return super().bulk_to_python(
            [[as_stream_entry(entry) for entry in stream or []] for stream in values]
        )

    class Meta:
        min_num = 1
        help_text = (
            "Add one entry per cited work, in the order you want them listed: type it in, or "
            "choose it from the reference library."
        )


def as_stream_entry(entry):
    """An entry in StreamBlock form; a ListBlock's ("item" or bare value) is inline."""
    if not isinstance(entry, dict):
        return entry  # A (type, value) pair, as StreamBlock accepts.
    if entry.get("type") in ReferenceListBlock.base_blocks:
        return entry
    if entry.get("type") == "item" and "value" in entry:
        return {"type": INLINE, "value": entry["value"], "id": entry.get("id")}
    return {"type": INLINE, "value": entry}


class ReferencesBlock(blocks.StructBlock):
    """The list of works cited, formatted in the site's citation style."""

    heading = blocks.CharBlock(
        default="Peer-Reviewed References",
        max_length=120,
        help_text="Heading above the list, e.g. 'Peer-Reviewed References'.",
    )
    references = ReferenceListBlock()

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = anchor_from_context(value.get("heading"), parent_context)
        return context

    class Meta:
        icon = "list-ul"
        template = "blocks/references_block.html"
        label = "References"
        description = "The peer-reviewed works the article cites, formatted automatically."
        preview_value = {
            "heading": "Peer-Reviewed References",
            "references": [{"type": INLINE, "value": DEMO_REFERENCE}],
        }
