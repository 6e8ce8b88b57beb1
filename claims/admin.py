"""Admin for speakers, measures, claims and verdicts: the editors' curation desk."""

from __future__ import annotations

import copy
from functools import cached_property
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponseRedirect, QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from articles.admin import GuardedHistoryAdmin
from articles.models import Language
from articles.normalization import normalize_for_matching
from claims import curation
from claims.forms import (
    AssignMeasureForm,
    ClaimReviewForm,
    LinkSpeakersForm,
    MeasureFromClaimsForm,
    MergeSpeakersForm,
    SpeakerLinkForm,
)
from claims.models import (
    Claim,
    ClaimRelay,
    Measure,
    Speaker,
    SpeakerAlias,
    SpeakerLink,
    SpeakerMerge,
    Status,
    Verdict,
)

ACTION_TEMPLATE = "admin/claims/action_form.html"
BULK_LIMIT = 5_000  # claims one bulk action may change


def _changelist_url(model, **filters) -> str:
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
                protected.append(f"{obj}: {count} claims point to it ({self.advice})")
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


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    fields = ["name"]
    extra = 1


@admin.register(Speaker)
class SpeakerAdmin(KeepsClaimsLinked, GuardedHistoryAdmin):
    claim_field = "speaker"
    advice = "merge this speaker into another instead"
    list_display = ["name", "role", "kind", "merged_into", "claims_link"]
    list_filter = ["kind", ("merged_into", admin.EmptyFieldListFilter)]
    list_select_related = ["merged_into"]
    search_fields = ["name", "role", "aliases__name", "aliases__normalized"]
    # Merging moves claims and aliases: it is done by the "merge" action, never by this field.
    readonly_fields = ["merged_into", "linked_speakers", "merges"]
    fields = ["name", "kind", "role", "merged_into", "linked_speakers", "merges"]
    inlines = [SpeakerAliasInline]
    actions = ["merge_selected", "link_as_disputed_name"]
    show_full_result_count = False

    def get_search_results(self, request, queryset, search_term):
        base = queryset
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        key = normalize_for_matching(search_term)
        if key:
            # أحمد, احمد and أَحمد find the same speaker: aliases are stored normalized.
            queryset = queryset | base.filter(aliases__normalized__contains=key)
            duplicates = True
        # Autocomplete offers only live speakers: a merged one is a record, not a choice.
        if request.path.endswith("/autocomplete/"):
            queryset = queryset.filter(merged_into__isnull=True)
        return queryset, duplicates

    @admin.display(description="claims")
    def claims_link(self, speaker: Speaker) -> str:
        return format_html(
            '<a href="{}">claims</a>', _changelist_url(Claim, speaker__id__exact=speaker.pk)
        )

    @admin.display(description="linked speakers")
    def linked_speakers(self, speaker: Speaker) -> str:
        if not speaker.pk:
            return "—"
        links = SpeakerLink.objects.filter(Q(a=speaker) | Q(b=speaker)).select_related("a", "b")
        if not links:
            return "— (select two speakers in the list and use “link as same role, disputed name”)"
        return format_html_join(
            "",
            '<p><a href="{}">{}</a>: {}{}</p>',
            (
                (
                    reverse("admin:claims_speaker_change", args=[link.other(speaker).pk]),
                    link.other(speaker),
                    link.get_relation_display(),
                    f" ({link.note})" if link.note else "",
                )
                for link in links
            ),
        )

    @admin.display(description="merges")
    def merges(self, speaker: Speaker) -> str:
        if not speaker.pk:
            return "—"
        rows = SpeakerMerge.objects.filter(Q(kept=speaker) | Q(dropped=speaker)).select_related(
            "kept", "dropped", "merged_by"
        )
        if not rows:
            return "—"
        return format_html_join(
            "",
            "<p>{} merged into {} by {} on {}: {} claims and {} aliases moved</p>",
            (
                (
                    m.dropped.name,
                    m.kept.name,
                    m.merged_by or "—",
                    m.merged_at.strftime("%Y-%m-%d %H:%M"),
                    m.claims_moved,
                    m.aliases_moved,
                )
                for m in rows
            ),
        )

    @admin.action(description="Merge selected speakers into one", permissions=["change"])
    def merge_selected(self, request, queryset):
        speakers = queryset.filter(merged_into__isnull=True)
        if speakers.count() < 2:
            self.message_user(
                request, "Select two or more speakers not already merged.", messages.WARNING
            )
            return None
        form = MergeSpeakersForm(
            request.POST if "apply" in request.POST else None, speakers=speakers
        )
        if "apply" in request.POST and form.is_valid():
            keep = form.cleaned_data["keep"]
            try:
                for drop in speakers.exclude(pk=keep.pk):
                    merge = curation.merge_speakers(keep, drop, by=request.user)
                    self.message_user(
                        request,
                        f"Merged “{merge.dropped.name}” into “{keep.name}”: "
                        f"{merge.claims_moved} claims, {merge.aliases_moved} aliases moved.",
                    )
            except curation.CurationError as error:
                self.message_user(request, str(error), messages.ERROR)
            return None
        links = SpeakerLink.objects.filter(a__in=speakers, b__in=speakers).select_related("a", "b")
        intro = (
            "Keep one speaker; the others' claims and aliases move to it. The merged speakers "
            "stay on record, pointing to the one kept. Outlets that disagree on a name are "
            "better linked than merged."
        )
        if links:
            intro += " Careful: an editor kept these apart on purpose: " + "; ".join(
                f"{link} ({link.note})" if link.note else str(link) for link in links
            )
        return action_page(request, self, speakers, title="Merge speakers", intro=intro, form=form)

    @admin.action(description="Link two speakers: same role, disputed name", permissions=["change"])
    def link_as_disputed_name(self, request, queryset):
        speakers = list(queryset[:3])
        if len(speakers) != 2:
            self.message_user(request, "Select exactly two speakers to link.", messages.WARNING)
            return None
        form = LinkSpeakersForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            try:
                link = curation.link_disputed_name(
                    *speakers, by=request.user, note=form.cleaned_data["note"]
                )
                self.message_user(request, f"Linked: {link}.")
            except curation.CurationError as error:
                self.message_user(request, str(error), messages.ERROR)
            return None
        return action_page(
            request,
            self,
            queryset,
            title="Link as same role, disputed name",
            intro="The two speakers stay apart, each keeping the claims that name them; both "
            "pages show the link.",
            form=form,
        )


@admin.register(SpeakerLink)
class SpeakerLinkAdmin(GuardedHistoryAdmin):
    form = SpeakerLinkForm
    list_display = ["a", "b", "relation", "note", "created_by", "created_at"]
    list_filter = ["relation"]
    list_select_related = ["a", "b", "created_by"]
    autocomplete_fields = ["a", "b"]
    readonly_fields = ["created_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(SpeakerMerge)
class SpeakerMergeAdmin(admin.ModelAdmin):
    """Merges are made by the speaker action; this is their record, read-only."""

    list_display = ["dropped", "kept", "merged_by", "merged_at", "claims_moved", "aliases_moved"]
    list_select_related = ["dropped", "kept", "merged_by"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Measure)
class MeasureAdmin(KeepsClaimsLinked, GuardedHistoryAdmin):
    claim_field = "measure"
    advice = "assign its claims to another measure first"
    list_display = ["name", "unit", "period", "claims_link"]
    search_fields = ["name", "description"]
    fields = ["name", "unit", "period", "description", "figures"]
    readonly_fields = ["figures"]
    FIGURES_SHOWN = 100

    @admin.display(description="figures")
    def figures(self, measure: Measure) -> str:
        if not measure.pk:
            return "—"
        claims = measure.claims.select_related("speaker", "outlet").order_by(
            "value", "lower", "pk"
        )[: self.FIGURES_SHOWN]
        if not claims:
            return "— (select claims in the claim list and use “assign a measure”)"
        rows = format_html_join(
            "",
            '<tr><td><a href="{}">{}</a></td><td dir="auto">{}</td><td dir="auto">{}</td>'
            "<td>{}</td></tr>",
            (
                (
                    reverse("admin:claims_claim_change", args=[c.pk]),
                    figure_text(c),
                    c.speaker.name if c.speaker else (c.speaker_text or "narrator"),
                    c.outlet.name if c.outlet else "unknown",
                    c.get_status_display(),
                )
                for c in claims
            ),
        )
        return format_html(
            "<table><thead><tr><th>figure</th><th>speaker</th><th>outlet</th><th>status</th>"
            "</tr></thead><tbody>{}</tbody></table>",
            rows,
        )

    @admin.display(description="claims")
    def claims_link(self, measure: Measure) -> str:
        return format_html(
            '<a href="{}">claims</a>', _changelist_url(Claim, measure__id__exact=measure.pk)
        )


class ClaimRelayInline(admin.TabularInline):
    model = ClaimRelay
    autocomplete_fields = ["outlet"]
    extra = 0


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
        self.title = f"{self.title} (click one in the list)"

    def field_choices(self, field, request, model_admin):
        chosen = [v for v in self.lookup_val or [] if str(v).isdigit()]
        rows = field.related_model._default_manager.filter(pk__in=chosen)
        return [(obj.pk, str(obj)) for obj in rows]

    def has_output(self) -> bool:
        return True


class LanguageFilter(admin.SimpleListFilter):
    title = "language"
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return Language.choices

    def queryset(self, request, queryset):
        return queryset.filter(language=self.value()) if self.value() else queryset


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
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        ("The figure in its article", {"fields": ["in_context", "article"]}),
        (
            "Numbers",
            {
                "fields": [
                    "figure",
                    ("value", "qualifier"),
                    ("lower", "upper"),
                    ("unit", "counted"),
                ]
            },
        ),
        ("Who said it", {"fields": ["speaker", "speaker_text", "relay_chain"]}),
        (
            "Curation",
            {
                "fields": [
                    "status",
                    "measure",
                    "note",
                    ("reviewed_by", "reviewed_at"),
                    "version",
                    "recent_changes",
                ]
            },
        ),
        (
            "Extraction",
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
    actions = [
        "send_to_review",
        "verify_selected",
        "dispute_selected",
        "reject_selected",
        "assign_measure",
        "create_measure",
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
        if not search_term.strip():
            return queryset, False
        return queryset.search(search_term), False

    # The list ------------------------------------------------------------------------------

    @admin.display(description="quote", ordering="id")
    def quote_short(self, claim: Claim) -> str:
        direction = "rtl" if claim.language == Language.ARABIC else "ltr"
        return format_html('<span dir="{}">{}</span>', direction, claim.quote[:80])

    @admin.display(description="figure")
    def figure(self, claim: Claim) -> str:
        return figure_text(claim)

    @admin.display(description="speaker", ordering="speaker__name")
    def speaker_cell(self, claim: Claim) -> str:
        if not claim.speaker_id:
            return claim.speaker_text or "—"
        return format_html(
            '<a href="{}" title="only this speaker\'s claims">{}</a>',
            _changelist_url(Claim, speaker__id__exact=claim.speaker_id),
            claim.speaker.name,
        )

    @admin.display(description="measure")
    def measure_cell(self, claim: Claim) -> str:
        if not claim.measure_id:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            _changelist_url(Claim, measure__id__exact=claim.measure_id),
            claim.measure.name,
        )

    @admin.display(description="outlet")
    def outlet_cell(self, claim: Claim) -> str:
        if not claim.outlet_id:
            return "unknown"
        return format_html(
            '<a href="{}">{}</a>',
            _changelist_url(Claim, outlet__id__exact=claim.outlet_id),
            claim.outlet.name,
        )

    # The review screen ------------------------------------------------------------------------

    @admin.display(description="in its sentence")
    def in_context(self, claim: Claim) -> str:
        if not claim.pk:
            return "—"
        return sentence_with_quote(claim)

    @admin.display(description="relay chain (isnad)")
    def relay_chain(self, claim: Claim) -> str:
        if not claim.pk:
            return "—"
        names = [claim.speaker.name if claim.speaker else (claim.speaker_text or "narrator")]
        names += [relay.outlet.name for relay in claim.relays.select_related("outlet")]
        names.append(claim.article.outlet.name if claim.article.outlet else "(outlet unknown)")
        return format_html_join(" → ", '<span dir="auto">{}</span>', ((n,) for n in names))

    @admin.display(description="recent changes")
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
                    h.history_user or "system",
                    {"+": "created", "~": "changed", "-": "deleted"}[h.history_type],
                    h.history_change_reason or f"status {h.status}, version {h.version}",
                )
                for h in entries
            ),
        )
        return format_html(
            '<ul class="recent-changes">{}</ul><a href="{}">full history with differences</a>',
            rows,
            reverse("admin:claims_claim_history", args=[claim.pk]),
        )

    def save_model(self, request, obj, form, change):
        if change and not form.has_changed():
            # Nothing to write (say, "save and next" to skip a claim): no new version, no
            # history entry; save_related bumps the version if only the relay chain changed.
            return
        if change:
            obj.version = (form.cleaned_data.get("loaded_version") or obj.version) + 1
            if "status" in form.changed_data:
                obj.reviewed_by = request.user
                obj.reviewed_at = timezone.now()
        elif obj.status != Status.EXTRACTED:
            obj.reviewed_by = request.user
            obj.reviewed_at = timezone.now()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change and not form.has_changed() and any(fs.has_changed() for fs in formsets):
            claim = form.instance
            claim.version = (form.cleaned_data.get("loaded_version") or claim.version) + 1
            claim._change_reason = "relay chain changed"
            claim.save(update_fields=["version", "updated_at"])

    def response_change(self, request, obj):
        if "_savenext" in request.POST:
            return self._next_in_queue(request, obj)
        return super().response_change(request, obj)

    def _next_in_queue(self, request: HttpRequest, obj: Claim):
        """Redirect to the next claim of the queue being walked, filters kept."""
        filters = request.POST.get("_changelist_filters") or request.GET.get(
            "_changelist_filters", ""
        )
        params = QueryDict(filters)
        queue = params.get("status__exact")
        queue = queue if queue in Status.values else Status.EXTRACTED
        queryset = self._filtered_queryset(request, params).filter(status=queue)
        # Walk in the list's own order (newest first), wrapping round to the top.
        following = (
            queryset.filter(pk__lt=obj.pk).order_by("-pk").first()
            or queryset.exclude(pk=obj.pk).order_by("-pk").first()
        )
        self.message_user(request, f"Saved “{obj}”.", messages.SUCCESS)
        if following is None:
            self.message_user(request, f"The “{Status(queue).label}” queue is empty.")
            return HttpResponseRedirect(_changelist_url(Claim, **params.dict()))
        url = reverse("admin:claims_claim_change", args=[following.pk])
        if filters:
            url += "?" + urlencode({"_changelist_filters": filters})
        return HttpResponseRedirect(url)

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
                f"Nothing changed: more than {BULK_LIMIT} claims selected. Filter the list first.",
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
            self.message_user(request, f"Nothing changed: {error}", messages.ERROR)
            return
        self.message_user(
            request, f"{outcome.changed} claims {label}; {outcome.unchanged} already were."
        )

    @admin.action(description="Send to review", permissions=["change"])
    def send_to_review(self, request, queryset):
        self._move(request, queryset, curation.start_review, "sent to review")

    @admin.action(description="Verify", permissions=["change"])
    def verify_selected(self, request, queryset):
        self._move(request, queryset, curation.verify, "verified")

    @admin.action(description="Mark disputed", permissions=["change"])
    def dispute_selected(self, request, queryset):
        self._move(request, queryset, curation.dispute, "marked disputed")

    @admin.action(description="Reject", permissions=["change"])
    def reject_selected(self, request, queryset):
        self._move(request, queryset, curation.reject, "rejected")

    @admin.action(description="Assign a measure", permissions=["change"])
    def assign_measure(self, request, queryset):
        if self._too_many(request, queryset):
            return None
        form = AssignMeasureForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            measure = form.cleaned_data["measure"]
            outcome = curation.assign_measure(queryset, measure, by=request.user)
            self.message_user(request, f"{outcome.changed} claims now answer “{measure}”.")
            return None
        return action_page(request, self, queryset, title="Assign a measure", form=form)

    @admin.action(description="Create a measure from these claims", permissions=["change"])
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
                    'Created measure <a href="{}">{}</a> with {} claims.',
                    reverse("admin:claims_measure_change", args=[measure.pk]),
                    measure,
                    measure.claims.count(),
                ),
            )
            return None
        return action_page(
            request,
            self,
            queryset,
            title="Create a measure from claims",
            intro="The question these figures answer; they can then be compared side by side.",
            form=form,
        )


def figure_text(claim: Claim) -> str:
    """The number as an editor reads it: "about 1600", "between 3 and 5", "20–99 (vague)"."""

    def n(x: float | None) -> str:
        return "?" if x is None else f"{x:g}"

    qualifier = claim.qualifier
    if qualifier == "range":
        text = f"between {n(claim.lower)} and {n(claim.upper)}"
    elif qualifier == "vague":
        text = f"{n(claim.lower)}–{n(claim.upper)} (vague)"
    elif qualifier == "exact":
        text = n(claim.value)
    else:
        text = f"{claim.get_qualifier_display()} {n(claim.value)}"
    return f"{text} {claim.unit}".strip()


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


@admin.register(Verdict)
class VerdictAdmin(GuardedHistoryAdmin):
    list_display = ["__str__", "rating", "author", "published_at"]
    list_filter = ["rating"]
    list_select_related = ["claim", "measure", "author"]
    autocomplete_fields = ["claim", "measure"]
    search_fields = ["summary"]
