"""Pairwise quality of the measure suggestions, printed as figures, with floors.

Two labelled sets: the seeds, whose labels are the editors' curation (seeds/curation.json: the
figures filed under one measure are pairs of one question, figures under different measures are
not), and blind set G1 (`tests/data/grouping/setG1/`, 12 Arabic and English articles on four
stories with every figure labelled by question, including traps), written by someone who had
not seen the rules. G1 was scored once before any rule was changed for it, at commit 20a7d44:
pair precision 0.26 (27/105), recall 0.23 (27/120) (bench/results/2026-12-03-grouping-blind-G1-
first-score.txt). The rules were then worked on with G1 in view, in general form (events, time
marks, subjects of amounts, names compared within one language, title words): its figures below
are no longer blind. The honest estimate on unseen text is set G2 (`tests/data/grouping/setG2/`,
12 articles on four other stories, 123 same-question pairs, 51 traps), by the same writer, kept
sealed outside the repository until the rules were merged and scored once by the lead with no rule
changed for it: pair precision 0.60 (46/77), recall 0.37 (46/123) (bench/results/2026-12-03-
grouping-blind-G2-first-score.txt). Far from the targets (0.90, 0.80): the wrong pairs are parts
told from wholes (injured vs still in hospital), one event's earlier count vs this year's (a 2021
toll beside this week's), magnitude vs the strongest aftershock; the missed ones are mostly
cross-language and differently-worded figures. Its floors are that score.
"""

from __future__ import annotations

import pytest

from claims.grouping.quality import score_set
from tests.conftest import SEEDS, TEST_DATA

SETS = {
    "seeds (editors' curation)": (SEEDS, SEEDS / "curation.json"),
    "G1 (tuned to, no longer blind)": (TEST_DATA / "grouping" / "setG1", None),
    "G2 (blind, scored once)": (TEST_DATA / "grouping" / "setG2", None),
}
# Floors at the measured values (not the targets: precision 0.90, recall 0.80 on unseen text).
FLOORS = {
    "seeds (editors' curation)": {"precision": 0.55, "recall": 0.55},
    "G1 (tuned to, no longer blind)": {"precision": 0.80, "recall": 0.65},
    "G2 (blind, scored once)": {"precision": 0.59, "recall": 0.36},
}


@pytest.mark.django_db(transaction=False)
@pytest.mark.parametrize("name", SETS)
def test_pair_quality(name, capsys):
    folder, labels = SETS[name]
    score = score_set(folder, labels)
    with capsys.disabled():
        print(f"\ngrouping quality, {name}: {score.summary()}")
        for line in score.wrong:
            print(f"  wrong: {line}")
    assert score.gold_pairs >= 7
    assert score.precision >= FLOORS[name]["precision"]
    assert score.recall >= FLOORS[name]["recall"]
