"""Importing article files: reading and checking them, the manifest, one transaction per article."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Case, Q, Value, When
from django.utils.module_loading import import_string

from articles.language import detect_language
from articles.models import Article, Language, Outlet, OutletAlias, OutletKind

logger = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.json"
ARTICLE_SUFFIXES = {".txt"}
TITLE_MAX = 500

# Called inside the article's transaction after it is saved: (article, created) -> claims stored.
ArticleHook = Callable[[Article, bool], int]


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


def configured_hooks() -> list[ArticleHook]:
    """What other apps do with a newly imported article (project settings wire claims in)."""
    return [import_string(path) for path in getattr(settings, "ISNAD_ARTICLE_IMPORTED_HOOKS", [])]


def import_article(
    path: Path,
    entry: ManifestEntry,
    *,
    hooks: Iterable[ArticleHook] = (),
    reprocess: bool = False,
) -> tuple[Article, bool, int]:
    """Store one file as an article (or find it by its content hash), then run the hooks."""
    text = read_article_text(path)
    draft = ArticleDraft(
        body=text,
        source_name=path.name,
        outlet=entry.outlet,
        url=entry.url,
        published_on=entry.published_on,
        language=entry.language,
    )
    return import_draft(draft, hooks=hooks, reprocess=reprocess)


def import_draft(
    draft: ArticleDraft,
    *,
    hooks: Iterable[ArticleHook] = (),
    reprocess: bool = False,
) -> tuple[Article, bool, int]:
    """Store one draft as an article (or find it by its content hash), then run the hooks.

    Everything happens in one transaction, so a failing hook leaves no half-imported article.
    Returns (article, created, claims stored by the hooks). An existing article is left alone
    unless `reprocess` asks the hooks to run again over it.
    """
    text = draft.body
    digest = content_hash(text)
    try:
        with transaction.atomic():
            outlet = None
            if draft.outlet:
                outlet = find_outlet(draft.outlet) or Outlet.objects.create(name=draft.outlet)
            article, created = Article.objects.get_or_create(
                content_hash=digest,
                defaults={
                    "title": title_of(draft.title) or title_of(text),
                    "author": draft.author[:300],
                    "body": text,
                    "language": draft.language or detect_language(text),
                    "url": draft.url,
                    "published_on": draft.published_on,
                    "outlet": outlet,
                    "source_name": draft.source_name,
                },
            )
            if not created and not reprocess:
                return article, False, 0
            if not created and article.outlet_id is None and outlet is not None:
                # The manifest learned the outlet after the first import: record it.
                article.outlet = outlet
                article.save(update_fields=["outlet"])
            stored = sum(hook(article, created) for hook in hooks)
    except IntegrityError:
        # Another import stored the same text at the same moment: that is "unchanged".
        article = Article.objects.get(content_hash=digest)
        return article, False, 0
    return article, created, stored


def import_drafts(
    drafts: Iterable[ArticleDraft],
    *,
    hooks: Iterable[ArticleHook] | None = None,
    reprocess: bool = False,
    progress: Callable[[Iterable], Iterable] = lambda items: items,
) -> ImportReport:
    """Import drafts from any source; one that fails is reported by its source name and skipped."""
    hooks = configured_hooks() if hooks is None else list(hooks)
    report = ImportReport()
    with outlet_lookups_cached():
        for draft in progress(drafts):
            try:
                _, created, stored = import_draft(draft, hooks=hooks, reprocess=reprocess)
            except Exception as error:
                forget_outlet_names()  # the rolled-back article may have created outlets
                logger.exception("import of %s failed", draft.source_name)
                report.failed.append(
                    (draft.source_name, f"import failed ({type(error).__name__}: {error})")
                )
                continue
            report.new += created
            report.unchanged += not created
            report.claims += stored
    return report


def import_paths(
    paths: Iterable[Path],
    *,
    hooks: Iterable[ArticleHook] | None = None,
    reprocess: bool = False,
    progress: Callable[[Iterable], Iterable] = lambda items: items,
) -> ImportReport:
    """Import every article file under `paths`; bad files are reported by name and skipped."""
    with outlet_lookups_cached():
        return _import_paths(paths, hooks=hooks, reprocess=reprocess, progress=progress)


def _import_paths(
    paths: Iterable[Path],
    *,
    hooks: Iterable[ArticleHook] | None,
    reprocess: bool,
    progress: Callable[[Iterable], Iterable],
) -> ImportReport:
    hooks = configured_hooks() if hooks is None else list(hooks)
    report = ImportReport()
    files = list(iter_article_files(paths))
    manifests: dict[Path, Manifest | BadManifest] = {}
    for path, problem in progress(files):
        if problem:
            report.failed.append((str(path), problem))
            continue
        try:
            manifest = manifests.get(path.parent)
            if manifest is None:
                manifest = manifests[path.parent] = _folder_manifest(path.parent)
            if isinstance(manifest, BadManifest):
                raise manifest
            _, created, stored = import_article(
                path, manifest.entry_for(path), hooks=hooks, reprocess=reprocess
            )
        except (BadArticleFile, BadManifest) as error:
            report.failed.append((str(path), str(error)))
            continue
        except Exception as error:
            forget_outlet_names()  # the rolled-back article may have created outlets
            logger.exception("import of %s failed", path)
            report.failed.append((str(path), f"import failed ({type(error).__name__}: {error})"))
            continue
        report.new += created
        report.unchanged += not created
        report.claims += stored
    return report


def _folder_manifest(folder: Path) -> Manifest | BadManifest:
    """The folder's manifest with its outlets created, or the error every file there reports."""
    try:
        manifest = load_manifest(folder)
    except BadManifest as error:
        return error
    with transaction.atomic():
        ensure_outlets(manifest.outlets)
    return manifest
