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
    brier,
    features,
    fit,
    predict,
    reliability,
)
from claims.extraction.scoring import LABELLED_SETS, score_folder  # noqa: E402


def main() -> None:
    examples = {
        name: [(features(o.candidate), o.right) for o in score_folder(*paths).outcomes]
        for name, paths in LABELLED_SETS.items()
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


if __name__ == "__main__":
    main()
