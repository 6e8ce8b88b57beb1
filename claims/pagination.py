"""Keyset pages of claims: `?after=<cursor>` continues where the last page ended, never OFFSET.

"Best match first" (RANK, with a search) orders by score, which no index holds: ranking every
match of a common word would read all of them on every page. So the newest RANKED_MATCHES
matches are ranked (score, then newest first) and older matches follow newest first. The first
page finds the id where that window starts (the floor) and every cursor carries it, so the
window stays the same from page to page and each claim appears once: a cursor is
"score~id~floor", with score 0 once the pages have gone past the ranked window.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.db.models import Q, prefetch_related_objects
from django.utils.translation import gettext as _

from articles.params import parse_id
from claims.models import Claim
from claims.querysets import CLAIM_SORTS, RANK
from claims.search import RANKED_MATCHES

PER_PAGE_CHOICES = [10, 25, 50, 100]
DEFAULT_PER_PAGE = 50


@dataclass
class ClaimPage:
    """One keyset page of claims: `?after=<cursor>` continues where the last page ended."""

    claims: list[Claim]
    next_cursor: str | None
    per_page: int
    is_first: bool
    # Best match first over more matches than are ranked: how many are (the newest ones).
    ranked_window: int = 0


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
    if sort == RANK and claims.is_searched:
        return _ranked_page(claims, after, per_page)
    claims = claims.sorted_by(sort)
    if after:
        key, last_id = _parse_cursor(after, sort)
        claims = claims.after(sort, key, last_id)
    rows = list(claims.listing()[: per_page + 1])
    next_cursor = _cursor_for(rows[per_page - 1], sort) if len(rows) > per_page else None
    return ClaimPage(rows[:per_page], next_cursor, per_page, is_first=not after)


def _parse_rank_cursor(raw: str) -> tuple[int, int, int]:
    numbers = [parse_id(part) for part in raw.split("~")]
    if len(numbers) != 3 or None in numbers:
        raise PageError(_("That page link is broken: start again from the first page."))
    score, last_id, floor = numbers
    return score, last_id, floor


def _ranked_page(claims, after: str | None, per_page: int) -> ClaimPage:
    """A page of searched claims, best match first within the ranked window (module doc).

    At most four queries: the window's ids (the newest matches on the first page; those from
    the floor on after it), the ranked rows by those ids, the rows after the window when the
    page reaches past it, the relays.
    """
    if after:
        score, last_id, floor = _parse_rank_cursor(after)
        in_window = score > 0
        window = claims.ranking_window(floor, 2 * RANKED_MATCHES) if in_window else []
    else:
        score, last_id, in_window = None, None, True
        window = claims.newest_ids(RANKED_MATCHES)
        floor = window[-1] if len(window) == RANKED_MATCHES else 0
    rows: list[Claim] = []
    if in_window:
        ranked = claims.ranked(window)
        if score is not None:
            ranked = ranked.filter(Q(search_rank__lt=score) | Q(search_rank=score, id__lt=last_id))
        rows = list(ranked.listing_rows()[: per_page + 1])
    if len(rows) <= per_page and floor:
        below = floor if in_window else min(floor, last_id)
        older = claims.filter(id__lt=below).sorted_by("-id").listing_rows()
        rows += list(older[: per_page + 1 - len(rows)])
    shown = rows[:per_page]
    prefetch_related_objects(shown, Claim.objects.relays_prefetch())
    next_cursor = None
    if len(rows) > per_page:
        last = shown[-1]
        next_cursor = (
            f"{getattr(last, 'search_rank', 0) if last.pk >= floor else 0}~{last.pk}~{floor}"
        )
    return ClaimPage(
        shown,
        next_cursor,
        per_page,
        is_first=not after,
        ranked_window=RANKED_MATCHES if floor else 0,
    )
