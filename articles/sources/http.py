"""The one HTTP client every web source uses: polite, bounded, and clear about what went wrong.

Polite: a User-Agent that names Isnad, a timeout on every request, a delay between two requests
to one host, and conditional GET (If-None-Match / If-Modified-Since) when validators are known.
Bounded: bodies are streamed and refused past a size cap, redirects are followed by hand up to a
limit and a loop is named as one, only http(s) is fetched, and the content type must be one the
caller expects. Every refusal is a `FetchError` subclass whose message an editor can act on.
"""

from __future__ import annotations

import codecs
import ipaddress
import re
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email.message import Message
from typing import Any
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

CHUNK = 64 * 1024
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)
# Where a page may say its charset when the header does not: <meta charset> or http-equiv.
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class FetchError(Exception):
    """A URL that could not be fetched as asked. `transient` errors are worth a retry later."""

    transient = False

    def __init__(self, url: str, message: str) -> None:
        super().__init__(f"{url}: {message}")
        self.url = url
        self.message = message


class FetchTimeout(FetchError):
    transient = True


class ConnectionFailed(FetchError):
    transient = True


class HTTPStatusError(FetchError):
    def __init__(self, url: str, status: int, reason: str = "") -> None:
        super().__init__(
            url,
            (
                _("the server answered %(status)s %(reason)s")
                % {"status": status, "reason": reason}
            ).rstrip(),
        )
        self.status = status
        # A server error or "too many requests" may pass; 404 and other client errors will not.
        self.transient = status >= 500 or status in {408, 429}


class RedirectLoop(FetchError):
    pass


class TooManyRedirects(FetchError):
    pass


class UnsupportedURL(FetchError):
    pass


class PrivateAddress(FetchError):
    pass


class UnexpectedContentType(FetchError):
    pass


class TooLarge(FetchError):
    pass


class WrongCharset(FetchError):
    pass


@dataclass
class Response:
    url: str  # after redirects
    status: int  # 200, or 304 when the validators still hold
    headers: Message
    body: bytes = b""
    redirects: list[str] = field(default_factory=list)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get_content_type() if self.headers.get("Content-Type") else ""

    @property
    def declared_charset(self) -> str | None:
        return self.headers.get_content_charset()

    @property
    def etag(self) -> str:
        return self.headers.get("ETag", "")

    @property
    def last_modified(self) -> str:
        return self.headers.get("Last-Modified", "")

    def text(self) -> str:
        """The body decoded: the declared charset, else the page's <meta>, else UTF-8.

        A declared charset that cannot be right is not trusted blindly: bytes that fail to decode
        as declared are tried as the <meta> charset and UTF-8, and a single-byte charset declared
        over valid multi-byte UTF-8 (the usual misconfigured server) yields to UTF-8. Bytes no
        candidate decodes are refused by name rather than stored as mojibake.
        """
        meta = META_CHARSET.search(self.body[:4096])
        candidates = [
            self.declared_charset,
            meta.group(1).decode("ascii", "replace") if meta else None,
            "utf-8",
        ]
        names = [name for name in dict.fromkeys(_codec(c) for c in candidates) if name]
        if names and names[0] != "utf-8" and _is_single_byte(names[0]) and _is_utf8(self.body):
            names.insert(0, "utf-8")
        first_error: UnicodeDecodeError | None = None
        for name in names:
            try:
                text = self.body.decode(name)
            except UnicodeDecodeError as error:
                first_error = first_error or error
                continue
            return text.removeprefix("\ufeff")
        declared = candidates[0] or candidates[1] or "utf-8"
        position = first_error.start if first_error else 0
        raise WrongCharset(
            self.url,
            _(
                "the page says its charset is %(charset)r but its bytes are not "
                "(invalid byte at position %(position)s)"
            )
            % {"charset": declared, "position": position},
        )


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _is_single_byte(codec_name: str) -> bool:
    return codec_name in {"latin-1", "iso8859-1", "cp1252", "ascii"} or codec_name.startswith(
        ("iso8859", "cp125")
    )


def _is_utf8(raw: bytes) -> bool:
    """Valid UTF-8 with at least one multi-byte character (plain ASCII proves nothing)."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not raw.isascii()


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects come back as responses, so that the client counts them and spots loops."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Fetcher:
    """Fetches URLs politely; one instance per import run remembers when it last hit each host."""

    def __init__(
        self,
        *,
        user_agent: str | None = None,
        timeout: float | None = None,
        delay: float | None = None,
        max_bytes: int | None = None,
        max_redirects: int | None = None,
    ) -> None:
        self.user_agent = user_agent or settings.ISNAD_FETCH_USER_AGENT
        self.timeout = settings.ISNAD_FETCH_TIMEOUT_SECONDS if timeout is None else timeout
        self.delay = settings.ISNAD_FETCH_DELAY_SECONDS if delay is None else delay
        self.max_bytes = settings.ISNAD_FETCH_MAX_BYTES if max_bytes is None else max_bytes
        self.max_redirects = (
            settings.ISNAD_FETCH_MAX_REDIRECTS if max_redirects is None else max_redirects
        )
        self.private_addresses = settings.ISNAD_FETCH_PRIVATE_ADDRESSES
        self._last_request_at: dict[str, float] = {}
        self._opener = urllib.request.build_opener(_NoRedirects())

    def get(
        self,
        url: str,
        *,
        accept: frozenset[str],
        etag: str = "",
        last_modified: str = "",
    ) -> Response:
        """GET `url`, following redirects; a 304 comes back as a Response with no body."""
        visited = [url]
        current = url
        while True:
            response = self._get_once(
                current, accept=accept, etag=etag, last_modified=last_modified
            )
            if response.status not in REDIRECT_STATUSES:
                response.redirects = visited[1:]
                return response
            location = response.headers.get("Location")
            if not location:
                raise HTTPStatusError(current, response.status, _("without a Location"))
            target = urljoin(current, location)
            if target in visited:
                chain = " → ".join([*visited[visited.index(target) :], target])
                raise RedirectLoop(url, _("redirects in a loop (%(chain)s)") % {"chain": chain})
            if len(visited) > self.max_redirects:
                raise TooManyRedirects(
                    url, _("more than %(count)s redirects") % {"count": self.max_redirects}
                )
            visited.append(target)
            current = target

    def _get_once(
        self, url: str, *, accept: frozenset[str], etag: str, last_modified: str
    ) -> Response:
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise UnsupportedURL(url, _("only http:// and https:// addresses can be fetched"))
        if not self.private_addresses:
            self._refuse_private(url, parts.hostname, parts.port)
        self._wait_for(parts.hostname)
        headers = {
            "User-Agent": self.user_agent,
            "Accept": ", ".join(sorted(accept)) + ", */*;q=0.1",
            "Accept-Encoding": "identity",
        }
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        request = urllib.request.Request(url, headers=headers)
        try:
            with self._opener.open(request, timeout=self.timeout) as answer:
                return self._read(url, answer.status, answer.headers, answer, accept)
        except urllib.error.HTTPError as error:
            if error.code == 304 or error.code in REDIRECT_STATUSES:
                error.close()
                return Response(url=url, status=error.code, headers=error.headers)
            error.close()
            raise HTTPStatusError(url, error.code, str(error.reason or "")) from error
        except TimeoutError as error:
            raise FetchTimeout(url, self._no_answer()) from error
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError | socket.timeout):
                raise FetchTimeout(url, self._no_answer()) from error
            message = _("cannot connect (%(error)s)") % {"error": error.reason}
            raise ConnectionFailed(url, message) from error
        except (ConnectionError, OSError) as error:
            message = _("the connection failed (%(error)s)") % {"error": error}
            raise ConnectionFailed(url, message) from error
        finally:
            self._last_request_at[parts.hostname] = time.monotonic()

    def _read(
        self, url: str, status: int, headers: Message, stream: Any, accept: frozenset[str]
    ) -> Response:
        response = Response(url=url, status=status, headers=headers)
        if status != 200:
            return response
        content_type = response.content_type
        if content_type and content_type not in accept:
            raise UnexpectedContentType(
                url,
                _("is %(found)s, not %(expected)s")
                % {"found": content_type, "expected": " | ".join(sorted(accept))},
            )
        declared = headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise TooLarge(
                url,
                _("too large (%(size)s bytes; the limit is %(limit)s)")
                % {"size": int(declared), "limit": self.max_bytes},
            )
        # The socket timeout bounds each read; this bounds a server that drips bytes forever.
        deadline = time.monotonic() + self.timeout * 3
        chunks, size = [], 0
        while chunk := stream.read(CHUNK):
            if time.monotonic() > deadline:
                raise FetchTimeout(
                    url,
                    _("the body took over %(seconds)s seconds")
                    % {"seconds": f"{self.timeout * 3:g}"},
                )
            size += len(chunk)
            if size > self.max_bytes:
                raise TooLarge(
                    url,
                    _("too large (over %(limit)s bytes, the limit)") % {"limit": self.max_bytes},
                )
            chunks.append(chunk)
        response.body = b"".join(chunks)
        return response

    def _refuse_private(self, url: str, host: str, port: int | None) -> None:
        """An editor's paste must not reach the server's own network (the database, a cloud
        metadata service): refuse a host that resolves to a loopback, private, link-local or
        reserved address. Each redirect target is checked again."""
        try:
            answers = socket.getaddrinfo(host, port or 80, type=socket.SOCK_STREAM)
        except OSError as error:
            message = _("cannot connect (%(error)s)") % {"error": error}
            raise ConnectionFailed(url, message) from error
        for *_rest, address in answers:
            ip = ipaddress.ip_address(str(address[0]).split("%")[0])  # no IPv6 zone
            if not ip.is_global or ip.is_multicast:
                raise PrivateAddress(
                    url,
                    _("%(host)s is a private or local address, which is not fetched")
                    % {"host": host},
                )

    def _no_answer(self) -> str:
        return _("no answer within %(seconds)s seconds") % {"seconds": f"{self.timeout:g}"}

    def _wait_for(self, host: str) -> None:
        last = self._last_request_at.get(host)
        if last is not None:
            pause = self.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
