"""The baselines our pages are compared with: the stock Django admin over the same claims (served
at /bench-stock-admin/ by bench/urls.py) and Datasette serving a SQLite copy of them."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from django.contrib import admin
from django.db import connection

from bench import ROOT
from bench.context import PAGES, Run
from bench.dataset import Picks
from bench.servers import datasette, http_load, url, venv_bin
from bench.timing import Result
from claims.models import Claim

DATASETTE_CASE = "Datasette: outlet filter + facet"


class StockClaimAdmin(admin.ModelAdmin):
    """What `admin.site.register(Claim)` with the obvious filters gives: full counts and all."""

    list_display = ["quote", "value", "qualifier", "speaker", "measure", "article", "status"]
    list_filter = ["status", "qualifier", "language", "outlet"]
    search_fields = ["quote"]


stock_admin = admin.AdminSite(name="stock_admin")
stock_admin.register(Claim, StockClaimAdmin)


def stock_admin_cases(p: Picks) -> list[tuple[str, str, str, dict]]:
    """The stock admin's changelist with the filters our pages are timed with (cases.py)."""
    return [
        ("stock admin: status", "/bench-stock-admin/claims/claim/?status__exact=disputed", "", {}),
        (
            "stock admin: outlet",
            f"/bench-stock-admin/claims/claim/?outlet__id__exact={p.outlet.pk}",
            "",
            {},
        ),
    ]


def time_datasette(run: Run) -> None:
    """Step: Datasette on a SQLite copy of the claims (with outlet names), same filter + facet.

    Its rows go to the Pages section, beside our claims page filtered by the same outlet.
    """
    print("Datasette")
    executable = venv_bin("datasette")
    if executable is None or run.config.skip_datasette:
        note = "datasette not installed (make bench builds bench/.venv)"
        run.add(PAGES, Result(case=DATASETTE_CASE, status="missing", note=note))
        return
    path = sqlite_copy(run.picks.total)
    try:
        run.add(PAGES, *_time_datasette(run, executable, path))
    except RuntimeError as error:
        run.add(PAGES, Result(case=DATASETTE_CASE, status="error", note=str(error)[:200]))


def sqlite_copy(total: int) -> Path:
    """var/bench/<database>.db: the claims joined with their names, exported once per size."""
    folder = ROOT / "var" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    # One SQLite copy per benchmark database; Datasette names the database after the file.
    stem = str(connection.settings_dict["NAME"]).rsplit("/", 1)[-1].removesuffix(".sqlite3")
    path = folder / f"{stem}.db"
    marker = folder / f"{stem}.db.rows"
    if path.exists() and marker.exists() and marker.read_text() == str(total):
        return path
    started = time.perf_counter()
    path.unlink(missing_ok=True)
    _export_claims(path)
    marker.write_text(str(total))
    print(f"exported {total:,} claims to {path} in {time.perf_counter() - started:.1f} s")
    return path


def _export_claims(path: Path) -> None:
    lite = sqlite3.connect(path)
    lite.execute(
        "CREATE TABLE claims (id INTEGER PRIMARY KEY, outlet_name TEXT, speaker TEXT, "
        "measure TEXT, status TEXT, qualifier TEXT, value REAL, lower REAL, upper REAL, "
        "quote TEXT, language TEXT, published_on TEXT)"
    )
    sql = (
        "SELECT c.id, o.name, s.name, m.name, c.status, c.qualifier, c.value, c.lower, "
        "c.upper, c.quote, c.language, c.published_on::text FROM claims_claim c "
        "LEFT JOIN articles_outlet o ON o.id = c.outlet_id "
        "LEFT JOIN claims_speaker s ON s.id = c.speaker_id "
        "LEFT JOIN claims_measure m ON m.id = c.measure_id"
    )
    if connection.vendor != "postgresql":
        sql = sql.replace("::text", "")
    with connection.cursor() as cursor:
        cursor.execute(sql)
        while rows := cursor.fetchmany(20_000):
            lite.executemany("INSERT INTO claims VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    # The indexes a Datasette user adds for the columns they filter and facet on.
    for column in ("outlet_name", "status", "speaker", "measure", "published_on"):
        lite.execute(f"CREATE INDEX claims_{column} ON claims ({column})")
    lite.commit()
    lite.execute("ANALYZE")
    lite.close()


def _time_datasette(run: Run, executable: str, path: Path) -> list[Result]:
    """Outlet filter + facet (p50/p95, then req/s), and status filter + outlet facet."""
    config, p = run.config, run.picks
    budget = 5 if config.quick else 20
    database = path.stem
    target = url(f"/{database}/claims.json", outlet_name=p.outlet.name, _facet="outlet_name")
    facet_target = url(
        f"/{database}/claims.json", status="verified", _facet="outlet_name", _size=50
    )
    with datasette(executable, path) as port:
        http_p50, http_p95, _, failures = http_load(
            port, target, concurrency=1, requests=config.runs, budget_s=budget
        )
        _, _, rps, _ = http_load(
            port,
            target,
            concurrency=config.http_concurrency,
            requests=config.http_requests,
            budget_s=budget,
        )
        f50, f95, _, _ = http_load(
            port, facet_target, concurrency=1, requests=config.runs, budget_s=budget
        )
    return [
        Result(
            case=DATASETTE_CASE,
            url=target,
            http_p50=http_p50,
            http_p95=http_p95,
            rps=rps,
            note=f"SQLite copy, -i; {failures} failures",
        ),
        Result(
            case="Datasette: status filter + outlet facet",
            url=facet_target,
            http_p50=f50,
            http_p95=f95,
        ),
    ]
