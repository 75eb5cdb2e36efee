"""Who may do what: the newsroom's `Editors` group and its permissions on the timeline."""

EDITORS_GROUP = "Editors"

# Editors add, change and view every timeline record, and delete what hangs on a source (never a source itself,
# nor an actor, venue or topic that other records name: those deletions are for superusers).
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


def editor_codenames() -> list[str]:
    return [f"{action}_{model}" for model, actions in EDITOR_PERMISSIONS.items() for action in actions]


def editors_group():
    """The Editors group with its permissions, made again if it is missing (a flushed database has none)."""
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    permissions = Permission.objects.filter(content_type__app_label="timeline", codename__in=editor_codenames())
    group.permissions.add(*permissions)
    return group
