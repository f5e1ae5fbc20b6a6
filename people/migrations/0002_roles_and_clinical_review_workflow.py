"""Create the site's roles and the "Clinical review" workflow, so a fresh site has them.

- Editors: create and edit series and articles, submit them for moderation; no publishing.
  (Wagtail's own migrations already create an "Editors" group; it is reused and extended.)
- Clinical reviewers: approve or request changes in the "Clinical review" workflow (which
  lets them open the article in the editor while it is in review); see the review report.
  No page permissions of their own, so they cannot publish, move or delete pages directly.
- Publishers: publish, delete and lock pages, manage site settings, people and topics, see
  the review report.

The "Clinical review" workflow has one group approval task for Clinical reviewers and is
assigned to the root page, so the home page, every series (including ones added later)
and every article inherit it. It replaces Wagtail's default "Moderators approval" there;
a Publisher with workflow rights can assign another workflow to one section later.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WORKFLOW_NAME = "Clinical review"

ROOT_PAGE_PERMISSIONS = {
    "Editors": ["add_page", "change_page"],
    "Clinical reviewers": [],
    "Publishers": [
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ],
}

# (app_label, codename) pairs held by the group everywhere.
GLOBAL_PERMISSIONS = {
    "Editors": [("wagtailadmin", "access_admin")],
    "Clinical reviewers": [
        ("wagtailadmin", "access_admin"),
        ("people", "view_review_report"),
    ],
    "Publishers": [
        ("wagtailadmin", "access_admin"),
        ("people", "view_review_report"),
        ("people", "add_person"),
        ("people", "change_person"),
        ("people", "delete_person"),
        ("articles", "add_topic"),
        ("articles", "change_topic"),
        ("articles", "delete_topic"),
        ("home", "change_sitesettings"),
    ],
}

# (app_label, codename) pairs held on the root collection of images and documents.
COLLECTION_PERMISSIONS = {
    "Editors": [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "choose_document"),
    ],
    "Clinical reviewers": [
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "choose_document"),
    ],
    "Publishers": [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "delete_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "delete_document"),
        ("wagtaildocs", "choose_document"),
    ],
}


def ensure_permissions_exist(apps):
    # Django creates permissions after all migrations have run; this migration needs them
    # now (as Wagtail's own 0086 migration does). A migration's app configs have no models
    # module, which create_permissions requires; the real ones (tests) do. The historical
    # models are passed (apps=apps): site settings have since moved from home to core.
    for app_label in ["wagtailcore", "people", "articles", "home", "wagtailimages", "wagtaildocs"]:
        app_config = apps.get_app_config(app_label)
        if getattr(app_config, "models_module", None) is None:
            app_config.models_module = True
            create_permissions(app_config, verbosity=0, apps=apps)
            app_config.models_module = None
        else:
            create_permissions(app_config, verbosity=0, apps=apps)


def create_roles_and_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    ensure_permissions_exist(apps)

    def permission(app_label, codename):
        # Site settings moved from home to core later (home 0003); tests re-run this
        # function against today's models, where the permission is core's.
        labels = [app_label, "core"] if app_label == "home" else [app_label]
        return Permission.objects.filter(
            content_type__app_label__in=labels, codename=codename
        ).get()

    root_page = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROOT_PAGE_PERMISSIONS}

    for name, group in groups.items():
        if root_page is not None:
            for codename in ROOT_PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission("wagtailcore", codename)
                )
        group.permissions.add(*(permission(*pair) for pair in GLOBAL_PERMISSIONS[name]))
        if root_collection is not None:
            for pair in COLLECTION_PERMISSIONS[name]:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission(*pair)
                )

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=WORKFLOW_NAME, content_type=task_type, active=True
        )
    task.groups.add(groups["Clinical reviewers"])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if root_page is not None:
        WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_person"),
        ("articles", "0002_clinical_governance"),
        ("home", "0002_site_settings"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.RunPython(create_roles_and_workflow, migrations.RunPython.noop),
    ]
