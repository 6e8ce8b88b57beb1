"""An editor's decisions on suggestions: accept, accept under another name (edit), reject.

Every change to a claim goes through claims.curation (`assign_measure`,
`create_measure_from_claims`): the claim's version is bumped, its history says who and when, and
units that cannot answer the measure are refused as anywhere else. A rejection is remembered
(the suggestion stays `rejected`, and for a proposed measure each pairing of the claim with the
other claims is stored as a RejectedPairing), so the machine never proposes it again.
"""

from __future__ import annotations

from itertools import combinations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from claims import curation
from claims.curation import CurationError
from claims.grouping.conflicts import refresh_measures, refresh_proposals
from claims.models import (
    Claim,
    Measure,
    MeasureProposal,
    MeasureSuggestion,
    ProposalStatus,
    RejectedPairing,
    SuggestionStatus,
)


def _decide(suggestions, status: str, *, by) -> None:
    now = timezone.now()
    for suggestion in suggestions:
        suggestion.status = status
        suggestion.decided_by = by
        suggestion.decided_at = now
    MeasureSuggestion.objects.bulk_update(suggestions, ["status", "decided_by", "decided_at"])


def _withdraw_others(claim_ids: list[int], keep: list[int]) -> None:
    """The claims have a measure now: their other open suggestions are moot (and the proposed
    measures they were in lose those figures)."""
    others = MeasureSuggestion.objects.filter(
        claim_id__in=claim_ids, status=SuggestionStatus.SUGGESTED
    ).exclude(pk__in=keep)
    proposals = set(others.filter(proposal__isnull=False).values_list("proposal_id", flat=True))
    others.delete()
    refresh_proposals(proposals)


def _open(proposal: MeasureProposal) -> list[MeasureSuggestion]:
    return list(
        proposal.suggestions.select_for_update()
        .filter(status=SuggestionStatus.SUGGESTED, claim__measure__isnull=True)
        .order_by("claim_id")
    )


def accept_suggestion(
    suggestion: MeasureSuggestion, *, by, allow_unit_mismatch: bool = False
) -> Measure:
    """Accept one claim's suggestion: a curated measure's is assigned to the claim; a proposed
    measure's accepts the whole proposal (its claims become one new measure)."""
    if suggestion.proposal_id:
        return accept_proposal(suggestion.proposal, by=by, allow_unit_mismatch=allow_unit_mismatch)
    with transaction.atomic():
        suggestion = MeasureSuggestion.objects.select_for_update().get(pk=suggestion.pk)
        if suggestion.status != SuggestionStatus.SUGGESTED:
            raise CurationError(_("This suggestion was already decided."))
        measure = suggestion.measure
        assert measure is not None
        curation.assign_measure(
            Claim.objects.filter(pk=suggestion.claim_id),
            measure,
            by=by,
            allow_unit_mismatch=allow_unit_mismatch,
        )
        _decide([suggestion], SuggestionStatus.ACCEPTED, by=by)
        _withdraw_others([suggestion.claim_id], keep=[suggestion.pk])
        refresh_measures([measure.pk])
    return measure


def accept_proposal(
    proposal: MeasureProposal,
    *,
    by,
    name: str = "",
    unit: str | None = None,
    period: str | None = None,
    allow_unit_mismatch: bool = False,
) -> Measure:
    """Make a proposed measure a measure with its claims, under `name` (the label unless the
    editor edited it); one click."""
    with transaction.atomic():
        proposal = MeasureProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != ProposalStatus.OPEN:
            raise CurationError(_("This proposed measure was already decided."))
        suggestions = _open(proposal)
        if not suggestions:
            raise CurationError(_("This proposed measure has no claims left to group."))
        claims = Claim.objects.filter(pk__in=[s.claim_id for s in suggestions])
        name = (name or proposal.label).strip()
        base, n = name, 2
        while Measure.objects.filter(name=name).exists():  # labels may repeat; names may not
            name, n = f"{base} ({n})", n + 1
        measure = curation.create_measure_from_claims(
            claims,
            name=name,
            unit=proposal.unit if unit is None else unit,
            period=(proposal.first_on.strftime("%Y-%m") if proposal.first_on else "")
            if period is None
            else period,
            by=by,
            allow_unit_mismatch=allow_unit_mismatch,
        )
        _decide(suggestions, SuggestionStatus.ACCEPTED, by=by)
        _withdraw_others([s.claim_id for s in suggestions], keep=[s.pk for s in suggestions])
        proposal.status = ProposalStatus.ACCEPTED
        proposal.measure = measure
        proposal.decided_by = by
        proposal.decided_at = timezone.now()
        proposal._history_user = by
        proposal.save()
        refresh_proposals([proposal.pk])  # its row goes: the measure has its own now
        refresh_measures([measure.pk])
    return measure


def _remember_pairs(claim_ids: list[int], others: list[int], *, by) -> None:
    pairs = {tuple(sorted((a, b))) for a in claim_ids for b in others if a != b}
    RejectedPairing.objects.bulk_create(
        [RejectedPairing(first_claim_id=a, second_claim_id=b, rejected_by=by) for a, b in pairs],
        ignore_conflicts=True,
    )


def reject_suggestion(suggestion: MeasureSuggestion, *, by) -> None:
    """The claim does not answer this measure (curated or proposed): remembered. A proposed
    measure left with one claim is closed, and that claim is free to be grouped again."""
    with transaction.atomic():
        suggestion = MeasureSuggestion.objects.select_for_update().get(pk=suggestion.pk)
        if suggestion.status != SuggestionStatus.SUGGESTED:
            raise CurationError(_("This suggestion was already decided."))
        _decide([suggestion], SuggestionStatus.REJECTED, by=by)
        proposal = suggestion.proposal
        if proposal is None:
            return
        remaining = _open(proposal)
        _remember_pairs([suggestion.claim_id], [s.claim_id for s in remaining], by=by)
        if len(remaining) < 2:
            MeasureSuggestion.objects.filter(pk__in=[s.pk for s in remaining]).delete()
            _close(proposal, by=by)
        refresh_proposals([proposal.pk])


def reject_proposal(proposal: MeasureProposal, *, by) -> None:
    """None of these claims answer one question together: every pairing is remembered."""
    with transaction.atomic():
        proposal = MeasureProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != ProposalStatus.OPEN:
            raise CurationError(_("This proposed measure was already decided."))
        suggestions = _open(proposal)
        ids = [s.claim_id for s in suggestions]
        RejectedPairing.objects.bulk_create(
            [
                RejectedPairing(first_claim_id=a, second_claim_id=b, rejected_by=by)
                for a, b in combinations(sorted(ids), 2)
            ],
            ignore_conflicts=True,
        )
        _decide(suggestions, SuggestionStatus.REJECTED, by=by)
        _close(proposal, by=by)
        refresh_proposals([proposal.pk])


def _close(proposal: MeasureProposal, *, by) -> None:
    proposal.status = ProposalStatus.REJECTED
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal._history_user = by
    proposal.save()
