"""Keyset pages of claims: `?after=<cursor>` continues where the last page ended, never OFFSET."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

from articles.params import parse_id
from claims.models import Claim
from claims.querysets import CLAIM_SORTS

PER_PAGE_CHOICES = [10, 25, 50, 100]
DEFAULT_PER_PAGE = 50


@dataclass
class ClaimPage:
    """One keyset page of claims: `?after=<cursor>` continues where the last page ended."""

    claims: list[Claim]
    next_cursor: str | None
    per_page: int
    is_first: bool


class PageError(ValueError):
    """A malformed `after` or `per_page` parameter."""


def per_page_from(raw: str | None) -> int:
    if not raw:
        return DEFAULT_PER_PAGE
    if parse_id(raw) in PER_PAGE_CHOICES:
        return parse_id(raw)
    raise PageError(
        _("Rows per page must be one of %(choices)s.")
        % {"choices": ", ".join(map(str, PER_PAGE_CHOICES))}
    )


def _cursor_for(claim: Claim, sort: str) -> str:
    field, _descending = CLAIM_SORTS[sort]
    if field == "id":
        return str(claim.pk)
    key = getattr(claim, field)
    key_text = key.isoformat() if isinstance(key, dt.date) else repr(key)
    return f"{key_text}~{claim.pk}"


def _parse_cursor(raw: str, sort: str):
    field, _descending = CLAIM_SORTS[sort]
    error = PageError(_("That page link is broken: start again from the first page."))
    key_text, _tilde, id_text = raw.rpartition("~") if field != "id" else ("", "", raw)
    last_id = parse_id(id_text)
    if last_id is None:
        raise error
    if field == "id":
        return None, last_id
    try:
        key = dt.date.fromisoformat(key_text) if field == "published_on" else float(key_text)
    except ValueError:
        raise error from None
    if isinstance(key, float) and not math.isfinite(key):
        raise error
    return key, last_id


def claim_page(claims, sort: str, after: str | None, per_page: int) -> ClaimPage:
    """Cut one page from filtered claims: two queries (rows, relays), whatever the depth."""
    claims = claims.sorted_by(sort)
    if after:
        key, last_id = _parse_cursor(after, sort)
        claims = claims.after(sort, key, last_id)
    rows = list(claims.listing()[: per_page + 1])
    next_cursor = _cursor_for(rows[per_page - 1], sort) if len(rows) > per_page else None
    return ClaimPage(rows[:per_page], next_cursor, per_page, is_first=not after)
