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
0.84 (full output: bench/results/2026-12-03-extraction-blind-B-first-score.txt). Of its 238
figures whose speaker is labelled, 42 had a wrong speaker and 38 of those were asserted
(confidence ≥ UNSURE_BELOW): about 16%.
Set B's misses were then studied and fixed in general form (issue 11, second pass: speaker spans
that must look like a speaker, relays, number forms; tests of our own examples for each), so its
figures below are no longer blind: recall 1.00, precision 1.00, qualifier 1.00, speaker 0.99,
narrator 0.93, relay 1.00, wrong but asserted 5 of 252 (2%); set A after the same work: speaker
0.96 (from 0.91), wrong but asserted 13 of 420 (3%, from 24). The honest estimate on unseen text
is the sealed set C, scored once by the lead:
`tests/data/blind/setC/` (17 articles: 11 Arabic, 6 English; other subjects and outlets again,
written by a third blind writer) was scored once at commit 77f5d8c (2026-12-03), after both passes:
recall 0.96 (265/276), precision 0.87 (265/303), qualifier 0.98, speaker 0.79 (169/214), narrator
0.86 (42/49), relay 0.77 (204/265), headline links 0.75 (21/28); Arabic recall 0.97, precision
0.90, speaker 0.81; English recall 0.95, precision 0.84, speaker 0.74; 46 of 263 figures with a
labelled speaker show a wrong one as sure (17.5%). Many relay "errors" are the writer's convention
that "told <the publishing outlet>" is no relay, which a text-only extractor cannot know (on
import the chain drops a last relay equal to the article's outlet). That is the honest figure for
unseen text: the speaker target (0.90) is not met, and each new set shows constructions the rules
have not seen (full output: bench/results/2026-12-03-extraction-blind-C-first-score.txt). Set C is
not in the confidence fit (LABELLED_SETS) and no rule has been changed for it; its thresholds are
floors at its first score, not the targets.
From commit "Quality floors: set C tuned on" (issue 11, third pass) on, set C is NO LONGER BLIND:
its misses were studied, classified into families and fixed in general form (tests of our own
examples for each family in tests/claims/test_speaker_families.py, every rule checked not to lower
any other set), and it joined the confidence fit. Its figures after that work: recall 0.98,
precision 0.91, qualifier 0.99, speaker 0.99 (216/219), narrator 0.92, relay 0.79, headline links
0.79, wrong but asserted 7 of 268 (3%, from 46); its floors are now those figures. Its relay
figure stays low because its writer labels "told <the publishing outlet>" as no relay while the
writer of A and B labels it as one: a rule for either convention lowers the other writer's sets
(measured: dropping a relay equal to the outlet named in the credit line or dateline raised C's
relay to 0.91 and lowered A's and B's to 0.94), so none was kept. The honest estimate on unseen
text is now the sealed set D:
`tests/data/blind/setD/` (16 articles: 10 Arabic, 6 English, 243 labelled figures; a fourth blind
writer, who read only set C's conventions and two of its articles) was kept sealed outside the
repository while the third pass was written and scored by the lead twice, with no rule changed
for it: on the rules before the third pass (commit 9850109): recall 0.99, precision 0.98,
qualifier 0.99, speaker 0.88 (168/190), narrator 0.91, relay 0.82, headline links 0.78, wrong but
asserted 23 of 212 (11%); on the rules after it (commit 1f5d41f): recall 1.00 (218/218),
precision 0.98 (218/222), qualifier 0.99, speaker 0.91 (174/192; Arabic 0.91, English 0.90),
narrator 0.95, relay 0.84, headline links 0.78, wrong but asserted 18 of 214 (8%). This is the
honest estimate on unseen text, and it meets the targets (recall ≥ 0.95, precision ≥ 0.90,
qualifier ≥ 0.95, speaker ≥ 0.90), narrowly for the speaker (full output:
bench/results/2026-12-03-extraction-blind-D-first-score.txt). Set D is not in the confidence fit;
its floors are its score, so a change that lowers it fails here; a rule written FOR one of its
misses would make it no longer blind, and must say so here.
Each set also prints "wrong but asserted" (figures whose labelled speaker, or narration, is
wrong at a confidence the pages assert) and "right but shown unsure".
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
    # Blind set B: sealed until the rules were final, scored once (see above), then tuned to.
    "blind B": (
        TEST_DATA / "blind" / "setB" / "expected_claims.json",
        TEST_DATA / "blind" / "setB",
    ),
    # Blind set C: sealed until both passes were done, scored once; tuned on from the third pass.
    "blind C": (
        TEST_DATA / "blind" / "setC" / "expected_claims.json",
        TEST_DATA / "blind" / "setC",
    ),
    # Blind set D: sealed until the third pass was done, scored twice with no rule changed for it.
    "blind D": (
        TEST_DATA / "blind" / "setD" / "expected_claims.json",
        TEST_DATA / "blind" / "setD",
    ),
}

# Set C's floors: its figures after the third pass tuned on it (its first, blind score was
# precision 0.87, speaker 0.79, narrator 0.86, relay 0.77, headline links 0.75).
FLOORS = {
    "blind C": {
        "precision": 0.91,
        "speaker": 0.98,
        "narrator": 0.91,
        "relay": 0.79,
        "headline": 0.78,
    },
    # Set D's floors: its blind score after the third pass (the honest estimate; see above).
    "blind D": {
        "recall": 0.99,
        "precision": 0.97,
        "qualifier": 0.98,
        "speaker": 0.90,
        "narrator": 0.90,
        "relay": 0.83,
        "headline": 0.77,
        "wrong_asserted": 0.085,
    },
}


def report(name: str, score: Score, capsys) -> None:
    with capsys.disabled():
        print(f"\nextraction quality, {name}: {score.summary()}")
        print(f"  {score.attribution(UNSURE_BELOW)}")
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
    floors = FLOORS.get(name, {})
    assert score.recall >= floors.get("recall", 0.95)
    assert score.precision >= floors.get("precision", 0.90)
    assert score.qualifier_accuracy >= floors.get("qualifier", 0.90)
    assert score.speaker_accuracy >= floors.get("speaker", 0.80)
    if name.startswith("blind ") and name != "blind held-out":  # with narration, relays, headlines
        assert score.speaker_accuracy >= 0.90
        assert score.narrator_accuracy >= floors.get("narrator", 0.90)
        assert score.relay_accuracy >= floors.get("relay", 0.90)
        assert score.headline_accuracy >= floors.get("headline", 0.75)
        # A wrong speaker shown as sure: at most 5% of the labelled speakers on the sets the rules
        # were tuned on; on the still-blind set D, no more than its measured 8.4%.
        share = floors.get("wrong_asserted", 0.05)
        assert score.wrong_asserted(UNSURE_BELOW) <= share * len(score.speaker_checks)


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


def test_scorer_counts_a_wrong_speaker_shown_as_sure(tmp_path):
    (tmp_path / "a.txt").write_text(
        "عنوان\nوقال وزير الصحة إن 40 شخصا قتلوا. وأصيب 12 آخرون.\n", encoding="utf-8"
    )
    labels = tmp_path / "labels.json"
    labels.write_text(
        '{"a.txt": [{"value": 40, "qualifier": "exact", "anchor": "40 شخصا",'
        ' "speaker": ["المحافظ"]},'
        ' {"value": 12, "qualifier": "exact", "anchor": "12 آخرون", "speaker": []}]}',
        encoding="utf-8",
    )
    score = score_folder(labels, tmp_path)
    (wrong_confidence, _), (right_confidence, _) = score.speaker_checks
    assert [right for _, right in score.speaker_checks] == [False, True]
    assert score.wrong_asserted(wrong_confidence) == 1
    assert score.wrong_asserted(wrong_confidence + 0.01) == 0
    assert score.right_unsure(right_confidence + 0.01) == 1


def test_confidence_on_the_blind_sets(capsys):
    """Confidence measured with each blind set left out of the fit (Brier score against a
    constant guess, reliability), and the shipped model (fitted on every labelled set) in sample.

    On the tuned sets the errors left are few and unlike each other: the model no longer tells
    them apart better than a constant guess (printed, not asserted; see the README). What is
    asserted: the shipped model is calibrated in the large (its mean confidence is the share of
    candidates right, within 0.02), and a speaker the rules refused is never asserted."""
    outcomes = {name: score_folder(*paths).outcomes for name, paths in LABELLED_SETS.items()}
    every = [o for rows in outcomes.values() for o in rows]
    with capsys.disabled():
        for name in ("blind A", "blind B", "blind C"):
            others = [
                (features(o.candidate), o.right)
                for other, rows in outcomes.items()
                if other != name
                for o in rows
            ]
            weights = fit(others)
            pairs = [(predict(weights, features(o.candidate)), o.right) for o in outcomes[name]]
            rate = sum(1 for _, right in others if right) / len(others)
            constant = brier([(rate, right) for _, right in pairs])
            print(
                f"\nconfidence on {name} ({len(pairs)} candidates, fitted on the other sets): "
                f"Brier {brier(pairs):.3f} against {constant:.3f} for a constant {rate:.2f}"
            )
            for row in reliability(pairs):
                print("  confidence {} n={:3d} mean {:.2f} right {:.2f}".format(*row))
        shipped = [(o.candidate.confidence, o.right) for o in every]
        unsure = [(p, r) for p, r in shipped if p < UNSURE_BELOW]
        print(
            f"  shipped model (fitted on all sets): Brier {brier(shipped):.3f}; "
            f"below UNSURE_BELOW={UNSURE_BELOW}: {len(unsure)} candidates, "
            f"{sum(1 for _, r in unsure if r)} right"
        )
    mean = sum(p for p, _ in shipped) / len(shipped)
    right = sum(1 for _, r in shipped if r) / len(shipped)
    assert abs(mean - right) <= 0.02
    refused = [o.candidate for o in every if o.candidate.speaker_basis == "unsure"]
    assert refused and all(c.confidence < UNSURE_BELOW and c.speaker is None for c in refused)
