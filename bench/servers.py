"""Servers for the HTTP timings: free ports, gunicorn and Datasette started and stopped, a small
concurrent HTTP client, and the URLs the cases ask for."""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

from bench import ROOT
from bench.timing import percentile


def url(path: str, **params) -> str:
    """`path?query` from the parameters that are not None."""
    clean = {k: v for k, v in params.items() if v is not None}
    return f"{path}?{urlencode(clean)}" if clean else path


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
    """Run `argv` until the block ends; it must listen on `port` within 30 s."""
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


@contextlib.contextmanager
def gunicorn(executable: str, *, workers: int) -> Iterator[int]:
    """The project under gunicorn (sync workers, bench settings); yields its port."""
    port = free_port()
    argv = [
        executable,
        "project.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--timeout",
        "120",
        "--access-logfile",
        "/dev/null",
    ]
    env = {"DJANGO_SETTINGS_MODULE": "bench.settings", "PYTHONPATH": str(ROOT)}
    with server(argv, port, env=env):
        yield port


@contextlib.contextmanager
def datasette(executable: str, database: Path) -> Iterator[int]:
    """`datasette serve -i` (immutable) over a SQLite file; yields its port."""
    port = free_port()
    with server([executable, "serve", "-i", str(database), "--port", str(port)], port):
        yield port


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
            ok, connection = _get(connection, path, sent_headers)
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


def _get(
    connection: http.client.HTTPConnection, path: str, headers: dict
) -> tuple[bool, http.client.HTTPConnection]:
    """One keep-alive GET: (succeeded, the connection to use next, reopened when it closed)."""
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        ok = response.status < 400
        if response.getheader("Connection", "").lower() == "close":
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", connection.port, timeout=60)
    except (OSError, http.client.HTTPException):
        ok = False
        connection.close()
        connection = http.client.HTTPConnection("127.0.0.1", connection.port, timeout=60)
    return ok, connection
