"""How speakers, measures and claims are selected: shared by views, admin and exports."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import connections, models
from django.db.models.expressions import Col, Expression
from django.db.models.functions import Cast, Coalesce, Concat
from django.db.models.lookups import GreaterThan, LessThan

from articles.models import Outlet
from claims import search
from claims.choices import MACHINE, REVIEWED, ExtractionMethod, Qualifier, Status
from claims.intervals import SMALLEST_SPREAD_BASE


class SpeakerQuerySet(models.QuerySet):
    def active(self) -> SpeakerQuerySet:
        """Speakers not merged into another."""
        return self.filter(merged_into__isnull=True)


class MeasureQuerySet(models.QuerySet):
    def with_claim_count(self) -> MeasureQuerySet:
        return self.annotate(claim_count=models.Count("claims"))

    def with_spread(self, *, include_machine: bool = False) -> MeasureQuerySet:
        """Measures with their figures' count, lowest and highest figure and spread (high /
        low), widest disagreement first.

        `claim_count` counts every claim but the rejected ones; the spread (`spread_count`,
        `low`, `high`, `spread`) counts only reviewed figures (verified, disputed), and machine
        figures too when `include_machine`; vague figures ("thousands") never set a bound, since
        their bounds are a rule's reading, not a number anyone said. `machine_count` and
        `vague_count` say what was left out.
        """
        shown = ~models.Q(claims__status=Status.REJECTED)
        statuses = [*REVIEWED, *MACHINE] if include_machine else list(REVIEWED)
        in_spread = models.Q(claims__status__in=statuses) & ~models.Q(
            claims__qualifier=Qualifier.VAGUE
        )
        low = models.Min(Coalesce("claims__lower", "claims__value"), filter=in_spread)
        high = models.Max(Coalesce("claims__upper", "claims__value"), filter=in_spread)
        return (
            self.annotate(
                claim_count=models.Count("claims", filter=shown),
                spread_count=models.Count("claims", filter=in_spread),
                machine_count=models.Count("claims", filter=models.Q(claims__status__in=MACHINE)),
                vague_count=models.Count(
                    "claims", filter=shown & models.Q(claims__qualifier=Qualifier.VAGUE)
                ),
                low=low,
                high=high,
            )
            .annotate(
                # Only over a lowest figure of at least SMALLEST_SPREAD_BASE: figures are
                # bounded by ±1e15 (Claim), so the ratio stays finite (no "×inf", and no
                # float overflow error on PostgreSQL) whatever tiny figure an editor enters.
                spread=models.Case(
                    models.When(
                        low__gte=SMALLEST_SPREAD_BASE,
                        then=models.ExpressionWrapper(
                            models.F("high") / models.F("low"), output_field=models.FloatField()
                        ),
                    ),
                    output_field=models.FloatField(),
                )
            )
            .order_by(models.F("spread").desc(nulls_last=True), "name")
        )


# Sorts a claims list allows, each a keyset: (field, descending). Ties break on id.
BITMAP_ORDER = "search_orders_by_bitmap"  # set by ClaimQuerySet.search on multi-term searches
RANK = "rank"  # best match first with a search (claims.pagination), newest first otherwise

# What a claims row, comparison, export or highlight reads; loading only these (not the article
# body, the search text, the curation columns) halves the cost of building 100+ rows.
LISTING_FIELDS = (
    *("article", "outlet", "language", "published_on", "speaker", "speaker_text", "measure"),
    *("value", "lower", "upper", "qualifier", "unit", "counted", "quote", "start", "end"),
    *("prefix", "suffix", "status", "confidence", "extraction_method"),
    *("article__title", "article__url", "article__language", "article__published_on"),
    *("article__outlet", "outlet__name", "outlet__name_ar", "outlet__name_en"),
    *("measure__name", "measure__unit", "measure__name_ar", "measure__name_en"),
    *("speaker__name", "speaker__kind", "speaker__role"),
)

# What claims.sources reads beyond a listing row: the headline link, the speaker's kind and merge.
ORIGIN_FIELDS = ("repeats", "speaker__merged_into")

CLAIM_SORTS: dict[str, tuple[str, bool]] = {
    RANK: ("id", True),  # outside a ranked page (an export, no search): newest first
    "-id": ("id", True),
    "id": ("id", False),
    "-date": ("published_on", True),
    "date": ("published_on", False),
    "-value": ("value", True),
    "value": ("value", False),
}


class ClaimQuerySet(models.QuerySet):
    # The words of the search that selected these claims (see `search`), for `ranked`, and the
    # claims before it (the other filters), for `ranking_window`.
    _search_terms: list[search.Term] | None = None
    _unsearched: ClaimQuerySet | None = None

    def _clone(self) -> ClaimQuerySet:
        clone = super()._clone()
        clone._search_terms, clone._unsearched = self._search_terms, self._unsearched
        return clone

    def with_chain(self) -> ClaimQuerySet:
        """Claims with everything a row shows: article and outlet, speaker, measure, relays."""
        return self.select_related("article__outlet", "speaker", "measure").prefetch_related(
            self.relays_prefetch()
        )

    def on_related_questions(self, measure, article_ids: list[int]) -> ClaimQuerySet:
        """Figures for other measures of the same unit, in the articles a measure's claims come
        from: "more than 1,400 deployed" beside "more than 1,000 withdrew", in the same report."""
        return (
            self.filter(article_id__in=article_ids, measure__unit=measure.unit)
            .exclude(measure=measure)
            .exclude(measure__isnull=True)
            .exclude(status=Status.REJECTED)
        )

    def listing(self) -> ClaimQuerySet:
        """Claims as a table row shows them; the article body and search text stay in the DB."""
        return self.listing_rows().prefetch_related(self.relays_prefetch())

    def with_origins(self) -> ClaimQuerySet:
        """Claims as a listing row shows them, with everything claims.sources reads to tell
        independent sources apart: relays, editors' source decisions, speaker links. A constant
        number of queries (claims, relays, two for decisions, two for links), however many
        claims; `sources.independent_origins` then runs without a query."""
        speaker_model = self.model._meta.get_field("speaker").related_model
        link_model = speaker_model._meta.get_field("links_as_first").related_model
        decision_model = self.model._meta.get_field("origins_as_first").related_model
        return (
            self.select_related("article", "outlet", "speaker", "measure")
            .only(*LISTING_FIELDS, *ORIGIN_FIELDS)
            .prefetch_related(
                self.relays_prefetch(),
                models.Prefetch("origins_as_first", queryset=decision_model.objects.order_by()),
                models.Prefetch("origins_as_second", queryset=decision_model.objects.order_by()),
                models.Prefetch("speaker__links_as_first", queryset=link_model.objects.order_by()),
                models.Prefetch("speaker__links_as_second", queryset=link_model.objects.order_by()),
            )
        )

    def listing_rows(self) -> ClaimQuerySet:
        """`listing` without the relays, for pages put together from two queries."""
        return self.select_related("article", "outlet", "speaker", "measure").only(*LISTING_FIELDS)

    def sorted_by(self, sort: str) -> ClaimQuerySet:
        """Claims in one of CLAIM_SORTS' orders.

        Sorting by date or figure leaves out claims without one, so that every order walks one
        (key, id) index from either end and the next page is a row comparison on it.
        """
        field, descending = CLAIM_SORTS[sort]
        direction = "-" if descending else ""
        if field == "id":
            if BITMAP_ORDER in self.query.annotations:
                key = models.F("id") + 0  # see claims.search: not an index walk
                return self.order_by(key.desc() if descending else key.asc())
            return self.order_by(f"{direction}id")
        return self.filter(**{f"{field}__isnull": False}).order_by(
            f"{direction}{field}", f"{direction}id"
        )

    def after(self, sort: str, key, last_id: int) -> ClaimQuerySet:
        """Claims after (key, last_id) in `sort` order: keyset pagination, never OFFSET."""
        field, descending = CLAIM_SORTS[sort]
        if field == "id":
            if BITMAP_ORDER in self.query.annotations:  # keep the planner off the id index
                key = models.F("id") + 0
                return self.filter(
                    LessThan(key, last_id) if descending else GreaterThan(key, last_id)
                )
            return self.filter(id__lt=last_id) if descending else self.filter(id__gt=last_id)
        # A row comparison, (key, id) < (%s, %s), is one range condition on the (key, id)
        # index, where the equivalent OR of two conditions is not.
        key_field = self.model._meta.get_field(field)
        row = models.Func(models.F(field), models.F("id"), template="(%(expressions)s)")
        row.output_field = key_field
        cursor = models.Func(
            models.Value(key, output_field=key_field),
            models.Value(last_id),
            template="(%(expressions)s)",
            output_field=key_field,
        )
        return self.filter(LessThan(row, cursor) if descending else GreaterThan(row, cursor))

    def facet_counts(self, cap: int, outlet_name: str = "name") -> dict[str, list[tuple]]:
        """Claims per outlet, status, qualifier and language over the first `cap` matches.

        One query for every facet, bounded work however many rows match (Datasette-style):
        counts are exact while fewer than `cap` claims match. Returns {"outlet": [(id, name,
        count)], "status": [(value, None, count)], ...}; outlets are named by `outlet_name`
        ("name_ar" or "name_en" for the reader's language) where it is set, else by `name`.
        """
        if outlet_name not in {"name", "name_ar", "name_en"}:
            raise ValueError(outlet_name)
        dated = models.Case(
            models.When(published_on__isnull=True, then=models.Value("no")),
            default=models.Value("yes"),
            output_field=models.CharField(),
        )
        first = (
            self.order_by()
            .annotate(dated=dated)
            .values("outlet_id", "status", "qualifier", "language", "dated")[:cap]
        )
        sql, params = first.query.sql_with_params()
        qn = connections[self.db].ops.quote_name
        outlets = qn(Outlet._meta.db_table)
        name = f"COALESCE(NULLIF(o.{qn(outlet_name)}, ''), o.name)"
        # The ORM cannot group a sliced subquery: SQL around the ORM's own query, the capped
        # rows read once (a CTE) and grouped per facet.
        branches = [
            f"SELECT 'outlet', CAST(f.outlet_id AS VARCHAR(20)), {name}, COUNT(*) FROM f "
            f"LEFT JOIN {outlets} o ON o.id = f.outlet_id GROUP BY f.outlet_id, {name}"
        ] + [
            f"SELECT '{facet}', f.{facet}, NULL, COUNT(*) FROM f GROUP BY f.{facet}"
            for facet in ("status", "qualifier", "language", "dated")
        ]
        query = f"WITH f AS ({sql}) " + " UNION ALL ".join(branches)
        counts: dict[str, list[tuple]] = {
            "outlet": [],
            "status": [],
            "qualifier": [],
            "language": [],
            "dated": [],
        }
        with connections[self.db].cursor() as cursor:
            cursor.execute(query, params)
            for facet, value, name, count in cursor.fetchall():
                if facet == "outlet" and value is not None:
                    value = int(value)
                counts[facet].append((value, name, count))
        return counts

    def latest_changes(self) -> tuple:
        """(latest claim update, latest claim, measure and outlet history ids): a change stamp."""
        measure_model = self.model._meta.get_field("measure").related_model
        connection = connections[self.db]
        qn = connection.ops.quote_name
        parts = [f"SELECT MAX({qn('updated_at')}) FROM {qn(self.model._meta.db_table)}"] + [
            f"SELECT MAX({qn('history_id')}) FROM {qn(model.history.model._meta.db_table)}"
            for model in (self.model, measure_model, Outlet)
        ]
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(f"({part})" for part in parts))
            return tuple(cursor.fetchone())

    def for_article_page(self, article) -> ClaimQuerySet:
        """An article's claims in text order, for highlighting."""
        return self.filter(article=article).listing().order_by("start", "end")

    def figure_bounds(self) -> ClaimQuerySet:
        """Annotated `low`/`high`: the figure's bounds whatever its qualifier."""
        return self.annotate(low=Coalesce("lower", "value"), high=Coalesce("upper", "value"))

    def matrix_totals(self, field: str) -> dict[int | None, int]:
        """Claims per outlet (None: outlet not stated) or per measure, among claims with a
        measure, rejected ones left out."""
        rows = self._on_the_matrix().order_by().values_list(field).annotate(n=models.Count("id"))
        return dict(rows)

    def matrix_totals_relayed(self) -> dict[int, int]:
        """Claims each outlet or agency relayed (it is in their chain), among the same claims."""
        rows = (
            self._relay_model()
            .objects.filter(claim__in=self._on_the_matrix().values("pk"))
            .order_by()
            .values_list("outlet_id")
            .annotate(n=models.Count("id"))
        )
        return dict(rows)

    def matrix_cells(self, outlets, measures, *, relayed: bool = False) -> models.QuerySet:
        """The given outlets (None: outlet not stated) × measures, one aggregate query for the
        shown cells: outlet names, measure (`measure_key`, `measure_title`), claim count `n` and
        every figure as "status:qualifier:value:lower:upper" joined by "|".

        `relayed` reads the outlets as relays (the figures they passed on to other outlets'
        articles) instead of as the outlets that published them.
        """
        named = [pk for pk in outlets if pk is not None]
        if relayed:
            cells = self._relay_model().objects.filter(
                claim__in=self._on_the_matrix().values("pk"),
                outlet__in=named,
                claim__measure__in=measures,
            )
            prefix = "claim__"
        else:
            which = models.Q(outlet__in=named)
            if None in outlets:
                which |= models.Q(outlet__isnull=True)
            cells = self._on_the_matrix().filter(which, measure__in=measures)
            prefix = ""
        return (
            cells.order_by()
            .values("outlet_id", "outlet__name", "outlet__name_ar", "outlet__name_en")
            .annotate(
                measure_key=models.F(f"{prefix}measure_id"),
                measure_title=models.F(f"{prefix}measure__name"),
            )
            .values(
                "outlet_id",
                "outlet__name",
                "outlet__name_ar",
                "outlet__name_en",
                "measure_key",
                "measure_title",
            )
            .annotate(
                n=models.Count("id"),
                figures=models.StringAgg(_figure_text(prefix), delimiter=models.Value("|")),
            )
        )

    def _on_the_matrix(self) -> ClaimQuerySet:
        return self.filter(measure__isnull=False).exclude(status=Status.REJECTED)

    def _relay_model(self):
        return self.model._meta.get_field("relays").related_model

    def for_measure(self, measure) -> ClaimQuerySet:
        return self.filter(measure=measure)

    def relayed_by(self, outlet) -> ClaimQuerySet:
        """Claims whose relay chain names this outlet or agency (it passed the figure on)."""
        relay_model = self.model._meta.get_field("relays").related_model
        return self.filter(pk__in=relay_model.objects.filter(outlet=outlet).values("claim_id"))

    def curated(self) -> ClaimQuerySet:
        """Claims an editor has touched; re-import leaves these alone."""
        return self.filter(
            ~models.Q(status=Status.EXTRACTED)
            | models.Q(reviewed_by__isnull=False)
            | models.Q(extraction_method=ExtractionMethod.MANUAL)
            | models.Q(version__gt=1)
        )

    def search(self, query: str | list[search.Term]) -> ClaimQuerySet:
        """Claims matching every word of the query, in Arabic or English (see claims.search).

        Raises claims.search.SearchQueryError past the caps (words, characters): forms check
        the query first and say so. PostgreSQL matches the stored `search_vector` (GIN); SQLite
        looks for " word " in the three document columns. `ranked` orders by score.
        """
        terms = search.parse_query(query) if isinstance(query, str) else query
        if not terms:
            return self
        vendor = connections[self.db].vendor
        vector = StoredSearchVector() if vendor == "postgresql" else None
        claims = self.filter(search.match_condition(terms, vendor, vector))
        if vendor == "postgresql" and len(terms) > 1:
            # The planner multiplies the terms' frequencies as if independent: for words
            # that never occur together it expects thousands of rows and walks the id index
            # through the whole table. Ordering on an expression makes it use the GIN bitmap.
            claims = claims.alias(**{BITMAP_ORDER: models.Value(True)})
        claims._search_terms = [*(self._search_terms or []), *terms]
        claims._unsearched = self._unsearched if self._unsearched is not None else self
        return claims

    @property
    def is_searched(self) -> bool:
        return bool(self._search_terms)

    def newest_ids(self, count: int) -> list[int]:
        """The ids of the newest `count` claims, newest first: on a search, the window "best
        match first" ranks (claims.pagination); its last id is the window's floor."""
        return list(self.sorted_by("-id").values_list("id", flat=True)[:count])

    def ranking_window(self, floor: int, limit: int) -> list[int]:
        """The ids from `floor` on (the window a ranked page's cursor carries), oldest first,
        at most `limit`: claims added since the first page join it, within the limit.

        From a floor on, the window's id range holds a few hundred matches among the rows the
        first page walked: PostgreSQL reads that range (the match tested row by row) rather
        than build the GIN bitmap of every match of a common word, which it would otherwise
        prefer. With no floor, every match is in the window: the index finds them.
        """
        vendor = connections[self.db].vendor
        if not floor or vendor != "postgresql" or self._unsearched is None:
            claims = self.filter(id__gte=floor)
        else:
            row_by_row = Coalesce(
                StoredSearchVector(), models.Value(""), output_field=SearchVectorField()
            )
            condition = search.match_condition(self._search_terms or [], vendor, row_by_row)
            claims = self._unsearched.filter(condition, id__gte=floor)
        return list(claims.order_by("id").values_list("id", flat=True)[:limit])

    def ranked(self, ids: list[int]) -> ClaimQuerySet:
        """These searched claims, best score first (annotated `search_rank`), by primary key:
        the ids are matches already, and a GIN bitmap of every match of a common word costs
        more than scoring a few hundred rows.

        The score (claims.search) is built here, not by `search`: pages sorted otherwise,
        facets and exports never pay for it.
        """
        vendor = connections[self.db].vendor
        vector = StoredSearchVector() if vendor == "postgresql" else None
        score = search.score_expression(self._search_terms or [], vendor, vector)
        return (
            self.model._default_manager.filter(pk__in=ids)
            .annotate(search_rank=score)
            .order_by("-search_rank", "-id")
        )

    def refresh_search_names(self) -> int:
        """Rebuild these claims' names document (claims.search) in one UPDATE."""
        return search.refresh_search_names(self)

    def relays_prefetch(self) -> models.Prefetch:
        """Each claim's relay chain in order, outlets joined (ClaimRelay, by its relation)."""
        relay_model = self.model._meta.get_field("relays").related_model
        return models.Prefetch(
            "relays", queryset=relay_model.objects.select_related("outlet").order_by("position")
        )


def _figure_text(prefix: str = "") -> Concat:
    """A claim's figure as "status:qualifier:value:lower:upper" (empty where a number is
    missing), for aggregating figures into one string per matrix cell."""
    text = models.CharField()
    parts: list = []
    for name in ("status", "qualifier", "value", "lower", "upper"):
        if parts:
            parts.append(models.Value(":"))
        field = f"{prefix}{name}"
        parts.append(Cast(field, text) if name in {"value", "lower", "upper"} else models.F(field))
    return Concat(*parts, output_field=text)


class StoredSearchVector(Expression):
    """The claims table's `search_vector` column (PostgreSQL only, not a model field).

    A stored generated column, GIN-indexed (migration 0010): the `simple` tsvectors of
    search_text, search_names and search_title, weighted A, B and D. Resolves to a real
    column reference so that it is relabelled like any other when the filtered claims become a
    subquery (facet counts, exports).
    """

    def __init__(self) -> None:
        super().__init__(output_field=SearchVectorField())

    def resolve_expression(self, query=None, *args, **kwargs) -> Col:
        column = SearchVectorField()
        column.column = "search_vector"
        return Col(query.get_initial_alias(), column, output_field=SearchVectorField())
