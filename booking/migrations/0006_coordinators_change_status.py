"""Give the "Booking coordinators" group the one change it may make: a request's status."""

from django.db import migrations

GROUP_NAME = "Booking coordinators"


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    # As in 0002: on a fresh database the permission is created only after all migrations,
    # so create it here; Django then finds it existing.
    booking_type, _ = ContentType.objects.get_or_create(app_label="booking", model="bookingrequest")
    change_status, _ = Permission.objects.get_or_create(
        content_type=booking_type,
        codename="change_status_bookingrequest",
        defaults={"name": "Can change the status of booking requests"},
    )
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(change_status)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="booking", codename="change_status_bookingrequest"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("booking", "0005_booking_request_status")]

    operations = [migrations.RunPython(grant, revoke)]
