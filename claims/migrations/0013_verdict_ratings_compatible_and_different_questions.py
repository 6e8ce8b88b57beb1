"""Verdict ratings "figures compatible" (6) and "different questions" (7) beside the 1–5 scale.

Reversible while no verdict uses them: going back refuses, with a message, rather than lose
an editor's rating (the old 1–5 constraint would reject those rows).
"""

from django.conf import settings
from django.db import migrations, models


def refuse_if_new_ratings_used(apps, schema_editor):
    Verdict = apps.get_model("claims", "Verdict")
    used = Verdict.objects.filter(rating__gt=5).count()
    if used:
        raise RuntimeError(
            f"{used} verdict(s) are rated 'figures compatible' or 'different questions': "
            "re-rate them on the 1–5 scale before reversing this migration."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0012_spread_of_reviewed_figures"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="verdict",
            name="verdict_rating_1_5",
        ),
        migrations.RunPython(migrations.RunPython.noop, refuse_if_new_ratings_used),
        migrations.AlterField(
            model_name="historicalverdict",
            name="rating",
            field=models.PositiveSmallIntegerField(
                choices=[
                    (1, "false"),
                    (2, "mostly false"),
                    (3, "mixed / disputed"),
                    (4, "mostly true"),
                    (5, "true"),
                    (6, "figures compatible"),
                    (7, "different questions"),
                ]
            ),
        ),
        migrations.AlterField(
            model_name="verdict",
            name="rating",
            field=models.PositiveSmallIntegerField(
                choices=[
                    (1, "false"),
                    (2, "mostly false"),
                    (3, "mixed / disputed"),
                    (4, "mostly true"),
                    (5, "true"),
                    (6, "figures compatible"),
                    (7, "different questions"),
                ]
            ),
        ),
        migrations.AddConstraint(
            model_name="verdict",
            constraint=models.CheckConstraint(
                condition=models.Q(("rating__in", [1, 2, 3, 4, 5, 6, 7])),
                name="verdict_rating_known",
            ),
        ),
    ]
