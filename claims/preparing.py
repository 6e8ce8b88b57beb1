"""What the import's worker processes work out for an article before it is stored: its
extraction candidates and each one's search text (claims.search part A). Pure functions of the
text, no database and no models, so a worker process imports this without Django set up."""

from __future__ import annotations

from dataclasses import dataclass

from claims.extraction import Candidate, candidates_for_import
from claims.search import search_document


@dataclass(frozen=True, slots=True)
class Extraction:
    candidates: list[Candidate]
    search_texts: list[str]  # per candidate: the search_text of the claim it becomes


def speaker_text(candidate: Candidate) -> str:
    """The speaker as the text names them: the role with the name (العقيد محمد قنونو)."""
    return " ".join(part for part in (candidate.speaker_role, candidate.speaker or "") if part)[
        :300
    ]


def claim_search_text(candidate: Candidate) -> str:
    """claims.search.claim_search_text of the claim this candidate becomes."""
    return search_document(candidate.quote, candidate.counted[:300], speaker_text(candidate))


def extract_for_import(body: str, language: str) -> Extraction:
    """The import hook's `prepare` (articles.importing.BatchHook)."""
    candidates = candidates_for_import(body, language)
    return Extraction(candidates, [claim_search_text(c) for c in candidates])
