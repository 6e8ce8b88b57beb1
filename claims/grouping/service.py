"""Computing and storing measure suggestions: which claims without a measure fit which curated
measure, and which of them form proposed measures. Only our own tables are written here: a
claim's measure changes only when an editor accepts (claims.grouping.decisions)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from articles.models import Outlet, OutletAlias
from claims.grouping import profiles as profiling
from claims.grouping.conflicts import refresh_measures, refresh_proposals
from claims.grouping.profiles import Profile
from claims.grouping.score import DATES_APART_DAYS, GROUP_AT, LIST_AT, Match, rules_out, score_pair
from claims.models import (
    Claim,
    ClaimProfile,
    Measure,
    MeasureProfile,
    MeasureProposal,
    MeasureSuggestion,
    ProposalStatus,
    RefreshMark,
    RejectedPairing,
    Status,
    SuggestionStatus,
)

# Curated measures listed per claim, best first.
MEASURES_LISTED = 3
# Claims without a measure read per counted thing as partners for new proposals: the newest
# ones (within the date window of the batch), so that the work per batch stays bounded.
LONE_CLAIMS_READ = 500
# A measure's profile reads at most this many of its claims' profiles.
MEASURE_CLAIMS_READ = 200
BATCH = 2000
COMMON_NAME_POSTINGS = 50
CURATED_MARK = "curated measures"


def eligible_claims(claim_ids: Sequence[int]):
    """The claims among `claim_ids` the machine may suggest a measure for: without a measure,
    not rejected, and not a claim whose measure an editor removed."""
    claims = Claim.objects.filter(pk__in=claim_ids, measure__isnull=True).exclude(
        status=Status.REJECTED
    )
    cleared = Claim.history.filter(
        id__in=claim_ids, history_change_reason="measure removed"
    ).values("id")
    return claims.exclude(pk__in=cleared)


def outlet_words() -> frozenset[str]:
    """Outlets' names as name forms: an outlet carrying a figure is not a place it counts."""
    names = [
        *Outlet.objects.values_list("name", "name_ar", "name_en"),
        *((n, "", "") for n in OutletAlias.objects.values_list("name", flat=True)),
    ]
    forms: set[str] = set()
    for row in names:
        for name in row:
            if name:
                forms |= profiling._name_forms(name)
    return frozenset(forms)


def store_profiles(claims: Sequence[Claim], words: frozenset[str]) -> dict[int, Profile]:
    """Compute and store the claims' profiles (replacing earlier ones)."""
    found = {
        c.pk: profiling.profile_of_claim(c, c.article.body, outlet_words=words) for c in claims
    }
    ClaimProfile.objects.filter(claim_id__in=list(found)).delete()
    ClaimProfile.objects.bulk_create(
        [ClaimProfile(claim_id=pk, **p.stored()) for pk, p in found.items()], batch_size=BATCH
    )
    return found


def refresh_curated() -> list[int]:
    """Bring what is kept of curated measures up to date (profiles, conflict rows): new
    measures, and measures whose claims changed since the last refresh. Returns their ids."""
    with transaction.atomic():
        stale = refresh_measure_profiles()
        refresh_measures(stale)
    return stale


def changed_claims(*, since) -> set[int]:
    """Claims saved after `since` (the updated_at index) or with a history row since (edited,
    moved to another measure or out of one, deleted)."""
    changed = set(Claim.objects.filter(updated_at__gt=since).values_list("pk", flat=True))
    changed |= set(
        Claim.history.filter(history_date__gt=since).values_list("id", flat=True).distinct()
    )
    return changed


def measures_of(claim_ids: set[int]) -> set[int]:
    """Every measure these claims are in or were in (their history says which)."""
    measures: set[int] = set()
    ids = sorted(claim_ids)
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        measures |= set(
            Claim.objects.filter(pk__in=chunk, measure__isnull=False).values_list(
                "measure_id", flat=True
            )
        )
        measures |= set(
            Claim.history.filter(id__in=chunk, measure__isnull=False).values_list(
                "measure_id", flat=True
            )
        )
    return measures


def refresh_measure_profiles() -> list[int]:
    """Bring measure profiles up to date: new measures, and measures whose claims changed since
    their profile was made. Returns the ids of the measures refreshed."""
    # The mark is read and moved in one locked row: two refreshes never skip a change between.
    now = timezone.now()
    mark, created = RefreshMark.objects.select_for_update().get_or_create(
        name=CURATED_MARK, defaults={"at": now}
    )
    stale = set(Measure.objects.filter(profile__isnull=True).values_list("pk", flat=True))
    if not created:
        changed = changed_claims(since=mark.at)
        if changed or stale:  # nothing changed since: the mark may stay where it is
            stale |= measures_of(changed)
            mark.at = now
            mark.save(update_fields=["at"])
    ids = sorted(stale)
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        members: dict[int, list[Profile]] = defaultdict(list)
        for row in ClaimProfile.objects.filter(claim__measure__in=chunk).select_related("claim")[
            : MEASURE_CLAIMS_READ * len(chunk)
        ]:
            members[row.claim.measure_id].append(profiling.from_row(row))
        rows = []
        for measure in Measure.objects.filter(pk__in=chunk):
            profile = profiling.profile_of_measure(measure, members.get(measure.pk, []))
            rows.append(MeasureProfile(measure=measure, **profile.stored()))
        MeasureProfile.objects.filter(measure_id__in=chunk).delete()
        MeasureProfile.objects.bulk_create(rows)
    return ids


class NameIndex:
    """Profiles of one counted thing, found by the names they share with a figure (an inverted
    index: a measure of the Tripoli front is a candidate for a figure that names Tripoli, not for
    every count of fighters), and by event. A figure that names nothing, and profiles that name
    nothing, fall back to every profile of a compatible event."""

    def __init__(self) -> None:
        self.items: list[tuple[int, Profile]] = []
        self.by_name: dict[str, list[int]] = defaultdict(list)
        self.unnamed: list[int] = []

    def add(self, key: int, profile: Profile) -> None:
        index = len(self.items)
        self.items.append((key, profile))
        for name in profile.names:
            self.by_name[name].append(index)
        if not profile.names:
            self.unnamed.append(index)

    def candidates(self, profile: Profile):
        # A name most profiles share (a country, a common word of titles) selects nothing.
        common = max(COMMON_NAME_POSTINGS, len(self.items) // 20)
        hits: set[int] = set(self.unnamed)
        for name in profile.names:
            postings = self.by_name.get(name, ())
            if len(postings) <= common:
                hits.update(postings)
        found: Iterable[int] = sorted(hits) if profile.names else range(len(self.items))
        for index in found:
            key, other = self.items[index]
            if not (profile.event and other.event and profile.event != other.event):
                yield key, other


@dataclass
class Group:
    """An open proposal being filled: its members' profiles and their matches."""

    proposal: MeasureProposal | None
    members: list[Profile] = field(default_factory=list)
    matches: dict[int, Match] = field(default_factory=dict)
    changed: bool = False


def _claim_profile(row: ClaimProfile) -> Profile:
    claim = row.claim
    return profiling.from_row(
        row,
        claim_id=claim.pk,
        article_id=claim.article_id,
        speaker_id=claim.speaker_id,
        repeats_id=claim.repeats_id,
    )


def _window(dates: list[datetime.date]) -> Q:
    if not dates:
        return Q()
    reach = datetime.timedelta(days=DATES_APART_DAYS)
    return Q(first_on__isnull=True) | Q(
        first_on__gte=min(dates) - reach, first_on__lte=max(dates) + reach
    )


def suggest_for_claims(claim_ids: Sequence[int]) -> int:
    """Suggest measures for these claims (a batch of any size): ranked curated measures, and
    proposed measures for those that fit none. Earlier open suggestions of the claims are
    recomputed; decided ones (accepted, rejected) stay and are never proposed again. Writes no
    claim and no measure. Returns the number of suggestions written."""
    with transaction.atomic():
        # Open suggestions are recomputed; those of claims an editor has since filed (or whose
        # measure an editor removed) are withdrawn and not made again.
        touched = _withdraw_open_suggestions(list(claim_ids))
        claims = list(eligible_claims(claim_ids).select_related("article").order_by("pk"))
        if not claims:
            _drop_empty_proposals()
            refresh_proposals(touched)
            return 0
        new = store_profiles(claims, outlet_words())
        ids = list(new)
        things = sorted({p.thing for p in new.values() if p.thing})
        refresh_curated()
        measures: dict[str, NameIndex] = defaultdict(NameIndex)
        for row in MeasureProfile.objects.filter(thing__in=things):
            measures[row.thing].add(row.measure_id, profiling.from_row(row))
        groups = _open_groups(things)
        lone = _lone_claims(things, new)
        rejected_measures, rejected_proposals, rejected_pairs = _rejections(ids)
        suggestions: list[MeasureSuggestion] = []
        for claim_id, profile in new.items():
            if not profile.thing:
                continue
            ranked = sorted(
                (
                    (score_pair(profile, measure_profile), measure_id)
                    for measure_id, measure_profile in measures[profile.thing].candidates(profile)
                    if not rules_out(profile, measure_profile)
                    and (claim_id, measure_id) not in rejected_measures
                ),
                key=lambda item: (-item[0].score, item[1]),
            )
            ranked = [(m, pk) for m, pk in ranked if not m.veto and m.score >= LIST_AT]
            for rank, (match, measure_id) in enumerate(ranked[:MEASURES_LISTED], 1):
                suggestions.append(
                    MeasureSuggestion(
                        claim_id=claim_id,
                        measure_id=measure_id,
                        score=match.score,
                        parts=match.parts,
                        rank=rank,
                    )
                )
            if ranked and ranked[0][0].groups:
                continue
            group, match = _best_group(
                profile, groups[profile.thing], rejected_pairs, rejected_proposals
            )
            if group is None:
                group, match = _pair_with_lone(profile, lone[profile.thing], rejected_pairs)
                if group is None:
                    pool = lone[profile.thing]
                    pool.append(profile)
                    if len(pool) > LONE_CLAIMS_READ:  # the newest partners are kept
                        del pool[0]
                    continue
                groups[profile.thing].append(group)
            group.members.append(profile)
            group.matches[claim_id] = match
            group.changed = True
        MeasureSuggestion.objects.bulk_create(suggestions, batch_size=BATCH)
        touched |= {g.proposal.pk for gs in groups.values() for g in gs if g.changed and g.proposal}
        written = len(suggestions) + _store_groups(groups)
        touched |= {g.proposal.pk for gs in groups.values() for g in gs if g.proposal}
        _drop_empty_proposals()
        refresh_proposals(touched)
    return written


def _withdraw_open_suggestions(claim_ids: list[int]) -> set[int]:
    """Delete the claims' open suggestions; returns the proposals they were in."""
    open_suggestions = MeasureSuggestion.objects.filter(
        claim_id__in=claim_ids, status=SuggestionStatus.SUGGESTED
    )
    proposals = set(
        open_suggestions.filter(proposal__isnull=False).values_list("proposal_id", flat=True)
    )
    open_suggestions.delete()
    return proposals


def _drop_empty_proposals() -> None:
    """Open proposals left with fewer than two claims propose nothing."""
    for proposal in (
        MeasureProposal.objects.filter(status=ProposalStatus.OPEN)
        .annotate(
            members=Count("suggestions", filter=Q(suggestions__status=SuggestionStatus.SUGGESTED))
        )
        .filter(members__lt=2)
    ):
        proposal.delete()


def _open_groups(things: list[str]) -> dict[str, list[Group]]:
    groups: dict[str, list[Group]] = defaultdict(list)
    by_id: dict[int, Group] = {}
    for proposal in MeasureProposal.objects.filter(thing__in=things, status=ProposalStatus.OPEN):
        group = Group(proposal)
        by_id[proposal.pk] = group
        groups[proposal.thing].append(group)
    for suggestion in MeasureSuggestion.objects.filter(
        proposal__in=list(by_id), status=SuggestionStatus.SUGGESTED
    ).select_related("claim__profile", "claim"):
        profile_row = getattr(suggestion.claim, "profile", None)
        if profile_row is not None:
            by_id[suggestion.proposal_id].members.append(_claim_profile(profile_row))
    return groups


def _lone_claims(things: list[str], new: dict[int, Profile]) -> dict[str, list[Profile]]:
    """Stored claims without a measure or a suggestion, per thing: partners for proposals."""
    dates = [p.first_on for p in new.values() if p.first_on]
    lone: dict[str, list[Profile]] = defaultdict(list)
    busy = MeasureSuggestion.objects.filter(
        status__in=[SuggestionStatus.SUGGESTED, SuggestionStatus.ACCEPTED]
    ).values("claim_id")
    for thing in things:
        rows = (
            ClaimProfile.objects.filter(_window(dates), thing=thing, claim__measure__isnull=True)
            .exclude(claim_id__in=list(new))
            .exclude(claim__status=Status.REJECTED)
            .exclude(claim_id__in=busy)
            .select_related("claim")
            .order_by("-claim_id")[:LONE_CLAIMS_READ]
        )
        lone[thing] = [_claim_profile(row) for row in rows]
    return lone


def _rejections(claim_ids: list[int]):
    measures, proposals = set(), set()
    for claim_id, measure_id, proposal_id in MeasureSuggestion.objects.filter(
        claim_id__in=claim_ids, status=SuggestionStatus.REJECTED
    ).values_list("claim_id", "measure_id", "proposal_id"):
        if measure_id:
            measures.add((claim_id, measure_id))
        if proposal_id:
            proposals.add((claim_id, proposal_id))
    pairs = set()
    for first, second in RejectedPairing.objects.filter(
        Q(first_claim__in=claim_ids) | Q(second_claim__in=claim_ids)
    ).values_list("first_claim_id", "second_claim_id"):
        pairs.add((first, second))
        pairs.add((second, first))
    return measures, proposals, pairs


def _fits(profile: Profile, members: list[Profile], rejected_pairs) -> Match | None:
    """The best match of a figure with a group's members, or None when any member rules it out
    (one veto is enough: every figure of a proposal must answer the same question)."""
    best: Match | None = None
    total = 0
    for member in members:
        if (profile.claim_id, member.claim_id) in rejected_pairs:
            return None
        match = score_pair(profile, member)
        if match.veto:
            return None
        total += match.score
        if best is None or match.score > best.score:
            best = match
    if best is None or total < GROUP_AT * len(members):
        return None  # on average the figure must fit every member, not one
    return best


def _best_group(profile: Profile, groups: list[Group], rejected_pairs, rejected_proposals):
    best: tuple[Group | None, Match | None] = (None, None)
    for group in groups:
        if group.proposal and (profile.claim_id, group.proposal.pk) in rejected_proposals:
            continue
        if any(rules_out(profile, member) for member in group.members):
            continue
        match = _fits(profile, group.members, rejected_pairs)
        if match and match.groups and (best[1] is None or match.score > best[1].score):
            best = (group, match)
    return best


def _pair_with_lone(profile: Profile, lone: list[Profile], rejected_pairs):
    best: tuple[Profile | None, Match | None] = (None, None)
    for other in lone:
        if rules_out(profile, other) or (profile.claim_id, other.claim_id) in rejected_pairs:
            continue
        match = score_pair(profile, other)
        if match.groups and (best[1] is None or match.score > best[1].score):
            best = (other, match)
    partner, match = best
    if partner is None:
        return None, None
    lone.remove(partner)
    group = Group(None, members=[partner], matches={partner.claim_id: match}, changed=True)
    return group, match


def proposal_label(members: list[Profile]) -> str:
    """A proposed measure's label: the counted noun, the place and the month ("المرتزقة ·
    طرابلس · May 2020"; a distance: "distance · بني وليد–طرابلس")."""
    first = members[0]
    thing = first.label_words.get("thing", "") or first.thing
    place_key = "place"
    if first.thing == "distance":
        thing, place_key = _("distance"), "ends"
    places = [p.label_words[place_key] for p in members if p.label_words.get(place_key)]
    place = max(places, key=places.count) if places else ""
    dates = sorted(p.first_on for p in members if p.first_on)
    month = date_format(dates[0], "F Y") if dates else ""
    return " · ".join(part for part in (thing, place, month) if part)[:300]


PROPOSAL_FIELDS = ["thing", "unit", "event", "names", "first_on", "last_on", "low", "high", "score"]


def _store_groups(groups: dict[str, list[Group]]) -> int:
    """Write the new and grown proposals and their suggestions, in bulk."""
    changed = [g for gs in groups.values() for g in gs if g.changed]
    _with_label_words([g for g in changed if g.proposal is None])
    new: list[MeasureProposal] = []
    grown: list[MeasureProposal] = []
    for group in changed:
        members = group.members
        dates = [d for p in members for d in (p.first_on, p.last_on) if d]
        lows = [p.low for p in members if p.low is not None]
        highs = [p.high for p in members if p.high is not None]
        fields = {
            "thing": members[0].thing,
            "unit": members[0].unit,
            "event": next((p.event for p in members if p.event), ""),
            "names": profiling._padded(set().union(*(p.names for p in members))),
            "first_on": min(dates) if dates else None,
            "last_on": max(dates) if dates else None,
            "low": min(lows) if lows else None,
            "high": max(highs) if highs else None,
            "score": min(m.score for m in group.matches.values()) if group.matches else 0,
        }
        if group.proposal is None:
            group.proposal = MeasureProposal(label=proposal_label(members), **fields)
            new.append(group.proposal)
        else:
            for name, value in fields.items():
                setattr(group.proposal, name, value)
            grown.append(group.proposal)
    if new:
        bulk_create_with_history(new, MeasureProposal, batch_size=BATCH)
    if grown:
        MeasureProposal.objects.bulk_update(grown, PROPOSAL_FIELDS, batch_size=BATCH)
    rows = [
        MeasureSuggestion(
            claim_id=claim_id, proposal=group.proposal, score=match.score, parts=match.parts
        )
        for group in changed
        for claim_id, match in group.matches.items()
    ]
    MeasureSuggestion.objects.bulk_create(rows, batch_size=BATCH)
    for group in changed:
        group.matches = {}
        group.changed = False
    return len(rows)


def _with_label_words(groups: list[Group]) -> None:
    """Members read back from the table lack the words a label is made of: read them again from
    their articles, in one query for all the groups."""
    missing = {p.claim_id for g in groups for p in g.members if not p.label_words}
    if not missing:
        return
    words = outlet_words()
    again = {
        c.pk: profiling.profile_of_claim(c, c.article.body, outlet_words=words)
        for c in Claim.objects.filter(pk__in=missing).select_related("article")
    }
    for group in groups:
        for member in group.members:
            if not member.label_words and member.claim_id in again:
                member.label_words = again[member.claim_id].label_words


def suggest_missing() -> int:
    """Suggestions for every claim without a measure that has no profile yet (the command's
    first step, and a catch-up after a bulk load)."""
    written = 0
    pending = (
        Claim.objects.filter(measure__isnull=True, profile__isnull=True)
        .exclude(status=Status.REJECTED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    ids = list(pending)
    for start in range(0, len(ids), BATCH):
        written += suggest_for_claims(ids[start : start + BATCH])
    return written


@dataclass
class SuggestedGroup:
    """A question the suggestions put claims under: an open proposal, or a curated measure with
    the claims suggested for it (beside those it has)."""

    label: str
    score: float
    claims: list[Claim]
    proposal: MeasureProposal | None = None
    measure: Measure | None = None


def current_groups() -> list[SuggestedGroup]:
    """Open proposals and curated measures that have pending suggestions, best score first;
    a measure's claims come first, then the claims suggested for it (rank 1, grouping score)."""
    groups: list[SuggestedGroup] = []
    related = ("article", "speaker", "outlet")
    by_proposal: dict[int, list[Claim]] = defaultdict(list)
    open_suggestions = MeasureSuggestion.objects.filter(
        status=SuggestionStatus.SUGGESTED,
        proposal__status=ProposalStatus.OPEN,
        claim__measure__isnull=True,  # an editor filed it elsewhere meanwhile
    ).select_related(*(f"claim__{r}" for r in related))
    for suggestion in open_suggestions.order_by("proposal_id", "claim_id"):
        by_proposal[suggestion.proposal_id].append(suggestion.claim)
    for proposal in MeasureProposal.objects.filter(pk__in=list(by_proposal)):
        groups.append(
            SuggestedGroup(proposal.label, proposal.score, by_proposal[proposal.pk], proposal)
        )
    by_measure: dict[int, list[tuple[float, Claim]]] = defaultdict(list)
    for suggestion in MeasureSuggestion.objects.filter(
        status=SuggestionStatus.SUGGESTED,
        measure__isnull=False,
        rank=1,
        score__gte=GROUP_AT,
        claim__measure__isnull=True,
    ).select_related(*(f"claim__{r}" for r in related)):
        by_measure[suggestion.measure_id].append((suggestion.score, suggestion.claim))
    for measure in Measure.objects.filter(pk__in=list(by_measure)):
        own = list(measure.claims.select_related(*related).order_by("pk"))
        suggested = sorted(by_measure[measure.pk], key=lambda item: item[1].pk)
        groups.append(
            SuggestedGroup(
                measure.name,
                min(score for score, _ in suggested),
                own + [claim for _, claim in suggested],
                measure=measure,
            )
        )
    groups.sort(key=lambda g: (-g.score, g.label))
    return groups
