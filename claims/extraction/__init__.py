"""Rule-based extraction of numeric claims from Arabic and English news text."""

from claims.extraction.candidates import Candidate
from claims.extraction.pipeline import extract_claims

__all__ = ["Candidate", "extract_claims"]
