"""Admin of verdicts: editors' ratings, published as ClaimReview."""

from __future__ import annotations

from django.contrib import admin

from articles.admin import GuardedHistoryAdmin
from claims.models import Verdict


@admin.register(Verdict)
class VerdictAdmin(GuardedHistoryAdmin):
    list_display = ["__str__", "rating", "author", "published_at"]
    list_filter = ["rating"]
    list_select_related = ["claim", "measure", "author"]
    autocomplete_fields = ["claim", "measure"]
    search_fields = ["summary"]

    def get_changeform_initial_data(self, request):
        # A new verdict is the editor's own unless they say otherwise.
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("author", request.user.pk)
        return initial
