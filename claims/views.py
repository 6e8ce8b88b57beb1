"""Public pages: claims list, measure comparison, matrix, article, speaker and outlet pages."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import operator
from collections import Counter, defaultdict

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, F, Max, Q, Window
from django.db.models.functions import RowNumber
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from articles.models import Article, Language, Outlet, OutletAlias
from articles.normalization import normalize_for_matching
from claims import exports
from claims.charts import chart_rows, range_chart
from claims.choices import REVIEWED
from claims.display import (
    DATE_NOT_STATED,
    OUTLET_NOT_STATED,
    URL_NOT_STATED,
    figure_text,
    outlet_label,
    outlet_name,
    outlet_name_field,
    relay_chain,
    speaker_label,
)
from claims.filters import DATED_CHOICES, NOT_STATED, ClaimFilter, ConflictFilter
from claims.grouping.service import refresh_curated
from claims.highlight import highlighted_body
from claims.intervals import Spread, widest_conflicts
from claims.models import (
    Claim,
    Conflict,
    Measure,
    MeasureSuggestion,
    OriginOverride,
    Qualifier,
    Speaker,
    SpeakerAlias,
    SpeakerLink,
    Status,
    SuggestionStatus,
    Verdict,
)
from claims.pagination import (
    DEFAULT_PER_PAGE,
    PER_PAGE_CHOICES,
    PageError,
    claim_page,
    per_page_from,
)
from claims.querysets import CLAIM_SORTS
from claims.sources import independent_origins

FACET_FIELDS = [
    ("status", _("Status")),
    ("qualifier", _("Qualifier")),
    ("language", _("Language")),
    ("dated", _("Publication date")),
]
FACET_CAP = 2_000  # facet counts are exact below this many matching claims (then "2000+")
FACET_OUTLETS = 8
SUGGESTIONS = 10
MEASURE_PAGE_CLAIMS = 200
CONFLICTS_SHOWN = 30
PROFILE_CLAIMS = 100
MATRIX_SIZE = 40
ARTICLE_PAGE_CLAIMS = 500  # figures highlighted on an article page (the first, in text order)
CACHE_SECONDS = 600
# Profile pages: latest publication first, undated claims after every dated one (both databases).
LATEST_FIRST = (F("published_on").desc(nulls_last=True), "-id")


def _wants_partial(request: HttpRequest) -> bool:
    # A history restore (back button with htmx's cache empty) needs the whole page.
    return bool(request.htmx) and not request.htmx.history_restore_request


def _facets(filterset: ClaimFilter) -> dict:
    """Facet counts under the current filter, from one capped query."""
    counts = filterset.qs.facet_counts(FACET_CAP, outlet_name=outlet_name_field())
    total = sum(row[2] for row in counts["status"])
    labels = {
        "status": dict(Status.choices),
        "qualifier": dict(Qualifier.choices),
        "language": dict(Language.choices),
        "dated": dict(DATED_CHOICES),
    }
    outlets = sorted(counts["outlet"], key=lambda row: -row[2])
    facets: dict = {
        "total": total,
        "capped": total >= FACET_CAP,
        "cap": FACET_CAP,
        "outlets": [
            {
                "value": NOT_STATED if pk is None else pk,
                "label": str(OUTLET_NOT_STATED) if pk is None else name,
                "count": n,
                "not_stated": pk is None,
            }
            for pk, name, n in outlets[:FACET_OUTLETS]
        ],
    }
    for facet, choices in labels.items():
        found = {value: n for value, _name, n in counts[facet]}
        facets[facet] = [
            {"value": value, "label": label, "count": found.get(value, 0)}
            for value, label in choices.items()
        ]
    return facets


def claim_list(request: HttpRequest) -> HttpResponse:
    """The claims table: filters, facets, keyset pages; htmx gets only the results."""
    filterset = ClaimFilter(request.GET or None, queryset=Claim.objects.all())
    context: dict = {
        "filterset": filterset,
        "page": None,
        "facets": None,
        "page_error": "",
        "facet_fields": FACET_FIELDS,
        "current": {name: request.GET.get(name, "") for name, _legend in FACET_FIELDS},
        "per_page_choices": PER_PAGE_CHOICES,
        "per_page": DEFAULT_PER_PAGE,
        "default_per_page": DEFAULT_PER_PAGE,
        "undated": None,
    }
    # Bad input renders its errors in the page (status 200, so htmx swaps them in); no query.
    if not filterset.is_bound or filterset.is_valid():
        try:
            context["per_page"] = per_page_from(request.GET.get("per_page"))
            context["page"] = claim_page(
                filterset.qs, filterset.sort_key, request.GET.get("after"), context["per_page"]
            )
            context["facets"] = _facets(filterset)
            if CLAIM_SORTS[filterset.sort_key][0] == "published_on":
                # Date orders leave undated claims out: the page says how many, and links them.
                counts = {item["value"]: item["count"] for item in context["facets"]["dated"]}
                context["undated"] = counts.get("no", 0)
        except PageError as error:
            context["page_error"] = str(error)
    context["selected"] = _selected(filterset)
    template = "claims/claim_list.html"
    if _wants_partial(request):
        template += "#htmx_results"
    return render(request, template, context)


class _NotStated:
    """The "outlet not stated" choice, shaped like the outlet the type-ahead box shows."""

    pk = NOT_STATED

    def __str__(self) -> str:
        return str(OUTLET_NOT_STATED)


def _selected(filterset: ClaimFilter) -> dict:
    """The outlets, speaker and measure the filter names, for the type-ahead boxes."""
    cleaned = getattr(filterset.form, "cleaned_data", {}) if filterset.is_bound else {}
    selected = {name: cleaned.get(name) for name in ("outlet", "relay", "speaker", "measure")}
    if selected["outlet"] == NOT_STATED:
        selected["outlet"] = _NotStated()
    return selected


def claim_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The filtered claims as CSV or JSON (same query string as the list)."""
    filterset = ClaimFilter(request.GET or None, queryset=Claim.objects.all())
    if filterset.is_bound and not filterset.is_valid():
        return HttpResponse(
            exports.errors_text(filterset.errors), status=400, content_type="text/plain"
        )
    claims = filterset.qs.sorted_by(filterset.sort_key)
    limit = exports.row_limit(request.user)
    # Both run the query now, before the response starts (see exports._started).
    if fmt == "csv":
        response = StreamingHttpResponse(
            exports.csv_rows(claims, limit), content_type="text/csv; charset=utf-8"
        )
    else:
        response = StreamingHttpResponse(
            exports.json_chunks(claims, limit), content_type="application/json"
        )
    response["Content-Disposition"] = f'attachment; filename="isnad-claims.{fmt}"'
    response["X-Isnad-Row-Limit"] = str(limit)  # the export stops after this many rows
    return response


@require_GET
def suggest_outlets(request: HttpRequest, name: str = "outlet") -> HttpResponse:
    """At most ten outlets whose name (any spelling) contains the typed text; `name` is the
    filter the choice sets: the publishing outlet, or an outlet in the relay chain."""
    typed = _typed(request, f"{name}_search")
    outlets = []
    if typed:
        aliases = OutletAlias.objects.filter(name__icontains=typed).values("outlet_id")
        outlets = list(
            Outlet.objects.filter(
                Q(name__icontains=typed)
                | Q(name_ar__icontains=typed)
                | Q(name_en__icontains=typed)
                | Q(pk__in=aliases)
            ).order_by("name")[:SUGGESTIONS]
        )
    options = [{"value": o.pk, "label": outlet_name(o)} for o in outlets]
    return _suggestions(request, name, typed, options)


@require_GET
def suggest_speakers(request: HttpRequest) -> HttpResponse:
    """At most ten speakers with a name or alias starting with the typed text (normalized)."""
    typed = _typed(request, "speaker_search")
    options: list[dict] = []
    key = normalize_for_matching(typed)
    if key:
        aliases = (
            SpeakerAlias.objects.filter(
                normalized__startswith=key, speaker__merged_into__isnull=True
            )
            .select_related("speaker")
            .order_by("normalized", "speaker_id")[: SUGGESTIONS * 3]
        )
        seen: set[int] = set()
        for alias in aliases:
            if alias.speaker_id not in seen and len(seen) < SUGGESTIONS:
                seen.add(alias.speaker_id)
                label = alias.speaker.name
                if alias.name != label:
                    label = f"{label} ({alias.name})"
                options.append({"value": alias.speaker_id, "label": label})
        if len(options) < SUGGESTIONS:
            # Speakers an editor created without an alias are found by their name as written.
            for speaker in (
                Speaker.objects.active()
                .filter(name__istartswith=typed)
                .exclude(pk__in=seen)
                .order_by("name")[: SUGGESTIONS - len(options)]
            ):
                options.append({"value": speaker.pk, "label": speaker.name})
    return _suggestions(request, "speaker", typed, options)


@require_GET
def suggest_measures(request: HttpRequest) -> HttpResponse:
    """At most ten measures whose name (in any language) contains the typed text."""
    typed = _typed(request, "measure_search")
    named = Q(name__icontains=typed) | Q(name_ar__icontains=typed) | Q(name_en__icontains=typed)
    measures = list(Measure.objects.filter(named).order_by("name")[:SUGGESTIONS]) if typed else []
    options = [{"value": m.pk, "label": m.name} for m in measures]
    return _suggestions(request, "measure", typed, options)


def _typed(request: HttpRequest, field: str) -> str:
    typed = request.GET.get("q") or request.GET.get(field) or ""
    return typed.replace("\x00", "").strip()[:100]  # databases refuse NUL in a string


NO_MATCH = {
    "outlet": _("No outlet matches “%(typed)s”."),
    "relay": _("No agency or outlet matches “%(typed)s”."),
    "speaker": _("No speaker matches “%(typed)s”."),
    "measure": _("No measure matches “%(typed)s”."),
}


def _suggestions(request: HttpRequest, name: str, typed: str, options: list) -> HttpResponse:
    return render(
        request,
        "claims/claim_list.html#suggestions",
        {
            "name": name,
            "typed": typed,
            "options": options,
            "no_match": NO_MATCH[name] % {"typed": typed} if typed and not options else "",
        },
    )


def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One claim: its figure, quote in context, chain and verdicts (with ClaimReview JSON-LD)."""
    claim = get_object_or_404(Claim.objects.listing(), pk=pk)
    verdicts = list(Verdict.objects.filter(claim=claim).select_related("author"))
    reviews = [exports.claim_review(v, claim, request) for v in verdicts]
    return render(
        request,
        "claims/claim_detail.html",
        {
            "claim": claim,
            "verdicts": verdicts,
            "reviews": reviews,
            "date_not_stated": DATE_NOT_STATED,
            "url_not_stated": URL_NOT_STATED,
        },
    )


def _cache_version() -> str:
    """Changes whenever a claim, measure or outlet changes: the key of cached aggregate pages.

    The latest claim update catches saves; the history tables catch deletions and renamed
    measures and outlets. One query of four index lookups.
    """
    stamp = "|".join(str(part) for part in Claim.objects.latest_changes())
    return hashlib.sha1(stamp.encode(), usedforsecurity=False).hexdigest()


def _include_machine(request: HttpRequest) -> bool:
    """The switch that counts machine-extracted figures in spreads (`?machine=1`)."""
    return request.GET.get("machine") == "1"


def measure_list(request: HttpRequest) -> HttpResponse:
    """Measures with their spread, widest disagreement first (cached until claims change)."""
    include_machine = _include_machine(request)
    key = f"isnad:measures:{int(include_machine)}:{_cache_version()}"
    measures = cache.get(key)
    if measures is None:
        measures = list(Measure.objects.with_spread(include_machine=include_machine)[:500])
        cache.set(key, measures, CACHE_SECONDS)
    return render(
        request,
        "claims/measure_list.html",
        {"measures": measures, "include_machine": include_machine},
    )


RELATED_SHOWN = 50


def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Every figure for a measure side by side: chart, spread, chains, contradictions.

    Every figure but the rejected ones is shown, styled by its status; the spread and the
    figures that cannot both be true count the reviewed ones (and machine ones when asked).
    """
    include_machine = _include_machine(request)
    # The spread comes from every claim of the measure; the page compares the latest ones
    # (newest first through the (measure, -id) index, then grouped here), however many exist.
    measure = get_object_or_404(Measure.objects.with_spread(include_machine=include_machine), pk=pk)
    latest = (
        Claim.objects.for_measure(measure)
        .exclude(status=Status.REJECTED)
        .with_origins()
        .order_by("-id")[:MEASURE_PAGE_CLAIMS]
    )
    claims = sorted(latest, key=_speaker_outlet_order)
    groups: dict = defaultdict(list)
    for claim in claims:
        groups[(speaker_label(claim), outlet_label(claim))].append(claim)
    verdicts = list(
        Verdict.objects.filter(Q(measure=measure) | Q(claim__measure=measure)).select_related(
            "author", "claim"
        )
    )
    by_id = {c.pk: c for c in claims}
    by_figure = sorted(claims, key=_figure_order)
    counted = [c for c in claims if c.status in REVIEWED or include_machine]
    # Widest gaps first: the pairs a fact-checker should look at.
    conflict_count, conflicts = widest_conflicts(counted, CONFLICTS_SHOWN)
    reviews = [exports.claim_review(v, by_id.get(v.claim_id), request, measure) for v in verdicts]
    # The same articles often give figures for neighbouring questions (deployed vs withdrew):
    # shown beside, under their own measure, so they are compared but never mixed.
    related = sorted(
        Claim.objects.on_related_questions(measure, sorted({c.article_id for c in claims}))
        .listing()
        .order_by("-id")[:RELATED_SHOWN],
        key=_figure_order,
    )
    related_groups: dict = defaultdict(list)
    for claim in related:
        related_groups[claim.measure].append(claim)
    vague = [c for c in counted if c.qualifier == Qualifier.VAGUE]
    return render(
        request,
        "claims/measure_detail.html",
        {
            "measure": measure,
            "claims": claims,
            "truncated": measure.claim_count > len(claims),
            "groups": [{"speaker": s, "outlet": o, "claims": cs} for (s, o), cs in groups.items()],
            "figures": _distinct_figures(by_figure),
            # Per figure, articles and independent origins (re-reports of one original once).
            "sources": independent_origins(claims),
            "chart": range_chart(by_figure),
            "chart_rows": chart_rows(by_figure),
            "spread": Spread(measure.low, measure.high),
            "include_machine": include_machine,
            "vague_figures": _distinct_figures(vague),
            "conflicts": conflicts,
            "conflict_count": conflict_count,
            "verdicts": verdicts,
            "reviews": reviews,
            "related_chart": range_chart(related) if related else "",
            "related_chart_rows": chart_rows(related),
            "related_groups": list(related_groups.items()),
        },
    )


def _speaker_outlet_order(claim: Claim) -> tuple:
    return (speaker_label(claim), outlet_label(claim), claim.published_on or dt.date.min, claim.pk)


def _distinct_figures(claims: list[Claim]) -> list[dict]:
    """Each distinct figure and status once, in order, with how many claims give it and the
    outlets."""
    seen: dict[tuple, dict] = {}
    for claim in claims:
        label = figure_text(claim)
        entry = seen.setdefault(
            (label, claim.status),
            {"label": label, "status": claim.status, "count": 0, "outlets": [], "first": claim},
        )
        entry["count"] += 1
        outlet = outlet_label(claim)
        if outlet not in entry["outlets"]:
            entry["outlets"].append(outlet)
    return list(seen.values())


def _figure_order(claim: Claim) -> tuple:
    first = next((n for n in (claim.value, claim.lower, claim.upper) if n is not None), 0.0)
    return (first, claim.pk)


def matrix(request: HttpRequest) -> HttpResponse:
    """Who said what: outlets × measures, each cell the figures that outlet published or
    relayed; claims whose outlet is not stated have their own row."""
    key = f"isnad:matrix:{get_language()}:{_cache_version()}"
    table = cache.get(key)
    if table is None:
        table = _matrix_table()
        cache.set(key, table, CACHE_SECONDS)
    return render(request, "claims/matrix.html", {"table": table})


def _matrix_table() -> dict:
    # Claims per outlet (published and relayed) and per measure pick the busiest of each
    # (small groupings of integers); names and figures are then aggregated for the shown cells.
    published = Claim.objects.matrix_totals("outlet")
    relayed = Claim.objects.matrix_totals_relayed()
    outlet_totals = Counter(published) + Counter(relayed)
    measure_totals = Counter(Claim.objects.matrix_totals("measure"))
    outlets = [pk for pk, _count in outlet_totals.most_common(MATRIX_SIZE)]
    measures = [pk for pk, _count in measure_totals.most_common(MATRIX_SIZE)]
    cells = {"published": [], "relayed": []}
    if outlets:
        cells["published"] = list(Claim.objects.matrix_cells(outlets, measures))
        if any(pk in relayed for pk in outlets):
            cells["relayed"] = list(Claim.objects.matrix_cells(outlets, measures, relayed=True))
    names: dict = {}
    by_pair: dict = defaultdict(dict)
    name_field = f"outlet__{outlet_name_field()}"
    for kind, rows in cells.items():
        for cell in rows:
            outlet_id = cell["outlet_id"]
            names["o", outlet_id] = (
                cell[name_field] or cell["outlet__name"]
                if outlet_id is not None
                else str(OUTLET_NOT_STATED)
            )
            names["m", cell["measure_key"]] = cell["measure_title"]
            by_pair[outlet_id, cell["measure_key"]][kind] = cell
    outlets = [o for o in outlets if ("o", o) in names]
    measures = [m for m in measures if ("m", m) in names]
    return {
        "measures": [{"id": m, "name": names["m", m]} for m in measures],
        "rows": [
            {
                "outlet": {"id": o, "name": names["o", o], "not_stated": o is None},
                "cells": [_matrix_cell(by_pair.get((o, m), {}), o, m) for m in measures],
            }
            for o in outlets
        ],
        "more_outlets": max(0, len(outlet_totals) - MATRIX_SIZE),
        "more_measures": max(0, len(measure_totals) - MATRIX_SIZE),
    }


MATRIX_CELL_FIGURES = 6


def _matrix_cell(cell: dict, outlet_id: int | None, measure_id: int) -> dict | None:
    """A cell: the figures the outlet published and those it relayed, each linking to its
    claims (`?outlet=` or `?relay=`; `?outlet=none` for the outlet-not-stated row)."""
    if not cell:
        return None
    entry: dict = {}
    for kind, parameter in (("published", "outlet"), ("relayed", "relay")):
        part = cell.get(kind)
        if part is None:
            continue
        figures = exports.figure_list(part["figures"])
        outlet = NOT_STATED if outlet_id is None else outlet_id
        entry[kind] = {
            "count": part["n"],
            "figures": figures[:MATRIX_CELL_FIGURES],
            "more": max(0, len(figures) - MATRIX_CELL_FIGURES),
            "query": f"{parameter}={outlet}&measure={measure_id}",
        }
    return entry


def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An article's text with every claim highlighted in place, chains in the margin."""
    article = get_object_or_404(Article.objects.with_outlet(), pk=pk)
    # The first ARTICLE_PAGE_CLAIMS in text order: an article of 10,000 figures stays a page.
    claims = list(Claim.objects.for_article_page(article)[: ARTICLE_PAGE_CLAIMS + 1])
    total = len(claims)
    if total > ARTICLE_PAGE_CLAIMS:
        claims = claims[:ARTICLE_PAGE_CLAIMS]
        total = Claim.objects.filter(article=article).count()
    return render(
        request,
        "claims/article_detail.html",
        {
            "article": article,
            "claims": claims,
            "claim_total": total,
            "body": highlighted_body(article.body, claims),
            "outlet_not_stated": OUTLET_NOT_STATED,
            "date_not_stated": DATE_NOT_STATED,
            "url_not_stated": URL_NOT_STATED,
        },
    )


def speaker_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A speaker's figures over time, and the names they go by."""
    speaker = get_object_or_404(Speaker.objects.prefetch_related("aliases"), pk=pk)
    if speaker.merged_into_id:  # an editor merged this name into another speaker
        return redirect("speaker_detail", pk=speaker.merged_into_id)
    links = [
        {"speaker": link.other(speaker), "relation": link.get_relation_display()}
        for link in SpeakerLink.objects.filter(SpeakerLink.involving(speaker)).select_related(
            "first_speaker", "second_speaker"
        )
    ]
    claims = list(
        Claim.objects.filter(speaker=speaker).listing().order_by(*LATEST_FIRST)[:PROFILE_CLAIMS]
    )
    return render(
        request,
        "claims/speaker_detail.html",
        {"speaker": speaker, "claims": claims, "limit": PROFILE_CLAIMS, "links": links},
    )


def outlet_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An outlet's figures over time: those it carried (published in its own articles) and
    those it relayed (named in the chain of another outlet's article)."""
    outlet = get_object_or_404(Outlet, pk=pk)
    carried = list(
        Claim.objects.filter(outlet=outlet).listing().order_by(*LATEST_FIRST)[:PROFILE_CLAIMS]
    )
    relayed = list(
        Claim.objects.relayed_by(outlet).listing().order_by(*LATEST_FIRST)[:PROFILE_CLAIMS]
    )
    return render(
        request,
        "claims/outlet_detail.html",
        {"outlet": outlet, "carried": carried, "relayed": relayed, "limit": PROFILE_CLAIMS},
    )


CONFLICTS_PER_PAGE = 10
CONFLICT_OUTLETS = 300  # outlets offered in the inbox's outlet filter


def conflict_list(request: HttpRequest) -> HttpResponse:
    """The conflict inbox: measures, curated or proposed, whose figures cannot all be true,
    widest disagreement first; each row the figures, who said each and through whom."""
    refresh_curated()  # curated measures whose claims changed since the last look (indexed)
    # The rendered page is cached until claims, measures, outlets, suggestions, conflict rows or
    # editors' source decisions change (one query of index lookups for the stamp).
    partial = _wants_partial(request)
    stamp = _conflicts_stamp()
    key = (
        "isnad:conflicts:"
        + hashlib.sha1(
            f"{int(partial)}|{request.GET.urlencode()}|{stamp}|{get_language()}".encode(),
            usedforsecurity=False,
        ).hexdigest()
    )
    cached = cache.get(key)
    if cached is not None:
        return HttpResponse(cached)
    response = _conflict_page(request, partial)
    if response.status_code == 200:
        cache.set(key, response.content, CACHE_SECONDS)
    return response


def _conflicts_stamp() -> str:
    """What the inbox shows depends on: the claims (and measures, outlets: their histories),
    the conflict rows (refreshed_at, count), the suggestions and editors' source decisions."""
    rows = Conflict.objects.aggregate(last=Max("refreshed_at"), count=Count("id"), top=Max("id"))
    decisions = OriginOverride.history.aggregate(last=Max("history_id"))["last"]
    suggestions = MeasureSuggestion.objects.aggregate(last=Max("id"))["last"]
    return f"{_cache_version()}|{rows}|{decisions}|{suggestions}"


def _conflict_page(request: HttpRequest, partial: bool) -> HttpResponse:
    filterset = ConflictFilter(request.GET or None, queryset=Conflict.objects.all())
    context: dict = {"filterset": filterset, "page": None, "rows": []}
    if not filterset.is_bound or filterset.is_valid():
        conflicts = filterset.qs.select_related("measure", "proposal").order_by(
            "-disagreement", "id"
        )
        page = Paginator(conflicts, CONFLICTS_PER_PAGE).get_page(request.GET.get("page"))
        by_row, articles = _conflict_claims(list(page))
        context["page"] = page
        context["rows"] = [
            _conflict_row(conflict, by_row.get(conflict.pk, []), articles) for conflict in page
        ]
    context["outlets"] = [
        (outlet.pk, outlet_name(outlet))
        for outlet in Outlet.objects.filter(
            pk__in=Conflict.outlets.through.objects.values("outlet_id")
        ).order_by("name")[:CONFLICT_OUTLETS]
    ]
    template = "claims/conflict_list.html"
    if partial:
        template += "#results"
    return render(request, template, context)


SOURCES_PER_FIGURE = 10  # claims of one figure read for its independent sources, newest first
_FIGURE = ("qualifier", "value", "lower", "upper")


def _same_figure(measure_id: int, figure: tuple) -> Q:
    condition = Q(measure_id=measure_id)
    for name, value in zip(_FIGURE, figure, strict=True):
        condition &= Q(**{f"{name}__isnull": True}) if value is None else Q(**{name: value})
    return condition


def _conflict_claims(conflicts: list[Conflict]) -> tuple[dict[int, list[Claim]], dict]:
    """Each row's claims as claims.sources reads them: for a curated measure the newest
    SOURCES_PER_FIGURE claims of each figure the row shows, with the number of articles carrying
    each figure (counted in full); a proposal's members. A constant number of queries."""
    shown_ids = [pk for c in conflicts for pk in c.claim_ids]
    measure_rows = {c.measure_id: c.pk for c in conflicts if c.measure_id}
    proposal_rows = {c.proposal_id: c.pk for c in conflicts if c.proposal_id}
    ids = set(shown_ids)
    articles: dict = {}
    figures = {
        (row[0], row[1:])
        for row in Claim.objects.filter(
            pk__in=shown_ids, measure_id__in=list(measure_rows)
        ).values_list("measure_id", *_FIGURE)
    }
    if figures:
        same = functools.reduce(operator.or_, (_same_figure(m, f) for m, f in figures))
        matching = Claim.objects.filter(same).exclude(status=Status.REJECTED)
        newest = Window(
            RowNumber(),
            partition_by=[F("measure_id"), *(F(name) for name in _FIGURE)],
            order_by=F("id").desc(),
        )
        ids |= set(
            matching.annotate(newest=newest)
            .filter(newest__lte=SOURCES_PER_FIGURE)
            .values_list("pk", flat=True)
        )
        for row in (
            matching.order_by()
            .values("measure_id", *_FIGURE)
            .annotate(articles=Count("article", distinct=True))
        ):
            articles[(row["measure_id"], *(row[name] for name in _FIGURE))] = row["articles"]
    members = defaultdict(set)
    if proposal_rows:
        for claim_id, proposal_id in MeasureSuggestion.objects.filter(
            proposal_id__in=list(proposal_rows), status=SuggestionStatus.SUGGESTED
        ).values_list("claim_id", "proposal_id"):
            members[proposal_rows[proposal_id]].add(claim_id)
            ids.add(claim_id)
    loaded = Claim.objects.filter(pk__in=ids).with_origins().in_bulk()
    by_row: dict[int, list[Claim]] = defaultdict(list)
    for claim in loaded.values():
        row = measure_rows.get(claim.measure_id)
        if row is not None:
            by_row[row].append(claim)
    for row, claim_ids in members.items():
        by_row[row] = [loaded[pk] for pk in sorted(claim_ids) if pk in loaded]
    for conflict in conflicts:  # the shown figures, whatever happened to them since
        have = {c.pk for c in by_row[conflict.pk]}
        by_row[conflict.pk] += [
            loaded[pk] for pk in conflict.claim_ids if pk in loaded and pk not in have
        ]
    return by_row, articles


def _conflict_row(conflict: Conflict, claims: list[Claim], articles: dict) -> dict:
    """A row of the inbox: its shown figures, each with who said it, through whom, how many
    articles carry that figure and from how many independent origins (claims.sources; for a
    curated measure's figure carried by more articles than were read, among the newest)."""
    by_id = {c.pk: c for c in claims}
    sources = {}
    for figure in independent_origins(claims):
        for claim in figure.claims:
            sources[claim.pk] = figure
    figures = []
    for pk in conflict.claim_ids:
        claim = by_id.get(pk)
        if claim is None:
            continue
        figure = sources.get(pk)
        key = (claim.measure_id, *(getattr(claim, name) for name in _FIGURE))
        carried = articles.get(key, figure.article_count if figure else 0)
        figures.append(
            {
                "claim": claim,
                "figure": figure_text(claim),
                "chain": relay_chain(claim),
                "sources": figure,
                "articles": carried,
                "among_newest": bool(figure) and carried > figure.article_count,
            }
        )
    return {"conflict": conflict, "figures": figures}
