"""Calibrated confidence (claims.extraction.confidence): features, fitting, Brier, reliability."""

from __future__ import annotations

import pytest

from claims.extraction import extract_claims
from claims.extraction.confidence import (
    MODEL_PATH,
    UNSURE_BELOW,
    brier,
    features,
    fit,
    predict,
    reliability,
)


def test_every_candidate_carries_a_confidence_from_the_shipped_model():
    assert MODEL_PATH.exists()
    claims = extract_claims("وقال وزير الصحة خالد منصور إن 40 شخصا قتلوا. وأصيب العشرات.")
    assert all(0 < c.confidence < 1 for c in claims)
    assert 0 < UNSURE_BELOW < 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وقال وزير الصحة خالد منصور إن 40 شخصا قتلوا", {"kind:digits", "basis:verb"}),
        ("أصيب عشرات المتظاهرين", {"kind:vague", "basis:narrator", "hedged"}),
        ("The ministry said 40 people died", {"english", "basis:verb"}),
    ],
)
def test_features_say_how_a_candidate_was_found(text, expected):
    (claim,) = extract_claims(text)
    assert expected <= set(features(claim))


def test_fit_learns_which_indicator_goes_with_errors():
    examples = [(["a"], True)] * 40 + [(["b"], False)] * 30 + [(["b"], True)] * 10
    weights = fit(examples)
    assert predict(weights, ["a"]) > 0.8 > predict(weights, ["b"])
    assert brier([(predict(weights, f), r) for f, r in examples]) < brier(
        [(0.625, r) for _, r in examples]
    )


def test_brier_and_reliability():
    pairs = [(0.9, True), (0.9, False), (0.2, False), (0.6, True)]
    assert brier(pairs) == pytest.approx((0.01 + 0.81 + 0.04 + 0.16) / 4)
    rows = reliability(pairs, edges=(0.5,))
    assert rows == [("0.00-0.50", 1, 0.2, 0.0), ("0.50-1.00", 3, pytest.approx(0.8), 2 / 3)]
