"""Background tasks of the shared layer (run by django-tasks; see TASKS in settings)."""

import io

from django.core.management import call_command
from django_tasks import task
from wagtail.images import get_image_model


@task()
def generate_renditions(image_id, filter_specs):
    """Make the renditions ``filter_specs`` (e.g. "width-800|format-webp") of one image.

    With media on object storage the first page view that needs a new rendition downloads
    the original, resizes it and uploads the result while the reader waits; run from the
    task worker, that happens before any reader asks. Renditions that exist are left as
    they are. Returns the rendition URLs, in the order of ``filter_specs``. An image deleted
    since the task was queued is not an error: there is nothing left to render.
    """
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return []
    renditions = image.get_renditions(*filter_specs)
    return [renditions[spec].url for spec in filter_specs]


@task()
def publish_scheduled_pages():
    """Publish what is scheduled to go live and unpublish what has expired (Wagtail's
    ``publish_scheduled``), run every few minutes by ``manage.py run_scheduled_jobs``.
    Returns what the command printed, for the task result."""
    output = io.StringIO()
    call_command("publish_scheduled", stdout=output)
    return output.getvalue()
