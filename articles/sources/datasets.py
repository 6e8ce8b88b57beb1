"""Dataset dumps (.jsonl, .csv) to drafts, one row an article, with configurable column names.

`--field title=headline` says the title is in the column (or JSON key) `headline`. A column named
on purpose that the CSV header lacks refuses the whole file before anything is imported; a bad row
(a line that is not JSON, an empty body, a date that is not one) is reported by line number and
skipped, its neighbours imported.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from articles.importing import ArticleDraft
from articles.models import Language
from articles.sources.errors import SourceError

# The draft fields a row can fill, and the column each is read from unless --field says otherwise.
FIELDS = ("body", "title", "url", "outlet", "published_on", "language", "author")
REQUIRED = ("body",)


class BadDataset(SourceError):
    """A dataset file that cannot be read at all (a missing column, not UTF-8, no header)."""


class BadRow(SourceError):
    """One row that cannot become an article; the others are imported."""


def parse_field_mapping(pairs: list[str]) -> dict[str, str]:
    """`["title=headline", "body=text"]` as {"title": "headline", "body": "text"}; ValueError
    names the first pair that is not `FIELD=COLUMN` with a known field."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        name, separator, column = pair.partition("=")
        name, column = name.strip(), column.strip()
        if not separator or not column or name not in FIELDS:
            raise ValueError(
                _("%(pair)r: write FIELD=COLUMN with FIELD one of %(fields)s")
                % {"pair": pair, "fields": ", ".join(FIELDS)}
            )
        mapping[name] = column
    return mapping


RowHandler = Callable[[BadRow], None]


def jsonl_drafts(
    path: Path, mapping: Mapping[str, str], on_bad_row: RowHandler
) -> Iterator[ArticleDraft]:
    """One draft per line of a JSON Lines file; blank lines are skipped."""
    columns = {name: mapping.get(name, name) for name in FIELDS}
    for number, line in _lines(path):
        name = f"{path.name}:{number}"
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            on_bad_row(
                BadRow(
                    name,
                    _("line %(number)s is not JSON (%(error)s)")
                    % {"number": number, "error": error.msg},
                )
            )
            continue
        if not isinstance(row, dict):
            on_bad_row(BadRow(name, _("line %(number)s is not a JSON object") % {"number": number}))
            continue
        try:
            yield _draft(row, columns, name, explicit=mapping)
        except BadRow as error:
            on_bad_row(error)


def csv_drafts(
    path: Path, mapping: Mapping[str, str], on_bad_row: RowHandler
) -> Iterator[ArticleDraft]:
    """One draft per row of a CSV file with a header row."""
    columns = {name: mapping.get(name, name) for name in FIELDS}
    csv.field_size_limit(max(settings.ISNAD_MAX_ARTICLE_BYTES, csv.field_size_limit()))
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            if not header:
                raise BadDataset(path.name, _("empty file (no header row)"))
            wanted = {
                name: column
                for name, column in columns.items()
                if name in REQUIRED or name in mapping
            }
            missing = [
                _("%(column)s (for %(field)s)") % {"column": column, "field": name}
                for name, column in wanted.items()
                if column not in header
            ]
            if missing:
                raise BadDataset(
                    path.name,
                    _("missing column %(missing)s; the header has %(header)s")
                    % {"missing": ", ".join(missing), "header": ", ".join(header)},
                )
            for row in reader:
                name = f"{path.name}:{reader.line_num}"
                try:
                    yield _draft(row, columns, name, explicit=mapping)
                except BadRow as error:
                    on_bad_row(error)
    except UnicodeDecodeError as error:
        raise BadDataset(
            path.name,
            _("not UTF-8 (invalid byte at position %(position)s)") % {"position": error.start},
        ) from error
    except csv.Error as error:
        raise BadDataset(
            path.name, _("not readable as CSV (%(error)s)") % {"error": error}
        ) from error
    except OSError as error:
        raise BadDataset(
            path.name, _("cannot be read (%(error)s)") % {"error": error.strerror or error}
        ) from error


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    try:
        with path.open(encoding="utf-8-sig") as handle:
            yield from enumerate(handle, start=1)
    except UnicodeDecodeError as error:
        raise BadDataset(
            path.name,
            _("not UTF-8 (invalid byte at position %(position)s)") % {"position": error.start},
        ) from error
    except OSError as error:
        raise BadDataset(
            path.name, _("cannot be read (%(error)s)") % {"error": error.strerror or error}
        ) from error


def _draft(
    row: Mapping[str, Any], columns: Mapping[str, str], name: str, *, explicit: Mapping[str, str]
) -> ArticleDraft:
    def value(field: str) -> str:
        raw = row.get(columns[field])
        if raw is None and field in explicit and field not in REQUIRED:
            return ""
        return "" if raw is None else str(raw)

    body = value("body").replace("\r\n", "\n").replace("\r", "\n")
    if not body.strip():
        raise BadRow(name, _("no text in column %(column)r") % {"column": columns["body"]})
    if len(body.encode("utf-8")) > settings.ISNAD_MAX_ARTICLE_BYTES:
        raise BadRow(
            name,
            _("text too large (the limit is %(limit)s bytes)")
            % {"limit": settings.ISNAD_MAX_ARTICLE_BYTES},
        )
    published = value("published_on").strip()
    try:
        published_on = dt.date.fromisoformat(published[:10]) if published else None
    except ValueError as error:
        raise BadRow(name, _("date %(date)r is not YYYY-MM-DD") % {"date": published}) from error
    language = value("language").strip() or None
    if language is not None and language not in Language.values:
        raise BadRow(
            name,
            _("language %(language)r is not one of %(languages)s")
            % {"language": language, "languages": ", ".join(Language.values)},
        )
    url = value("url").strip()
    if url and not url.startswith(("http://", "https://")):
        raise BadRow(name, _("url %(url)r is not an http(s) address") % {"url": url})
    return ArticleDraft(
        body=body,
        source_name=name[:500],
        title=value("title").strip(),
        outlet=value("outlet").strip()[:200] or None,
        url=url[:1000],
        published_on=published_on,
        language=language,
        author=value("author").strip(),
    )
