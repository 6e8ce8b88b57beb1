"""Search text: the normalized, light-stemmed terms a claim is found by (pure text helpers).

The query side is `ClaimQuerySet.search` (claims/querysets.py): PostgreSQL full text over the
stored `search_vector`, SQLite substrings of `search_text`; both see the terms made here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from articles.normalization import search_terms

if TYPE_CHECKING:
    from claims.models import Claim


def search_document(*parts: str | None) -> str:
    """The text a claim is found by: every part reduced to its light-stemmed, normalized terms.

    Storing terms (المرتزقة → مرتزق) rather than raw text means a query goes through the very
    same pipeline as the document, so substring search on SQLite and the `arabic` stemmer on
    PostgreSQL agree on what matches.
    """
    return " ".join(search_terms(" ".join(p for p in parts if p)))


def claim_search_text(claim: Claim) -> str:
    """The search document of one claim: quote, what is counted, speaker and article title."""
    speaker = claim.speaker.name if claim.speaker_id else ""
    return search_document(
        claim.quote, claim.counted, speaker, claim.speaker_text, claim.article.title
    )
