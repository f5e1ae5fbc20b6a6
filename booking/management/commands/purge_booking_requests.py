"""Delete booking requests older than their page's retention period. Run it daily (cron)."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from booking import rate_limit
from booking.models import BookingRateLimitAttempt, BookingRequest, BookingRequestPage
from booking.models.records import DEFAULT_RETENTION_DAYS


class Command(BaseCommand):
    help = (
        "Delete booking requests older than the retention period set on their booking page "
        f"({DEFAULT_RETENTION_DAYS} days for requests whose page was deleted), and print "
        "how many were deleted."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        deleted = 0
        with transaction.atomic():
            for page in BookingRequestPage.objects.all():
                cutoff = now - timedelta(days=page.retention_days)
                deleted += BookingRequest.objects.filter(page=page, created_at__lt=cutoff).delete()[
                    0
                ]
            orphan_cutoff = now - timedelta(days=DEFAULT_RETENTION_DAYS)
            deleted += BookingRequest.objects.filter(
                page__isnull=True, created_at__lt=orphan_cutoff
            ).delete()[0]
            # Rate-limit hashes normally go on the next form post; sweep any left over.
            expired = now - rate_limit.window()
            BookingRateLimitAttempt.objects.filter(created_at__lte=expired).delete()
        noun = "request" if deleted == 1 else "requests"
        self.stdout.write(f"Deleted {deleted} booking {noun} older than the retention period.")
