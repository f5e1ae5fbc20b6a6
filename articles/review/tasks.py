"""Clinical review's scheduled work, as background tasks (django-tasks).

Queued by ``manage.py run_scheduled_jobs`` (and ``send_review_reminders``), which a systemd
timer or cron runs (docs/DEPLOYMENT.md): the task worker sends the emails when one runs
(TASKS_BACKEND=database), the command itself otherwise.
"""

from django_tasks import task

from articles.review.reminders import send_review_reminders


@task()
def send_due_review_reminders():
    """Email the reminders due today; returns how many were sent."""
    return len(send_review_reminders())
