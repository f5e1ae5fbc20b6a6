"""References beyond the body block: filling a reference in from a DOI or a PubMed ID."""
