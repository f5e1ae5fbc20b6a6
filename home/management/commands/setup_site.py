"""Create the site on an empty database; leave an existing one alone.

Run by `make run` every time: the first run creates the home page, the "ART for Healthcare
Professionals" series, an admin account and imports the shipped articles; later runs keep
whatever editors have done.
"""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page, Site

from articles.models import ArticlePage, ArticleSeriesPage
from booking.models import BookingRequestPage
from core.models import SiteSettings
from core.site_url import SiteURLError, site_host_and_port
from home.models import HomePage

SERIES_TITLE = "ART for Healthcare Professionals"
CONTENT_DIR = Path(settings.BASE_DIR) / "content" / "articles"
TWO_FACTOR_HINT = (
    "At the first sign-in at /admin/, 'admin' must set up two-factor sign-in: have an "
    "authenticator app ready (e.g. Google Authenticator, FreeOTP) to scan the QR code shown."
)


class Command(BaseCommand):
    help = "Create the home page, the first series and an admin account if they are missing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-import",
            action="store_true",
            help="Do not import the shipped articles from content/articles/.",
        )

    def handle(self, *args, **options):
        try:
            address = site_host_and_port(settings.SITE_URL) if settings.SITE_URL else None
        except SiteURLError as error:
            raise CommandError(str(error)) from None
        with transaction.atomic():
            home = self.ensure_home()
            self.ensure_site_address(address)
            series = self.ensure_series(home)
            self.ensure_booking_page(home)
        self.ensure_admin()
        if not options["no_import"]:
            self.import_shipped_articles(series)

    def ensure_home(self):
        home = HomePage.objects.first()
        if home:
            return home
        root = Page.get_first_root_node()
        # Wagtail's migrations create a placeholder "Welcome" page; the home page replaces it.
        for placeholder in root.get_children().filter(content_type__model="page"):
            placeholder.delete()
        home = root.add_child(
            instance=HomePage(
                title="Accelerated Resolution Therapy for Healthcare Professionals",
                slug="home",
                intro=(
                    "<p>Articles for clinicians and healthcare workers on Accelerated "
                    "Resolution Therapy (ART).</p>"
                ),
            )
        )
        site = Site.objects.filter(is_default_site=True).first()
        if site:
            site.root_page = home
            site.site_name = "ARTcms"
            site.save()
        else:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="ARTcms",
            )
        self.stdout.write(f"Created the home page: {home.title}")
        return home

    def ensure_site_address(self, address):
        """Give the default Site the host and port of SITE_URL (every run: it may change)."""
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return
        if address is None:
            self.stdout.write(
                self.style.WARNING(
                    f"SITE_URL is not set: the site's address stays {site.root_url}. "
                    "Set SITE_URL (e.g. https://art.example.org) and run setup_site again."
                )
            )
            return
        if (site.hostname, site.port) != address:
            site.hostname, site.port = address
            site.save()
            self.stdout.write(f"The site's address is now {site.root_url}")

    def ensure_series(self, home):
        series = ArticleSeriesPage.objects.child_of(home).filter(title=SERIES_TITLE).first()
        if series is None and not ArticleSeriesPage.objects.exists():
            series = home.add_child(
                instance=ArticleSeriesPage(
                    title=SERIES_TITLE,
                    slug="art-for-healthcare-professionals",
                    intro=(
                        "<p>A series on how Accelerated Resolution Therapy can help "
                        "clinicians and other healthcare workers.</p>"
                    ),
                )
            )
            self.stdout.write(f"Created the series: {series.title}")
        if series and home.featured_series_id is None:
            home.featured_series = series
            home.save_revision().publish()
        return series

    def ensure_booking_page(self, home):
        """Create the booking page on a fresh site and make it the default call to action."""
        if BookingRequestPage.objects.exists():
            return
        page = home.add_child(instance=BookingRequestPage(title="Book an ART session", slug="book"))
        page.save_revision().publish()
        self.stdout.write(f"Created the booking page: {page.title}")
        site = Site.objects.filter(root_page=home).first()
        site_settings = SiteSettings.for_site(site) if site else None
        if site_settings and site_settings.cta_page_id is None and not site_settings.cta_url:
            site_settings.cta_page = page
            site_settings.save()

    def ensure_admin(self):
        user_model = get_user_model()
        if user_model.objects.filter(is_superuser=True).exists():
            return
        password = os.environ.get("ARTCMS_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        user_model.objects.create_superuser("admin", "admin@example.com", password)
        if os.environ.get("ARTCMS_ADMIN_PASSWORD"):
            self.stdout.write(
                "Created the admin account 'admin' (password from ARTCMS_ADMIN_PASSWORD)."
            )
        else:
            self.stdout.write(
                self.style.WARNING(
                    f"Created the admin account 'admin' with password: {password}\n"
                    "It is shown only once: note it now, then change it in the admin."
                )
            )
        self.stdout.write(TWO_FACTOR_HINT)

    def import_shipped_articles(self, series):
        if series is None or ArticlePage.objects.exists() or not CONTENT_DIR.is_dir():
            return
        call_command(
            "import_articles",
            str(CONTENT_DIR),
            series=series.title,
            publish=True,
            # The shipped articles are the site's own reviewed seed content.
            skip_clinical_review=True,
            stdout=self.stdout,
            stderr=self.stderr,
        )
