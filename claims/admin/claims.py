"""Admin of claims: the list an editor walks, the review screen, bulk curation actions."""

from __future__ import annotations

import copy
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.admin import GuardedHistoryAdmin, SafeAutocompleteFields
from articles.models import Language
from claims import curation, display
from claims.admin import suggestions
from claims.admin.common import (
    BULK_LIMIT,
    CappedCountPaginator,
    LanguageFilter,
    SelectedOnlyFilter,
    action_page,
    changelist_url,
)
from claims.choices import ExtractionMethod, OriginRelation, Status
from claims.forms import AssignMeasureForm, ClaimReviewForm, MeasureFromClaimsForm
from claims.models import Claim, ClaimRelay, OriginOverride
from claims.search import SearchQueryError

ORIGIN_SELECTION_LIMIT = 20  # claims one "one source" / "independent" action may decide on


class ClaimRelayInline(SafeAutocompleteFields, admin.TabularInline):
    model = ClaimRelay
    autocomplete_fields = ["outlet"]
    extra = 0


@admin.register(Claim)
class ClaimAdmin(GuardedHistoryAdmin):
    form = ClaimReviewForm
    change_form_template = "admin/claims/claim/change_form.html"
    list_display = [
        "quote_short",
        "figure",
        "speaker_cell",
        "measure_cell",
        "outlet_cell",
        "language",
        "status",
        "confidence_cell",
    ]
    list_filter = [
        "status",
        "qualifier",
        LanguageFilter,
        ("speaker", SelectedOnlyFilter),
        ("outlet", SelectedOnlyFilter),
        ("measure", SelectedOnlyFilter),
        "extraction_method",
    ]
    list_select_related = ["article", "outlet", "speaker", "measure"]
    list_per_page = 50
    ordering = ["-id"]
    paginator = CappedCountPaginator
    show_full_result_count = False
    # Facet counts are one COUNT per filter value over the whole table: never on a million rows.
    show_facets = admin.ShowFacets.NEVER
    save_on_top = True
    # Shows the search box (and serves Verdict's claim autocomplete); the search itself is
    # claims.search, see get_search_results.
    search_fields = ["quote", "counted", "speaker_text"]
    autocomplete_fields = ["speaker", "measure", "article"]
    readonly_fields = [
        "in_context",
        "figure",
        "relay_chain",
        "reviewed_by",
        "reviewed_at",
        "version",
        "recent_changes",
        "source_decisions",
        "suggested_measures",
        "prefix",
        "suffix",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (gettext_lazy("The figure in its article"), {"fields": ["in_context", "article"]}),
        (
            gettext_lazy("Numbers"),
            {
                "fields": [
                    "figure",
                    ("value", "qualifier"),
                    ("lower", "upper"),
                    ("unit", "counted"),
                ]
            },
        ),
        (
            gettext_lazy("Who said it"),
            {"fields": ["speaker", "speaker_text", "relay_chain", "source_decisions"]},
        ),
        (
            gettext_lazy("Curation"),
            {
                "fields": [
                    "status",
                    "measure",
                    "suggested_measures",
                    "allow_unit_mismatch",
                    "note",
                    ("reviewed_by", "reviewed_at"),
                    "version",
                    "recent_changes",
                ]
            },
        ),
        (
            gettext_lazy("Extraction"),
            {
                "classes": ["collapse"],
                "fields": [
                    "quote",
                    ("start", "end"),
                    ("prefix", "suffix"),
                    ("extraction_method", "confidence"),
                    ("created_at", "updated_at"),
                ],
            },
        ),
    ]
    inlines = [ClaimRelayInline]
    bulk_delete = False  # claims are evidence: rejected, not deleted in bulk
    actions = [
        "send_to_review",
        "verify_selected",
        "dispute_selected",
        "reject_selected",
        "assign_measure",
        "create_measure",
        "mark_one_source",
        "mark_independent_sources",
    ]

    def revert_disabled(self, request, obj=None) -> bool:
        # A revert would restore an old version number past the stale-form guard: editors
        # edit the claim instead, reading the earlier values from its history.
        return True

    def get_queryset(self, request):
        # The list needs titles, not article bodies; the change form reads the body for context.
        qs = super().get_queryset(request)
        if request.resolver_match and request.resolver_match.url_name.endswith("_changelist"):
            return qs.defer("article__body", "search_text")
        return qs

    def get_search_results(self, request, queryset, search_term):
        # The site's own search (claims.search): Arabic normalized and stemmed, English too,
        # and on PostgreSQL a GIN-indexed full-text match instead of a scan of every quote.
        search_term = search_term.replace("\x00", "")  # see GuardedHistoryAdmin
        if not search_term.strip():
            return queryset, False
        try:
            return queryset.search(search_term), False
        except SearchQueryError as error:  # past the caps: say so, list nothing
            self.message_user(request, str(error), messages.WARNING)
            return queryset.none(), False

    # The list ------------------------------------------------------------------------------

    @admin.display(description=gettext_lazy("quote"), ordering="id")
    def quote_short(self, claim: Claim) -> str:
        direction = "rtl" if claim.language == Language.ARABIC else "ltr"
        return format_html('<span dir="{}">{}</span>', direction, claim.quote[:80])

    @admin.display(description=_("figure"))
    def figure(self, claim: Claim) -> str:
        return display.figure_text(claim)

    @admin.display(description=gettext_lazy("speaker"), ordering="speaker__name")
    def speaker_cell(self, claim: Claim) -> str:
        if not claim.speaker_id:
            return display.speaker_label(claim)
        return format_html(
            '<a href="{}" title="only this speaker\'s claims">{}</a>',
            changelist_url(Claim, speaker__id__exact=claim.speaker_id),
            claim.speaker.name,
        )

    # Sorting by it walks the review queue least sure first (index claim_status_confidence_idx).
    @admin.display(description=gettext_lazy("confidence"), ordering="confidence")
    def confidence_cell(self, claim: Claim) -> str:
        if display.speaker_is_unsure(claim):
            return format_html("{} ({})", f"{claim.confidence:.2f}", _("unsure"))
        return f"{claim.confidence:.2f}"

    @admin.display(description=gettext_lazy("measure"))
    def measure_cell(self, claim: Claim) -> str:
        if not claim.measure_id:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            changelist_url(Claim, measure__id__exact=claim.measure_id),
            claim.measure.name,
        )

    @admin.display(description=gettext_lazy("outlet"))
    def outlet_cell(self, claim: Claim) -> str:
        if not claim.outlet_id:
            return display.outlet_label(claim)
        return format_html(
            '<a href="{}">{}</a>',
            changelist_url(Claim, outlet__id__exact=claim.outlet_id),
            claim.outlet.name,
        )

    # The review screen ------------------------------------------------------------------------

    @admin.display(description=gettext_lazy("in its sentence"))
    def in_context(self, claim: Claim) -> str:
        if not claim.pk:
            return "—"
        return sentence_with_quote(claim)

    @admin.display(description=gettext_lazy("relay chain (isnad)"))
    def relay_chain(self, claim: Claim) -> str:
        if not claim.pk:
            return "—"
        names = display.relay_chain(claim)
        return format_html_join(" → ", '<span dir="auto">{}</span>', ((n,) for n in names))

    @admin.display(description=gettext_lazy("source decisions"))
    def source_decisions(self, claim: Claim) -> str:
        """Editors' decisions that this claim and another are one source or independent
        (claims.sources), and the way to add one."""
        if not claim.pk:
            return "—"
        decisions = OriginOverride.objects.filter(
            Q(first_claim=claim) | Q(second_claim=claim)
        ).select_related("decided_by")[:20]
        rows = format_html_join(
            "",
            '<li><a href="{}">{}</a> · <a href="{}">#{}</a> · {} · {}</li>',
            (
                (
                    reverse("admin:claims_originoverride_change", args=[d.pk]),
                    d.get_relation_display(),
                    reverse("admin:claims_claim_change", args=[d.other(claim.pk)]),
                    d.other(claim.pk),
                    d.decided_by or _("system"),
                    d.decided_at.strftime("%Y-%m-%d %H:%M"),
                )
                for d in decisions
            ),
        )
        add = reverse("admin:claims_originoverride_add")
        return format_html(
            '<ul class="source-decisions">{}</ul><a href="{}?first_claim={}">{}</a>',
            rows,
            add,
            claim.pk,
            _("decide whether this claim and another are one source"),
        )

    @admin.display(description=gettext_lazy("recent changes"))
    def recent_changes(self, claim: Claim) -> str:
        if not claim.pk:
            return "—"
        entries = claim.history.select_related("history_user").order_by("-history_date")[:5]
        rows = format_html_join(
            "",
            "<li>{} · {} · {} · {}</li>",
            (
                (
                    h.history_date.strftime("%Y-%m-%d %H:%M"),
                    h.history_user or _("system"),
                    {"+": _("created"), "~": _("changed"), "-": _("deleted")}[h.history_type],
                    h.history_change_reason
                    or _("status %(status)s, version %(version)s")
                    % {"status": Status(h.status).label, "version": h.version},
                )
                for h in entries
            ),
        )
        return format_html(
            '<ul class="recent-changes">{}</ul><a href="{}">{}</a>',
            rows,
            reverse("admin:claims_claim_history", args=[claim.pk]),
            _("full history with differences"),
        )

    def save_model(self, request, obj, form, change):
        changed = form.claim_changes
        if {"article", "start", "end"} & changed or not change:
            obj.refresh_context()  # prefix/suffix follow the span, never typed
        if not change:
            # A claim an editor enters by hand: theirs from the start.
            obj.extraction_method = ExtractionMethod.MANUAL
            obj.reviewed_by, obj.reviewed_at = request.user, timezone.now()
            super().save_model(request, obj, form, change)
            return
        # The one door for an editor's change (version check and bump, who and when); writes
        # nothing when nothing changed ("save and next" to skip a claim).
        curation.save_edit(
            obj,
            loaded_version=form.cleaned_data.get("loaded_version"),
            by=request.user,
            changed=changed,
            reason=self._reason(form, changed),
        )

    def _reason(self, form, changed: set[str]) -> str:
        reason = _("edited: %s") % ", ".join(sorted(changed)) if changed else ""
        measure = form.cleaned_data.get("measure")
        if measure and form.cleaned_data.get("allow_unit_mismatch"):
            reason += _(" (unit override: %(unit)s → %(measure_unit)s)") % {
                "unit": form.instance.unit or _("count"),
                "measure_unit": measure.unit,
            }
        return reason

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change and not form.claim_changes and any(fs.has_changed() for fs in formsets):
            # Only the relay chain changed: still a new version of the claim, by this editor.
            curation.save_edit(
                form.instance,
                loaded_version=form.cleaned_data.get("loaded_version"),
                by=request.user,
                changed={"relay chain"},
                reason=_("relay chain changed"),
            )

    def log_change(self, request, obj, message):
        # A save that changed nothing writes nothing, not even an admin log line.
        if not message:
            return None
        return super().log_change(request, obj, message)

    @admin.display(description=gettext_lazy("suggested measures"))
    def suggested_measures(self, claim: Claim) -> str:
        return suggestions.suggestions_for_review(claim)

    def response_change(self, request, obj):
        # A suggested measure accepted or rejected in one click (the form's edits saved first).
        if suggestions.decide_suggestion_posted(self, request):
            return HttpResponseRedirect(request.get_full_path())
        decision = next((d for d in DECISIONS if f"_{d}" in request.POST), None)
        if decision is not None:
            return self._decide(request, obj, decision)
        if "_savenext" in request.POST:
            self.message_user(request, _("Saved “%(claim)s”.") % {"claim": obj}, messages.SUCCESS)
            return self._next_in_queue(request, obj)
        return super().response_change(request, obj)

    def _decide(self, request: HttpRequest, obj: Claim, decision: str):
        """One click on the review screen: the form's edits are saved (save_model), then the
        claim is verified, marked disputed or rejected, and the next claim of the queue opens."""
        step, done = DECISIONS[decision]
        try:
            step(Claim.objects.filter(pk=obj.pk), by=request.user)
        except curation.CurationError as error:
            self.message_user(
                request,
                _("Saved, but not decided: %(error)s") % {"error": error},
                messages.ERROR,
            )
            return HttpResponseRedirect(request.get_full_path())
        self.message_user(request, done % {"claim": obj}, messages.SUCCESS)
        return self._next_in_queue(request, obj)

    def _queue(self, request: HttpRequest) -> tuple[str, str, QueryDict]:
        """The queue being walked: its status, the list filters kept, the params parsed."""
        filters = request.POST.get("_changelist_filters") or request.GET.get(
            "_changelist_filters", ""
        )
        params = QueryDict(filters)
        queue = params.get("status__exact")
        return (queue if queue in Status.values else Status.EXTRACTED), filters, params

    def _next_in_queue(self, request: HttpRequest, obj: Claim):
        """Redirect to the next claim of the queue being walked, filters kept."""
        queue, filters, params = self._queue(request)
        queryset = self._filtered_queryset(request, params).filter(status=queue)
        # Walk in the list's own order (newest first), wrapping round to the top.
        following = (
            queryset.filter(pk__lt=obj.pk).order_by("-pk").first()
            or queryset.exclude(pk=obj.pk).order_by("-pk").first()
        )
        if following is None:
            self.message_user(
                request,
                _("The “%(queue)s” queue is empty.") % {"queue": Status(queue).label},
            )
            return HttpResponseRedirect(changelist_url(Claim, **params.dict()))
        url = reverse("admin:claims_claim_change", args=[following.pk])
        if filters:
            url += "?" + urlencode({"_changelist_filters": filters})
        return HttpResponseRedirect(url)

    def queue_position(self, request: HttpRequest, obj: Claim) -> dict:
        """Where this claim stands in the queue being walked: "3 of 12" (counts capped)."""
        queue, _filters, params = self._queue(request)
        queryset = self._filtered_queryset(request, params).filter(status=queue)
        cap = CappedCountPaginator.CAP
        total = queryset[: cap + 1].count()
        position = None
        if obj.status == queue:
            position = queryset.filter(pk__gt=obj.pk)[:cap].count() + 1
        return {
            "queue": Status(queue).label,
            "position": position,
            "total": total,
            "capped": total > cap,
        }

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["queue"] = self.queue_position(request, obj)
            context["decisions"] = [
                {"name": f"_{name}", "label": label, "status": status}
                for name, (label, status) in DECISION_BUTTONS.items()
                if status != obj.status and curation.can_move(obj.status, status)
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _filtered_queryset(self, request: HttpRequest, params: QueryDict):
        # The changelist's own filtering, applied to the preserved filters rather than the URL.
        params = params.copy()
        params.pop("status__exact", None)  # the queue's status is applied by the caller
        listing = copy.copy(request)
        listing.method, listing.GET = "GET", params
        try:
            return self.get_changelist_instance(listing).get_queryset(listing)
        except (IncorrectLookupParameters, ValidationError, ValueError):
            return Claim.objects.all()  # filters from a stale URL: walk the whole queue

    # Bulk actions --------------------------------------------------------------------------

    def _too_many(self, request, queryset) -> bool:
        # Each claim is saved on its own so history records it: refuse a whole-table run.
        if queryset[: BULK_LIMIT + 1].count() > BULK_LIMIT:
            self.message_user(
                request,
                _("Nothing changed: more than %(limit)s claims selected. Filter the list first.")
                % {"limit": BULK_LIMIT},
                messages.ERROR,
            )
            return True
        return False

    def _move(self, request, queryset, step, label: str) -> None:
        if self._too_many(request, queryset):
            return
        try:
            outcome = step(queryset, by=request.user)
        except curation.CurationError as error:
            self.message_user(
                request, _("Nothing changed: %(error)s") % {"error": error}, messages.ERROR
            )
            return
        self.message_user(
            request,
            _("%(changed)s claims %(done)s; %(unchanged)s already were.")
            % {"changed": outcome.changed, "done": label, "unchanged": outcome.unchanged},
        )

    @admin.action(description=gettext_lazy("Send to review"), permissions=["change"])
    def send_to_review(self, request, queryset):
        self._move(request, queryset, curation.start_review, _("sent to review"))

    @admin.action(description=gettext_lazy("Verify"), permissions=["change"])
    def verify_selected(self, request, queryset):
        self._move(request, queryset, curation.verify, _("verified"))

    @admin.action(description=gettext_lazy("Mark disputed"), permissions=["change"])
    def dispute_selected(self, request, queryset):
        self._move(request, queryset, curation.dispute, _("marked disputed"))

    @admin.action(description=gettext_lazy("Reject"), permissions=["change"])
    def reject_selected(self, request, queryset):
        self._move(request, queryset, curation.reject, _("rejected"))

    def _decide_origins(self, request, queryset, relation: str) -> None:
        # Independence is recorded pair by pair: a small selection, never a whole list.
        claims = list(queryset.order_by("pk")[: ORIGIN_SELECTION_LIMIT + 1])
        if len(claims) > ORIGIN_SELECTION_LIMIT:
            self.message_user(
                request,
                _("Nothing changed: select at most %(limit)s claims to decide their sources.")
                % {"limit": ORIGIN_SELECTION_LIMIT},
                messages.ERROR,
            )
            return
        try:
            written = curation.decide_origins(claims, relation, by=request.user)
        except curation.CurationError as error:
            self.message_user(
                request, _("Nothing changed: %(error)s") % {"error": error}, messages.ERROR
            )
            return
        self.message_user(
            request,
            _("%(count)s source decisions recorded (%(relation)s).")
            % {"count": written, "relation": OriginRelation(relation).label},
        )

    @admin.action(description=gettext_lazy("Mark as one source"), permissions=["change"])
    def mark_one_source(self, request, queryset):
        self._decide_origins(request, queryset, OriginRelation.SAME)

    @admin.action(description=gettext_lazy("Mark as independent sources"), permissions=["change"])
    def mark_independent_sources(self, request, queryset):
        self._decide_origins(request, queryset, OriginRelation.INDEPENDENT)

    @admin.action(description=gettext_lazy("Assign a measure"), permissions=["change"])
    def assign_measure(self, request, queryset):
        if self._too_many(request, queryset):
            return None
        form = AssignMeasureForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            measure = form.cleaned_data["measure"]
            try:
                outcome = curation.assign_measure(
                    queryset,
                    measure,
                    by=request.user,
                    allow_unit_mismatch=form.cleaned_data["allow_unit_mismatch"],
                )
            except curation.CurationError as error:
                self.message_user(request, _("Nothing changed: %s") % error, messages.ERROR)
                return action_page(request, self, queryset, title=_("Assign a measure"), form=form)
            self.message_user(
                request,
                _("%(count)s claims now answer “%(measure)s”.")
                % {"count": outcome.changed, "measure": measure},
            )
            return None
        return action_page(request, self, queryset, title=_("Assign a measure"), form=form)

    @admin.action(
        description=gettext_lazy("Create a measure from these claims"), permissions=["change"]
    )
    def create_measure(self, request, queryset):
        if self._too_many(request, queryset):
            return None
        form = MeasureFromClaimsForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            try:
                measure = curation.create_measure_from_claims(
                    queryset, **form.cleaned_data, by=request.user
                )
            except curation.CurationError as error:
                self.message_user(request, str(error), messages.ERROR)
                return None
            self.message_user(
                request,
                format_html(
                    _('Created measure <a href="{url}">{measure}</a> with {count} claims.'),
                    url=reverse("admin:claims_measure_change", args=[measure.pk]),
                    measure=measure,
                    count=measure.claims.count(),
                ),
            )
            return None
        return action_page(
            request,
            self,
            queryset,
            title=_("Create a measure from claims"),
            intro=_("The question these figures answer; they can then be compared side by side."),
            form=form,
        )


# The review screen's one-click decisions: the workflow step and the message it leaves.
DECISIONS = {
    "verify": (curation.verify, gettext_lazy("Verified “%(claim)s”.")),
    "dispute": (curation.dispute, gettext_lazy("Marked “%(claim)s” disputed.")),
    "reject": (curation.reject, gettext_lazy("Rejected “%(claim)s”.")),
}
DECISION_BUTTONS = {
    "verify": (gettext_lazy("Verify and next"), Status.VERIFIED),
    "dispute": (gettext_lazy("Dispute and next"), Status.DISPUTED),
    "reject": (gettext_lazy("Reject and next"), Status.REJECTED),
}


SENTENCE_ENDS = ".!?؟\n"
CONTEXT_MAX = 400


def sentence_with_quote(claim: Claim) -> str:
    """The article sentence holding the quote, the quote marked; escaped, RTL when Arabic."""
    body = claim.article.body
    start, end = min(claim.start, len(body)), min(claim.end, len(body))
    left = max(
        [body.rfind(mark, max(0, start - CONTEXT_MAX), start) for mark in SENTENCE_ENDS]
        + [max(0, start - CONTEXT_MAX) - 1]
    )
    ends = [body.find(mark, end, end + CONTEXT_MAX) for mark in SENTENCE_ENDS]
    right = min([e + 1 for e in ends if e >= 0] or [min(len(body), end + CONTEXT_MAX)])
    direction = "rtl" if claim.article.language == Language.ARABIC else "ltr"
    return format_html(
        '<p dir="{}" lang="{}" class="claim-context">{}<mark>{}</mark>{}</p>',
        direction,
        claim.article.language,
        body[left + 1 : start].lstrip(),
        body[start:end],
        body[end:right],
    )
