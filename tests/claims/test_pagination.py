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
