"""A local HTTP server for the web-source tests: the fixture pages and feeds of tests/data/web/
(with `{base}` replaced by the server's own address) and every bad case by name.

It remembers each request (path, headers, status) so tests can say what was fetched, and honours
If-None-Match / If-Modified-Since like a well-behaved news site.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

WEB = Path(__file__).resolve().parent / "data" / "web"
LAST_MODIFIED = "Tue, 26 May 2020 10:00:00 GMT"
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/rss+xml; charset=utf-8",
}


@dataclass
class Hit:
    path: str
    status: int
    headers: dict[str, str]


class WebServer:
    def __init__(self) -> None:
        self.hits: list[Hit] = []
        self.slow_seconds = 3.0
        self.pages: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.validators = True  # answer conditional requests with 304
        handler = type("Handler", (_Handler,), {"site": self})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> WebServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return self.base + "/" + path.lstrip("/")

    def fixture(self, name: str) -> bytes:
        return (WEB / name).read_text(encoding="utf-8").replace("{base}", self.base).encode()

    def fetched(self, status: int | None = 200) -> list[str]:
        """The paths requested (with this answer, or any answer when status is None)."""
        return [hit.path for hit in self.hits if status is None or hit.status == status]


class _Handler(BaseHTTPRequestHandler):
    site: WebServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        # Recorded on arrival (status filled in after): a client that timed out was still seen.
        hit = Hit(path, 0, dict(self.headers.items()))
        self.site.hits.append(hit)
        hit.status = self._answer(path)

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> int:
        self.send_response(status)
        headers = headers or {}
        for name, value in headers.items():
            self.send_header(name, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)
        return status

    def _answer(self, path: str) -> int:
        site = self.site
        if path in site.pages:
            status, headers, body = site.pages[path]
            return self._send(status, body, headers)
        if path == "/slow.html":
            time.sleep(site.slow_seconds)
            return self._send(200, site.fixture("article-1.html"), {"Content-Type": "text/html"})
        if path == "/missing.html":
            return self._send(404, b"not here", {"Content-Type": "text/html"})
        if path == "/error.html":
            return self._send(500, b"oops", {"Content-Type": "text/html"})
        if path in {"/loop-a", "/loop-b"}:
            other = "/loop-b" if path == "/loop-a" else "/loop-a"
            return self._send(302, headers={"Location": other})
        if path == "/moved.html":
            return self._send(301, headers={"Location": "/article-1.html"})
        if path == "/image.png":
            return self._send(
                200, b"\x89PNG\r\n\x1a\n" + b"\0" * 100, {"Content-Type": "image/png"}
            )
        if path == "/huge-declared.html":
            return self._send(
                200, b"", {"Content-Type": "text/html", "Content-Length": str(50 * 1024 * 1024)}
            )
        if path == "/huge.html":
            return self._stream_huge()
        if path == "/utf8-declared-latin1.html":
            body = site.fixture("article-3.html")
            return self._send(200, body, {"Content-Type": "text/html; charset=iso-8859-1"})
        if path == "/cp1256-with-meta.html":
            text = (
                site.fixture("article-2.html")
                .decode()
                .replace('<meta charset="utf-8">', '<meta charset="windows-1256">')
            )
            return self._send(
                200, text.encode("cp1256"), {"Content-Type": "text/html; charset=utf-8"}
            )
        if path == "/cp1256-declared-utf8.html":
            text = site.fixture("article-2.html").decode().replace('<meta charset="utf-8">', "")
            return self._send(
                200, text.encode("cp1256"), {"Content-Type": "text/html; charset=utf-8"}
            )
        name = path.lstrip("/")
        if name and "/" not in name and (WEB / name).is_file():
            return self._file(name)
        return self._send(404, b"no such page", {"Content-Type": "text/html"})

    def _file(self, name: str) -> int:
        body = self.site.fixture(name)
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        headers = {"Content-Type": CONTENT_TYPES.get(Path(name).suffix, "text/plain")}
        if self.site.validators:
            headers |= {"ETag": etag, "Last-Modified": LAST_MODIFIED}
            if self.headers.get("If-None-Match") == etag or (
                self.headers.get("If-Modified-Since") == LAST_MODIFIED
                and not self.headers.get("If-None-Match")
            ):
                return self._send(304, headers={"ETag": etag, "Content-Length": "0"})
        return self._send(200, body, headers)

    def _stream_huge(self) -> int:
        """50 MB of HTML with no Content-Length: only reading it shows how large it is."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        chunk = b"<p>" + b"x" * (1024 * 1024 - 7) + b"</p>\n"
        try:
            for _ in range(50):
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True
        return 200
