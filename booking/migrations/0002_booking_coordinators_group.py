"""Create the "Booking coordinators" group: Wagtail admin access and the one permission
that shows booking requests. Editors and reviewers are deliberately not given it."""

from django.db import migrations

GROUP_NAME = "Booking coordinators"


def create_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    # On a fresh database Django creates permissions only after all migrations have run,
    # so create this one (and its content type) here; Django then finds it existing.
    booking_type, _ = ContentType.objects.get_or_create(app_label="booking", model="bookingrequest")
    view_requests, _ = Permission.objects.get_or_create(
        content_type=booking_type,
        codename="view_bookingrequest",
        defaults={"name": "Can view booking requests"},
    )
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(view_requests, access_admin)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        # Run after Wagtail's migrations that give every admin-access group the "choose
        # document/image" permissions: coordinators need requests, not the media library.
        ("wagtaildocs", "0011_add_choose_permissions"),
        ("wagtailimages", "0023_add_choose_permissions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
