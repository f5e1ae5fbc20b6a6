"""A real S3 API server for tests: moto's standalone server on a free local port.

``moto_server`` (once per run) starts ``moto.server.ThreadedMotoServer``; ``object_storage``
gives each test its own empty bucket; ``s3_media`` also points this process's media
storage at that bucket, as ``AWS_STORAGE_BUCKET_NAME`` does in artcms/settings/base.py.
App servers started in a subprocess take ``ObjectStorage.environ()`` instead, so they go
through the settings code itself.
"""

import dataclasses
import uuid
from pathlib import Path

import boto3
import pytest
from django.core.cache.backends.locmem import LocMemCache
from moto.server import ThreadedMotoServer
from wagtail.images.models import Rendition

REGION = "us-east-1"
# The policy docs/DEPLOYMENT.md tells operators to apply: images public, the rest private.
BUCKET_POLICY = Path(__file__).resolve().parents[2] / "deploy" / "s3" / "bucket-policy.json"
# moto accepts any credentials; these are visibly fake.
ACCESS_KEY = "test-access-key"
SECRET_KEY = "test-secret-key"  # noqa: S105


@dataclasses.dataclass
class ObjectStorage:
    """One bucket on the test S3 server, and the settings that point media at it."""

    endpoint_url: str
    bucket: str

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
        )

    def keys(self, prefix=""):
        """Every object key in the bucket under ``prefix``, sorted."""
        pages = (
            self.client()
            .get_paginator("list_objects_v2")
            .paginate(Bucket=self.bucket, Prefix=prefix)
        )
        return sorted(item["Key"] for page in pages for item in page.get("Contents", []))

    def apply_bucket_policy(self):
        policy = BUCKET_POLICY.read_text().replace("BUCKET_NAME", self.bucket)
        self.client().put_bucket_policy(Bucket=self.bucket, Policy=policy)

    def environ(self):
        """Environment variables for a subprocess (an app server, a worker)."""
        return {
            "AWS_STORAGE_BUCKET_NAME": self.bucket,
            "AWS_S3_ENDPOINT_URL": self.endpoint_url,
            "AWS_S3_REGION_NAME": REGION,
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        }

    def settings(self):
        """The settings base.py makes from environ(), for this process (override_settings)."""
        return {
            "AWS_STORAGE_BUCKET_NAME": self.bucket,
            "AWS_S3_ENDPOINT_URL": self.endpoint_url,
            "AWS_S3_REGION_NAME": REGION,
            "AWS_S3_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_S3_SECRET_ACCESS_KEY": SECRET_KEY,
            "AWS_QUERYSTRING_AUTH": False,
            "AWS_DEFAULT_ACL": None,
            "AWS_S3_FILE_OVERWRITE": False,
        }


@pytest.fixture(scope="session")
def moto_server():
    """The URL of a moto S3 server on a free port of this machine, for the whole run."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def object_storage(moto_server):
    """A new, empty bucket on the moto server, private but for deploy/s3's image policy."""
    storage = ObjectStorage(endpoint_url=moto_server, bucket=f"artcms-{uuid.uuid4().hex[:16]}")
    storage.client().create_bucket(Bucket=storage.bucket)
    storage.apply_bucket_policy()
    return storage


@pytest.fixture
def s3_media(object_storage, settings):
    """Media (images, renditions, documents) of this process stored in the test bucket."""
    for name, value in object_storage.settings().items():
        setattr(settings, name, value)
    # Changing STORAGES makes Django build the default storage again, with the settings above.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "core.storage.MediaStorage"},
    }
    # Wagtail caches renditions by image id and file hash (empty for factory-made images),
    # and the database reuses ids after a rollback: renditions cached by one test, stored
    # somewhere else, would stand in for another test's. Forget them before and after.
    clear_rendition_cache()
    yield object_storage
    clear_rendition_cache()


def clear_rendition_cache():
    if isinstance(Rendition.cache_backend, LocMemCache):
        Rendition.cache_backend.clear()
