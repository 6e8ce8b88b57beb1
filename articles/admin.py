"""Admin for outlets and articles: searchable, filterable, the article text readable in place."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.html import format_html
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from articles.models import Article, Outlet, OutletAlias


class GuardedHistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin refusing any POST from users who may only view (lists and history).

    simple_history lets anyone with the view permission open a past version and POST it back
    (a revert): for viewers that would be a change through the back door.
    """

    def changelist_view(self, request, extra_context=None):
        # Viewers see the list; a POST (an action) from them is refused outright.
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        return super().changelist_view(request, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and (
            self.revert_disabled(request) or not self.has_change_permission(request)
        ):
            raise PermissionDenied
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)


class OutletAliasInline(admin.TabularInline):
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

    def get_queryset(self, request):
        # The changelist never needs the body; the change form reads it through `text`.
        qs = super().get_queryset(request)
        return qs if request.resolver_match.url_name.endswith("_change") else qs.defer("body")

    @admin.display(description=gettext_lazy("text"))
    def text(self, article: Article) -> str:
        direction = "rtl" if article.is_rtl else "ltr"
        return format_html(
            '<div dir="{}" lang="{}" class="article-text" style="white-space: pre-wrap; '
            'max-width: 60em; line-height: 1.8">{}</div>',
            direction,
            article.language,
            article.body,
        )
