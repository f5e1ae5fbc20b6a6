"""The image renditions readers are served, made in the task worker as soon as an image is saved.

With media on object storage, a rendition made on a reader's request means downloading the
original, resizing it and uploading the result while the reader waits. When a task worker
runs (TASKS_BACKEND=database), every image an editor uploads or replaces is queued for
core.tasks.generate_renditions with the sizes the templates ask for, so readers find them
made. With the immediate backend (`make run`) this is off by default: the editor would wait
instead of the first reader (PREGENERATE_RENDITIONS turns it on or off).
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from wagtail.images import get_image_model

from articles.structured_data import SHARE_IMAGE_FILTER
from core.tasks import generate_renditions

# Keep in step with the templates: articles/article_page.html and blocks/image_block.html
# (width-{480,800,1280} format-webp), includes/article_review.html (the reviewer's photo)
# and the share image (og:image, JSON-LD). A test renders an article with each and checks
# that nothing outside this list was made.
READER_RENDITIONS = (
    "width-480|format-webp",
    "width-800|format-webp",
    "width-1280|format-webp",
    "fill-96x96|format-webp",
    SHARE_IMAGE_FILTER,
)


def queue_renditions(sender, instance, **kwargs):
    if not settings.PREGENERATE_RENDITIONS or kwargs.get("raw"):
        return
    image_id = instance.pk
    transaction.on_commit(lambda: generate_renditions.enqueue(image_id, list(READER_RENDITIONS)))


def register_signal_handlers():
    """Called from ArticlesConfig.ready()."""
    post_save.connect(
        queue_renditions, sender=get_image_model(), dispatch_uid="artcms_queue_renditions"
    )
