"""Review reminders: email the article's clinical reviewer and the Publishers a week before
an article's next review falls due and on the day (or the first run after it), once each
per due date. Run by `manage.py send_review_reminders`, daily (docs/DEPLOYMENT.md)."""

import datetime

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import ArticlePage, ReviewReminder

WEEK = datetime.timedelta(days=7)
PUBLISHERS = "Publishers"


def recipients_for(article):
    users = get_user_model().objects.filter(is_active=True, groups__name=PUBLISHERS)
    addresses = {user.email for user in users if user.email}
    reviewer = article.clinically_reviewed_by
    if reviewer is not None and reviewer.user_id and reviewer.user.email:
        addresses.add(reviewer.user.email)
    return sorted(addresses)


def reminder_text(article, kind):
    due = f"{article.next_review_due:%-d %B %Y}"
    if kind == ReviewReminder.DUE:
        subject = f'Clinical review due: "{article.title}"'
        opening = f'The clinical review of "{article.title}" was due on {due}.'
    else:
        subject = f'Clinical review due in a week: "{article.title}"'
        opening = f'The clinical review of "{article.title}" falls due on {due}.'
    body = (
        f"{opening}\n\nThe article stays public. Read it, update it if the evidence has "
        f"moved on, and submit it to clinical review: {article.full_url or article.url_path}"
        "\n\nReports > Articles due for clinical review lists every article due."
    )
    return subject, body


def send_review_reminders(today=None):
    """Send the reminders due today; returns the ReviewReminder records created."""
    today = today or timezone.localdate()
    sent = []
    articles = (
        ArticlePage.objects.live()
        .filter(next_review_due__isnull=False, next_review_due__lte=today + WEEK)
        .select_related("clinically_reviewed_by__user")
    )
    for article in articles:
        kind = (
            ReviewReminder.DUE if article.next_review_due <= today else ReviewReminder.WEEK_BEFORE
        )
        if ReviewReminder.objects.filter(
            article=article, due_date=article.next_review_due, kind=kind
        ).exists():
            continue
        addresses = recipients_for(article)
        if not addresses:
            continue
        try:
            with transaction.atomic():
                reminder = ReviewReminder.objects.create(
                    article=article,
                    due_date=article.next_review_due,
                    kind=kind,
                    recipients=", ".join(addresses),
                )
                subject, body = reminder_text(article, kind)
                send_mail(subject, body, None, addresses)
        except IntegrityError:
            continue  # Another run sent it first.
        sent.append(reminder)
    return sent
