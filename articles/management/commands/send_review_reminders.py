"""Email review reminders (a week before an article's review is due, and when it is due)."""

from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from articles.review.tasks import send_due_review_reminders


class Command(BaseCommand):
    help = (
        "Email each article's clinical reviewer and the Publishers a week before its review "
        "falls due and when it is due, once per due date. Run daily (or let "
        "run_scheduled_jobs do it). With TASKS_BACKEND=database the task worker sends them."
    )

    def handle(self, *args, **options):
        result = send_due_review_reminders.enqueue()
        if result.status == TaskResultStatus.SUCCESSFUL:
            self.stdout.write(f"Sent {result.return_value} review reminder(s).")
        elif result.status == TaskResultStatus.FAILED:
            raise CommandError("Sending the review reminders failed: see the log.")
        else:
            self.stdout.write(f"Queued the review reminders for the task worker ({result.id}).")
