"""Figures are finite and within ±1e15 (issue 15: "1" and 120 groups of ",000" was stored as inf).

Before the constraint, machine candidates beyond the bound (which extraction no longer makes)
are deleted; a curated claim beyond it stops the migration with its id, for an editor to fix.
"""

from django.conf import settings
from django.db import migrations, models

import claims.models

LARGEST = 1e15


def drop_machine_figures_beyond_bounds(apps, schema_editor):
    Claim = apps.get_model("claims", "Claim")
    beyond = models.Q()
    for name in ("value", "lower", "upper"):
        # NaN compares above every number on PostgreSQL; SQLite has stored it as NULL.
        beyond |= models.Q(**{f"{name}__gt": LARGEST}) | models.Q(**{f"{name}__lt": -LARGEST})
    rows = Claim.objects.filter(beyond)
    curated = rows.filter(
        ~models.Q(status="extracted")
        | models.Q(reviewed_by__isnull=False)
        | models.Q(version__gt=1)
        | models.Q(extraction_method="manual")
    )
    curated_ids = list(curated.values_list("pk", flat=True)[:20])
    if curated_ids:
        raise RuntimeError(
            f"Curated claims with a figure beyond ±{LARGEST:g} (ids {curated_ids}): correct "
            "their figures in the admin, then migrate again."
        )
    rows.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("claims", "0009_claim_review_queue_by_confidence_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="claim",
            name="lower",
            field=models.FloatField(
                blank=True, null=True, validators=[claims.models.validate_figure]
            ),
        ),
        migrations.AlterField(
            model_name="claim",
            name="upper",
            field=models.FloatField(
                blank=True, null=True, validators=[claims.models.validate_figure]
            ),
        ),
        migrations.AlterField(
            model_name="claim",
            name="value",
            field=models.FloatField(
                blank=True, null=True, validators=[claims.models.validate_figure]
            ),
        ),
        migrations.AlterField(
            model_name="historicalclaim",
            name="lower",
            field=models.FloatField(
                blank=True, null=True, validators=[claims.models.validate_figure]
            ),
        ),
        migrations.AlterField(
            model_name="historicalclaim",
            name="upper",
            field=models.FloatField(
                blank=True, null=True, validators=[claims.models.validate_figure]
            ),
        ),
        migrations.AlterField(
            model_name="historicalclaim",
            name="value",
            field=models.FloatField(
                blank=True, null=True, validators=[claims.models.validate_figure]
            ),
        ),
        migrations.RunPython(drop_machine_figures_beyond_bounds, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("value__isnull", True),
                        models.Q(
                            ("value__gte", -1000000000000000.0), ("value__lte", 1000000000000000.0)
                        ),
                        _connector="OR",
                    ),
                    models.Q(
                        ("lower__isnull", True),
                        models.Q(
                            ("lower__gte", -1000000000000000.0), ("lower__lte", 1000000000000000.0)
                        ),
                        _connector="OR",
                    ),
                    models.Q(
                        ("upper__isnull", True),
                        models.Q(
                            ("upper__gte", -1000000000000000.0), ("upper__lte", 1000000000000000.0)
                        ),
                        _connector="OR",
                    ),
                ),
                name="claim_figures_finite",
            ),
        ),
    ]
