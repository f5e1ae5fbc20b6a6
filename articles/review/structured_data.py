"""schema.org data for an article's authors and clinical review, for the page's JSON-LD.

``author`` belongs on the Article; ``reviewedBy`` and ``lastReviewed`` are properties of
the WebPage (schema.org defines them there, and a MedicalWebPage is what search engines
read them from).
"""

from people.structured_data import person_structured_data


def review_structured_data(page):
    """author, reviewedBy and lastReviewed for an ArticlePage; keys without a value are left out."""
    data = {}
    authors = page.authors
    if authors:
        data["author"] = [person_structured_data(person) for person in authors]
    if page.clinically_reviewed_by_id:
        data["reviewedBy"] = person_structured_data(page.clinically_reviewed_by)
    if page.last_reviewed:
        data["lastReviewed"] = page.last_reviewed.isoformat()
    return data
