"""What changes claim data: storing machine-found candidates and linking speakers and outlets."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from articles.bulk import create_with_history
from articles.importing import create_outlets, find_outlets
from articles.models import Article, Outlet, OutletKind
from articles.normalization import normalize_for_matching
from articles.transliteration import names_document
from claims.extraction import Candidate, candidates_for_import
from claims.grouping.service import suggest_for_claims
from claims.models import Claim, ClaimRelay, ExtractionMethod, Speaker, SpeakerAlias, SpeakerKind
from claims.preparing import Extraction, extract_for_import, speaker_text
from claims.search import claim_search_text, joined_names, search_document

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


def store_candidates(article: Article, candidates: Sequence[Candidate]) -> int:
    """Store extraction candidates as `extracted` claims of the article; returns claims written.
    (`store_candidate_batch` for one article.)"""
    return store_candidate_batch([(article, candidates)])[0]


def store_candidate_batch(
    batch: Sequence[tuple[Article, Sequence[Candidate]]],
    *,
    search_texts: Sequence[Sequence[str]] | None = None,
) -> list[int]:
    """Store each article's extraction candidates as its `extracted` claims, for a whole batch of
    articles in a fixed number of queries; returns the claims written per article.

    Curated claims (anything an editor touched) are never changed or deleted, and no candidate
    is stored over a curated claim's span. Untouched machine claims are refreshed: updated in
    place when the span is the same, deleted when the extractor no longer finds them. Speakers
    and relay outlets are looked up for the whole batch at once, and created (in bulk) exactly
    as storing the articles one after another would: see `_Names`. `search_texts`, per
    article and candidate, are the new claims' search texts when the caller has them already
    (worked out in the import's worker processes: claims.preparing).
    """
    articles = {article.pk: article for article, _ in batch}
    existing: dict[int, dict[tuple[int, int], Claim]] = {pk: {} for pk in articles}
    for claim in Claim.objects.filter(article__in=list(articles)):
        claim.article = articles[claim.article_id]  # its fields are copied on save
        existing[claim.article_id][(claim.start, claim.end)] = claim
    # What each article stores: its candidates outside curated spans.
    work: list[tuple[Article, list[Candidate]]] = []
    texts: dict[Candidate, str] = {}
    for n, (article, candidates) in enumerate(batch):
        curated = [span for span, claim in existing[article.pk].items() if claim.is_curated]
        work.append(
            (
                article,
                [c for c in candidates if not any(s < c.end and c.start < e for s, e in curated)],
            )
        )
        if search_texts is not None:
            texts.update(zip(candidates, search_texts[n], strict=True))
    names = _Names.resolve(work)

    to_create: list[Claim] = []
    relays: list[tuple[Claim, list[Outlet]]] = []
    repeats: list[
        tuple[dict[tuple[int, int], Claim], dict[tuple[int, int], tuple[int, int] | None]]
    ] = []
    counts: list[int] = []
    stale: list[int] = []
    for article, candidates in work:
        claims_here = existing[article.pk]
        by_span: dict[tuple[int, int], Claim] = {}
        repeated: dict[tuple[int, int], tuple[int, int] | None] = {}
        title_document = search_document(article.title)
        for candidate in candidates:
            span = (candidate.start, candidate.end)
            fields = _claim_fields(candidate, names.speaker_id(article, candidate))
            repeated[span] = candidate.repeats
            if span in claims_here:
                claim = by_span[span] = claims_here[span]
                # Re-extraction that finds the same thing writes nothing (no history row).
                if any(getattr(claim, name) != value for name, value in fields.items()):
                    for name, value in fields.items():
                        setattr(claim, name, value)
                    claim.save()
            else:
                claim = by_span[span] = Claim(article=article, start=span[0], end=span[1], **fields)
                claim.copy_article_fields()  # bulk_create skips save()
                # Claim.refresh_search_text, the title's part worked out once per article.
                claim.search_text = texts.get(candidate) or claim_search_text(claim)
                claim.search_title = title_document
                to_create.append(claim)
            chain = names.relays(candidate)
            relays.append((claim, chain))
            if claim.pk is None:
                # What refresh_search_names would write (claims.search.names_expression).
                claim.search_names = joined_names(
                    names.documents.get(claim.speaker_id or 0),
                    None,  # no measure yet
                    article.outlet.search_names if article.outlet else None,
                    *(o.search_names for o in dict.fromkeys(chain)),
                )
        gone = [c for span, c in claims_here.items() if span not in by_span and not c.is_curated]
        stale += [c.pk for c in gone]
        # What a headline figure may repeat: the claims the article keeps (curated ones too).
        kept = {span: c for span, c in claims_here.items() if c not in gone}
        repeats.append(({**kept, **by_span}, repeated))
        counts.append(len(by_span))
    if stale:
        Claim.objects.filter(pk__in=stale).delete()
    create_with_history(to_create, Claim)
    created = to_create
    rechained = _replace_relays(relays, new={c.pk for c in created})
    _link_headlines(repeats)
    # bulk_create sends no signal: new claims got their names document above; those of claims
    # re-chained go into their search documents here, in one UPDATE.
    renamed = set(rechained) - {c.pk for c in created}
    if renamed:
        Claim.objects.filter(pk__in=renamed).refresh_search_names()
    claims_stored(sorted({c.pk for c in created}))
    return counts


def claims_stored(claim_ids: list[int]) -> None:
    """The claims an import batch created, inside its transaction: measure suggestions for them,
    the whole batch at once (claims.grouping), so that a failed batch leaves none behind.

    They cost more than storing (bench/results/2026-12-03-import-with-suggestions.md): a backfill
    may turn them off (ISNAD_SUGGEST_ON_IMPORT=0) and run `suggest_measures` once afterwards,
    which computes every missing suggestion."""
    if claim_ids and settings.ISNAD_SUGGEST_ON_IMPORT:
        suggest_for_claims(claim_ids)


def _claim_fields(candidate: Candidate, speaker_id: int | None) -> dict[str, object]:
    return {
        "speaker_id": speaker_id,
        "speaker_text": speaker_text(candidate),
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


@dataclass
class _NewSpeaker:
    name: str
    kind: str
    role: str
    speaker: Speaker | None = None


class _Names:
    """The speakers and relay outlets a batch's candidates name, found in bulk (one query for
    speakers, the outlet look-ups cached for the import run) and created in bulk.

    Storing articles one by one creates a speaker or outlet the first time a name is met and
    finds it after; what a new speaker is (an outlet speaking for itself, or a person) depends on
    whether an outlet of that name exists at that moment. The names are therefore worked through
    in the order one-by-one storing meets them (article by article, each candidate's speaker
    then its relays), with the creations planned in that order, then written in bulk.
    """

    def __init__(self) -> None:
        self.by_key: dict[str, int | _NewSpeaker] = {}  # normalized name -> speaker
        self.outlets: dict[str, Outlet | str | None] = {}  # name -> outlet, or a new one's name
        self.new_outlets: dict[str, None] = {}
        self.new_speakers: list[_NewSpeaker] = []
        self.created_outlets: dict[str, Outlet] = {}
        self.documents: dict[int, str] = {}  # speaker id -> its names document

    @classmethod
    def resolve(cls, work: list[tuple[Article, list[Candidate]]]) -> _Names:
        names = cls()
        speaker_names = {c.speaker for _, cs in work for c in cs if c.speaker}
        narrators = {a.outlet.name for a, cs in work if a.outlet is not None and cs}
        relay_names = {r for _, cs in work for c in cs for r in c.relay}
        names.outlets.update(find_outlets(speaker_names | relay_names))
        found, names.documents = _find_speakers(speaker_names | narrators)
        names.by_key.update(found)
        for article, candidates in work:
            for candidate in candidates:
                if candidate.speaker:
                    names._speaker(candidate.speaker, candidate.speaker_role)
                elif article.outlet is not None:
                    names._speaker(article.outlet.name, "", kind=SpeakerKind.OUTLET)
                for relay in candidate.relay:
                    names._relay(relay)
        names._create()
        return names

    def _speaker(self, name: str, role: str, kind: str | None = None) -> None:
        key = normalize_for_matching(name)
        if key in self.by_key:
            return
        if kind is None:
            kind = SpeakerKind.OUTLET if self.outlets.get(name) else SpeakerKind.PERSON
        new = _NewSpeaker(name=name, kind=kind, role=role[:300])
        self.by_key[key] = new
        self.new_speakers.append(new)

    def _relay(self, name: str) -> None:
        if normalize_for_matching(name) in GENERIC_OUTLET_WORDS or self.outlets.get(name):
            return
        self.outlets[name] = name  # created below
        self.new_outlets[name] = None

    def _create(self) -> None:
        self.created_outlets = create_outlets(self.new_outlets, kind=OutletKind.OTHER)
        speakers = [Speaker(name=n.name, kind=n.kind, role=n.role) for n in self.new_speakers]
        for speaker, new in zip(speakers, self.new_speakers, strict=True):
            speaker.strip_bidi_controls()  # what save() does; bulk_create skips it
            # What creating the speaker, then its alias, leaves: the name and its one alias.
            speaker.search_names = names_document(speaker.name, speaker.name)
            new.speaker = speaker
        if not speakers:
            return
        bulk_create_with_history(speakers, Speaker)
        self.documents.update((speaker.pk, speaker.search_names) for speaker in speakers)
        aliases = [SpeakerAlias(speaker=s, name=s.name) for s in speakers]
        for alias in aliases:
            alias.strip_bidi_controls()
            alias.normalized = normalize_for_matching(alias.name)
        bulk_create_with_history(aliases, SpeakerAlias)

    def speaker_id(self, article: Article, candidate: Candidate) -> int | None:
        if candidate.speaker:
            found = self.by_key[normalize_for_matching(candidate.speaker)]
        elif article.outlet is not None:
            found = self.by_key[normalize_for_matching(article.outlet.name)]
        else:
            return None
        return found if isinstance(found, int) else found.speaker.pk  # type: ignore[union-attr]

    def relays(self, candidate: Candidate) -> list[Outlet]:
        chain = []
        for name in candidate.relay:
            outlet = self.outlets.get(name)
            if isinstance(outlet, str):
                outlet = self.created_outlets[outlet]
            if outlet is not None:
                chain.append(outlet)
        return chain


def _find_speakers(names: Iterable[str]) -> tuple[dict[str, int], dict[int, str]]:
    """`find_speaker` for many names at once, in one query: normalized name -> speaker id, and
    each speaker's names document."""
    keys = {normalize_for_matching(name) for name in names}
    found: dict[str, int] = {}
    documents: dict[int, str] = {}
    rows = (
        SpeakerAlias.objects.filter(normalized__in=keys, speaker__merged_into__isnull=True)
        .order_by("speaker_id")
        .values_list("normalized", "speaker_id", "speaker__search_names")
    )
    for key, speaker_id, document in rows:
        found.setdefault(key, speaker_id)
        documents[speaker_id] = document
    return found, documents


def _link_headlines(
    articles: list[
        tuple[dict[tuple[int, int], Claim], dict[tuple[int, int], tuple[int, int] | None]]
    ],
) -> None:
    """Point each stored headline figure at the body claim it repeats (or at none)."""
    changed = []
    for by_span, repeats in articles:
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


def _replace_relays(chains: list[tuple[Claim, list[Outlet]]], *, new: set[int]) -> list[int]:
    """Give each claim its relay chain; a chain that is already right is not rewritten.
    Returns the ids of the claims whose chain was written (`new`: claims just created, which
    have none yet)."""
    current: dict[int, list[int]] = {}
    older = [claim.pk for claim, _ in chains if claim.pk not in new]
    for claim_id, outlet_id in (
        ClaimRelay.objects.filter(claim_id__in=older)
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
    if set(claim_ids) - new:
        ClaimRelay.objects.filter(claim_id__in=set(claim_ids) - new).delete()
    if rows:
        ClaimRelay.objects.bulk_create(rows)
    return claim_ids


class CandidateClaims:
    """The import hook (settings.ISNAD_ARTICLE_IMPORTED_HOOKS): extract each new article's
    candidate claims and store them. A batch hook (articles.importing.BatchHook): extraction is
    its `prepare`, run in the import's worker processes, and `store_batch` stores a whole batch;
    called as `(article, created)` it does both for one article."""

    prepare = staticmethod(extract_for_import)

    def __call__(self, article: Article, created: bool) -> int:
        with transaction.atomic():
            return store_candidates(article, candidates_for_import(article.body, article.language))

    def store_batch(self, batch: Sequence[tuple[Article, bool, Extraction]]) -> list[int]:
        return store_candidate_batch(
            [(article, found.candidates) for article, _, found in batch],
            search_texts=[found.search_texts for _, _, found in batch],
        )


store_candidate_claims = CandidateClaims()
