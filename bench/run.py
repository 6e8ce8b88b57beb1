"""The Isnad benchmark harness: `make bench` (100k articles, 1M claims) and `make bench-quick`.

Builds the data with the generator (bench/datagen) when the database doesn't hold the requested
size, then runs the STEPS below in order: each times something (pages in-process and over HTTP,
the SQL under them, the baselines, import and the write paths) and adds its rows to the report,
which is printed and written to a new file in bench/results/ (never over an earlier run's).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/isnad_bench"

# Run as a script: the project's packages are one level up, and the steps below import models.
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from bench import (  # noqa: E402
    baselines,
    cases,
    dataset,
    grouping_bench,
    import_bench,
    report,
    search_bench,
    writes,
)
from bench.context import Config, Run, Step  # noqa: E402
from bench.timing import Timer  # noqa: E402

# The benchmark, step by step, in the order the steps run. A step is a function taking the Run
# (config, picks, clients, sections) that prints what it does and adds Result rows to a section
# with run.add(title, ...): sections print in the order they are first filled. To add a
# benchmark, write bench/<name>.py with such a function and list it here (bench/README.md).
STEPS: list[Step] = [
    cases.time_pages,
    cases.time_queries,
    cases.check_search_consistency,
    search_bench.time_search,
    grouping_bench.time_grouping,
    cases.time_pages_over_http,
    baselines.time_datasette,
    report.add_ratios,
    writes.time_import,
    import_bench.time_batched_import,
    writes.time_extraction,
    writes.time_copy,
    writes.time_bulk_create,
    writes.time_save_loop,
]


def parse_args(argv: list[str] | None = None) -> Config:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--claims-per-article", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="Fewer runs; results file -quick.")
    parser.add_argument("--runs", type=int, default=None, help="Timed runs per case.")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers.")
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--skip-datasette", action="store_true")
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        help="Results file to write (a -2, -3… suffix if it exists: never overwritten).",
    )
    parser.add_argument(
        "--force-reset",
        action="store_true",
        help="Empty the database even if it holds articles the generator did not write.",
    )
    args = parser.parse_args(argv)
    quick = args.quick
    return Config(
        articles=args.articles,
        claims_per_article=args.claims_per_article,
        seed=args.seed,
        quick=quick,
        runs=args.runs or (8 if quick else 30),
        warmup=2 if quick else 3,
        http_requests=24 if quick else 100,
        http_sequential=8 if quick else 20,
        http_concurrency=4,
        workers=args.workers,
        import_articles=60 if quick else 300,
        write_rows=10_000 if quick else 100_000,
        save_rows=300 if quick else 2000,
        skip_http=args.skip_http,
        skip_datasette=args.skip_datasette,
        output=args.output,
        force_reset=args.force_reset,
    )


def start(config: Config) -> Run:
    """The data in place, the values picked from it, and the clients the pages are timed with."""
    generation = dataset.ensure_data(
        articles=config.articles,
        claims_per_article=config.claims_per_article,
        seed=config.seed,
        force_reset=config.force_reset,
    )
    staff_client = Client(raise_request_exception=False)
    staff_client.force_login(dataset.bench_user())
    timer = Timer(
        Client(raise_request_exception=False),
        staff_client,
        warmup=config.warmup,
        runs=config.runs,
        budget_s=5 if config.quick else 30,
    )
    return Run(
        config=config,
        picks=dataset.pick_values(),
        timer=timer,
        cookie=f"sessionid={staff_client.cookies['sessionid'].value}",
        generation=generation,
    )


def main(argv: list[str] | None = None) -> int:
    config = parse_args(argv)
    loads = [report.load_average()]
    # Stopped from outside (make interrupted, a timeout): unwind, so servers are stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    began = time.perf_counter()
    dataset.ensure_database()
    run = start(config)
    for step in STEPS:
        step(run)
    elapsed = time.perf_counter() - began
    loads.append(report.load_average())
    text = report.render(run, loads, elapsed)
    print()
    print(text)
    path = report.write_results(text, config.output or report.results_path(config.quick))
    print(f"\nwritten to {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
