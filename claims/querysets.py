"""How speakers, measures and claims are selected: shared by views, admin and exports."""

from __future__ import annotations

import datetime as dt

from django.db import connections, models
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, Concat, NullIf


class SpeakerQuerySet(models.QuerySet):
    def active(self) -> SpeakerQuerySet:
        """Speakers not merged into another."""
        return self.filter(merged_into__isnull=True)


class MeasureQuerySet(models.QuerySet):
    def with_claim_count(self) -> MeasureQuerySet:
        return self.annotate(claim_count=models.Count("claims"))

    def with_spread(self) -> MeasureQuerySet:
        """Measures with their claim count, lowest and highest figure and spread (high / low),
        widest disagreement first; rejected claims do not count."""
        from claims.models import Status

        counted = ~models.Q(claims__status=Status.REJECTED)
        low = models.Min(Coalesce("claims__lower", "claims__value"), filter=counted)
        high = models.Max(Coalesce("claims__upper", "claims__value"), filter=counted)
        return (
            self.annotate(claim_count=models.Count("claims", filter=counted), low=low, high=high)
            .annotate(
                spread=models.ExpressionWrapper(
                    models.F("high") / NullIf(models.F("low"), 0),
                    output_field=models.FloatField(),
                )
            )
            .order_by(models.F("spread").desc(nulls_last=True), "name")
        )


# Sorts a claims list allows, each a keyset: (field, descending). Ties break on id.
CLAIM_SORTS: dict[str, tuple[str, bool]] = {
    "-id": ("id", True),
    "id": ("id", False),
    "-date": ("published_on", True),
    "date": ("published_on", False),
    "-value": ("value", True),
    "value": ("value", False),
}


class ClaimQuerySet(models.QuerySet):
    def with_chain(self) -> ClaimQuerySet:
        """Claims with everything a row shows: article and outlet, speaker, measure, relays."""
        return self.select_related("article__outlet", "speaker", "measure").prefetch_related(
            models.Prefetch(
                "relays",
                queryset=_relay_model().objects.select_related("outlet").order_by("position"),
            )
        )

    def listing(self) -> ClaimQuerySet:
        """Claims as a table row shows them; the article body and search text stay in the DB."""
        return (
            self.select_related("article", "outlet", "speaker", "measure")
            .defer("article__body", "search_text")
            .prefetch_related(
                models.Prefetch(
                    "relays",
                    queryset=_relay_model().objects.select_related("outlet").order_by("position"),
                )
            )
        )

    def sorted_by(self, sort: str) -> ClaimQuerySet:
        """Claims in one of CLAIM_SORTS' orders.

        Sorting by date or figure leaves out claims without one, so that every order walks one
        (key, id) index from either end and the next page is a row comparison on it.
        """
        field, descending = CLAIM_SORTS[sort]
        direction = "-" if descending else ""
        if field == "id":
            return self.order_by(f"{direction}id")
        return self.filter(**{f"{field}__isnull": False}).order_by(
            f"{direction}{field}", f"{direction}id"
        )

    def after(self, sort: str, key, last_id: int) -> ClaimQuerySet:
        """Claims after (key, last_id) in `sort` order: keyset pagination, never OFFSET."""
        field, descending = CLAIM_SORTS[sort]
        if field == "id":
            return self.filter(id__lt=last_id) if descending else self.filter(id__gt=last_id)
        # A row comparison, (key, id) < (%s, %s), is one range condition on the (key, id)
        # index, where the equivalent OR of two conditions is not.
        table = connections[self.db].ops.quote_name(self.model._meta.db_table)
        column = connections[self.db].ops.quote_name(field)
        if isinstance(key, dt.date):
            key = connections[self.db].ops.adapt_datefield_value(key)
        comparison = RawSQL(
            f'({table}.{column}, {table}."id") {"<" if descending else ">"} (%s, %s)',
            [key, last_id],
            output_field=models.BooleanField(),
        )
        return self.filter(comparison)

    def facet_rows(self, cap: int) -> list[dict]:
        """Counts per (outlet, status, qualifier, language) over the first `cap` matching claims.

        One query for every facet, bounded work however many rows match (Datasette-style):
        counts are exact while fewer than `cap` claims match.
        """
        first = self.order_by().values("id")[:cap]
        return list(
            self.model.objects.filter(id__in=first)
            .order_by()
            .values("outlet_id", "outlet__name", "status", "qualifier", "language")
            .annotate(n=models.Count("id"))
        )

    def for_article_page(self, article) -> ClaimQuerySet:
        """An article's claims in text order, for highlighting."""
        return self.filter(article=article).listing().order_by("start", "end")

    def figure_bounds(self) -> ClaimQuerySet:
        """Annotated `low`/`high`: the figure's bounds whatever its qualifier."""
        return self.annotate(low=Coalesce("lower", "value"), high=Coalesce("upper", "value"))

    def matrix_cells(self) -> models.QuerySet:
        """One row per (outlet, measure): claim count and every figure as
        "qualifier:value:lower:upper" joined by "|" (one aggregate query for the whole matrix)."""
        from claims.models import Status

        text = models.CharField()
        figure = Concat(
            "qualifier",
            models.Value(":"),
            Cast("value", text),
            models.Value(":"),
            Cast("lower", text),
            models.Value(":"),
            Cast("upper", text),
            output_field=text,
        )
        return (
            self.filter(outlet__isnull=False, measure__isnull=False)
            .exclude(status=Status.REJECTED)
            .order_by()
            .values("outlet_id", "outlet__name", "measure_id", "measure__name")
            .annotate(
                n=models.Count("id"),
                figures=models.StringAgg(figure, delimiter=models.Value("|")),
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
