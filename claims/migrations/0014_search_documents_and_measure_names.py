"""Search that finds the story: measures named in Arabic and English; the claim search document
in three weighted parts (own words A, names B, title D) with speakers', measures' and outlets'
names and their transliterations; PostgreSQL's tsvector rebuilt with the weights.

On PostgreSQL the old generated column is dropped first, so that filling the new parts of a
million claims does not recompute and re-index it row by row, and the new one is added last.
"""

from django.db import migrations, models

OLD_VECTOR = "to_tsvector('arabic'::regconfig, search_text) || to_tsvector('english'::regconfig, search_text)"
NEW_VECTOR = (
    "setweight(to_tsvector('simple'::regconfig, search_text), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, search_names), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, search_title), 'D')"
)
BATCH = 2000


def _postgres(schema_editor) -> bool:
    return schema_editor.connection.vendor == "postgresql"


def _add_vector(schema_editor, expression: str) -> None:
    # The updates before left deferred foreign-key checks queued: ALTER TABLE waits for none.
    schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    schema_editor.execute(
        "ALTER TABLE claims_claim ADD COLUMN search_vector tsvector "
        f"GENERATED ALWAYS AS ({expression}) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX claim_search_vector_idx ON claims_claim USING gin (search_vector)"
    )


def _drop_vector(schema_editor) -> None:
    schema_editor.execute("DROP INDEX IF EXISTS claim_search_vector_idx")
    schema_editor.execute("ALTER TABLE claims_claim DROP COLUMN IF EXISTS search_vector")


def drop_old_vector(apps, schema_editor):
    if _postgres(schema_editor):
        _drop_vector(schema_editor)


def restore_old_vector(apps, schema_editor):
    if _postgres(schema_editor):
        _add_vector(schema_editor, OLD_VECTOR)


def add_new_vector(apps, schema_editor):
    if _postgres(schema_editor):
        _add_vector(schema_editor, NEW_VECTOR)


def drop_new_vector(apps, schema_editor):
    if _postgres(schema_editor):
        _drop_vector(schema_editor)


def _write(schema_editor, rows: list[tuple]) -> None:
    """(id, search_text, search_names, search_title) rows into the claims table, one statement
    per batch."""
    with schema_editor.connection.cursor() as cursor:
        if _postgres(schema_editor):
            values = ", ".join(["(%s::bigint, %s, %s, %s)"] * len(rows))
            cursor.execute(
                "UPDATE claims_claim AS c "
                "SET search_text = v.t, search_names = v.n, search_title = v.d "
                f"FROM (VALUES {values}) AS v(id, t, n, d) WHERE c.id = v.id",
                [item for row in rows for item in row],
            )
        else:
            cursor.executemany(
                "UPDATE claims_claim SET search_text = %s, search_names = %s, search_title = %s "
                "WHERE id = %s",
                [(text, names, title, pk) for pk, text, names, title in rows],
            )


def _names_of_rows(apps) -> dict[str, dict[int, str]]:
    """Each speaker's and measure's search_names, computed and stored; the outlets' (articles
    0002): {"speaker": {id: names}, "measure": …, "outlet": …}."""
    from articles.transliteration import names_document

    stored: dict[str, dict[int, str]] = {}
    for name in ("Speaker", "Measure"):
        model = apps.get_model("claims", name)
        rows = list(model.objects.all())
        aliases: dict[int, list[str]] = {}
        if name == "Speaker":
            alias_model = apps.get_model("claims", "SpeakerAlias")
            for speaker_id, alias in alias_model.objects.values_list("speaker_id", "name"):
                aliases.setdefault(speaker_id, []).append(alias)
        for row in rows:
            names = [row.name, *aliases.get(row.pk, [])]
            if name == "Measure":
                names += [row.name_ar, row.name_en]
            row.search_names = names_document(*names)
        model.objects.bulk_update(rows, ["search_names"], batch_size=1000)
        stored[name.lower()] = {row.pk: row.search_names for row in rows}
    Outlet = apps.get_model("articles", "Outlet")
    stored["outlet"] = dict(Outlet.objects.values_list("pk", "search_names"))
    return stored


def fill_documents(apps, schema_editor):
    """Every claim's three parts, in one pass of one UPDATE per batch of claims (a second pass
    over a million rows would rewrite each row and its indexes twice)."""
    # The live modules on purpose: the stored words must be those queries produce.
    from claims.search import joined_names, search_document

    names = _names_of_rows(apps)
    Claim = apps.get_model("claims", "Claim")
    ClaimRelay = apps.get_model("claims", "ClaimRelay")
    Article = apps.get_model("articles", "Article")
    claims = Claim.objects.order_by().values_list(
        "id",
        "quote",
        "counted",
        "speaker_text",
        "article_id",
        "speaker_id",
        "measure_id",
        "outlet_id",
    )
    # SQLite gives no isolation between a cursor and writes on one connection: read first.
    rows = claims.iterator(chunk_size=BATCH) if _postgres(schema_editor) else list(claims)
    batch: list[tuple] = []

    def write(batch: list[tuple]) -> None:
        ids = [row[0] for row in batch]
        relays: dict[int, list[str]] = {}
        for claim_id, outlet_id in (
            ClaimRelay.objects.filter(claim_id__in=ids)
            .order_by("claim_id", "position")
            .values_list("claim_id", "outlet_id")
        ):
            relays.setdefault(claim_id, []).append(names["outlet"].get(outlet_id, ""))
        titles = {
            pk: search_document(title)
            for pk, title in Article.objects.filter(pk__in={row[4] for row in batch}).values_list(
                "pk", "title"
            )
        }
        documents = []
        for pk, quote, counted, speaker_text, article_id, speaker, measure, outlet in batch:
            part_b = joined_names(
                names["speaker"].get(speaker),
                names["measure"].get(measure),
                names["outlet"].get(outlet),
                *relays.get(pk, []),
            )
            documents.append(
                (pk, search_document(quote, counted, speaker_text), part_b, titles[article_id])
            )
        _write(schema_editor, documents)

    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            write(batch)
            batch = []
    if batch:
        write(batch)


def fill_old_documents(apps, schema_editor):
    """Back to one search_text of quote, counted, speaker, speaker as written and title."""
    from claims.search import search_document

    Claim = apps.get_model("claims", "Claim")
    batch = []
    claims = Claim.objects.select_related("article", "speaker").only(
        "quote", "counted", "speaker_text", "speaker__name", "article__title"
    )
    for claim in claims.iterator(chunk_size=BATCH):
        speaker = claim.speaker.name if claim.speaker else ""
        claim.search_text = search_document(
            claim.quote, claim.counted, speaker, claim.speaker_text, claim.article.title
        ).strip()
        batch.append(claim)
        if len(batch) >= BATCH:
            Claim.objects.bulk_update(batch, ["search_text"])
            batch = []
    if batch:
        Claim.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_outlet_search_names"),
        ("claims", "0013_verdict_ratings_compatible_and_different_questions"),
    ]

    operations = [
        migrations.RunPython(drop_old_vector, restore_old_vector),
        migrations.AddField(
            model_name="claim",
            name="search_names",
            field=models.TextField(
                blank=True,
                editable=False,
                help_text="Names of the speaker, measure, outlet and relays, with transliterations.",
            ),
        ),
        migrations.AddField(
            model_name="claim",
            name="search_title",
            field=models.TextField(
                blank=True, editable=False, help_text="Stemmed words of the article's title."
            ),
        ),
        migrations.AddField(
            model_name="historicalmeasure",
            name="name_ar",
            field=models.CharField(blank=True, max_length=300, verbose_name="name (Arabic)"),
        ),
        migrations.AddField(
            model_name="historicalmeasure",
            name="name_en",
            field=models.CharField(blank=True, max_length=300, verbose_name="name (English)"),
        ),
        migrations.AddField(
            model_name="measure",
            name="name_ar",
            field=models.CharField(blank=True, max_length=300, verbose_name="name (Arabic)"),
        ),
        migrations.AddField(
            model_name="measure",
            name="name_en",
            field=models.CharField(blank=True, max_length=300, verbose_name="name (English)"),
        ),
        migrations.AddField(
            model_name="measure",
            name="search_names",
            field=models.TextField(
                blank=True,
                editable=False,
                help_text="Words and transliteration keys of every name, for search (derived).",
            ),
        ),
        migrations.AddField(
            model_name="speaker",
            name="search_names",
            field=models.TextField(
                blank=True,
                editable=False,
                help_text="Words and transliteration keys of every name, for search (derived).",
            ),
        ),
        migrations.AlterField(
            model_name="claim",
            name="search_text",
            field=models.TextField(
                blank=True,
                editable=False,
                help_text="Stemmed words of the quote, what is counted and the speaker as written.",
            ),
        ),
        migrations.AlterField(
            model_name="historicalmeasure",
            name="name",
            field=models.CharField(
                db_index=True,
                help_text="How editors refer to the measure (unique); pages show the name below in their language when there is one.",
                max_length=300,
            ),
        ),
        migrations.AlterField(
            model_name="measure",
            name="name",
            field=models.CharField(
                help_text="How editors refer to the measure (unique); pages show the name below in their language when there is one.",
                max_length=300,
                unique=True,
            ),
        ),
        migrations.RunPython(fill_documents, fill_old_documents, elidable=True),
        migrations.RunPython(add_new_vector, drop_new_vector),
    ]
