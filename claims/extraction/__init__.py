"""Rule-based extraction of numeric claims from Arabic and English news text."""

from claims.extraction.candidates import Candidate
from claims.extraction.pipeline import extract_claims


def candidates_for_import(body: str, language: str) -> list[Candidate]:
    """`extract_claims` as the import's worker processes call it (positional, by name)."""
    return extract_claims(body, language=language)


__all__ = ["Candidate", "candidates_for_import", "extract_claims"]
