"""SpeakerLink's pair gets real names (first_speaker/second_speaker, lower id first); deleting
an article no longer cascades curated claims away, nor a claim its verdicts; curation files
applied by load_curation are recorded so that they are applied once."""

import django.db.models.deletion
from django.db import migrations, models

import claims.models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("claims", "0006_measure_spread_covering_index"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="speakerlink", name="speaker_link_unique_pair"),
        migrations.RemoveConstraint(model_name="speakerlink", name="speaker_link_a_before_b"),
        migrations.RenameField(model_name="speakerlink", old_name="a", new_name="first_speaker"),
        migrations.RenameField(model_name="speakerlink", old_name="b", new_name="second_speaker"),
        migrations.RenameField(
            model_name="historicalspeakerlink", old_name="a", new_name="first_speaker"
        ),
        migrations.RenameField(
            model_name="historicalspeakerlink", old_name="b", new_name="second_speaker"
        ),
        migrations.AlterField(
            model_name="speakerlink",
            name="first_speaker",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="links_as_first",
                to="claims.speaker",
            ),
        ),
        migrations.AlterField(
            model_name="speakerlink",
            name="second_speaker",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="links_as_second",
                to="claims.speaker",
            ),
        ),
        migrations.AlterModelOptions(
            name="speakerlink", options={"ordering": ["first_speaker", "second_speaker"]}
        ),
        migrations.AddConstraint(
            model_name="speakerlink",
            constraint=models.UniqueConstraint(
                fields=("first_speaker", "second_speaker"), name="speaker_link_unique_pair"
            ),
        ),
        migrations.AddConstraint(
            model_name="speakerlink",
            constraint=models.CheckConstraint(
                condition=models.Q(("first_speaker__lt", models.F("second_speaker"))),
                name="speaker_link_a_before_b",
            ),
        ),
        migrations.AlterField(
            model_name="claim",
            name="article",
            field=models.ForeignKey(
                on_delete=claims.models.protect_curated_claims,
                related_name="claims",
                to="articles.article",
            ),
        ),
        migrations.AlterField(
            model_name="verdict",
            name="claim",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="verdicts",
                to="claims.claim",
            ),
        ),
        migrations.CreateModel(
            name="CurationLoad",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=300)),
                ("sha256", models.CharField(max_length=64, unique=True)),
                ("applied_at", models.DateTimeField(auto_now_add=True)),
                ("counts", models.JSONField(default=dict)),
            ],
            options={"ordering": ["-applied_at"]},
        ),
    ]
