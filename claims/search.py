"""Free-text search over claims: PostgreSQL full text (arabic + english), SQLite substrings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from articles.normalization import search_terms

if TYPE_CHECKING:
    from claims.models import Claim
    from claims.querysets import ClaimQuerySet

# On PostgreSQL migration 0005 adds a stored generated column `search_vector` (GIN-indexed):
# to_tsvector('arabic', search_text) || to_tsvector('english', search_text).


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


def search_claims(claims: ClaimQuerySet, query: str) -> ClaimQuerySet:
    """Claims matching every term of the query, in Arabic or English."""
    terms = search_terms(query)
    if not terms:
        return claims
    if connection.vendor == "postgresql":
        text = " ".join(terms)
        tsquery = SearchQuery(text, config="arabic") | SearchQuery(text, config="english")
        vector = RawSQL(
            f'"{claims.model._meta.db_table}"."search_vector"',
            [],
            output_field=SearchVectorField(),
        )
        return claims.alias(search_vector=vector).filter(search_vector=tsquery)
    condition = Q()
    for term in terms:
        condition &= Q(search_text__contains=term)
    return claims.filter(condition)
