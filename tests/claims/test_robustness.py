"""Whatever the text, the extractor returns well-formed candidates and never fails."""

from __future__ import annotations

import random

import pytest

from claims.extraction import extract_claims
from tests.conftest import SEEDS, TEST_DATA

VOCABULARY = [
    word
    for path in [*SEEDS.glob("*.txt"), *(TEST_DATA / "heldout").glob("*.txt")]
    for word in path.read_text(encoding="utf-8").split()
] + ["-", '"', "،", ".", "(", ")", "$", "%", "١٢", "لـ", "بين", "إلى", "ما", "لا", "يقل", "\n"]


@pytest.mark.parametrize("seed", range(5))
def test_random_word_soup_gives_well_formed_candidates(seed):
    rng = random.Random(seed)
    for _ in range(200):
        text = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(0, 50)))
        if rng.random() < 0.2:
            text = text.replace(" ", "")
        spans = set()
        for claim in extract_claims(text):
            assert text[claim.start : claim.end] == claim.quote
            assert claim.start < claim.end
            assert (claim.start, claim.end) not in spans
            spans.add((claim.start, claim.end))
            if claim.lower is not None and claim.upper is not None:
                assert claim.lower <= claim.upper
            assert claim.value is not None or claim.lower is not None


@pytest.mark.parametrize("text", ["", " ", "\n\n", "ـــ", "َُ", "...", "1", "%", "$"])
def test_degenerate_texts(text):
    for claim in extract_claims(text):
        assert text[claim.start : claim.end] == claim.quote


@pytest.mark.parametrize(
    "text",
    [
        "Debt reached " + "1" + ",000" * 120 + " dollars",  # infinity once parsed
        "بلغ الدين 5000 تريليون تريليون دولار",
        "The fund holds 2,000,000,000,000,000 dollars",  # 2e15: past any real figure
    ],
)
def test_figures_past_any_real_one_are_dropped(text):
    assert all(c.value is None or abs(c.value) <= 1e15 for c in extract_claims(text)), (
        "an infinite or absurd figure was offered"
    )
