"""Admin of measure suggestions: proposed measures and suggested claims, decided in one click.

Each row of the lists carries its Accept and Reject buttons: they submit the changelist's own
form (which holds the CSRF token) with the row's id, and the decision goes through
claims.grouping.decisions (and so claims.curation for every claim it changes). A proposed
measure's change page lets the editor edit its label and accept it under that name.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponseRedirect
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.admin import GuardedHistoryAdmin
from articles.params import parse_id
from claims import display
from claims.curation import CurationError
from claims.grouping import decisions
from claims.grouping.score import explain
from claims.models import Claim, MeasureProposal, MeasureSuggestion, SuggestionStatus

ACCEPT, REJECT = "_accept_suggestion", "_reject_suggestion"
ACCEPT_PROPOSAL, REJECT_PROPOSAL = "_accept_proposal", "_reject_proposal"
FIGURES_SHOWN = 20


def decision_buttons(accept: str, reject: str, pk: int) -> str:
    """Accept / Reject submit buttons for one row (inside the page's POST form)."""
    return format_html(
        '<button type="submit" class="button" name="{}" value="{}">{}</button> '
        '<button type="submit" class="button" name="{}" value="{}">{}</button>',
        accept,
        pk,
        _("Accept"),
        reject,
        pk,
        _("Reject"),
    )


def _run(modeladmin, request: HttpRequest, decide, done: str) -> None:
    try:
        decide()
    except CurationError as error:
        modeladmin.message_user(request, str(error), messages.ERROR)
    else:
        modeladmin.message_user(request, done, messages.SUCCESS)


def _posted_id(request: HttpRequest, name: str) -> int | None:
    return parse_id(request.POST.get(name)) if name in request.POST else None


def figures_table(claims: list[Claim]) -> str:
    rows = format_html_join(
        "",
        '<tr><td dir="auto">{}</td><td dir="auto">{}</td><td dir="auto">{}</td>'
        '<td dir="auto">{}</td></tr>',
        (
            (
                display.figure_text(c),
                display.speaker_label(c),
                display.outlet_label(c),
                c.quote,
            )
            for c in claims
        ),
    )
    return format_html(
        "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>"
        "<tbody>{}</tbody></table>",
        _("figure"),
        _("speaker"),
        _("outlet"),
        _("quote"),
        rows,
    )


def _open_members():
    return Prefetch(
        "suggestions",
        queryset=MeasureSuggestion.objects.filter(status=SuggestionStatus.SUGGESTED)
        .select_related("claim__speaker", "claim__outlet")
        .order_by("claim_id"),
        to_attr="open_members",
    )


@admin.register(MeasureProposal)
class MeasureProposalAdmin(GuardedHistoryAdmin):
    list_display = ["label", "figures_cell", "score", "status", "decide"]
    list_filter = ["status"]
    search_fields = ["label"]
    list_per_page = 50
    show_full_result_count = False
    fields = ["label", "status", "score", "why", "figures", "measure", "decided_by", "decided_at"]
    readonly_fields = [
        "status",
        "score",
        "why",
        "figures",
        "measure",
        "decided_by",
        "decided_at",
    ]
    actions = ["accept_selected", "reject_selected"]

    def has_add_permission(self, request) -> bool:
        return False  # the machine proposes; editors make measures in the measure admin

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # rejected proposals are the memory of what not to propose again

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                members=Count(
                    "suggestions", filter=Q(suggestions__status=SuggestionStatus.SUGGESTED)
                )
            )
            .prefetch_related(_open_members())
        )

    @admin.display(description=gettext_lazy("figures"))
    def figures_cell(self, proposal: MeasureProposal) -> str:
        claims = [s.claim for s in proposal.open_members[:FIGURES_SHOWN]]
        return ", ".join(f"{display.figure_text(c)} ({display.outlet_label(c)})" for c in claims)

    @admin.display(description=gettext_lazy("why"))
    def why(self, proposal: MeasureProposal) -> str:
        members = proposal.open_members[:FIGURES_SHOWN]
        return format_html_join(
            "",
            '<p dir="auto">{}: {}</p>',
            ((s.claim.quote, "; ".join(explain(s.parts))) for s in members),
        )

    @admin.display(description=gettext_lazy("claims"))
    def figures(self, proposal: MeasureProposal) -> str:
        claims = [s.claim for s in proposal.open_members[:FIGURES_SHOWN]]
        return figures_table(claims) + (
            decision_buttons(ACCEPT_PROPOSAL, REJECT_PROPOSAL, proposal.pk)
            if proposal.status == MeasureProposal.Status.OPEN
            else ""
        )

    @admin.display(description=gettext_lazy("decide"))
    def decide(self, proposal: MeasureProposal) -> str:
        if proposal.status != MeasureProposal.Status.OPEN:
            return "—"
        return decision_buttons(ACCEPT_PROPOSAL, REJECT_PROPOSAL, proposal.pk)

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and self._decide_posted(request):
            return HttpResponseRedirect(request.get_full_path())
        return super().changelist_view(request, extra_context)

    def response_change(self, request, obj):
        # The label was saved (an edit): accepting now makes the measure under that name.
        if self._decide_posted(request, name=obj.label):
            return HttpResponseRedirect(request.get_full_path())
        return super().response_change(request, obj)

    def _decide_posted(self, request: HttpRequest, name: str = "") -> bool:
        accept, reject = _posted_id(request, ACCEPT_PROPOSAL), _posted_id(request, REJECT_PROPOSAL)
        if not self.has_change_permission(request) or (accept is None and reject is None):
            return False
        proposal = MeasureProposal.objects.filter(pk=accept or reject).first()
        if proposal is None:
            self.message_user(request, _("That proposed measure no longer exists."), messages.ERROR)
            return True
        if accept is not None:
            _run(
                self,
                request,
                lambda: decisions.accept_proposal(proposal, by=request.user, name=name),
                _("“%(label)s” is now a measure.") % {"label": name or proposal.label},
            )
        else:
            _run(
                self,
                request,
                lambda: decisions.reject_proposal(proposal, by=request.user),
                _("“%(label)s” rejected: these claims will not be proposed together again.")
                % {"label": proposal.label},
            )
        return True

    @admin.action(description=gettext_lazy("Accept the selected proposed measures"))
    def accept_selected(self, request, queryset):
        for proposal in queryset:
            _run(
                self,
                request,
                lambda p=proposal: decisions.accept_proposal(p, by=request.user),
                _("“%(label)s” is now a measure.") % {"label": proposal.label},
            )

    @admin.action(description=gettext_lazy("Reject the selected proposed measures"))
    def reject_selected(self, request, queryset):
        for proposal in queryset:
            _run(
                self,
                request,
                lambda p=proposal: decisions.reject_proposal(p, by=request.user),
                _("“%(label)s” rejected.") % {"label": proposal.label},
            )


@admin.register(MeasureSuggestion)
class MeasureSuggestionAdmin(admin.ModelAdmin):
    list_display = ["claim_cell", "target", "score", "why", "status", "decide"]
    list_filter = ["status", ("measure", admin.EmptyFieldListFilter)]
    list_select_related = ["claim__outlet", "claim__speaker", "measure", "proposal"]
    list_per_page = 50
    show_full_result_count = False
    ordering = ["-score", "claim_id"]
    actions = ["accept_selected", "reject_selected"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        # Decided through the buttons and actions only, never by editing the row.
        return obj is None and super().has_change_permission(request)

    @admin.display(description=gettext_lazy("claim"))
    def claim_cell(self, suggestion: MeasureSuggestion) -> str:
        claim = suggestion.claim
        return format_html(
            '<span dir="auto">{} — {} ({})</span>',
            display.figure_text(claim),
            claim.quote,
            display.outlet_label(claim),
        )

    @admin.display(description=gettext_lazy("measure"))
    def target(self, suggestion: MeasureSuggestion) -> str:
        if suggestion.measure_id:
            return str(suggestion.measure)
        return _("proposed: %(label)s") % {"label": suggestion.proposal}

    @admin.display(description=gettext_lazy("why"))
    def why(self, suggestion: MeasureSuggestion) -> str:
        return "; ".join(explain(suggestion.parts))

    @admin.display(description=gettext_lazy("decide"))
    def decide(self, suggestion: MeasureSuggestion) -> str:
        if suggestion.status != SuggestionStatus.SUGGESTED:
            return "—"
        return decision_buttons(ACCEPT, REJECT, suggestion.pk)

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and decide_suggestion_posted(self, request):
            return HttpResponseRedirect(request.get_full_path())
        if request.method == "POST" and not super().has_change_permission(request):
            raise PermissionDenied  # viewers see the list; an action from them is refused
        selected = request.POST.getlist(ACTION_CHECKBOX_NAME) if request.method == "POST" else []
        if any(parse_id(pk) is None for pk in selected):
            self.message_user(
                request, _("Nothing changed: the selection is not valid."), messages.ERROR
            )
            return HttpResponseRedirect(request.get_full_path())
        return super().changelist_view(request, extra_context)

    @admin.action(description=gettext_lazy("Accept the selected suggestions"))
    def accept_selected(self, request, queryset):
        for suggestion in queryset.filter(status=SuggestionStatus.SUGGESTED):
            _run(
                self,
                request,
                lambda s=suggestion: decisions.accept_suggestion(s, by=request.user),
                _("Accepted: %(suggestion)s") % {"suggestion": suggestion},
            )

    @admin.action(description=gettext_lazy("Reject the selected suggestions"))
    def reject_selected(self, request, queryset):
        for suggestion in queryset.filter(status=SuggestionStatus.SUGGESTED):
            _run(
                self,
                request,
                lambda s=suggestion: decisions.reject_suggestion(s, by=request.user),
                _("Rejected: %(suggestion)s") % {"suggestion": suggestion},
            )


def decide_suggestion_posted(modeladmin, request: HttpRequest) -> bool:
    """An Accept or Reject button of one suggestion was pressed (suggestion list, review
    screen): decide it. Returns whether one was."""
    accept, reject = _posted_id(request, ACCEPT), _posted_id(request, REJECT)
    if accept is None and reject is None:
        return False
    if not request.user.has_perm("claims.change_measuresuggestion"):
        modeladmin.message_user(request, _("You may not decide on suggestions."), messages.ERROR)
        return True
    suggestion = MeasureSuggestion.objects.filter(pk=accept or reject).first()
    if suggestion is None:
        modeladmin.message_user(request, _("That suggestion no longer exists."), messages.ERROR)
        return True
    if accept is not None:
        _run(
            modeladmin,
            request,
            lambda: decisions.accept_suggestion(suggestion, by=request.user),
            _("Accepted: %(suggestion)s") % {"suggestion": suggestion},
        )
    else:
        _run(
            modeladmin,
            request,
            lambda: decisions.reject_suggestion(suggestion, by=request.user),
            _("Rejected: %(suggestion)s; it will not be suggested again.")
            % {"suggestion": suggestion},
        )
    return True


def suggestions_for_review(claim: Claim) -> str:
    """The review screen's suggested measures for one claim, best first, each with its reasons
    and Accept / Reject buttons (one click; they submit the review form, saved first)."""
    if not claim.pk or claim.measure_id:
        return "—"
    suggestions = list(
        MeasureSuggestion.objects.filter(claim=claim, status=SuggestionStatus.SUGGESTED)
        .select_related("measure", "proposal")
        .order_by("-score", "rank")[:5]
    )
    if not suggestions:
        return _("— (no measure fits this figure yet)")
    return format_html_join(
        "",
        '<p dir="auto"><strong>{}</strong> · {} {}<br><small>{}</small></p>',
        (
            (
                s.measure or _("proposed: %(label)s") % {"label": s.proposal},
                _("score %(score)s") % {"score": f"{s.score:g}"},
                decision_buttons(ACCEPT, REJECT, s.pk),
                "; ".join(explain(s.parts)),
            )
            for s in suggestions
        ),
    )
