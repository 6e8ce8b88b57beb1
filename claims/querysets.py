"""How speakers, measures and claims are selected: shared by views, admin and exports."""

from __future__ import annotations

from django.db import models


class SpeakerQuerySet(models.QuerySet):
    def active(self) -> SpeakerQuerySet:
        """Speakers not merged into another."""
        return self.filter(merged_into__isnull=True)


class MeasureQuerySet(models.QuerySet):
    def with_claim_count(self) -> MeasureQuerySet:
        return self.annotate(claim_count=models.Count("claims"))


class ClaimQuerySet(models.QuerySet):
    def with_chain(self) -> ClaimQuerySet:
        """Claims with everything a row shows: article and outlet, speaker, measure, relays."""
        return self.select_related("article__outlet", "speaker", "measure").prefetch_related(
            models.Prefetch(
                "relays",
                queryset=_relay_model().objects.select_related("outlet").order_by("position"),
            )
        )

    def for_measure(self, measure) -> ClaimQuerySet:
        return self.filter(measure=measure)

    def curated(self) -> ClaimQuerySet:
        """Claims an editor has touched; re-import leaves these alone."""
        from claims.models import ExtractionMethod, Status

        return self.filter(
            ~models.Q(status=Status.EXTRACTED)
            | models.Q(reviewed_by__isnull=False)
            | models.Q(extraction_method=ExtractionMethod.MANUAL)
            | models.Q(version__gt=1)
        )


def _relay_model():
    from claims.models import ClaimRelay

    return ClaimRelay
