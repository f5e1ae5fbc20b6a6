"""Keeping the search index true to the library: an article's indexed body includes the
library references it cites (LibraryReferenceBlock.get_searchable_content), so correcting
one reindexes every article citing it, once the correction is committed."""

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.models import Page, ReferenceIndex
from wagtail.search import index

from articles.models import Reference


def on_library_reference_saved(instance, created=False, **kwargs):
    if created:
        return  # No article cites it yet.

    def reindex():
        for source, _references in ReferenceIndex.get_grouped_references_to(instance):
            if isinstance(source, Page):
                index.insert_or_update_object(source.specific)

    transaction.on_commit(reindex)


def register_signal_handlers():
    """Called from ArticlesConfig.ready()."""
    post_save.connect(
        on_library_reference_saved, sender=Reference, dispatch_uid="artcms_reindex_reference"
    )
