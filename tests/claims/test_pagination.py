"""Keyset cursors: what a "Next" link carries, and which links are refused."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from claims.pagination import PageError, _cursor_for, _parse_cursor, per_page_from


@pytest.mark.parametrize(
    ("sort", "claim", "cursor", "parsed"),
    [
        ("-id", SimpleNamespace(pk=42), "42", (None, 42)),
        ("id", SimpleNamespace(pk=42), "42", (None, 42)),
        (
            "-date",
            SimpleNamespace(pk=7, published_on=dt.date(2020, 5, 21)),
            "2020-05-21~7",
            (dt.date(2020, 5, 21), 7),
        ),
        ("value", SimpleNamespace(pk=9, value=1600.0), "1600.0~9", (1600.0, 9)),
        ("-value", SimpleNamespace(pk=9, value=0.1), "0.1~9", (0.1, 9)),
    ],
)
def test_cursors_round_trip(sort, claim, cursor, parsed):
    assert _cursor_for(claim, sort) == cursor
    assert _parse_cursor(cursor, sort) == parsed


@pytest.mark.parametrize(
    ("sort", "cursor"),
    [
        ("-id", "abc"),
        ("-id", "-5"),
        ("-id", str(2**63)),
        ("-date", "2020-13-01~5"),
        ("-date", "~5"),
        ("-date", "2020-05-01"),
        ("value", "nan~5"),
        ("value", "inf~5"),
        ("value", "1~x"),
    ],
)
def test_broken_cursors_are_refused(sort, cursor):
    with pytest.raises(PageError):
        _parse_cursor(cursor, sort)


@pytest.mark.parametrize(("raw", "expected"), [(None, 50), ("", 50), ("10", 10), ("100", 100)])
def test_per_page(raw, expected):
    assert per_page_from(raw) == expected


@pytest.mark.parametrize("raw", ["0", "7", "1000", "ten", "-10"])
def test_per_page_refused(raw):
    with pytest.raises(PageError):
        per_page_from(raw)


# Best match first ------------------------------------------------------------------------------


@pytest.fixture
def scored_claims(db):
    """30 claims matching "wagner": in the quote (score 4), in the measure (2), in the title
    (1), by turns, so that the orders by score and by id differ."""
    from claims.models import Measure
    from tests.conftest import make_article, make_claim

    measure = Measure.objects.create(name="Wagner fighters")
    claims = []
    for i in range(30):
        where = i % 3
        quote = f"{100 + i} Wagner" if where == 0 else f"{100 + i} men"
        article = make_article(f"Reported: {quote}.", language="en", title=f"Wagner {i}")
        claims.append(make_claim(article, quote, 100 + i, measure=measure if where == 1 else None))
    return claims


def walk(client, query: dict, per_page: int = 10) -> list[int]:
    seen: list[int] = []
    params = {**query, "per_page": per_page}
    for _ in range(20):
        page = client.get("/claims/", params).context["page"]
        seen += [c.pk for c in page.claims]
        if not page.next_cursor:
            return seen
        params["after"] = page.next_cursor
    raise AssertionError("the pages never ended")


@pytest.mark.parametrize("window", [1000, 7, 1])
def test_best_match_first_pages_through_every_match_once(
    client, scored_claims, window, monkeypatch
):
    from claims import pagination
    from claims.search import QUOTE_WEIGHT, TITLE_WEIGHT

    monkeypatch.setattr(pagination, "RANKED_MATCHES", window)
    ids = sorted((c.pk for c in scored_claims), reverse=True)
    score = {c.pk: (QUOTE_WEIGHT, 2, TITLE_WEIGHT)[i % 3] for i, c in enumerate(scored_claims)}
    ranked, older = ids[:window], ids[window:]
    expected = sorted(ranked, key=lambda pk: (-score[pk], -pk)) + older
    seen = walk(client, {"q": "wagner"})
    assert seen == expected
    page = client.get("/claims/", {"q": "wagner"}).context["page"]
    assert page.ranked_window == (window if window < len(ids) else 0)


def test_a_claim_added_between_pages_does_not_upset_the_window(client, scored_claims, monkeypatch):
    from claims import pagination
    from tests.conftest import make_article, make_claim

    monkeypatch.setattr(pagination, "RANKED_MATCHES", 12)
    first = client.get("/claims/", {"q": "wagner", "per_page": 10}).context["page"]
    make_claim(make_article("Reported: 999 Wagner.", language="en"), "999 Wagner", 999)
    seen = [c.pk for c in first.claims]
    params = {"q": "wagner", "per_page": 10, "after": first.next_cursor}
    while params.get("after"):
        page = client.get("/claims/", params).context["page"]
        seen += [c.pk for c in page.claims]
        params["after"] = page.next_cursor
    old = [c.pk for c in scored_claims]
    assert sorted(pk for pk in seen if pk in old) == sorted(old)  # each old claim once
    assert len(seen) == len(set(seen))


def test_without_a_search_best_match_first_is_newest_first(client, scored_claims):
    assert walk(client, {}) == sorted((c.pk for c in scored_claims), reverse=True)


def test_a_ranked_page_reads_no_more_than_four_queries_and_no_offset(
    client, scored_claims, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from claims import pagination
    from claims.models import Claim

    monkeypatch.setattr(pagination, "RANKED_MATCHES", 7)
    # Floor, ranked rows, older rows (the page reaches past the window), relays.
    claims = Claim.objects.all().search("wagner")
    with CaptureQueriesContext(connection) as captured:
        page = pagination.claim_page(claims, "rank", None, 10)
    assert len(captured) == 4 and len(page.claims) == 10
    with CaptureQueriesContext(connection) as captured:
        pagination.claim_page(claims, "rank", page.next_cursor, 10)
    assert len(captured) == 2  # past the window: older rows, relays
    assert not any("OFFSET" in q["sql"].upper() for q in captured.captured_queries)


@pytest.mark.parametrize("cursor", ["4~5", "a~5~0", "4~5~-1", "4~5~" + str(2**63), "²~1~1", ""])
def test_broken_ranked_cursors_are_refused(cursor):
    from claims.pagination import _parse_rank_cursor

    with pytest.raises(PageError):
        _parse_rank_cursor(cursor)
