"""What the claims admin's model admins share: list filters and paging for a million rows,
the intermediate page of bulk actions, and the guard that keeps claims linked."""

from __future__ import annotations

from functools import cached_property
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Language
from articles.params import parse_id
from claims.models import Claim

ACTION_TEMPLATE = "admin/claims/action_form.html"
BULK_LIMIT = 5_000  # claims one bulk action may change


def changelist_url(model, **filters) -> str:
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


class KeepsClaimsLinked:
    """Refuses to delete a speaker or measure that claims point to: they would be unlinked
    silently (SET_NULL). Merge the speaker, or move the claims to another measure, first."""

    claim_field: str = ""
    advice: str = ""

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        for obj in objs:
            count = Claim.objects.filter(**{self.claim_field: obj}).count()
            if count:
                protected.append(
                    _("%(object)s: %(count)s claims point to it (%(advice)s)")
                    % {"object": obj, "count": count, "advice": self.advice}
                )
        return to_delete, model_count, perms_needed, protected


def action_page(request, modeladmin, queryset, *, title, form, intro="", objects=None):
    """The intermediate page of an action that asks for more (a measure name, whom to keep)."""
    select_across = request.POST.get("select_across") == "1"
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "intro": intro,
        "form": form,
        "media": modeladmin.media + form.media,
        "opts": modeladmin.model._meta,
        "objects": objects if objects is not None else queryset[:50],
        "count": queryset.count(),
        "action": request.POST.get("action"),
        "select_across": select_across,
        "selected": [] if select_across else request.POST.getlist(ACTION_CHECKBOX_NAME),
        "checkbox_name": ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, ACTION_TEMPLATE, context)


class CappedCountPaginator(Paginator):
    """Counts at most CAP rows: a full COUNT over a million claims on every page is too slow."""

    CAP = 10_000

    @cached_property
    def count(self) -> int:
        return self.object_list[: self.CAP + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.CAP


class SelectedOnlyFilter(admin.RelatedFieldListFilter):
    """A related filter listing only the chosen value, not every speaker/outlet/measure.

    Tens of thousands of speakers make a full list unusable and slow: the value is chosen by
    following a link (the speaker, outlet or measure cells of the list, and their own pages).
    """

    def __init__(self, field, request, params, model, model_admin, field_path) -> None:
        super().__init__(field, request, params, model, model_admin, field_path)
        self.title = _("%(title)s (click one in the list)") % {"title": self.title}

    def field_choices(self, field, request, model_admin):
        chosen = [v for v in self.lookup_val or [] if parse_id(str(v)) is not None]
        rows = field.related_model._default_manager.filter(pk__in=chosen)
        return [(obj.pk, str(obj)) for obj in rows]

    def has_output(self) -> bool:
        return True


class LanguageFilter(admin.SimpleListFilter):
    title = gettext_lazy("language")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return Language.choices

    def queryset(self, request, queryset):
        return queryset.filter(language=self.value()) if self.value() else queryset
