"""The one error the importer raises for an export it cannot read."""


class ArticleImportError(ValueError):
    """An export that cannot be imported; the message says why, to follow the file name."""
