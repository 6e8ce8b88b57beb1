"""Issue 11 item 5: a small learned component where the rules run out, measured against them.

Where the rules find no attribution in a figure's sentence they give the figure to the narrator
(the outlet). Real news often goes on reporting a source across sentences without a verb ("The
rate jumped 104.8%..."), so the narrator call is where the rules run out. This experiment fits a
logistic model (pure Python, claims.extraction.confidence.fit) on the older labelled sets to
choose, for such figures, between the narrator and the last speaker named before, and scores
both choices on blind set A. Usage: .venv/bin/python bench/learned_speaker_experiment.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")

import django  # noqa: E402

django.setup()

import json  # noqa: E402

from articles.importing import read_article_text  # noqa: E402
from claims.extraction import extract_claims  # noqa: E402
from claims.extraction.confidence import fit, predict  # noqa: E402
from claims.extraction.headlines import headline_end  # noqa: E402
from claims.extraction.scoring import LABELLED_SETS, speaker_matches  # noqa: E402

_CONTINUING_STARTS = ("و", "كما", "فيما", "بينما", "وفي", "and", "the", "it", "its", "that")


def examples(expected: Path, folder: Path) -> list[tuple[list[str], str, bool, bool]]:
    """(features, set, narrator right, previous speaker right) for each labelled figure that the
    rules give to the narrator while a speaker was named earlier in the article."""
    labels = json.loads(expected.read_text(encoding="utf-8"))
    rows = []
    for name, items in labels.items():
        if name.startswith("_"):
            continue
        text = read_article_text(folder / name)
        body_start = headline_end(text)
        candidates = [c for c in extract_claims(text) if c.start >= body_start]
        for n, candidate in enumerate(candidates):
            if candidate.speaker is not None:
                continue
            earlier = [c for c in candidates[:n] if c.speaker]
            if not earlier:
                continue
            item = next(
                (
                    i
                    for i in items
                    if "speaker" in i
                    and not i.get("optional")
                    and (at := text.find(i["anchor"])) >= 0
                    and candidate.start < at + len(i["anchor"])
                    and at < candidate.end
                ),
                None,
            )
            if item is None:
                continue
            last = earlier[-1]
            between = text[last.end : candidate.start]
            sentence_start = max(
                text.rfind(".", 0, candidate.start), text.rfind("\n", 0, candidate.start)
            )
            opening = text[sentence_start + 1 : candidate.start].strip().split(" ")[0].lower()
            features = [
                f"paragraphs:{min(between.count(chr(10)), 2)}",
                f"chars:{min(len(between) // 150, 3)}",
                f"opening:{'connective' if opening.startswith(_CONTINUING_STARTS) else 'other'}",
                "english" if candidate.quote.isascii() else "arabic",
                "quoted" if between.count('"') % 2 else "unquoted",
                f"previous:{last.speaker_basis.partition('+')[0]}",
                "role" if last.speaker_role else "no-role",
            ]
            narrator_right = item["speaker"] == []
            previous_right = bool(item["speaker"]) and speaker_matches(
                last.speaker, item["speaker"]
            )
            rows.append((features, narrator_right, previous_right))
    return rows


def main() -> None:
    data = {name: examples(*paths) for name, paths in LABELLED_SETS.items()}
    train = [row for name, rows in data.items() if name != "blind A" for row in rows]
    # Learn "the previous speaker is right" where one of the two choices is right.
    weights = fit([(f, prev) for f, narr, prev in train if narr != prev], l2=0.5)
    test = data["blind A"]
    rules = sum(1 for _, narr, _ in test if narr)
    learned = sum(1 for f, narr, prev in test if (prev if predict(weights, f) > 0.5 else narr))
    always_previous = sum(1 for _, _, prev in test if prev)
    print(f"training figures (older sets): {len(train)}; blind A figures: {len(test)}")
    print(f"  rules (narrator):            {rules}/{len(test)} right")
    print(f"  learned (narrator/previous): {learned}/{len(test)} right")
    print(f"  always the previous speaker: {always_previous}/{len(test)} right")
    print("  weights:", json.dumps(weights, ensure_ascii=False))


if __name__ == "__main__":
    main()
