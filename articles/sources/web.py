"""Pages and feeds from the web (or saved to disk) to drafts, and what to remember about them.

A page's URL is remembered (`WebResource`) with its validators and its article only after the
article is stored, so that a crash or a failed import never marks a page as done. A feed's own
validators are remembered only when none of its entries failed in a way worth retrying: a second
run then gets a 304 for the feed and fetches nothing; until then it re-reads the feed and fetches
only the entries not yet stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.importing import (
    ArticleDraft,
    BadManifest,
    ImportReport,
    content_hash,
    load_manifest,
)
from articles.models import Article, WebResource
from articles.sources.errors import SourceError
from articles.sources.feeds import FeedEntry, feed_entries
from articles.sources.http import FEED_TYPES, HTML_TYPES, Fetcher, FetchError, Response
from articles.sources.pages import page_draft

FailureHandler = Callable[[str, Exception], None]


@dataclass
class _Remembered:
    etag: str
    last_modified: str
    body_hash: str = ""  # a page: the article it became; empty for a feed
    entry_links: list[str] = field(default_factory=list)  # a feed: the entries it led to


def looks_like_feed(response: Response) -> bool:
    if response.content_type in FEED_TYPES:
        return True
    if response.content_type in HTML_TYPES:
        return False
    head = response.body[:1024].lstrip().lower()
    return head.startswith(b"<?xml") or b"<rss" in head or b"<feed" in head


class WebSource:
    """Drafts from URLs, saved pages and feeds during one import run."""

    def __init__(
        self,
        *,
        fetcher: Fetcher | None = None,
        reprocess: bool = False,
        on_failure: FailureHandler,
        on_unchanged: Callable[[str], None],
    ) -> None:
        self.fetcher = fetcher or Fetcher()
        self.reprocess = reprocess
        self.on_failure = on_failure
        self.on_unchanged = on_unchanged
        self.failed_transiently: set[str] = set()
        self.failed_permanently: set[str] = set()
        self._pages: dict[str, _Remembered] = {}
        self._feeds: dict[str, _Remembered] = {}
        self._seen_urls: set[str] = set()

    # Sources ---------------------------------------------------------------------------------

    def url_drafts(self, url: str) -> Iterator[ArticleDraft]:
        """The article at `url`, or every new article of the feed at `url`."""
        known = WebResource.objects.filter(url=url).first()
        try:
            response = self._get(url, HTML_TYPES | FEED_TYPES, known)
            if response.not_modified:
                self.on_unchanged(url)
                return
            if looks_like_feed(response):
                yield from self._feed_drafts(url, response, response.content_type)
                return
            draft = self._page(url, response)
        except (FetchError, SourceError) as error:
            self._fail(url, error)
            return
        if draft is not None:
            yield draft

    def html_file_drafts(self, path: Path) -> Iterator[ArticleDraft]:
        """A saved page; the manifest beside it may give the outlet, URL, date and language."""
        try:
            raw = path.read_bytes()
            if len(raw) > self.fetcher.max_bytes:
                raise SourceError(
                    str(path),
                    _("too large (the limit is %(limit)s bytes)")
                    % {"limit": self.fetcher.max_bytes},
                )
            response = Response(url=str(path), status=200, headers=_no_headers(), body=raw)
            entry = load_manifest(path.parent).entry_for(path)
            draft = page_draft(response.text(), url=entry.url, source_name=path.name)
        except OSError as error:
            self._fail(str(path), _unreadable(path, error))
            return
        except (FetchError, SourceError, BadManifest) as error:
            self._fail(str(path), error)
            return
        draft.url = entry.url or draft.url
        draft.outlet = entry.outlet or draft.outlet
        draft.published_on = entry.published_on or draft.published_on
        draft.language = entry.language or draft.language
        if not self._is_new(draft.url, str(path)):
            return
        yield draft

    def feed_file_drafts(self, path: Path) -> Iterator[ArticleDraft]:
        """A saved RSS/Atom file: its entries' pages are fetched."""
        try:
            raw = path.read_bytes()
        except OSError as error:
            self._fail(str(path), _unreadable(path, error))
            return
        response = Response(url=str(path), status=200, headers=_no_headers(), body=raw)
        try:
            yield from self._feed_drafts(None, response, "")
        except SourceError as error:
            self._fail(str(path), error)

    # After the import ------------------------------------------------------------------------

    def remember(self, report: ImportReport) -> None:
        """Record what was stored: each page's validators and article, and the validators of
        each feed none of whose entries failed in a way worth retrying."""
        failed = {name for name, _reason in report.failed}
        by_hash = dict(
            Article.objects.filter(
                content_hash__in=[r.body_hash for r in self._pages.values()]
            ).values_list("content_hash", "pk")
        )
        now = timezone.now()
        with transaction.atomic():
            for url, page in self._pages.items():
                article_id = by_hash.get(page.body_hash)
                if url in failed or article_id is None:
                    continue
                WebResource.objects.update_or_create(
                    url=url,
                    defaults={
                        "etag": page.etag[:500],
                        "last_modified": page.last_modified[:100],
                        "fetched_at": now,
                        "article_id": article_id,
                    },
                )
            for url, feed in self._feeds.items():
                # Entries that failed to fetch for good (404, no article) do not hold the feed back;
                # a timeout or a failed import does: the next run must see the entry again.
                retry = self.failed_transiently | (failed - self.failed_permanently)
                if retry & set(feed.entry_links):
                    continue
                WebResource.objects.update_or_create(
                    url=url,
                    defaults={
                        "etag": feed.etag[:500],
                        "last_modified": feed.last_modified[:100],
                        "fetched_at": now,
                    },
                )

    # Inside ----------------------------------------------------------------------------------

    def _get(self, url: str, accept: frozenset[str], known: WebResource | None) -> Response:
        use_validators = known is not None and not self.reprocess
        return self.fetcher.get(
            url,
            accept=accept,
            etag=known.etag if use_validators and known else "",
            last_modified=known.last_modified if use_validators and known else "",
        )

    def _page(
        self, url: str, response: Response, entry: FeedEntry | None = None
    ) -> ArticleDraft | None:
        draft = page_draft(response.text(), url=response.url, source_name=url)
        if entry is not None:
            draft.title = draft.title or entry.title
            draft.published_on = draft.published_on or entry.published_on
        if not self._is_new(draft.url, url):
            # Already stored under its canonical URL: remember the fetched address too.
            self._remember_page(url, response, draft.url)
            return None
        self._pages[url] = _Remembered(
            etag=response.etag,
            last_modified=response.last_modified,
            body_hash=content_hash(draft.body),
        )
        return draft

    def _remember_page(self, url: str, response: Response, canonical: str) -> None:
        article = Article.objects.filter(url=canonical).order_by("pk").first()
        if article is not None:
            self._pages[url] = _Remembered(
                etag=response.etag,
                last_modified=response.last_modified,
                body_hash=article.content_hash,
            )

    def _is_new(self, canonical: str, name: str) -> bool:
        """False (and counted unchanged) when an article with this canonical URL is stored, or
        came earlier in this run; --reprocess takes it again so that the hooks run over it."""
        if not canonical:
            return True
        if canonical in self._seen_urls or (
            not self.reprocess and Article.objects.filter(url=canonical).exists()
        ):
            self.on_unchanged(name)
            return False
        self._seen_urls.add(canonical)
        return True

    def _feed_drafts(
        self, url: str | None, response: Response, content_type: str
    ) -> Iterator[ArticleDraft]:
        name = url or response.url
        entries = feed_entries(response.body, source_name=name, content_type=content_type)
        links = list(dict.fromkeys(entry.link for entry in entries))
        if url is not None:
            self._feeds[url] = _Remembered(
                etag=response.etag, last_modified=response.last_modified, entry_links=links
            )
        stored = set()
        resources = {r.url: r for r in WebResource.objects.filter(url__in=links)}
        if not self.reprocess:
            stored = {u for u, r in resources.items() if r.article_id is not None}
            stored |= set(Article.objects.filter(url__in=links).values_list("url", flat=True))
        for entry in {e.link: e for e in entries}.values():
            if entry.link in stored:
                self.on_unchanged(entry.link)
                continue
            try:
                page = self._get(entry.link, HTML_TYPES, resources.get(entry.link))
                if page.not_modified:
                    self.on_unchanged(entry.link)
                    continue
                draft = self._page(entry.link, page, entry)
            except (FetchError, SourceError) as error:
                self._fail(entry.link, error)
                continue
            if draft is not None:
                yield draft

    def _fail(self, name: str, error: Exception) -> None:
        if getattr(error, "transient", False):
            self.failed_transiently.add(name)
        else:
            self.failed_permanently.add(name)
        self.on_failure(name, error)


def _no_headers() -> Message:
    return Message()  # a file on disk: no headers, so the page's <meta> charset decides


def _unreadable(path: Path, error: OSError) -> SourceError:
    return SourceError(
        str(path), _("cannot be read (%(error)s)") % {"error": error.strerror or error}
    )
