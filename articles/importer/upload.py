"""Which importer reads an uploaded file, by its name: a text export or a Word document.

The admin's "Import article" screen takes both; the import_articles command reads text
exports only (a folder of the old site's .txt files).
"""

from pathlib import PurePath

from articles.importer.docx import parse_docx
from articles.importer.errors import ArticleImportError
from articles.importer.parser import parse_export

PARSERS = {".txt": parse_export, ".docx": parse_docx}
ACCEPTED_EXTENSIONS = tuple(PARSERS)


def parser_for(filename):
    """The parse function for a file of this name; ArticleImportError for another type."""
    extension = PurePath(filename).suffix.lower()
    if extension in PARSERS:
        return PARSERS[extension]
    if extension == ".doc":
        raise ArticleImportError(
            "is an older Word document (.doc); open it in Word, save it as a Word document "
            "(.docx) and import that"
        )
    kind = f"a {extension} file" if extension else "a file without an extension"
    raise ArticleImportError(f"is {kind}; import a text export (.txt) or a Word document (.docx)")
