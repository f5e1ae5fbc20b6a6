"""SiteSettings now lives in core (core 0001): remove it from home's state, keep the table.

The content type row moves with it, so the permissions groups hold ("change site
settings", given to Publishers by people 0002) keep pointing at the same model.
"""

from django.db import migrations


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    old = ContentType.objects.filter(app_label="home", model="sitesettings").first()
    if old is None:
        return
    new = ContentType.objects.filter(app_label="core", model="sitesettings").first()
    if new is None:
        old.app_label = "core"
        old.save(update_fields=["app_label"])
        return
    # Both exist (core's was created first): keep core's, carrying the groups' grants over.
    for permission in Permission.objects.filter(content_type=old):
        target = Permission.objects.filter(content_type=new, codename=permission.codename).first()
        if target is None:
            permission.content_type = new
            permission.save(update_fields=["content_type"])
        else:
            for group in permission.group_set.all():
                group.permissions.add(target)
            for user in permission.user_set.all():
                user.user_permissions.add(target)
            permission.delete()
    old.delete()


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="core", model="sitesettings").update(app_label="home")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_site_settings"),
        ("core", "0001_site_settings_from_home"),
        # The roles migration grants home.change_sitesettings: it must run first.
        ("people", "0002_roles_and_clinical_review_workflow"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SiteSettings")],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
