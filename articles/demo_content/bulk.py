"""Writing and removing the demo series' articles in bulk.

Creating pages one by one with treebeard's add_child is slow (tree locking, revisions,
signals; the figures are in docs/PERFORMANCE.md). Here each batch is written with bulk
inserts, tree paths computed directly, then indexed with the search backend's bulk API.
The pages are published (live, with a published date) but have no revision history:
editing one in the admin creates its first revision as usual.
"""

import uuid
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from modelsearch.backends import get_search_backends
from modelsearch.conf import get_app_config
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from articles.models import ArticlePage, ArticleSeriesPage

SERIES_TITLE = "Demo content"
SERIES_SLUG = "demo-content"
DELETE_BATCH = 500


class DemoContentError(Exception):
    """The demo series cannot be made here; the message says what to do first."""


def create_demo_articles(count, batch_size, writer, progress):
    """Add ``count`` articles to the demo series, numbered on from those it has.

    ``progress(done, count)`` is called before the first batch and after each one.
    """
    with transaction.atomic():
        series = demo_series()
        last = series.get_last_child()
        next_step = last._get_lastpos_in_path() + 1 if last else 1
        first_number = ArticlePage.objects.child_of(series).count() + 1
        created = 0
        progress(created, count)
        while created < count:
            size = min(batch_size, count - created)
            _create_batch(series, next_step + created, first_number + created, size, writer)
            created += size
            progress(created, count)
        Page.objects.filter(pk=series.pk).update(numchild=F("numchild") + count)
    update_planner_statistics()


def demo_series():
    """The demo series, created and published under the home page the first time."""
    series = ArticleSeriesPage.objects.filter(slug=SERIES_SLUG, title=SERIES_TITLE).first()
    if series:
        return series
    # The page type a series may be added to (the home page), named by the series model.
    home = Page.objects.type(*ArticleSeriesPage.allowed_parent_page_models()).first()
    if home is None:
        raise DemoContentError("There is no home page yet: run `manage.py setup_site` first.")
    home = home.specific
    if Page.objects.child_of(home).filter(slug=SERIES_SLUG).exists():
        raise DemoContentError(
            f"A page with the slug '{SERIES_SLUG}' already exists under the home page; "
            "rename or move it first."
        )
    series = home.add_child(
        instance=ArticleSeriesPage(
            title=SERIES_TITLE,
            slug=SERIES_SLUG,
            intro="<p>Demo content: synthetic articles for load tests. Not clinical advice.</p>",
        )
    )
    series.save_revision().publish()
    return series


def _create_batch(series, first_step, first_number, size, writer):
    content_type = ContentType.objects.get_for_model(ArticlePage)
    now = timezone.now()
    depth = series.depth + 1
    contents = [writer.article(first_number + offset) for offset in range(size)]
    # Convert the bodies in one go: blocks that point at pages cost one query per batch.
    stream_block = ArticlePage._meta.get_field("body").stream_block
    bodies = stream_block.bulk_to_python([fields.pop("body") for fields in contents])
    articles = []
    for offset, (fields, body) in enumerate(zip(contents, bodies, strict=True)):
        number = first_number + offset
        published = now - timedelta(days=fields.pop("published_days_ago"))
        slug = f"demo-article-{number}"
        article = ArticlePage(
            **fields,
            body=body,
            slug=slug,
            draft_title=fields["title"],
            content_type=content_type,
            path=ArticlePage._get_path(series.path, depth, first_step + offset),
            depth=depth,
            numchild=0,
            url_path=f"{series.url_path}{slug}/",
            locale_id=series.locale_id,
            translation_key=uuid.uuid4(),
            live=True,
            has_unpublished_changes=False,
            first_published_at=published,
            last_published_at=published,
        )
        # The index reads the series title through get_parent(); treebeard caches it here.
        article._cached_parent_obj = series
        articles.append(article)

    # Multi-table inheritance: the wagtailcore_page rows first, then the article rows.
    base_fields = [field.attname for field in Page._meta.concrete_fields if not field.primary_key]
    pages = Page.objects.bulk_create(
        [Page(**{name: getattr(article, name) for name in base_fields}) for article in articles]
    )
    for article, page in zip(articles, pages, strict=True):
        article.pk = article.id = article.page_ptr_id = page.pk
    insert_rows(ArticlePage, articles)

    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(ArticlePage, articles)


def delete_demo_articles(progress):
    """Remove the demo series and its articles; the number removed, or None if none.

    ``progress(done, total)`` is called after each batch of articles.
    """
    series = ArticleSeriesPage.objects.filter(slug=SERIES_SLUG, title=SERIES_TITLE).first()
    if series is None:
        return None
    article_ids = list(ArticlePage.objects.child_of(series).values_list("pk", flat=True))
    total = len(article_ids)
    with transaction.atomic(), disable_reference_index_auto_update():
        # Wagtail's page deletion unpublishes, logs and re-indexes references page by
        # page. The articles were created in bulk without history, so they are removed in
        # bulk: their references at once, then the rows in batches (the search index
        # entries go with them through the usual signal).
        ReferenceIndex.objects.filter(
            Q(base_content_type=ContentType.objects.get_for_model(Page))
            & Q(object_id__in=[str(pk) for pk in article_ids])
        ).delete()
        Page.objects.filter(pk__in=article_ids).update(live=False)
        for done in range(0, total, DELETE_BATCH):
            Page.objects.filter(pk__in=article_ids[done : done + DELETE_BATCH]).delete()
            progress(min(done + DELETE_BATCH, total), total)
        series.refresh_from_db()
    # The series itself goes through Wagtail's normal deletion, so it is logged.
    series.delete()
    return total


def update_planner_statistics():
    """PostgreSQL plans queries from table statistics; refresh them after a bulk load."""
    if connection.vendor != "postgresql":
        return
    index_entries = get_app_config().get_model("IndexEntry")
    tables = [Page._meta.db_table, ArticlePage._meta.db_table, index_entries._meta.db_table]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def insert_rows(model, objects):
    """INSERT the rows of ``model``'s own table (not its parents') for ``objects``.

    Django's bulk_create refuses multi-table inherited models, so the child rows are
    written with one parameterised executemany.
    """
    fields = model._meta.local_concrete_fields
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608 -- names come from the model, values are parameters
    rows = [
        [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
