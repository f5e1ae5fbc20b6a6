"""Give Editors what their work needs (issue 17).

- `articles.reorder_series_articles`: drag the articles of a series into reading order
  (Wagtail otherwise allows reordering only to those who may publish).
- `people.view_review_report`: open Reports > Articles due for clinical review, so editors
  see which articles need updating before their review falls due.
"""

import importlib

from django.db import migrations

EDITOR_PERMISSIONS = [
    ("articles", "reorder_series_articles"),
    ("people", "view_review_report"),
]

roles = importlib.import_module("people.migrations.0002_roles_and_clinical_review_workflow")


def grant_editor_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    roles.ensure_permissions_exist(apps)
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(
        *(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in EDITOR_PERMISSIONS
        )
    )


def revoke_editor_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for editors in Group.objects.filter(name="Editors"):
        for app_label, codename in EDITOR_PERMISSIONS:
            editors.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_roles_and_clinical_review_workflow"),
        ("articles", "0003_series_reorder_permission"),
    ]

    operations = [
        migrations.RunPython(grant_editor_permissions, revoke_editor_permissions),
    ]
