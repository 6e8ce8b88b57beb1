"""Admin of measures: the questions figures answer, with their figures listed."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.admin import GuardedHistoryAdmin
from claims import display
from claims.admin.common import KeepsClaimsLinked, changelist_url
from claims.models import Claim, Measure


@admin.register(Measure)
class MeasureAdmin(KeepsClaimsLinked, GuardedHistoryAdmin):
    claim_field = "measure"
    advice = gettext_lazy("assign its claims to another measure first")
    list_display = ["name", "name_ar", "name_en", "unit", "period", "claims_link"]
    search_fields = ["name", "name_ar", "name_en", "description"]
    fields = ["name", "name_ar", "name_en", "unit", "period", "description", "figures"]
    readonly_fields = ["figures"]
    FIGURES_SHOWN = 100

    @admin.display(description=gettext_lazy("figures"))
    def figures(self, measure: Measure) -> str:
        if not measure.pk:
            return "—"
        claims = measure.claims.select_related("speaker", "outlet").order_by(
            "value", "lower", "pk"
        )[: self.FIGURES_SHOWN]
        if not claims:
            return _("— (select claims in the claim list and use “assign a measure”)")
        rows = format_html_join(
            "",
            '<tr><td><a href="{}">{}</a></td><td dir="auto">{}</td><td dir="auto">{}</td>'
            "<td>{}</td></tr>",
            (
                (
                    reverse("admin:claims_claim_change", args=[c.pk]),
                    display.figure_text(c),
                    display.speaker_label(c),
                    display.outlet_label(c),
                    c.get_status_display(),
                )
                for c in claims
            ),
        )
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
            "</tr></thead><tbody>{}</tbody></table>",
            _("figure"),
            _("speaker"),
            _("outlet"),
            _("status"),
            rows,
        )

    @admin.display(description=gettext_lazy("claims"))
    def claims_link(self, measure: Measure) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            changelist_url(Claim, measure__id__exact=measure.pk),
            _("claims"),
        )
