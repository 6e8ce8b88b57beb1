"""Editors' source decisions: two claims from one original source, or from independent ones
(claims.sources reads them; they win over its rules)."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

# Frozen here rather than read from claims.roles: this migration grants what existed at 0018.
SOURCE_PERMISSIONS = {
    "editors": [
        "view_originoverride",
        "add_originoverride",
        "change_originoverride",
        "delete_originoverride",
        "view_historicaloriginoverride",
    ],
    "viewers": ["view_originoverride", "view_historicaloriginoverride"],
}


def grant_source_permissions(apps, schema_editor):
    app_config = apps.get_app_config("claims")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in SOURCE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="claims", codename__in=codenames)
        )


def revoke_source_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    codenames = {c for names in SOURCE_PERMISSIONS.values() for c in names}
    Permission.objects.filter(content_type__app_label="claims", codename__in=codenames).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0014_search_documents_and_measure_names"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalOriginOverride",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "relation",
                    models.CharField(
                        choices=[
                            ("same", "one source: re-reports of one original"),
                            ("independent", "independent sources"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "note",
                    models.TextField(
                        blank=True, help_text="Why: which report each outlet took the figure from."
                    ),
                ),
                ("decided_at", models.DateTimeField(blank=True, editable=False)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "first_claim",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="claims.claim",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "second_claim",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="claims.claim",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical source decision",
                "verbose_name_plural": "historical source decisions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="OriginOverride",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "relation",
                    models.CharField(
                        choices=[
                            ("same", "one source: re-reports of one original"),
                            ("independent", "independent sources"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "note",
                    models.TextField(
                        blank=True, help_text="Why: which report each outlet took the figure from."
                    ),
                ),
                ("decided_at", models.DateTimeField(auto_now=True)),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "first_claim",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="origins_as_first",
                        to="claims.claim",
                    ),
                ),
                (
                    "second_claim",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="origins_as_second",
                        to="claims.claim",
                    ),
                ),
            ],
            options={
                "verbose_name": "source decision",
                "verbose_name_plural": "source decisions",
                "ordering": ["first_claim", "second_claim"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("first_claim", "second_claim"), name="origin_override_unique_pair"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("first_claim__lt", models.F("second_claim"))),
                        name="origin_override_first_before_second",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("relation__in", ["same", "independent"])),
                        name="origin_override_relation_known",
                    ),
                ],
            },
        ),
        migrations.RunPython(grant_source_permissions, revoke_source_permissions),
    ]
