"""Every kind of source `import_articles` reads, each to ArticleDraft objects for import_drafts.

One module per kind: `pages` (HTML by trafilatura), `feeds` (RSS/Atom by feedparser), `datasets`
(.jsonl, .csv), `web` (fetching pages and feeds and remembering them), `http` (the one client).
Text files and folders keep their reader, `articles.importing.import_paths`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import islice
from pathlib import Path

from django.utils.translation import gettext as _

from articles.importing import (
    ArticleDraft,
    ArticleHook,
    ImportReport,
    import_drafts,
    import_paths,
)
from articles.models import Article
from articles.sources.datasets import BadRow, csv_drafts, jsonl_drafts
from articles.sources.errors import SourceError
from articles.sources.http import Fetcher, FetchError
from articles.sources.web import WebSource

HTML_SUFFIXES = {".html", ".htm"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv"}
# Dataset rows are checked against stored canonical URLs this many at a time (one query each).
URL_CHECK_BATCH = 500


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


class SourceRun:
    """One import over mixed sources: the drafts they yield, and the failures and skips they
    report before import_drafts sees anything."""

    def __init__(
        self,
        *,
        fields: Mapping[str, str] | None = None,
        reprocess: bool = False,
        fetcher: Fetcher | None = None,
    ) -> None:
        self.fields = dict(fields or {})
        self.reprocess = reprocess
        self.report = ImportReport()
        self.web = WebSource(
            fetcher=fetcher,
            reprocess=reprocess,
            on_failure=self.fail,
            on_unchanged=self.unchanged,
        )
        self._seen_urls: set[str] = set()

    def fail(self, name: str, error: Exception) -> None:
        message = getattr(error, "message", None) or str(error)
        self.report.failed.append((name, message))

    def unchanged(self, name: str) -> None:
        self.report.unchanged += 1

    @property
    def failed_transiently(self) -> set[str]:
        return self.web.failed_transiently

    def drafts(self, source: str) -> Iterator[ArticleDraft]:
        """The drafts of one source that is not a text file or folder (see `is_draft_source`)."""
        if is_url(source):
            yield from self.web.url_drafts(source)
            return
        path = Path(source)
        suffix = path.suffix.lower()
        if suffix in HTML_SUFFIXES:
            yield from self.web.html_file_drafts(path)
        elif suffix in FEED_SUFFIXES:
            yield from self.web.feed_file_drafts(path)
        else:
            reader = jsonl_drafts if suffix in JSONL_SUFFIXES else csv_drafts
            try:
                yield from self._new_by_url(reader(path, self.fields, self._bad_row))
            except SourceError as error:
                self.fail(str(path), error)

    def _bad_row(self, error: BadRow) -> None:
        self.fail(error.name, error)

    def _new_by_url(self, drafts: Iterable[ArticleDraft]) -> Iterator[ArticleDraft]:
        """Drafts whose URL is not stored yet (one query per batch); the others are unchanged."""
        iterator = iter(drafts)
        while batch := list(islice(iterator, URL_CHECK_BATCH)):
            urls = {draft.url for draft in batch if draft.url}
            stored = (
                set(Article.objects.filter(url__in=urls).values_list("url", flat=True))
                if urls and not self.reprocess
                else set()
            )
            for draft in batch:
                if draft.url and (draft.url in stored or draft.url in self._seen_urls):
                    self.unchanged(draft.source_name)
                    continue
                if draft.url:
                    self._seen_urls.add(draft.url)
                yield draft


def is_draft_source(source: str) -> bool:
    """True for a URL or a file this package reads; False for text files and folders."""
    if is_url(source):
        return True
    path = Path(source)
    suffix = path.suffix.lower()
    readable = HTML_SUFFIXES | FEED_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES
    return suffix in readable and path.is_file()


def import_sources(
    sources: Sequence[str],
    *,
    fields: Mapping[str, str] | None = None,
    hooks: Iterable[ArticleHook] | None = None,
    reprocess: bool = False,
    progress: Callable[[Iterable], Iterable] = lambda items: items,
    fetcher: Fetcher | None = None,
    batch_size: int | None = None,
    workers: int | None = None,
) -> tuple[ImportReport, SourceRun]:
    """Import text files and folders, HTML files, URLs of pages and feeds, and datasets.

    Returns the combined report and the run (whose `failed_transiently` names the URLs worth
    trying again later).
    """
    run = SourceRun(fields=fields, reprocess=reprocess, fetcher=fetcher)
    text_paths = [Path(s) for s in sources if not is_draft_source(s)]
    draft_sources = [s for s in sources if is_draft_source(s)]
    report = ImportReport()
    batching = {"batch_size": batch_size, "workers": workers}
    if text_paths:
        _add(
            report,
            import_paths(
                text_paths, hooks=hooks, reprocess=reprocess, progress=progress, **batching
            ),
        )
    if draft_sources:
        drafts = (draft for source in draft_sources for draft in run.drafts(source))
        _add(
            report,
            import_drafts(drafts, hooks=hooks, reprocess=reprocess, progress=progress, **batching),
        )
        run.web.remember(_combined(report, run.report))
    _add(report, run.report)
    return report, run


def import_text(
    text: str,
    *,
    source_name: str,
    hooks: Iterable[ArticleHook] | None = None,
) -> ImportReport:
    """Import one pasted text as an article."""
    body = text.replace("\r\n", "\n").replace("\r", "\n")
    if not body.strip():
        report = ImportReport()
        report.failed.append((source_name, _("empty")))
        return report
    return import_drafts([ArticleDraft(body=body, source_name=source_name)], hooks=hooks)


def _add(total: ImportReport, part: ImportReport) -> None:
    total.new += part.new
    total.unchanged += part.unchanged
    total.claims += part.claims
    total.failed.extend(part.failed)


def _combined(*reports: ImportReport) -> ImportReport:
    total = ImportReport()
    for report in reports:
        _add(total, report)
    return total


__all__ = ["FetchError", "SourceError", "SourceRun", "import_sources", "import_text", "is_url"]
