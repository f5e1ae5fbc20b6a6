"""Writing parsed exports to the page tree: one series, one transaction per file.

An article is matched to an existing page in the series by slug (then by title), so
importing a file again saves a new revision of the same page, and a draft placeholder left
by a "Next"/"Previous" link is filled. Each file's outcome is reported in one line per
change, for the import_articles command to print and the admin's "Import article" screen
to show (articles/importer/admin_views.py); both go through ``SeriesImport``.
"""

from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from articles.importer.errors import ArticleImportError
from articles.importer.fields import BODY_BLOCK, article_slug
from articles.importer.parser import ParsedArticle, parse_export
from articles.models import ArticlePage, ArticleSeriesPage


class SeriesLookupError(LookupError):
    """No single series matches what was asked for; the message says what to do."""


def find_series(name=None):
    """The series titled (or slugged) ``name``, or the only series when no name is given."""
    all_series = ArticleSeriesPage.objects.all()
    if name:
        matches = list(all_series.filter(Q(title=name) | Q(slug=name))[:2])
        if not matches:
            raise SeriesLookupError(
                f'There is no series called "{name}". Create it in the admin first, or '
                "check the spelling."
            )
        if len(matches) > 1:
            raise SeriesLookupError(f'Several series are called "{name}"; give its slug instead.')
        return matches[0]
    matches = list(all_series[:2])
    if not matches:
        raise SeriesLookupError("There is no series yet: create one in the admin first.")
    if len(matches) > 1:
        raise SeriesLookupError("There are several series: name one with --series.")
    return matches[0]


@dataclass
class FileReport:
    """What importing one file did: a line per change, the parser's warnings, or why not."""

    path: Path
    messages: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    failure: str = ""
    parsed: ParsedArticle | None = None
    page_id: int | None = None  # the article's page, unless this was a dry run


class SeriesImport:
    """Imports exports into one series, counting what was created, updated and failed.

    With ``dry_run`` everything is written and then rolled back, so the reports say exactly
    what would happen, including one file filling a placeholder another file created.
    ``new_only`` (the admin's import) refuses to change an article already in the series,
    except to fill an empty placeholder; ``user`` owns the new pages and their revisions.
    """

    def __init__(self, series, *, publish=False, dry_run=False, new_only=False, user=None):
        self.series = series
        self.publish = publish
        self.dry_run = dry_run
        self.new_only = new_only
        self.user = user
        self.counts = Counter()  # created, updated, failed, placeholders

    def fail(self, path, reason):
        """Count a file that could not be imported; its report says why."""
        self.counts["failed"] += 1
        return FileReport(path, failure=reason)

    def import_files(self, paths):
        """Import each file in turn, yielding its FileReport as soon as it is done."""
        with self._rolled_back_if_dry_run():
            for path in paths:
                yield self.import_file(path)

    def import_upload(self, path, data, parse=parse_export):
        """Import one file already read (an upload in the admin), parsed by ``parse``."""
        with self._rolled_back_if_dry_run():
            return self.import_data(path, data, parse)

    def import_file(self, path):
        """Read one export from disk and import it; a failure writes nothing."""
        try:
            data = path.read_bytes()
        except OSError as error:
            return self.fail(path, f"could not be read ({error.strerror or error})")
        return self.import_data(path, data)

    def import_data(self, path, data, parse=parse_export):
        """Parse one file's bytes and write the article in its own transaction.

        ``path`` names the file in the report. A failure writes nothing.
        """
        messages = []
        try:
            parsed = parse(data)
            with transaction.atomic():
                outcome, page = self._write_article(parsed, messages)
        except ArticleImportError as error:
            return self.fail(path, str(error))
        except ValidationError as error:
            return self.fail(path, f"is not valid: {_validation_in_one_line(error)}")
        except Exception as error:  # noqa: BLE001 - one line per file; the others still import
            return self.fail(
                path, f"could not be imported: {type(error).__name__}: {_in_one_line(error)}"
            )
        self.counts[outcome] += 1
        return FileReport(
            path,
            messages=messages,
            warnings=parsed.warnings,
            parsed=parsed,
            page_id=None if self.dry_run else page.pk,
        )

    @contextmanager
    def _rolled_back_if_dry_run(self):
        if not self.dry_run:
            yield
            return
        with transaction.atomic():
            yield
            transaction.set_rollback(True)

    def _done_or_planned(self, done, planned):
        """The past tense of a change, or what a dry run would do."""
        return planned if self.dry_run else done

    @property
    def _publication(self):
        return "published" if self.publish else "draft, not published"

    def _write_article(self, parsed, messages):
        """Create or update the article's page; returns ("created" or "updated", page)."""
        page = find_article(self.series, parsed.title)
        if page is None:
            outcome, filling, before = "created", False, None
            page = ArticlePage(title=parsed.title, slug=parsed.slug, live=False, owner=self.user)
        else:
            outcome = "updated"
            # Edit the latest draft, as the page editor does, not the live version.
            page = page.specific.get_latest_revision_as_object()
            filling = page.first_published_at is None and not page.body
            if self.new_only and not filling:
                raise ArticleImportError(
                    f'is the article "{parsed.title}", which is already in this series (its '
                    f'web address is "{page.slug}"); open that article in the editor to '
                    "change it, or give the article in the file another title"
                )
            before = _imported_content(page)

        page.title = parsed.title
        page.subtitle = parsed.subtitle
        page.body = parsed.body
        if not page.summary:
            # An editor's own summary is kept; the derived one only fills a gap.
            page.summary = parsed.summary
        BODY_BLOCK.clean(page.body)

        changed = (
            [name for name, value in _imported_content(page).items() if value != before[name]]
            if before
            else ["everything"]
        )
        if outcome == "created":
            reloaded(self.series).add_child(instance=page)
        # An unchanged re-import is still a revision (the import is on record), but it must
        # not flag the page as having unpublished changes.
        revision = page.save_revision(user=self.user, log_action=True, changed=bool(changed))
        if self.publish:
            revision.publish(changed=bool(changed))

        title = f'"{page.title}"'
        if outcome == "created":
            messages.append(
                f"{self._done_or_planned('created', 'would create')} {title} ({self._publication})"
            )
        elif filling:
            messages.append(
                f"{self._done_or_planned('filled', 'would fill')} the placeholder {title} "
                f"({self._publication})"
            )
        else:
            messages.append(
                f"{self._done_or_planned('updated', 'would update')} {title} with a new "
                f"revision ({self._publication}); "
                + (f"changed: {', '.join(changed)}" if changed else "no changes to its content")
            )
        self._place(page, parsed, messages)
        return outcome, page

    def _place(self, page, parsed, messages):
        """Put the article beside the neighbour its "Next"/"Previous" link names.

        A neighbour that is not in the series yet gets a draft placeholder with its title,
        never published, so editors see the gap; importing that article later fills it.
        """
        links = [
            (kind, title)
            for kind, title in (("next", parsed.next_title), ("previous", parsed.previous_title))
            if title
        ]
        neighbours = {kind: find_article(self.series, title, exclude=page) for kind, title in links}
        # Move this article beside an existing neighbour ("Next" first); never move others.
        for kind, _title in links:
            neighbour = neighbours[kind]
            if neighbour:
                pos = "left" if kind == "next" else "right"
                if move_beside(page, neighbour, pos):
                    messages.append(
                        f"{self._done_or_planned('placed', 'would place')} it "
                        f'{"before" if pos == "left" else "after"} "{neighbour.title}"'
                    )
                break
        for kind, title in links:
            if neighbours[kind] is None:
                placeholder = ArticlePage(
                    title=title, slug=article_slug(title), live=False, owner=self.user
                )
                reloaded(self.series).add_child(instance=placeholder)
                placeholder.save_revision(user=self.user, log_action=True)
                move_beside(placeholder, page, "right" if kind == "next" else "left")
                self.counts["placeholders"] += 1
                messages.append(
                    f"{self._done_or_planned('created', 'would create')} the draft placeholder "
                    f'"{title}" for the {kind} article, '
                    f"{'after' if kind == 'next' else 'before'} this one"
                )


def move_beside(page, target, pos):
    """Move page just before (pos="left") or after ("right") target; False if it is there."""
    page, target = reloaded(page), reloaded(target)
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
        articles.filter(slug=article_slug(title)).first()
        or articles.filter(Q(title__iexact=title) | Q(draft_title__iexact=title)).first()
    )


def reloaded(page):
    """The page re-read from the database: tree moves leave in-memory paths stale."""
    return type(page).objects.get(pk=page.pk)


def _imported_content(page):
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


def _in_one_line(error):
    return " ".join(str(error).split())


def _validation_in_one_line(error):
    if hasattr(error, "error_dict"):
        messages = [f"{name}: {' '.join(errors)}" for name, errors in error.message_dict.items()]
    else:
        messages = error.messages
    return " ".join("; ".join(messages).split())
