"""The claims list's filters and sort: one FilterSet shared by the pages and the exports."""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField

from articles.models import Language, Outlet
from articles.normalization import normalize_for_search
from articles.params import parse_id
from claims.display import OUTLET_NOT_STATED
from claims.models import LARGEST_FIGURE, Claim, Conflict, Measure, Qualifier, Speaker, Status
from claims.querysets import CLAIM_SORTS, RANK
from claims.search import SearchQueryError, parse_query

SORT_CHOICES = [
    (RANK, _("best match first (newest first without a search)")),
    ("-id", _("newest first")),
    ("id", _("oldest first")),
    ("-date", _("latest publication (undated claims left out)")),
    ("date", _("earliest publication (undated claims left out)")),
    ("-value", _("largest figure (single figures)")),
    ("value", _("smallest figure (single figures)")),
]
DATED_CHOICES = [("yes", _("date stated")), ("no", _("date not stated"))]


class ClaimFilterForm(forms.Form):
    """Cross-field checks, with messages a fact-checker understands."""

    def clean_q(self) -> str:
        # The caps (words, characters) are checked here, so that the page says what is wrong
        # and an export answers 400 before it starts, on either database.
        query = self.cleaned_data.get("q") or ""
        try:
            parse_query(query)
        except SearchQueryError as error:
            raise forms.ValidationError(str(error), code="search_too_large") from None
        return query

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("value_min"), cleaned.get("value_max")
        if low is not None and high is not None and low > high:
            self.add_error("value_max", _("The largest figure is below the smallest."))
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned


class IdChoiceField(ModelChoiceField):
    """A row chosen by its id, written in ASCII digits: "١" is not read as 1, "²" never reaches
    `int()`, and a 40-digit id never reaches the database."""

    def to_python(self, value):
        not_stated = self.null_label is not None and value == self.null_value
        if value not in self.empty_values and not not_stated and parse_id(str(value)) is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


class IdChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = IdChoiceField


# `?outlet=none`: claims whose article's outlet nobody has stated (a row of the matrix too).
NOT_STATED = "none"


def _model_filter(model, label, errors: dict, **kwargs) -> django_filters.ModelChoiceFilter:
    # A hidden input fed by the type-ahead (never a dropdown of every row).
    return IdChoiceFilter(
        queryset=model.objects.all(),
        widget=forms.HiddenInput,
        label=label,
        error_messages=errors,
        **kwargs,
    )


def _figure_filter(lookup: str, label: str) -> django_filters.NumberFilter:
    return django_filters.NumberFilter(
        field_name="value",
        lookup_expr=lookup,
        label=label,
        min_value=-LARGEST_FIGURE,
        max_value=LARGEST_FIGURE,
        error_messages={"invalid": _("Enter a number, e.g. 1000.")},
    )


class ClaimFilter(django_filters.FilterSet):
    """Filters of the claims list; `sort` orders, the page itself is cut by `ClaimPage`."""

    q = django_filters.CharFilter(method="filter_search", label=_("Search"))
    outlet = _model_filter(
        Outlet,
        _("Published by"),
        {
            "invalid_choice": _("There is no outlet with id %(value)s."),
            "invalid_pk_value": _("“%(pk)s” is not a valid outlet id."),
        },
        null_label=OUTLET_NOT_STATED,
        null_value=NOT_STATED,
    )
    relay = _model_filter(
        Outlet,
        _("Relayed by"),
        {
            "invalid_choice": _("There is no outlet with id %(value)s."),
            "invalid_pk_value": _("“%(pk)s” is not a valid outlet id."),
        },
        method="filter_relay",
    )
    speaker = _model_filter(
        Speaker,
        _("Speaker"),
        {
            "invalid_choice": _("There is no speaker with id %(value)s."),
            "invalid_pk_value": _("“%(pk)s” is not a valid speaker id."),
        },
    )
    measure = _model_filter(
        Measure,
        _("Measure"),
        {
            "invalid_choice": _("There is no measure with id %(value)s."),
            "invalid_pk_value": _("“%(pk)s” is not a valid measure id."),
        },
    )
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status"))
    qualifier = django_filters.ChoiceFilter(choices=Qualifier.choices, label=_("Qualifier"))
    language = django_filters.ChoiceFilter(choices=Language.choices, label=_("Language"))
    value_min = _figure_filter("gte", _("Figure from"))
    value_max = _figure_filter("lte", _("Figure to"))
    dated = django_filters.ChoiceFilter(
        choices=DATED_CHOICES, method="filter_dated", label=_("Publication date")
    )
    date_from = django_filters.DateFilter(
        field_name="published_on", lookup_expr="gte", label=_("Published from")
    )
    date_to = django_filters.DateFilter(
        field_name="published_on", lookup_expr="lte", label=_("Published to")
    )
    sort = django_filters.ChoiceFilter(
        choices=SORT_CHOICES, method="filter_sort", label=_("Sort"), empty_label=None
    )

    class Meta:
        model = Claim
        fields: list[str] = []
        form = ClaimFilterForm

    def filter_search(self, queryset, name: str, value: str):
        return queryset.search(value)

    def filter_dated(self, queryset, name: str, value: str):
        return queryset.filter(published_on__isnull=value == "no")

    def filter_relay(self, queryset, name: str, value):
        return queryset.relayed_by(value)

    def filter_sort(self, queryset, name: str, value: str):
        return queryset  # ClaimPage orders, because the order and the cursor go together

    @property
    def sort_key(self) -> str:
        """The chosen sort; by default best match first (which is newest first unsearched)."""
        value = self.form.cleaned_data.get("sort") if self.is_bound and self.is_valid() else ""
        return value if value in CLAIM_SORTS else RANK


class ConflictFilter(django_filters.FilterSet):
    """Filters of the conflict inbox: outlet, place, dates, status (proposed or curated)."""

    outlet = IdChoiceFilter(
        queryset=Outlet.objects.all(),
        field_name="outlets",
        label=_("Outlet"),
        error_messages={"invalid_choice": _("There is no outlet with id %(value)s.")},
    )
    place = django_filters.CharFilter(method="filter_place", label=_("Place"))
    date_from = django_filters.DateFilter(
        field_name="last_on", lookup_expr="gte", label=_("Published from")
    )
    date_to = django_filters.DateFilter(
        field_name="first_on", lookup_expr="lte", label=_("Published to")
    )
    status = django_filters.ChoiceFilter(
        choices=Conflict.Status.choices, label=_("Status"), empty_label=_("proposed or curated")
    )

    class Meta:
        model = Conflict
        fields: list[str] = []
        form = ClaimFilterForm

    def filter_place(self, queryset, name: str, value: str):
        # Place names are stored as search words (normalized, lower case): "بني وليد" finds
        # "بنى وليد" as written in another article.
        words = normalize_for_search(value)[:100]
        return queryset.filter(places__contains=words) if words else queryset
