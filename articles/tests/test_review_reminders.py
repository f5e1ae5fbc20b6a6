"""Review reminders (issue 17, item 7): a week before and on the due date, once each.

Sent through Django's locmem email backend here; test_review_reminder_tasks.py sends them
through a real SMTP server (aiosmtpd) and the task worker.
"""

import datetime

import pytest
import time_machine
from django.core.management import call_command

from articles.factories import ArticlePageFactory
from articles.models import ReviewReminder

from .conftest import make_user

pytestmark = pytest.mark.django_db

DUE = datetime.date(2030, 3, 15)


def publish_article_due(series, reviewer, due, last_reviewed=datetime.date(2025, 3, 15)):
    """A live article reviewed by ``reviewer`` whose next review falls due on ``due``."""
    page = ArticlePageFactory(
        parent=series,
        title="Demo article due",
        last_reviewed=last_reviewed,
        next_review_due=due,
        clinically_reviewed_by=reviewer.person,
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def due_article(series, reviewer):
    return publish_article_due(series, reviewer, DUE)


def run_on(day):
    with time_machine.travel(datetime.datetime.combine(day, datetime.time(7, 0)), tick=False):
        call_command("send_review_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_reminders_go_a_week_before_and_on_the_day_once_each(
    due_article, reviewer, publisher, mailoutbox
):
    make_user("demo-editor-not-told", "Editors")
    run_on(DUE - datetime.timedelta(days=8))
    assert mailoutbox == []

    run_on(DUE - datetime.timedelta(days=7))
    [week_before] = mailoutbox
    assert week_before.subject == 'Clinical review due in a week: "Demo article due"'
    assert sorted(week_before.to) == sorted([reviewer.email, publisher.email])
    assert "falls due on 15 March 2030" in week_before.body

    run_on(DUE - datetime.timedelta(days=3))  # Nothing new to say.
    assert len(mailoutbox) == 1

    run_on(DUE)
    assert len(mailoutbox) == 2
    assert mailoutbox[1].subject == 'Clinical review due: "Demo article due"'
    run_on(DUE + datetime.timedelta(days=1))
    assert len(mailoutbox) == 2
    assert ReviewReminder.objects.filter(article=due_article).count() == 2


def test_a_new_due_date_gets_its_own_reminders(due_article, publisher, mailoutbox):
    run_on(DUE)
    assert len(mailoutbox) == 1
    due_article.next_review_due = DUE.replace(year=2031)
    due_article.save_revision().publish()
    run_on(DUE.replace(year=2031))
    assert len(mailoutbox) == 2
