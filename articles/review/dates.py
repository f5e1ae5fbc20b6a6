"""Review dates: when an article's next clinical review falls due."""

import calendar

from wagtail.models import Site

from core.models import SiteSettings

DEFAULT_REVIEW_INTERVAL_MONTHS = 12


def add_months(day, months):
    """The same day ``months`` later; the month's last day if it is shorter (31 Jan -> 28 Feb)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _site_for(page):
    """The page's site, or the default site for a page not yet placed in the tree."""
    site = page.get_site() if page is not None and page.url_path else None
    return site or Site.objects.filter(is_default_site=True).first()


def review_interval_months(page=None, site=None):
    """The review interval from the site settings of the page's site (12 months by default)."""
    site = site or _site_for(page)
    if site is None:
        return DEFAULT_REVIEW_INTERVAL_MONTHS
    return SiteSettings.for_site(site).review_interval_months


def default_next_review_due(last_reviewed, page=None, site=None):
    """When the next review falls due: the last review plus the site's review interval."""
    return add_months(last_reviewed, review_interval_months(page=page, site=site))
