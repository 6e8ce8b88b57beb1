"""Admin for speakers, measures, claims and verdicts."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from claims.models import Claim, ClaimRelay, Measure, Speaker, SpeakerAlias, Verdict


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    fields = ["name"]
    extra = 1


@admin.register(Speaker)
class SpeakerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "role", "kind", "merged_into"]
    list_filter = ["kind"]
    search_fields = ["name", "role", "aliases__name", "aliases__normalized"]
    autocomplete_fields = ["merged_into"]
    inlines = [SpeakerAliasInline]


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ["name", "unit", "period"]
    search_fields = ["name", "description"]


class ClaimRelayInline(admin.TabularInline):
    model = ClaimRelay
    autocomplete_fields = ["outlet"]
    extra = 0


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    list_display = ["quote", "value", "qualifier", "speaker", "measure", "article", "status"]
    list_filter = ["status", "qualifier", "article__language", "extraction_method"]
    list_select_related = ["speaker", "measure", "article"]
    search_fields = ["quote", "counted", "speaker_text"]
    autocomplete_fields = ["speaker", "measure", "article"]
    readonly_fields = ["reviewed_by", "reviewed_at", "version", "created_at", "updated_at"]
    inlines = [ClaimRelayInline]
    show_full_result_count = False


@admin.register(Verdict)
class VerdictAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "rating", "author", "published_at"]
    list_filter = ["rating"]
    autocomplete_fields = ["claim", "measure"]
    search_fields = ["summary"]
