"""Timing: percentiles, the Result row every benchmark reports, and in-process page timing."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.test.utils import CaptureQueriesContext

SLOW_MS = 1000  # a page slower than this gets 3 timed runs and no load test


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
        """The page's queries, size and p50/p95; `missing` or `error` when it has none."""
        headers = headers or {}
        # The request headers stay with the result: the HTTP step sends the same.
        result = Result(case=case, url=url, extra={"headers": headers})
        try:
            # The first request finds out whether the page exists, its queries and its size.
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response, size = self.get(url, **headers)
                first_ms = (time.perf_counter() - start) * 1000
        except Exception as error:  # the harness reports a broken page and goes on
            result.status, result.note = "error", f"{type(error).__name__}: {error}"[:120]
            return result
        if _failed(result, response.status_code):
            return result
        result.queries, result.bytes = len(queries), size
        result.sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        samples = self._samples(url, headers, first_ms)
        if samples.slow:
            result.note = "slow: 3 runs"
        result.p50, result.p95 = percentile(samples.ms, 50), percentile(samples.ms, 95)
        result.extra["samples"] = len(samples.ms)
        return result

    def _samples(self, url: str, headers: dict, first_ms: float) -> _Samples:
        """Timed requests after the first: warm-up, then up to `runs`, bounded by the budget."""
        if first_ms > SLOW_MS:
            # Cold caches make a first request slow: look again before calling the page slow.
            start = time.perf_counter()
            self.get(url, **headers)
            first_ms = min(first_ms, (time.perf_counter() - start) * 1000)
        slow = first_ms > SLOW_MS
        samples: list[float] = []
        if slow:
            # A slow page: three timed requests say enough, and keep the run bounded.
            samples.append(first_ms)
        else:
            for _ in range(self.warmup - 1):
                self.get(url, **headers)
        deadline = time.perf_counter() + self.budget_s
        for _ in range(self.runs - len(samples)):
            start = time.perf_counter()
            self.get(url, **headers)
            samples.append((time.perf_counter() - start) * 1000)
            enough = 3 if slow else 5
            if time.perf_counter() > deadline and len(samples) >= enough:
                break
            if slow and len(samples) >= 3:
                break
        return _Samples(samples, slow)


@dataclass
class _Samples:
    ms: list[float]
    slow: bool


def _failed(result: Result, status_code: int) -> bool:
    """Mark a page that isn't there (404) or fails; True when it did."""
    if status_code == 404:
        result.status, result.note = "missing", "404: page not on main yet"
        return True
    if status_code >= 400:
        result.status, result.note = "error", f"HTTP {status_code}"
        if status_code == 500:
            result.note += " (a query over the statement timeout?)"
        return True
    return False


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
