"""Admin of source decisions: an editor marks two claims as one source or as independent."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.admin import GuardedHistoryAdmin
from claims import display
from claims.models import Claim, OriginOverride


class OriginOverrideForm(forms.ModelForm):
    class Meta:
        model = OriginOverride
        fields = ["first_claim", "second_claim", "relation", "note"]

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("first_claim"), cleaned.get("second_claim")
        if first is not None and second is not None:
            if first.pk == second.pk:
                raise forms.ValidationError(
                    _("A claim is one source with itself: choose two claims.")
                )
            # The table keeps the pair lower id first (as curation.decide_origin does): the
            # editor may give them in either order.
            if first.pk > second.pk:
                cleaned["first_claim"], cleaned["second_claim"] = second, first
        return cleaned


@admin.register(OriginOverride)
class OriginOverrideAdmin(GuardedHistoryAdmin):
    form = OriginOverrideForm
    list_display = ["first_claim_cell", "second_claim_cell", "relation", "decided_by", "decided_at"]
    list_filter = ["relation"]
    list_select_related = ["first_claim", "second_claim", "decided_by"]
    raw_id_fields = ["first_claim", "second_claim"]
    fields = ["first_claim", "second_claim", "relation", "note", "decided_by", "decided_at"]
    readonly_fields = ["decided_by", "decided_at"]
    show_full_result_count = False

    def save_model(self, request, obj, form, change):
        # Who decided, on the row and in its history (as curation.decide_origin records it).
        obj.decided_by = request.user
        obj._history_user = request.user
        super().save_model(request, obj, form, change)

    def _claim_cell(self, claim: Claim) -> str:
        return format_html(
            '<a href="{}">#{}</a> <span dir="auto">{}</span>',
            reverse("admin:claims_claim_change", args=[claim.pk]),
            claim.pk,
            display.figure_label(
                claim.qualifier, claim.value, claim.lower, claim.upper, claim.unit
            ),
        )

    @admin.display(description=gettext_lazy("first claim"), ordering="first_claim")
    def first_claim_cell(self, decision: OriginOverride) -> str:
        return self._claim_cell(decision.first_claim)

    @admin.display(description=gettext_lazy("second claim"), ordering="second_claim")
    def second_claim_cell(self, decision: OriginOverride) -> str:
        return self._claim_cell(decision.second_claim)
