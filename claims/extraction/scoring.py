"""Scoring the extractor against hand-labelled articles (expected_claims.json's format).

Used by the quality test and by the extraction benchmark, so the figures they print agree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from articles.importing import read_article_text
from articles.normalization import normalize_for_matching
from claims.extraction import Candidate, extract_claims


@dataclass
class Score:
    required: int = 0
    found: int = 0  # required items matched by a candidate
    predicted: int = 0  # candidates after the headline, less those matching optional items
    correct: int = 0  # of those, the ones matching a required item
    qualifier_right: int = 0
    speaker_scored: int = 0
    speaker_right: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def qualifier_accuracy(self) -> float:
        return self.qualifier_right / self.found if self.found else 1.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.speaker_scored if self.speaker_scored else 1.0

    def summary(self) -> str:
        return (
            f"recall {self.recall:.2f} ({self.found}/{self.required}), "
            f"precision {self.precision:.2f} ({self.correct}/{self.predicted}), "
            f"qualifier {self.qualifier_accuracy:.2f} ({self.qualifier_right}/{self.found}), "
            f"speaker {self.speaker_accuracy:.2f} ({self.speaker_right}/{self.speaker_scored})"
        )


def _numbers_agree(candidate: Candidate, item: dict[str, Any]) -> bool:
    if "value" in item:
        return candidate.value is not None and abs(candidate.value - item["value"]) < 1e-6
    return candidate.lower == item.get("lower") and candidate.upper == item.get("upper")


def speaker_matches(predicted: str | None, names: list[str]) -> bool:
    """Any listed name whose words all appear in the predicted speaker (or the reverse):
    "رئيس بلدية مدينة بني وليد" is "رئيس بلدية بني وليد"; "سالم عليوان رئيس بلدية" is "عليوان"."""
    if not predicted:
        return False
    said = set(normalize_for_matching(predicted).split())
    for name in names:
        words = set(normalize_for_matching(name).split())
        if words and (words <= said or said <= words):
            return True
    return False


def headline_end(text: str) -> int:
    """The offset where the first non-empty line (the headline) ends.

    Headlines repeat the body's figures in vaguer words (انسحاب مئات المرتزقة); a fact-checker
    records the body's figure, so the score leaves the headline out."""
    stripped = len(text) - len(text.lstrip())
    end = text.find("\n", stripped)
    return len(text) if end < 0 else end


def score_file(text: str, items: list[dict[str, Any]], score: Score, name: str = "") -> None:
    start = headline_end(text)
    candidates = [c for c in extract_claims(text) if c.start >= start]
    used: set[int] = set()
    optional_hits: set[int] = set()
    for item in items:
        anchor_at = text.find(item["anchor"])
        if anchor_at < 0:
            raise ValueError(f"{name}: anchor not in text: {item['anchor']}")
        anchor_end = anchor_at + len(item["anchor"])
        match = next(
            (
                n
                for n, c in enumerate(candidates)
                if n not in used
                and c.start < anchor_end
                and anchor_at < c.end
                and _numbers_agree(c, item)
            ),
            None,
        )
        if item.get("optional"):
            if match is not None:
                used.add(match)
                optional_hits.add(match)
            continue
        score.required += 1
        if match is None:
            score.misses.append(f"{name}: {item['anchor']}")
            continue
        used.add(match)
        candidate = candidates[match]
        score.found += 1
        if candidate.qualifier == item["qualifier"]:
            score.qualifier_right += 1
        else:
            score.wrong.append(f"{name}: {item['anchor']}: qualifier {candidate.qualifier}")
        if item.get("speaker"):
            score.speaker_scored += 1
            if speaker_matches(candidate.speaker, item["speaker"]):
                score.speaker_right += 1
            else:
                score.wrong.append(f"{name}: {item['anchor']}: speaker {candidate.speaker}")
    score.predicted += len(candidates) - len(optional_hits)
    score.correct += len(used) - len(optional_hits)
    score.false_positives += [
        f"{name}: {c.quote}" for n, c in enumerate(candidates) if n not in used
    ]


def score_folder(expected: Path, texts: Path) -> Score:
    """Score every labelled file of `expected` (a JSON object of file name → items)."""
    labels = json.loads(expected.read_text(encoding="utf-8"))
    score = Score()
    for name, items in labels.items():
        if name.startswith("_"):
            continue
        score_file(read_article_text(texts / name), items, score, name)
    return score
