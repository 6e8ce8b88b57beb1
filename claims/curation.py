"""Curation: the review workflow, editors' edits, speaker merges and links, measures.

Every write an editor makes to a claim goes through `_save` (bulk steps) or `save_edit` (the
review form): the version is bumped, so a form opened before is stale, and the claim records who
touched it and when. A new way of changing claims (an import task, an API) calls these too.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.normalization import normalize_for_matching
from claims.models import (
    Claim,
    Measure,
    OriginOverride,
    OriginRelation,
    Speaker,
    SpeakerAlias,
    SpeakerLink,
    SpeakerMerge,
    SpeakerRelation,
    Status,
)

# The workflow in one table: from each status, where an editor may send a claim.
# extracted → in_review → verified | disputed | rejected; decided claims can be reopened.
TRANSITIONS: dict[str, set[str]] = {
    Status.EXTRACTED: {Status.IN_REVIEW},
    Status.IN_REVIEW: {Status.VERIFIED, Status.DISPUTED, Status.REJECTED},
    Status.VERIFIED: {Status.IN_REVIEW, Status.DISPUTED},
    Status.DISPUTED: {Status.IN_REVIEW, Status.VERIFIED, Status.REJECTED},
    Status.REJECTED: {Status.IN_REVIEW},
}


class CurationError(Exception):
    """A curation step that cannot be done; the message is shown to the editor as is."""


class TransitionError(CurationError):
    pass


def transition_path(current: str, target: str) -> list[str]:
    """The statuses a claim passes through from `current` to `target`, or TransitionError.

    A claim still `extracted` goes through `in_review` on its way to a decision, so that an
    editor walking the machine queue can verify or reject in one step and history still shows
    the workflow.
    """
    if current == target:
        return []
    if target in TRANSITIONS[current]:
        return [target]
    if current == Status.EXTRACTED and target in TRANSITIONS[Status.IN_REVIEW]:
        return [Status.IN_REVIEW, target]
    raise TransitionError(
        _("A claim cannot go from “%(current)s” to “%(target)s”.")
        % {"current": Status(current).label, "target": Status(target).label}
    )


def can_move(current: str, target: str) -> bool:
    """Whether the workflow lets a claim go from `current` to `target` (in one or two steps)."""
    try:
        transition_path(current, target)
    except TransitionError:
        return False
    return True


@dataclass
class Outcome:
    """What a bulk step did, for the admin message."""

    changed: int = 0
    unchanged: int = 0


def _locked(claims: Iterable[Claim] | QuerySet) -> list[Claim]:
    ids = [c.pk for c in claims] if not isinstance(claims, QuerySet) else claims.values("pk")
    return list(Claim.objects.select_for_update().filter(pk__in=ids).order_by("pk"))


def _save(claim: Claim, *, by, reason: str, update_fields: Collection[str] | None = None) -> None:
    # Every curation save bumps the version, so a form opened before it is stale, and says who
    # and when: a later seed load or re-import must see that an editor has been here.
    claim.version += 1
    claim.reviewed_by = by
    claim.reviewed_at = timezone.now()
    claim._history_user = by
    claim._change_reason = reason
    if update_fields is not None:
        update_fields = {*update_fields, "version", "reviewed_by", "reviewed_at", "updated_at"}
    claim.save(update_fields=update_fields)


class StaleEdit(CurationError):
    """The claim changed after the editor opened it: nothing of theirs is written."""

    def __init__(self, loaded: int, current: int, change: Change) -> None:
        super().__init__(
            _("This claim changed (version %(loaded)s → %(current)s) after it was opened.")
            % {"loaded": loaded, "current": current}
        )
        self.loaded, self.current, self.change = loaded, current, change


def check_not_stale(claim: Claim, loaded_version: int | None) -> None:
    """Raise StaleEdit if the stored claim is newer than the version the editor loaded.

    The row stays locked until the surrounding transaction ends, so no other save slips in
    between this check and the write that follows it.
    """
    current = (
        Claim.objects.select_for_update().filter(pk=claim.pk).values_list("version", flat=True)
    ).first()
    if current is None or current == loaded_version:
        return
    loaded = loaded_version or 0
    raise StaleEdit(loaded, current, changes_since(claim, loaded))


def save_edit(
    claim: Claim,
    *,
    loaded_version: int | None,
    by,
    changed: Collection[str],
    reason: str = "",
) -> bool:
    """Write an editor's change of one claim: the only door for the review form (and any
    future editor-facing writer). Checks the version the editor loaded, bumps it, records who and
    when; writes nothing (and returns False) when nothing changed."""
    with transaction.atomic():
        check_not_stale(claim, loaded_version)
        if not changed:
            return False
        claim.version = loaded_version if loaded_version is not None else claim.version
        _save(claim, by=by, reason=reason or _("edited: %s") % ", ".join(sorted(changed)))
    return True


def move_to(claims: Iterable[Claim] | QuerySet, status: str, *, by, note: str = "") -> Outcome:
    """Move claims to `status` along the workflow, recording the reviewer; all or nothing."""
    outcome = Outcome()
    with transaction.atomic():
        rows = _locked(claims)
        for claim in rows:
            transition_path(claim.status, status)  # check all before changing any
        for claim in rows:
            path = transition_path(claim.status, status)
            if not path:
                outcome.unchanged += 1
                continue
            for step in path:
                claim.status = step
                if note and step == status:
                    claim.note = f"{claim.note}\n{note}".strip()
                _save(claim, by=by, reason=f"status → {step}")
            outcome.changed += 1
    return outcome


def start_review(claims: Iterable[Claim] | QuerySet, *, by) -> Outcome:
    return move_to(claims, Status.IN_REVIEW, by=by)


def verify(claims: Iterable[Claim] | QuerySet, *, by) -> Outcome:
    return move_to(claims, Status.VERIFIED, by=by)


def dispute(claims: Iterable[Claim] | QuerySet, *, by, note: str = "") -> Outcome:
    return move_to(claims, Status.DISPUTED, by=by, note=note)


def reject(claims: Iterable[Claim] | QuerySet, *, by, note: str = "") -> Outcome:
    return move_to(claims, Status.REJECTED, by=by, note=note)


# Units of measurement (as opposed to counts of things): a figure in one of these answers only a
# measure in the same unit. Counts ("", "people", "aircraft") answer count measures.
MEASUREMENT_UNITS = frozenset(
    {"km", "m", "miles", "%", "percent", "hours", "minutes", "days", "weeks", "months", "years"}
    | {"usd", "eur", "gbp", "sar", "egp", "try", "tonnes", "hectares", "km2", "litres"}
)
UNIT_SYNONYMS = {"percent": "%", "kilometres": "km", "kilometers": "km", "tons": "tonnes"}


def _unit_key(unit: str) -> str:
    key = unit.strip().casefold()
    return UNIT_SYNONYMS.get(key, key)


def units_conflict(claim_unit: str, measure_unit: str) -> bool:
    """Whether a figure in `claim_unit` cannot answer a measure in `measure_unit`.

    80 km is not a number of people; a count ("", "people") can answer a count measure; a
    measure with no unit takes anything.
    """
    figure, question = _unit_key(claim_unit), _unit_key(measure_unit)
    if not question or figure == question:
        return False
    if figure and question:
        return True
    return (figure or question) in MEASUREMENT_UNITS


def unit_conflict_message(claims: Iterable[Claim], measure: Measure) -> str:
    """The editor-facing refusal for figures whose unit does not fit the measure, or ""."""
    odd = [c for c in claims if units_conflict(c.unit, measure.unit)]
    if not odd:
        return ""
    shown = ", ".join(f"“{c.quote[:40]}” ({c.unit or _('a count')})" for c in odd[:5])
    return _(
        "%(count)s figure(s) are not in the measure's unit (%(unit)s): %(shown)s. Assign them to "
        "a measure in their unit, or tick “assign although the units differ” if the unit was "
        "misread (the override is recorded)."
    ) % {"count": len(odd), "unit": measure.unit, "shown": shown}


def assign_measure(
    claims: Iterable[Claim] | QuerySet,
    measure: Measure | None,
    *,
    by,
    allow_unit_mismatch: bool = False,
) -> Outcome:
    """Link claims to a measure (None unlinks); each change recorded in the claim's history.

    Figures whose unit cannot answer the measure (80 km for a number of people) are refused,
    all or nothing, unless the editor overrides; the override is recorded in the history.
    """
    outcome = Outcome()
    with transaction.atomic():
        rows = _locked(claims)
        problem = unit_conflict_message(rows, measure) if measure else ""
        if problem and not allow_unit_mismatch:
            raise CurationError(problem)
        for claim in rows:
            if claim.measure_id == (measure.pk if measure else None):
                outcome.unchanged += 1
                continue
            claim.measure = measure
            reason = f"measure → {measure}" if measure else "measure removed"
            if measure and units_conflict(claim.unit, measure.unit):
                reason += f" (unit override: {claim.unit or 'count'} → {measure.unit})"
            _save(claim, by=by, reason=reason)
            outcome.changed += 1
    return outcome


def create_measure_from_claims(
    claims: Iterable[Claim] | QuerySet,
    *,
    name: str,
    unit: str = "",
    period: str = "",
    description: str = "",
    by,
    allow_unit_mismatch: bool = False,
) -> Measure:
    """A new measure with the given claims linked to it (units checked as in assign_measure)."""
    name = name.strip()
    if not name:
        raise CurationError(_("A measure needs a name."))
    with transaction.atomic():
        if Measure.objects.filter(name=name).exists():
            raise CurationError(
                _("A measure named “%(name)s” already exists: assign claims to it.")
                % {"name": name}
            )
        measure = Measure(name=name, unit=unit, period=period, description=description)
        measure._history_user = by
        measure.save()
        assign_measure(claims, measure, by=by, allow_unit_mismatch=allow_unit_mismatch)
    return measure


def merge_speakers(keep: Speaker, drop: Speaker, *, by) -> SpeakerMerge:
    """Merge `drop` into `keep`: its claims and aliases move, it stays as a record, pointing on."""
    with transaction.atomic():
        keep, drop = (
            Speaker.objects.select_for_update().get(pk=keep.pk),
            Speaker.objects.select_for_update().get(pk=drop.pk),
        )
        if keep.pk == drop.pk:
            raise CurationError(_("A speaker cannot be merged into itself."))
        if drop.merged_into_id is not None:
            raise CurationError(
                _("“%(drop)s” was already merged into “%(into)s”.")
                % {"drop": drop, "into": drop.merged_into}
            )
        if keep.merged_into_id is not None:
            raise CurationError(
                _("“%(keep)s” was itself merged into “%(into)s”: merge into that one.")
                % {"keep": keep, "into": keep.merged_into}
            )
        claims = list(Claim.objects.select_for_update().filter(speaker=drop).order_by("pk"))
        for claim in claims:
            claim.speaker = keep
            _save(claim, by=by, reason=f"speaker merged: {drop.name} → {keep.name}")
        known = set(keep.aliases.values_list("normalized", flat=True))
        moved_aliases = 0
        # The dropped speaker's own name becomes an alias of the kept one too.
        for alias in [*drop.aliases.all(), SpeakerAlias(speaker=drop, name=drop.name)]:
            key = normalize_for_matching(alias.name)
            alias._history_user = by
            if key in known:
                if alias.pk:
                    alias.delete()
                continue
            known.add(key)
            alias.speaker = keep
            alias.save()
            moved_aliases += 1
        # Links follow the kept speaker; a link between the two merged speakers is now moot.
        for link in SpeakerLink.objects.filter(SpeakerLink.involving(drop)):
            other = link.other(drop)
            link._history_user = by
            link.delete()
            if other.pk != keep.pk:
                _link(keep, other, relation=link.relation, note=link.note, by=by)
        drop.merged_into = keep
        drop._history_user = by
        drop._change_reason = f"merged into {keep.name}"
        drop.save()
        return SpeakerMerge.objects.create(
            kept=keep,
            dropped=drop,
            merged_by=by,
            claims_moved=len(claims),
            aliases_moved=moved_aliases,
            claim_ids=[c.pk for c in claims],
        )


def _link(a: Speaker, b: Speaker, *, relation: str, note: str, by) -> SpeakerLink:
    pair = SpeakerLink.pair(a, b)
    link = SpeakerLink.objects.filter(**pair).first() or SpeakerLink(**pair, created_by=by)
    link.relation = relation
    link.note = note
    link._history_user = by
    link.save()
    return link


def link_disputed_name(
    a: Speaker,
    b: Speaker,
    *,
    by,
    note: str = "",
    relation: str = SpeakerRelation.SAME_ROLE_DISPUTED_NAME,
) -> SpeakerLink:
    """Keep two speakers apart but record that outlets name the same office differently."""
    if a.pk == b.pk:
        raise CurationError(_("A speaker cannot be linked to itself."))
    if a.merged_into_id or b.merged_into_id:
        raise CurationError(
            _("A merged speaker cannot be linked: link the speaker it was merged into.")
        )
    try:
        with transaction.atomic():
            return _link(a, b, relation=relation, note=note, by=by)
    except IntegrityError as error:  # a concurrent editor linked the same pair
        raise CurationError(_("These speakers were just linked by someone else.")) from error


def decide_origin(one: Claim, other: Claim, relation: str, *, by, note: str = "") -> OriginOverride:
    """Record an editor's word that two claims come from one source (OriginRelation.SAME) or
    from independent ones (INDEPENDENT); a second decision on the pair replaces the first, and
    both are in the decision's history. claims.sources lets it win over its own rules."""
    if one.pk == other.pk:
        raise CurationError(_("A claim is one source with itself: choose two claims."))
    if relation not in OriginRelation.values:
        raise CurationError(_("Unknown source decision: %(relation)s") % {"relation": relation})
    with transaction.atomic():
        pair = OriginOverride.pair(one, other)
        decision = OriginOverride.objects.select_for_update().filter(**pair).first()
        decision = decision or OriginOverride(**pair)
        decision.relation = relation
        decision.note = note or decision.note
        decision.decided_by = by
        decision._history_user = by
        decision.save()
    return decision


def decide_origins(claims: Iterable[Claim], relation: str, *, by, note: str = "") -> int:
    """One decision for a selection: SAME joins each claim to the first (lowest id), so they
    all end up one source; INDEPENDENT sets every pair apart. Returns the decisions written."""
    rows = sorted(claims, key=lambda claim: claim.pk)
    if len(rows) < 2:
        raise CurationError(_("Select at least two claims."))
    if relation == OriginRelation.SAME:
        pairs = [(rows[0], claim) for claim in rows[1:]]
    else:
        pairs = [(a, b) for i, a in enumerate(rows) for b in rows[i + 1 :]]
    with transaction.atomic():
        for a, b in pairs:
            decide_origin(a, b, relation, by=by, note=note)
    return len(pairs)


@dataclass
class Change:
    """Someone else's change to a claim since a given version: who, when, which fields."""

    user: object | None = None
    when: object | None = None
    fields: list[tuple[str, str, str]] = field(default_factory=list)


# Bookkeeping fields that change on every save: not what an editor needs to compare.
_NOT_COMPARED = ["version", "reviewed_at", "updated_at", "created_at"]


def changes_since(claim: Claim, version: int) -> Change:
    """What changed in the claim after `version`, read from its history."""
    history = claim.history.order_by("-history_date", "-history_id")
    latest = history.first()
    seen = history.filter(version=version).first()
    if latest is None:
        return Change()
    change = Change(user=latest.history_user, when=latest.history_date)
    if seen is None or seen.history_id == latest.history_id:
        return change
    delta = latest.diff_against(seen, excluded_fields=_NOT_COMPARED)
    for item in delta.changes:
        model_field = Claim._meta.get_field(item.field)
        old, new = item.old, item.new
        if model_field.is_relation:
            related = model_field.related_model._default_manager.in_bulk(
                [pk for pk in (old, new) if pk is not None]
            )
            old, new = related.get(old, old), related.get(new, new)
        change.fields.append(
            (str(model_field.verbose_name), "—" if old in (None, "") else str(old), str(new))
        )
    return change
