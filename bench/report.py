"""The report: targets met or not, ratios against the baselines, the machine's facts, the
markdown, and the results file (a new one for every run, never overwritten)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import subprocess
from pathlib import Path

import django
from django.db import connection

from bench import ROOT
from bench.context import QUERIES, RATIOS, Run
from bench.timing import Result

RESULTS = ROOT / "bench" / "results"

# ---------------------------------------------------------------------------------------------
# Targets and ratios


def evaluate(pages: list[Result]) -> None:
    """Set `met` on the pages that have a target, and the targets that compare two pages."""
    by = {r.case: r for r in pages}
    for r in pages:
        if r.status != "ok":
            continue
        if r.target.startswith("p50≤30"):
            r.met = r.p50 <= 30 and r.p95 <= 50 and (r.queries or 0) <= 6
        elif r.target.startswith("p95≤"):
            r.met = r.p95 <= float(r.target.split("≤")[1])
    ten, hundred = by.get("claims: 10 per page"), by.get("claims: 100 per page")
    if ten and hundred and ten.status == hundred.status == "ok":
        ten.met = hundred.met = ten.queries == hundred.queries and ten.queries <= 6
    partial, full = by.get("claims: htmx partial"), by.get("claims: outlet")
    if partial and full and partial.status == full.status == "ok" and full.bytes:
        share = partial.bytes / full.bytes
        partial.met = share <= 0.25
        partial.note = f"{share:.0%} of the full page"


# (comparison, their case, our case, target, which time: p50 unless said)
COMPARISONS: list[tuple[str, str, str, str, str]] = [
    (
        "stock admin / our claims page (outlet)",
        "stock admin: outlet",
        "claims: outlet",
        "≥10×",
        "p50",
    ),
    (
        "stock admin / our claims page (status)",
        "stock admin: status",
        "claims: status",
        "≥10×",
        "p50",
    ),
    (
        "stock admin / our admin (outlet)",
        "stock admin: outlet",
        "admin changelist: outlet",
        "≥10×",
        "p50",
    ),
    (
        "stock admin / our admin (status)",
        "stock admin: status",
        "admin changelist: status",
        "≥10×",
        "p50",
    ),
    (
        "Datasette / our claims page (outlet, HTTP p50)",
        "Datasette: outlet filter + facet",
        "claims: outlet",
        "≥1.5×",
        "http_p50",
    ),
    (
        "ILIKE / our search (Arabic rare)",
        "baseline: ILIKE search, Arabic rare",
        "search: Arabic rare",
        "≥20×",
        "p50",
    ),
    (
        "ILIKE / our search (Arabic common; ILIKE first 50 only)",
        "baseline: ILIKE search, Arabic common",
        "search: Arabic common",
        "",
        "p50",
    ),
    (
        "ILIKE with count ≤10,000 / our search (Arabic common)",
        "baseline: ILIKE search, Arabic common, count ≤10,000",
        "search: Arabic common",
        "≥20×",
        "p50",
    ),
    (
        "ILIKE with count ≤10,000 / our search (English common)",
        "baseline: ILIKE search, English common, count ≤10,000",
        "search: English common",
        "≥20×",
        "p50",
    ),
    (
        "ILIKE / our search (English rare)",
        "baseline: ILIKE search, English rare",
        "search: English rare",
        "≥20×",
        "p50",
    ),
]


def add_ratios(run: Run) -> None:
    """Step: their time / our time for each comparison, as a table of its own."""
    queries = run.results(QUERIES)
    comparisons = [
        *COMPARISONS,
        (
            "OFFSET / keyset, 500k deep (SQL)",
            next((r.case for r in queries if "OFFSET" in r.case), ""),
            next((r.case for r in queries if "keyset" in r.case), ""),
            "",
            "p95",
        ),
    ]
    section = run.section(RATIOS)
    section.headers = ["comparison", "theirs ms", "ours ms", "ratio", "target", "met?"]
    section.rows = [ratio(run, *comparison) for comparison in comparisons]


def ratio(run: Run, label: str, theirs: str, ours: str, target: str, attr: str) -> list[str]:
    """[comparison, their time, our time, ratio, target, met?] as table cells."""
    t, o = run.find(theirs), run.find(ours)
    missing = [label, "", "", "missing", target, ""]
    if not t or not o or t.status != "ok" or o.status != "ok":
        return missing
    tv, ov = getattr(t, attr), getattr(o, attr)
    if tv is None or ov is None or ov != ov or tv != tv:  # absent or NaN
        return missing
    value = tv / ov if ov else float("inf")
    met = None if not target else value >= float(target.lstrip("≥").rstrip("×"))
    return [
        label,
        f"{tv:.1f}",
        f"{ov:.1f}",
        f"{value:.1f}×",
        target,
        {True: "yes", False: "**no**", None: ""}[met],
    ]


# ---------------------------------------------------------------------------------------------
# The machine


def machine() -> str:
    """CPU, cores, memory, OS, Python, Django and the database with its main settings."""
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB RAM"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            db = f"PostgreSQL {cursor.fetchone()[0]}"
        else:
            cursor.execute("SELECT sqlite_version()")
            db = f"SQLite {cursor.fetchone()[0]}"
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, Django {django.get_version()}, {db}{db_settings()}"
    )


def db_settings() -> str:
    if connection.vendor != "postgresql":
        return ""
    with connection.cursor() as cursor:
        shown = []
        for name in ("shared_buffers", "work_mem", "synchronous_commit", "jit"):
            cursor.execute(f"SHOW {name}")
            shown.append(f"{name}={cursor.fetchone()[0]}")
    return f" ({', '.join(shown)})"


def load_average() -> str:
    try:
        return "/".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def git_revision() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


# ---------------------------------------------------------------------------------------------
# Markdown and the results file


def markdown_table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]
    return "\n".join(lines)


def render(run: Run, loads: list[str], elapsed: float) -> str:
    """The whole report: what ran where, then each section's table and notes."""
    lines = [
        f"# Isnad benchmark, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"
        f"{' (quick)' if run.config.quick else ''}",
        "",
        *header(run, loads, elapsed),
        "",
    ]
    for section in run.sections.values():
        lines += [f"## {section.title}", "", markdown_table(section.headers, section.table()), ""]
        for note in section.notes:
            lines += [note, ""]
    return "\n".join(lines)


def header(run: Run, loads: list[str], elapsed: float) -> list[str]:
    """The facts a reader needs to compare runs: machine, data, code, method, picks, load."""
    config, picks, generation = run.config, run.picks, run.generation
    size = (
        f"{config.articles:,} articles × {config.claims_per_article} claims "
        f"= {picks.total:,} claims"
    )
    made = (
        f"generated in {generation['seconds']:.0f} s ({generation['claims_per_s']:,.0f} claims/s)"
        if generation.get("generated")
        else "reused from an earlier run"
    )
    return [
        f"- machine: {machine()}",
        f"- data: {size} on {connection.vendor} (seed {config.seed}); {made}",
        f"- code: git {git_revision()}; settings bench.settings (DEBUG off)",
        "- in-process: django.test.Client, anonymous for the public pages, logged in as a "
        f"superuser for the admin (2 more queries: session, user), {config.warmup} warm-up "
        f"requests, then up to {config.runs} timed; queries counted on one extra request",
        f"- HTTP: {run.http}",
        f"- picks: largest outlet {picks.outlet} (#{picks.outlet.pk}), top speaker "
        f"{picks.speaker} (#{picks.speaker.pk}), largest measure {picks.measure} "
        f"(#{picks.measure.pk}), article #{picks.article.pk}; search terms rare "
        f"'{picks.rare_ar}' / '{picks.rare_en}', common '{picks.common_ar}' / '{picks.common_en}'",
        f"- run took {elapsed / 60:.1f} min; load average (1/5/15 min) at the start "
        f"{loads[0]}, at the end {loads[1]} on {os.cpu_count()} cores (other work shares them)",
    ]


def results_path(quick: bool) -> Path:
    """bench/results/<date>[-quick].md: where a run's results go unless told otherwise."""
    return RESULTS / f"{dt.date.today().isoformat()}{'-quick' if quick else ''}.md"


def write_results(text: str, path: Path) -> Path:
    """Write `text` to `path`, or to `<stem>-2`, `-3`… if taken: a results file is never
    overwritten. Returns the path written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    candidate, n = path, 1
    while True:
        try:
            # "x": created here or not at all, even if another run picks the same name meanwhile.
            with candidate.open("x", encoding="utf-8") as out:
                out.write(text)
            return candidate
        except FileExistsError:
            n += 1
            candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
