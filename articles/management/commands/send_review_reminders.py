"""Email review reminders (a week before an article's review is due, and when it is due)."""

from django.core.management.base import BaseCommand

from articles.review.reminders import send_review_reminders


class Command(BaseCommand):
    help = (
        "Email each article's clinical reviewer and the Publishers a week before its review "
        "falls due and when it is due, once per due date. Run daily."
    )

    def handle(self, *args, **options):
        sent = send_review_reminders()
        self.stdout.write(f"Sent {len(sent)} review reminder(s).")
