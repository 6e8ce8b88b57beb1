"""What changes claim data: storing machine-found candidates and linking speakers and outlets."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from articles.importing import find_outlet
from articles.models import Article, Outlet, OutletKind
from articles.normalization import normalize_for_matching
from claims.models import Claim, ClaimRelay, ExtractionMethod, Speaker, SpeakerAlias, SpeakerKind

# Words that stand for "the agency / the paper" already named: not outlets of their own.
GENERIC_OUTLET_WORDS = {
    normalize_for_matching(word)
    for word in ("الوكالة", "الصحيفة", "القناة", "الموقع", "the agency", "the newspaper")
}


def find_speaker(name: str) -> Speaker | None:
    """The active speaker known by this name or one of its aliases, matched after normalization."""
    key = normalize_for_matching(name)
    alias = (
        SpeakerAlias.objects.filter(normalized=key, speaker__merged_into__isnull=True)
        .select_related("speaker")
        .order_by("speaker_id")
        .first()
    )
    return alias.speaker if alias else None


def get_or_create_speaker(name: str, *, kind: str = SpeakerKind.PERSON) -> Speaker:
    """The speaker of this name, created with the name as its first alias when new."""
    return find_speaker(name) or _create_speaker(name, kind)


def _create_speaker(name: str, kind: str, role: str = "") -> Speaker:
    speaker = Speaker.objects.create(name=name, kind=kind, role=role[:300])
    SpeakerAlias.objects.create(speaker=speaker, name=name)
    return speaker


def relay_outlet(name: str) -> Outlet | None:
    """The outlet a relay names, created when new; None for words like "the agency"."""
    if normalize_for_matching(name) in GENERIC_OUTLET_WORDS:
        return None
    return find_outlet(name) or Outlet.objects.create(name=name, kind=OutletKind.OTHER)


def _speaker_for(name: str, role: str = "") -> Speaker:
    """The speaker a candidate names; whether the name is an outlet matters only when new, and a
    new speaker keeps the title or office the text gave with the name (العقيد، وزير الصحة)."""
    speaker = find_speaker(name)
    if speaker is None:
        kind = SpeakerKind.OUTLET if find_outlet(name) else SpeakerKind.PERSON
        speaker = _create_speaker(name, kind, role)
    return speaker


def _narrator(article: Article) -> Speaker | None:
    """A figure with no reporting verb is the narrator's: the article's own outlet, if known."""
    outlet = article.outlet
    return get_or_create_speaker(outlet.name, kind=SpeakerKind.OUTLET) if outlet else None


def store_candidates(article: Article, candidates: Sequence) -> int:
    """Store extraction candidates as `extracted` claims of the article; returns claims written.

    Curated claims (anything an editor touched) are never changed or deleted, and no candidate
    is stored over a curated claim's span. Untouched machine claims are refreshed: updated in
    place when the span is the same, deleted when the extractor no longer finds them.
    """
    existing = {(c.start, c.end): c for c in Claim.objects.filter(article=article)}
    curated_spans = [(s, e) for (s, e), claim in existing.items() if claim.is_curated]
    kept: set[tuple[int, int]] = set()
    to_create: list[Claim] = []
    relays: dict[tuple[int, int], list[Outlet]] = {}
    repeats: dict[tuple[int, int], tuple[int, int] | None] = {}
    # An article names the same speaker for several figures: look each name up once.
    speakers: dict[str, Speaker | None] = {}

    def speaker_of(name: str | None, role: str) -> Speaker | None:
        key = name or ""
        if key not in speakers:
            speakers[key] = _speaker_for(name, role) if name else _narrator(article)
        return speakers[key]

    for candidate in candidates:
        span = (candidate.start, candidate.end)
        if any(s < candidate.end and candidate.start < e for s, e in curated_spans):
            continue
        fields = {
            "speaker": speaker_of(candidate.speaker, candidate.speaker_role),
            # As the text names them: the role with the name (العقيد محمد قنونو).
            "speaker_text": " ".join(
                part for part in (candidate.speaker_role, candidate.speaker or "") if part
            )[:300],
            "value": candidate.value,
            "lower": candidate.lower,
            "upper": candidate.upper,
            "qualifier": candidate.qualifier,
            "unit": candidate.unit[:50],
            "counted": candidate.counted[:300],
            "quote": candidate.quote,
            "prefix": candidate.prefix[:64],
            "suffix": candidate.suffix[:64],
            "confidence": candidate.confidence,
            "extraction_method": ExtractionMethod.RULES,
        }
        relays[span] = [o for o in map(relay_outlet, candidate.relay) if o is not None]
        repeats[span] = candidate.repeats
        kept.add(span)
        if span in existing:
            claim = existing[span]
            # Re-extraction that finds the same thing writes nothing (no history row).
            if any(_differs(claim, name, value) for name, value in fields.items()):
                for name, value in fields.items():
                    setattr(claim, name, value)
                claim.save()
        else:
            claim = Claim(article=article, start=span[0], end=span[1], **fields)
            claim.copy_article_fields()  # bulk_create skips save()
            claim.refresh_search_text()
            to_create.append(claim)
    stale = [c.pk for span, c in existing.items() if span not in kept and not c.is_curated]
    Claim.objects.filter(pk__in=stale).delete()
    created = bulk_create_with_history(to_create, Claim) if to_create else []
    by_span = {(c.start, c.end): c for c in Claim.objects.filter(article=article)}
    rechained = _replace_relays(
        (by_span[span], outlets) for span, outlets in relays.items() if span in by_span
    )
    _link_headlines(by_span, repeats)
    # bulk_create sends no signal: the names (speaker, outlet, relays) of new or re-chained
    # claims go into their search documents here, in one UPDATE.
    renamed = {c.pk for c in created} | set(rechained)
    if renamed:
        Claim.objects.filter(pk__in=renamed).refresh_search_names()
    return len(created) + sum(1 for span in kept if span in existing)


def _link_headlines(
    by_span: dict[tuple[int, int], Claim], repeats: dict[tuple[int, int], tuple[int, int] | None]
) -> None:
    """Point each stored headline figure at the body claim it repeats (or at none)."""
    changed = []
    for span, target in repeats.items():
        claim = by_span.get(span)
        body = by_span.get(target) if target else None
        if claim is None or claim.is_curated:
            continue  # an editor's claim keeps what the editor left
        if claim.repeats_id != (body.pk if body else None):
            claim.repeats = body
            changed.append(claim)
    if changed:
        Claim.objects.bulk_update(changed, ["repeats"])


def _differs(claim: Claim, name: str, value: object) -> bool:
    if name == "speaker":  # by id: comparing instances would load each claim's speaker
        return claim.speaker_id != getattr(value, "pk", None)
    return getattr(claim, name) != value


def _replace_relays(chains: Iterable[tuple[Claim, list[Outlet]]]) -> list[int]:
    """Give each claim its relay chain; a chain that is already right is not rewritten.
    Returns the ids of the claims whose chain was written."""
    chains = list(chains)
    current: dict[int, list[int]] = {}
    for claim_id, outlet_id in (
        ClaimRelay.objects.filter(claim__in=[claim for claim, _ in chains])
        .order_by("claim_id", "position")
        .values_list("claim_id", "outlet_id")
    ):
        current.setdefault(claim_id, []).append(outlet_id)
    rows: list[ClaimRelay] = []
    claim_ids: list[int] = []
    for claim, outlets in chains:
        unique = list(dict.fromkeys(outlets))
        if current.get(claim.pk, []) == [o.pk for o in unique]:
            continue
        claim_ids.append(claim.pk)
        rows += [ClaimRelay(claim=claim, outlet=o, position=i) for i, o in enumerate(unique, 1)]
    ClaimRelay.objects.filter(claim_id__in=claim_ids).delete()
    ClaimRelay.objects.bulk_create(rows)
    return claim_ids


def store_candidate_claims(article: Article, created: bool) -> int:
    """Import hook: extract the article's candidate claims and store them."""
    from claims.extraction import extract_claims

    with transaction.atomic():
        return store_candidates(article, extract_claims(article.body, language=article.language))
