"""The site's scheduled work, queued as tasks: run it every few minutes from a timer."""

from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from articles.references.tasks import check_cited_retractions
from articles.review.tasks import send_due_review_reminders
from core.tasks import publish_scheduled_pages

JOBS = {
    "publish": ("scheduled publishing", publish_scheduled_pages),
    "reminders": ("review reminders", send_due_review_reminders),
    "retractions": ("retraction check", check_cited_retractions),
}


class Command(BaseCommand):
    help = (
        "Queue the scheduled jobs: scheduled publishing and unpublishing (Wagtail's "
        "publish_scheduled), the clinical review reminders (once per due date, however "
        "often this runs) and a batch of the retraction check (cited DOIs not checked for "
        "RETRACTION_CHECK_STALE_DAYS days). Run it every few minutes "
        "(deploy/systemd/artcms-scheduled.timer). "
        "With TASKS_BACKEND=database the task worker runs them; otherwise they run here."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--only", choices=sorted(JOBS), help="Queue one job instead of all of them."
        )

    def handle(self, *args, only=None, **options):
        failed = []
        for key in [only] if only else list(JOBS):
            label, job = JOBS[key]
            result = job.enqueue()
            if result.status == TaskResultStatus.SUCCESSFUL:
                self.stdout.write(f"Ran {label}.")
            elif result.status == TaskResultStatus.FAILED:
                failed.append(label)
            else:
                self.stdout.write(f"Queued {label} for the task worker ({result.id}).")
        if failed:
            raise CommandError(f"Failed: {', '.join(failed)} (see the log).")
