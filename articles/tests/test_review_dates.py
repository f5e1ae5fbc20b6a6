"""Review dates: the interval arithmetic, the defaults and the checks editors see."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from articles.models import ArticlePage
from articles.review.dates import add_months, default_next_review_due
from core.models import SiteSettings

from .conftest import article_form_data


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (datetime.date(2026, 3, 3), 12, datetime.date(2027, 3, 3)),
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2028, 1, 31), 1, datetime.date(2028, 2, 29)),
        (datetime.date(2026, 11, 15), 3, datetime.date(2027, 2, 15)),
        (datetime.date(2024, 2, 29), 12, datetime.date(2025, 2, 28)),
    ],
)
def test_add_months_keeps_the_day_or_the_end_of_a_shorter_month(start, months, expected):
    assert add_months(start, months) == expected


def test_next_review_defaults_to_the_site_interval(article):
    settings = SiteSettings.for_site(article.get_site())
    settings.review_interval_months = 6
    settings.save()
    assert default_next_review_due(datetime.date(2026, 3, 3), page=article) == datetime.date(
        2026, 9, 3
    )


def test_saving_an_article_with_a_review_date_fills_in_the_next_review(article):
    article.last_reviewed = datetime.date(2026, 3, 3)
    article.next_review_due = None
    article.save()
    article.refresh_from_db()
    assert article.next_review_due == datetime.date(2027, 3, 3)


def test_a_review_date_in_the_future_is_refused(article):
    article.last_reviewed = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "last_reviewed" in error.value.message_dict


def test_editor_sees_a_message_next_to_a_next_review_before_the_last(client, editor, article):
    client.force_login(editor)
    data = article_form_data(
        article.title,
        article.slug,
        last_reviewed="2026-03-03",
        next_review_due="2026-01-01",
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), data)
    assert response.status_code == 200  # The form is shown again, with the error.
    assert "The next review must come after the last review" in response.content.decode()
    assert ArticlePage.objects.get(pk=article.pk).last_reviewed is None


def test_changing_the_last_review_in_the_editor_moves_the_next_review(client, editor, article):
    article.last_reviewed = datetime.date(2025, 1, 10)
    article.next_review_due = datetime.date(2026, 1, 10)
    article.save_revision().publish()
    client.force_login(editor)
    # The editor changes only the review date; the old due date came with the form.
    data = article_form_data(
        article.title,
        article.slug,
        last_reviewed="2025-06-01",
        next_review_due="2026-01-10",
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), data)
    assert response.status_code == 302
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert draft.last_reviewed == datetime.date(2025, 6, 1)
    assert draft.next_review_due == datetime.date(2026, 6, 1)
