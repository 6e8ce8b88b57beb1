"""Free-text search over claims: PostgreSQL full text (arabic + english), SQLite substrings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection, models
from django.db.models import Q
from django.db.models.expressions import Col, Expression

from articles.normalization import search_terms
from claims.querysets import BITMAP_ORDER

if TYPE_CHECKING:
    from claims.models import Claim
    from claims.querysets import ClaimQuerySet

# On PostgreSQL migration 0005 adds a stored generated column `search_vector` (GIN-indexed):
# to_tsvector('arabic', search_text) || to_tsvector('english', search_text).


class StoredSearchVector(Expression):
    """The claims table's `search_vector` column (PostgreSQL only, not a model field).

    Resolves to a real column reference so that it is relabelled like any other when the
    filtered claims become a subquery (facet counts, exports).
    """

    def __init__(self) -> None:
        super().__init__(output_field=SearchVectorField())

    def resolve_expression(self, query=None, *args, **kwargs) -> Col:
        column = SearchVectorField()
        column.column = "search_vector"
        return Col(query.get_initial_alias(), column, output_field=SearchVectorField())


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
        claims = claims.alias(search_vector=StoredSearchVector()).filter(search_vector=tsquery)
        if len(terms) > 1:
            # The planner multiplies the terms' frequencies as if independent: for words that
            # never occur together it expects thousands of rows and walks the id index through
            # the whole table. Ordering on an expression makes it use the GIN bitmap instead.
            claims = claims.alias(**{BITMAP_ORDER: models.Value(True)})
        return claims
    condition = Q()
    for term in terms:
        condition &= Q(search_text__contains=term)
    return claims.filter(condition)
