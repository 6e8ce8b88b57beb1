"""Fit the extractor's confidence model on the labelled sets and write its weights.

Usage: .venv/bin/python bench/fit_confidence.py
Writes claims/extraction/confidence_model.json (weights, the sets it was fitted on, and the
leave-one-set-out Brier scores), and prints a reliability table per set. The labelled sets are
the tuning sets; the sealed blind set is never read here.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")

import django  # noqa: E402

django.setup()

from claims.extraction.confidence import (  # noqa: E402
    MODEL_PATH,
    REFUSED_AT_MOST,
    UNSURE_BELOW,
    brier,
    features,
    fit,
    predict,
    reliability,
)
from claims.extraction.scoring import LABELLED_SETS, score_folder  # noqa: E402

THRESHOLDS = (0.5, 0.7, 0.75, 0.8, 0.85, 0.9, 0.93, 0.95)


def _shown(weights: dict[str, float], found: list[str]) -> float:
    """The confidence the pages would use under these weights (refused spans held low)."""
    p = round(predict(weights, found), 2)
    return min(p, REFUSED_AT_MOST) if "basis:unsure" in found else p


def main() -> None:
    scores = {name: score_folder(*paths) for name, paths in LABELLED_SETS.items()}
    examples = {
        name: [(features(o.candidate), o.right) for o in score.outcomes]
        for name, score in scores.items()
    }
    every = [e for rows in examples.values() for e in rows]
    weights = fit(every)
    held_out = {}
    for name, rows in examples.items():
        others = [e for other, r in examples.items() if other != name for e in r]
        partial = fit(others)
        held_out[name] = round(brier([(predict(partial, f), right) for f, right in rows]), 4)
    MODEL_PATH.write_text(
        json.dumps(
            {
                "fitted_on": sorted(examples),
                "examples": len(every),
                "right": sum(1 for _, right in every if right),
                "leave_one_set_out_brier": held_out,
                "weights": weights,
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"fitted on {len(every)} candidates of {', '.join(sorted(examples))}")
    for name, value in held_out.items():
        print(f"  Brier on {name} with the model fitted on the other sets: {value:.3f}")
    pairs = [(predict(weights, f), right) for f, right in every]
    for row in reliability(pairs):
        print("  confidence {} n={:4d} mean {:.2f} right {:.2f}".format(*row))
    # Choosing UNSURE_BELOW: per set, figures whose labelled speaker is wrong but would be
    # asserted (confidence ≥ threshold), and figures whose speaker is right but would be shown
    # unsure; in sample (the shipped weights) and with each set left out of the fit.
    checks = {
        name: [
            (features(o.candidate), o.speaker_right)
            for o in score.outcomes
            if o.speaker_right is not None
        ]
        for name, score in scores.items()
    }
    left_out = {
        name: fit([e for other, rows in examples.items() if other != name for e in rows])
        for name in checks
    }
    print(f"wrong but asserted / right but unsure, per threshold (shipped: {UNSURE_BELOW})")
    for threshold in THRESHOLDS:
        cells = []
        for name, rows in checks.items():
            for label, w in (("in", weights), ("out", left_out[name])):
                shown = [(_shown(w, f), right) for f, right in rows]
                wrong = sum(1 for p, right in shown if not right and p >= threshold)
                unsure = sum(1 for p, right in shown if right and p < threshold)
                cells.append(f"{name} {label} {wrong}/{unsure}")
        print(f"  {threshold:.2f}: " + "; ".join(cells))


if __name__ == "__main__":
    main()
