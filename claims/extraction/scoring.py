"""Scoring the extractor against hand-labelled articles (expected_claims.json's format).

Used by the quality test and by the extraction benchmark, so the figures they print agree.

Label format, per file a list of items: `value` (or `lower`/`upper`), `qualifier`, `anchor` (text
the quote must overlap), optionally `optional` (neither helps nor hurts), `speaker` and `relay`:
- `"speaker": ["name", "other spelling"]`: the figure's speaker, scored as speaker accuracy;
- `"speaker": []`: the outlet's own narration; predicting a named speaker there is a wrong
  attribution, scored apart as narrator accuracy (older sets used `[]` loosely, so their speaker
  figure is not changed by it);
- no `"speaker"` key: the speaker is not scored;
- `"relay": ["outlet", ...]`: the outlets that carried the figure, in order (relay accuracy).
A file's `"_headline"` entry (in the top-level object, keyed `"_headline"` or per file) lists
title figures and the body anchor each repeats (`repeats`): see `score_headlines`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from articles.importing import read_article_text
from articles.normalization import normalize_for_matching
from claims.extraction import Candidate, extract_claims
from claims.extraction.headlines import headline_end


@dataclass
class Outcome:
    """One candidate after the headline and whether it was right in full: a labelled figure
    with the right qualifier and, where the label scores one, the right speaker."""

    candidate: Candidate
    right: bool
    # Whether its speaker is right, where the label scores one (a name or the narrator).
    speaker_right: bool | None = None


@dataclass
class Score:
    required: int = 0
    found: int = 0  # required items matched by a candidate
    predicted: int = 0  # candidates after the headline, less those matching optional items
    correct: int = 0  # of those, the ones matching a required item
    qualifier_right: int = 0
    speaker_scored: int = 0
    speaker_right: int = 0
    narrator_scored: int = 0  # found items labelled as the outlet's own narration
    narrator_right: int = 0  # of those, the ones given no named speaker
    relay_scored: int = 0
    relay_right: int = 0
    headline_scored: int = 0
    headline_right: int = 0
    # Every found item whose speaker is labelled (a name or the narrator): the candidate's
    # confidence and whether its speaker is right, for "wrong but asserted" (`attribution`).
    speaker_checks: list[tuple[float, bool]] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    by_language: dict[str, Score] = field(default_factory=dict)

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

    @property
    def narrator_accuracy(self) -> float:
        return self.narrator_right / self.narrator_scored if self.narrator_scored else 1.0

    @property
    def relay_accuracy(self) -> float:
        return self.relay_right / self.relay_scored if self.relay_scored else 1.0

    @property
    def headline_accuracy(self) -> float:
        return self.headline_right / self.headline_scored if self.headline_scored else 1.0

    def wrong_asserted(self, threshold: float) -> int:
        """Figures shown with a wrong speaker (or a speaker where the outlet narrates, or none
        where someone is named) at a confidence the pages assert (≥ threshold)."""
        return sum(1 for p, right in self.speaker_checks if not right and p >= threshold)

    def right_unsure(self, threshold: float) -> int:
        """Figures with the right speaker that the pages nonetheless show as unsure."""
        return sum(1 for p, right in self.speaker_checks if right and p < threshold)

    def attribution(self, threshold: float) -> str:
        """ "wrong but asserted" and "right but unsure" of the labelled speakers, as one line."""
        checks = len(self.speaker_checks)
        wrong = sum(1 for _, right in self.speaker_checks if not right)
        asserted = self.wrong_asserted(threshold)
        unsure = self.right_unsure(threshold)
        return (
            f"speakers labelled {checks}, wrong {wrong}; wrong but asserted (confidence ≥ "
            f"{threshold}) {asserted} ({asserted / max(1, checks):.0%}); right but shown unsure "
            f"{unsure} ({unsure / max(1, checks - wrong):.0%})"
        )

    def add(self, other: Score) -> None:
        """Add another score's counts and lists to this one."""
        for name in self.__dataclass_fields__:
            if name == "by_language":
                continue
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def summary(self) -> str:
        parts = [
            f"recall {self.recall:.2f} ({self.found}/{self.required})",
            f"precision {self.precision:.2f} ({self.correct}/{self.predicted})",
            f"qualifier {self.qualifier_accuracy:.2f} ({self.qualifier_right}/{self.found})",
            f"speaker {self.speaker_accuracy:.2f} ({self.speaker_right}/{self.speaker_scored})",
        ]
        if self.narrator_scored:
            parts.append(
                f"narrator {self.narrator_accuracy:.2f} "
                f"({self.narrator_right}/{self.narrator_scored})"
            )
        if self.relay_scored:
            parts.append(
                f"relay {self.relay_accuracy:.2f} ({self.relay_right}/{self.relay_scored})"
            )
        if self.headline_scored:
            parts.append(
                f"headline links {self.headline_accuracy:.2f} "
                f"({self.headline_right}/{self.headline_scored})"
            )
        return ", ".join(parts)


def _numbers_agree(candidate: Candidate, item: dict[str, Any]) -> bool:
    if "value" in item:
        value = item["value"]
        return candidate.value is not None and abs(candidate.value - value) <= 1e-9 * max(
            1.0, abs(value)
        )
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


def relay_matches(predicted: tuple[str, ...], outlets: list[str]) -> bool:
    """The same outlets in the same order, each name matched like a speaker's."""
    return len(predicted) == len(outlets) and all(
        speaker_matches(said, [outlet]) for said, outlet in zip(predicted, outlets, strict=True)
    )


def language_of(text: str) -> str:
    """ "ar" when Arabic letters outnumber Latin ones, else "en"."""
    arabic = sum(1 for c in text if "\u0600" <= c <= "\u06ff")
    latin = sum(1 for c in text if c.isascii() and c.isalpha())
    return "ar" if arabic >= latin else "en"


def _match(
    candidates: list[Candidate], used: set[int], text: str, item: dict[str, Any]
) -> int | None:
    anchor_at = text.find(item["anchor"])
    if anchor_at < 0:
        raise ValueError(f"anchor not in text: {item['anchor']}")
    anchor_end = anchor_at + len(item["anchor"])
    return next(
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


def score_file(
    text: str,
    items: list[dict[str, Any]],
    score: Score,
    name: str = "",
    candidates: list[Candidate] | None = None,
) -> None:
    start = headline_end(text)
    every = extract_claims(text) if candidates is None else candidates
    candidates = [c for c in every if c.start >= start]
    used: set[int] = set()
    optional_hits: set[int] = set()
    right: set[int] = set()
    said: dict[int, bool] = {}  # candidate → whether its labelled speaker is right
    for item in items:
        try:
            match = _match(candidates, used, text, item)
        except ValueError as error:
            raise ValueError(f"{name}: {error}") from None
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
        all_right = True
        if candidate.qualifier == item["qualifier"]:
            score.qualifier_right += 1
        else:
            all_right = False
            score.wrong.append(f"{name}: {item['anchor']}: qualifier {candidate.qualifier}")
        if item.get("speaker"):
            score.speaker_scored += 1
            said_right = speaker_matches(candidate.speaker, item["speaker"])
            score.speaker_checks.append((candidate.confidence, said_right))
            said[match] = said_right
            if said_right:
                score.speaker_right += 1
            else:
                all_right = False
                score.wrong.append(f"{name}: {item['anchor']}: speaker {candidate.speaker}")
        elif "speaker" in item:
            score.narrator_scored += 1
            score.speaker_checks.append((candidate.confidence, candidate.speaker is None))
            said[match] = candidate.speaker is None
            if candidate.speaker is None:
                score.narrator_right += 1
            else:
                all_right = False
                score.wrong.append(
                    f"{name}: {item['anchor']}: speaker {candidate.speaker} (narration)"
                )
        if "relay" in item:
            score.relay_scored += 1
            if relay_matches(candidate.relay, item["relay"]):
                score.relay_right += 1
            else:
                score.wrong.append(f"{name}: {item['anchor']}: relay {list(candidate.relay)}")
        if all_right:
            right.add(match)
    score.predicted += len(candidates) - len(optional_hits)
    score.correct += len(used) - len(optional_hits)
    score.false_positives += [
        f"{name}: {c.quote}" for n, c in enumerate(candidates) if n not in used
    ]
    score.outcomes += [
        Outcome(c, n in right, said.get(n))
        for n, c in enumerate(candidates)
        if n not in optional_hits
    ]


def _overlapping(candidates: list[Candidate], text: str, anchor: str) -> Candidate | None:
    at = text.find(anchor)
    if at < 0:
        raise ValueError(f"anchor not in text: {anchor}")
    return next((c for c in candidates if c.start < at + len(anchor) and at < c.end), None)


def score_headlines(
    text: str, entries: list[dict[str, Any]], score: Score, candidates: list[Candidate], name: str
) -> None:
    """Each labelled title figure (`anchor`) must be found in the headline and linked to the
    candidate of the body anchor it repeats (`repeats`), or to none when `repeats` is null."""
    start = headline_end(text)
    head = [c for c in candidates if c.start < start]
    body = [c for c in candidates if c.start >= start]
    for entry in entries:
        score.headline_scored += 1
        title = _overlapping(head, text, entry["anchor"])
        if title is None:
            score.wrong.append(f"{name}: headline {entry['anchor']}: not found")
            continue
        repeated = _overlapping(body, text, entry["repeats"]) if entry.get("repeats") else None
        expected = (repeated.start, repeated.end) if repeated is not None else None
        if entry.get("repeats") and repeated is None:
            score.wrong.append(f"{name}: headline {entry['anchor']}: body figure not found")
        elif title.repeats == expected:
            score.headline_right += 1
        else:
            score.wrong.append(f"{name}: headline {entry['anchor']}: linked to {title.repeats}")


_DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
_SEEDS = Path(__file__).resolve().parents[2] / "seeds"
# The labelled sets (expected labels, texts): tuning sets and the blind sets A, B and C once each
# was scored sealed and then tuned on; a sealed set is never among them.
LABELLED_SETS: dict[str, tuple[Path, Path]] = {
    "seeds": (_DATA / "expected_claims.json", _SEEDS),
    "held-out": (_DATA / "heldout" / "expected_claims.json", _DATA / "heldout"),
    "blind held-out": (_DATA / "heldout2" / "expected_claims.json", _DATA / "heldout2"),
    "blind A": (_DATA / "blind" / "setA" / "expected_claims.json", _DATA / "blind" / "setA"),
    "blind B": (_DATA / "blind" / "setB" / "expected_claims.json", _DATA / "blind" / "setB"),
    # Set C was scored once sealed, then studied and tuned on (issue 11, third pass).
    "blind C": (_DATA / "blind" / "setC" / "expected_claims.json", _DATA / "blind" / "setC"),
}


def score_folder(expected: Path, texts: Path) -> Score:
    """Score every labelled file of `expected` (a JSON object of file name → items); the score's
    `by_language` holds the same figures per language of the text."""
    labels = json.loads(expected.read_text(encoding="utf-8"))
    headlines = labels.get("_headline", {})
    score = Score()
    for name, items in labels.items():
        if name.startswith("_"):
            continue
        text = read_article_text(texts / name)
        candidates = extract_claims(text)
        if isinstance(items, dict):  # {"claims": [...], "_headline": [...]}
            headline_items = items.get("_headline", [])
            items = items.get("claims", [])
        else:
            headline_items = headlines.get(name, []) if isinstance(headlines, dict) else []
        part = Score()
        score_file(text, items, part, name, candidates)
        score_headlines(text, headline_items, part, candidates, name)
        score.by_language.setdefault(language_of(text), Score()).add(part)
        score.add(part)
    return score
