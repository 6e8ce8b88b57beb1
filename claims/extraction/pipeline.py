"""The extractor: numbers → exclusions → qualifiers → counted noun and unit → speaker and relay."""

from __future__ import annotations

import math
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field, replace

from articles.normalization import Normalized, normalize, normalize_with_offsets
from claims.extraction.candidates import Candidate
from claims.extraction.exclusions import excluded_reason
from claims.extraction.headlines import link_headlines
from claims.extraction.numbers import (
    SCALES,
    Mention,
    currency_code_before,
    exact,
    find_mentions,
)
from claims.extraction.qualifiers import (
    RANGE_JOINERS,
    RANGE_OPENERS,
    _matches,
    hedging_verb_before,
    negated,
    qualifier_after,
    qualifier_before,
)
from claims.extraction.resolution import DOCUMENT_NOUNS, Resolved, resolve
from claims.extraction.roles import split_role
from claims.extraction.speakers import KNOWN_OUTLETS, Attribution, attributions
from claims.extraction.tokens import Token, lexicon, sentence_spans, tokenize
from claims.extraction.units import counted_span, unit_of

CONTEXT = 64
_PERCENT_WORDS = {
    tuple(normalize(word) for word in pair)
    for pair in (("في", "المئة"), ("في", "المائة"), ("per", "cent"))
}
_CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP"}
_COUNT_NOUNS = lexicon("عدد", "number")
_STRICT_JOINERS = lexicon("إلى", "الى", "حتى", "to")


class _Document:
    """One text being read: its normalized form, tokens and sentences."""

    def __init__(self, text: str) -> None:
        self.original = text
        self.normalized: Normalized = normalize_with_offsets(text)
        self.text = self.normalized.text
        self.tokens: list[Token] = tokenize(self.text)
        self.sentences = self._sentence_token_ranges()
        # The names of a resolved speaker and relays, worked out once however many figures
        # the speaker gave.
        self.named: dict[tuple[object, ...], tuple[str | None, str, tuple[str, ...]]] = {}
        self.full_names: dict[tuple[object, ...], tuple[list[int], list[int]]] = {}

    def _sentence_token_ranges(self) -> list[tuple[int, int]]:
        starts = [token.start for token in self.tokens]
        ranges = []
        i = 0
        for _, end in sentence_spans(self.text):
            first = i
            i = bisect_left(starts, end, i)
            if i > first:
                ranges.append((first, i))
        return ranges

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Original [start, end) of tokens first..last, with trailing diacritics kept."""
        start, end = self.normalized.original_span(self.tokens[first].start, self.tokens[last].end)
        while end < len(self.original) and unicodedata.combining(self.original[end]):
            end += 1
        return start, end

    def words(self, indices: list[int]) -> str:
        """The words as written, one space between them, a hyphen kept (Cairo-based)."""
        text = ""
        previous = -1
        for i in indices:
            start, end = self.span(i, i)
            if text:
                gap = self.text[self.tokens[previous].end : self.tokens[i].start]
                text += "-" if i == previous + 1 and gap == "-" else " "
            text += self.original[start:end]
            if self.original[end : end + 1] in ("'", "’") and self.original[end - 1 : end] == "s":
                text += self.original[end]  # the Prisoners' Society: a plural's possessive mark
            previous = i
        return text


# A smaller unit and the larger one it divides: بين 75 قرشا و1.5 جنيه is 0.75 to 1.5 pounds.
_SUBUNITS: dict[tuple[str, str], float] = {
    (normalize(small), normalize(large)): factor
    for smalls, larges, factor in (
        (("قرش", "قرشا", "قروش"), ("جنيه", "جنيها", "جنيهات", "ليرة", "ليرات"), 100.0),
        (("سنت", "سنتا", "سنتات"), ("دولار", "دولارا", "دولارات", "يورو"), 100.0),
        (("هللة", "هللات"), ("ريال", "ريالا", "ريالات"), 100.0),
        (("فلس", "فلسا", "فلوس"), ("دينار", "دينارا", "دنانير"), 1000.0),
        (("مليم", "مليما"), ("جنيه", "جنيها"), 1000.0),
        (("متر", "مترا", "أمتار"), ("كيلومتر", "كيلومترا", "كيلومترات"), 1000.0),
        (("غرام", "غراما", "جرام", "جراما"), ("كيلوغرام", "كيلوغراما", "كيلو"), 1000.0),
        (("cents", "cent"), ("dollars", "dollar", "euros", "euro"), 100.0),
        (("pence", "p"), ("pounds", "pound"), 100.0),
        (("metres", "meters"), ("kilometres", "kilometers", "km"), 1000.0),
    )
    for small in smalls
    for large in larges
}


def _subunit_factor(doc: _Document, mention: Mention, following: Mention) -> float | None:
    """How many of the first number's unit make the second's (قرشا … جنيه: 100), when a range's
    two ends are written in two units (بين 75 قرشا و1.5 جنيه); else None."""
    tokens = doc.tokens
    small = tokens[mention.last + 1].text if mention.last + 1 < following.first else ""
    large = tokens[following.last + 1].text if following.last + 1 < len(tokens) else ""
    return _SUBUNITS.get((small, large))


def _range_partner(doc: _Document, mention: Mention, following: Mention | None, floor: int) -> bool:
    """Whether `following` closes a range opened by `mention` (ما بين 10 و15، من 3 إلى 5، 10-15)."""
    if following is None or mention.value is None or following.value is None:
        return False
    if mention.kind not in ("digits", "words") or following.kind not in ("digits", "words"):
        return False  # منذ أسبوعين إلى 68 قتيلا: a dual is no end of a range
    if mention.percent and not following.percent:
        return False  # rose 23% to 1.86 billion dirhams: a change, then a level, not a range
    tokens = doc.tokens
    mention_end = mention.last + (1 if mention.percent else 0)  # between 0.7% and 1%
    between = following.first - mention_end - 1
    opened = any(
        _matches(tokens, mention.first, cue) and mention.first - len(cue) >= floor
        for cue in RANGE_OPENERS
    )
    if between == 2 and opened and tokens[mention_end + 2].text in RANGE_JOINERS:
        factor = _subunit_factor(doc, mention, following)
        return factor is not None and mention.value / factor < following.value
    if between == 1:
        joiner = tokens[mention_end + 1].text
        if joiner not in RANGE_JOINERS or not (opened or joiner in _STRICT_JOINERS):
            return False
    elif between == 0:
        gap = doc.text[tokens[mention_end].end : tokens[following.first].start].strip()
        if gap != "-" and not (opened and gap == "" and tokens[following.first].text[0] == "و"):
            return False
    else:
        return False
    return mention.value < following.value


# Beyond this no news figure is real: "1" and 120 groups of ",000" is a mistake or an attack,
# and would be stored as infinity.
MAX_FIGURE = 1e15


def _storable(candidate: Candidate) -> bool:
    """Whether every number of the candidate is finite and within MAX_FIGURE."""
    numbers = (candidate.value, candidate.lower, candidate.upper)
    return all(n is None or (math.isfinite(n) and abs(n) <= MAX_FIGURE) for n in numbers)


def _restates(doc: _Document, earlier: Mention, mention: Mention) -> bool:
    """Whether a number repeats the one right before it in other writing: digits then words,
    with only brackets, dashes or spaces between (بلغ (1,200) ألفا ومئتي ...، 12 (twelve))."""
    if earlier.value is None or earlier.value != mention.value or earlier.kind == mention.kind:
        return False
    gap = doc.text[doc.tokens[earlier.last].end : doc.tokens[mention.first].start]
    return gap.strip(" ()[]-–") == ""


def _scaled(tokens: list[Token], mention: Mention, following: Mention) -> float:
    """ما بين 10 و15 ألفا: the scale word of the second number applies to the first too."""
    assert mention.value is not None and following.value is not None
    scale = SCALES.get(tokens[following.last].text)
    if scale and following.last > following.first and tokens[mention.last].text not in SCALES:
        scaled = mention.value * scale
        if scaled < following.value:
            return scaled
    return mention.value


def extract_claims(text: str, *, language: str | None = None) -> list[Candidate]:
    """Candidate claims of a text, in order. Touches no database.

    `language` ("ar" or "en") is a hint only: both rule sets run, since Arabic articles quote
    English names and figures and the reverse.
    """
    doc = _Document(text)
    candidates: list[Candidate] = []
    history: list[Resolved] = []  # speakers of earlier sentences, for وأضاف and المتحدث
    for number, (first, end) in enumerate(doc.sentences):
        found = attributions(doc.tokens, doc.text, first, end)
        if not found and _quote_goes_on(doc, first, number, history):
            # Placed just before the sentence: it holds every figure of it, the first word too.
            found = [Attribution([], [], inherited=True, position=first - 1)]
        mentions = find_mentions(doc.tokens, first, end, doc.text)
        # A number inside the name of an outlet that relays (فرانس 24، told FRANCE 24) is a name.
        named = {i for a in found for relay in a.relay for i in relay}
        kept = [
            m
            for m in mentions
            if m.first not in named and excluded_reason(m, doc.tokens, doc.text) is None
        ]
        skip_until = -1

        def following_of(n: int, kept: list[Mention] = kept) -> Mention | None:
            return kept[n + 1] if n + 1 < len(kept) else None

        for n, mention in enumerate(kept):
            if mention.first <= skip_until:
                continue
            if n and candidates and _restates(doc, kept[n - 1], mention):
                # (3,450,000) ثلاثة ملايين وأربعمئة وخمسين ألف حبة: one figure, written twice;
                # what the words go on to count is what the digits count.
                restated = _candidate(
                    doc, mention, following_of(n), (first, end, number), found, history
                )
                if restated is not None and not candidates[-1].counted:
                    candidates[-1] = replace(
                        candidates[-1],
                        counted=restated[0].counted,
                        unit=candidates[-1].unit or restated[0].unit,
                    )
                    skip_until = restated[1]
                continue
            following = following_of(n)
            candidate = _candidate(doc, mention, following, (first, end, number), found, history)
            if candidate is None:
                continue
            claim, last_token = candidate
            skip_until = last_token
            if _storable(claim):
                candidates.append(claim)
        sentence_speaker = resolve(found, end, history, doc.tokens, number, doc.full_names)
        if sentence_speaker is not None and sentence_speaker.speaker:
            history.append(sentence_speaker)
    return link_headlines(text, candidates)


_OPENING_QUOTES = ('"', "“", "«")


def _quote_goes_on(doc: _Document, first: int, number: int, history: list[Resolved]) -> bool:
    """'"We are operating on paper," Delgado said. "Our teams have rescheduled 400 ...': a
    sentence that opens a quotation right after a sentence whose speaker was found, in the same
    paragraph, is the same speaker going on."""
    if not history or history[-1].sentence != number - 1 or first == 0:
        return False
    start = doc.tokens[first].start
    before = doc.text[doc.tokens[first - 1].end : start]
    return "\n" not in before and before.rstrip()[-1:] in _OPENING_QUOTES


@dataclass
class _Figure:
    """A figure being built from a mention: its numbers, qualifier and quote's token span."""

    value: float | None
    lower: float | None
    upper: float | None
    qualifier: str
    quote_first: int
    quote_last: int
    percent: bool = False
    counted: list[int] = field(default_factory=list)
    unit: str = ""


def _candidate(
    doc: _Document,
    mention: Mention,
    following: Mention | None,
    sentence: tuple[int, int, int],
    found: list[Attribution],
    history: list[Resolved],
) -> tuple[Candidate, int] | None:
    """The candidate claim of one mention in a sentence (its first token, end, number), and
    the last token it covers."""
    first, end, number = sentence
    figure = _qualify(doc, mention, following, first)
    _count(doc, figure, mention, following, first, end)
    start, stop = doc.span(figure.quote_first, figure.quote_last)
    currency = _currency(doc, mention)
    if currency:
        figure.unit = currency
        if figure.quote_first == mention.first:
            # The quote includes the sign or code: "$425 million", "SR84.4 billion".
            coded = currency_code_before(doc.tokens, mention.first)
            start = doc.span(mention.first - 1, mention.first - 1)[0] if coded else start - 1
    resolved = resolve(found, mention.first, history, doc.tokens, number, doc.full_names)
    speaker, role, relay = _attribute(doc, resolved)
    candidate = Candidate(
        value=figure.value,
        lower=figure.lower,
        upper=figure.upper,
        qualifier=figure.qualifier,
        unit=figure.unit,
        counted=doc.words(figure.counted),
        quote=doc.original[start:stop],
        start=start,
        end=stop,
        speaker=speaker,
        speaker_role=role,
        relay=relay,
        number_kind=mention.kind,
        speaker_basis=_basis(resolved, speaker),
        signals=_signals(resolved, speaker, found),
        prefix=doc.original[max(0, start - CONTEXT) : start],
        suffix=doc.original[stop : stop + CONTEXT],
    )
    return candidate, figure.quote_last


def _basis(resolved: Resolved | None, speaker: str | None) -> str:
    """How the speaker was found; "unsure" when a span was found but could name no one."""
    if resolved is None:
        return "narrator"
    if speaker or resolved.basis == "unsure":
        return resolved.basis
    return "narrator"


def _signals(
    resolved: Resolved | None, speaker: str | None, found: list[Attribution]
) -> tuple[str, ...]:
    """What the confidence model weighs about an attribution beyond how it was found: how far
    the attribution stands from the figure (in words, or sentences back for a speaker carried
    on), how many attributions compete in the sentence, whether the span was cut to shape."""
    signals = []
    if len(found) >= 2:
        signals.append("attributions:several")
    if speaker is None:
        if found:
            signals.append("narrator:beside-attribution")  # a source in the sentence, not used
        return tuple(signals)
    assert resolved is not None
    distance = resolved.distance
    signals.append(
        "distance:near" if distance <= 5 else "distance:mid" if distance <= 15 else "distance:far"
    )
    if resolved.back >= 2:
        signals.append("back:2+")
    elif resolved.back == 1:
        signals.append("back:1")
    if resolved.cut:
        signals.append("span:cut")
    return tuple(signals)


def _qualify(doc: _Document, mention: Mention, following: Mention | None, first: int) -> _Figure:
    """The figure's numbers and qualifier from cues before it: a vague plural, a range with the
    next number (ما بين 10 و15), or a hedge (نحو، أكثر من)."""
    tokens = doc.tokens
    figure = _Figure(
        mention.value, mention.lower, mention.upper, "exact", mention.first, mention.last
    )
    if mention.is_vague:
        figure.qualifier = "vague"
    elif following is not None and _range_partner(doc, mention, following, first):
        figure.qualifier = "range"
        factor = _subunit_factor(doc, mention, following) or 1.0
        lower = _scaled(tokens, mention, following) / factor
        figure.lower, figure.upper = (exact(lower) if factor != 1.0 else lower), following.value
        figure.value = None
        figure.quote_last = following.last
        if qualifier_before(tokens, mention.first, first) is None:
            for cue_len in (2, 1):
                if mention.first - cue_len >= first and any(
                    len(cue) == cue_len and _matches(tokens, mention.first, cue)
                    for cue in RANGE_OPENERS
                ):
                    figure.quote_first = mention.first - cue_len
                    break
    else:
        # An estimated SR84.4 billion: the cue stands before the currency code.
        at = mention.first - 1 if currency_code_before(tokens, mention.first) else mention.first
        before = qualifier_before(tokens, at, first)
        if before is not None:
            figure.qualifier, figure.quote_first = before
            if figure.qualifier == "more_than" and negated(tokens, before[1], first):
                figure.qualifier = "at_most"  # لا تستطيع تغطية أكثر من 15%: at most
            elif figure.qualifier == "less_than" and negated(tokens, before[1], first):
                figure.qualifier = "at_least"
        else:
            hedged = hedging_verb_before(tokens, mention.first, first)
            if hedged is not None:
                figure.qualifier = hedged[0]  # the quote stays the figure: the verb is apart
    return figure


def _count(
    doc: _Document,
    figure: _Figure,
    mention: Mention,
    following: Mention | None,
    first: int,
    end: int,
) -> None:
    """What is counted and its unit: the noun phrase after the number (or its % sign), else the
    noun after an earlier "the number of"; a cue after the noun (على الأقل) may hedge the figure."""
    tokens = doc.tokens
    ranged = figure.qualifier == "range"
    after = figure.quote_last + 1
    figure.percent = following.percent if ranged and following else mention.percent
    # The counted phrase stops where the next figure starts (33 محتجزا مقابل مئات الأسرى).
    ceiling = following.first if following is not None and not ranged else end
    if figure.percent:
        after += 1
        figure.quote_last += 1
    elif after + 1 < end and (tokens[after].text, tokens[after + 1].text) in _PERCENT_WORDS:
        figure.percent = True
        figure.quote_last = after + 1
        after += 2
    if mention.noun_before:
        figure.counted = [mention.first - 1]  # أبناءها الأربعة، شخصا واحدا
    elif mention.kind in ("dual", "one"):
        figure.counted = [mention.last]
        span = counted_span(tokens, mention.last + 1, ceiling, doc.text)
        if span is not None and tokens[mention.last + 1].text not in lexicon("من", "of"):
            figure.counted += list(range(span[0], span[1] + 1))  # طائرتين حربيتين
    else:
        span = counted_span(tokens, after, ceiling, doc.text)
        if span is not None:
            figure.counted = list(range(span[0], span[1] + 1))
            figure.quote_last = max(figure.quote_last, span[1])
    trailing = qualifier_after(tokens, figure.quote_last + 1, end)
    if trailing is not None and figure.qualifier == "exact":
        figure.qualifier, figure.quote_last = trailing
    if figure.qualifier == "exact":
        figure.lower = figure.upper = figure.value
    elif figure.qualifier in ("more_than", "at_least"):
        figure.lower = figure.value
    elif figure.qualifier in ("less_than", "at_most"):
        figure.upper = figure.value
    percent = figure.percent or mention.fraction  # ثلثيهم، a third of: a share, in per cent
    figure.unit = "%" if percent else unit_of([tokens[i].text for i in figure.counted])
    if not figure.counted:
        # قدّر عدد المرتزقة ... بنحو 1600: the counted noun came before, after "the number of".
        noun = next(
            (
                i
                for i in range(figure.quote_first - 1, first - 1, -1)
                if tokens[i].text in _COUNT_NOUNS
            ),
            None,
        )
        if noun is not None:
            span = counted_span(tokens, noun + 1, figure.quote_first, doc.text)
            if span is not None:
                figure.counted = list(range(span[0], span[1] + 1))
                figure.unit = figure.unit or unit_of([tokens[i].text for i in figure.counted])


def _currency(doc: _Document, mention: Mention) -> str | None:
    """The currency of a sign or code written right before the number ($425 million → USD,
    SR84.4 billion → SAR)."""
    at = doc.tokens[mention.first].start
    sign = _CURRENCY_SIGNS.get(doc.text[at - 1 : at]) if at > 0 else None
    return sign or currency_code_before(doc.tokens, mention.first)


def _attribute(
    doc: _Document, resolved: Resolved | None
) -> tuple[str | None, str, tuple[str, ...]]:
    """The speaker's name as written, their title or office, and the relay chain's outlet names."""
    if resolved is None:
        return None, "", ()
    key = (tuple(resolved.speaker), tuple(tuple(r) for r in resolved.relay))
    if key not in doc.named:
        doc.named[key] = _names(doc, resolved)
    return doc.named[key]


def _names(doc: _Document, resolved: Resolved) -> tuple[str | None, str, tuple[str, ...]]:
    role, name = split_role(doc.tokens, resolved.speaker)
    speaker = _name(doc, name) or None
    relay = (name for name in (_name(doc, r, relay=True) for r in resolved.relay) if name)
    return speaker, _name(doc, role).rstrip("،, "), tuple(dict.fromkeys(relay))


_OUTLET_WORDS = lexicon("وكالة", "صحيفة", "قناة", "موقع", "مجلة", "إذاعة", "شبكة")
_NEWS_WORDS = lexicon("الأنباء", "أنباء")
# Words after which a joined ل means "of/according to" and is no part of the name.
_JOINED_LAM = lexicon("وفقا", "طبقا", "وفق", "الرسمية", "الرسمي", "الصفحة", "صفحة", "حساب")


def _name(doc: _Document, indices: list[int], *, relay: bool = False) -> str:
    """A name as written in the article, without quotes or a joined ل (وفقا لمسؤولين → مسؤولين,
    للجزيرة → الجزيرة, لرويترز → رويترز)."""
    if not indices:
        return ""
    words = doc.words(indices).split(" ")
    head = doc.tokens[indices[0]]
    previous = doc.tokens[indices[0] - 1].forms() if indices[0] > 0 else ()
    # وفقا لمسؤولين، تقرير لوزارة التخطيط، تقديرات سريعة للهيئة: the ل joins, it does not name.
    joined = relay or any(p in _JOINED_LAM or p in DOCUMENT_NOUNS for p in previous)
    # A name never starts with لل (for/of the): للهيئة is الهيئة wherever it heads a speaker.
    if head.text.startswith("لل") and len(head.text) > 3:
        words[0] = "ال" + words[0].lstrip("ـ")[2:]
    elif (
        head.text.startswith("ل")
        and len(head.text) > (2 if relay else 3)  # لبي بي سي: a short outlet name told
        and joined
        and head.text not in KNOWN_OUTLETS
    ):
        words[0] = words[0][1:].lstrip("ـ")
    # Quotes off, but not the mark of a plural's possessive (the Farmers' Union).
    words = [w.strip('"“”«»').lstrip("'") for w in words]
    words = [w if w.endswith("s'") else w.rstrip("'") for w in words]
    # وكالة رويترز → رويترز; وكالة الأنباء الفرنسية stays whole.
    agency = relay and len(words) > 1 and normalize(words[0]) in _OUTLET_WORDS
    if agency and normalize(words[1]) not in _NEWS_WORDS:
        words = words[1:]
    return " ".join(words).strip()
