"""Review reminders as a scheduled task, through a real SMTP server (aiosmtpd).

`manage.py run_scheduled_jobs` (run by a timer) queues the reminders and scheduled
publishing: with the immediate backend they run in the command, with the database backend
the task worker (django-tasks-db's `db_worker`, run for real) sends them.
"""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.factories import ArticlePageFactory
from articles.tests.test_review_reminders import publish_article_due
from core.tests.test_tasks import run_db_worker

DUE = datetime.date(2030, 3, 15)


def article_due(series, reviewer, due):
    # Reviewed a month ago, whatever day the test runs (a review date cannot be in the future).
    return publish_article_due(
        series, reviewer, due, last_reviewed=timezone.localdate() - datetime.timedelta(days=30)
    )


def run_jobs_on(day):
    with time_machine.travel(datetime.datetime.combine(day, datetime.time(7, 0)), tick=False):
        call_command("run_scheduled_jobs", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.django_db
def test_the_scheduled_jobs_email_each_reminder_once_through_the_mail_server(
    series, reviewer, publisher, smtp_server, settings
):
    for name, value in smtp_server.settings().items():
        setattr(settings, name, value)
    smtp_server.accept()
    article_due(series, reviewer, DUE)

    run_jobs_on(DUE - datetime.timedelta(days=8))
    assert smtp_server.messages == []
    run_jobs_on(DUE - datetime.timedelta(days=7))
    run_jobs_on(DUE - datetime.timedelta(days=7))  # the timer runs every few minutes
    [week_before] = smtp_server.messages
    assert week_before["Subject"] == 'Clinical review due in a week: "Demo article due"'
    assert sorted(week_before["To"].split(", ")) == sorted([reviewer.email, publisher.email])
    assert "falls due on 15 March 2030" in week_before.get_content()

    run_jobs_on(DUE)
    run_jobs_on(DUE + datetime.timedelta(days=1))
    assert [message["Subject"] for message in smtp_server.messages] == [
        'Clinical review due in a week: "Demo article due"',
        'Clinical review due: "Demo article due"',
    ]


@pytest.mark.django_db
def test_the_scheduled_jobs_publish_what_is_due(series, reviewer):
    page = ArticlePageFactory(parent=series, title="Demo article scheduled", live=False)
    go_live = timezone.now() + datetime.timedelta(hours=1)
    page.go_live_at = go_live
    page.save_revision().publish()  # with a future go-live date: scheduled, not live
    page.refresh_from_db()
    assert not page.live

    call_command("run_scheduled_jobs", "--only", "publish", stdout=open("/dev/null", "w"))  # noqa: SIM115
    page.refresh_from_db()
    assert not page.live
    with time_machine.travel(go_live + datetime.timedelta(minutes=1), tick=False):
        call_command("run_scheduled_jobs", "--only", "publish", stdout=open("/dev/null", "w"))  # noqa: SIM115
    page.refresh_from_db()
    assert page.live


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_the_database_backend_the_worker_sends_the_reminders(
    series, reviewer, publisher, smtp_server, settings, capsys
):
    for name, value in smtp_server.settings().items():
        setattr(settings, name, value)
    smtp_server.accept()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    article_due(series, reviewer, timezone.localdate() + datetime.timedelta(days=7))

    call_command("run_scheduled_jobs", "--only", "reminders")
    assert "Queued review reminders for the task worker" in capsys.readouterr().out
    queued = DBTaskResult.objects.filter(task_path__endswith="send_due_review_reminders")
    assert queued.count() == 1
    assert smtp_server.messages == []  # queued, not sent by the command

    run_db_worker({"ARTCMS_TEST_SMTP_PORT": str(smtp_server.port)})
    [message] = smtp_server.messages
    assert message["Subject"] == 'Clinical review due in a week: "Demo article due"'
    assert queued.get().status == "SUCCESSFUL"
