"""Claim search text (with a GIN-indexed arabic+english tsvector on PostgreSQL) and filter indexes."""

from django.db import migrations, models

SEARCH_VECTOR = "to_tsvector('arabic'::regconfig, search_text) || to_tsvector('english'::regconfig, search_text)"
POSTGRES_FORWARD = [
    "ALTER TABLE claims_claim ADD COLUMN search_vector tsvector "
    f"GENERATED ALWAYS AS ({SEARCH_VECTOR}) STORED",
    "CREATE INDEX claim_search_vector_idx ON claims_claim USING gin (search_vector)",
    # Type-ahead matches alias prefixes with LIKE 'x%': needs a pattern opclass outside the C locale.
    "CREATE INDEX speaker_alias_prefix_idx ON claims_speakeralias (normalized varchar_pattern_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS speaker_alias_prefix_idx",
    "DROP INDEX IF EXISTS claim_search_vector_idx",
    "ALTER TABLE claims_claim DROP COLUMN IF EXISTS search_vector",
]


def add_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_FORWARD:
            schema_editor.execute(statement)


def drop_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_BACKWARD:
            schema_editor.execute(statement)


def fill_search_text(apps, schema_editor):
    # Uses the live module on purpose: the search document must match what queries produce.
    from claims.search import search_document

    Claim = apps.get_model("claims", "Claim")
    batch = []
    claims = Claim.objects.select_related("article", "speaker").only(
        "quote", "counted", "speaker_text", "speaker__name", "article__title"
    )
    for claim in claims.iterator(chunk_size=2000):
        claim.search_text = search_document(
            claim.quote,
            claim.counted,
            claim.speaker.name if claim.speaker else "",
            claim.speaker_text,
            claim.article.title,
        )
        batch.append(claim)
        if len(batch) >= 2000:
            Claim.objects.bulk_update(batch, ["search_text"])
            batch = []
    if batch:
        Claim.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("claims", "0004_speaker_links_and_merges"),
    ]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="search_text",
            field=models.TextField(
                blank=True,
                editable=False,
                help_text=(
                    "Normalized, light-stemmed terms of quote, counted, speaker and title (search)."
                ),
            ),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["value", "id"], name="claim_value_id_idx"),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["measure", "-id"], name="claim_measure_id_idx"),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["updated_at"], name="claim_updated_idx"),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                fields=["outlet", "published_on", "id"], name="claim_outlet_date_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                fields=["speaker", "published_on", "id"], name="claim_speaker_date_idx"
            ),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(add_search_vector, drop_search_vector),
    ]
