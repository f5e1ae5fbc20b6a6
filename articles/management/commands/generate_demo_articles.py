"""Create (or remove) many visibly synthetic articles for load tests.

    manage.py generate_demo_articles 10000
    manage.py generate_demo_articles --delete

Every article goes into its own "Demo content" series, never a real one. Titles start with
"Demo article", every paragraph starts with "Demo text", authors are "Demo..." names, and
the words are shuffled vocabulary, so nothing can be mistaken for clinical content.

Creating pages one by one with treebeard's add_child takes about a tenth of a second each
(tree locking, revisions, signals), so ten thousand would take a quarter of an hour. Here
each batch is written with bulk inserts, tree paths computed directly, then indexed with
the search backend's bulk API. The pages are published (live, with a published date) but
have no revision history: editing one in the admin creates its first revision as usual.
"""

import random
import time
import uuid
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from modelsearch.backends import get_search_backends
from modelsearch.conf import get_app_config
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from articles.models import ArticlePage, ArticleSeriesPage
from home.models import HomePage

SERIES_TITLE = "Demo content"
SERIES_SLUG = "demo-content"
MAX_ARTICLES = 100_000
DELETE_BATCH = 500

# Topics appear as whole phrases, so phrase searches ("compassion fatigue") have real hits.
TOPICS = [
    "compassion fatigue",
    "vicarious trauma",
    "secondary traumatic stress",
    "moral injury",
    "workplace violence",
    "burnout",
    "nightmares",
    "sleep disruption",
    "night shifts",
    "grief",
    "intrusive memories",
    "guided imagery",
    "eye movements",
    "emotional exhaustion",
    "resilience",
    "peer support",
    "clinical supervision",
    "critical incidents",
    "patient deaths",
    "team debriefing",
]
# Filler vocabulary; the shuffled result reads as obvious placeholder text.
WORDS = (  # noqa: SIM905 -- a word list is easier to read as one string
    "the of and to in for with on a that as by from care patients clinicians nurses "
    "doctors team ward shift practice support session training review staff work hospital "
    "clinic service colleagues time week month experience stress memory feelings body "
    "mind rest recovery change pattern example case note plan question answer approach "
    "therapist therapy treatment referral follow-up routine pressure workload balance "
    "attention energy focus image scene sound detail response reaction story day night"
).split()
AUTHOR_STEMS = (  # noqa: SIM905
    "ash brook cliff dale field ford gate hart ley moor ridge stone ton well wood berg "
    "holm mann vik son bury combe croft haven hurst land mere mont port shaw thorpe "
    "wick worth bridge by low more stead water win"
).split()
# Visibly synthetic surnames: Demoash, Demobrook, ... Demowin.
AUTHOR_NAMES = [f"Demo{stem}" for stem in AUTHOR_STEMS]


class DemoArticleWriter:
    """Synthetic article content, the same for a given seed and article number."""

    def __init__(self, seed):
        self.seed = seed

    def _topic(self, rng, focus):
        # Mostly the article's own topics, now and then any other, as in real writing.
        return rng.choice(focus) if rng.random() < 0.85 else rng.choice(TOPICS)

    def _sentence(self, rng, focus):
        words = rng.choices(WORDS, k=rng.randint(7, 16))
        if rng.random() < 0.4:
            words.insert(rng.randrange(len(words) + 1), self._topic(rng, focus))
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def _paragraph(self, rng, focus):
        sentences = [self._sentence(rng, focus) for _ in range(rng.randint(3, 6))]
        return "<p>Demo text. " + " ".join(sentences) + "</p>"

    def _authors(self, rng):
        names = [
            f"{rng.choice(AUTHOR_NAMES)}, {rng.choice('ABCDEFGHJKLMNPRSTW')}."
            for _ in range(rng.randint(1, 3))
        ]
        if len(names) == 1:
            return names[0]
        return ", ".join(names[:-1]) + ", & " + names[-1]

    def _reference(self, rng, focus):
        topic = self._topic(rng, focus)
        return {
            "kind": "article-journal",
            "authors": self._authors(rng),
            "year": rng.randint(1990, 2024),
            "title": f"Demo reference on {topic}",
            "source": f"Demo Journal of {self._topic(rng, focus).title()}",
            "volume": str(rng.randint(1, 40)),
            "issue": str(rng.randint(1, 12)),
            "pages": f"{(start := rng.randint(1, 400))}-{start + rng.randint(5, 20)}",
            "doi": "",
            "url": "",
            "peer_reviewed": True,
        }

    def article(self, number):
        """Field values for demo article ``number``."""
        rng = random.Random(f"{self.seed}-{number}")  # noqa: S311 -- demo text, not secrets
        focus = rng.sample(TOPICS, 3)
        topic, second, third = focus
        body = []
        for section in range(1, rng.randint(4, 7) + 1):
            body.append(
                {"type": "heading", "value": f"Demo section {section}: {self._topic(rng, focus)}"}
            )
            body.extend(
                {"type": "paragraph", "value": self._paragraph(rng, focus)}
                for _ in range(rng.randint(1, 3))
            )
            if rng.random() < 0.15:
                body.append(
                    {
                        "type": "quote",
                        "value": {
                            "text": f"Demo quotation about {self._topic(rng, focus)}.",
                            "attribution": "Demo attribution",
                        },
                    }
                )
        body.append(
            {
                "type": "call_to_action",
                "value": {
                    "heading": "Demo call to action",
                    "text": f"Demo invitation about {topic}.",
                    "button_label": "Demo button",
                    "page": None,
                    "url": "",
                },
            }
        )
        body.append(
            {
                "type": "references",
                "value": {
                    "heading": "Peer-Reviewed References",
                    "references": [self._reference(rng, focus) for _ in range(rng.randint(3, 8))],
                },
            }
        )
        return {
            "title": f"Demo article {number} on {topic}",
            "subtitle": f"Demo subtitle about {second} and {third}",
            "summary": (
                f"Demo summary for load testing: placeholder text about {topic}, {second} "
                f"and {third}."
            ),
            "body": body,
            "published_days_ago": rng.randint(0, 3 * 365),
        }


class Command(BaseCommand):
    help = (
        "Create N visibly synthetic demo articles in their own 'Demo content' series for "
        "load tests, or remove them all with --delete."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", nargs="?", type=int, help="How many articles to create.")
        parser.add_argument(
            "--delete",
            action="store_true",
            help="Remove the 'Demo content' series and every article in it.",
        )
        parser.add_argument(
            "--batch-size", type=int, default=500, help="Articles written per batch."
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed: the same seed, the same text."
        )

    def handle(self, *args, count=None, delete=False, batch_size=500, seed=1, **options):
        if delete:
            if count is not None:
                raise CommandError("Give a number of articles or --delete, not both.")
            self.delete()
            return
        if count is None or not 1 <= count <= MAX_ARTICLES:
            raise CommandError(f"Give the number of articles to create, from 1 to {MAX_ARTICLES}.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        self.create(count, batch_size, DemoArticleWriter(seed))

    # --- Creating ---------------------------------------------------------------------

    def create(self, count, batch_size, writer):
        started = time.monotonic()
        with transaction.atomic():
            series = self.demo_series()
            last = series.get_last_child()
            next_step = last._get_lastpos_in_path() + 1 if last else 1
            first_number = ArticlePage.objects.child_of(series).count() + 1
            created = 0
            self.progress(created, count)
            while created < count:
                size = min(batch_size, count - created)
                self.create_batch(series, next_step + created, first_number + created, size, writer)
                created += size
                self.progress(created, count)
            Page.objects.filter(pk=series.pk).update(numchild=F("numchild") + count)
        update_planner_statistics()
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {count:,} demo articles in '{SERIES_TITLE}' "
                f"in {time.monotonic() - started:.1f} s."
            )
        )

    def demo_series(self):
        series = ArticleSeriesPage.objects.filter(slug=SERIES_SLUG, title=SERIES_TITLE).first()
        if series:
            return series
        home = HomePage.objects.first()
        if home is None:
            raise CommandError("There is no home page yet: run `manage.py setup_site` first.")
        if Page.objects.child_of(home).filter(slug=SERIES_SLUG).exists():
            raise CommandError(
                f"A page with the slug '{SERIES_SLUG}' already exists under the home page; "
                "rename or move it first."
            )
        series = home.add_child(
            instance=ArticleSeriesPage(
                title=SERIES_TITLE,
                slug=SERIES_SLUG,
                intro=(
                    "<p>Demo content: synthetic articles for load tests. Not clinical advice.</p>"
                ),
            )
        )
        series.save_revision().publish()
        return series

    def create_batch(self, series, first_step, first_number, size, writer):
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
        base_fields = [
            field.attname for field in Page._meta.concrete_fields if not field.primary_key
        ]
        pages = Page.objects.bulk_create(
            [Page(**{name: getattr(article, name) for name in base_fields}) for article in articles]
        )
        for article, page in zip(articles, pages, strict=True):
            article.pk = article.id = article.page_ptr_id = page.pk
        insert_rows(ArticlePage, articles)

        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(ArticlePage, articles)

    def progress(self, done, total):
        width = 30
        filled = width * done // total
        bar = "#" * filled + "." * (width - filled)
        self.stdout.write(f"\r[{bar}] {done:,}/{total:,} articles", ending="")
        self.stdout.flush()

    # --- Deleting ---------------------------------------------------------------------

    def delete(self):
        series = ArticleSeriesPage.objects.filter(slug=SERIES_SLUG, title=SERIES_TITLE).first()
        if series is None:
            self.stdout.write("There is no 'Demo content' series: nothing to delete.")
            return
        started = time.monotonic()
        article_ids = list(ArticlePage.objects.child_of(series).values_list("pk", flat=True))
        total = len(article_ids)
        with transaction.atomic(), disable_reference_index_auto_update():
            # Wagtail's page deletion unpublishes, logs and re-indexes references page by
            # page (about 50 ms each). The articles were created in bulk without history,
            # so they are removed in bulk: their references at once, then the rows in
            # batches (the search index entries go with them through the usual signal).
            ReferenceIndex.objects.filter(
                Q(base_content_type=ContentType.objects.get_for_model(Page))
                & Q(object_id__in=[str(pk) for pk in article_ids])
            ).delete()
            Page.objects.filter(pk__in=article_ids).update(live=False)
            for done in range(0, total, DELETE_BATCH):
                Page.objects.filter(pk__in=article_ids[done : done + DELETE_BATCH]).delete()
                self.progress(min(done + DELETE_BATCH, total), total)
            series.refresh_from_db()
        # The series itself goes through Wagtail's normal deletion, so it is logged.
        series.delete()
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"Deleted the '{SERIES_TITLE}' series and its {total:,} articles "
                f"in {time.monotonic() - started:.1f} s."
            )
        )


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
