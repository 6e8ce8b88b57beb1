"""Independent sources: which claims of one figure are re-reports of one original.

"1,600 fighters" printed by twelve sites is one source when all twelve took it from one Reuters
report quoting one spokesman. For each figure of a set of claims (a measure's, an inbox row's)
`independent_origins` says how many articles carry it and how many independent origins they come
from, with the origin groups and why their claims were counted once.

**One figure.** Claims give one figure when they allow the same values (claims.intervals: exact
3 is [3, 3], "about 1,600" is 1,440–1,760) with the same qualifier, in the same kind of unit: counts
("", people, aircraft, flights) are one kind, since the measure fixes what is counted (3 flights
and 3 aircraft for "aircraft that flew fighters out" are one figure), while each measurement unit
(km, %, hours) is its own (150 km is not 150 miles). "About 1,600" and "1,600" are two figures:
the hedge is part of what was said. Rejected claims are left out.

**A claim's origin** is where its relay chain starts (claims.display words the chain):
- a named speaker (person or organisation): that speaker, whichever outlets carried it; a speaker
  merged into another is the one it was merged into, and two speakers an editor linked as "same
  role, disputed name" (the mayor as سالم عليوان and as سالم نوير) are one origin: one office;
- an unnamed source (an "unnamed collective" speaker, or a name that is only a description:
  مصدر عسكري، مسؤولون غربيون، "officials"): the source *as told to the first outlet in the chain*,
  because Bloomberg's "Western officials" and Reuters' "Western officials" need not be the same
  people, while Bloomberg's report re-printed by five sites is one;
- an outlet speaking (Bloomberg quoted as the speaker): that outlet;
- the narrator (no one quoted: the article's outlet speaking for itself): the first outlet it
  relays if any (a site that re-words a Reuters wire is not a new origin), else its own outlet
  (one outlet's figure in two of its articles is one origin), else, outlet not stated, the article.

**Counted once** (each join gives the group a reason a reader sees):
- claims with the same origin: "same original speaker X", "relayed from Reuters", ...;
- a headline figure and the body figure it repeats (Claim.repeats);
- an outlet's figure (an agency quoted or relayed, or an outlet's own) with the claims whose chain
  runs through that outlet for the same figure: a site quoting "Reuters" for 3 aircraft
  re-reports Reuters' report, which quoted someone for it (joined to one such group only, so that
  two speakers Reuters quoted stay two origins);
- near-duplicate quotes across articles: the words around the figure (the quote with the stored
  64 characters on each side, normalized and lightly stemmed, articles.normalization) share at
  least NEAR_DUPLICATE of their word pairs (Jaccard). Copied text is one source even when the
  chains differ (one site names the speaker, the copy drops him). Never within one article, and
  never between speakers an editor marked "different speakers: do not merge". Exact comparison up
  to EXACT_COMPARISON claims per figure, beyond that MinHash buckets with a few representatives
  each: bounded work, whatever the number of copies.

**Not joined.** Two different named speakers are two origins even when they hold offices in one
ministry: the roles are free text, and guessing affiliation would hide real corroboration
(a minister and a spokesman may well have counted separately). An editor who knows the spokesman
read out the minister's figure marks the claims as one source.

**Editors win.** An OriginOverride marks two claims as one source (joined first) or as
independent (no rule may join their groups afterwards; the other claims of a broken-up group stay
with the first claim). Overrides between claims of different figures change nothing.

Claims must come from `Claim.objects.with_origins()` (relays, overrides and speaker links
prefetched): this module then makes no query.
"""

from __future__ import annotations

import random
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from articles.normalization import normalize_for_matching, search_words, stem
from articles.reading import outlet_name
from claims.choices import OriginRelation, SpeakerKind, SpeakerRelation, Status
from claims.curation import MEASUREMENT_UNITS, UNIT_SYNONYMS
from claims.display import ELLIPSIS, figure_label, figure_text, quote_context
from claims.intervals import claim_interval

# Two quotes are near-duplicates when this share of their word pairs is common (Jaccard), each
# having at least MIN_SHINGLES word pairs (a short context says too little to tell copies apart).
NEAR_DUPLICATE = 0.5
MIN_SHINGLES = 6
# Up to this many claims of one figure are compared pair by pair; beyond, MinHash buckets.
EXACT_COMPARISON = 60
BANDS, ROWS = 10, 2  # candidate pairs at Jaccard 0.5: 94%; at 0.7: 99.97%
REPRESENTATIVES = 8  # claims a bucket compares a newcomer with

TITLE_WORDS = 8  # an article named as an origin (its outlet not stated) by its title's first words

# The first word of a speaker's name that makes it a description, not a name (after
# normalization): مصدر عسكري، مصادر مطلعة، مسؤولون غربيون، a military source, officials.
UNNAMED_HEADS = frozenset(
    normalize_for_matching(word)
    for word in (
        *("مصدر", "مصادر", "المصدر", "المصادر", "مسؤول", "مسؤولون", "مسؤولين", "مسؤولة"),
        *("المسؤول", "المسؤولون", "دبلوماسي", "دبلوماسيون", "دبلوماسيين", "شهود", "شاهد"),
        *("سكان", "ناشطون", "ناشطين", "مراقبون", "خبراء", "أوساط", "جهات"),
        *("source", "sources", "official", "officials", "diplomat", "diplomats", "witnesses"),
        *("residents", "activists", "a", "an", "two", "three", "several", "senior", "western"),
    )
)
# English descriptions start with an article or a number ("a senior official"); a name does not,
# but "Western Union" does: those need a head noun among the words too.
_ENGLISH_HEADS = frozenset(
    {"source", "sources", "official", "officials", "diplomat", "diplomats", "witnesses"}
    | {"residents", "activists", "commander", "officer", "spokesman", "spokeswoman"}
)


@dataclass(frozen=True, slots=True)
class OriginReason:
    """Why claims were counted as one source, as a reader sees it.

    `kind` is one of "speaker", "office", "unnamed", "agency", "outlet", "article", "headline",
    "relayed", "near_duplicate", "editor_same", "editor_independent"; `claim_id` names the claim
    the reason points to (the near-duplicate, the headline's body figure), when there is one.
    """

    kind: str
    text: str
    claim_id: int | None = None


@dataclass
class OriginGroup:
    """Claims of one figure counted as one independent source."""

    name: str  # the origin as a reader names it: "محمد قنونو", "Reuters", "officials via Bloomberg"
    claims: list[Any]
    reasons: list[OriginReason] = field(default_factory=list)

    @property
    def article_count(self) -> int:
        return len({claim.article_id for claim in self.claims})


@dataclass
class FigureSources:
    """One figure of a set of claims: who carries it, and from how many independent origins."""

    label: str  # the figure as a reader says it ("about 1,600 people"; see _figure_label)
    claims: list[Any]
    groups: list[OriginGroup]

    @property
    def article_count(self) -> int:
        """Articles carrying the figure (a headline and its body figure are one article)."""
        return len({claim.article_id for claim in self.claims})

    @property
    def origin_count(self) -> int:
        """Independent origins: the number of groups."""
        return len(self.groups)

    @property
    def first(self) -> Any:
        return self.claims[0]


def independent_origins(claims: Sequence[Any]) -> list[FigureSources]:
    """Per figure (lowest first), the claims that give it and their independent origin groups
    (largest first), by the rules in this module's docstring. Rejected claims are left out.

    `claims` come from `Claim.objects.with_origins()`; no query is made.
    """
    figures: dict[tuple, list[Any]] = defaultdict(list)
    for claim in claims:
        if claim.status == Status.REJECTED:
            continue
        key = figure_key(claim)
        if key is not None:
            figures[key].append(claim)
    outlets = _OutletNames(claims)
    return [
        FigureSources(_figure_label(members), members, _origin_groups(members, outlets))
        for _key, members in sorted(figures.items(), key=lambda item: _figure_order(item[0]))
    ]


def _figure_label(claims: list[Any]) -> str:
    """The figure as its first claim words it; the number alone when the claims count in words
    that differ (3 flights, 3 aircraft): naming one would misquote the others."""
    first = claims[0]
    if any(claim.unit != first.unit for claim in claims):
        return figure_label(first.qualifier, first.value, first.lower, first.upper)
    return figure_text(first)


def figure_key(claim: Any) -> tuple | None:
    """What makes two claims one figure: qualifier, the interval allowed, the kind of unit."""
    interval = claim_interval(claim)
    if interval is None:
        return None
    unit = claim.unit.strip().casefold()
    unit = UNIT_SYNONYMS.get(unit, unit)
    return (
        claim.qualifier,
        (interval.lower, interval.upper, interval.lower_open, interval.upper_open),
        unit if unit in MEASUREMENT_UNITS else "",
    )


def _figure_order(key: tuple) -> tuple:
    qualifier, (lower, upper, *_open), unit = key
    return (unit, lower, upper, qualifier)


class _OutletNames:
    """The outlets the claims' chains name, found by any of their spellings: an outlet quoted
    as a speaker (the speaker بلومبرغ) is the outlet Bloomberg of other chains."""

    def __init__(self, claims: Sequence[Any]) -> None:
        self.by_spelling: dict[str, int] = {}
        for claim in claims:
            for outlet in [relay.outlet for relay in claim.relays.all()] + [claim.outlet]:
                if outlet is None:
                    continue
                loaded = getattr(outlet, "__dict__", {})
                for name in (outlet.name, loaded.get("name_ar", ""), loaded.get("name_en", "")):
                    if name:
                        self.by_spelling.setdefault(normalize_for_matching(name), outlet.pk)

    def find(self, name: str) -> int | None:
        return self.by_spelling.get(normalize_for_matching(name))


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a claim's relay chain starts: `key` is equal for claims of one origin."""

    key: tuple
    kind: str  # "speaker", "unnamed", "agency" (an outlet quoted or relayed), "outlet", "article"
    name: str
    relayed: bool = False  # an outlet origin reached through a relay, not its own article


def claim_origin(claim: Any, outlets: _OutletNames | None = None) -> Origin:
    """Where a claim's relay chain starts (see the module docstring)."""
    outlets = outlets or _OutletNames([claim])
    speaker = claim.speaker
    relays = [relay.outlet for relay in claim.relays.all() if relay.outlet_id != claim.outlet_id]
    if speaker is not None and speaker.kind == SpeakerKind.OUTLET:
        outlet_id = outlets.find(speaker.name)
        if outlet_id is None:
            return Origin(("speaker", _speaker_root(speaker)), "agency", speaker.name)
        if outlet_id != claim.outlet_id:
            return Origin(("outlet", outlet_id), "agency", speaker.name, relayed=True)
        speaker = None  # the narrator: the article's own outlet speaking
    elif speaker is None and claim.speaker_text:
        name = claim.speaker_text
        if _is_unnamed(name, kind=""):
            return _unnamed(("text", normalize_for_matching(name)), name, claim, relays)
        return Origin(("text", normalize_for_matching(name)), "speaker", name)
    if speaker is not None:
        if _is_unnamed(speaker.name, kind=speaker.kind):
            return _unnamed(("speaker", _speaker_root(speaker)), speaker.name, claim, relays)
        return Origin(("speaker", _speaker_root(speaker)), "speaker", speaker.name)
    if relays:
        return Origin(("outlet", relays[0].pk), "agency", outlet_name(relays[0]), relayed=True)
    if claim.outlet is not None:
        return Origin(("outlet", claim.outlet_id), "outlet", outlet_name(claim.outlet))
    return Origin(
        ("article", claim.article_id),
        "article",
        _("the unstated outlet of “%(title)s”")
        % {"title": Truncator(claim.article.title).words(TITLE_WORDS, truncate=ELLIPSIS)},
    )


def _speaker_root(speaker: Any) -> int:
    # merge_speakers refuses to merge into a merged speaker: one step is the whole way.
    return speaker.merged_into_id or speaker.pk


def _is_unnamed(name: str, *, kind: str) -> bool:
    if kind == SpeakerKind.COLLECTIVE:
        return True
    words = normalize_for_matching(name).split()
    if not words:
        return True
    if words[0].isascii():
        return words[0] in UNNAMED_HEADS and bool(_ENGLISH_HEADS.intersection(words))
    return words[0] in UNNAMED_HEADS


def _unnamed(who: tuple, name: str, claim: Any, relays: list[Any]) -> Origin:
    told = relays[0] if relays else claim.outlet
    if told is None:
        return Origin(("unnamed", who, "article", claim.article_id), "unnamed", name)
    return Origin(
        ("unnamed", who, "outlet", told.pk),
        "unnamed",
        _("%(source)s, as told to %(outlet)s") % {"source": name, "outlet": outlet_name(told)},
    )


class _Groups:
    """Union-find over a figure's claims, with pairs that may never end up together."""

    def __init__(self, size: int, apart: list[tuple[int, int]]) -> None:
        self.parent = list(range(size))
        self.reasons: dict[int, list[OriginReason]] = defaultdict(list)
        self.apart = apart

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int, reason: OriginReason) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True  # already one source: the reason that joined them stands
        for x, y in self.apart:
            if {self.find(x), self.find(y)} == {ra, rb}:
                return False
        self.parent[rb] = ra
        self.reasons[ra].extend(r for r in self.reasons.pop(rb, []) if r not in self.reasons[ra])
        if reason not in self.reasons[ra]:
            self.reasons[ra].append(reason)
        return True


def _origin_groups(claims: list[Any], outlets: _OutletNames) -> list[OriginGroup]:
    claims = sorted(claims, key=lambda c: c.pk)
    index = {claim.pk: i for i, claim in enumerate(claims)}
    origins = [claim_origin(claim, outlets) for claim in claims]

    same, apart = [], []
    for i, claim in enumerate(claims):
        for decision in [*claim.origins_as_first.all(), *claim.origins_as_second.all()]:
            j = index.get(decision.other(claim.pk))
            if j is None or j < i:
                continue  # another figure, or seen from the other claim
            (same if decision.relation == OriginRelation.SAME else apart).append((i, j))
    groups = _Groups(len(claims), apart)

    # 1. Editors first: their joins are made before any rule, and no rule undoes their splits.
    for i, j in same:
        groups.join(i, j, _reason("editor_same", claims[j].pk))

    # 2. The same origin.
    by_origin: dict[tuple, list[int]] = defaultdict(list)
    for i, origin in enumerate(origins):
        by_origin[origin.key].append(i)
    for members in by_origin.values():
        reason = _origin_reason([origins[m] for m in members])
        for j in members[1:]:
            groups.join(members[0], j, reason)

    # 3. Speakers an editor linked as one office named two ways.
    first_of_speaker = {
        origin.key[1]: members[0]
        for origin, members in ((origins[m[0]], m) for m in by_origin.values())
        if origin.key[0] == "speaker"
    }
    distinct: set[frozenset[int]] = set()
    for claim in claims:
        if claim.speaker is None:
            continue
        for link in [*claim.speaker.links_as_first.all(), *claim.speaker.links_as_second.all()]:
            # Links are between live speakers (curation refuses to link a merged one).
            a, b = link.first_speaker_id, link.second_speaker_id
            if link.relation == SpeakerRelation.DISTINCT:
                distinct.add(frozenset((a, b)))
            elif a in first_of_speaker and b in first_of_speaker:
                i, j = first_of_speaker[a], first_of_speaker[b]
                groups.join(i, j, _office_reason(origins[i].name, origins[j].name))

    # 4. A headline and the body figure it repeats.
    for i, claim in enumerate(claims):
        j = index.get(claim.repeats_id) if claim.repeats_id else None
        if j is not None:
            groups.join(i, j, OriginReason("headline", _headline_text(claims[j].pk), claims[j].pk))

    # 5. An agency's figure with one group of claims that came through that agency.
    for key, members in by_origin.items():
        if key[0] != "outlet":
            continue
        carrier = next(
            (
                j
                for j, claim in enumerate(claims)
                if origins[j].key != key and key[1] in _carriers(claim)
            ),
            None,
        )
        if carrier is not None:
            groups.join(
                members[0],
                carrier,
                OriginReason(
                    "relayed",
                    _("%(outlet)s carried the figure of %(origin)s")
                    % {"outlet": origins[members[0]].name, "origin": origins[carrier].name},
                    claims[carrier].pk,
                ),
            )

    # 6. Near-duplicate quotes across articles.
    for i, j in _near_duplicates(claims):
        if _speakers_kept_apart(claims[i], claims[j], distinct):
            continue
        first, later = sorted((i, j), key=lambda k: claims[k].pk)
        groups.join(later, first, _reason("near_duplicate", claims[first].pk))

    for i, j in apart:
        for k, other in ((i, j), (j, i)):
            reason = _reason("editor_independent", claims[other].pk)
            root = groups.find(k)
            if reason not in groups.reasons[root]:
                groups.reasons[root].append(reason)

    members_of: dict[int, list[int]] = defaultdict(list)
    for i in range(len(claims)):
        members_of[groups.find(i)].append(i)
    result = []
    for root, members in members_of.items():
        counts: dict[tuple, int] = defaultdict(int)
        for m in members:
            counts[origins[m].key] += 1
        main = max(members, key=lambda m: (counts[origins[m].key], -m))
        result.append(
            OriginGroup(origins[main].name, [claims[m] for m in members], groups.reasons[root])
        )
    result.sort(key=lambda g: (-len(g.claims), g.claims[0].pk))
    return result


def _carriers(claim: Any) -> set[int]:
    """The outlets a claim's figure went through: its relays and its publisher."""
    ids = {relay.outlet_id for relay in claim.relays.all()}
    if claim.outlet_id is not None:
        ids.add(claim.outlet_id)
    return ids


def _speakers_kept_apart(a: Any, b: Any, distinct: set[frozenset[int]]) -> bool:
    if a.speaker is None or b.speaker is None:
        return False
    return frozenset((_speaker_root(a.speaker), _speaker_root(b.speaker))) in distinct


def _reason(kind: str, claim_id: int) -> OriginReason:
    texts = {
        "editor_same": _("marked by an editor as one source with claim #%(id)s"),
        "editor_independent": _("marked by an editor as independent of claim #%(id)s"),
        "near_duplicate": _("near-duplicate quote of claim #%(id)s"),
    }
    return OriginReason(kind, texts[kind] % {"id": claim_id}, claim_id)


def _headline_text(claim_id: int) -> str:
    return _("headline repeating claim #%(id)s") % {"id": claim_id}


def _office_reason(one: str, other: str) -> OriginReason:
    first, second = sorted((one, other))
    return OriginReason(
        "office",
        _("one office named two ways: %(one)s and %(other)s (linked by an editor)")
        % {"one": first, "other": second},
    )


def _origin_reason(all_origins: list[Origin]) -> OriginReason:
    origin = all_origins[0]
    if origin.kind == "speaker":
        text = _("same original speaker: %(name)s") % {"name": origin.name}
    elif origin.kind == "unnamed":
        text = _("same unnamed source: %(name)s") % {"name": origin.name}
    elif origin.kind == "article":
        text = _("the same article: %(name)s") % {"name": origin.name}
    elif any(o.relayed for o in all_origins):
        return OriginReason("agency", _("relayed from %(name)s") % {"name": origin.name})
    else:
        text = _("the figure of %(name)s itself") % {"name": origin.name}
    return OriginReason(origin.kind, text)


# Near-duplicates ---------------------------------------------------------------------------


def quote_shingles(claim: Any) -> frozenset[int]:
    """The word pairs of the sentence around a claim's figure (claims.display.quote_context:
    cut at sentence ends inside the stored prefix and suffix, never inside a word), normalized
    and lightly stemmed: what a copy keeps when the text around it changes."""
    before, quote, after = quote_context(claim)
    text = f"{before.removeprefix(ELLIPSIS)} {quote} {after.removesuffix(ELLIPSIS)}"
    words = [stem(word) for word in search_words(text)]
    return frozenset(zlib.crc32(f"{a} {b}".encode()) for a, b in pairwise(words))


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def _near_duplicates(claims: list[Any]) -> list[tuple[int, int]]:
    """Pairs of claims from different articles whose quotes are near-duplicates."""
    shingles = [quote_shingles(claim) for claim in claims]
    usable = [i for i, s in enumerate(shingles) if len(s) >= MIN_SHINGLES]

    def similar(i: int, j: int) -> bool:
        return (
            claims[i].article_id != claims[j].article_id
            and jaccard(shingles[i], shingles[j]) >= NEAR_DUPLICATE
        )

    if len(usable) <= EXACT_COMPARISON:
        return [(i, j) for n, i in enumerate(usable) for j in usable[n + 1 :] if similar(i, j)]
    pairs = []
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for i in usable:
        signature = _minhash(shingles[i])
        for band in range(BANDS):
            bucket = buckets[(band, signature[band * ROWS : (band + 1) * ROWS])]
            matched = [j for j in bucket if similar(i, j)]
            pairs.extend((j, i) for j in matched)
            if not matched and len(bucket) < REPRESENTATIVES:
                bucket.append(i)
    return list(dict.fromkeys(pairs))


_PRIME = (1 << 61) - 1
_random = random.Random(20261203)  # fixed: the same claims always give the same groups
_HASHES = [(_random.randrange(1, _PRIME), _random.randrange(_PRIME)) for _ in range(BANDS * ROWS)]


def _minhash(shingles: frozenset[int]) -> tuple[int, ...]:
    return tuple(min((a * x + b) % _PRIME for x in shingles) for a, b in _HASHES)


__all__ = [
    "EXACT_COMPARISON",
    "NEAR_DUPLICATE",
    "FigureSources",
    "Origin",
    "OriginGroup",
    "OriginReason",
    "claim_origin",
    "figure_key",
    "independent_origins",
    "jaccard",
    "quote_shingles",
]
