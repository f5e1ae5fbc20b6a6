"""schema.org structured data (JSON-LD) for article pages.

``build_article_data(page, request)`` returns a plain dict: a MedicalWebPage whose
``mainEntity`` is the article, with the named authors on the Article and ``reviewedBy``
and ``lastReviewed`` on the page (articles.review.structured_data).
``core.structured_data.json_ld_script`` turns it into a safe ``<script>`` element.
"""

from wagtail.images.models import SourceImageIOError

from articles.review.structured_data import review_structured_data
from core import citations
from core.breadcrumbs import breadcrumb_list
from core.models import SiteSettings
from core.structured_data import compact, organisation

# The picture used when a page is shared (Open Graph, Twitter) and in JSON-LD: 1.91:1.
SHARE_IMAGE_FILTER = "fill-1200x630|format-jpeg"

# Reference kinds (CSL types) as schema.org types.
CITATION_TYPES = {
    "article-journal": "ScholarlyArticle",
    "book": "Book",
    "chapter": "Chapter",
    "report": "Report",
    "webpage": "WebPage",
}


def build_article_data(page, request=None):
    """The JSON-LD dict for an ArticlePage: a MedicalWebPage with the article as mainEntity."""
    site_settings = SiteSettings.for_request_or_default(request)
    url = page.get_full_url(request)
    series = page.get_parent()
    publisher = organisation(site_settings, page, request)
    published = page.first_published_at
    modified = page.last_published_at or page.latest_revision_created_at

    article = {
        "@type": "Article",
        "@id": f"{url}#article",
        "url": url,
        "mainEntityOfPage": {"@id": f"{url}#webpage"},
        "headline": page.title[:110],
        "alternativeHeadline": page.subtitle,
        "description": page.summary or page.search_description,
        "datePublished": published,
        "dateModified": modified,
        # Until authors are recorded, the organisation stands as the author.
        "author": publisher,
        "publisher": publisher,
        "inLanguage": "en",
        "wordCount": page.word_count,
        "timeRequired": f"PT{page.reading_time}M",
        "image": share_image_urls(page, request),
        "isPartOf": {
            "@type": "CreativeWorkSeries",
            "name": series.title,
            "url": series.get_full_url(request),
        },
        "position": page.series_position,
        "citation": [citation(reference) for reference in page.references],
    }
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "@id": f"{url}#webpage",
        "url": url,
        "name": page.seo_title or page.title,
        "description": page.search_description or page.summary,
        "inLanguage": "en",
        "datePublished": published,
        "dateModified": modified,
        "audience": {"@type": "MedicalAudience", "audienceType": "Clinician"},
        "publisher": publisher,
        "breadcrumb": breadcrumb_list(page, request),
        "mainEntity": article,
    }
    # Named authors replace the organisation on the Article; the clinical review belongs to
    # the MedicalWebPage (schema.org defines reviewedBy and lastReviewed on WebPage).
    review = review_structured_data(page)
    if "author" in review:
        article["author"] = review.pop("author")
    data.update(review)
    return compact(data)


def share_image_urls(page, request=None):
    """Absolute URLs of the hero image rendition used when the page is shared."""
    if not page.hero_image:
        return []
    try:
        rendition = page.hero_image.get_rendition(SHARE_IMAGE_FILTER)
    except SourceImageIOError:
        return []  # The original cannot be read (object store down): no picture.
    return [request.build_absolute_uri(rendition.url) if request else rendition.full_url]


def citation(reference):
    """A ReferenceBlock value as a schema.org CreativeWork (ScholarlyArticle, Book, ...)."""
    kind = reference.get("kind") or "article-journal"
    schema_type = CITATION_TYPES.get(kind, "CreativeWork")
    if schema_type == "ScholarlyArticle" and not reference.get("peer_reviewed"):
        schema_type = "Article"
    doi = citations.normalise_doi(reference.get("doi"))
    source = (reference.get("source") or "").strip()
    data = {
        "@type": schema_type,
        "name": reference.get("title"),
        "author": [_person(name) for name in _authors(reference)],
        "datePublished": str(reference["year"]) if reference.get("year") else None,
        "volumeNumber": reference.get("volume"),
        "issueNumber": reference.get("issue"),
        "pagination": reference.get("pages"),
        "url": f"https://doi.org/{doi}" if doi else reference.get("url"),
    }
    if doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": doi}
        data["sameAs"] = f"https://doi.org/{doi}"
    if source:
        if kind == "article-journal":
            data["isPartOf"] = {"@type": "Periodical", "name": source}
        elif kind == "chapter":
            data["isPartOf"] = {"@type": "Book", "name": source}
        elif kind == "webpage":
            data["isPartOf"] = {"@type": "WebSite", "name": source}
        else:
            data["publisher"] = {"@type": "Organization", "name": source}
    return compact(data)


def _authors(reference):
    text = reference.get("authors")
    try:
        return citations.parse_authors(text, bool(reference.get("organisation")))
    except citations.AuthorParseError:
        return [{"literal": text}] if text else []


def _person(name):
    if "literal" in name:
        return {"@type": "Organization", "name": name["literal"]}
    return {
        "@type": "Person",
        "familyName": name["family"],
        "givenName": name["given"],
        "name": f"{name['given']} {name['family']}",
    }
