"""A record of each review reminder sent, so one is sent once per article, due date and kind."""

from django.db import models


class ReviewReminder(models.Model):
    """One reminder email about an article's review: a week before it falls due, or on the day.

    The due date is part of the record: after a re-review moves the date, the reminders for
    the new date are sent again.
    """

    WEEK_BEFORE = "week_before"
    DUE = "due"
    KINDS = [(WEEK_BEFORE, "A week before the review is due"), (DUE, "The review is due")]

    article = models.ForeignKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="review_reminders"
    )
    due_date = models.DateField(help_text="The next-review date the reminder was about.")
    kind = models.CharField(max_length=20, choices=KINDS, help_text="Which reminder this was.")
    sent_at = models.DateTimeField(auto_now_add=True, help_text="When it was sent.")
    recipients = models.TextField(blank=True, help_text="The addresses it was sent to.")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "due_date", "kind"], name="one_reminder_per_due_date"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.article} ({self.due_date})"
