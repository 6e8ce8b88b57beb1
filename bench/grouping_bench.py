"""Grouping at scale: measure suggestions for new claims against the stored ones, and the
conflict inbox page.

Times, on the benchmark database (PostgreSQL):
- the one-off backfill: profiles for the stored claims that have none (generated rows skip the
  import hook), and the curated measures' profiles and conflict rows;
- suggestions for N new claims (default 10,000, no measure, as an import delivers them) in
  batches of 2,000 through `suggest_for_claims`, the call the batched import makes: candidates
  come from the indexes (thing, date), never all pairs;
- the baseline ("before"): the same claims scored against every stored profile, all pairs, on
  a sample, extrapolated to N;
- the inbox: /conflicts/ unfiltered, filtered by outlet, place and status (p50/p95 in-process),
  against the baseline of computing the rows on the fly from every measure's claims.

The new claims and everything computed for them are rolled back. A step of bench/run.py
(`time_grouping`, section "Grouping"); or alone, writing bench/results/<date>-grouping[-label].md:

    DATABASE_URL=postgres://…/isnad_bench_quick python bench/grouping_bench.py [--quick]
        [--new 10000] [--label after]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
GROUPING = "Grouping (measure suggestions and the conflict inbox)"
NEW_CLAIMS = 10_000
SUGGEST_BATCH = 2_000
BASELINE_SAMPLE = 50

if __name__ == "__main__":  # run alone: the project one level up, the bench settings
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.report import write_results  # noqa: E402
from bench.timing import Result, percentile  # noqa: E402
from claims.grouping import conflicts as conflict_rows  # noqa: E402
from claims.grouping import service  # noqa: E402
from claims.grouping.profiles import from_row  # noqa: E402
from claims.grouping.score import score_pair  # noqa: E402
from claims.models import (  # noqa: E402
    Claim,
    ClaimProfile,
    Conflict,
    Measure,
    MeasureProposal,
    MeasureSuggestion,
)


class _RollBack(Exception):
    pass


def backfill(rows: list[Result]) -> None:
    """Profiles for stored claims that have none, then the curated measures' rows (timed)."""
    missing = list(
        Claim.objects.filter(profile__isnull=True).order_by("pk").values_list("pk", flat=True)
    )
    if missing:
        words = service.outlet_words()
        start = time.perf_counter()
        for first in range(0, len(missing), SUGGEST_BATCH):
            chunk = missing[first : first + SUGGEST_BATCH]
            claims = list(Claim.objects.filter(pk__in=chunk).select_related("article"))
            with transaction.atomic():
                service.store_profiles(claims, words)
        seconds = time.perf_counter() - start
        rows.append(
            Result(
                case=f"backfill: profiles of {len(missing):,} stored claims (one-off)",
                note=f"{seconds:.1f} s, {len(missing) / seconds:,.0f} claims/s",
            )
        )
    start = time.perf_counter()
    refreshed = service.refresh_curated()
    seconds = time.perf_counter() - start
    rows.append(
        Result(
            case=f"curated measures' profiles and conflict rows ({len(refreshed):,} measures)",
            note=f"{seconds:.1f} s; {Conflict.objects.count():,} measures in conflict",
        )
    )


def add_new_claims(count: int, seed: int) -> list[int]:
    """`count` new claims (articles the database doesn't hold), without a measure."""
    from bench.datagen.composition import compose_article
    from bench.datagen.loading import _ensure_vocabulary, _Rows, write_rows
    from bench.datagen.vocabulary import Vocabulary

    vocabulary = Vocabulary.build(seed)
    rows = _Rows(vocabulary, *_ensure_vocabulary(vocabulary), seed=seed)
    first_claim = rows.next_claim
    rng = random.Random(seed + 7)
    per_article = 10
    composed = [
        compose_article(vocabulary, rng, 50_000_000 + n, per_article)
        for n in range(count // per_article)
    ]
    for model, columns, values in rows.chunk(composed):
        write_rows(model, columns, values)
    new = Claim.objects.filter(pk__gte=first_claim)
    new.update(measure=None, status="extracted", version=1, reviewed_at=None)
    return list(new.order_by("pk").values_list("pk", flat=True))


def time_suggestions(new_ids: list[int], rows: list[Result]) -> None:
    start = time.perf_counter()
    written = 0
    for first in range(0, len(new_ids), SUGGEST_BATCH):
        written += service.suggest_for_claims(new_ids[first : first + SUGGEST_BATCH])
    seconds = time.perf_counter() - start
    stored = Claim.objects.count() - len(new_ids)
    proposals = MeasureProposal.objects.count()
    rows.append(
        Result(
            case=f"suggestions for {len(new_ids):,} new claims (batches of {SUGGEST_BATCH:,})",
            target="<60 s at 1M/5k",
            met=seconds < 60,
            note=(
                f"{seconds:.1f} s against {stored:,} stored claims and "
                f"{Measure.objects.count():,} measures; {written:,} suggestions, "
                f"{proposals:,} proposed measures"
            ),
            extra={"seconds": seconds},
        )
    )


def time_baseline(new_ids: list[int], rows: list[Result]) -> None:
    """All pairs: a sample of the new claims scored against every stored profile."""
    sample = new_ids[:BASELINE_SAMPLE]
    new = [
        from_row(p, claim_id=p.claim_id) for p in ClaimProfile.objects.filter(claim_id__in=sample)
    ]
    start = time.perf_counter()
    stored = [
        from_row(p, claim_id=p.claim_id) for p in ClaimProfile.objects.iterator(chunk_size=5000)
    ]
    load = time.perf_counter() - start
    start = time.perf_counter()
    for profile in new:
        for other in stored:
            score_pair(profile, other)
    per_claim = (time.perf_counter() - start) / max(1, len(new))
    seconds = load + per_claim * len(new_ids)
    rows.append(
        Result(
            case=f"baseline: all pairs for {len(new_ids):,} new claims (extrapolated)",
            note=(
                f"{seconds:.0f} s: {len(stored):,} stored profiles loaded in {load:.1f} s, "
                f"{per_claim * 1000:.0f} ms a claim over {len(new)} claims"
            ),
            extra={"seconds": seconds},
        )
    )


def _page(client: Client, url: str, runs: int, *, cold: bool = False) -> Result:
    """p50/p95 of a page; `cold`: its cached rendering dropped before each request (what the
    first reader after a change waits), else the page as a second reader gets it."""
    from django.core.cache import cache

    client.get(url)
    samples = []
    for _ in range(runs):
        if cold:
            cache.clear()
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return Result(
        case=f"inbox {url}{' (not cached)' if cold else ''}",
        url=url,
        p50=percentile(samples, 50),
        p95=percentile(samples, 95),
        queries=len(queries.captured_queries),
        bytes=len(response.content),
        target="p95≤100",
        met=percentile(samples, 95) <= 100,
    )


def time_inbox(runs: int, rows: list[Result]) -> None:
    client = Client()
    outlet = Conflict.outlets.through.objects.values_list("outlet_id", flat=True).first()
    place = (Conflict.objects.values_list("places", flat=True).first() or "x").split()[:1]
    for url in [
        "/conflicts/",
        f"/conflicts/?outlet={outlet}",
        f"/conflicts/?place={place[0] if place else 'x'}",
        "/conflicts/?status=proposed",
        "/conflicts/?page=3",
    ]:
        rows.append(_page(client, url, runs, cold=True))
        rows.append(_page(client, url, runs))
    # Baseline: the rows computed on the fly from every measure's claims, as a page without
    # stored rows would have to.
    ids = list(Measure.objects.values_list("pk", flat=True))
    samples = []
    for _ in range(3):
        start = time.perf_counter()
        with transaction.atomic():
            conflict_rows.refresh_measures(ids)
            transaction.set_rollback(True)
        samples.append((time.perf_counter() - start) * 1000)
    rows.append(
        Result(
            case=f"baseline: conflicts of all {len(ids):,} measures computed per request",
            p50=percentile(samples, 50),
            p95=percentile(samples, 95),
        )
    )


def measure(*, new: int, runs: int, seed: int = 1) -> tuple[list[Result], dict]:
    rows: list[Result] = []
    facts = {"claims": Claim.objects.count(), "measures": Measure.objects.count()}
    loads = [os.getloadavg()]
    backfill(rows)
    time_inbox(runs, rows)  # on the stored rows, before the new claims arrive
    if not new:
        loads.append(os.getloadavg())
        facts["load"] = " → ".join("/".join(f"{x:.1f}" for x in load) for load in loads)
        return rows, facts
    try:
        with transaction.atomic():
            new_ids = add_new_claims(new, seed)
            time_suggestions(new_ids, rows)
            time_baseline(new_ids, rows)
            facts["new suggestions"] = MeasureSuggestion.objects.filter(
                claim_id__in=new_ids
            ).count()
            raise _RollBack
    except _RollBack:
        pass
    loads.append(os.getloadavg())
    facts["load"] = " → ".join("/".join(f"{x:.1f}" for x in load) for load in loads)
    return rows, facts


def time_grouping(run) -> None:
    """Step of bench/run.py: the grouping rows in their own section."""
    print("grouping: suggestions for new claims, the conflict inbox")
    rows, facts = measure(new=NEW_CLAIMS, runs=run.config.runs, seed=run.config.seed)
    run.add(GROUPING, *rows)
    run.section(GROUPING).notes.append(f"load average {facts['load']}")


def report(rows: list[Result], facts: dict, *, label: str, quick: bool) -> str:
    lines = [
        f"# Grouping benchmark, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"
        f"{' (' + label + ')' if label else ''}{' (quick)' if quick else ''}",
        "",
        f"- data: {facts['claims']:,} claims, {facts['measures']:,} measures on "
        f"{connection.vendor}; machine: {os.cpu_count()} cores, load average {facts['load']}",
        "",
        "| case | p50 ms | p95 ms | queries | target | met | note |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        p50 = f"{r.p50:.1f}" if r.p50 is not None else ""
        p95 = f"{r.p95:.1f}" if r.p95 is not None else ""
        met = "" if r.met is None else ("yes" if r.met else "no")
        lines.append(
            f"| {r.case} | {p50} | {p95} | {r.queries or ''} | {r.target} | {met} | {r.note} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--new", type=int, default=NEW_CLAIMS, help="New claims to suggest for (0: the inbox only)."
    )
    parser.add_argument("--label", default="", help="Added to the results file's name.")
    parser.add_argument("--output", type=Path, default=None, help="Write here (or -2, -3…).")
    args = parser.parse_args()
    rows, facts = measure(new=args.new, runs=8 if args.quick else 30)
    text = report(rows, facts, label=args.label, quick=args.quick)
    print(text)
    name = f"{dt.date.today().isoformat()}-grouping{'-' + args.label if args.label else ''}.md"
    print(f"written to {write_results(text, args.output or RESULTS / name)}")
