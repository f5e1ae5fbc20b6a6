"""The media storage used when media lives in an S3-compatible bucket (see settings)."""

from botocore.exceptions import BotoCoreError
from storages.backends.s3 import S3Storage


class MediaStorage(S3Storage):
    """django-storages' S3 storage, failing to open a file the way a missing disk file does.

    Wagtail treats an OSError while opening an original image as "source image missing"
    and shows its placeholder instead of the rendition. botocore's connection errors are
    not OSErrors, so while the object store is unreachable an article needing a new
    rendition would be a server error; as an OSError the article renders without it.
    """

    def _open(self, name, mode="rb"):
        try:
            return super()._open(name, mode)
        except BotoCoreError as error:
            raise OSError(f"The object storage could not be reached to open {name}.") from error
