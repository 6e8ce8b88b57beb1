"""Headline figures: a figure in the title that repeats one of the body is linked to it.

Titles repeat the body's figures in shorter, vaguer words (مصرع 23 شخصا for ارتفعت الحصيلة إلى
23 قتيلا; "kills hundreds" for "at least 568 bodies"). Stored as a claim of nobody, such a figure
would be a second, unattributed copy; linked, it carries the body claim's speaker and relays and
points to it (`Candidate.repeats`).
"""

from __future__ import annotations

from dataclasses import replace

from articles.normalization import normalize
from claims.extraction.candidates import Candidate
from claims.extraction.units import MEASURES


def headline_end(text: str) -> int:
    """The offset where the first non-empty line (the headline) ends."""
    stripped = len(text) - len(text.lstrip())
    end = text.find("\n", stripped)
    return len(text) if end < 0 else end


def _interval(c: Candidate) -> tuple[float, float]:
    """What a figure allows, as a closed interval (open ends as ±infinity)."""
    low = c.lower if c.lower is not None else (c.value if c.qualifier != "less_than" else None)
    high = c.upper if c.upper is not None else (c.value if c.qualifier == "exact" else None)
    if c.qualifier == "approx" and c.value is not None:
        low, high = c.value * 0.9, c.value * 1.1
    return (low if low is not None else float("-inf"), high if high is not None else float("inf"))


def _same_numbers(head: Candidate, body: Candidate) -> bool:
    if head.value is not None:
        return head.value in (body.value, body.lower, body.upper)
    return (head.lower, head.upper) == (body.lower, body.upper)


def _within(head: Candidate, body: Candidate) -> bool:
    """The body's figure is one the headline's hedge allows (أكثر من 3 ملايين ↔ 3,450,000)."""
    low, high = _interval(head)
    value = body.value if body.value is not None else body.upper
    return value is not None and low <= value <= high


def _stems(c: Candidate) -> set[str]:
    words = normalize(c.counted).split()
    return {w[2:] if w.startswith("ال") else w for w in words if len(w) > 2}


def _agrees(head: Candidate, body: Candidate) -> bool:
    """Same unit when both have one, or a shared counted word."""
    if head.unit and body.unit:
        return head.unit == body.unit
    return bool(_stems(head) & _stems(body))


def _other_measure(head: Candidate, body: Candidate) -> bool:
    measured = head.unit in MEASURES or body.unit in MEASURES
    return measured and head.unit != body.unit


def _body_figure(head: Candidate, body: list[Candidate]) -> Candidate | None:
    # A figure of another measure is another figure (eight months is not 8%).
    body = [c for c in body if not _other_measure(head, c)]
    same = [c for c in body if _same_numbers(head, c)]
    if head.qualifier == "vague":
        same = [c for c in same if _stems(head) & _stems(c)]  # آلاف الأسر ↔ آلاف الأسر
    if same:
        return next((c for c in same if _agrees(head, c)), same[0])
    if head.qualifier == "exact":
        return None
    within = [c for c in body if _within(head, c)]
    agreeing = [c for c in within if _agrees(head, c)]
    if agreeing:
        return agreeing[0]
    return within[0] if len(within) == 1 else None  # "kills hundreds": the one figure it can be


def link_headlines(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """The candidates with each headline figure that repeats a body figure linked to it: it
    takes the body figure's speaker and relays and `repeats` its span."""
    end = headline_end(text)
    body = [c for c in candidates if c.start >= end]
    linked = []
    for candidate in candidates:
        if candidate.start < end:
            repeated = _body_figure(candidate, body)
            if repeated is not None:
                candidate = replace(
                    candidate,
                    speaker=repeated.speaker,
                    speaker_role=repeated.speaker_role,
                    relay=repeated.relay,
                    repeats=(repeated.start, repeated.end),
                    speaker_basis="headline",
                )
        linked.append(candidate)
    return linked
