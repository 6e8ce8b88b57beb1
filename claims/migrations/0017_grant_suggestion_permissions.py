"""Editors decide on measure suggestions and proposed measures; viewers see them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen here rather than read from claims.roles: this migration grants what existed at 0016.
SUGGESTION_PERMISSIONS = {
    "editors": [
        "view_measureproposal",
        "change_measureproposal",
        "view_measuresuggestion",
        "change_measuresuggestion",
        "view_rejectedpairing",
        "view_historicalmeasureproposal",
    ],
    "viewers": ["view_measureproposal", "view_measuresuggestion", "view_historicalmeasureproposal"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("claims")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in SUGGESTION_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="claims", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = {c for names in SUGGESTION_PERMISSIONS.values() for c in names}
    permissions = Permission.objects.filter(
        content_type__app_label="claims", codename__in=codenames
    )
    for group in Group.objects.filter(name__in=SUGGESTION_PERMISSIONS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [("claims", "0016_measure_suggestions_and_proposals")]

    operations = [migrations.RunPython(grant, revoke)]
