"""schema.org data for a person named on a page (an author or a clinical reviewer)."""


def person_structured_data(person):
    """A schema.org Person: name, credentials as honorificSuffix, role as jobTitle."""
    data = {"@type": "Person", "name": person.name}
    if person.credentials:
        data["honorificSuffix"] = person.credentials
    if person.role:
        data["jobTitle"] = person.role
    return data
