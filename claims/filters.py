"""The claims list's filters, sort and page: one FilterSet shared by the pages and the exports."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import django_filters
from django import forms

from articles.models import Language, Outlet
from claims.models import Claim, Measure, Qualifier, Speaker, Status
from claims.querysets import CLAIM_SORTS
from claims.search import search_claims

SORT_CHOICES = [
    ("-id", "newest first"),
    ("id", "oldest first"),
    ("-date", "latest publication (dated claims)"),
    ("date", "earliest publication (dated claims)"),
    ("-value", "largest figure (single figures)"),
    ("value", "smallest figure (single figures)"),
]
PER_PAGE_CHOICES = [10, 25, 50, 100]
DEFAULT_PER_PAGE = 50
LARGEST_FIGURE = 1e15  # beyond any count we record; refuses overflowing input


class ClaimFilterForm(forms.Form):
    """Cross-field checks, with messages a fact-checker understands."""

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("value_min"), cleaned.get("value_max")
        if low is not None and high is not None and low > high:
            self.add_error("value_max", "The largest figure is below the smallest.")
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date is before the start date.")
        return cleaned


def _model_filter(model, noun: str) -> django_filters.ModelChoiceFilter:
    # A hidden input fed by the type-ahead (never a dropdown of every row).
    return django_filters.ModelChoiceFilter(
        queryset=model.objects.all(),
        widget=forms.HiddenInput,
        label=noun.capitalize(),
        error_messages={
            "invalid_choice": f"There is no {noun} with id %(value)s.",
            "invalid_pk_value": f"“%(pk)s” is not a valid {noun} id.",
        },
    )


def _figure_filter(lookup: str, label: str) -> django_filters.NumberFilter:
    return django_filters.NumberFilter(
        field_name="value",
        lookup_expr=lookup,
        label=label,
        min_value=-LARGEST_FIGURE,
        max_value=LARGEST_FIGURE,
        error_messages={"invalid": "Enter a number, e.g. 1000."},
    )


class ClaimFilter(django_filters.FilterSet):
    """Filters of the claims list; `sort` orders, the page itself is cut by `ClaimPage`."""

    q = django_filters.CharFilter(method="filter_search", label="Search")
    outlet = _model_filter(Outlet, "outlet")
    speaker = _model_filter(Speaker, "speaker")
    measure = _model_filter(Measure, "measure")
    status = django_filters.ChoiceFilter(choices=Status.choices)
    qualifier = django_filters.ChoiceFilter(choices=Qualifier.choices)
    language = django_filters.ChoiceFilter(choices=Language.choices)
    value_min = _figure_filter("gte", "Figure from")
    value_max = _figure_filter("lte", "Figure to")
    date_from = django_filters.DateFilter(
        field_name="published_on", lookup_expr="gte", label="Published from"
    )
    date_to = django_filters.DateFilter(
        field_name="published_on", lookup_expr="lte", label="Published to"
    )
    sort = django_filters.ChoiceFilter(
        choices=SORT_CHOICES, method="filter_sort", label="Sort", empty_label=None
    )

    class Meta:
        model = Claim
        fields: list[str] = []
        form = ClaimFilterForm

    def filter_search(self, queryset, name: str, value: str):
        return search_claims(queryset, value)

    def filter_sort(self, queryset, name: str, value: str):
        return queryset  # ClaimPage orders, because the order and the cursor go together

    @property
    def sort_key(self) -> str:
        value = self.form.cleaned_data.get("sort") if self.is_bound and self.is_valid() else ""
        return value if value in CLAIM_SORTS else "-id"


@dataclass
class ClaimPage:
    """One keyset page of claims: `?after=<cursor>` continues where the last page ended."""

    claims: list[Claim]
    next_cursor: str | None
    per_page: int
    is_first: bool


class PageError(ValueError):
    """A malformed `after` or `per_page` parameter."""


def per_page_from(raw: str | None) -> int:
    if not raw:
        return DEFAULT_PER_PAGE
    if raw.isdigit() and int(raw) in PER_PAGE_CHOICES:
        return int(raw)
    raise PageError(f"Rows per page must be one of {', '.join(map(str, PER_PAGE_CHOICES))}.")


def _cursor_for(claim: Claim, sort: str) -> str:
    field, _ = CLAIM_SORTS[sort]
    if field == "id":
        return str(claim.pk)
    key = getattr(claim, field)
    key_text = key.isoformat() if isinstance(key, dt.date) else repr(key)
    return f"{key_text}~{claim.pk}"


def _parse_cursor(raw: str, sort: str):
    field, _ = CLAIM_SORTS[sort]
    error = PageError("That page link is broken: start again from the first page.")
    key_text, _, id_text = raw.rpartition("~") if field != "id" else ("", "", raw)
    if not id_text.isdigit():
        raise error
    if field == "id":
        return None, int(id_text)
    try:
        key = dt.date.fromisoformat(key_text) if field == "published_on" else float(key_text)
    except ValueError:
        raise error from None
    if isinstance(key, float) and not math.isfinite(key):
        raise error
    return key, int(id_text)


def claim_page(claims, sort: str, after: str | None, per_page: int) -> ClaimPage:
    """Cut one page from filtered claims: two queries (rows, relays), whatever the depth."""
    claims = claims.sorted_by(sort)
    if after:
        key, last_id = _parse_cursor(after, sort)
        claims = claims.after(sort, key, last_id)
    rows = list(claims.listing()[: per_page + 1])
    next_cursor = _cursor_for(rows[per_page - 1], sort) if len(rows) > per_page else None
    return ClaimPage(rows[:per_page], next_cursor, per_page, is_first=not after)
