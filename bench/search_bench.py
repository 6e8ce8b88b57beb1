"""Search at scale: the claims page searched in Arabic and English, at and past the caps.

Times, in-process (django.test.Client, anonymous, as a fact-checker's browser would), the claims
page for searches picked from the data, its second page, the search's SQL alone, the hostile
queries of issue 15 (3,000 words, 50,000 characters) and, where the code has them, what renames
cost (the speaker and the measure with the most claims, rolled back). The unsearched claims page
and a fixed CPU loop are timed in the same process as references, so that runs on a shared
machine compare by ratio as well as in milliseconds.

A step of bench/run.py (`time_search`, section "Search"); or alone, for before/after runs on one
database, writing its own new file bench/results/<date>-search[-<label>][-<n>].md:

    DATABASE_URL=postgres://…/isnad_bench python bench/search_bench.py [--quick] [--label after]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SEARCH = "Search (the claims page searched, in-process)"

if __name__ == "__main__":  # run alone: the project one level up, the bench settings
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()

from bench.report import write_results  # noqa: E402
from bench.timing import Result, percentile  # noqa: E402


@dataclass
class Case:
    name: str
    query: str
    status: int
    p50: float
    p95: float
    queries: int
    matches: str
    refused: bool
    next_cursor: str | None
    sql_p50: float | None = None


@dataclass
class Measured:
    total: int
    cpu_ms: float
    cases: list[Case] = field(default_factory=list)
    renames: list[tuple[str, int, float]] = field(default_factory=list)
    loads: list[str] = field(default_factory=list)
    minutes: float = 0.0

    @property
    def reference(self) -> float:
        return self.cases[0].p50 or 1.0


def _time(fn: Callable[[], object], runs: int, budget_s: float) -> tuple[float, float]:
    """(p50, p95) in ms: one warm-up, then up to `runs` within `budget_s`."""
    fn()
    samples: list[float] = []
    began = time.perf_counter()
    while len(samples) < runs and (not samples or time.perf_counter() - began < budget_s):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return percentile(samples, 50), percentile(samples, 95)


def _picks() -> dict[str, str]:
    """Queries from the data: a rare person's name in Arabic and as transliterated, common
    words, singular and plural, two words, sixteen words (the cap)."""
    from django.db.models import Count

    from articles.models import Article
    from claims.models import Speaker

    rare = (
        Speaker.objects.filter(kind="person")
        .annotate(n=Count("claims"))
        .filter(n__gte=1)
        .order_by("n", "id")
        .first()
    )
    aliases = rare.aliases.values_list("name", flat=True) if rare else []
    latin = next((a for a in aliases if a.isascii() and " " in a), "")
    # Sixteen words (the cap) of one article's opening, as a reader might paste them.
    opening = Article.objects.filter(language="ar").order_by("id").values_list("body", flat=True)
    words = list(dict.fromkeys((opening.first() or "").split()))
    picks = {
        "Arabic rare name": rare.name if rare else "",
        "its Latin alias": latin,
        "its last name, Latin": latin.split()[-1] if latin else "",
        "Arabic common": "طرابلس",
        "Arabic two words": "مرتزقة طرابلس",
        "English common": "Tripoli",
        "English plural": "mercenaries",
        "English singular": "mercenary",
        "16 words of an article": " ".join(words[:16]) if len(words) >= 16 else "",
    }
    return {name: query for name, query in picks.items() if query}


HOSTILE = {
    "3,000 words": " ".join(f"w{i}" for i in range(3000)),
    "50,000 characters": "مرتزقة" * (50_000 // 6),
}


def _page(client, name: str, query: str, runs: int, budget: float, **params) -> Case:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    url, data = "/claims/", {"q": query, **params}
    reset_queries()  # each request starts a new log: count from an empty one
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data)
    queries = len(captured.captured_queries)  # now: the next request clears the log
    context = response.context or {}
    page, facets = context.get("page"), context.get("facets")
    p50, p95 = _time(lambda: client.get(url, data), runs, budget)
    matches = f"{facets['total']:,}{'+' if facets['capped'] else ''}" if facets else "—"
    cursor = getattr(page, "next_cursor", None)
    return Case(name, query, response.status_code, p50, p95, queries, matches, page is None, cursor)


def _sql(query: str, runs: int, budget: float) -> float:
    """The search's SQL alone: the newest 50 matching ids."""
    from claims.models import Claim

    def first_50():
        return list(Claim.objects.all().search(query).order_by("-id").values_list("id")[:50])

    return _time(first_50, runs, budget)[0]


def _cpu_reference() -> float:
    """ms for a fixed amount of pure-Python work: how busy the shared CPU was."""
    from articles.normalization import normalize

    text = "قال مسؤولون غربيون إن أكثرَ من ١٤٠٠ مرتزقٍ روسيٍ انتشروا في ليبيا " * 50
    return _time(lambda: [normalize(text + str(i)) for i in range(20)], 7, 5)[0]


def _rename_costs() -> list[tuple[str, int, float]]:
    """(what, claims rewritten, ms) for renaming the busiest speaker and measure, rolled back;
    empty when the code keeps no names in the search document."""
    from django.db import OperationalError, transaction
    from django.db.models import Count

    from claims.models import Claim, Measure, Speaker

    if not hasattr(Claim.objects.all(), "refresh_search_names"):
        return []
    rows = []
    for model, field_name in ((Speaker, "speaker"), (Measure, "measure")):
        busiest = (
            Claim.objects.exclude(**{f"{field_name}__isnull": True})
            .values(field_name)
            .annotate(n=Count("id"))
            .order_by("-n")
            .first()
        )
        instance = model.objects.get(pk=busiest[field_name])
        start = time.perf_counter()
        try:
            with transaction.atomic():
                instance.name = f"{instance.name} (renamed)"
                instance.save()
                transaction.set_rollback(True)
        except OperationalError:  # the bench settings' statement timeout: a finding
            rows.append(
                (f"rename the busiest {field_name}: a statement timed out", busiest["n"], -1)
            )
            continue
        ms = 1000 * (time.perf_counter() - start)
        rows.append((f"rename the busiest {field_name}", busiest["n"], ms))
    return rows


def _load() -> str:
    try:
        return "/".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def measure(runs: int, budget: float) -> Measured:
    """Every case, in one process."""
    from django.test import Client
    from django.test.utils import setup_test_environment

    from claims.models import Claim

    # Responses carry their template context (page, facets); bench/run.py may have done it.
    with contextlib.suppress(RuntimeError):
        setup_test_environment()
    began = time.perf_counter()
    measured = Measured(total=Claim.objects.count(), cpu_ms=_cpu_reference(), loads=[_load()])
    client = Client(raise_request_exception=False)
    measured.cases.append(_page(client, "claims page, no search (reference)", "", runs, budget))
    for name, query in _picks().items():
        case = _page(client, f"search: {name}", query, runs, budget)
        case.sql_p50 = _sql(query, runs, budget)
        measured.cases.append(case)
        print(f"  {name:28} p50 {case.p50:8.1f} ms  {case.matches} matches")
        if name == "Arabic common":
            measured.cases.append(
                _page(client, f"search: {name}, newest first", query, runs, budget, sort="-id")
            )
            if case.next_cursor:
                measured.cases.append(
                    _page(
                        client,
                        f"search: {name}, next page",
                        query,
                        runs,
                        budget,
                        after=case.next_cursor,
                    )
                )
    for name, query in HOSTILE.items():
        case = _page(client, f"hostile: {name}", query, max(3, runs // 3), budget)
        measured.cases.append(case)
        print(f"  {name:28} p50 {case.p50:8.1f} ms  status {case.status}")
    measured.renames = _rename_costs()
    measured.loads.append(_load())
    measured.minutes = (time.perf_counter() - began) / 60
    return measured


def _note(case: Case, reference: float) -> str:
    refused = " (refused: the caps)" if case.refused and case.query else ""
    sql = f"; SQL alone {case.sql_p50:.1f} ms" if case.sql_p50 is not None else ""
    return (
        f"{case.status}{refused}; {case.matches} matches; "
        f"{case.p50 / reference:.2f}× the unsearched page{sql}"
    )


def time_search(run) -> None:
    """Step of bench/run.py: the search cases as Result rows in the Search section."""
    print("search")
    measured = measure(run.config.runs, 5 if run.config.quick else 20)
    for case in measured.cases:
        shown = case.query if len(case.query) <= 40 else f"{len(case.query):,} characters"
        run.add(
            SEARCH,
            Result(
                case=f"{case.name}{f' ({shown})' if shown else ''}",
                url=f"/claims/?q={shown}",
                p50=case.p50,
                p95=case.p95,
                queries=case.queries,
                note=_note(case, measured.reference),
            ),
        )
    notes = run.section(SEARCH).notes
    notes += [f"{what}: {n:,} claims rewritten in {ms:.0f} ms" for what, n, ms in measured.renames]
    notes.append(f"CPU reference (fixed pure-Python work): {measured.cpu_ms:.0f} ms")


def _revision() -> str:
    try:
        return subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return os.environ.get("ISNAD_REVISION", "unknown")


def report(measured: Measured, *, runs: int, label: str, quick: bool) -> str:
    from django.db import connection

    lines = [
        f"# Search benchmark, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"
        f"{' (' + label + ')' if label else ''}{' (quick)' if quick else ''}",
        "",
        f"- data: {measured.total:,} claims on {connection.vendor}; code: git {_revision()}",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; load average (1/5/15 min) {measured.loads[0]} at the "
        f"start, {measured.loads[-1]} at the end (the machine is shared)",
        f"- CPU reference (fixed pure-Python work): {measured.cpu_ms:.0f} ms; run took "
        f"{measured.minutes:.1f} min",
        f"- in-process Client, anonymous; p50/p95 over up to {runs} runs after one warm-up; "
        "queries counted on one request; matches as the page counts them (capped); SQL = the "
        "search's newest 50 ids alone",
        "",
        "| case | query | status | p50 ms | p95 ms | × unsearched page | queries | matches "
        "| SQL p50 ms |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for case in measured.cases:
        shown = case.query if len(case.query) <= 60 else f"{len(case.query):,} characters"
        status = f"{case.status}{' (refused)' if case.refused and case.query else ''}"
        sql = f"{case.sql_p50:.1f}" if case.sql_p50 is not None else ""
        lines.append(
            f"| {case.name} | {shown} | {status} | {case.p50:.1f} | {case.p95:.1f} | "
            f"{case.p50 / measured.reference:.2f} | {case.queries} | {case.matches} | {sql} |"
        )
    if measured.renames:
        lines += ["", "| change | claims rewritten | ms |", "|---|---|---|"]
        lines += [f"| {what} | {n:,} | {ms:.0f} |" for what, n, ms in measured.renames]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--label", default="", help="Added to the results file's name.")
    parser.add_argument("--output", type=Path, default=None, help="Write here (or -2, -3…).")
    args = parser.parse_args()
    runs = 5 if args.quick else 15
    measured = measure(runs, 5.0 if args.quick else 20.0)
    text = report(measured, runs=runs, label=args.label, quick=args.quick)
    print(text)
    default = (
        RESULTS / f"{dt.date.today().isoformat()}-search{'-' + args.label if args.label else ''}.md"
    )
    print(f"written to {write_results(text, args.output or default)}")
