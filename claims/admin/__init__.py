"""The editors' curation desk: one module per model (speakers, measures, claims, verdicts,
suggestions)."""

from claims.admin import claims, measures, speakers, suggestions, verdicts  # noqa: F401
from claims.admin.common import BULK_LIMIT, CappedCountPaginator  # noqa: F401
