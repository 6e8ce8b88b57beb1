"""Public pages: claims list, measure comparison, matrix, article, speaker and outlet pages."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.core.cache import cache
from django.db.models import Max, Q
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from articles.models import Article, Language, Outlet, OutletAlias
from articles.normalization import normalize_for_matching
from claims import exports
from claims.charts import range_chart
from claims.filters import (
    DEFAULT_PER_PAGE,
    PER_PAGE_CHOICES,
    ClaimFilter,
    PageError,
    claim_page,
    per_page_from,
)
from claims.highlight import highlighted_body
from claims.intervals import inconsistent_pairs, spread_of
from claims.models import Claim, Measure, Qualifier, Speaker, SpeakerAlias, Status, Verdict

FACET_FIELDS = [("status", "Status"), ("qualifier", "Qualifier"), ("language", "Language")]
FACET_CAP = 10_000  # facet counts are exact below this many matching claims
FACET_OUTLETS = 8
SUGGESTIONS = 10
MEASURE_PAGE_CLAIMS = 500
PROFILE_CLAIMS = 200
MATRIX_SIZE = 40
CACHE_SECONDS = 600


def _wants_partial(request: HttpRequest) -> bool:
    # A history restore (back button with htmx's cache empty) needs the whole page.
    return bool(request.htmx) and not request.htmx.history_restore_request


def _facets(filterset: ClaimFilter) -> dict:
    """Facet counts under the current filter, from one capped query."""
    rows = filterset.qs.facet_rows(FACET_CAP)
    outlets: Counter = Counter()
    names: dict = {}
    by = {"status": Counter(), "qualifier": Counter(), "language": Counter()}
    for row in rows:
        outlets[row["outlet_id"]] += row["n"]
        names[row["outlet_id"]] = row["outlet__name"] or "unknown outlet"
        for facet, counter in by.items():
            counter[row[facet]] += row["n"]
    total = sum(outlets.values())
    labels = {
        "status": dict(Status.choices),
        "qualifier": dict(Qualifier.choices),
        "language": dict(Language.choices),
    }
    return {
        "total": total,
        "capped": total >= FACET_CAP,
        "cap": FACET_CAP,
        "outlets": [
            {"value": pk, "label": names[pk], "count": n}
            for pk, n in outlets.most_common(FACET_OUTLETS)
            if pk is not None
        ],
        **{
            facet: [
                {"value": value, "label": label, "count": by[facet].get(value, 0)}
                for value, label in labels[facet].items()
            ]
            for facet in by
        },
    }


def claim_list(request: HttpRequest) -> HttpResponse:
    """The claims table: filters, facets, keyset pages; htmx gets only the results."""
    filterset = ClaimFilter(request.GET or None, queryset=Claim.objects.all())
    context: dict = {
        "filterset": filterset,
        "page": None,
        "facets": None,
        "page_error": "",
        "facet_fields": FACET_FIELDS,
        "current": {name: request.GET.get(name, "") for name, _ in FACET_FIELDS},
        "per_page_choices": PER_PAGE_CHOICES,
        "per_page": DEFAULT_PER_PAGE,
    }
    # Bad input renders its errors in the page (status 200, so htmx swaps them in); no query.
    if not filterset.is_bound or filterset.is_valid():
        try:
            context["per_page"] = per_page_from(request.GET.get("per_page"))
            context["page"] = claim_page(
                filterset.qs, filterset.sort_key, request.GET.get("after"), context["per_page"]
            )
            context["facets"] = _facets(filterset)
        except PageError as error:
            context["page_error"] = str(error)
    context["selected"] = _selected(filterset)
    template = "claims/claim_list.html"
    if _wants_partial(request):
        template += "#htmx_results"
    return render(request, template, context)


def _selected(filterset: ClaimFilter) -> dict:
    """The outlet, speaker and measure the filter names, for the type-ahead boxes."""
    cleaned = getattr(filterset.form, "cleaned_data", {}) if filterset.is_bound else {}
    return {name: cleaned.get(name) for name in ("outlet", "speaker", "measure")}


def claim_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The filtered claims as CSV or JSON (same query string as the list)."""
    filterset = ClaimFilter(request.GET or None, queryset=Claim.objects.all())
    if filterset.is_bound and not filterset.is_valid():
        return HttpResponse(
            exports.errors_text(filterset.errors), status=400, content_type="text/plain"
        )
    claims = filterset.qs.sorted_by(filterset.sort_key)
    if fmt == "csv":
        response = StreamingHttpResponse(
            exports.csv_rows(claims), content_type="text/csv; charset=utf-8"
        )
    else:
        response = StreamingHttpResponse(
            exports.json_chunks(claims), content_type="application/json"
        )
    response["Content-Disposition"] = f'attachment; filename="isnad-claims.{fmt}"'
    return response


@require_GET
def suggest_outlets(request: HttpRequest) -> HttpResponse:
    """At most ten outlets whose name (any spelling) contains the typed text."""
    typed = _typed(request, "outlet_search")
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
    options = [{"value": o.pk, "label": o.name} for o in outlets]
    return _suggestions(request, "outlet", typed, options)


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
    return _suggestions(request, "speaker", typed, options)


@require_GET
def suggest_measures(request: HttpRequest) -> HttpResponse:
    """At most ten measures whose name contains the typed text."""
    typed = _typed(request, "measure_search")
    measures = (
        list(Measure.objects.filter(name__icontains=typed).order_by("name")[:SUGGESTIONS])
        if typed
        else []
    )
    options = [{"value": m.pk, "label": m.name} for m in measures]
    return _suggestions(request, "measure", typed, options)


def _typed(request: HttpRequest, field: str) -> str:
    return (request.GET.get("q") or request.GET.get(field) or "").strip()[:100]


def _suggestions(request: HttpRequest, name: str, typed: str, options: list) -> HttpResponse:
    return render(
        request,
        "claims/claim_list.html#suggestions",
        {"name": name, "typed": typed, "options": options},
    )


def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One claim: its figure, quote in context, chain and verdicts (with ClaimReview JSON-LD)."""
    claim = get_object_or_404(Claim.objects.listing(), pk=pk)
    verdicts = list(Verdict.objects.filter(claim=claim).select_related("author"))
    reviews = [exports.claim_review(v, claim, request) for v in verdicts]
    return render(
        request,
        "claims/claim_detail.html",
        {"claim": claim, "verdicts": verdicts, "reviews": reviews},
    )


def _cache_version() -> str:
    """Changes whenever a claim is added or saved: the key of cached aggregate pages."""
    # Deleting claims (rare: re-import of untouched machine claims) shows after CACHE_SECONDS.
    latest = Claim.objects.aggregate(updated=Max("updated_at"), last=Max("id"))
    stamp = latest["updated"].timestamp() if latest["updated"] else 0
    return f"{stamp:.6f}-{latest['last'] or 0}"


def measure_list(request: HttpRequest) -> HttpResponse:
    """Measures with their spread, widest disagreement first (cached until claims change)."""
    key = f"isnad:measures:{_cache_version()}"
    measures = cache.get(key)
    if measures is None:
        measures = list(Measure.objects.with_spread()[:500])
        cache.set(key, measures, CACHE_SECONDS)
    return render(request, "claims/measure_list.html", {"measures": measures})


def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Every figure for a measure side by side: chart, spread, chains, contradictions."""
    measure = get_object_or_404(Measure, pk=pk)
    claims = list(
        Claim.objects.for_measure(measure)
        .exclude(status=Status.REJECTED)
        .listing()
        .order_by("speaker__name", "outlet__name", "published_on", "id")[:MEASURE_PAGE_CLAIMS]
    )
    groups: dict = defaultdict(list)
    for claim in claims:
        speaker = claim.speaker.name if claim.speaker else claim.speaker_text or "narrator"
        outlet = claim.outlet.name if claim.outlet else "unknown outlet"
        groups[(speaker, outlet)].append(claim)
    verdicts = list(
        Verdict.objects.filter(Q(measure=measure) | Q(claim__measure=measure)).select_related(
            "author", "claim"
        )
    )
    by_id = {c.pk: c for c in claims}
    reviews = [exports.claim_review(v, by_id.get(v.claim_id), request, measure) for v in verdicts]
    return render(
        request,
        "claims/measure_detail.html",
        {
            "measure": measure,
            "claims": claims,
            "truncated": len(claims) >= MEASURE_PAGE_CLAIMS,
            "groups": [{"speaker": s, "outlet": o, "claims": cs} for (s, o), cs in groups.items()],
            "by_figure": sorted(claims, key=_figure_order),
            "chart": range_chart(sorted(claims, key=_figure_order)),
            "spread": spread_of(claims),
            "conflicts": inconsistent_pairs(claims),
            "verdicts": verdicts,
            "reviews": reviews,
        },
    )


def _figure_order(claim: Claim) -> tuple:
    first = next((n for n in (claim.value, claim.lower, claim.upper) if n is not None), 0.0)
    return (first, claim.pk)


def matrix(request: HttpRequest) -> HttpResponse:
    """Who said what: outlets × measures, each cell the figures that outlet carried."""
    key = f"isnad:matrix:{_cache_version()}"
    table = cache.get(key)
    if table is None:
        table = _matrix_table()
        cache.set(key, table, CACHE_SECONDS)
    return render(request, "claims/matrix.html", {"table": table})


def _matrix_table() -> dict:
    cells = list(Claim.objects.matrix_cells())
    outlet_totals: Counter = Counter()
    measure_totals: Counter = Counter()
    names: dict = {}
    for cell in cells:
        outlet_totals[cell["outlet_id"]] += cell["n"]
        measure_totals[cell["measure_id"]] += cell["n"]
        names["o", cell["outlet_id"]] = cell["outlet__name"]
        names["m", cell["measure_id"]] = cell["measure__name"]
    outlets = [pk for pk, _ in outlet_totals.most_common(MATRIX_SIZE)]
    measures = [pk for pk, _ in measure_totals.most_common(MATRIX_SIZE)]
    by_pair = {(c["outlet_id"], c["measure_id"]): c for c in cells}
    return {
        "measures": [{"id": m, "name": names["m", m]} for m in measures],
        "rows": [
            {
                "outlet": {"id": o, "name": names["o", o]},
                "cells": [_matrix_cell(by_pair.get((o, m)), o, m) for m in measures],
            }
            for o in outlets
        ],
        "more_outlets": max(0, len(outlet_totals) - MATRIX_SIZE),
        "more_measures": max(0, len(measure_totals) - MATRIX_SIZE),
    }


def _matrix_cell(cell: dict | None, outlet_id: int, measure_id: int) -> dict | None:
    if cell is None:
        return None
    figures = exports.figure_list(cell["figures"])
    return {
        "count": cell["n"],
        "figures": figures[:6],
        "more": max(0, len(figures) - 6),
        "query": f"outlet={outlet_id}&measure={measure_id}",
    }


def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An article's text with every claim highlighted in place, chains in the margin."""
    article = get_object_or_404(Article.objects.with_outlet(), pk=pk)
    claims = list(Claim.objects.for_article_page(article))
    return render(
        request,
        "claims/article_detail.html",
        {"article": article, "claims": claims, "body": highlighted_body(article.body, claims)},
    )


def speaker_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A speaker's figures over time, and the names they go by."""
    speaker = get_object_or_404(Speaker.objects.prefetch_related("aliases"), pk=pk)
    claims = list(
        Claim.objects.filter(speaker=speaker)
        .listing()
        .order_by("-published_on", "-id")[:PROFILE_CLAIMS]
    )
    return render(
        request,
        "claims/speaker_detail.html",
        {"speaker": speaker, "claims": claims, "limit": PROFILE_CLAIMS},
    )


def outlet_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An outlet's figures over time."""
    outlet = get_object_or_404(Outlet, pk=pk)
    claims = list(
        Claim.objects.filter(outlet=outlet)
        .listing()
        .order_by("-published_on", "-id")[:PROFILE_CLAIMS]
    )
    return render(
        request,
        "claims/outlet_detail.html",
        {"outlet": outlet, "claims": claims, "limit": PROFILE_CLAIMS},
    )
