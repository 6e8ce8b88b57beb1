"""What a figure allows: each claim as an interval, and which figures cannot both be true."""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

INFINITY = math.inf
APPROX_MARGIN = 0.10  # "about 1600" allows 1440–1760


@dataclass(frozen=True, slots=True)
class Interval:
    """The values a figure allows; an open end excludes its bound ("more than 1000")."""

    lower: float
    upper: float
    lower_open: bool = False
    upper_open: bool = False

    def overlaps(self, other: Interval) -> bool:
        """Whether some value satisfies both figures."""
        return _before(self, other) and _before(other, self)

    @property
    def is_point(self) -> bool:
        return self.lower == self.upper

    @property
    def is_open_ended(self) -> bool:
        return self.upper == INFINITY


def _before(a: Interval, b: Interval) -> bool:
    # a's lower end does not lie beyond b's upper end.
    if a.lower < b.upper:
        return True
    return a.lower == b.upper and not a.lower_open and not b.upper_open


def interval_of(qualifier: str, value: float | None, lower: float | None, upper: float | None):
    """The interval a figure allows (see docs/design.md "Numbers"), None when it has no number.

    >>> interval_of("approx", 1600, None, None)
    Interval(lower=1440.0, upper=1760.0, lower_open=False, upper_open=False)
    >>> interval_of("more_than", 1000, None, None).upper
    inf
    """
    n = value if value is not None else (lower if lower is not None else upper)
    if n is None:
        return None
    match qualifier:
        case "approx":
            margin = abs(n) * APPROX_MARGIN
            return Interval(n - margin, n + margin)
        case "more_than":
            return Interval(n, INFINITY, lower_open=True)
        case "at_least":
            return Interval(n, INFINITY)
        case "less_than":
            return Interval(min(0.0, n), n, upper_open=True)
        case "at_most":
            return Interval(min(0.0, n), n)
        case "range" | "vague":
            low = lower if lower is not None else n
            high = upper if upper is not None else INFINITY
            return Interval(low, high)
        case _:
            return Interval(n, n)


def claim_interval(claim: Any) -> Interval | None:
    """The interval of a Claim (anything with qualifier, value, lower and upper)."""
    return interval_of(claim.qualifier, claim.value, claim.lower, claim.upper)


def inconsistent_pairs(claims: Iterable[Any]) -> list[tuple[Any, Any]]:
    """Pairs of claims whose figures cannot both be true: their intervals do not overlap."""
    with_intervals = [(c, claim_interval(c)) for c in claims]
    with_intervals = [(c, i) for c, i in with_intervals if i is not None]
    return [(a, b) for (a, ia), (b, ib) in combinations(with_intervals, 2) if not ia.overlaps(ib)]


def widest_conflicts(claims: Iterable[Any], limit: int) -> tuple[int, list[tuple[Any, Any]]]:
    """How many pairs cannot both be true, and the `limit` pairs furthest apart."""
    with_intervals = [(c, claim_interval(c)) for c in claims]
    with_intervals = [(c, i) for c, i in with_intervals if i is not None]
    gaps = [
        (max(ia.lower - ib.upper, ib.lower - ia.upper), index, a, b)
        for index, ((a, ia), (b, ib)) in enumerate(combinations(with_intervals, 2))
        if not ia.overlaps(ib)
    ]
    widest = heapq.nlargest(limit, gaps, key=lambda gap: (gap[0], -gap[1]))
    return len(gaps), [(a, b) for _, _, a, b in widest]


@dataclass(frozen=True, slots=True)
class Spread:
    """The lowest and highest figure for a measure and their ratio."""

    low: float | None
    high: float | None

    @property
    def ratio(self) -> float | None:
        if self.low is None or self.high is None or self.low <= 0 or self.high == INFINITY:
            return None
        return self.high / self.low


def spread_of(claims: Sequence[Any]) -> Spread:
    """The lowest and highest figure as stated (a range's bounds, "about"/"more than" figures
    at their number): what a fact-checker quotes as "between 1,000 and 1,600"."""
    lows = [c.lower if c.lower is not None else c.value for c in claims]
    highs = [c.upper if c.upper is not None else c.value for c in claims]
    lows = [n for n in lows if n is not None]
    highs = [n for n in highs + lows if n is not None and n != INFINITY]
    if not lows:
        return Spread(None, None)
    return Spread(min(lows), max(highs))
