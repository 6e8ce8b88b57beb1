"""The Isnad benchmark harness: `make bench` (100k articles, 1M claims) and `make bench-quick`.

Builds the data with `generate_data` when the database doesn't hold the requested size, times
each page in-process (django.test.Client) and over HTTP (gunicorn, several workers), runs the
baselines (stock admin changelist, Datasette on a SQLite copy, ILIKE), times import, extraction
and the write path, then prints the table and writes bench/results/<date>[-quick].md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import http.client
import json
import os
import platform
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/isnad_bench"
SLOW_MS = 1000  # a page slower than this gets 3 timed runs and no load test

sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"


# ---------------------------------------------------------------------------------------------
# Measurements


def percentile(samples: list[float], q: float) -> float:
    """The q-th percentile (0–100) by linear interpolation, as numpy's default does."""
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


@dataclass
class Result:
    """One row of the table."""

    case: str
    url: str = ""
    p50: float | None = None  # ms, in-process
    p95: float | None = None
    queries: int | None = None
    sql_ms: float | None = None  # time in SQL during the counted request
    bytes: int | None = None
    http_p50: float | None = None
    http_p95: float | None = None
    rps: float | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""
    status: str = "ok"  # ok | missing | error
    extra: dict = field(default_factory=dict)

    def cells(self) -> list[str]:
        def ms(v: float | None) -> str:
            return "" if v is None else f"{v:.1f}"

        met = {True: "yes", False: "**no**", None: ""}[self.met]
        if self.status != "ok":
            return [self.case, self.status, "", "", "", "", "", "", "", self.target, "", self.note]
        return [
            self.case,
            ms(self.p50),
            ms(self.p95),
            "" if self.queries is None else str(self.queries),
            ms(self.sql_ms),
            "" if self.bytes is None else f"{self.bytes:,}",
            ms(self.http_p50),
            ms(self.http_p95),
            "" if self.rps is None else f"{self.rps:.0f}",
            self.target,
            met,
            self.note,
        ]


HEADERS = [
    "case",
    "p50 ms",
    "p95 ms",
    "queries",
    "SQL ms",
    "bytes",
    "HTTP p50",
    "HTTP p95",
    "req/s",
    "target",
    "met?",
    "note",
]


def needs_login(path: str) -> bool:
    """Admin pages are timed logged in; the public pages as the public sees them."""
    return path.startswith(("/admin/", "/bench-stock-admin/"))


class Timer:
    """Times GET requests in-process with django.test.Client (logged in for the admin)."""

    def __init__(self, client, staff_client, *, warmup: int, runs: int, budget_s: float) -> None:
        self.client = client
        self.staff_client = staff_client
        self.warmup = warmup
        self.runs = runs
        self.budget_s = budget_s

    def get(self, url: str, **headers):
        client = self.staff_client if needs_login(url) else self.client
        response = client.get(url, headers=headers)
        size = (
            sum(len(chunk) for chunk in response.streaming_content)
            if response.streaming
            else len(response.content)
        )
        return response, size

    def measure(self, case: str, url: str, *, headers: dict | None = None) -> Result:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        headers = headers or {}
        result = Result(case=case, url=url)
        try:
            # The first request finds out whether the page exists, its queries and its size.
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response, size = self.get(url, **headers)
                first_ms = (time.perf_counter() - start) * 1000
        except Exception as error:  # the harness reports a broken page and goes on
            result.status, result.note = "error", f"{type(error).__name__}: {error}"[:120]
            return result
        if response.status_code == 404:
            result.status, result.note = "missing", "404: page not on main yet"
            return result
        if response.status_code >= 400:
            result.status, result.note = "error", f"HTTP {response.status_code}"
            if response.status_code == 500:
                result.note += " (a query over the statement timeout?)"
            return result
        result.queries, result.bytes = len(queries), size
        result.sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        samples: list[float] = []
        if first_ms > SLOW_MS:
            # Cold caches make a first request slow: look again before calling the page slow.
            start = time.perf_counter()
            self.get(url, **headers)
            first_ms = min(first_ms, (time.perf_counter() - start) * 1000)
        if first_ms > SLOW_MS:
            # A slow page: three timed requests say enough, and keep the run bounded.
            samples.append(first_ms)
            result.note = "slow: 3 runs"
        else:
            for _ in range(self.warmup - 1):
                self.get(url, **headers)
        deadline = time.perf_counter() + self.budget_s
        for _ in range(self.runs - len(samples)):
            start = time.perf_counter()
            self.get(url, **headers)
            samples.append((time.perf_counter() - start) * 1000)
            enough = 3 if first_ms > SLOW_MS else 5
            if time.perf_counter() > deadline and len(samples) >= enough:
                break
            if first_ms > SLOW_MS and len(samples) >= 3:
                break
        result.p50, result.p95 = percentile(samples, 50), percentile(samples, 95)
        result.extra["samples"] = len(samples)
        return result


def time_callable(
    fn: Callable[[], object], *, runs: int, warmup: int = 2, budget_s: float = 15
) -> tuple[float, float]:
    """(p50, p95) ms of `fn` over `runs` calls, fewer (at least 5) when they pass the budget."""
    for _ in range(warmup):
        fn()
    samples = []
    deadline = time.perf_counter() + budget_s
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
        if time.perf_counter() > deadline and len(samples) >= 5:
            break
    return percentile(samples, 50), percentile(samples, 95)


# ---------------------------------------------------------------------------------------------
# HTTP: gunicorn with several workers, Datasette, and a small concurrent client


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, timeout: float = 30) -> bool:
    deadline = time.time() + timeout
    while time.time() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return True
        time.sleep(0.2)
    return False


def venv_bin(name: str) -> str | None:
    """A bench tool: from the interpreter's own venv first (bench/.venv), then PATH."""
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else shutil.which(name)


@contextlib.contextmanager
def server(argv: list[str], port: int, env: dict | None = None, cwd: Path = ROOT):
    log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in the finally below)
    process = subprocess.Popen(
        argv,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its workers go with it, whatever happens to the harness
    )
    try:
        if not wait_for_port(port):
            log.seek(0)
            raise RuntimeError(
                f"{argv[0]} did not start: {log.read()[-2000:].decode(errors='replace')}"
            )
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
        log.close()


def http_load(
    port: int,
    path: str,
    *,
    cookie: str = "",
    headers: dict | None = None,
    concurrency: int,
    requests: int,
    budget_s: float,
) -> tuple[float, float, float, int]:
    """(p50 ms, p95 ms, requests/s, failures) for `requests` GETs over `concurrency` connections.

    Bounded in count and in time: each thread stops at the deadline whatever is left.
    """
    sent_headers = {"Host": "127.0.0.1", **(headers or {})}
    if cookie:
        sent_headers["Cookie"] = cookie
    lock = threading.Lock()
    latencies: list[float] = []
    failures = [0]
    remaining = [requests]
    deadline = time.perf_counter() + budget_s

    def worker() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.perf_counter() < deadline:
            with lock:
                if remaining[0] <= 0:
                    break
                remaining[0] -= 1
            start = time.perf_counter()
            try:
                connection.request("GET", path, headers=sent_headers)
                response = connection.getresponse()
                response.read()
                ok = response.status < 400
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                if ok:
                    latencies.append(elapsed)
                else:
                    failures[0] += 1
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    if not latencies:
        return float("nan"), float("nan"), 0.0, failures[0]
    return (
        percentile(latencies, 50),
        percentile(latencies, 95),
        len(latencies) / wall,
        failures[0],
    )


# ---------------------------------------------------------------------------------------------
# The run


@dataclass
class Config:
    articles: int
    claims_per_article: int
    seed: int
    quick: bool
    runs: int
    warmup: int
    http_requests: int
    http_sequential: int
    http_concurrency: int
    workers: int
    import_articles: int
    write_rows: int
    save_rows: int
    skip_http: bool
    skip_datasette: bool
    output: Path | None
    force_reset: bool


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
    parser.add_argument("--output", type=Path, default=None, help="Results file to write.")
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


def ensure_database() -> None:
    """Create the PostgreSQL database named by DATABASE_URL when it doesn't exist yet."""
    import dj_database_url
    import psycopg

    settings = dj_database_url.parse(os.environ["DATABASE_URL"])
    if "postgresql" not in settings["ENGINE"]:
        return
    params = {
        "host": settings["HOST"] or "127.0.0.1",
        "port": settings["PORT"] or 5432,
        "user": settings["USER"] or "postgres",
        "password": settings["PASSWORD"] or None,
    }
    try:
        with psycopg.connect(dbname=settings["NAME"], connect_timeout=5, **params):
            return
    except psycopg.OperationalError as error:
        if "does not exist" not in str(error):
            raise SystemExit(
                f"PostgreSQL is not reachable at {params['host']}:{params['port']} ({error}).\n"
                "Start it, or set DATABASE_URL to a database the harness may fill."
            ) from error
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        conn.execute(f'CREATE DATABASE "{settings["NAME"]}"')
    print(f"created database {settings['NAME']}")


def ensure_data(config: Config) -> dict:
    """Migrate, then generate the requested size unless the database already holds exactly it."""
    from django.core.management import call_command

    from articles.models import Article
    from bench.datagen.loading import generate
    from claims.models import Claim

    call_command("migrate", verbosity=0, interactive=False)
    wanted_claims = config.articles * config.claims_per_article
    have = (Article.objects.count(), Claim.objects.count())
    if have == (config.articles, wanted_claims):
        print(f"database holds {have[0]:,} articles and {have[1]:,} claims: reusing them")
        return {"generated": False}
    foreign = Article.objects.exclude(source_name__startswith="generated-").count()
    if foreign and not config.force_reset:
        raise SystemExit(
            f"{os.environ['DATABASE_URL']} holds {foreign} articles the generator did not write: "
            "the harness empties the database before generating, so it stops here. Point "
            "BENCH_DATABASE_URL at a benchmark database, or pass --force-reset."
        )
    print(
        f"generating {config.articles:,} articles × {config.claims_per_article} claims "
        f"(database had {have[0]:,} / {have[1]:,})"
    )
    from tqdm import tqdm

    bars: list = []

    def progress(total: int):
        bars.append(tqdm(total=total, unit="claim", unit_scale=True, file=sys.stderr))
        return bars[0].update

    report = generate(
        articles=config.articles,
        claims_per_article=config.claims_per_article,
        seed=config.seed,
        reset=True,
        progress=progress,
    )
    for bar in bars:
        bar.close()
    print(f"generated {report.summary}")
    return {
        "generated": True,
        "seconds": report.seconds,
        "claims_per_s": report.claims / report.seconds,
    }


def bench_user():
    from django.contrib.auth import get_user_model

    User = get_user_model()
    user, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    if not user.is_superuser:
        user.is_staff = user.is_superuser = True
        user.save()
    return user


@dataclass
class Picks:
    """Filter values drawn from the data: the largest outlet, speaker, measure and so on."""

    outlet: object
    outlet2: object
    speaker: object
    measure: object
    article: object
    rare_ar: str
    common_ar: str
    common_ar_diacritised: str
    rare_en: str
    common_en: str
    deep_id: int
    total: int
    export_filter: dict
    export_rows: int


def pick_values() -> Picks:
    from django.db.models import Count

    from articles.models import Article, Outlet
    from claims.models import Claim, Measure, Speaker

    top_outlets = list(Claim.objects.values("outlet").annotate(n=Count("id")).order_by("-n")[:6])
    outlet = Outlet.objects.get(pk=top_outlets[0]["outlet"])
    outlet2 = Outlet.objects.get(pk=top_outlets[min(5, len(top_outlets) - 1)]["outlet"])
    top_speaker = (
        Claim.objects.exclude(speaker=None)
        .values("speaker")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    speaker = Speaker.objects.get(pk=top_speaker["speaker"])
    top_measure = (
        Claim.objects.exclude(measure=None)
        .values("measure")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    measure = Measure.objects.get(pk=top_measure["measure"])
    article = Article.objects.filter(language="ar").order_by("id").first()
    total = Claim.objects.count()
    ids = Claim.objects.order_by("-id").values_list("id", flat=True)
    deep_id = ids[min(500_000, max(0, total - 60))] if total else 0
    # A rare Arabic term: a family name in the Zipf tail; a common one: the top place.
    rare_speaker = (
        Speaker.objects.filter(kind="person")
        .annotate(n=Count("claims"))
        .filter(n__gte=1)
        .order_by("n", "id")
        .first()
    )
    # A rare search: the full name of the least-quoted person, in Arabic and as transliterated.
    rare_ar = rare_speaker.name if rare_speaker else "سالم عليوان"
    rare_en = next(
        (
            alias
            for alias in (
                rare_speaker.aliases.values_list("name", flat=True) if rare_speaker else []
            )
            if alias.isascii() and " " in alias
        ),
        "Salem Alaywan",
    )
    # The export case wants about 10k rows: the outlet and status whose claims come nearest.
    groups = Claim.objects.values("outlet", "status").annotate(n=Count("id"))
    nearest = min(groups, key=lambda g: abs(g["n"] - 10_000))
    export_filter = {"outlet": nearest["outlet"], "status": nearest["status"]}
    return Picks(
        outlet=outlet,
        outlet2=outlet2,
        speaker=speaker,
        measure=measure,
        article=article,
        rare_ar=rare_ar,
        common_ar="طرابلس",
        common_ar_diacritised="طَرَابُلُس",
        rare_en=rare_en,
        common_en="Tripoli",
        deep_id=deep_id,
        total=total,
        export_filter=export_filter,
        export_rows=nearest["n"],
    )


def url(path: str, **params) -> str:
    clean = {k: v for k, v in params.items() if v is not None}
    return f"{path}?{urlencode(clean)}" if clean else path


def page_cases(p: Picks) -> list[tuple[str, str, str, dict]]:
    """(case, URL, target, headers) for every page timed. URLs follow the dashboard's filters."""
    claims = "/claims/"
    filters = {
        "outlet": {"outlet": p.outlet.pk},
        "speaker": {"speaker": p.speaker.pk},
        "measure": {"measure": p.measure.pk},
        "status": {"status": "disputed"},
        "qualifier": {"qualifier": "range"},
        "language": {"language": "en"},
        "value range": {"value_min": 1000, "value_max": 5000},
        "date range": {"date_from": "2024-01-01", "date_to": "2024-06-30"},
        "outlet+status": {"outlet": p.outlet.pk, "status": "verified"},
    }
    page_target = "p50≤30 p95≤50 q≤6"
    cases = [("claims: unfiltered", claims, page_target, {})]
    cases += [(f"claims: {name}", url(claims, **f), page_target, {}) for name, f in filters.items()]
    cases += [
        ("claims: 10 per page", url(claims, per_page=10), "q same as 100", {}),
        ("claims: 100 per page", url(claims, per_page=100), "q same as 10", {}),
        (
            "claims: htmx partial",
            url(claims, **filters["outlet"]),
            "≤25% of full bytes",
            {"HX-Request": "true"},
        ),
        ("claims: deep page (keyset)", url(claims, after=p.deep_id), "p95≤10", {}),
        ("search: Arabic rare", url(claims, q=p.rare_ar), "p95≤50", {}),
        ("search: Arabic common", url(claims, q=p.common_ar), "p95≤100", {}),
        ("search: Arabic diacritised", url(claims, q=p.common_ar_diacritised), "p95≤100", {}),
        ("search: English rare", url(claims, q=p.rare_en), "p95≤50", {}),
        ("search: English common", url(claims, q=p.common_en), "p95≤100", {}),
        ("measure comparison (largest)", f"/measures/{p.measure.pk}/", "p95≤100", {}),
        ("matrix", "/matrix/", "", {}),
        ("article page", f"/articles/{p.article.pk}/", "", {}),
        (
            f"export CSV {p.export_rows:,} rows",
            url("/claims/export.csv", **p.export_filter),
            "",
            {},
        ),
        (
            f"export JSON {p.export_rows:,} rows",
            url("/claims/export.json", **p.export_filter),
            "",
            {},
        ),
        ("admin changelist: status", "/admin/claims/claim/?status__exact=disputed", "", {}),
        (
            "admin changelist: outlet",
            f"/admin/claims/claim/?outlet__id__exact={p.outlet.pk}",
            "",
            {},
        ),
        ("stock admin: status", "/bench-stock-admin/claims/claim/?status__exact=disputed", "", {}),
        (
            "stock admin: outlet",
            f"/bench-stock-admin/claims/claim/?outlet__id__exact={p.outlet.pk}",
            "",
            {},
        ),
    ]
    return cases


def query_cases(p: Picks, runs: int, budget_s: float) -> list[Result]:
    """What the database can do, whatever the pages do: OFFSET vs keyset, capped facets, ILIKE."""
    from django.db import connection
    from django.db.models import Count

    from claims.models import Claim

    results: list[Result] = []

    def add(case: str, fn: Callable[[], object], target: str = "", check=None, note="") -> Result:
        p50, p95 = time_callable(fn, runs=runs, warmup=1, budget_s=budget_s)
        r = Result(case=case, p50=p50, p95=p95, target=target, note=note)
        if check is not None:
            r.met = check(r)
        results.append(r)
        return r

    depth = min(500_000, max(0, p.total - 60))
    ordered = Claim.objects.order_by("-id").values_list("id", flat=True)
    add(f"SQL: page {depth:,} deep, OFFSET", lambda: list(ordered[depth : depth + 50]))
    add(
        f"SQL: page {depth:,} deep, keyset",
        lambda: list(ordered.filter(id__lte=p.deep_id)[:50]),
        "p95≤10",
        lambda r: r.p95 <= 10,
    )
    by_outlet = Claim.objects.filter(outlet=p.outlet).order_by("-id").values_list("id", flat=True)
    outlet_rows = by_outlet.count()
    outlet_depth = max(0, outlet_rows // 2)
    mid_id = by_outlet[outlet_depth] if outlet_rows else 0
    add(
        f"SQL: outlet filter, {outlet_depth:,} deep, OFFSET",
        lambda: list(by_outlet[outlet_depth : outlet_depth + 50]),
    )
    add(
        f"SQL: outlet filter, {outlet_depth:,} deep, keyset",
        lambda: list(by_outlet.filter(id__lte=mid_id)[:50]),
        "p95≤10",
        lambda r: r.p95 <= 10,
    )
    for column in ("outlet_id", "speaker_id", "status"):
        full = Claim.objects.filter(status="verified").values(column).annotate(n=Count("id"))
        add(f"SQL: facet {column}, full count (status=verified)", lambda q=full: list(q.all()))
    if connection.vendor == "postgresql":
        cap = 10_000
        for column in ("outlet_id", "speaker_id", "status"):
            sql = (
                f"SELECT {column}, count(*) FROM (SELECT {column} FROM claims_claim "
                f"WHERE status = %s ORDER BY id DESC LIMIT {cap}) s GROUP BY 1 "
                "ORDER BY 2 DESC LIMIT 30"
            )

            def capped(sql=sql):
                with connection.cursor() as cursor:
                    cursor.execute(sql, ["verified"])
                    return cursor.fetchall()

            add(
                f"SQL: facet {column}, capped at {cap:,} rows",
                capped,
                "p95≤50",
                lambda r: r.p95 <= 50,
            )
    # The dashboard's own capped facet query.
    for label, qs in (
        ("unfiltered", Claim.objects.all()),
        ("status=verified", Claim.objects.filter(status="verified")),
        ("outlet", Claim.objects.filter(outlet=p.outlet)),
    ):
        add(
            f"dashboard facet_counts(10,000), {label}",
            lambda qs=qs: qs.all().facet_counts(10_000),
            "p95≤50",
            lambda r: r.p95 <= 50,
        )
    operator = "ILIKE" if connection.vendor == "postgresql" else "LIKE"
    for name, term in (
        ("Arabic rare", p.rare_ar),
        ("Arabic common", p.common_ar),
        ("English rare", p.rare_en),
        ("English common", p.common_en),
    ):
        # The fields the search document covers (claims.search): quote, counted, speaker, title.
        sql = (
            "SELECT c.id FROM claims_claim c JOIN articles_article a ON a.id = c.article_id "
            "LEFT JOIN claims_speaker s ON s.id = c.speaker_id "
            f"WHERE c.quote {operator} %s OR c.counted {operator} %s "
            f"OR c.speaker_text {operator} %s OR s.name {operator} %s OR a.title {operator} %s "
            "ORDER BY c.id DESC LIMIT 50"
        )

        def ilike(sql=sql, term=term):
            with connection.cursor() as cursor:
                cursor.execute(sql, [f"%{term}%"] * 5)
                return cursor.fetchall()

        add(f"baseline: {operator} search, {name}", ilike, note=f"'{term}', first 50")
        # The page also counts matches (capped): the same with ILIKE, up to 10,000 matches.
        capped_sql = f"SELECT count(*) FROM ({sql.replace('LIMIT 50', 'LIMIT 10000')}) s"

        def ilike_capped(sql=capped_sql, term=term):
            with connection.cursor() as cursor:
                cursor.execute(sql, [f"%{term}%"] * 5)
                return cursor.fetchall()

        add(
            f"baseline: {operator} search, {name}, count ≤10,000",
            ilike_capped,
            note=f"'{term}'",
        )
    return results


def search_consistency(p: Picks) -> str:
    """Do diacritised and plain queries find the same articles? Uses the search queryset."""
    from claims.models import Claim

    try:
        from claims.search import search_claims
    except ImportError:
        return "missing: claims.search not on main yet"

    def articles(query: str) -> set[int]:
        found = search_claims(Claim.objects.all(), query).order_by().values_list("article_id")
        return {row[0] for row in found.distinct()}

    # A fatha after the first letter: how a vocalised spelling of the rare name reaches us.
    rare_marked = p.rare_ar[0] + "\u064e" + p.rare_ar[1:]
    lines = []
    for plain_query, marked_query in (
        (p.common_ar, p.common_ar_diacritised),
        (p.rare_ar, rare_marked),
    ):
        try:
            plain, marked = articles(plain_query), articles(marked_query)
        except Exception as error:  # report, don't crash
            return f"error: {type(error).__name__}: {error}"
        same = "the same articles" if plain == marked else "**different articles**"
        lines.append(
            f"'{plain_query}' finds {len(plain):,} articles, "
            f"'{marked_query}' {len(marked):,}: {same}"
        )
    return "; ".join(lines)


def datasette_baseline(config: Config, p: Picks, our_page_ms: float | None) -> list[Result]:
    """Datasette serving a SQLite copy of the claims (with outlet names), same filter + facet."""
    from django.db import connection

    datasette = venv_bin("datasette")
    if datasette is None or config.skip_datasette:
        return [
            Result(
                case="Datasette: outlet filter + facet",
                status="missing",
                note="datasette not installed (make bench builds bench/.venv)",
            )
        ]
    folder = ROOT / "var" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    # One SQLite copy per benchmark database; Datasette names the database after the file.
    stem = str(connection.settings_dict["NAME"]).rsplit("/", 1)[-1].removesuffix(".sqlite3")
    path = folder / f"{stem}.db"
    marker = folder / f"{stem}.db.rows"
    if not (path.exists() and marker.exists() and marker.read_text() == str(p.total)):
        started = time.perf_counter()
        path.unlink(missing_ok=True)
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
        marker.write_text(str(p.total))
        print(f"exported {p.total:,} claims to {path} in {time.perf_counter() - started:.1f} s")
    port = free_port()
    target = url(f"/{stem}/claims.json", outlet_name=p.outlet.name, _facet="outlet_name")
    budget = 5 if config.quick else 20
    results = []
    try:
        with server([datasette, "serve", "-i", str(path), "--port", str(port)], port):
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
            r = Result(
                case="Datasette: outlet filter + facet",
                url=target,
                http_p50=http_p50,
                http_p95=http_p95,
                rps=rps,
                note=f"SQLite copy, -i; {failures} failures",
            )
            facet_target = url(
                f"/{stem}/claims.json", status="verified", _facet="outlet_name", _size=50
            )
            f50, f95, _, _ = http_load(
                port, facet_target, concurrency=1, requests=config.runs, budget_s=budget
            )
            results += [
                r,
                Result(
                    case="Datasette: status filter + outlet facet",
                    url=facet_target,
                    http_p50=f50,
                    http_p95=f95,
                ),
            ]
    except RuntimeError as error:
        results.append(
            Result(case="Datasette: outlet filter + facet", status="error", note=str(error)[:200])
        )
    return results


def run_http(config: Config, cases: list[Result], headers_by_case: dict, cookie: str) -> str:
    """Time every page that exists over HTTP against gunicorn with several workers."""
    gunicorn = venv_bin("gunicorn")
    if gunicorn is None or config.skip_http:
        return "HTTP skipped: gunicorn not installed (make bench builds bench/.venv)"
    port = free_port()
    argv = [
        gunicorn,
        "project.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(config.workers),
        "--worker-class",
        "sync",
        "--timeout",
        "120",
        "--access-logfile",
        "/dev/null",
    ]
    env = {"DJANGO_SETTINGS_MODULE": "bench.settings", "PYTHONPATH": str(ROOT)}
    budget = 4 if config.quick else 10
    with server(argv, port, env=env):
        for case in cases:
            if case.status != "ok" or not case.url:
                continue
            load = {
                "cookie": cookie if needs_login(case.url) else "",
                "headers": headers_by_case.get(case.case, {}),
            }
            if case.p50 is not None and case.p50 > SLOW_MS:
                # Slow in-process already: three sequential requests, no load test.
                case.http_p50, case.http_p95, case.rps, _ = http_load(
                    port, case.url, **load, concurrency=1, requests=3, budget_s=budget
                )
                continue
            # Warm every worker before timing.
            http_load(
                port,
                case.url,
                **load,
                concurrency=config.workers,
                requests=config.workers,
                budget_s=budget,
            )
            case.http_p50, case.http_p95, _, _ = http_load(
                port,
                case.url,
                **load,
                concurrency=1,
                requests=config.http_sequential,
                budget_s=budget,
            )
            _, _, case.rps, failures = http_load(
                port,
                case.url,
                **load,
                concurrency=config.http_concurrency,
                requests=config.http_requests,
                budget_s=budget,
            )
            if failures:
                case.note = (case.note + f"; {failures} HTTP failures").lstrip("; ")
    return f"gunicorn, {config.workers} sync workers; client: {config.http_concurrency} threads"


def import_bench(config: Config) -> list[Result]:
    """Import of generated article files end to end (with extraction), and extraction alone."""
    from django.db.models import Max

    from articles.importing import import_paths
    from articles.models import Article, Outlet, OutletAlias
    from bench.datagen.composition import compose_articles
    from bench.datagen.vocabulary import Vocabulary
    from claims.models import Claim, Speaker, SpeakerAlias

    results: list[Result] = []
    composed = list(
        compose_articles(
            config.seed + 1000,
            config.import_articles,
            config.claims_per_article,
            first_number=10_000_000,
        )
    )
    vocabulary = Vocabulary.build(config.seed + 1000)
    try:
        from claims.extraction import extract_claims
    except ImportError:
        extract_claims = None
    with tempfile.TemporaryDirectory() as folder:
        manifest = {"articles": {}}
        for i, article in enumerate(composed):
            name = f"{i:06d}.txt"
            Path(folder, name).write_text(article.body, encoding="utf-8")
            manifest["articles"][name] = {
                "outlet": vocabulary.outlets[article.outlet][0]
                if article.outlet is not None
                else None,
                "language": article.language,
                "published_on": article.published_on.isoformat() if article.published_on else None,
            }
        Path(folder, "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        kb = sum(len(a.body.encode("utf-8")) for a in composed) / 1024
        before = {
            model: model.objects.aggregate(m=Max("id"))["m"] or 0
            for model in (Article, Speaker, SpeakerAlias, Outlet, OutletAlias)
        }
        hooks = None if extract_claims else []
        start = time.perf_counter()
        report = import_paths([Path(folder)], hooks=hooks)
        seconds = time.perf_counter() - start
        label = "import with extraction" if extract_claims else "import WITHOUT extraction"
        rate = report.new / seconds if seconds else 0
        results.append(
            Result(
                case=f"{label} ({report.new} articles)",
                target="≥500 articles/s",
                met=rate >= 500 if extract_claims else None,
                note=f"{rate:,.0f} articles/s, {report.claims:,} claims, "
                f"{len(report.failed)} failed"
                + ("" if extract_claims else "; claims.extraction missing on main"),
                extra={"articles_per_s": rate},
            )
        )
        # Leave the benchmark data as generated: remove what the import added.
        new_articles = Article.objects.filter(id__gt=before[Article])
        Claim.history.filter(article_id__in=new_articles.values("id")).delete()
        new_articles.delete()
        for model in (SpeakerAlias, OutletAlias):
            model.objects.filter(id__gt=before[model]).delete()
        Speaker.objects.filter(id__gt=before[Speaker]).delete()
        Outlet.objects.filter(id__gt=before[Outlet], articles=None, published_claims=None).delete()
    if extract_claims is None:
        results.append(
            Result(
                case="extraction alone", status="missing", note="claims.extraction not on main yet"
            )
        )
        return results
    start = time.perf_counter()
    found = sum(len(list(extract_claims(a.body, language=a.language))) for a in composed)
    seconds = time.perf_counter() - start
    results.append(
        Result(
            case="extraction alone",
            note=f"{kb / seconds:,.0f} KB/s over {kb:,.0f} KB, "
            f"{found:,} candidates ({found / max(1, sum(len(a.claims) for a in composed)):.0%}"
            " of the generated figures)",
            extra={"kb_per_s": kb / seconds},
        )
    )
    return results


def write_path_bench(config: Config) -> list[Result]:
    """Claim rows/s through COPY, bulk_create and a per-row save() loop, all rolled back."""
    from django.db import connection, transaction
    from django.utils import timezone

    from articles.models import Article
    from bench.datagen.loading import CLAIM_COLUMNS, extra_columns, write_rows
    from claims.models import Claim

    now = timezone.now()
    results: list[Result] = []

    class Rollback(Exception):
        pass

    def scratch_articles(n: int) -> list[Article]:
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

    def claim_rows(articles: list[Article], n: int) -> list[dict]:
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

    def timed(label: str, n: int, fn: Callable[[list[dict]], None], target=None) -> None:
        try:
            with transaction.atomic():
                articles = scratch_articles(max(1, n // 500))
                rows = claim_rows(articles, n)
                start = time.perf_counter()
                fn(rows)
                seconds = time.perf_counter() - start
                raise Rollback
        except Rollback:
            pass
        rate = n / seconds
        results.append(
            Result(
                case=f"write path: {label}",
                note=f"{rate:,.0f} claim rows/s ({n:,} rows)",
                target=target or "",
                met=(rate >= 50_000) if target else None,
                extra={"rows_per_s": rate},
            )
        )

    def copy(rows: list[dict], bare_table: bool = False) -> None:
        base = (Claim.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
        defaults = {
            "outlet_id": None,
            "language": "ar",
            "published_on": None,
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
                "_speaker_name": "",
                "_title": r["article"].title,
                **{k: v for k, v in r.items() if k != "article"},
            }
            for column, fill in extra.items():
                values[column] = fill(values)
            out.append([values[c] for c in columns])
        if bare_table:
            # The same rows into a copy of the table without its indexes, constraints and
            # triggers: what COPY itself costs, apart from keeping the indexes.
            with connection.cursor() as cursor:
                cursor.execute(
                    "CREATE TEMP TABLE IF NOT EXISTS bench_bare_claim "
                    "(LIKE claims_claim INCLUDING DEFAULTS)"
                )
                quoted = ", ".join(f'"{c}"' for c in columns)
                with cursor.cursor.copy(f"COPY bench_bare_claim ({quoted}) FROM STDIN") as sink:
                    for row in out:
                        sink.write_row(row)
            return
        write_rows(Claim, columns, out)

    def bulk(rows: list[dict]) -> None:
        claims = [Claim(**r) for r in rows]
        for claim in claims:
            claim.copy_article_fields()
            if hasattr(claim, "refresh_search_text"):
                claim.refresh_search_text()  # what claims.ingest does before bulk_create
        Claim.objects.bulk_create(claims, batch_size=2000)

    def save_loop(rows: list[dict]) -> None:
        for r in rows:
            Claim(**r).save()

    if connection.vendor == "postgresql":
        timed("COPY (psycopg 3)", config.write_rows, copy, target="≥50k rows/s")
        timed(
            "COPY into the table without indexes",
            config.write_rows,
            lambda rows: copy(rows, bare_table=True),
        )
    timed("bulk_create", config.write_rows, bulk, target="≥50k rows/s")
    timed("save() per row (with history)", config.save_rows, save_loop)
    return results


# ---------------------------------------------------------------------------------------------
# Targets, ratios and the report


def evaluate(pages: list[Result]) -> None:
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


def ratios(pages: list[Result], queries: list[Result], datasette: list[Result]) -> list[tuple]:
    """(comparison, their time, our time, ratio, target, met?)."""
    by = {r.case: r for r in pages + queries + datasette}
    rows = []

    def compare(label, theirs, ours, target, attr="p50", their_attr=None) -> None:
        t, o = by.get(theirs), by.get(ours)
        if not t or not o or t.status != "ok" or o.status != "ok":
            rows.append((label, "", "", "missing", target, None))
            return
        tv, ov = getattr(t, their_attr or attr), getattr(o, attr)
        if tv is None or ov is None or ov != ov or tv != tv:
            rows.append((label, "", "", "missing", target, None))
            return
        ratio = tv / ov if ov else float("inf")
        need = float(target.lstrip("≥").rstrip("×")) if target else None
        rows.append(
            (
                label,
                f"{tv:.1f}",
                f"{ov:.1f}",
                f"{ratio:.1f}×",
                target,
                None if need is None else ratio >= need,
            )
        )

    compare(
        "stock admin / our claims page (outlet)", "stock admin: outlet", "claims: outlet", "≥10×"
    )
    compare(
        "stock admin / our claims page (status)", "stock admin: status", "claims: status", "≥10×"
    )
    compare(
        "stock admin / our admin (outlet)",
        "stock admin: outlet",
        "admin changelist: outlet",
        "≥10×",
    )
    compare(
        "stock admin / our admin (status)",
        "stock admin: status",
        "admin changelist: status",
        "≥10×",
    )
    compare(
        "Datasette / our claims page (outlet, HTTP p50)",
        "Datasette: outlet filter + facet",
        "claims: outlet",
        "≥1.5×",
        attr="http_p50",
    )
    compare(
        "ILIKE / our search (Arabic rare)",
        "baseline: ILIKE search, Arabic rare",
        "search: Arabic rare",
        "≥20×",
    )
    compare(
        "ILIKE / our search (Arabic common; ILIKE first 50 only)",
        "baseline: ILIKE search, Arabic common",
        "search: Arabic common",
        "",
    )
    compare(
        "ILIKE with count ≤10,000 / our search (Arabic common)",
        "baseline: ILIKE search, Arabic common, count ≤10,000",
        "search: Arabic common",
        "≥20×",
    )
    compare(
        "ILIKE with count ≤10,000 / our search (English common)",
        "baseline: ILIKE search, English common, count ≤10,000",
        "search: English common",
        "≥20×",
    )
    compare(
        "ILIKE / our search (English rare)",
        "baseline: ILIKE search, English rare",
        "search: English rare",
        "≥20×",
    )
    compare(
        "OFFSET / keyset, 500k deep (SQL)",
        next((r.case for r in queries if "OFFSET" in r.case), ""),
        next((r.case for r in queries if "keyset" in r.case), ""),
        "",
        attr="p95",
    )
    return rows


def markdown_table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]
    return "\n".join(lines)


def machine() -> str:
    from django.db import connection

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
    import django

    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, Django {django.get_version()}, {db}{db_settings()}"
    )


def db_settings() -> str:
    from django.db import connection

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


def main(argv: list[str] | None = None) -> int:
    config = parse_args(argv)
    loads = [load_average()]
    # Stopped from outside (make interrupted, a timeout): unwind, so servers are stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    began = time.perf_counter()
    ensure_database()
    import django

    django.setup()
    from django.test import Client

    generation = ensure_data(config)
    picks = pick_values()
    user = bench_user()
    staff_client = Client(raise_request_exception=False)
    staff_client.force_login(user)
    cookie = f"sessionid={staff_client.cookies['sessionid'].value}"
    timer = Timer(
        Client(raise_request_exception=False),
        staff_client,
        warmup=config.warmup,
        runs=config.runs,
        budget_s=5 if config.quick else 30,
    )

    print(f"timing pages in-process ({config.runs} runs each)")
    pages: list[Result] = []
    headers_by_case: dict[str, dict] = {}
    for case, target_url, target, headers in page_cases(picks):
        result = timer.measure(case, target_url, headers=headers)
        result.target = target
        pages.append(result)
        headers_by_case[case] = headers
        print(f"  {case:38} {result.status:8} p50={result.p50 or 0:8.1f} ms  q={result.queries}")
    evaluate(pages)
    print("timing queries")
    queries = query_cases(picks, config.runs, 3 if config.quick else 15)
    consistency = search_consistency(picks)
    print("HTTP")
    http_note = run_http(config, pages, headers_by_case, cookie)
    print("Datasette")
    ours = next((r for r in pages if r.case == "claims: outlet"), None)
    datasette = datasette_baseline(config, picks, ours.http_p50 if ours else None)
    print("import, extraction and the write path")
    imports = import_bench(config) + write_path_bench(config)
    compared = ratios(pages, queries, datasette)
    elapsed = time.perf_counter() - began

    loads.append(load_average())
    report = render(
        loads,
        config,
        picks,
        generation,
        pages,
        queries,
        datasette,
        imports,
        compared,
        consistency,
        http_note,
        elapsed,
    )
    print()
    print(report)
    output = (
        config.output
        or RESULTS / f"{dt.date.today().isoformat()}{'-quick' if config.quick else ''}.md"
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(report, encoding="utf-8")
    print(f"\nwritten to {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}")
    return 0


def render(
    loads,
    config,
    picks,
    generation,
    pages,
    queries,
    datasette,
    imports,
    compared,
    consistency,
    http_note,
    elapsed,
) -> str:
    from django.db import connection

    size = (
        f"{config.articles:,} articles × {config.claims_per_article} claims "
        f"= {picks.total:,} claims"
    )
    lines = [
        f"# Isnad benchmark, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"
        f"{' (quick)' if config.quick else ''}",
        "",
        f"- machine: {machine()}",
        f"- data: {size} on {connection.vendor} (seed {config.seed}); "
        + (
            f"generated in {generation['seconds']:.0f} s "
            f"({generation['claims_per_s']:,.0f} claims/s)"
            if generation.get("generated")
            else "reused from an earlier run"
        ),
        f"- code: git {git_revision()}; settings bench.settings (DEBUG off)",
        "- in-process: django.test.Client, anonymous for the public pages, logged in as a "
        f"superuser for the admin (2 more queries: session, user), {config.warmup} warm-up "
        f"requests, then up to {config.runs} timed; queries counted on one extra request",
        f"- HTTP: {http_note}",
        f"- picks: largest outlet {picks.outlet} (#{picks.outlet.pk}), top speaker "
        f"{picks.speaker} (#{picks.speaker.pk}), largest measure {picks.measure} "
        f"(#{picks.measure.pk}), article #{picks.article.pk}; search terms rare "
        f"'{picks.rare_ar}' / '{picks.rare_en}', common '{picks.common_ar}' / '{picks.common_en}'",
        f"- run took {elapsed / 60:.1f} min; load average (1/5/15 min) at the start "
        f"{loads[0]}, at the end {loads[1]} on {os.cpu_count()} cores (other work shares them)",
        "",
        "## Pages",
        "",
        markdown_table(HEADERS, [r.cells() for r in pages + datasette]),
        "",
        "## Queries under the pages (SQL only, in-process)",
        "",
        markdown_table(HEADERS, [r.cells() for r in queries]),
        "",
        f"Diacritics: {consistency}",
        "",
        "## Ratios (their time / our time; higher is better for us)",
        "",
        markdown_table(
            ["comparison", "theirs ms", "ours ms", "ratio", "target", "met?"],
            [
                [a, b, c, d, e, {True: "yes", False: "**no**", None: ""}[f]]
                for a, b, c, d, e, f in compared
            ],
        ),
        "",
        "## Import, extraction, write path",
        "",
        markdown_table(HEADERS, [r.cells() for r in imports]),
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
