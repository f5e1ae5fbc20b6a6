"""Create (or remove) many visibly synthetic articles for load tests.

    manage.py generate_demo_articles 10000
    manage.py generate_demo_articles --delete

Every article goes into its own "Demo content" series, never a real one; what they say and
how they are written in bulk is ``articles.demo_content``'s job.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from articles import demo_content

MAX_ARTICLES = 100_000


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
        self.create(count, batch_size, seed)

    def create(self, count, batch_size, seed):
        started = time.monotonic()
        writer = demo_content.DemoArticleWriter(seed)
        try:
            demo_content.create_demo_articles(count, batch_size, writer, self.progress)
        except demo_content.DemoContentError as error:
            raise CommandError(str(error)) from None
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {count:,} demo articles in '{demo_content.SERIES_TITLE}' "
                f"in {time.monotonic() - started:.1f} s."
            )
        )

    def delete(self):
        started = time.monotonic()
        total = demo_content.delete_demo_articles(self.progress)
        if total is None:
            self.stdout.write("There is no 'Demo content' series: nothing to delete.")
            return
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"Deleted the '{demo_content.SERIES_TITLE}' series and its {total:,} articles "
                f"in {time.monotonic() - started:.1f} s."
            )
        )

    def progress(self, done, total):
        width = 30
        filled = width * done // total
        bar = "#" * filled + "." * (width - filled)
        self.stdout.write(f"\r[{bar}] {done:,}/{total:,} articles", ending="")
        self.stdout.flush()
