"""An article citing itself ("Cite this article"), and its references, as CSL items.

The citation goes through the same CSL path as the references (core.citations), and the
downloads (core.citation_exports) start from the same item, so every form agrees.
"""

import hashlib
import json

from django.utils import timezone

from core import citation_exports, citations

# The styles offered to visitors, in the order shown.
CITE_STYLES = ("apa", "ama", "vancouver")


def person_name(name):
    """A CSL name from a Person's display name: the last word is the family name."""
    words = name.split()
    if len(words) < 2:
        return {"literal": name}
    return {"family": words[-1], "given": " ".join(words[:-1])}


def article_item(page, site_settings, url):
    """The CSL-JSON item of an article, as a web page published by the organisation."""
    organisation = site_settings.organisation_name
    if not organisation:  # Only then ask for the site (a query): its name stands in.
        site = page.get_site()
        organisation = (site.site_name if site else "") or ""
    authors = [person_name(person.name) for person in page.authors]
    title = f"{page.title}: {page.subtitle}" if page.subtitle else page.title
    item = {"id": f"article-{page.pk}", "type": "webpage", "title": title, "URL": url}
    # Named authors, published by the organisation; without them the organisation is the
    # author (APA 7 then leaves out the repeated site name).
    if authors:
        item["author"] = authors
        if organisation:
            item["container-title"] = organisation
    elif organisation:
        item["author"] = [{"literal": organisation}]
    if page.first_published_at:
        published = timezone.localtime(page.first_published_at).date()
        item["issued"] = {"date-parts": [[published.year, published.month, published.day]]}
    return item


def article_dates(page):
    """The dates a reader should see beside a citation: updated and clinically reviewed."""
    dates = []
    published, updated = page.first_published_at, page.last_published_at
    if published and updated:
        updated_on = timezone.localtime(updated).date()
        if updated_on != timezone.localtime(published).date():
            dates.append(("Last updated", updated_on))
    if page.last_reviewed:
        dates.append(("Last reviewed", page.last_reviewed))
    return dates


def date_notes(page):
    return [f"{label} {date.isoformat()}" for label, date in article_dates(page)]


def article_citations(item):
    """[(style label, formatted HTML)] for the styles offered to visitors."""
    return [
        (citations.CITATION_STYLES[style][0], citations.format_csl_item(item, style))
        for style in CITE_STYLES
    ]


def article_ris(page, site_settings, url):
    return citation_exports.to_ris(article_item(page, site_settings, url), date_notes(page))


def article_bibtex(page, site_settings, url):
    return citation_exports.to_bibtex(article_item(page, site_settings, url), date_notes(page))


def reference_key(reference):
    """A short key for a reference, from its content: the same on every render.

    List items stored before Wagtail kept their ids get new ones on each load, and a
    position shifts when an editor inserts a reference, so neither can name a download.
    """
    csl = json.dumps(citations.reference_to_csl(reference), sort_keys=True)
    return hashlib.sha256(csl.encode("utf-8")).hexdigest()[:12]


def find_reference(page, key):
    """The ReferenceBlock value of the article with this key, or None."""
    for reference in page.references:
        if reference_key(reference) == key:
            return reference
    return None


def reference_ris(reference):
    return citation_exports.to_ris(citations.reference_to_csl(reference))
