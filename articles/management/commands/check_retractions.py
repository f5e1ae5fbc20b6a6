"""Ask Crossref whether the works the articles cite were retracted, corrected or questioned."""

from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from articles.references.cited import doi_key
from articles.references.tasks import check_cited_retractions
from core import citations


class Command(BaseCommand):
    help = (
        "Check every DOI cited by an article (live or latest draft) against Crossref, which "
        "carries Retraction Watch's data, and record retractions, expressions of concern and "
        "corrections (shown in the editorial checks and the 'Articles citing retracted "
        "work' report). Only DOIs not checked for --stale-days days are asked about, one at "
        "a time with RETRACTION_CHECK_PAUSE seconds between them. run_scheduled_jobs runs "
        "it in batches; with TASKS_BACKEND=database the task worker does the checking."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--doi",
            action="append",
            default=[],
            help="Check this DOI now, whether cited or not (repeat for several).",
        )
        parser.add_argument(
            "--stale-days",
            type=int,
            default=None,
            help="Re-check DOIs last checked more than this many days ago (default: "
            "RETRACTION_CHECK_STALE_DAYS, 7). 0 checks every cited DOI.",
        )

    def handle(self, *args, doi, stale_days, **options):
        if stale_days is not None and stale_days < 0:
            raise CommandError("--stale-days must be 0 or more.")
        dois = [doi_key(value) for value in doi]
        for value, key in zip(doi, dois, strict=True):
            if not citations.is_valid_doi(key):
                raise CommandError(f'Not a DOI: "{value}". A DOI starts with "10.".')
        result = check_cited_retractions.enqueue(stale_days=stale_days, dois=dois or None)
        if result.status == TaskResultStatus.FAILED:
            raise CommandError("The retraction check failed: see the log.")
        if result.status != TaskResultStatus.SUCCESSFUL:
            self.stdout.write(f"Queued the retraction check for the task worker ({result.id}).")
            return
        counts = result.return_value
        total = sum(counts.values())
        self.stdout.write(
            f"Checked {total} DOI(s): {counts['retracted']} retracted, {counts['concern']} "
            f"with an expression of concern, {counts['corrected']} corrected, {counts['ok']} "
            f"without notices, {counts['failed']} could not be checked."
        )
