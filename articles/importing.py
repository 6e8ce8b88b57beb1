"""Importing articles: reading and checking files, the manifest, outlets by name, and the one
door every source goes through (`import_drafts`): a batch of articles per transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, cast

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Case, Q, Value, When
from django.db.models.functions import Upper
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from articles.batching import PendingBatch, Prepare, Prepared, Preparer, prepare_all
from articles.language import detect_language
from articles.models import Article, Language, Outlet, OutletAlias, OutletKind

logger = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.json"
ARTICLE_SUFFIXES = {".txt"}
TITLE_MAX = 500

# Called inside the article's transaction after it is saved: (article, created) -> claims stored.
ArticleHook = Callable[[Article, bool], int]


class BatchHook(Protocol):
    """An import hook that also takes a batch at a time (claims.ingest's extraction is one).

    `prepare(body, language)` is its pure part (no database: claim extraction): it runs before
    the batch's transaction, in worker processes when the import has several, so it must be a
    module-level function of a module that imports no models. `store_batch` then stores the
    whole batch inside the batch's transaction, given each (article, created, what `prepare`
    returned for its text), and returns what it stored per article, in order. Called as a plain
    hook, (article, created), it does both for one article.
    """

    prepare: Prepare

    def __call__(self, article: Article, created: bool) -> int: ...

    def store_batch(self, batch: Sequence[tuple[Article, bool, Any]]) -> list[int]: ...


class ImportHookError(Exception):
    """A batch hook's preparation of an article failed: the article is not stored."""


class BadArticleFile(Exception):
    """A file that cannot become an article; the message says why, for the import report."""


class BadManifest(Exception):
    """A manifest that cannot be read; nothing in its folder is imported with wrong metadata."""


@dataclass
class ManifestEntry:
    outlet: str | None = None
    url: str = ""
    published_on: dt.date | None = None
    language: str | None = None


@dataclass
class ArticleDraft:
    """One article as a source delivered it, before it is stored: a file, a web page, a feed entry,
    a dataset row. Every door into Isnad builds drafts and hands them to `import_drafts`."""

    body: str
    source_name: str
    title: str = ""
    outlet: str | None = None
    url: str = ""
    published_on: dt.date | None = None
    language: str | None = None
    author: str = ""


@dataclass
class Manifest:
    """What is known of the articles in one folder: outlets and per-file metadata."""

    outlets: list[dict[str, Any]] = field(default_factory=list)
    articles: dict[str, ManifestEntry] = field(default_factory=dict)

    def entry_for(self, path: Path) -> ManifestEntry:
        return self.articles.get(path.name, ManifestEntry())


@dataclass
class ImportReport:
    new: int = 0
    unchanged: int = 0
    claims: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    # Where the time went, for the benchmark's profile: "prepare_cpu" (the hooks' pure work, CPU
    # seconds summed over the workers), "wait" (waiting for it), "store" (the transactions),
    # "start" (reading ahead which texts are new).
    seconds: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))

    @property
    def summary(self) -> str:
        return (
            f"{self.new} new, {self.unchanged} unchanged, {len(self.failed)} failed, "
            f"{self.claims} candidate claims stored"
        )


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_article_text(path: Path, *, max_bytes: int | None = None) -> str:
    """The file's text exactly as claim offsets will index it: UTF-8, universal newlines, no BOM.

    Raises BadArticleFile for what an editor would not want stored: a directory, an empty file,
    a binary file, a file that is not UTF-8 or one larger than the size limit.
    """
    limit = settings.ISNAD_MAX_ARTICLE_BYTES if max_bytes is None else max_bytes
    try:
        if path.is_dir():
            raise BadArticleFile("is a directory")
        size = path.stat().st_size
        if size > limit:
            raise BadArticleFile(f"too large ({size} bytes; the limit is {limit})")
        raw = path.read_bytes()
    except OSError as error:
        raise BadArticleFile(f"cannot be read ({error.strerror or error})") from error
    if b"\x00" in raw[:8192]:
        raise BadArticleFile("binary file (contains NUL bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadArticleFile(f"not UTF-8 (invalid byte at position {error.start})") from error
    # The same newline translation as open(..., newline=None), so offsets match a reader's text.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise BadArticleFile("empty")
    return text


def title_of(text: str) -> str:
    """The first non-empty line, trimmed to fit the title column."""
    for line in text.split("\n"):
        if line.strip():
            title = " ".join(line.split())
            return title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1] + "…"
    return ""


def iter_article_files(paths: Iterable[Path]) -> Iterator[tuple[Path, str | None]]:
    """Every file to import under the given files and folders, as (path, problem).

    Folders are walked in sorted order, following symlinks but never a folder twice: a symlink
    back to an ancestor is reported as a directory loop instead of recursing forever. Files named
    on the command line are taken whatever their suffix; inside folders only `.txt` files count.
    """
    seen_dirs: set[tuple[int, int]] = set()
    for path in paths:
        if not path.exists():
            yield path, "does not exist"
        elif path.is_dir():
            yield from _walk(path, seen_dirs)
        else:
            yield path, None


def _walk(folder: Path, seen_dirs: set[tuple[int, int]]) -> Iterator[tuple[Path, str | None]]:
    try:
        stat = folder.stat()
    except OSError as error:
        yield folder, f"cannot be read ({error.strerror or error})"
        return
    key = (stat.st_dev, stat.st_ino)
    if key in seen_dirs:
        yield folder, "directory loop (a symlink leads back to a folder already imported)"
        return
    seen_dirs.add(key)
    try:
        entries = sorted(folder.iterdir())
    except OSError as error:
        yield folder, f"cannot be read ({error.strerror or error})"
        return
    for entry in entries:
        if entry.is_dir():
            yield from _walk(entry, seen_dirs)
        elif entry.suffix.lower() in ARTICLE_SUFFIXES:
            yield entry, None
        elif entry.is_symlink() and not entry.exists():
            yield entry, "broken symlink"


def load_manifest(folder: Path) -> Manifest:
    """The manifest beside the articles, or an empty one. A broken manifest is an error."""
    path = folder / MANIFEST_NAME
    if not path.exists():
        return Manifest()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BadManifest(f"{path}: cannot be read as JSON ({error})") from error
    if not isinstance(raw, dict):
        raise BadManifest(f"{path}: expected a JSON object with 'outlets' and 'articles'")
    outlets = raw.get("outlets", [])
    if not isinstance(outlets, list) or not all(
        isinstance(o, dict) and o.get("name") for o in outlets
    ):
        raise BadManifest(f"{path}: 'outlets' must be a list of objects with a 'name'")
    articles: dict[str, ManifestEntry] = {}
    for name, meta in (raw.get("articles") or {}).items():
        if not isinstance(meta, dict):
            raise BadManifest(f"{path}: entry for {name!r} must be an object")
        articles[name] = _manifest_entry(path, name, meta)
    return Manifest(outlets=outlets, articles=articles)


def _manifest_entry(path: Path, name: str, meta: dict[str, Any]) -> ManifestEntry:
    published = meta.get("published_on")
    try:
        published_on = dt.date.fromisoformat(published) if published else None
    except (TypeError, ValueError) as error:
        message = f"{path}: {name}: published_on {published!r} is not YYYY-MM-DD"
        raise BadManifest(message) from error
    language = meta.get("language")
    if language is not None and language not in Language.values:
        raise BadManifest(f"{path}: {name}: language {language!r} is not one of {Language.values}")
    return ManifestEntry(
        outlet=meta.get("outlet") or None,
        url=meta.get("url") or "",
        published_on=published_on,
        language=language,
    )


def ensure_outlets(descriptions: Iterable[dict[str, Any]]) -> None:
    """Create the outlets a manifest describes; existing ones (edited by editors) are kept."""
    for description in descriptions:
        outlet = find_outlet(description["name"])
        if outlet is None:
            kind = description.get("kind", OutletKind.NEWS_SITE)
            outlet = Outlet.objects.create(
                name=description["name"],
                name_ar=description.get("name_ar", ""),
                name_en=description.get("name_en", ""),
                kind=kind if kind in OutletKind.values else OutletKind.OTHER,
                country=description.get("country", ""),
                site=description.get("site", ""),
            )
        for alias in description.get("aliases", []):
            OutletAlias.objects.get_or_create(outlet=outlet, name=alias)


# Import asks for the outlet of every speaker and relay name, mostly names of no outlet. During
# an import run the answers (misses too) are kept, until any outlet or alias changes (see
# ArticlesConfig.ready) or an article's transaction rolls back; outside a run nothing is kept,
# so no other transaction can see an outlet that a rolled-back one created.
_OUTLET_CACHE_SIZE = 20_000
_outlets_by_name: dict[str, Outlet | None] = {}
_caching_outlets = False


@contextmanager
def outlet_lookups_cached() -> Iterator[None]:
    """Keep find_outlet's answers for the duration of one import run."""
    global _caching_outlets
    _outlets_by_name.clear()
    _caching_outlets = True
    try:
        yield
    finally:
        _caching_outlets = False
        _outlets_by_name.clear()


def forget_outlet_names(**kwargs) -> None:
    """Signal receiver: an outlet or alias changed, so cached look-ups may be wrong."""
    _outlets_by_name.clear()


def find_outlet(name: str) -> Outlet | None:
    """The outlet known by this name in any of its spellings (cached; see above)."""
    if not _caching_outlets:
        return _find_outlet(name)
    if name in _outlets_by_name:
        return _outlets_by_name[name]
    if len(_outlets_by_name) >= _OUTLET_CACHE_SIZE:
        _outlets_by_name.clear()
    outlet = _outlets_by_name[name] = _find_outlet(name)
    return outlet


def _find_outlet(name: str) -> Outlet | None:
    """The outlet known by this name in any of its spellings: its name first, then its Arabic
    and English names, then an alias; one query."""
    preference = Case(
        When(name=name, then=Value(0)),
        When(name_ar=name, then=Value(1)),
        When(name_en__iexact=name, then=Value(2)),
        default=Value(3),
    )
    return (
        Outlet.objects.filter(
            Q(name=name) | Q(name_ar=name) | Q(name_en__iexact=name) | Q(aliases__name=name)
        )
        .alias(preference=preference)
        .order_by("preference", "pk")
        .first()
    )


def find_outlets(names: Iterable[str]) -> dict[str, Outlet | None]:
    """`find_outlet` for many names at once: cached answers, then two queries for the rest."""
    wanted = list(dict.fromkeys(name for name in names if name))
    found: dict[str, Outlet | None] = {}
    missing = []
    for name in wanted:
        if _caching_outlets and name in _outlets_by_name:
            found[name] = _outlets_by_name[name]
        else:
            missing.append(name)
    for start in range(0, len(missing), _OUTLET_QUERY_NAMES):
        chunk = missing[start : start + _OUTLET_QUERY_NAMES]
        found.update(_find_outlets(chunk))
        if _caching_outlets:
            if len(_outlets_by_name) + len(chunk) > _OUTLET_CACHE_SIZE:
                _outlets_by_name.clear()
            _outlets_by_name.update((name, found[name]) for name in chunk)
    return found


_OUTLET_QUERY_NAMES = 2000  # names per look-up query, well under any database's parameter limit


def _find_outlets(names: list[str]) -> dict[str, Outlet | None]:
    """What `_find_outlet` answers for each name (same preference: name, Arabic name, English
    name in any case, alias; then the lowest id), in two queries."""
    by_alias: dict[str, set[int]] = defaultdict(set)
    for alias, outlet_id in OutletAlias.objects.filter(name__in=names).values_list(
        "name", "outlet_id"
    ):
        by_alias[alias].add(outlet_id)
    aliased = set().union(*by_alias.values()) if by_alias else set()
    upper = {name.upper() for name in names}
    rows = list(
        Outlet.objects.alias(name_en_upper=Upper("name_en"))
        .filter(
            Q(name__in=names)
            | Q(name_ar__in=names)
            | Q(name_en_upper__in=upper)
            | Q(pk__in=aliased)
        )
        .order_by("pk")
    )
    ranked: dict[str, list[tuple[int, int, Outlet]]] = defaultdict(list)
    for outlet in rows:
        ranked[outlet.name].append((0, outlet.pk, outlet))
        if outlet.name_ar:
            ranked[outlet.name_ar].append((1, outlet.pk, outlet))
        if outlet.name_en:
            ranked["\0upper:" + outlet.name_en.upper()].append((2, outlet.pk, outlet))
    by_pk = {outlet.pk: outlet for outlet in rows}
    found: dict[str, Outlet | None] = {}
    for name in names:
        choices = ranked.get(name, []) + ranked.get("\0upper:" + name.upper(), [])
        choices += [(3, pk, by_pk[pk]) for pk in by_alias.get(name, ()) if pk in by_pk]
        found[name] = min(choices, key=lambda c: (c[0], c[1]))[2] if choices else None
    return found


def create_outlets(names: Iterable[str], *, kind: str) -> dict[str, Outlet]:
    """New outlets of these names (none of them known), in bulk with their history rows, and
    remembered by the run's look-ups as `Outlet.objects.create` would leave them."""
    outlets = {name: Outlet(name=name, kind=kind) for name in dict.fromkeys(names)}
    for outlet in outlets.values():
        outlet.strip_bidi_controls()  # what save() does; bulk_create skips it
        outlet.search_names = outlet.names_document()
    if outlets:
        bulk_create_with_history(list(outlets.values()), Outlet)
    if _caching_outlets:
        _outlets_by_name.update(outlets)
    return outlets


def get_or_create_outlets(names: Iterable[str], *, kind: str) -> dict[str, Outlet]:
    """The outlet known by each name, created (of this kind) when there is none."""
    found = find_outlets(names)
    created = create_outlets([name for name, o in found.items() if o is None], kind=kind)
    return {name: outlet or created[name] for name, outlet in found.items()}


def configured_hooks() -> list[ArticleHook]:
    """What other apps do with a newly imported article (project settings wire claims in)."""
    return [import_string(path) for path in getattr(settings, "ISNAD_ARTICLE_IMPORTED_HOOKS", [])]


def batch_hooks(hooks: Iterable[ArticleHook]) -> list[BatchHook]:
    """The hooks that also take a batch at a time (they have `prepare` and `store_batch`)."""
    return [
        cast(BatchHook, hook)
        for hook in hooks
        if hasattr(hook, "prepare") and hasattr(hook, "store_batch")
    ]


def import_article(
    path: Path,
    entry: ManifestEntry,
    *,
    hooks: Iterable[ArticleHook] = (),
    reprocess: bool = False,
) -> tuple[Article, bool, int]:
    """Store one file as an article (or find it by its content hash), then run the hooks."""
    text = read_article_text(path)
    return import_draft(_file_draft(path, text, entry), hooks=hooks, reprocess=reprocess)


def _file_draft(path: Path, text: str, entry: ManifestEntry) -> ArticleDraft:
    return ArticleDraft(
        body=text,
        source_name=path.name,
        outlet=entry.outlet,
        url=entry.url,
        published_on=entry.published_on,
        language=entry.language,
    )


def import_draft(
    draft: ArticleDraft,
    *,
    hooks: Iterable[ArticleHook] = (),
    reprocess: bool = False,
) -> tuple[Article, bool, int]:
    """Store one draft as an article (or find it by its content hash), then run the hooks.

    Everything happens in one transaction, so a failing hook leaves no half-imported article.
    Returns (article, created, claims stored by the hooks). An existing article is left alone
    unless `reprocess` asks the hooks to run again over it. Raises what the import failed on.
    """
    item = _Item(label=draft.source_name, draft=draft, digest=content_hash(draft.body))
    outcome = _store_alone(item, list(hooks), reprocess)
    if outcome.error is not None:
        raise outcome.error
    assert outcome.article is not None
    return outcome.article, outcome.created, outcome.stored


def import_drafts(
    drafts: Iterable[ArticleDraft],
    *,
    hooks: Iterable[ArticleHook] | None = None,
    reprocess: bool = False,
    progress: Callable[[Iterable], Iterable] = lambda items: items,
    batch_size: int | None = None,
    workers: int | None = None,
) -> ImportReport:
    """Import drafts from any source, a batch at a time (see `_import_batches`); one that fails
    is reported by its source name and skipped.

    `batch_size` and `workers` default to settings ISNAD_IMPORT_BATCH_SIZE and
    ISNAD_IMPORT_WORKERS.
    """
    report = ImportReport()
    items = (
        _Item(label=draft.source_name, draft=draft, digest=content_hash(draft.body))
        for draft in progress(drafts)
    )
    _import_items(items, report, hooks, reprocess, batch_size, workers)
    return report


def import_paths(
    paths: Iterable[Path],
    *,
    hooks: Iterable[ArticleHook] | None = None,
    reprocess: bool = False,
    progress: Callable[[Iterable], Iterable] = lambda items: items,
    batch_size: int | None = None,
    workers: int | None = None,
) -> ImportReport:
    """Import every article file under `paths` through the same batches as `import_drafts`;
    bad files are reported by name and skipped."""
    report = ImportReport()
    files = list(iter_article_files(paths))
    _import_items(
        _file_items(progress(files), report), report, hooks, reprocess, batch_size, workers
    )
    return report


def _import_items(
    items: Iterable[_Item],
    report: ImportReport,
    hooks: Iterable[ArticleHook] | None,
    reprocess: bool,
    batch_size: int | None,
    workers: int | None,
) -> None:
    """What both doors share: the configured hooks by default, outlet lookups cached for the run."""
    with outlet_lookups_cached():
        _import_batches(
            items,
            hooks=configured_hooks() if hooks is None else list(hooks),
            reprocess=reprocess,
            report=report,
            batch_size=batch_size,
            workers=workers,
        )


def _file_items(files: Iterable[tuple[Path, str | None]], report: ImportReport) -> Iterator[_Item]:
    """The files as items to import; a file that cannot be read goes into the report."""
    manifests: dict[Path, Manifest | BadManifest] = {}
    outlets_ensured: set[Path] = set()
    for path, problem in files:
        if problem:
            report.failed.append((str(path), problem))
            continue
        try:
            manifest = manifests.get(path.parent)
            if manifest is None:
                manifest = manifests[path.parent] = _folder_manifest(path.parent)
            if isinstance(manifest, BadManifest):
                raise manifest
            text = read_article_text(path)
        except (BadArticleFile, BadManifest) as error:
            report.failed.append((str(path), str(error)))
            continue
        draft = _file_draft(path, text, manifest.entry_for(path))
        item = _Item(label=str(path), draft=draft, digest=content_hash(text))
        if path.parent not in outlets_ensured:
            # Created when the folder's first article is stored (never before an earlier
            # article's relays), in a transaction of their own: see _store_batch.
            outlets_ensured.add(path.parent)
            item.manifest_outlets = manifest.outlets
        yield item


# Batches ---------------------------------------------------------------------------------------
# An import goes a batch of articles at a time: the batch hooks' pure work (claim extraction)
# runs first, in worker processes when there are several, while the previous batch is written;
# then the batch is stored in one transaction: its outlets and articles in bulk, each hook once
# for the batch. A batch that fails is rolled back and stored again one article per transaction,
# so that only the article at fault fails, with its reason in the report.


@dataclass
class _Item:
    """One article on its way in: how the report names it, the draft, and what was done."""

    label: str  # a file's path, a draft's source name
    draft: ArticleDraft
    digest: str
    language: str = ""  # what the article's language is (or will be) when prepared
    manifest_outlets: list[dict[str, Any]] = field(default_factory=list)  # ensured before it
    prepared: list[Prepared] | None = None  # one per batch hook, once the batch is prepared


@dataclass
class _Outcome:
    item: _Item
    article: Article | None = None
    created: bool = False
    stored: int = 0
    error: Exception | None = None


@dataclass
class _Batch:
    items: list[_Item]
    pending: list[PendingBatch]  # per batch hook: the preparation under way
    prepared_items: list[_Item]  # the items being prepared, in the pending batches' order


def _import_batches(
    items: Iterable[_Item],
    *,
    hooks: list[ArticleHook],
    reprocess: bool,
    report: ImportReport,
    batch_size: int | None,
    workers: int | None,
) -> None:
    size = max(1, batch_size or settings.ISNAD_IMPORT_BATCH_SIZE)
    workers = max(1, workers or settings.ISNAD_IMPORT_WORKERS)
    with ExitStack() as stack:
        preparers = [
            stack.enter_context(Preparer(hook.prepare, workers)) for hook in batch_hooks(hooks)
        ]
        previous: _Batch | None = None
        for chunk in _chunked(items, size):
            began = time.perf_counter()
            batch = _start_batch(chunk, preparers, reprocess)
            report.seconds["start"] += time.perf_counter() - began
            if previous is not None:  # written while `batch` is being prepared
                _finish_batch(previous, hooks, reprocess, report)
            previous = batch
        if previous is not None:
            _finish_batch(previous, hooks, reprocess, report)


def _chunked(items: Iterable[_Item], size: int) -> Iterator[list[_Item]]:
    chunk: list[_Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _start_batch(items: list[_Item], preparers: list[Preparer], reprocess: bool) -> _Batch:
    """Hand the batch's texts to the hooks' preparation: only the texts that will be stored (or
    reprocessed), each once, in the language its article has or will have."""
    if not preparers:
        return _Batch(items, [], [])
    stored = dict(
        Article.objects.filter(content_hash__in={i.digest for i in items}).values_list(
            "content_hash", "language"
        )
    )
    to_prepare: list[_Item] = []
    seen: set[str] = set()
    for item in items:
        if item.digest in seen or (item.digest in stored and not reprocess):
            continue
        seen.add(item.digest)
        item.language = stored.get(item.digest) or _language_of(item.draft)
        to_prepare.append(item)
    texts = [(item.draft.body, item.language) for item in to_prepare]
    return _Batch(items, [preparer.submit(texts) for preparer in preparers], to_prepare)


def _language_of(draft: ArticleDraft) -> str:
    return draft.language or detect_language(draft.body)


def _finish_batch(
    batch: _Batch, hooks: list[ArticleHook], reprocess: bool, report: ImportReport
) -> None:
    """Store the batch in one transaction; if that fails, one transaction per article."""
    began = time.perf_counter()
    preparations = [pending.result() for pending in batch.pending]
    report.seconds["wait"] += time.perf_counter() - began
    for i, item in enumerate(batch.prepared_items):
        item.prepared = [prepared[i] for prepared in preparations]
        report.seconds["prepare_cpu"] += sum(p.seconds for p in item.prepared)
    items = []
    for item in batch.items:
        error = next((p.error for p in item.prepared or () if p.error), "")
        if error:  # the hook's own work failed on this text: it alone is not stored
            report.failed.append((item.label, _("import failed (%(error)s)") % {"error": error}))
            if item.manifest_outlets:  # its folder's outlets are still created
                with transaction.atomic():
                    ensure_outlets(item.manifest_outlets)
        else:
            items.append(item)
    began = time.perf_counter()
    try:
        with transaction.atomic():
            outcomes = _store_batch(items, hooks, reprocess)
    except Exception:
        forget_outlet_names()  # the rolled-back batch may have created outlets
        logger.info("a batch of %s articles failed: storing them one by one", len(items))
        outcomes = [_store_alone(item, hooks, reprocess) for item in items]
    report.seconds["store"] += time.perf_counter() - began
    for outcome in outcomes:
        if outcome.error is not None:
            error = outcome.error
            report.failed.append(
                (
                    outcome.item.label,
                    _("import failed (%(error)s)") % {"error": f"{type(error).__name__}: {error}"},
                )
            )
            continue
        report.new += outcome.created
        report.unchanged += not outcome.created
        report.claims += outcome.stored


def _store_alone(item: _Item, hooks: list[ArticleHook], reprocess: bool) -> _Outcome:
    """One article in its own transaction, after its batch failed; its error is kept."""
    if item.manifest_outlets:  # kept even if the article fails, for its folder's others
        with transaction.atomic():
            ensure_outlets(item.manifest_outlets)
    try:
        with transaction.atomic():
            (outcome,) = _store_batch([item], hooks, reprocess)
            return outcome
    except IntegrityError as error:
        forget_outlet_names()
        # Another import stored the same text at the same moment: that is "unchanged".
        article = Article.objects.filter(content_hash=item.digest).first()
        if article is not None:
            return _Outcome(item, article)
        logger.exception("import of %s failed", item.label)
        return _Outcome(item, error=error)
    except Exception as error:
        forget_outlet_names()  # the rolled-back article may have created outlets
        logger.exception("import of %s failed", item.label)
        return _Outcome(item, error=error)


def _store_batch(items: list[_Item], hooks: list[ArticleHook], reprocess: bool) -> list[_Outcome]:
    """Store the items' articles and run the hooks over them, inside the caller's transaction.

    A text already stored (or met earlier in the batch) is "unchanged": left alone unless
    `reprocess` asks the hooks to run over it again (once, however often the batch holds it).

    What one article at a time would store depends on order: an outlet first named by a relay
    is created as a relay's outlet, one first named as an article's outlet (or in a manifest) as
    a news site. So the batch goes in runs: a new run starts where a manifest lists outlets or
    an article names an outlet not known yet, after the previous run's hooks have run.
    """
    stored = {
        a.content_hash: a
        for a in Article.objects.filter(content_hash__in={i.digest for i in items}).select_related(
            "outlet"
        )
    }
    known = find_outlets(i.draft.outlet for i in items if i.draft.outlet)
    runs: list[list[_Item]] = []
    for item in items:
        name = item.draft.outlet
        if not runs or item.manifest_outlets or (name and known.get(name, 0) is None):
            runs.append([])
        if name:
            known[name] = known.get(name) or Outlet(name=name)  # found in its run, from now on
        runs[-1].append(item)
    outcomes: list[_Outcome] = []
    for run in runs:
        outcomes += _store_run(run, stored, hooks, reprocess)
    return outcomes


def _store_run(
    items: list[_Item], stored: dict[str, Article], hooks: list[ArticleHook], reprocess: bool
) -> list[_Outcome]:
    if items[0].manifest_outlets:
        ensure_outlets(items[0].manifest_outlets)
    named = [i.draft.outlet for i in items if i.draft.outlet]
    outlets = get_or_create_outlets(named, kind=OutletKind.NEWS_SITE) if named else {}
    outcomes: list[_Outcome] = []
    new: list[Article] = []
    first: dict[str, _Outcome] = {}  # each text's first item in the run
    for item in items:
        draft = item.draft
        outlet = outlets.get(draft.outlet) if draft.outlet else None
        article = stored.get(item.digest)
        if item.digest in first or article is not None:
            if reprocess and article is not None and article.outlet_id is None and outlet:
                # The manifest learned the outlet after the first import: record it.
                article.outlet = outlet
                article.save(update_fields=["outlet"])
            outcome = _Outcome(item, article=article)
        else:
            article = Article(
                title=title_of(draft.title) or title_of(draft.body),
                author=draft.author[:300],
                body=draft.body,
                language=item.language or _language_of(draft),
                url=draft.url,
                published_on=draft.published_on,
                outlet=outlet,
                source_name=draft.source_name,
                content_hash=item.digest,
            )
            article.strip_bidi_controls()  # what save() does; bulk_create skips it
            new.append(article)
            stored[item.digest] = article
            outcome = _Outcome(item, article=article, created=True)
        outcomes.append(outcome)
        first.setdefault(item.digest, outcome)
    if new:
        bulk_create_with_history(new, Article)
    _run_hooks([o for o in first.values() if o.created or (reprocess and o.article)], hooks)
    return outcomes


def _run_hooks(outcomes: list[_Outcome], hooks: list[ArticleHook]) -> None:
    """Each hook over the batch's new (or reprocessed) articles, in order: a batch hook once
    with its preparations, any other hook once per article."""
    if not outcomes:
        return
    batched = {id(hook): n for n, hook in enumerate(batch_hooks(hooks))}
    for hook in hooks:
        n = batched.get(id(hook))
        if n is None:
            for outcome in outcomes:
                assert outcome.article is not None
                outcome.stored += hook(outcome.article, outcome.created)
            continue
        batch_hook = cast(BatchHook, hook)
        work = []
        for outcome in outcomes:
            article = outcome.article
            assert article is not None
            prepared = outcome.item.prepared
            if prepared is None or outcome.item.language != article.language:
                # Not prepared ahead (a single import_draft), or the stored article's language
                # changed since: prepared here.
                outcome.item.language = article.language
                outcome.item.prepared = prepared = [
                    prepare_all(h.prepare, [(article.body, article.language)])[0]
                    for h in batch_hooks(hooks)
                ]
            if prepared[n].error:
                raise ImportHookError(prepared[n].error)
            work.append((article, outcome.created, prepared[n].result))
        for outcome, stored in zip(outcomes, batch_hook.store_batch(work), strict=True):
            outcome.stored += stored


def _folder_manifest(folder: Path) -> Manifest | BadManifest:
    """The folder's manifest, or the error every file there reports."""
    try:
        return load_manifest(folder)
    except BadManifest as error:
        return error
