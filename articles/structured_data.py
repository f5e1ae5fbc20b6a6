"""schema.org structured data (JSON-LD) for article pages.

``build_article_data(page, request)`` returns a plain dict: a MedicalWebPage whose
``mainEntity`` is the article. Anything that knows more about an article adds its keys to
that dict before it is serialised (clinical governance, for example, replaces ``author``
with the named authors and adds ``reviewedBy`` and ``lastReviewed``). ``json_ld_script``
turns the dict into a ``<script type="application/ld+json">`` element that is safe to embed.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles import citations
from people.structured_data import review_structured_data

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

# Characters that could end the <script> element or open a comment inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data):
    """A <script type="application/ld+json"> element holding ``data``, safe inside HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_SCRIPT_ESCAPES)),  # noqa: S308 - "<", ">" and "&" escaped
    )


def build_article_data(page, request=None):
    """The JSON-LD dict for an ArticlePage: a MedicalWebPage with the article as mainEntity."""
    from home.models import SiteSettings

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
        "breadcrumb": breadcrumb(page, request),
        "mainEntity": article,
    }
    # Named authors replace the organisation on the Article; the clinical review belongs to
    # the MedicalWebPage (schema.org defines reviewedBy and lastReviewed on WebPage).
    review = review_structured_data(page)
    if "author" in review:
        article["author"] = review.pop("author")
    data.update(review)
    return compact(data)


def organisation(site_settings, page, request=None):
    """The publishing organisation, named in the site settings, at the site's home page."""
    home = breadcrumb_trail(page)[0]
    return {
        "@type": "Organization",
        "name": site_settings.organisation_name,
        "url": home.get_full_url(request),
    }


def breadcrumb_trail(page):
    """The pages from the site's home page down to ``page``.

    One query, remembered on the page: the visible breadcrumb and the JSON-LD share it.
    """
    trail = getattr(page, "_breadcrumb_trail", None)
    if trail is None:
        trail = page._breadcrumb_trail = [*page.get_ancestors().filter(depth__gt=1), page]
    return trail


def breadcrumb(page, request=None):
    """Home › Series › Article as a BreadcrumbList."""
    trail = breadcrumb_trail(page)
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.title,
                "item": crumb.get_full_url(request),
            }
            for position, crumb in enumerate(trail, start=1)
        ],
    }


def share_image_urls(page, request=None):
    """Absolute URLs of the hero image rendition used when the page is shared."""
    if not page.hero_image:
        return []
    rendition = page.hero_image.get_rendition(SHARE_IMAGE_FILTER)
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
        "author": [_person(name) for name in _authors(reference.get("authors"))],
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


def _authors(text):
    try:
        return citations.parse_authors(text)
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


def compact(data):
    """Drop keys whose value is None, "" or an empty list, at every level."""
    if isinstance(data, dict):
        cleaned = {key: compact(value) for key, value in data.items()}
        return {key: value for key, value in cleaned.items() if value not in (None, "", [], {})}
    if isinstance(data, list):
        return [compact(item) for item in data]
    return data
