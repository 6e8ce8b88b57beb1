"""The editors' curation desk: one module per model (speakers, measures, claims, verdicts,
suggestions, source decisions)."""

from claims.admin import (  # noqa: F401  (registers them)
    claims,
    measures,
    origins,
    speakers,
    suggestions,
    verdicts,
)
from claims.admin.common import BULK_LIMIT, CappedCountPaginator  # noqa: F401
