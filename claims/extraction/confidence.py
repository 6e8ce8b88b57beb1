"""Calibrated confidence: how likely a candidate is right in full (a real figure, its qualifier
and its speaker), from how it was found.

A small logistic model over a handful of indicators (how the number was written, whether the
counted noun was found, how the speaker was found and how far from the figure, English or
Arabic) fitted on the labelled sets by `bench/fit_confidence.py`; its weights ship in
`confidence_model.json` beside this module (no download, no dependency). A candidate whose
confidence is below `UNSURE_BELOW` has a speaker the pages show as "unsure" rather than assert.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claims.extraction.candidates import Candidate

# Below this a claim's attribution is shown as "unsure" on the public pages, and such claims
# come first in the review queue sorted by confidence. On the labelled sets (598 candidates,
# in sample) 12 fall below it and 4 of them are right (33%); of those above it 94% are right.
UNSURE_BELOW = 0.75

MODEL_PATH = Path(__file__).with_name("confidence_model.json")


def features(candidate: Candidate) -> list[str]:
    """The indicators of a candidate that the model weighs (each present counts 1)."""
    basis, _, far = candidate.speaker_basis.partition("+")
    found = [f"kind:{candidate.number_kind}", f"basis:{basis}"]
    if far:
        found.append("far")
    if not candidate.counted:
        found.append("counted:none")
    if candidate.quote.isascii():
        found.append("english")
    if candidate.qualifier != "exact":
        found.append("hedged")
    if candidate.speaker and len(candidate.speaker.split()) > 4:
        found.append("long-speaker")
    return found


def _logistic(z: float) -> float:
    return 1 / (1 + math.exp(-z)) if z > -500 else 0.0


def predict(weights: dict[str, float], found: Iterable[str]) -> float:
    return _logistic(weights.get("bias", 0.0) + sum(weights.get(f, 0.0) for f in found))


@cache
def _shipped() -> dict[str, float]:
    if not MODEL_PATH.exists():
        return {}
    weights: dict[str, float] = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["weights"]
    return weights


def confidence_of(candidate: Candidate) -> float:
    """The shipped model's probability that the candidate is right in full, two decimals."""
    return _confidence_for(tuple(features(candidate)))


@cache
def _confidence_for(found: tuple[str, ...]) -> float:
    weights = _shipped()
    return round(predict(weights, found), 2) if weights else 0.5


def fit(
    examples: Sequence[tuple[list[str], bool]], *, l2: float = 1.0, steps: int = 300
) -> dict[str, float]:
    """Weights of a logistic model fitted by Newton-free gradient steps with an L2 penalty (the
    penalty keeps indicators seen a few times near zero instead of certain)."""
    names = sorted({f for found, _ in examples for f in found} | {"bias"})
    weights = dict.fromkeys(names, 0.0)
    rate = 0.5
    n = max(1, len(examples))
    for _ in range(steps):
        gradient = dict.fromkeys(names, 0.0)
        for found, right in examples:
            error = predict(weights, found) - (1.0 if right else 0.0)
            gradient["bias"] += error
            for f in found:
                gradient[f] += error
        for name in names:
            penalty = 0.0 if name == "bias" else l2 * weights[name]
            weights[name] -= rate * (gradient[name] + penalty) / n
    return {name: round(value, 4) for name, value in weights.items()}


def brier(pairs: Sequence[tuple[float, bool]]) -> float:
    """Mean squared difference between confidence and outcome (0 is perfect, 0.25 a coin)."""
    return sum((p - (1.0 if right else 0.0)) ** 2 for p, right in pairs) / max(1, len(pairs))


def reliability(
    pairs: Sequence[tuple[float, bool]], edges: Sequence[float] = (0.5, 0.7, 0.85, 0.95)
) -> list[tuple[str, int, float, float]]:
    """(bin, count, mean confidence, share right) for confidence bins split at `edges`."""
    bounds = [0.0, *edges, 1.0001]
    rows = []
    for low, high in pairwise(bounds):
        inside = [(p, r) for p, r in pairs if low <= p < high]
        if inside:
            mean = sum(p for p, _ in inside) / len(inside)
            right = sum(1 for _, r in inside if r) / len(inside)
            rows.append((f"{low:.2f}-{min(high, 1):.2f}", len(inside), mean, right))
    return rows
