"""Admin for outlets and articles: searchable, filterable, the article text readable in place."""

from __future__ import annotations

import dataclasses

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IS_POPUP_VAR, TO_FIELD_VAR, ActionLocation
from django.contrib.admin.utils import NotRelationField, get_fields_from_path
from django.contrib.admin.views.main import ERROR_FLAG, ORDER_VAR, PAGE_VAR, SEARCH_VAR
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from articles.import_jobs import split_submission, submit_import
from articles.models import Article, ImportJob, Outlet, OutletAlias
from articles.params import parse_id

# Lookups whose value the database reads as a number of the field's type.
NUMBER_LOOKUPS = {"exact", "gt", "gte", "lt", "lte", "in", "year", "month", "day"}
# The date hierarchy's parts and the values a date can have.
DATE_PARTS = {"year": (1, 9999), "month": (1, 12), "day": (1, 31)}
# Changelist parameters that are not lookups (the admin's own).
LIST_PARAMETERS = {ORDER_VAR, PAGE_VAR, SEARCH_VAR, ERROR_FLAG, IS_POPUP_VAR, TO_FIELD_VAR, "all"}


def bad_list_parameters(model, params) -> list[str]:
    """The names of changelist parameters the database would choke on rather than refuse.

    A NUL anywhere (PostgreSQL refuses it in a string), and on an integer field a value that is
    not plain ASCII digits: "²" and "١" pass `isdigit()` and reach `int()`; a 30-digit id
    overflows SQLite. The admin's own checks catch neither before the query runs.
    """
    bad = []
    for name, values in params.lists():
        if any("\x00" in value for value in [name, *values]):
            bad.append(name)
            continue
        if name in LIST_PARAMETERS:
            continue
        path, _, lookup = name.rpartition("__")
        if lookup not in NUMBER_LOOKUPS:
            path = name
        try:
            field = get_fields_from_path(model, path)[-1]
        except (FieldDoesNotExist, NotRelationField):
            continue
        if isinstance(field, models.ForeignKey):
            field = field.target_field
        if lookup in DATE_PARTS and isinstance(field, models.DateField):
            # The date hierarchy builds a date from these: a 40-digit year overflowed.
            low, high = DATE_PARTS[lookup]
            if any(not low <= (parse_id(value) or 0) <= high for value in values):
                bad.append(name)
            continue
        if isinstance(field, models.IntegerField | models.AutoField):
            numbers = [part for value in values for part in value.split(",")]
            if any(parse_id(number) is None for number in numbers):
                bad.append(name)
    return bad


class IdAutocompleteMixin:
    """An autocomplete widget that shows a posted id only if it is one (ASCII digits).

    Django's renders the submitted value by querying for it: a posted "abc" or "²" raised a
    500 while rendering the form's errors instead of showing them.
    """

    def optgroups(self, name, value, attr=None):
        value = [v for v in value if parse_id(str(v)) is not None]
        return super().optgroups(name, value, attr)


class IdAutocompleteSelect(IdAutocompleteMixin, AutocompleteSelect):
    pass


class IdAutocompleteSelectMultiple(IdAutocompleteMixin, AutocompleteSelectMultiple):
    pass


class SafeAutocompleteFields:
    """Admin (and inline) mixin: autocomplete fields use the widgets above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = IdAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = IdAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


DELETE_LIMIT = 100  # rows one "delete selected" may remove (its confirmation lists them all)


def bounded_delete_selected(modeladmin, request, queryset):
    """Django's "delete selected", refused past DELETE_LIMIT rows (a whole-table delete built a
    1.2 GB confirmation page in 45 s)."""
    if queryset[: DELETE_LIMIT + 1].count() > DELETE_LIMIT:
        modeladmin.message_user(
            request,
            _("Nothing deleted: more than %(limit)s selected. Filter the list first.")
            % {"limit": DELETE_LIMIT},
            messages.ERROR,
        )
        return None
    return delete_selected(modeladmin, request, queryset)


class GuardedHistoryAdmin(SafeAutocompleteFields, SimpleHistoryAdmin):
    """SimpleHistoryAdmin refusing any POST from users who may only view (lists and history),
    and bad ids and filter values with a 404 or a message rather than a 500.

    simple_history lets anyone with the view permission open a past version and POST it back
    (a revert): for viewers that would be a change through the back door.
    """

    # False: no bulk delete at all (claims are evidence: editors reject them instead).
    bulk_delete = True

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        if "delete_selected" in actions:
            if self.bulk_delete:
                actions["delete_selected"] = dataclasses.replace(
                    actions["delete_selected"], func=bounded_delete_selected
                )
            else:
                del actions["delete_selected"]
        return actions

    def changelist_view(self, request, extra_context=None):
        # Viewers see the list; a POST (an action) from them is refused outright.
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        selected = request.POST.getlist(ACTION_CHECKBOX_NAME) if request.method == "POST" else []
        if any(parse_id(pk) is None for pk in selected):
            # Django filters by these before any action checks them: "abc" raised a 500.
            self.message_user(
                request, _("Nothing changed: the selection is not valid."), messages.ERROR
            )
            return HttpResponseRedirect(request.get_full_path())
        bad = bad_list_parameters(self.model, request.GET)
        if bad:
            # Dropped with a message, the rest of the filter kept.
            params = request.GET.copy()
            for name in bad:
                params.pop(name)
            self.message_user(
                request,
                _("Ignored a filter that is not valid: %(names)s.")
                % {"names": ", ".join(name.replace("\x00", "") for name in bad)},
                messages.WARNING,
            )
            query = params.urlencode()
            return HttpResponseRedirect(request.path + (f"?{query}" if query else ""))
        return super().changelist_view(request, extra_context)

    def get_search_results(self, request, queryset, search_term):
        # The autocomplete's `term` arrives here unchecked; PostgreSQL refuses a NUL in a string.
        return super().get_search_results(request, queryset, search_term.replace("\x00", ""))

    def history_view(self, request, object_id, extra_context=None):
        if parse_id(object_id) is None:
            raise Http404(_("No such record."))
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if parse_id(object_id) is None or parse_id(version_id) is None:
            raise Http404(_("No such record."))
        if request.method == "POST" and (
            self.revert_disabled(request) or not self.has_change_permission(request)
        ):
            raise PermissionDenied
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)


class OutletAliasInline(SafeAutocompleteFields, admin.TabularInline):
    model = OutletAlias
    extra = 1


@admin.register(Outlet)
class OutletAdmin(GuardedHistoryAdmin):
    list_display = ["name", "name_en", "kind", "country", "site"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "name_ar", "name_en", "aliases__name"]
    inlines = [OutletAliasInline]


@admin.register(Article)
class ArticleAdmin(GuardedHistoryAdmin):
    list_display = ["title", "outlet", "language", "published_on", "imported_at"]
    list_filter = ["language", "outlet", "published_on"]
    list_select_related = ["outlet"]
    search_fields = ["title", "url", "source_name"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["outlet"]
    readonly_fields = ["text", "content_hash", "source_name", "imported_at"]
    fields = [
        "title",
        "outlet",
        "language",
        "url",
        "published_on",
        "text",
        "source_name",
        "content_hash",
        "imported_at",
    ]
    show_full_result_count = False

    class Media:
        css = {"all": ["css/admin.css"]}  # .article-text (no inline style: see SECURE_CSP)

    def has_add_permission(self, request) -> bool:
        # Articles come in through `import_articles` (body, hash, source): the form has no
        # body to type, and an article without one is refused by the database.
        return False

    def get_queryset(self, request):
        # The changelist never needs the body; the change form reads it through `text`.
        qs = super().get_queryset(request)
        return qs if request.resolver_match.url_name.endswith("_change") else qs.defer("body")

    @admin.display(description=gettext_lazy("text"))
    def text(self, article: Article) -> str:
        direction = "rtl" if article.is_rtl else "ltr"
        return format_html(
            '<div dir="{}" lang="{}" class="article-text">{}</div>',
            direction,
            article.language,
            article.body,
        )


class ImportForm(forms.Form):
    pasted = forms.CharField(
        label=gettext_lazy("URLs or text"),
        widget=forms.Textarea(attrs={"rows": 12, "cols": 100, "dir": "auto"}),
        help_text=gettext_lazy(
            "One URL a line (article pages or RSS/Atom feeds), or the text of one article."
        ),
    )

    def clean_pasted(self) -> str:
        pasted = self.cleaned_data["pasted"]
        split_submission(pasted)  # its ValidationError becomes the field's error
        return pasted


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """Editors paste URLs or a text; the page answers at once and follows the work as it ends.

    Who may import is who may add articles (editors); whoever may read articles may follow.
    """

    list_display = [
        "__str__",
        "created_at",
        "created_by",
        "progress",
        "added",
        "unchanged",
        "failed",
    ]
    list_select_related = ["created_by"]
    list_per_page = 50
    show_full_result_count = False

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).with_progress()

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("articles.view_article")

    def has_add_permission(self, request) -> bool:
        return request.user.has_perm("articles.add_article")

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=gettext_lazy("progress"))
    def progress(self, job: ImportJob) -> str:
        return _("%(finished)s of %(total)s") % {
            "finished": job.finished_count,
            "total": job.item_count,
        }

    @admin.display(description=gettext_lazy("added"), ordering="added_count")
    def added(self, job: ImportJob) -> int:
        return job.added_count

    @admin.display(description=gettext_lazy("already there"))
    def unchanged(self, job: ImportJob) -> int:
        return job.unchanged_count

    @admin.display(description=gettext_lazy("failed"))
    def failed(self, job: ImportJob) -> int:
        return job.failed_count

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            job = submit_import(form.cleaned_data["pasted"], by=request.user)
            return HttpResponseRedirect(reverse("admin:articles_importjob_change", args=[job.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import articles"),
            "form": form,
            # What admin tooling (and the hostile-input sweep) reads an admin form from.
            "adminform": helpers.AdminForm(form, [(None, {"fields": ["pasted"]})], {}),
            "has_view_permission": self.has_view_permission(request),
        }
        return TemplateResponse(request, "admin/articles/importjob/add.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        pk = parse_id(object_id)
        if pk is None or not self.has_view_permission(request):
            raise Http404
        job = get_object_or_404(self.get_queryset(request).select_related("created_by"), pk=pk)
        items = list(job.items.select_related("article").defer("article__body", "text"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": str(job),
            "job": job,
            "items": items,
            # Nothing on this page is edited: an admin form with no fields says so.
            "adminform": helpers.AdminForm(forms.Form(), [], {}),
            "finished": job.finished_count == job.item_count,
            "has_view_permission": True,
            "has_add_permission": self.has_add_permission(request),
        }
        template = "admin/articles/importjob/progress.html"
        if request.htmx and not request.htmx.history_restore_request:
            template += "#progress"
        return TemplateResponse(request, template, context)
