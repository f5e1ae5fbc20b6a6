"""Import articles from the old site's plain-text exports into a series.

    manage.py import_articles content/articles --series "ART for Healthcare Professionals"

Parsing and writing to the page tree are ``articles.importer``'s job; this command finds
the files, prints what each one did in one line per change, and exits non-zero if any
failed.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles import importer


class Command(BaseCommand):
    help = (
        "Import articles from text exports into a series. PATH is an export (.txt) or a "
        "folder of them. An article is matched to an existing page in the series by slug "
        "(then by title), so importing a file again saves a new revision of the same page "
        "and a draft placeholder left by a 'Next'/'Previous' link is filled. Without "
        "--publish pages are saved as drafts for review. --publish skips clinical review, so "
        "it is refused unless --skip-clinical-review says so too: use both only for the "
        "site's shipped seed content (content/articles, reviewed before it was shipped), "
        "which setup_site imports this way. The series must already exist "
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
            help=(
                "Publish the imported articles, without clinical review (needs "
                "--skip-clinical-review). Placeholders are never published."
            ),
        )
        parser.add_argument(
            "--skip-clinical-review",
            action="store_true",
            help=(
                "Confirm that --publish may bypass clinical review: only for the shipped "
                "seed content. Anything else goes live through the admin's review."
            ),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what would be created or changed, and write nothing.",
        )

    def handle(self, *args, **options):
        if options["publish"] and not options["skip_clinical_review"]:
            raise CommandError(
                "--publish would put articles live without clinical review. Import them as "
                "drafts (leave out --publish) and submit them to clinical review in the "
                "admin; for the shipped seed content only, add --skip-clinical-review."
            )
        try:
            series = importer.find_series(options["series"])
        except importer.SeriesLookupError as error:
            raise CommandError(str(error)) from None
        files, missing = self.collect_files(options["paths"])
        run = importer.SeriesImport(series, publish=options["publish"], dry_run=options["dry_run"])
        for path in missing:
            self.print_report(run.fail(path, "no such file or folder"))
        for report in run.import_files(files):
            self.print_report(report)

        counts = run.counts
        summary = (
            f"created {counts['created']}, updated {counts['updated']}, failed {counts['failed']}"
        )
        if counts["placeholders"]:
            summary += f" (and {counts['placeholders']} draft placeholder(s))"
        if run.dry_run:
            summary = f"Dry run, nothing was written. Would have: {summary}"
        self.stdout.write(summary)
        if counts["failed"]:
            raise CommandError(
                f"{counts['failed']} file(s) could not be imported; see the errors above."
            )

    def collect_files(self, paths):
        """The .txt files the paths name, each once, and the paths that do not exist."""
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

    def print_report(self, report):
        if report.failure:
            self.stderr.write(self.style.ERROR(f"{report.path}: {report.failure}"))
            return
        for message in report.messages:
            self.stdout.write(f"{report.path.name}: {message}")
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(f"{report.path}: warning: {warning}"))
