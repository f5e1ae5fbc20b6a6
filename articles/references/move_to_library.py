"""Moving the references typed inline in articles into the shared library.

``plan_move`` reads every article (its latest revision, or the page itself if it has none)
and decides, without writing, which library references to create and which inline entries
each article's body replaces by a chosen one; ``apply_move`` carries the plan out. The
``move_references_to_library`` command prints the plan (``--dry-run``) or applies it.

Duplicates are merged: by DOI when the reference has one (DOIs are case-insensitive), or
else by identical fields; a reference already in the library is reused, never copied. A
reference that breaks today's rules (stored before they existed) stays inline and is named,
so an editor can correct it. Revisions stay honest: each changed article gets a new
revision, published only when the page was live with no unpublished changes; otherwise the
live version keeps its inline references until the draft is published.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from articles.models import ArticlePage, Reference
from articles.reference_blocks import INLINE, LIBRARY, as_stream_entry
from articles.references.fields import FIELD_NAMES
from core import citations

# Fields stored as text: an empty one is "" in the library (a block may hold None).
_TEXT_FIELDS = frozenset(FIELD_NAMES) - {"organisation", "year", "peer_reviewed"}


def library_fields(value):
    """A reference value (inline, raw) as the library's Reference fields."""
    fields = {}
    for name in FIELD_NAMES:
        item = value.get(name)
        if name in _TEXT_FIELDS:
            fields[name] = str(item or "").strip()
        elif name == "year":
            fields[name] = int(item) if item not in (None, "") else None
        elif name == "peer_reviewed":
            fields[name] = bool(item) if item is not None else True
        else:
            fields[name] = bool(item)
    fields["kind"] = fields["kind"] or "article-journal"
    return fields


def duplicate_key(fields):
    """What makes two references the same work: the DOI, or else every field."""
    doi = citations.normalise_doi(fields.get("doi"))
    if doi:
        return ("doi", doi.lower())
    return ("fields", tuple(fields[name] for name in FIELD_NAMES))


@dataclass
class ArticleMove:
    """One article whose body changes: its new raw body and how it is saved."""

    page: ArticlePage
    content: ArticlePage  # The latest revision as a page (or the page itself).
    body: list  # Raw StreamField data, library entries holding a duplicate key for now.
    moved: int = 0
    publish: bool = False


@dataclass
class MovePlan:
    new_references: dict = field(default_factory=dict)  # duplicate key -> fields
    existing: dict = field(default_factory=dict)  # duplicate key -> Reference
    articles: list = field(default_factory=list)
    left_inline: list = field(default_factory=list)  # one-line reasons
    merged_differing: list = field(default_factory=list)  # one-line notes

    @property
    def moved(self):
        return sum(article.moved for article in self.articles)


def _existing_library():
    existing = {}
    for reference in Reference.objects.order_by("pk"):
        existing.setdefault(duplicate_key(library_fields(reference.as_value())), reference)
    return existing


def _errors(fields):
    """Why a reference cannot go into the library as it stands ("" if it can)."""
    try:
        Reference(**fields).full_clean(exclude=["latest_revision"])
    except ValidationError as error:
        return "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
    return ""


def plan_move():
    """What moving every inline reference into the library would do (nothing is written)."""
    plan = MovePlan(existing=_existing_library())
    for page in ArticlePage.objects.order_by("path"):
        content = page.get_latest_revision_as_object() if page.latest_revision_id else page
        body, moved = _planned_body(plan, page, list(content.body.raw_data))
        if moved:
            publish = page.live and not page.has_unpublished_changes
            plan.articles.append(ArticleMove(page, content, body, moved, publish))
    return plan


def _planned_body(plan, page, raw_body):
    body, moved, number = [], 0, 0
    for block in raw_body:
        if block.get("type") != "references":
            body.append(block)
            continue
        value = dict(block.get("value") or {})
        entries = []
        for entry in (as_stream_entry(item) for item in value.get("references") or []):
            number += 1
            if entry.get("type") != INLINE:
                entries.append(entry)
                continue
            fields = library_fields(entry.get("value") or {})
            key = duplicate_key(fields)
            kept = plan.new_references.get(key) or (
                library_fields(plan.existing[key].as_value()) if key in plan.existing else None
            )
            # Same DOI (however it was typed), other fields not the same: say so.
            if kept is not None and {**kept, "doi": ""} != {**fields, "doi": ""}:
                plan.merged_differing.append(
                    f'"{page.title}", reference {number}: merged by its DOI with a library '
                    "reference whose other fields differ; the library's are kept"
                )
            if kept is None:
                problem = _errors(fields)
                if problem:
                    plan.left_inline.append(
                        f'"{page.title}", reference {number}: left inline ({problem})'
                    )
                    entries.append(entry)
                    continue
                plan.new_references[key] = fields
            entries.append({"type": LIBRARY, "value": key, "id": entry.get("id")})
            moved += 1
        body.append({**block, "value": {**value, "references": entries}})
    return body, moved


@transaction.atomic
def apply_move(plan):
    """Create the planned library references and save each article's new revision."""
    chosen = dict(plan.existing)
    for key, fields in plan.new_references.items():
        reference = Reference(**fields)
        reference.full_clean(exclude=["latest_revision"])
        reference.save()
        reference.save_revision(log_action=True)
        chosen[key] = reference
    for article in plan.articles:
        article.content.body = [_resolved(block, chosen) for block in article.body]
        revision = article.content.save_revision(log_action=True)
        if article.publish:
            revision.publish(log_action=True)
    return chosen


def _resolved(block, chosen):
    if block.get("type") != "references":
        return block
    entries = [
        {**entry, "value": chosen[entry["value"]].pk}
        if entry["type"] == LIBRARY and isinstance(entry["value"], tuple)
        else entry
        for entry in block["value"]["references"]
    ]
    return {**block, "value": {**block["value"], "references": entries}}
