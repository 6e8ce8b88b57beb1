"""The editors' curation desk: one module per model (speakers, measures, claims, verdicts,
source decisions)."""

from claims.admin import claims, measures, origins, speakers, verdicts  # noqa: F401  (registers them)
from claims.admin.common import BULK_LIMIT, CappedCountPaginator  # noqa: F401
