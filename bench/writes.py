"""Import and writes: article files imported end to end, extraction alone, and claim rows/s
through each write path (COPY, bulk_create, a save() loop), every write rolled back or removed."""

from __future__ import annotations

import functools
import hashlib
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from articles.importing import import_paths
from articles.models import Article, Outlet, OutletAlias
from bench.context import WRITES, Config, Run
from bench.datagen.composition import ComposedArticle, compose_articles
from bench.datagen.loading import CLAIM_COLUMNS, extra_columns, write_rows
from bench.datagen.vocabulary import Vocabulary
from bench.timing import Result
from claims.extraction import extract_claims
from claims.models import Claim, Speaker, SpeakerAlias, article_fields

WRITE_TARGET = "≥50k rows/s"

# ---------------------------------------------------------------------------------------------
# Import and extraction


@functools.cache
def _import_articles(seed: int, articles: int, claims_per_article: int) -> list[ComposedArticle]:
    """Articles the benchmark database doesn't hold (another seed, numbers far past its own)."""
    return list(compose_articles(seed, articles, claims_per_article, first_number=10_000_000))


def _composed(config: Config) -> list[ComposedArticle]:
    return _import_articles(config.seed + 1000, config.import_articles, config.claims_per_article)


def time_import(run: Run) -> None:
    """Step: import_paths over a folder of article files with a manifest, with extraction."""
    print("import, extraction and the write path")
    composed = _composed(run.config)
    with tempfile.TemporaryDirectory() as folder:
        _write_files(Path(folder), composed, Vocabulary.build(run.config.seed + 1000))
        before = {
            model: model.objects.aggregate(m=Max("id"))["m"] or 0
            for model in (Article, Speaker, SpeakerAlias, Outlet, OutletAlias)
        }
        start = time.perf_counter()
        report = import_paths([Path(folder)])
        seconds = time.perf_counter() - start
        _remove_imported(before)
    rate = report.new / seconds if seconds else 0
    run.add(
        WRITES,
        Result(
            case=f"import with extraction ({report.new} articles)",
            target="≥500 articles/s",
            met=rate >= 500,
            note=f"{rate:,.0f} articles/s, {report.claims:,} claims, {len(report.failed)} failed",
            extra={"articles_per_s": rate},
        ),
    )


def _write_files(folder: Path, composed: list[ComposedArticle], vocabulary: Vocabulary) -> None:
    """One .txt per article and the manifest.json the importer reads their metadata from."""
    manifest: dict = {"articles": {}}
    for i, article in enumerate(composed):
        name = f"{i:06d}.txt"
        (folder / name).write_text(article.body, encoding="utf-8")
        manifest["articles"][name] = {
            "outlet": (
                vocabulary.outlets[article.outlet][0] if article.outlet is not None else None
            ),
            "language": article.language,
            "published_on": article.published_on.isoformat() if article.published_on else None,
        }
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def _remove_imported(before: dict) -> None:
    """Leave the benchmark data as generated: remove what the import added."""
    new_articles = Article.objects.filter(id__gt=before[Article])
    Claim.history.filter(article_id__in=new_articles.values("id")).delete()
    new_articles.delete()
    for model in (SpeakerAlias, OutletAlias):
        model.objects.filter(id__gt=before[model]).delete()
    Speaker.objects.filter(id__gt=before[Speaker]).delete()
    Outlet.objects.filter(id__gt=before[Outlet], articles=None, published_claims=None).delete()


def time_extraction(run: Run) -> None:
    """Step: the extractor alone over the imported articles' text (KB/s of UTF-8)."""
    composed = _composed(run.config)
    kb = sum(len(a.body.encode("utf-8")) for a in composed) / 1024
    start = time.perf_counter()
    found = sum(len(list(extract_claims(a.body, language=a.language))) for a in composed)
    seconds = time.perf_counter() - start
    generated = max(1, sum(len(a.claims) for a in composed))
    run.add(
        WRITES,
        Result(
            case="extraction alone",
            note=f"{kb / seconds:,.0f} KB/s over {kb:,.0f} KB, "
            f"{found:,} candidates ({found / generated:.0%} of the generated figures)",
            extra={"kb_per_s": kb / seconds},
        ),
    )


# ---------------------------------------------------------------------------------------------
# Write paths: claim rows/s, each in a transaction rolled back


class _Rollback(Exception):
    pass


def _timed_write(
    run: Run, label: str, n: int, write: Callable[[list[dict]], None], target: str = ""
) -> None:
    """Time `write` over `n` claim rows of scratch articles, then roll everything back."""
    try:
        with transaction.atomic():
            rows = _claim_rows(_scratch_articles(max(1, n // 500)), n)
            start = time.perf_counter()
            write(rows)
            seconds = time.perf_counter() - start
            raise _Rollback
    except _Rollback:
        pass
    rate = n / seconds
    run.add(
        WRITES,
        Result(
            case=f"write path: {label}",
            note=f"{rate:,.0f} claim rows/s ({n:,} rows)",
            target=target,
            met=(rate >= 50_000) if target else None,
            extra={"rows_per_s": rate},
        ),
    )


def _scratch_articles(n: int) -> list[Article]:
    articles = [
        Article(
            title=f"scratch {i}",
            body="x" * 50,
            language="ar",
            content_hash=hashlib.sha256(f"bench-scratch-{i}".encode()).hexdigest(),
            source_name="bench",
        )
        for i in range(n)
    ]
    return Article.objects.bulk_create(articles)


def _claim_rows(articles: list[Article], n: int) -> list[dict]:
    """`n` claims' fields (as Claim(**row) takes them), spread over the articles."""
    per = max(1, n // len(articles) + 1)
    rows = []
    for article in articles:
        for j in range(per):
            if len(rows) == n:
                return rows
            rows.append(
                {
                    "article": article,
                    "start": j * 10,
                    "end": j * 10 + 5,
                    "quote": "نحو 1600 مرتزق",
                    "value": 1600.0,
                    "qualifier": "approx",
                    "status": "extracted",
                }
            )
    return rows


def time_copy(run: Run) -> None:
    """Step (PostgreSQL): COPY into the claims table, and into a bare copy of it."""
    if connection.vendor != "postgresql":
        return
    n = run.config.write_rows
    _timed_write(run, "COPY (psycopg 3)", n, copy_rows, target=WRITE_TARGET)
    _timed_write(run, "COPY into the table without indexes", n, copy_rows_into_bare_table)


def time_bulk_create(run: Run) -> None:
    """Step: bulk_create, as claims.ingest stores an article's candidates."""
    _timed_write(run, "bulk_create", run.config.write_rows, bulk_create_rows, WRITE_TARGET)


def time_save_loop(run: Run) -> None:
    """Step: one save() per row, as an editor's change goes (history records included)."""
    _timed_write(run, "save() per row (with history)", run.config.save_rows, save_rows)


def _copy_table(rows: list[dict]) -> tuple[list[str], list[list]]:
    """(columns, values) of the rows as the generator COPYs them, ids continuing the table's."""
    now = timezone.now()
    base = (Claim.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    defaults = {
        "speaker_id": None,
        "speaker_text": "",
        "measure_id": None,
        "lower": None,
        "upper": None,
        "unit": "",
        "counted": "",
        "prefix": "",
        "suffix": "",
        "extraction_method": "rules",
        "confidence": 1.0,
        "note": "",
        "reviewed_at": None,
        "version": 1,
        "created_at": now,
        "updated_at": now,
    }
    extra = extra_columns(Claim, CLAIM_COLUMNS)
    columns = CLAIM_COLUMNS + list(extra)
    out = []
    for i, r in enumerate(rows):
        values = {
            **defaults,
            "id": base + i,
            "article_id": r["article"].pk,
            **article_fields(r["article"]),
            "_names": "",  # no speaker, measure or relay; the article's outlet is not named
            "_title": r["article"].title,
            **{k: v for k, v in r.items() if k != "article"},
        }
        for column, fill in extra.items():
            values[column] = fill(values)
        out.append([values[c] for c in columns])
    return columns, out


def copy_rows(rows: list[dict]) -> None:
    columns, values = _copy_table(rows)
    write_rows(Claim, columns, values)


def copy_rows_into_bare_table(rows: list[dict]) -> None:
    """The same rows into a copy of the table without its indexes, constraints and triggers:
    what COPY itself costs, apart from keeping the indexes."""
    columns, values = _copy_table(rows)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS bench_bare_claim "
            "(LIKE claims_claim INCLUDING DEFAULTS)"
        )
        quoted = ", ".join(f'"{c}"' for c in columns)
        with cursor.cursor.copy(f"COPY bench_bare_claim ({quoted}) FROM STDIN") as sink:
            for row in values:
                sink.write_row(row)


def bulk_create_rows(rows: list[dict]) -> None:
    claims = [Claim(**r) for r in rows]
    for claim in claims:
        claim.copy_article_fields()  # what claims.ingest does before bulk_create
        claim.refresh_search_text()
    Claim.objects.bulk_create(claims, batch_size=2000)


def save_rows(rows: list[dict]) -> None:
    for r in rows:
        Claim(**r).save()
