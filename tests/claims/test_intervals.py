"""Figures as intervals: which figures for a measure cannot both be true, and the spread."""

from __future__ import annotations

import math
from types import SimpleNamespace

import pytest

from claims.intervals import (
    Interval,
    inconsistent_pairs,
    interval_of,
    spread_of,
    widest_conflicts,
)


def figure(qualifier="exact", value=None, lower=None, upper=None):
    if qualifier == "exact" and value is not None:
        lower = upper = value  # as the extractor stores exact figures
    return SimpleNamespace(qualifier=qualifier, value=value, lower=lower, upper=upper)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("exact", 1600, None, None), Interval(1600, 1600)),
        (("approx", 1000, None, None), Interval(900, 1100)),
        (("more_than", 1000, None, None), Interval(1000, math.inf, lower_open=True)),
        (("at_least", 1000, None, None), Interval(1000, math.inf)),
        (("at_most", 50, None, None), Interval(0, 50)),
        (("less_than", 50, None, None), Interval(0, 50, upper_open=True)),
        (("range", None, 1000, 1400), Interval(1000, 1400)),
        (("vague", None, 200, 999), Interval(200, 999)),
        (("vague", None, 2000, None), Interval(2000, math.inf)),
        (("exact", None, None, None), None),
    ],
)
def test_interval_of_each_qualifier(args, expected):
    assert interval_of(*args) == expected


@pytest.mark.parametrize(
    ("a", "b", "both_possible"),
    [
        (figure(value=1000), figure(value=1600), False),
        (figure(value=1000), figure(value=1000), True),
        (figure("approx", 1400), figure("approx", 1600), True),  # 1260–1540 and 1440–1760
        (figure("approx", 1000), figure("approx", 1600), False),
        (figure("more_than", 1000), figure(value=1000), False),  # open end excludes 1000
        (figure("at_least", 1000), figure(value=1000), True),
        (figure("more_than", 1000), figure(value=1600), True),
        (figure("less_than", 50), figure(value=50), False),
        (figure("at_most", 50), figure(value=50), True),
        (figure("range", lower=1000, upper=1400), figure(value=1600), False),
        (figure("range", lower=1000, upper=1600), figure(value=1600), True),
        (figure("vague", lower=20, upper=99), figure(value=300), False),
    ],
)
def test_which_figures_cannot_both_be_true(a, b, both_possible):
    assert (inconsistent_pairs([a, b]) == []) is both_possible
    assert (inconsistent_pairs([b, a]) == []) is both_possible


def test_wagner_figures():
    claims = [figure(value=1000), figure(value=1400), figure("approx", 1600)]
    pairs = inconsistent_pairs(claims)
    assert (claims[0], claims[1]) in pairs and (claims[0], claims[2]) in pairs
    assert (claims[1], claims[2]) in pairs  # 1400 is outside 1440–1760
    spread = spread_of(claims)
    assert (spread.low, spread.high) == (1000, 1600)


def test_spread_ignores_infinity_and_empty():
    assert spread_of([]).ratio is None
    spread = spread_of([figure("more_than", 500), figure(value=1000)])
    assert (spread.low, spread.high, spread.ratio) == (500, 1000, 2.0)


def test_widest_conflicts_counts_all_and_keeps_the_furthest_apart():
    claims = [figure(value=v) for v in (10, 20, 1000)]
    count, pairs = widest_conflicts(claims, 2)
    assert count == 3
    assert pairs == [(claims[0], claims[2]), (claims[1], claims[2])]
