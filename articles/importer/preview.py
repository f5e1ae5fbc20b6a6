"""What the admin's dry run shows an editor before anything is created.

Built from the dry run's FileReport: the article's title, web address and series, how many
sections, paragraphs and lists the body has, the reference lists (rendered by their own
block, so they read exactly as they will on the page), the lines the importer could not
read, and the editorial checks' problems (references to check) for the body as it would be
saved.
"""

from dataclasses import dataclass, field

from articles.importer.fields import BODY_BLOCK
from articles.review.editorial_checks import body_problems


@dataclass
class ImportPreview:
    """The dry run of one upload, for the confirm screen."""

    file_name: str
    title: str
    slug: str
    subtitle: str
    summary: str
    series_title: str
    headings: list
    paragraphs: int
    lists: int
    reference_lists: list  # the body's references blocks, to render with include_block
    references: int
    outcome: list  # what the import would do, one line per change
    unread: list  # lines the importer could not read, or left out
    problems: list = field(default_factory=list)  # editorial checks of the body

    @property
    def sections(self):
        return len(self.headings)


def build_preview(report, series):
    """The ImportPreview of a successful dry run's FileReport."""
    parsed = report.parsed
    body = BODY_BLOCK.to_python(parsed.body)
    paragraphs = [block for block in body if block.block_type == "paragraph"]
    lists = [block for block in paragraphs if not block.value.source.startswith("<p>")]
    reference_lists = [block for block in body if block.block_type == "references"]
    return ImportPreview(
        file_name=report.path.name,
        title=parsed.title,
        slug=parsed.slug,
        subtitle=parsed.subtitle,
        summary=parsed.summary,
        series_title=series.title,
        headings=[block.value for block in body if block.block_type == "heading"],
        paragraphs=len(paragraphs) - len(lists),
        lists=len(lists),
        reference_lists=reference_lists,
        references=sum(len(block.value["references"]) for block in reference_lists),
        outcome=report.messages,
        unread=report.warnings,
        problems=[problem.text for problem in body_problems(body)],
    )
