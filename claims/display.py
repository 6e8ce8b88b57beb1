"""How a claim reads to people: its figure, speaker, outlet and relay chain, worded once.

Every page, the admin, the exports, the chart and the article highlights word a claim through
these functions, so a figure or a missing speaker reads the same everywhere (and translates once).
They read only fields a listing loads (see claims.querysets.LISTING_FIELDS) and the prefetched
relays, so they cost no query.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language_bidi, gettext_lazy, npgettext
from django.utils.translation import gettext as _

from articles.normalization import normalize_for_matching, strip_bidi_controls
from articles.reading import (  # noqa: F401 (re-exported: display words claims through these)
    format_date,
    format_number,
    localize_digits,
    outlet_name,
    outlet_name_field,
)
from claims.choices import ExtractionMethod, Qualifier, Status
from claims.extraction.confidence import UNSURE_BELOW

# A figure no one is quoted for is the article's own (its outlet is the narrator).
NARRATOR = gettext_lazy("the outlet itself")
# An article whose outlet nobody has stated (the manifest does not name it, no editor decided).
OUTLET_NOT_STATED = gettext_lazy("outlet not stated")

# Publication facts an article does not state (the seed manifest says which are stated).
DATE_NOT_STATED = gettext_lazy("date not stated")
URL_NOT_STATED = gettext_lazy("URL not stated")

# Percent is written against the number ("90%"); other units follow it after a space.
PERCENT_UNITS = {"%", "percent"}


def figure_label(
    qualifier: str,
    value: float | None,
    lower: float | None,
    upper: float | None,
    unit: str = "",
) -> str:
    """A figure as a reader says it: "about 1,600", "between 1,000 and 1,400", "more than 90%"."""
    n = format_number(value if value is not None else lower if lower is not None else upper)
    low, high = format_number(lower), format_number(upper)
    match qualifier:
        case Qualifier.APPROX:
            text = _("about %(n)s") % {"n": n}
        case Qualifier.MORE_THAN:
            text = _("more than %(n)s") % {"n": n}
        case Qualifier.AT_LEAST:
            text = _("at least %(n)s") % {"n": n}
        case Qualifier.LESS_THAN:
            text = _("less than %(n)s") % {"n": n}
        case Qualifier.AT_MOST:
            text = _("up to %(n)s") % {"n": n}
        case Qualifier.RANGE if low and high:
            text = _("between %(low)s and %(high)s") % {"low": low, "high": high}
        case Qualifier.VAGUE:
            return vague_label(lower, upper, unit)
        case Qualifier.RANGE:
            text = low or high or n
        case _:
            text = n
    if unit in PERCENT_UNITS:
        return f"{text}%"
    count = next((x for x in (upper, value, lower) if x is not None), None)
    return f"{text} {unit_label(unit, count)}" if unit else text


# How design.md reads vague plurals: عشرات 20–99, مئات 200–999, آلاف 2,000–9,999, and scaled
# (عشرات الآلاف 20,000–99,999 ...): 2×10^k to 10^(k+1)−1, by k.
VAGUE_WORDS = {
    1: gettext_lazy("tens"),
    2: gettext_lazy("hundreds"),
    3: gettext_lazy("thousands"),
    4: gettext_lazy("tens of thousands"),
    5: gettext_lazy("hundreds of thousands"),
    6: gettext_lazy("millions"),
    7: gettext_lazy("tens of millions"),
}


def vague_label(lower: float | None, upper: float | None, unit: str = "") -> str:
    """A vague plural as it was said ("thousands", "آلاف"), never as the bounds a rule gave it:
    nobody said 9,999."""
    word = None
    if lower and upper and lower > 0:
        k = round(math.log10(lower / 2))
        if lower == 2 * 10**k and upper == 10 ** (k + 1) - 1:
            word = VAGUE_WORDS.get(k)
    if word is None:  # bounds no vague word gives: say they are a reading
        word = _("an unstated number (read as %(low)s–%(high)s)") % {
            "low": format_number(lower),
            "high": format_number(upper) if upper is not None else "∞",
        }
    if not unit or unit in PERCENT_UNITS:
        return str(word)
    return _("%(vague)s of %(unit)s") % {"vague": word, "unit": unit_label(unit, None)}


# Units the extractor gives (claims/extraction/units.py), as words in the reader's language,
# agreeing with the number (Arabic has six plural forms). Other units show as stored.
UNIT_WORDS = {
    "people": lambda n: npgettext("unit", "person", "people", n),
    "aircraft": lambda n: npgettext("unit", "aircraft", "aircraft", n),
    "km": lambda n: npgettext("unit", "km", "km", n),
    "m": lambda n: npgettext("unit", "metre", "metres", n),
    "miles": lambda n: npgettext("unit", "mile", "miles", n),
    "hours": lambda n: npgettext("unit", "hour", "hours", n),
    "minutes": lambda n: npgettext("unit", "minute", "minutes", n),
    "days": lambda n: npgettext("unit", "day", "days", n),
    "weeks": lambda n: npgettext("unit", "week", "weeks", n),
    "months": lambda n: npgettext("unit", "month", "months", n),
    "years": lambda n: npgettext("unit", "year", "years", n),
    "systems": lambda n: npgettext("unit", "system", "systems", n),
    "flights": lambda n: npgettext("unit", "flight", "flights", n),
}


def unit_label(unit: str, count: float | None) -> str:
    """The unit as a word agreeing with `count` (None: many, as after a vague plural)."""
    words = UNIT_WORDS.get(unit)
    if words is None:
        return unit
    if count is None:
        return words(3)  # a plural standing alone: "people", "أشخاص"
    if not float(count).is_integer() or count == math.inf:
        return words(100)  # the form fractions and large amounts take in both languages
    return words(int(abs(count)))


def figure_text(claim: Any) -> str:
    """A claim's figure as a reader says it (see figure_label)."""
    return figure_label(claim.qualifier, claim.value, claim.lower, claim.upper, claim.unit)


def speaker_is_unsure(claim: Any) -> bool:
    """A machine's attribution no editor has looked at, with a confidence below the extractor's
    UNSURE_BELOW: pages say "unsure" rather than assert who said it."""
    return (
        getattr(claim, "status", None) == Status.EXTRACTED
        and getattr(claim, "extraction_method", None) == ExtractionMethod.RULES
        and getattr(claim, "confidence", 1.0) < UNSURE_BELOW
    )


def speaker_label(claim: Any) -> str:
    """Who said it: the linked speaker, else the name as the text gives it, else the narrator;
    marked "(unsure)" when the extractor was unsure of it and no editor has confirmed it."""
    # The speaker is loaded with the row (select_related): no query.
    name = (
        claim.speaker.name
        if claim.speaker is not None
        else strip_bidi_controls(claim.speaker_text) or str(NARRATOR)
    )
    if speaker_is_unsure(claim):
        return _("%(speaker)s (unsure)") % {"speaker": name}
    return name


def outlet_label(claim: Any) -> str:
    """The outlet that published the claim's article, or "outlet not stated"."""
    return outlet_name(claim.outlet) if claim.outlet is not None else str(OUTLET_NOT_STATED)


# What each curation status means here, shown in every legend and on every status badge.
STATUS_DEFINITIONS = {
    Status.VERIFIED: gettext_lazy(
        "An editor has checked this figure against its article: the quote, the number and its "
        "hedge, the speaker and the relay chain are as the article gives them, and it answers "
        "this question. Verified means correctly recorded, not that the figure is true."
    ),
    Status.DISPUTED: gettext_lazy(
        "An editor has checked this figure and found a problem that is not settled: the wording "
        "is ambiguous, the attribution is doubtful, or the figure is contested. Counted among "
        "the reviewed figures, and flagged."
    ),
    Status.EXTRACTED: gettext_lazy(
        "Found by the rule-based extractor; no editor has checked it yet. The number, speaker "
        "or question may be wrong. Left out of spreads unless machine figures are included."
    ),
    Status.IN_REVIEW: gettext_lazy(
        "A machine-extracted figure an editor has opened but not decided yet: treated like a "
        "machine-extracted figure."
    ),
    Status.REJECTED: gettext_lazy(
        "An editor decided this is not a figure for the record (a misread number, a date, the "
        "wrong question). Kept in the history, never counted."
    ),
}
# A mark beside the colour, so that no status is told by colour alone.
STATUS_MARKS = {
    Status.VERIFIED: "✓",
    Status.DISPUTED: "!",
    Status.EXTRACTED: "○",
    Status.IN_REVIEW: "◐",
    Status.REJECTED: "✕",
}


def status_label(status: str) -> str:
    return str(Status(status).label) if status in Status.values else status


def status_definition(status: str) -> str:
    return str(STATUS_DEFINITIONS.get(status, ""))


def status_mark(status: str) -> str:
    return STATUS_MARKS.get(status, "")


@dataclass(frozen=True, slots=True)
class ChainLink:
    """One link of a relay chain: who, and what they are in it.

    `role` is "speaker" (quoted; `pk` a speaker), "narrator" (nobody quoted: the outlet's own
    figure), "relay" (an outlet or agency that passed the figure on; `pk` an outlet),
    "outlet" (the outlet that published the article; `pk` an outlet) or "not_stated" (the
    publishing outlet is not stated). `spellings` are the names it goes by, normalized, so
    that one outlet named in Arabic and in English is still one link.
    """

    name: str
    role: str
    pk: int | None = None
    spellings: frozenset[str] = frozenset()

    def same_as(self, other: ChainLink) -> bool:
        return bool(self.spellings & other.spellings)


def _spellings(*names: str) -> frozenset[str]:
    return frozenset(normalize_for_matching(n) for n in names if n)


def _outlet_link(outlet: Any, role: str) -> ChainLink:
    loaded = getattr(outlet, "__dict__", {})
    spellings = _spellings(outlet.name, loaded.get("name_ar", ""), loaded.get("name_en", ""))
    return ChainLink(outlet_name(outlet), role, getattr(outlet, "pk", None), spellings)


def chain_links(claim: Any) -> list[ChainLink]:
    """Speaker → relaying outlets in order → the article's outlet (relays are prefetched).

    An outlet quoted as the speaker and then listed as the first relay is one link, not two;
    the same outlet relaying and publishing is one link too (the publisher).
    """
    # The speaker as every page words it ("(unsure)" included); matched by the name itself.
    if claim.speaker is not None:
        name = claim.speaker.name
        first = ChainLink(
            speaker_label(claim), "speaker", getattr(claim, "speaker_id", None), _spellings(name)
        )
    elif claim.speaker_text:
        first = ChainLink(speaker_label(claim), "speaker", None, _spellings(claim.speaker_text))
    else:
        first = ChainLink(str(NARRATOR), "narrator")
    outlets = [_outlet_link(relay.outlet, "relay") for relay in claim.relays.all()]
    if claim.outlet is not None:
        own = _outlet_link(claim.outlet, "outlet")
    else:
        own = ChainLink(str(OUTLET_NOT_STATED), "not_stated")
    if outlets and outlets[-1].same_as(own):
        outlets[-1] = own
    else:
        outlets.append(own)
    chain = [first]
    for link in outlets:
        if not link.same_as(chain[-1]):
            chain.append(link)
    return chain


def relay_chain(claim: Any) -> list[str]:
    """The names of the chain's links (see chain_links)."""
    return [link.name for link in chain_links(claim)]


_SENTENCE_END = re.compile(r"[.!?؟\n]")
_WORD = re.compile(r"\S+")
ELLIPSIS = "…"
CONTEXT_CHARS = 64  # Claim.CONTEXT_CHARS: a stored prefix/suffix this long was cut from more text


def quote_context(claim: Any, words: int | None = None) -> tuple[str, str, str]:
    """The quote with the text around it, cut at a sentence end where one falls inside the
    stored prefix/suffix, else at a word boundary (never inside a word), with "…" where the
    text goes on. `words` keeps at most that many words on each side.

    >>> quote_context(SimpleNamespace(prefix="…ن. قدّر عدد المرتزقة بـ", quote="نحو 1600",
    ...     suffix=". ونشر ناشطون"))
    ('قدّر عدد المرتزقة بـ', 'نحو 1600', '.')
    """
    prefix, suffix = claim.prefix, claim.suffix
    cut_before = len(prefix) >= CONTEXT_CHARS
    ends = [m.end() for m in _SENTENCE_END.finditer(prefix)]
    if ends:
        before, cut_before = prefix[ends[-1] :].lstrip(), False
    elif cut_before:  # the stored prefix starts inside a word: drop that piece
        first_space = next((i for i, ch in enumerate(prefix) if ch.isspace()), len(prefix))
        before = prefix[first_space:].lstrip()
    else:
        before = prefix.lstrip()
    cut_after = len(suffix) >= CONTEXT_CHARS
    end = _SENTENCE_END.search(suffix)
    if end:
        after, cut_after = suffix[: end.end()].rstrip("\n"), False
    elif cut_after:
        last_space = max((i for i, ch in enumerate(suffix) if ch.isspace()), default=0)
        after = suffix[:last_space].rstrip()
    else:
        after = suffix.rstrip()
    if words is not None:
        kept = [m.start() for m in _WORD.finditer(before)]
        if len(kept) > words:
            before, cut_before = before[kept[-words] :], True
        kept = [m.end() for m in _WORD.finditer(after)]
        if len(kept) > words:
            after, cut_after = after[: kept[words - 1]], True
    return (
        (ELLIPSIS if cut_before else "") + before,
        claim.quote,
        after + (ELLIPSIS if cut_after else ""),
    )


def chain_text(claim: Any) -> str:
    """The relay chain as one line of text, arrows pointing the reading direction."""
    arrow = " ← " if get_language_bidi() else " → "
    return arrow.join(relay_chain(claim))


def citation(claim: Any) -> str:
    """A claim as a fact-checker cites it: figure and speaker, chain, outlet, date, article
    and its URL, the quote in its sentence and the status (the page adds Isnad's link)."""
    before, quote, after = quote_context(claim)
    counted = f" {claim.counted}" if claim.counted else ""
    article = claim.article
    lines = [
        f"{figure_text(claim)}{counted} — {speaker_label(claim)}",
        _("Relay chain: %(chain)s") % {"chain": chain_text(claim)},
        _("Published by: %(outlet)s, %(date)s")
        % {
            "outlet": outlet_label(claim),
            "date": format_date(claim.published_on, long=True) or DATE_NOT_STATED,
        },
        _("Article: %(title)s, %(url)s")
        % {"title": article.title, "url": article.url or URL_NOT_STATED},
        _("Quote: “%(quote)s”") % {"quote": f"{before}{quote}{after}"},
        _("Status: %(status)s") % {"status": status_label(claim.status)},
    ]
    return "\n".join(lines)


def claim_summary(claim: Any) -> str:
    """ "about 1,600 fighters · فتحي باشاغا": figure, what is counted and speaker, one line."""
    counted = f" {claim.counted}" if claim.counted else ""
    # Plain text for tooltips, where no element isolates a bidi control: none kept.
    return strip_bidi_controls(f"{figure_text(claim)}{counted} · {speaker_label(claim)}")
