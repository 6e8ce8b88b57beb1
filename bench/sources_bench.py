"""Independent sources: what counting them costs the measure page, and how the count scales.

On a generated database (make bench-quick's or make bench's), in-process: the measure page of the
measure with the most claims, its 200 latest claims loaded as a listing (what the page loaded
before) and with what claims.sources reads (`with_origins`: four more queries), and
`independent_origins` over them. Then, without a database, `independent_origins` on 250 to 4,000
claims of one figure, half copies of one sentence and half unrelated sentences: the near-duplicate
search compares pairs up to EXACT_COMPARISON claims and MinHash buckets beyond, so its time grows
with the claims, not their square. A fixed CPU loop is timed in the same process as a reference,
so that runs on a shared machine compare by ratio too. Writes a new
bench/results/<date>-sources[-<n>].md:

    DATABASE_URL=postgres://…/isnad_bench_quick python bench/sources_bench.py
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":  # run alone: the project one level up, the bench settings
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.report import write_results  # noqa: E402
from bench.timing import percentile  # noqa: E402
from claims.models import Claim, Measure, Status  # noqa: E402
from claims.sources import EXACT_COMPARISON, independent_origins  # noqa: E402

RUNS = 15
PAGE_CLAIMS = 200  # claims.views.MEASURE_PAGE_CLAIMS


def timed(function: Callable[[], object], runs: int = RUNS) -> tuple[float, float]:
    """p50 and p95 in ms over `runs` calls, after one warm-up call."""
    function()
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        function()
        samples.append((time.perf_counter() - began) * 1000)
    return percentile(samples, 50), percentile(samples, 95)


def cpu_reference() -> float:
    """ms for a fixed pure-Python loop: the machine's speed at the time of the run."""
    return timed(lambda: sum(i * i % 7 for i in range(200_000)), runs=5)[0]


def page_rows() -> list[str]:
    measure = Measure.objects.annotate(n=Count("claims")).order_by("-n").first()
    if measure is None:
        return ["| (no measure: generate data first) | | | |"]
    claims = Claim.objects.for_measure(measure).exclude(status=Status.REJECTED).order_by("-id")
    rows = []

    def listing() -> list:
        return list(claims.listing()[:PAGE_CLAIMS])

    def with_origins() -> list:
        return list(claims.with_origins()[:PAGE_CLAIMS])

    loaded = with_origins()
    for name, function in (
        ("200 latest claims, listing (before)", listing),
        ("200 latest claims, with_origins (after)", with_origins),
        ("independent_origins on them", lambda: independent_origins(loaded)),
    ):
        with CaptureQueriesContext(connection) as queries:
            function()
        p50, p95 = timed(function)
        rows.append(f"| {name} | {p50:.1f} | {p95:.1f} | {len(queries)} |")
    client = Client()
    url = f"/measures/{measure.pk}/"
    # Counted by a wrapper: a request's start empties the query log CaptureQueriesContext reads.
    executed: list[str] = []

    def count(run, sql, *args):
        executed.append(sql)
        return run(sql, *args)

    with connection.execute_wrapper(count):
        client.get(url)
    p50, p95 = timed(lambda: client.get(url))
    rows.append(f"| the whole page {url} | {p50:.1f} | {p95:.1f} | {len(executed)} |")
    figures = independent_origins(loaded)
    articles = sum(f.article_count for f in figures)
    origins = sum(f.origin_count for f in figures)
    rows.append(
        f"| (measure #{measure.pk}, {measure.n:,} claims; {len(loaded)} shown: {len(figures)} "
        f"figures, {articles} articles, {origins} independent sources) | | | |"
    )
    return rows


class _Empty:
    def all(self) -> list:
        return []


def synthetic(count: int, rng: random.Random) -> list[SimpleNamespace]:
    """`count` claims of one figure in as many articles and outlets, no speaker: half copies of
    one sentence (a word changed each), half unrelated sentences."""
    vocabulary = [f"كلمة{i}" for i in range(2000)]
    original = [rng.choice(vocabulary) for _ in range(20)]
    claims = []
    for n in range(count):
        if n % 2 == 0:
            words = list(original)
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
        else:
            words = [rng.choice(vocabulary) for _ in range(20)]
        outlet = SimpleNamespace(pk=n, name=f"outlet {n}")
        claims.append(
            SimpleNamespace(
                pk=n + 1,
                article_id=n + 1,
                article=SimpleNamespace(title=f"article {n}"),
                status=Status.VERIFIED,
                qualifier="exact",
                value=1600.0,
                lower=1600.0,
                upper=1600.0,
                unit="",
                speaker=None,
                speaker_text="",
                outlet=outlet,
                outlet_id=n,
                relays=_Empty(),
                origins_as_first=_Empty(),
                origins_as_second=_Empty(),
                repeats_id=None,
                prefix=" ".join(words[:10]) + " ",
                quote="1600",
                suffix=" " + " ".join(words[10:]),
            )
        )
    return claims


def scaling_rows() -> list[str]:
    rng = random.Random(11)
    rows = []
    for count in (250, 500, 1000, 2000, 4000):
        claims = synthetic(count, rng)
        p50, p95 = timed(lambda claims=claims: independent_origins(claims), runs=5)
        [figure] = independent_origins(claims)
        rows.append(
            f"| {count} | {p50:.0f} | {p95:.0f} | {p50 / count * 1000:.0f} | "
            f"{figure.origin_count} (expected {count // 2 + 1}) |"
        )
    return rows


def main() -> int:
    began = dt.datetime.now(dt.UTC)
    reference = cpu_reference()
    page = page_rows()
    scaling = scaling_rows()
    reference_after = cpu_reference()
    text = "\n".join(
        [
            f"# Independent sources, {began:%Y-%m-%d %H:%M} UTC",
            "",
            f"Database: {connection.vendor}, {Claim.objects.count():,} claims. "
            f"CPU reference loop: {reference:.1f} ms before, {reference_after:.1f} ms after.",
            "",
            "## The measure page (in-process, ms)",
            "| step | p50 | p95 | queries |",
            "|---|---|---|---|",
            *page,
            "",
            "## independent_origins on one figure's claims (no database, ms)",
            f"Pairs compared exactly up to {EXACT_COMPARISON} claims, MinHash buckets beyond.",
            "",
            "| claims | p50 | p95 | µs per claim | independent sources |",
            "|---|---|---|---|---|",
            *scaling,
            "",
        ]
    )
    print(text)
    path = write_results(
        text, ROOT / "bench" / "results" / f"{dt.date.today().isoformat()}-sources.md"
    )
    print(f"written to {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
