"""Generated articles and claims written into the database, fast: the benchmark's data.

On PostgreSQL rows go in through psycopg 3 COPY, chunk by chunk, on a writer thread while the
next chunk is composed; on SQLite through bulk_create. Generated rows get no
django-simple-history records: history is for editors' changes, and a million "created" records
would only measure the history table.
"""

from __future__ import annotations

import functools
import itertools
import queue
import random
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from articles.models import Article, Outlet
from articles.normalization import normalize_for_matching
from articles.transliteration import names_document
from bench.datagen.composition import ComposedArticle, ComposedClaim, compose_article
from bench.datagen.vocabulary import Vocabulary
from claims.models import (
    Claim,
    ClaimRelay,
    ExtractionMethod,
    Measure,
    Speaker,
    SpeakerAlias,
    Status,
    article_fields,
)
from claims.search import joined_names


@dataclass
class GenerationReport:
    articles: int = 0
    claims: int = 0
    relays: int = 0
    outlets: int = 0
    speakers: int = 0
    measures: int = 0
    seconds: float = 0.0
    index_seconds: float = 0.0

    @property
    def summary(self) -> str:
        rate = self.claims / self.seconds if self.seconds else 0
        return (
            f"{self.articles} articles, {self.claims} claims, {self.relays} relays, "
            f"{self.outlets} outlets, {self.speakers} speakers, {self.measures} measures "
            f"in {self.seconds:.1f} s ({rate:,.0f} claims/s"
            + (
                f", of which {self.index_seconds:.1f} s building indexes)"
                if self.index_seconds
                else ")"
            )
        )


APP_TABLES = [
    ClaimRelay,
    Claim,
    SpeakerAlias,
    Speaker,
    Measure,
    Article,
    Outlet,
]


def reset_tables() -> None:
    """Empty the articles and claims tables (and their history); users and groups stay."""
    from django.apps import apps

    models = [
        m
        for m in apps.get_models()
        if m._meta.app_label in ("articles", "claims") and not m._meta.proxy
    ]
    tables = [m._meta.db_table for m in models]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        else:
            # Children before parents; foreign keys are checked per statement on SQLite.
            ordered = [m._meta.db_table for m in APP_TABLES]
            ordered = [t for t in tables if t not in ordered] + ordered
            for table in ordered:
                cursor.execute(f'DELETE FROM "{table}"')
            placeholders = ", ".join("%s" for _ in tables)
            cursor.execute(f"DELETE FROM sqlite_sequence WHERE name IN ({placeholders})", tables)


def _ensure_vocabulary(vocabulary: Vocabulary) -> tuple[list[int], list[int], list[int]]:
    """Database ids of the vocabulary's outlets, speakers and measures, created when missing."""
    existing = {o.name: o.pk for o in Outlet.objects.all()}
    new_outlets = [
        Outlet(name=ar, name_ar=ar, name_en=en, kind=kind, country=country)
        for ar, en, kind, country in vocabulary.outlets
        if ar not in existing
    ]
    for outlet in new_outlets:  # bulk_create skips save(), which fills search_names
        outlet.search_names = outlet.names_document()
    for outlet in Outlet.objects.bulk_create(new_outlets, batch_size=500):
        existing[outlet.name] = outlet.pk
    outlet_ids = [existing[ar] for ar, *_ in vocabulary.outlets]

    speakers_by_name = dict(Speaker.objects.values_list("name", "pk"))
    new_speakers = [
        Speaker(
            name=s.name, kind=s.kind, role=s.role, search_names=names_document(s.name, *s.aliases)
        )
        for s in vocabulary.speakers
        if s.name not in speakers_by_name
    ]
    created = Speaker.objects.bulk_create(new_speakers, batch_size=1000)
    for speaker in created:
        speakers_by_name[speaker.name] = speaker.pk
    specs = {s.name: s for s in vocabulary.speakers}
    aliases = [
        SpeakerAlias(speaker_id=speaker.pk, name=name, normalized=normalize_for_matching(name))
        for speaker in created
        for name in dict.fromkeys((speaker.name, *specs[speaker.name].aliases))
    ]
    # Two spellings may normalize alike (احمد / أحمد): one alias row per matching key.
    unique_aliases = {(a.speaker_id, a.normalized): a for a in aliases}
    SpeakerAlias.objects.bulk_create(unique_aliases.values(), batch_size=2000)
    speaker_ids = [speakers_by_name[s.name] for s in vocabulary.speakers]

    measures_by_name = dict(Measure.objects.values_list("name", "pk"))
    new_measures = [
        Measure(
            name=m.name,
            unit=m.counted.unit,
            period=m.period,
            description=f"{m.counted.en} ({m.counted.ar_singular}), {m.place[1]} ({m.place[0]})",
        )
        for m in vocabulary.measures
        if m.name not in measures_by_name
    ]
    for measure in new_measures:
        measure.search_names = measure.names_document()
    for measure in Measure.objects.bulk_create(new_measures, batch_size=2000):
        measures_by_name[measure.name] = measure.pk
    measure_ids = [measures_by_name[m.name] for m in vocabulary.measures]
    return outlet_ids, speaker_ids, measure_ids


ARTICLE_COLUMNS = [
    "id",
    "outlet_id",
    "title",
    "body",
    "language",
    "url",
    "published_on",
    "source_name",
    "content_hash",
    "imported_at",
]
CLAIM_COLUMNS = [
    "id",
    "article_id",
    "outlet_id",
    "language",
    "published_on",
    "speaker_id",
    "speaker_text",
    "measure_id",
    "value",
    "lower",
    "upper",
    "qualifier",
    "unit",
    "counted",
    "quote",
    "start",
    "end",
    "prefix",
    "suffix",
    "status",
    "extraction_method",
    "confidence",
    "note",
    "reviewed_at",
    "version",
    "created_at",
    "updated_at",
]
RELAY_COLUMNS = ["id", "claim_id", "outlet_id", "position"]


def search_document_cached() -> Callable[..., str] | None:
    """claims.search.search_document, memoised part by part (None before the dashboard).

    A document is its parts' terms in order, deduplicated; no term spans two parts, so each
    part's terms can be cached, and generated parts repeat (speakers, nouns, cues, numbers).
    """
    try:
        from claims.search import search_document  # noqa: F401 (the definition mirrored here)
    except ImportError:
        return None
    from articles.normalization import search_terms

    terms = functools.lru_cache(maxsize=200_000)(lambda part: tuple(search_terms(part)))

    def document(*parts: str | None) -> str:
        words = " ".join(dict.fromkeys(itertools.chain.from_iterable(terms(p) for p in parts if p)))
        return f" {words} " if words else ""

    return document


def extra_columns(model, known: list[str]) -> dict[str, Callable[[dict], object]]:
    """Columns later migrations add (search text, say) with a way to fill them from a row.

    A claim row carries `_title` and `_names` (its names document, see _Names) beside its
    columns for the search document.
    """
    fill: dict[str, Callable[[dict], object]] = {}
    for f in model._meta.concrete_fields:
        if f.column in known or getattr(f, "generated", False) or f.column == "reviewed_by_id":
            continue
        document = search_document_cached() if model is Claim else None
        if document and f.column == "search_text":
            # The document Claim.save() stores (claims.search): the claim's own words, its
            # article's title, the names of its speaker, measure and outlets.
            fill[f.column] = lambda row, d=document: d(
                row["quote"], row["counted"], row["speaker_text"]
            )
        elif document and f.column == "search_title":
            fill[f.column] = lambda row, d=document: d(row["_title"])
        elif document and f.column == "search_names":
            fill[f.column] = lambda row: row["_names"]
        elif f.has_db_default() or f.null:
            continue
        elif f.has_default():
            default = f.get_default()
            fill[f.column] = lambda row, default=default: default
        elif f.get_internal_type() in ("TextField", "CharField"):
            fill[f.column] = lambda row: ""
    return fill


def generate(
    *,
    articles: int,
    claims_per_article: int,
    seed: int = 1,
    reset: bool = False,
    chunk: int = 2000,
    progress: Callable[[int], Callable[[int], None]] | None = None,
) -> GenerationReport:
    """Write `articles` generated articles with `claims_per_article` claims each.

    `progress(total)` returns a callback given the number of claims written after each chunk.
    """
    clock = _clock()
    if reset:
        reset_tables()
    vocabulary = Vocabulary.build(seed)
    rows = _Rows(vocabulary, *_ensure_vocabulary(vocabulary), seed=seed)
    report = GenerationReport(
        outlets=len(rows.outlet_ids), speakers=len(rows.speaker_ids), measures=len(rows.measure_ids)
    )
    tick = progress(articles * claims_per_article) if progress else (lambda n: None)
    rng = random.Random(seed)
    # The article number continues from the rows already there, so appending never repeats a text.
    first_number = rows.next_article
    # A bulk load into empty tables is faster without the secondary indexes: COPY, then build
    # each index once (what pg_restore does). Constraint indexes stay: they check the rows.
    dropped = (
        _drop_secondary_indexes()
        if reset and articles * claims_per_article >= BULK_LOAD_ROWS
        else []
    )
    writer = _ChunkWriter(threaded=connection.vendor == "postgresql")
    try:
        written = 0
        while written < articles:
            size = min(chunk, articles - written)
            composed = (
                compose_article(vocabulary, rng, first_number + written + n, claims_per_article)
                for n in range(size)
            )
            writes = rows.chunk(composed)
            writer.put(writes)
            written += size
            report.articles += size
            report.claims += len(writes[1][2])
            report.relays += len(writes[2][2])
            tick(len(writes[1][2]))
        writer.close()
    finally:
        writer.stop()
        report.index_seconds = _create_indexes(dropped)
    _finish()
    report.seconds = clock()
    return report


class _Rows:
    """Turns composed articles into table rows with explicit ids that continue the tables'."""

    def __init__(
        self,
        vocabulary: Vocabulary,
        outlet_ids: list[int],
        speaker_ids: list[int],
        measure_ids: list[int],
        *,
        seed: int,
    ) -> None:
        self.seed = seed
        self.started = timezone.now()
        self.outlet_ids, self.speaker_ids, self.measure_ids = outlet_ids, speaker_ids, measure_ids
        self.names = _Names()
        self.next_article = _next_id(Article)
        self.next_claim = _next_id(Claim)
        self.next_relay = _next_id(ClaimRelay)
        self.article_extra = extra_columns(Article, ARTICLE_COLUMNS)
        self.claim_extra = extra_columns(Claim, CLAIM_COLUMNS)
        self.article_columns = ARTICLE_COLUMNS + list(self.article_extra)
        self.claim_columns = CLAIM_COLUMNS + list(self.claim_extra)

    def chunk(self, composed: Iterable[ComposedArticle]) -> list[tuple]:
        """(model, columns, rows) for the articles, their claims and the claims' relays."""
        articles: list[list] = []
        claims: list[list] = []
        relays: list[tuple] = []
        for article in composed:
            row = self.article(article)
            articles.append([row[column] for column in self.article_columns])
            # The one definition of what a claim copies from its article (claims.models).
            copied = article_fields(Article(**row))
            for c in article.claims:
                claim = self.claim(article, c, row, copied)
                claims.append([claim[column] for column in self.claim_columns])
                if c.relay is not None and self.outlet_ids[c.relay] != row["outlet_id"]:
                    relays.append((self.next_relay, claim["id"], self.outlet_ids[c.relay], 1))
                    self.next_relay += 1
        return [
            (Article, self.article_columns, articles),
            (Claim, self.claim_columns, claims),
            (ClaimRelay, RELAY_COLUMNS, relays),
        ]

    def article(self, composed: ComposedArticle) -> dict:
        article_id = self.next_article
        self.next_article += 1
        row = {
            "id": article_id,
            "outlet_id": (
                self.outlet_ids[composed.outlet] if composed.outlet is not None else None
            ),
            "title": composed.title,
            "body": composed.body,
            "language": composed.language,
            "url": f"https://example.org/{article_id}",
            "published_on": composed.published_on,
            "source_name": f"generated-{self.seed}-{article_id}.txt",
            "content_hash": composed.content_hash,
            "imported_at": self.started,
        }
        for column, fill in self.article_extra.items():
            row[column] = fill(row)
        return row

    def claim(
        self, composed: ComposedArticle, c: ComposedClaim, article: dict, copied: dict
    ) -> dict:
        """A claim row; `copied` holds the article fields every claim carries a copy of."""
        body = composed.body
        row = {
            "id": self.next_claim,
            "article_id": article["id"],
            **copied,
            "speaker_id": self.speaker_ids[c.speaker] if c.speaker is not None else None,
            "speaker_text": c.speaker_text,
            "measure_id": self.measure_ids[c.measure] if c.measure is not None else None,
            "value": c.value,
            "lower": c.lower,
            "upper": c.upper,
            "qualifier": c.qualifier,
            "unit": c.unit,
            "counted": c.counted,
            "quote": c.quote,
            "start": c.start,
            "end": c.end,
            "prefix": body[max(0, c.start - 64) : c.start],
            "suffix": body[c.end : c.end + 64],
            "status": c.status,
            "extraction_method": ExtractionMethod.RULES,
            "confidence": c.confidence,
            "note": "",
            "reviewed_at": self.started if c.status != Status.EXTRACTED else None,
            "version": 1 if c.status == Status.EXTRACTED else 2,
            "created_at": self.started,
            "updated_at": self.started,
            "_title": composed.title,
            "_names": self.names(
                self.speaker_ids[c.speaker] if c.speaker is not None else None,
                self.measure_ids[c.measure] if c.measure is not None else None,
                article["outlet_id"],
                self.outlet_ids[c.relay]
                if c.relay is not None and self.outlet_ids[c.relay] != article["outlet_id"]
                else None,
            ),
        }
        self.next_claim += 1
        for column, fill in self.claim_extra.items():
            row[column] = fill(row)
        return row


class _Names:
    """A claim's names document from its speaker, measure, outlet and relay: the stored
    `search_names` of each, concatenated as claims.search.names_expression does in SQL."""

    def __init__(self) -> None:
        self.stored = {
            model: dict(model.objects.values_list("pk", "search_names"))
            for model in (Speaker, Measure, Outlet)
        }

    def __call__(self, speaker: int | None, measure: int | None, *outlets: int | None) -> str:
        rows = ((Speaker, speaker), (Measure, measure), *((Outlet, o) for o in outlets))
        return joined_names(*(self.stored[model].get(pk) for model, pk in rows))


def _next_id(model) -> int:
    return (model.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1


class _ChunkWriter:
    """Writes chunks on its own thread and connection while the next chunk is composed.

    PostgreSQL parses, checks and indexes one chunk while Python builds the next: on two cores
    that overlaps most of the generator's Python time. On SQLite (one writer) it writes inline.
    """

    def __init__(self, *, threaded: bool) -> None:
        self.error: BaseException | None = None
        self.thread: threading.Thread | None = None
        if threaded:
            self.queue: queue.Queue = queue.Queue(maxsize=1)
            self.thread = threading.Thread(target=self._run, name="generate-writer", daemon=True)
            self.thread.start()

    def put(self, writes: list[tuple]) -> None:
        if self.thread is None:
            self._apply(writes)
            return
        if self.error is not None:
            raise self.error
        self.queue.put(writes)

    def close(self) -> None:
        """Wait for every chunk to be written; raise what the writer met."""
        self.stop()
        if self.error is not None:
            raise self.error

    def stop(self) -> None:
        if self.thread is not None and self.thread.is_alive():
            self.queue.put(None)
            self.thread.join()

    @staticmethod
    def _apply(writes: list[tuple]) -> None:
        for model, columns, rows in writes:
            write_rows(model, columns, rows)

    def _run(self) -> None:
        try:
            while (writes := self.queue.get()) is not None:
                if self.error is None:
                    try:
                        self._apply(writes)
                    except BaseException as error:  # handed to the main thread
                        self.error = error
        finally:
            connection.close()  # this thread's own connection


BULK_LOAD_ROWS = 200_000
INDEXED_TABLES = [Article, Claim, ClaimRelay]


def _drop_secondary_indexes() -> list[str]:
    """Drop the PostgreSQL indexes no constraint needs; returns the statements recreating them."""
    if connection.vendor != "postgresql":
        return []
    statements: list[str] = []
    with connection.cursor() as cursor:
        for model in INDEXED_TABLES:
            table = model._meta.db_table
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s "
                "AND i.schemaname = current_schema() AND NOT EXISTS (SELECT 1 FROM pg_constraint "
                "c WHERE c.conname = i.indexname AND c.conrelid = %s::regclass)",
                [table, table],
            )
            for name, definition in cursor.fetchall():
                cursor.execute(f'DROP INDEX "{name}"')
                statements.append(definition)
    return statements


def _create_indexes(statements: list[str]) -> float:
    clock = _clock()
    if statements:
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '256MB'")
            # bench/settings.py cancels statements after 20 s (a slow page is a finding); an
            # index over a million rows on a busy machine may take longer, and must not fail.
            cursor.execute("SET statement_timeout = 0")
            for statement in statements:
                cursor.execute(statement)
            cursor.execute("RESET statement_timeout")
            cursor.execute("RESET maintenance_work_mem")
    return clock() if statements else 0.0


def _clock() -> Callable[[], float]:
    import time

    start = time.perf_counter()
    return lambda: time.perf_counter() - start


def write_rows(model, columns: list[str], rows: Sequence[Sequence]) -> None:
    if not rows:
        return
    table = model._meta.db_table
    if connection.vendor == "postgresql":
        quoted = ", ".join(f'"{c}"' for c in columns)
        sql = f'COPY "{table}" ({quoted}) FROM STDIN'
        with transaction.atomic(), connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
    else:
        attnames = {f.column: f.attname for f in model._meta.concrete_fields}
        objects = [
            model(**{attnames[c]: v for c, v in zip(columns, row, strict=True)}) for row in rows
        ]
        with transaction.atomic():
            model.objects.bulk_create(objects, batch_size=500)


def _finish() -> None:
    """Sequences after explicit ids, and fresh planner statistics for the new rows."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for model in (Article, Claim, ClaimRelay):
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                    f'COALESCE((SELECT MAX(id) FROM "{table}"), 1))'
                )
            for model in (Article, Claim, ClaimRelay, Speaker, SpeakerAlias, Measure, Outlet):
                cursor.execute(f'ANALYZE "{model._meta.db_table}"')
        else:
            cursor.execute("ANALYZE")
