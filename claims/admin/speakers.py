"""Admin of speakers: aliases, merges and "same role, disputed name" links."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.admin import GuardedHistoryAdmin
from articles.normalization import normalize_for_matching
from claims import curation
from claims.admin.common import KeepsClaimsLinked, action_page, changelist_url
from claims.forms import LinkSpeakersForm, MergeSpeakersForm, SpeakerLinkForm
from claims.models import Claim, Speaker, SpeakerAlias, SpeakerLink, SpeakerMerge


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    fields = ["name"]
    extra = 1


@admin.register(Speaker)
class SpeakerAdmin(KeepsClaimsLinked, GuardedHistoryAdmin):
    claim_field = "speaker"
    advice = gettext_lazy("merge this speaker into another instead")
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
        search_term = search_term.replace("\x00", "")  # PostgreSQL refuses NUL in a string
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

    @admin.display(description=gettext_lazy("claims"))
    def claims_link(self, speaker: Speaker) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            changelist_url(Claim, speaker__id__exact=speaker.pk),
            _("claims"),
        )

    @admin.display(description=gettext_lazy("linked speakers"))
    def linked_speakers(self, speaker: Speaker) -> str:
        if not speaker.pk:
            return "—"
        links = SpeakerLink.objects.filter(SpeakerLink.involving(speaker)).select_related(
            "first_speaker", "second_speaker"
        )
        if not links:
            return _(
                "— (select two speakers in the list and use “link as same role, disputed name”)"
            )
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

    @admin.display(description=gettext_lazy("merges"))
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
            "<p>{}</p>",
            (
                (
                    _(
                        "%(dropped)s merged into %(kept)s by %(user)s on %(when)s: %(claims)s "
                        "claims and %(aliases)s aliases moved"
                    )
                    % {
                        "dropped": m.dropped.name,
                        "kept": m.kept.name,
                        "user": m.merged_by or "—",
                        "when": m.merged_at.strftime("%Y-%m-%d %H:%M"),
                        "claims": m.claims_moved,
                        "aliases": m.aliases_moved,
                    },
                )
                for m in rows
            ),
        )

    @admin.action(
        description=gettext_lazy("Merge selected speakers into one"), permissions=["change"]
    )
    def merge_selected(self, request, queryset):
        speakers = queryset.filter(merged_into__isnull=True)
        if speakers.count() < 2:
            self.message_user(
                request, _("Select two or more speakers not already merged."), messages.WARNING
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
                        _(
                            "Merged “%(dropped)s” into “%(kept)s”: %(claims)s claims, "
                            "%(aliases)s aliases moved."
                        )
                        % {
                            "dropped": merge.dropped.name,
                            "kept": keep.name,
                            "claims": merge.claims_moved,
                            "aliases": merge.aliases_moved,
                        },
                    )
            except curation.CurationError as error:
                self.message_user(request, str(error), messages.ERROR)
            return None
        links = SpeakerLink.objects.filter(
            first_speaker__in=speakers, second_speaker__in=speakers
        ).select_related("first_speaker", "second_speaker")
        intro = _(
            "Keep one speaker; the others' claims and aliases move to it. The merged speakers "
            "stay on record, pointing to the one kept. Outlets that disagree on a name are "
            "better linked than merged."
        )
        if links:
            intro += (
                " "
                + _("Careful: an editor kept these apart on purpose:")
                + " "
                + "; ".join(f"{link} ({link.note})" if link.note else str(link) for link in links)
            )
        return action_page(
            request, self, speakers, title=_("Merge speakers"), intro=intro, form=form
        )

    @admin.action(
        description=gettext_lazy("Link two speakers: same role, disputed name"),
        permissions=["change"],
    )
    def link_as_disputed_name(self, request, queryset):
        speakers = list(queryset[:3])
        if len(speakers) != 2:
            self.message_user(request, _("Select exactly two speakers to link."), messages.WARNING)
            return None
        form = LinkSpeakersForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            try:
                link = curation.link_disputed_name(
                    *speakers, by=request.user, note=form.cleaned_data["note"]
                )
                self.message_user(request, _("Linked: %(link)s.") % {"link": link})
            except curation.CurationError as error:
                self.message_user(request, str(error), messages.ERROR)
            return None
        return action_page(
            request,
            self,
            queryset,
            title=_("Link as same role, disputed name"),
            intro=_(
                "The two speakers stay apart, each keeping the claims that name them; both "
                "pages show the link."
            ),
            form=form,
        )


@admin.register(SpeakerLink)
class SpeakerLinkAdmin(GuardedHistoryAdmin):
    form = SpeakerLinkForm
    list_display = [
        "first_speaker",
        "second_speaker",
        "relation",
        "note",
        "created_by",
        "created_at",
    ]
    list_filter = ["relation"]
    list_select_related = ["first_speaker", "second_speaker", "created_by"]
    autocomplete_fields = ["first_speaker", "second_speaker"]
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
