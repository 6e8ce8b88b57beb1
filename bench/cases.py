"""The cases: every page timed in-process and over HTTP, the SQL under the pages (OFFSET vs
keyset, facets, the ILIKE baseline), and whether diacritised searches find the same articles."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.db.models import Count

from bench import baselines
from bench.context import PAGES, QUERIES, Run
from bench.dataset import Picks
from bench.report import evaluate
from bench.servers import gunicorn, http_load, url, venv_bin
from bench.timing import SLOW_MS, Result, needs_login, time_callable
from claims.models import Claim

PAGE_TARGET = "p50≤30 p95≤50 q≤6"


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
    cases = [("claims: unfiltered", claims, PAGE_TARGET, {})]
    cases += [(f"claims: {name}", url(claims, **f), PAGE_TARGET, {}) for name, f in filters.items()]
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
    ]
    return cases + baselines.stock_admin_cases(p)


def time_pages(run: Run) -> None:
    """Step: every page in-process (django.test.Client), then the targets that compare pages."""
    print(f"timing pages in-process ({run.config.runs} runs each)")
    pages = []
    for case, target_url, target, headers in page_cases(run.picks):
        result = run.timer.measure(case, target_url, headers=headers)
        result.target = target
        pages.append(result)
        print(f"  {case:38} {result.status:8} p50={result.p50 or 0:8.1f} ms  q={result.queries}")
    evaluate(pages)
    run.add(PAGES, *pages)


def time_pages_over_http(run: Run) -> None:
    """Step: every page timed in-process, again over HTTP against gunicorn with several workers."""
    print("HTTP")
    config = run.config
    executable = venv_bin("gunicorn")
    if executable is None or config.skip_http:
        run.http = "HTTP skipped: gunicorn not installed (make bench builds bench/.venv)"
        return
    budget = 4 if config.quick else 10
    with gunicorn(executable, workers=config.workers) as port:
        for case in run.results(PAGES):
            # Only what was timed in-process (a baseline served elsewhere has no p50).
            if case.status != "ok" or not case.url or case.p50 is None:
                continue
            _time_page_over_http(run, port, case, budget)
    run.http = f"gunicorn, {config.workers} sync workers; client: {config.http_concurrency} threads"


def _time_page_over_http(run: Run, port: int, case: Result, budget: float) -> None:
    """p50/p95 with one connection (after warming every worker), then req/s under load."""
    config = run.config
    load = {
        "cookie": run.cookie if needs_login(case.url) else "",
        "headers": case.extra.get("headers", {}),
    }
    if case.p50 > SLOW_MS:
        # Slow in-process already: three sequential requests, no load test.
        case.http_p50, case.http_p95, case.rps, _ = http_load(
            port, case.url, **load, concurrency=1, requests=3, budget_s=budget
        )
        return
    http_load(
        port,
        case.url,
        **load,
        concurrency=config.workers,
        requests=config.workers,
        budget_s=budget,
    )
    case.http_p50, case.http_p95, _, _ = http_load(
        port, case.url, **load, concurrency=1, requests=config.http_sequential, budget_s=budget
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


class _Queries:
    """Collects timed SQL cases: what the database can do, whatever the pages do."""

    def __init__(self, runs: int, budget_s: float) -> None:
        self.runs, self.budget_s = runs, budget_s
        self.results: list[Result] = []

    def add(
        self,
        case: str,
        fn: Callable[[], object],
        target: str = "",
        check: Callable[[Result], bool] | None = None,
        note: str = "",
    ) -> None:
        p50, p95 = time_callable(fn, runs=self.runs, warmup=1, budget_s=self.budget_s)
        result = Result(case=case, p50=p50, p95=p95, target=target, note=note)
        if check is not None:
            result.met = check(result)
        self.results.append(result)


def time_queries(run: Run) -> None:
    """Step: OFFSET vs keyset, full vs capped facets, the dashboard's facets, ILIKE."""
    print("timing queries")
    queries = _Queries(run.config.runs, 3 if run.config.quick else 15)
    _paging_queries(queries, run.picks)
    _facet_queries(queries, run.picks)
    _ilike_queries(queries, run.picks)
    run.add(QUERIES, *queries.results)


def _p95_at_most(ms: float) -> Callable[[Result], bool]:
    return lambda r: r.p95 <= ms


def _paging_queries(queries: _Queries, p: Picks) -> None:
    """A page deep in the table and deep in one outlet's claims, by OFFSET and by keyset."""
    depth = min(500_000, max(0, p.total - 60))
    ordered = Claim.objects.order_by("-id").values_list("id", flat=True)
    queries.add(f"SQL: page {depth:,} deep, OFFSET", lambda: list(ordered[depth : depth + 50]))
    queries.add(
        f"SQL: page {depth:,} deep, keyset",
        lambda: list(ordered.filter(id__lte=p.deep_id)[:50]),
        "p95≤10",
        _p95_at_most(10),
    )
    by_outlet = Claim.objects.filter(outlet=p.outlet).order_by("-id").values_list("id", flat=True)
    outlet_rows = by_outlet.count()
    outlet_depth = max(0, outlet_rows // 2)
    mid_id = by_outlet[outlet_depth] if outlet_rows else 0
    queries.add(
        f"SQL: outlet filter, {outlet_depth:,} deep, OFFSET",
        lambda: list(by_outlet[outlet_depth : outlet_depth + 50]),
    )
    queries.add(
        f"SQL: outlet filter, {outlet_depth:,} deep, keyset",
        lambda: list(by_outlet.filter(id__lte=mid_id)[:50]),
        "p95≤10",
        _p95_at_most(10),
    )


def _facet_queries(queries: _Queries, p: Picks) -> None:
    """Facet counts in full, capped at 10,000 rows (PostgreSQL), and the dashboard's own."""
    for column in ("outlet_id", "speaker_id", "status"):
        full = Claim.objects.filter(status="verified").values(column).annotate(n=Count("id"))
        queries.add(
            f"SQL: facet {column}, full count (status=verified)", lambda q=full: list(q.all())
        )
    if connection.vendor == "postgresql":
        cap = 10_000
        for column in ("outlet_id", "speaker_id", "status"):
            sql = (
                f"SELECT {column}, count(*) FROM (SELECT {column} FROM claims_claim "
                f"WHERE status = %s ORDER BY id DESC LIMIT {cap}) s GROUP BY 1 "
                "ORDER BY 2 DESC LIMIT 30"
            )
            queries.add(
                f"SQL: facet {column}, capped at {cap:,} rows",
                lambda sql=sql: _fetch(sql, ["verified"]),
                "p95≤50",
                _p95_at_most(50),
            )
    for label, qs in (
        ("unfiltered", Claim.objects.all()),
        ("status=verified", Claim.objects.filter(status="verified")),
        ("outlet", Claim.objects.filter(outlet=p.outlet)),
    ):
        queries.add(
            f"dashboard facet_counts(10,000), {label}",
            lambda qs=qs: qs.all().facet_counts(10_000),
            "p95≤50",
            _p95_at_most(50),
        )


def _ilike_queries(queries: _Queries, p: Picks) -> None:
    """The baseline for search: ILIKE '%term%' over the fields the search document covers."""
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
        params = [f"%{term}%"] * 5
        queries.add(
            f"baseline: {operator} search, {name}",
            lambda sql=sql, params=params: _fetch(sql, params),
            note=f"'{term}', first 50",
        )
        # The page also counts matches (capped): the same with ILIKE, up to 10,000 matches.
        capped_sql = f"SELECT count(*) FROM ({sql.replace('LIMIT 50', 'LIMIT 10000')}) s"
        queries.add(
            f"baseline: {operator} search, {name}, count ≤10,000",
            lambda sql=capped_sql, params=params: _fetch(sql, params),
            note=f"'{term}'",
        )


def _fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def check_search_consistency(run: Run) -> None:
    """Step: do diacritised and plain queries find the same articles? (a note under Queries)"""
    run.section(QUERIES).notes.append(f"Diacritics: {search_consistency(run.picks)}")


def search_consistency(p: Picks) -> str:
    """Whether each plain/diacritised pair of queries finds the same articles, in words."""

    def articles(query: str) -> set[int]:
        found = Claim.objects.all().search(query).order_by().values_list("article_id")
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
