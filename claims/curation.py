"""Curation: the review workflow, speaker merges and links, measures built from claims."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from articles.normalization import normalize_for_matching
from claims.models import (
    Claim,
    Measure,
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
        f"A claim cannot go from “{Status(current).label}” to “{Status(target).label}”."
    )


@dataclass
class Outcome:
    """What a bulk step did, for the admin message."""

    changed: int = 0
    unchanged: int = 0


def _locked(claims: Iterable[Claim] | QuerySet) -> list[Claim]:
    ids = [c.pk for c in claims] if not isinstance(claims, QuerySet) else claims.values("pk")
    return list(Claim.objects.select_for_update().filter(pk__in=ids).order_by("pk"))


def _save(claim: Claim, *, by, reason: str) -> None:
    # Every curation save bumps the version, so a form opened before it is stale.
    claim.version += 1
    claim._history_user = by
    claim._change_reason = reason
    claim.save()


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
                claim.reviewed_by = by
                claim.reviewed_at = timezone.now()
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


def assign_measure(claims: Iterable[Claim] | QuerySet, measure: Measure | None, *, by) -> Outcome:
    """Link claims to a measure (None unlinks); each change recorded in the claim's history."""
    outcome = Outcome()
    with transaction.atomic():
        for claim in _locked(claims):
            if claim.measure_id == (measure.pk if measure else None):
                outcome.unchanged += 1
                continue
            claim.measure = measure
            _save(claim, by=by, reason=f"measure → {measure}" if measure else "measure removed")
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
) -> Measure:
    """A new measure with the given claims linked to it."""
    name = name.strip()
    if not name:
        raise CurationError("A measure needs a name.")
    with transaction.atomic():
        if Measure.objects.filter(name=name).exists():
            raise CurationError(f"A measure named “{name}” already exists: assign claims to it.")
        measure = Measure(name=name, unit=unit, period=period, description=description)
        measure._history_user = by
        measure.save()
        assign_measure(claims, measure, by=by)
    return measure


def merge_speakers(keep: Speaker, drop: Speaker, *, by) -> SpeakerMerge:
    """Merge `drop` into `keep`: its claims and aliases move, it stays as a record, pointing on."""
    with transaction.atomic():
        keep, drop = (
            Speaker.objects.select_for_update().get(pk=keep.pk),
            Speaker.objects.select_for_update().get(pk=drop.pk),
        )
        if keep.pk == drop.pk:
            raise CurationError("A speaker cannot be merged into itself.")
        if drop.merged_into_id is not None:
            raise CurationError(f"“{drop}” was already merged into “{drop.merged_into}”.")
        if keep.merged_into_id is not None:
            raise CurationError(
                f"“{keep}” was itself merged into “{keep.merged_into}”: merge into that one."
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
        for link in SpeakerLink.objects.filter(a=drop) | SpeakerLink.objects.filter(b=drop):
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
    a, b = sorted((a, b), key=lambda s: s.pk)
    link = SpeakerLink.objects.filter(a=a, b=b).first() or SpeakerLink(a=a, b=b, created_by=by)
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
        raise CurationError("A speaker cannot be linked to itself.")
    if a.merged_into_id or b.merged_into_id:
        raise CurationError(
            "A merged speaker cannot be linked: link the speaker it was merged into."
        )
    try:
        with transaction.atomic():
            return _link(a, b, relation=relation, note=note, by=by)
    except IntegrityError as error:  # a concurrent editor linked the same pair
        raise CurationError("These speakers were just linked by someone else.") from error


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
