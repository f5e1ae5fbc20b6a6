"""Serves uploaded images and their renditions from MEDIA_ROOT, in production too.

For a site on one box with files on its own disk (FileSystemStorage), this route is what
serves /media/; behind Varnish or nginx the responses are cached there. Only the two image
folders are served: documents stay behind Wagtail's document view (/documents/<id>/...),
which checks privacy settings of the collection and counts downloads, so there is no
direct /media/documents/ URL. Another storage (S3) serves its own URLs, and the route is
not added (see artcms/urls.py).
"""

from pathlib import PurePosixPath

from django.conf import settings
from django.http import Http404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from django.views.static import serve

# Renditions: Wagtail never rewrites a file name (a changed image or crop gets a new one).
RENDITIONS = "images"
ORIGINALS = "original_images"
IMAGE_EXTENSIONS = {".avif", ".gif", ".jpeg", ".jpg", ".png", ".webp"}
RENDITION_MAX_AGE = 60 * 60 * 24 * 365
ORIGINAL_MAX_AGE = 60 * 60 * 24


@require_safe
def serve_image_file(request, path):
    """An image or rendition file, with its content type, Last-Modified and caching."""
    parts = PurePosixPath(path).parts
    if (
        len(parts) != 2
        or parts[0] not in (RENDITIONS, ORIGINALS)
        or PurePosixPath(path).suffix.lower() not in IMAGE_EXTENSIONS
    ):
        raise Http404("Not an image file.")
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    if response.status_code == 200:
        max_age = RENDITION_MAX_AGE if parts[0] == RENDITIONS else ORIGINAL_MAX_AGE
        patch_cache_control(response, public=True, max_age=max_age)
    return response
