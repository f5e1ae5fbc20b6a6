"""Import articles from the old site's plain-text exports into a series.

    manage.py import_articles content/articles --series "ART for Healthcare Professionals"

Parsing is ``articles.importer``'s job; this command writes the result to the page tree,
one transaction per file, and reports what it did in one line per change.
"""

from collections import Counter
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q

from articles import importer
from articles.models import ArticlePage, ArticleSeriesPage

BODY_BLOCK = ArticlePage._meta.get_field("body").stream_block


class Command(BaseCommand):
    help = (
        "Import articles from text exports into a series. PATH is an export (.txt) or a "
        "folder of them. An article is matched to an existing page in the series by slug "
        "(then by title), so importing a file again saves a new revision of the same page "
        "and a draft placeholder left by a 'Next'/'Previous' link is filled. Without "
        "--publish pages are saved as drafts for review. The series must already exist "
        "(create it in the admin); the command never creates one, so a mistyped name cannot "
        "start a stray series. Exits non-zero if any file failed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", metavar="PATH", help="An export (.txt) or a folder of them."
        )
        parser.add_argument(
            "--series",
            metavar="TITLE",
            help="Title (or slug) of the series to import into. Optional when there is one.",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the imported articles. Placeholders are never published.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what would be created or changed, and write nothing.",
        )

    def handle(self, *args, **options):
        self.publish = options["publish"]
        self.dry_run = options["dry_run"]
        series = self.find_series(options["series"])
        files, missing = self.collect_files(options["paths"])
        self.tally = Counter()
        for path in missing:
            self.fail(path, "no such file or folder")
        if self.dry_run:
            # Run the real thing, then roll it all back: the plan is exactly what would happen,
            # including one file filling a placeholder another file created.
            with transaction.atomic():
                for path in files:
                    self.import_file(path, series)
                transaction.set_rollback(True)
        else:
            for path in files:
                self.import_file(path, series)

        summary = (
            f"created {self.tally['created']}, updated {self.tally['updated']}, "
            f"failed {self.tally['failed']}"
        )
        if self.tally["placeholders"]:
            summary += f" (and {self.tally['placeholders']} draft placeholder(s))"
        if self.dry_run:
            summary = f"Dry run, nothing was written. Would have: {summary}"
        self.stdout.write(summary)
        if self.tally["failed"]:
            raise CommandError(
                f"{self.tally['failed']} file(s) could not be imported; see the errors above."
            )

    # --- Input ---------------------------------------------------------------------------

    def find_series(self, name):
        all_series = ArticleSeriesPage.objects.all()
        if name:
            matches = list(all_series.filter(Q(title=name) | Q(slug=name))[:2])
            if not matches:
                raise CommandError(
                    f'There is no series called "{name}". Create it in the admin first, or '
                    "check the spelling."
                )
            if len(matches) > 1:
                raise CommandError(f'Several series are called "{name}"; give its slug instead.')
            return matches[0]
        matches = list(all_series[:2])
        if not matches:
            raise CommandError("There is no series yet: create one in the admin first.")
        if len(matches) > 1:
            raise CommandError("There are several series: name one with --series.")
        return matches[0]

    def collect_files(self, paths):
        files, missing, seen = [], [], set()
        for name in paths:
            path = Path(name)
            if path.is_dir():
                found = sorted(p for p in path.iterdir() if p.suffix.lower() == ".txt")
                if not found:
                    self.stderr.write(self.style.WARNING(f"{path}: no .txt files in this folder"))
            elif path.exists():
                found = [path]
            else:
                missing.append(path)
                continue
            for file in found:
                if file.resolve() not in seen:
                    seen.add(file.resolve())
                    files.append(file)
        return files, missing

    # --- One file, one transaction --------------------------------------------------------

    def import_file(self, path, series):
        self.messages = []
        try:
            parsed = importer.parse_export(path.read_bytes())
            with transaction.atomic():
                outcome = self.write_article(parsed, series)
        except importer.ArticleImportError as error:
            self.fail(path, str(error))
            return
        except ValidationError as error:
            self.fail(path, f"is not valid: {_one_line(error)}")
            return
        except OSError as error:
            self.fail(path, f"could not be read ({error.strerror or error})")
            return
        except Exception as error:  # noqa: BLE001 - one line per file; the others still import
            self.fail(
                path, f"could not be imported: {type(error).__name__}: {_one_line_text(error)}"
            )
            return
        self.tally[outcome] += 1
        for message in self.messages:
            self.stdout.write(f"{path.name}: {message}")
        for warning in parsed.warnings:
            self.stderr.write(self.style.WARNING(f"{path}: warning: {warning}"))

    def fail(self, path, reason):
        self.tally["failed"] += 1
        self.stderr.write(self.style.ERROR(f"{path}: {reason}"))

    def verb(self, done, planned):
        return planned if self.dry_run else done

    # --- Writing --------------------------------------------------------------------------

    def write_article(self, parsed, series):
        page = find_article(series, parsed.title)
        if page is None:
            outcome, filling, before = "created", False, None
            page = ArticlePage(title=parsed.title, slug=parsed.slug, live=False)
        else:
            outcome = "updated"
            # Edit the latest draft, as the page editor does, not the live version.
            page = page.specific.get_latest_revision_as_object()
            filling = page.first_published_at is None and not page.body
            before = _content(page)

        page.title = parsed.title
        page.subtitle = parsed.subtitle
        page.body = parsed.body
        if not page.summary:
            # An editor's own summary is kept; the derived one only fills a gap.
            page.summary = parsed.summary
        BODY_BLOCK.clean(page.body)

        changed = (
            [name for name, value in _content(page).items() if value != before[name]]
            if before
            else ["everything"]
        )
        if outcome == "created":
            fresh(series).add_child(instance=page)
        # An unchanged re-import is still a revision (the import is on record), but it must
        # not flag the page as having unpublished changes.
        revision = page.save_revision(log_action=True, changed=bool(changed))
        if self.publish:
            revision.publish(changed=bool(changed))

        title = f'"{page.title}"'
        if outcome == "created":
            self.messages.append(f"{self.verb('created', 'would create')} {title} ({self.state})")
        elif filling:
            self.messages.append(
                f"{self.verb('filled', 'would fill')} the placeholder {title} ({self.state})"
            )
        else:
            self.messages.append(
                f"{self.verb('updated', 'would update')} {title} with a new revision "
                f"({self.state}); "
                + (f"changed: {', '.join(changed)}" if changed else "no changes to its content")
            )
        self.place(page, parsed, series)
        return outcome

    @property
    def state(self):
        return "published" if self.publish else "draft, not published"

    def place(self, page, parsed, series):
        """Put the article beside the neighbour its "Next"/"Previous" link names.

        A neighbour that is not in the series yet gets a draft placeholder with its title,
        never published, so editors see the gap; importing that article later fills it.
        """
        links = [
            (kind, title)
            for kind, title in (("next", parsed.next_title), ("previous", parsed.previous_title))
            if title
        ]
        neighbours = {kind: find_article(series, title, exclude=page) for kind, title in links}
        # Move this article beside an existing neighbour ("Next" first); never move others.
        for kind, _title in links:
            neighbour = neighbours[kind]
            if neighbour:
                pos = "left" if kind == "next" else "right"
                if move_beside(page, neighbour, pos):
                    self.messages.append(
                        f"{self.verb('placed', 'would place')} it "
                        f'{"before" if pos == "left" else "after"} "{neighbour.title}"'
                    )
                break
        for kind, title in links:
            if neighbours[kind] is None:
                placeholder = ArticlePage(
                    title=title, slug=importer.article_slug(title), live=False
                )
                fresh(series).add_child(instance=placeholder)
                placeholder.save_revision(log_action=True)
                move_beside(placeholder, page, "right" if kind == "next" else "left")
                self.tally["placeholders"] += 1
                self.messages.append(
                    f"{self.verb('created', 'would create')} the draft placeholder "
                    f'"{title}" for the {kind} article, '
                    f"{'after' if kind == 'next' else 'before'} this one"
                )


def move_beside(page, target, pos):
    """Move page just before (pos="left") or after ("right") target; False if it is there."""
    page, target = fresh(page), fresh(target)
    beside = target.get_prev_sibling() if pos == "left" else target.get_next_sibling()
    if beside is not None and beside.pk == page.pk:
        return False
    page.move(target, pos=pos)
    return True


def find_article(series, title, exclude=None):
    """The article in the series with this title's slug, or else with this title."""
    articles = ArticlePage.objects.child_of(series)
    if exclude is not None:
        articles = articles.exclude(pk=exclude.pk)
    return (
        articles.filter(slug=importer.article_slug(title)).first()
        or articles.filter(Q(title__iexact=title) | Q(draft_title__iexact=title)).first()
    )


def fresh(page):
    """The page re-read from the database: tree moves leave in-memory paths stale."""
    return type(page).objects.get(pk=page.pk)


def _content(page):
    """The imported fields of a page, comparable between revisions (block ids ignored)."""
    return {
        "title": page.title,
        "subtitle": page.subtitle,
        "summary": page.summary,
        "body": _without_ids(BODY_BLOCK.get_prep_value(page.body)),
    }


def _without_ids(data):
    if isinstance(data, dict):
        return {key: _without_ids(value) for key, value in data.items() if key != "id"}
    if isinstance(data, list):
        return [_without_ids(item) for item in data]
    return data


def _one_line_text(error):
    return " ".join(str(error).split())


def _one_line(error):
    if hasattr(error, "error_dict"):
        parts = [f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()]
    else:
        parts = error.messages
    return " ".join("; ".join(parts).split())
