"""Reading the references of a body, whatever their kind: inline or from the library.

Everything that reads an article's references (the editorial checks, the JSON-LD, the
RIS downloads, the importer's round trips) goes through ``iter_references``, so a library
reference counts, formats and downloads exactly as an inline one.
"""

from articles.reference_blocks import INLINE, LIBRARY


def iter_entries(body):
    """(references block, entry) for every entry of every References block, in order."""
    for block in body:
        if block.block_type == "references":
            for entry in block.value["references"]:
                yield block, entry


def entry_value(entry):
    """The reference of one list entry as a dict of its fields; None for a library
    reference that has since been deleted."""
    if entry.block_type == LIBRARY:
        return entry.value.as_value() if entry.value is not None else None
    if entry.block_type == INLINE:
        return dict(entry.value)
    return None


def iter_references_with_blocks(body):
    """(references block, value) for each reference of the body, in reading order."""
    for block, entry in iter_entries(body):
        value = entry_value(entry)
        if value is not None:
            yield block, value


def iter_references(body):
    """Each reference of the body as a dict of its fields, in reading order."""
    for _block, value in iter_references_with_blocks(body):
        yield value
