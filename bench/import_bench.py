"""Import at scale: articles/s end to end with extraction, one article per transaction against
batches with 1 and 2 worker processes, and the claim write path's rows/s, all in one process.

Times `import_paths` over a folder of generated article files with a manifest (articles the
database does not hold: another seed, numbers far past its own), on the benchmark database with
its indexes; everything an import added is removed after each case. Each case prints articles/s
and where the time went (the extraction's CPU per article, summed over the workers; the waiting
for it; the transactions), and the machine's load before and after, since other work shares
the cores. The claim write path is `claims.ingest.store_candidate_batch` alone over extracted
candidates, rows/s with every index in place, rolled back.

A step of bench/run.py (`time_batched_import`, section "Import, extraction, write path"); or
alone, writing its own new file bench/results/<date>-import[-<label>][-<n>].md:

    DATABASE_URL=postgres://…/isnad_bench python bench/import_bench.py [--articles N] [--label L]

On a tree whose `import_paths` has no batches (before this benchmark existed) only the
one-article-per-transaction case runs, so the same file gives the "before" figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import inspect
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"

if __name__ in ("__main__", "__mp_main__"):  # run alone (or its import worker processes)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Max  # noqa: E402

from articles.importing import import_paths  # noqa: E402
from articles.models import Article, Outlet, OutletAlias  # noqa: E402
from bench.datagen.composition import ComposedArticle, compose_articles  # noqa: E402
from bench.datagen.vocabulary import Vocabulary  # noqa: E402
from bench.report import load_average, write_results  # noqa: E402
from claims.models import Claim, ClaimRelay, Speaker, SpeakerAlias  # noqa: E402

TARGET_ARTICLES = 500  # articles/s end to end with extraction (issue 10)
TARGET_ROWS = 50_000  # claim rows/s on the write path with the indexes in place
BATCHED = "batch_size" in inspect.signature(import_paths).parameters


@dataclass
class Measured:
    case: str
    articles: int
    claims: int
    seconds: float
    failed: int
    profile: dict[str, float]  # seconds: prepare_cpu, wait, store, start
    load_before: str
    load_after: str
    python_cpu: float = 0.0  # CPU seconds of this (the importing) process
    database_cpu: float = 0.0  # CPU seconds of this connection's PostgreSQL backend

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    def ms_per_article(self, part: str) -> str:
        if part not in self.profile or not self.articles:
            return ""
        return f"{1000 * self.profile[part] / self.articles:.2f}"

    def cpu_ms(self) -> tuple[float, float, float]:
        """CPU ms per article: extraction (wherever it ran), the rest of our Python, and
        PostgreSQL's backend; their sum bounds articles/s on idle cores."""
        n = max(1, self.articles)
        extraction = self.profile.get("prepare_cpu", 0.0)
        in_process = extraction if self.profile.get("wait", 0.0) == 0.0 else 0.0
        return (
            1000 * extraction / n,
            1000 * (self.python_cpu - in_process) / n,
            1000 * self.database_cpu / n,
        )


def backend_cpu() -> float:
    """CPU seconds this connection's PostgreSQL backend has used (it runs on this machine:
    /proc); 0 where that cannot be read."""
    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def compose(seed: int, count: int) -> list[ComposedArticle]:
    return list(compose_articles(seed, count, 10, first_number=10_000_000))


def write_folder(folder: Path, composed: list[ComposedArticle], seed: int) -> None:
    """One .txt per article and the manifest.json the importer reads their metadata from."""
    vocabulary = Vocabulary.build(seed)
    manifest: dict = {"articles": {}}
    for i, article in enumerate(composed):
        name = f"{i:06d}.txt"
        (folder / name).write_text(article.body, encoding="utf-8")
        manifest["articles"][name] = {
            "outlet": vocabulary.outlets[article.outlet][0] if article.outlet is not None else None,
            "language": article.language,
            "published_on": article.published_on.isoformat() if article.published_on else None,
        }
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


TRACKED = (Article, Claim, ClaimRelay, Speaker, SpeakerAlias, Outlet, OutletAlias)


def high_water() -> dict:
    return {model: model.objects.aggregate(m=Max("id"))["m"] or 0 for model in TRACKED}


def remove_imported(before: dict) -> None:
    """Leave the benchmark data as generated: remove what the import added, history too.

    Raw deletes (no collector): deleting claims through the ORM first sets to NULL every
    `repeats` pointing at them, a scan of the million-row table per chunk of claims."""
    with transaction.atomic():
        new_articles = Article.objects.filter(id__gt=before[Article])
        new_claims = Claim.objects.filter(id__gt=before[Claim])
        ClaimRelay.objects.filter(id__gt=before[ClaimRelay])._raw_delete(connection.alias)
        # What the import's measure suggestions wrote about the new claims (profiles,
        # suggestions, origin decisions …): every other table pointing at a claim.
        for relation in Claim._meta.related_objects:
            model = relation.related_model
            if model in (Claim, ClaimRelay) or not relation.field.concrete:
                continue
            if getattr(relation, "many_to_many", False):
                continue
            rows = model.objects.filter(**{f"{relation.field.attname}__gt": before[Claim]})
            rows._raw_delete(connection.alias)
        new_claims.update(repeats=None)
        new_claims._raw_delete(connection.alias)
        Claim.history.filter(id__gt=before[Claim])._raw_delete(connection.alias)
        Article.history.filter(id__gt=before[Article])._raw_delete(connection.alias)
        new_articles._raw_delete(connection.alias)
        for model in (SpeakerAlias, OutletAlias, Speaker, Outlet):
            if hasattr(model, "history"):
                model.history.filter(id__gt=before[model])._raw_delete(connection.alias)
            model.objects.filter(id__gt=before[model])._raw_delete(connection.alias)


def time_case(case: str, folder: Path, count: int, **options) -> Measured:
    """One import of the folder (then removed): articles/s and where the time went."""
    before = high_water()
    load_before = load_average()
    database_before, python_before = backend_cpu(), time.process_time()
    start = time.perf_counter()
    report = import_paths([folder], **options)
    seconds = time.perf_counter() - start
    python_cpu = time.process_time() - python_before
    database_cpu = backend_cpu() - database_before
    load_after = load_average()
    remove_imported(before)
    profile = dict(getattr(report, "seconds", {}))
    measured = Measured(
        case,
        report.new,
        report.claims,
        seconds,
        len(report.failed),
        profile,
        load_before,
        load_after,
        python_cpu,
        database_cpu,
    )
    print(
        f"  {case}: {measured.rate:,.0f} articles/s ({report.new} new of {count}, "
        f"{report.claims:,} claims, {len(report.failed)} failed) in {seconds:.1f} s; "
        f"load {load_before} → {load_after}; CPU ms/article extraction %.2f, our Python %.2f, "
        "PostgreSQL %.2f" % measured.cpu_ms()
    )
    return measured


def time_write_path(
    composed: list[ComposedArticle], batch: int = 200
) -> tuple[int, float, float, float]:
    """Claim rows/s through store_candidate_batch (speakers, relays, history, search names
    included), candidates extracted beforehand, in a transaction rolled back."""
    from articles.importing import content_hash, title_of
    from claims.extraction import candidates_for_import
    from claims.ingest import store_candidate_batch

    found = [candidates_for_import(a.body, a.language) for a in composed]
    rows, seconds = 0, 0.0
    try:
        with transaction.atomic():
            articles = Article.objects.bulk_create(
                Article(
                    title=title_of(a.body),
                    body=a.body,
                    language=a.language,
                    content_hash=content_hash(a.body),
                    source_name="bench-write-path",
                )
                for a in composed
            )
            database_before, python_before = backend_cpu(), time.process_time()
            start = time.perf_counter()
            for i in range(0, len(articles), batch):
                rows += sum(
                    store_candidate_batch(
                        list(zip(articles[i : i + batch], found[i : i + batch], strict=True))
                    )
                )
            seconds = time.perf_counter() - start
            python_cpu = time.process_time() - python_before
            database_cpu = backend_cpu() - database_before
            raise _Rollback
    except _Rollback:
        pass
    return rows, seconds, python_cpu, database_cpu


class _Rollback(Exception):
    pass


def time_copy_references(n: int) -> dict[str, tuple[float, float]]:
    """What PostgreSQL itself takes per claim row: COPY of minimal rows (bench/writes.py) into
    the claims table with its indexes, and into a bare copy without them; (rows/s, backend CPU
    µs per row), each rolled back."""
    from bench.writes import _claim_rows, _scratch_articles, copy_rows, copy_rows_into_bare_table

    out = {}
    for label, write in (("with indexes", copy_rows), ("bare table", copy_rows_into_bare_table)):
        try:
            with transaction.atomic():
                rows = _claim_rows(_scratch_articles(max(1, n // 500)), n)
                database_before = backend_cpu()
                start = time.perf_counter()
                write(rows)
                seconds = time.perf_counter() - start
                out[label] = (n / seconds, 1e6 * (backend_cpu() - database_before) / n)
                raise _Rollback
        except _Rollback:
            pass
    return out


def measure(articles: int, baseline_articles: int, batch_size: int, seed: int) -> dict:
    composed = compose(seed + 1000, articles)
    out: dict = {"cases": [], "articles": articles, "batch_size": batch_size}
    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / "small", Path(tmp) / "large"
        small.mkdir()
        large.mkdir()
        write_folder(small, composed[:baseline_articles], seed + 1000)
        write_folder(large, composed, seed + 1000)
        print(
            f"import: {articles} articles (one by one: {baseline_articles}), PostgreSQL "
            f"{connection.vendor == 'postgresql'}, {Claim.objects.count():,} claims held"
        )
        if BATCHED:
            out["cases"].append(
                time_case(
                    "one article per transaction", small, baseline_articles, batch_size=1, workers=1
                )
            )
            for workers in (1, 2):
                out["cases"].append(
                    time_case(
                        f"batches of {batch_size}, {workers} worker{'s' if workers > 1 else ''}",
                        large,
                        articles,
                        batch_size=batch_size,
                        workers=workers,
                    )
                )
        else:
            out["cases"].append(
                time_case("one article per transaction (before)", small, baseline_articles)
            )
    started = time.process_time()
    from claims.extraction import extract_claims

    for a in composed[:baseline_articles]:
        extract_claims(a.body, language=a.language)
    out["extraction_ms"] = 1000 * (time.process_time() - started) / baseline_articles
    if BATCHED:
        rows, seconds, python_cpu, database_cpu = time_write_path(composed[: min(articles, 1000)])
        out["write_rows"], out["write_seconds"] = rows, seconds
        out["write_cpu"] = (python_cpu, database_cpu)
        print(
            f"  write path: {rows / seconds:,.0f} claim rows/s ({rows:,} rows); CPU µs/row "
            f"our Python {1e6 * python_cpu / rows:.0f}, PostgreSQL {1e6 * database_cpu / rows:.0f}"
        )
        if connection.vendor == "postgresql":
            out["copy"] = time_copy_references(20_000)
            for label, (rate, cpu) in out["copy"].items():
                print(f"  COPY {label}: {rate:,.0f} rows/s, PostgreSQL {cpu:.0f} µs CPU/row")
    return out


def render(result: dict, label: str) -> str:
    lines = [
        f"# Import benchmark{f' ({label})' if label else ''}, {dt.date.today().isoformat()}",
        "",
        f"Database: {connection.settings_dict['NAME']} ({connection.vendor}), "
        f"{Article.objects.count():,} articles and {Claim.objects.count():,} claims held, "
        "every index in place. Machine: 2 cores shared with other work; `uptime` load "
        "average (1/5/15 min) before and after each case below.",
        "",
        "| case | articles | articles/s | target | claims | waiting for extraction ms/article | "
        "transactions ms/article | CPU ms/article: extraction | our other Python | "
        "PostgreSQL | on 2 idle cores at most | load before → after |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for m in result["cases"]:
        lines.append(
            f"| {m.case} | {m.articles} | {m.rate:,.0f} | ≥{TARGET_ARTICLES} "
            f"{'met' if m.rate >= TARGET_ARTICLES else '**no**'} | {m.claims:,} | "
            f"{m.ms_per_article('wait')} | {m.ms_per_article('store')} | "
            + " | ".join(f"{x:.2f}" for x in m.cpu_ms())
            + f" | {2000 / max(0.001, sum(m.cpu_ms())):,.0f} articles/s"
            f" | {m.load_before} → {m.load_after} |"
        )
    lines += [
        "",
        f"Extraction alone, in this process: {result['extraction_ms']:.2f} ms CPU per article.",
    ]
    if "write_rows" in result:
        rate = result["write_rows"] / result["write_seconds"]
        lines.append(
            f"Claim write path (store_candidate_batch, batches of 200 articles, rolled back): "
            f"{rate:,.0f} claim rows/s over {result['write_rows']:,} rows, target ≥{TARGET_ROWS:,} "
            f"{'met' if rate >= TARGET_ROWS else '**no**'}. CPU per row: our Python "
            f"{1e6 * result['write_cpu'][0] / result['write_rows']:.0f} µs, PostgreSQL "
            f"{1e6 * result['write_cpu'][1] / result['write_rows']:.0f} µs."
        )
    for label, (rate, cpu) in result.get("copy", {}).items():
        lines.append(
            f"Reference, PostgreSQL alone: COPY of 20,000 minimal claim rows (no history) into the "
            f"claims table {label}: {rate:,.0f} rows/s, backend CPU {cpu:.0f} µs per row."
        )
    return "\n".join(lines) + "\n"


def time_batched_import(run) -> None:
    """Step of bench/run.py: the cases above, into the report's import section."""
    from bench.context import WRITES
    from bench.timing import Result

    result = measure(
        run.config.import_articles * 4, run.config.import_articles, 200, run.config.seed
    )
    for m in result["cases"]:
        run.add(
            WRITES,
            Result(
                case=f"import: {m.case} ({m.articles} articles)",
                target=f"≥{TARGET_ARTICLES} articles/s",
                met=m.rate >= TARGET_ARTICLES,
                note=f"{m.rate:,.0f} articles/s, {m.claims:,} claims; extraction "
                f"{m.ms_per_article('prepare_cpu')} ms CPU/article, transactions "
                f"{m.ms_per_article('store')} ms/article; load {m.load_before} → {m.load_after}",
                extra={"articles_per_s": m.rate},
            ),
        )
    if "write_rows" in result:
        rate = result["write_rows"] / result["write_seconds"]
        run.add(
            WRITES,
            Result(
                case="write path: store_candidate_batch (the import's)",
                target=f"≥{TARGET_ROWS // 1000}k rows/s",
                met=rate >= TARGET_ROWS,
                note=f"{rate:,.0f} claim rows/s ({result['write_rows']:,} rows)",
                extra={"rows_per_s": rate},
            ),
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--baseline-articles", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--label", default="")
    args = parser.parse_args(argv)
    result = measure(args.articles, args.baseline_articles, args.batch_size, args.seed)
    text = render(result, args.label)
    print(text)
    name = f"{dt.date.today().isoformat()}-import{'-' + args.label if args.label else ''}.md"
    path = write_results(text, RESULTS / name)
    print(f"written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
