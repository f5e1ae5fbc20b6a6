"""Move every article's inline references into the shared reference library."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction

from articles.models import Reference
from articles.references.move_to_library import apply_move, plan_move


class Command(BaseCommand):
    help = (
        "Move the references typed inline in articles into the shared reference library, "
        "merging duplicates (same DOI, or identical fields) and reusing references already "
        "there; each article then chooses them from the library. Each changed article gets "
        "a new revision, published only if the page was live with no unpublished changes. "
        "Running it again changes nothing. With --dry-run it prints what it would do and "
        "writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would change; write nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        try:
            # One transaction: what is planned is what is written, or nothing is.
            with transaction.atomic():
                plan = plan_move()
                if not dry_run:
                    apply_move(plan)
        except DatabaseError as error:
            message = " ".join(str(error).split())
            raise CommandError(
                f"Nothing was moved: the database refused a write ({message})."
            ) from error
        add, move = ("Would add", "Would move") if dry_run else ("Added", "Moved")
        for fields in plan.new_references.values():
            self.stdout.write(f"{add} to the library: {Reference(**fields)}")
        for article in plan.articles:
            saved = "published" if article.publish else "saved as a draft (not published)"
            self.stdout.write(
                f'{move} {article.moved} reference(s) of "{article.page.title}" into the '
                f"library: a new revision, {saved}."
            )
        for line in [*plan.merged_differing, *plan.left_inline]:
            self.stdout.write(line)
        self.stdout.write(
            f"{move} {plan.moved} reference(s) from {len(plan.articles)} article(s) into the "
            f"library ({len(plan.new_references)} new library reference(s))."
        )
