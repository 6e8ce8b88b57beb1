"""The claims list's filters and sort: one FilterSet shared by the pages and the exports."""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django_filters.fields import ModelChoiceField

from articles.models import Language, Outlet
from articles.params import parse_id
from claims.models import LARGEST_FIGURE, Claim, Measure, Qualifier, Speaker, Status
from claims.querysets import CLAIM_SORTS

SORT_CHOICES = [
    ("-id", "newest first"),
    ("id", "oldest first"),
    ("-date", "latest publication (dated claims)"),
    ("date", "earliest publication (dated claims)"),
    ("-value", "largest figure (single figures)"),
    ("value", "smallest figure (single figures)"),
]


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


class IdChoiceField(ModelChoiceField):
    """A row chosen by its id, written in ASCII digits: "١" is not read as 1, "²" never reaches
    `int()`, and a 40-digit id never reaches the database."""

    def to_python(self, value):
        if value not in self.empty_values and parse_id(str(value)) is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


class IdChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = IdChoiceField


def _model_filter(model, noun: str) -> django_filters.ModelChoiceFilter:
    # A hidden input fed by the type-ahead (never a dropdown of every row).
    return IdChoiceFilter(
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
        return queryset.search(value)

    def filter_sort(self, queryset, name: str, value: str):
        return queryset  # ClaimPage orders, because the order and the cursor go together

    @property
    def sort_key(self) -> str:
        value = self.form.cleaned_data.get("sort") if self.is_bound and self.is_valid() else ""
        return value if value in CLAIM_SORTS else "-id"
