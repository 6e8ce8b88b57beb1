"""Pairwise quality of the suggestions against a labelled set: which figures answer the same
question. A set is a folder of articles (with manifest.json) and a `questions.json` whose
"figures" give each labelled figure's file, an exact quote around it, the number as written
inside the quote, and a question id (same id = same question). The seeds' labels come from the
editors' curation file instead (`figures_from_curation`).

    score = score_set(Path("tests/data/grouping/setG1"))
    score.precision, score.recall

Pairs: every two labelled figures found as claims and grouped together (one proposed measure, or
one curated measure with its suggested claims) are predicted pairs; precision is the share of
them with the same question id; recall the share of same-question pairs predicted, over all the
labelled pairs (a figure the extractor missed loses its pairs) and, `recall_found`, over the pairs
whose two figures were both extracted. Pairs with a claim no label names are left out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from django.db import transaction

from articles.importing import import_paths
from articles.models import Article
from claims.grouping.service import current_groups, suggest_missing
from claims.models import Claim


@dataclass(frozen=True)
class LabelledFigure:
    file: str
    quote: str
    number: str
    question: str


@dataclass
class PairScore:
    figures: int = 0
    found: int = 0
    gold_pairs: int = 0
    found_gold_pairs: int = 0
    predicted: int = 0
    correct: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold_pairs if self.gold_pairs else 1.0

    @property
    def recall_found(self) -> float:
        return self.correct / self.found_gold_pairs if self.found_gold_pairs else 1.0

    def summary(self) -> str:
        return (
            f"pair precision {self.precision:.2f} ({self.correct}/{self.predicted}), "
            f"pair recall {self.recall:.2f} ({self.correct}/{self.gold_pairs}), "
            f"recall on extracted figures {self.recall_found:.2f} "
            f"({self.correct}/{self.found_gold_pairs}); figures found {self.found}/{self.figures}"
        )


def figures_from_questions(path: Path) -> list[LabelledFigure]:
    """The labelled figures of a questions.json (blind sets)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        LabelledFigure(f["file"], f["quote"], str(f["number"]), str(f["question"]))
        for f in data["figures"]
    ]


def figures_from_curation(path: Path) -> list[LabelledFigure]:
    """The seed figures editors put under a measure (seeds/curation.json): anchor, quote,
    measure name; figures they rejected or left without a measure are not labelled."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        LabelledFigure(c["article"], c["anchor"], c["quote"], c["measure"])
        for c in data["claims"]
        if c.get("measure")
    ]


def _claim_for(figure: LabelledFigure, articles: dict[str, Article], claims) -> Claim | None:
    article = articles.get(figure.file)
    if article is None:
        return None
    at = article.body.find(figure.quote)
    if at < 0:
        return None
    inside = figure.quote.find(figure.number)
    start = at + max(inside, 0)
    end = start + (len(figure.number) if inside >= 0 else len(figure.quote))
    overlapping = [c for c in claims.get(article.pk, []) if c.start < end and start < c.end]
    return min(overlapping, key=lambda c: abs(c.start - start)) if overlapping else None


def score_groups(figures: list[LabelledFigure]) -> PairScore:
    """Score the groups now stored against the labels (the labelled articles are imported)."""
    score = PairScore(figures=len(figures))
    articles = {
        a.source_name: a for a in Article.objects.filter(source_name__in={f.file for f in figures})
    }
    claims: dict[int, list[Claim]] = {}
    for claim in Claim.objects.filter(article__in=articles.values()).only(
        "pk", "article_id", "start", "end", "quote"
    ):
        claims.setdefault(claim.article_id, []).append(claim)
    question_of: dict[int, str] = {}
    quote_of: dict[int, str] = {}
    found_figures: list[tuple[LabelledFigure, int | None]] = []
    for figure in figures:
        claim = _claim_for(figure, articles, claims)
        found_figures.append((figure, claim.pk if claim else None))
        if claim is not None:
            score.found += 1
            question_of.setdefault(claim.pk, figure.question)
            quote_of[claim.pk] = f"{figure.file}: {figure.quote[:60]}"
    grouped: set[frozenset[int]] = set()
    for group in current_groups():
        ids = sorted({c.pk for c in group.claims if c.pk in question_of})
        grouped |= {frozenset(pair) for pair in combinations(ids, 2)}
    for (a, claim_a), (b, claim_b) in combinations(found_figures, 2):
        if a.question != b.question:
            continue
        score.gold_pairs += 1
        if claim_a is None or claim_b is None or claim_a == claim_b:
            if claim_a is None or claim_b is None:
                score.missed.append(
                    f"[{a.question}] not extracted: {a.quote[:50]} / {b.quote[:50]}"
                )
            continue
        score.found_gold_pairs += 1
        if frozenset((claim_a, claim_b)) not in grouped:
            score.missed.append(f"[{a.question}] {quote_of[claim_a]} / {quote_of[claim_b]}")
    for pair in grouped:
        a, b = sorted(pair)
        score.predicted += 1
        if question_of[a] == question_of[b]:
            score.correct += 1
        else:
            score.wrong.append(
                f"[{question_of[a]} ≠ {question_of[b]}] {quote_of[a]} / {quote_of[b]}"
            )
    score.wrong.sort()
    return score


class _RollBack(Exception):
    pass


def score_set(folder: Path, labels: Path | None = None) -> PairScore:
    """Import a labelled folder, compute the suggestions and score them; everything written is
    rolled back. `labels`: questions.json (default: the folder's), or a curation file."""
    labels = labels or folder / "questions.json"
    data = json.loads(labels.read_text(encoding="utf-8"))
    figures = figures_from_questions(labels) if "figures" in data else figures_from_curation(labels)
    result = PairScore()
    try:
        with transaction.atomic():
            import_paths([folder])
            suggest_missing()
            result = score_groups(figures)
            raise _RollBack
    except _RollBack:
        pass
    return result
