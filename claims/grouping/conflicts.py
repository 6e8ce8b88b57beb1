"""The conflict inbox's rows: measures (curated or proposed) whose figures cannot all be true.

Which figures conflict is claims.intervals' rule (intervals that do not overlap); here each
measure's widest disagreement is found in one pass (the highest lower bound against the lowest
upper bound) and stored in `Conflict`, so that the inbox reads one small indexed table however
many claims there are. Rows follow their figures: proposals are refreshed when suggestions
change, curated measures when their claims change (claims.grouping.service.refresh_curated,
through the claims' `updated_at` index, with the measure profiles' watermark).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction

from articles.normalization import normalize_for_search
from claims.intervals import SMALLEST_SPREAD_BASE, claim_interval
from claims.models import (
    Claim,
    Conflict,
    ConflictStatus,
    Measure,
    MeasureProposal,
    MeasureSuggestion,
    ProposalStatus,
    Status,
    SuggestionStatus,
)

FIGURES_SHOWN = 6
BATCH = 500
LARGEST_DISAGREEMENT = 1e12  # "high ÷ low" when the low figure is zero or below
_FIELDS = ("pk", "value", "lower", "upper", "qualifier", "outlet_id", "published_on")
_NAMES = _FIELDS  # the attribute each column of a row becomes


class _Figure:
    """A claim's figure as the inbox reads it (one row of _FIELDS)."""

    __slots__ = ("lower", "outlet_id", "pk", "published_on", "qualifier", "upper", "value")

    def __init__(self, row: tuple) -> None:
        for name, value in zip(_NAMES, row, strict=True):
            setattr(self, name, value)


def widest(figures: list[_Figure]) -> tuple[_Figure, _Figure] | None:
    """The pair of figures furthest apart that cannot both be true, or None when all can: the
    figure whose interval starts highest against the one whose interval ends lowest."""
    intervals = [(f, claim_interval(f)) for f in figures]
    intervals = [(f, i) for f, i in intervals if i is not None]
    if len(intervals) < 2:
        return None
    top = max(intervals, key=lambda item: (item[1].lower, not item[1].lower_open))
    bottom = min(intervals, key=lambda item: (item[1].upper, item[1].upper_open))
    if top[0] is bottom[0] or top[1].overlaps(bottom[1]):
        return None
    return bottom[0], top[0]


def _row(figures: list[_Figure], **fields) -> Conflict | None:
    pair = widest(figures)
    if pair is None:
        return None
    low_figure, high_figure = pair
    low = claim_interval(low_figure).upper
    high = claim_interval(high_figure).lower
    disagreement = high / low if low >= SMALLEST_SPREAD_BASE else LARGEST_DISAGREEMENT
    shown = [low_figure, high_figure]
    seen = {(f.value, f.lower, f.upper, f.qualifier) for f in shown}
    for figure in sorted(figures, key=lambda f: (f.value or f.lower or f.upper or 0, f.pk)):
        key = (figure.value, figure.lower, figure.upper, figure.qualifier)
        if key not in seen and len(shown) < FIGURES_SHOWN:
            seen.add(key)
            shown.append(figure)
    dates = [f.published_on for f in figures if f.published_on]
    row = Conflict(
        low=low,
        high=high,
        disagreement=min(disagreement, LARGEST_DISAGREEMENT),
        claim_count=len(figures),
        claim_ids=[f.pk for f in shown],
        first_on=min(dates) if dates else None,
        last_on=max(dates) if dates else None,
        **fields,
    )
    row._outlet_ids = sorted({f.outlet_id for f in figures if f.outlet_id})  # type: ignore[attr-defined]
    return row


def _store(rows: list[Conflict], *, measure_ids: Iterable[int], proposal_ids: Iterable[int]):
    Conflict.objects.filter(measure_id__in=list(measure_ids)).delete()
    Conflict.objects.filter(proposal_id__in=list(proposal_ids)).delete()
    Conflict.objects.bulk_create(rows)
    through = Conflict.outlets.through
    through.objects.bulk_create(
        [
            through(conflict_id=row.pk, outlet_id=outlet_id)
            for row in rows
            for outlet_id in row._outlet_ids  # type: ignore[attr-defined]
        ]
    )


def refresh_measures(measure_ids: Iterable[int]) -> int:
    """Recompute the rows of these curated measures (their claims but the rejected ones)."""
    ids = sorted(set(measure_ids))
    written = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        figures: dict[int, list[_Figure]] = defaultdict(list)
        for row in (
            Claim.objects.filter(measure_id__in=chunk)
            .exclude(status=Status.REJECTED)
            .values_list("measure_id", *_FIELDS)
        ):
            figures[row[0]].append(_Figure(row[1:]))
        rows = []
        for measure in Measure.objects.filter(pk__in=chunk).only("pk", "name", "name_en", "unit"):
            row = _row(
                figures.get(measure.pk, []),
                measure=measure,
                status=ConflictStatus.CURATED,
                label=measure.name,
                unit=measure.unit,
                places=normalize_for_search(" ".join([measure.name, measure.name_en])),
            )
            if row is not None:
                rows.append(row)
        with transaction.atomic():
            _store(rows, measure_ids=chunk, proposal_ids=())
        written += len(rows)
    return written


def refresh_proposals(proposal_ids: Iterable[int]) -> int:
    """Recompute the rows of these proposed measures (open ones; others lose their row)."""
    ids = sorted(set(proposal_ids))
    written = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        figures: dict[int, list[_Figure]] = defaultdict(list)
        for row in (
            MeasureSuggestion.objects.filter(
                proposal_id__in=chunk,
                status=SuggestionStatus.SUGGESTED,
                claim__measure__isnull=True,
            )
            .exclude(claim__status=Status.REJECTED)
            .values_list(
                "proposal_id", *(f"claim__{f}" if f != "pk" else "claim_id" for f in _FIELDS)
            )
        ):
            figures[row[0]].append(_Figure(row[1:]))
        rows = []
        for proposal in MeasureProposal.objects.filter(pk__in=chunk, status=ProposalStatus.OPEN):
            row = _row(
                figures.get(proposal.pk, []),
                proposal=proposal,
                status=ConflictStatus.PROPOSED,
                label=proposal.label,
                unit=proposal.unit,
                places=normalize_for_search(
                    " ".join([proposal.label, *(w for w in proposal.names.split() if w[:1] != "0")])
                ),
            )
            if row is not None:
                rows.append(row)
        with transaction.atomic():
            _store(rows, measure_ids=(), proposal_ids=chunk)
        written += len(rows)
    return written
