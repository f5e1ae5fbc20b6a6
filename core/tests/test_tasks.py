"""Background tasks: the immediate backend by default, the database backend and its worker.

The worker test runs django-tasks-db's own ``db_worker`` command: in a separate process
on PostgreSQL (the way production runs it), in this process on SQLite (whose test
database lives in this process's memory, out of another process's reach).
"""

import subprocess
import sys

import pytest
import wagtail_factories
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection
from django_tasks import TaskResultStatus, task_backends
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_db.models import DBTaskResult

from core.tasks import generate_renditions
from core.testing.app_servers import database_url

SPECS = ["width-480|format-webp", "width-800|format-webp"]


def run_db_worker(environ):
    """Run every queued task with ``manage.py db_worker --batch``, then return."""
    if connection.vendor != "postgresql":
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
        return
    completed = subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
        cwd=django_settings.BASE_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "artcms.settings.test",
            "DATABASE_URL": database_url(),
            "TASKS_BACKEND": "database",
            **environ,
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


@pytest.mark.django_db
def test_tasks_run_at_once_by_default(s3_media):
    assert isinstance(task_backends["default"], ImmediateBackend)
    image = wagtail_factories.ImageFactory(title="Demo photo")
    result = generate_renditions.enqueue(image.pk, SPECS)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert len(result.return_value) == 2
    assert len([key for key in s3_media.keys("images/") if ".width-" in key]) == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_database_worker_runs_a_queued_task(s3_media, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    image = wagtail_factories.ImageFactory(title="Demo photo")
    result = generate_renditions.enqueue(image.pk, SPECS)

    # Queued in the database, not run: nothing made yet.
    stored = DBTaskResult.objects.get(id=result.id)
    assert stored.status == TaskResultStatus.READY
    assert stored.args_kwargs == {"args": [image.pk, SPECS], "kwargs": {}}
    assert not image.renditions.exists()

    run_db_worker(s3_media.environ())

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL, result.errors
    made = [key for key in s3_media.keys("images/") if ".width-" in key]
    assert len(made) == 2
    assert sorted(url.rsplit("/", 1)[-1] for url in result.return_value) == sorted(
        key.rsplit("/", 1)[-1] for key in made
    )
    assert image.renditions.count() == 2


@pytest.mark.django_db
def test_a_task_for_an_image_deleted_since_it_was_queued_does_nothing():
    assert generate_renditions.enqueue(987654, SPECS).return_value == []


def test_an_unknown_tasks_backend_is_refused_at_start_up():
    completed = subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, "manage.py", "check"],
        cwd=django_settings.BASE_DIR,
        env={"PATH": "/usr/bin:/bin", "TASKS_BACKEND": "celery"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode != 0
    assert "TASKS_BACKEND must be one of immediate, database, not 'celery'" in completed.stderr
