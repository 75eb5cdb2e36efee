"""The `Editors` group with its permissions on the timeline (see `timeline.roles`)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS_GROUP = "Editors"
# Frozen here: a migration must not change when `timeline.roles` does later.
EDITOR_PERMISSIONS = {
    "source": ("add", "change", "view"),
    "actor": ("add", "change", "view"),
    "venue": ("add", "change", "view"),
    "topic": ("add", "change", "view"),
    "event": ("add", "change", "delete", "view"),
    "statement": ("add", "change", "delete", "view"),
    "participation": ("add", "change", "delete", "view"),
    "citation": ("add", "change", "delete", "view"),
}


def create_editors_group(apps, schema_editor):
    # On a fresh database the permission rows are made after all migrations (post_migrate): make them now.
    timeline = apps.get_app_config("timeline")
    timeline.models_module = True
    create_permissions(timeline, apps=apps, verbosity=0, using=schema_editor.connection.alias)
    timeline.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for model, actions in EDITOR_PERMISSIONS.items() for action in actions]
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="timeline", codename__in=codenames))


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0003_history_for_every_record"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
