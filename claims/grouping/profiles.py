"""A figure's grouping profile, read from its claim and the sentence around it, and a measure's,
read from its names, unit and period (see claims/grouping/__init__.py for what each part means).

    «قدّر عدد مرتزقة الشركة الروسية الذين فروا من طرابلس باتجاه مدينة بني وليد بنحو 1600»
    → thing fighters, unit people, event left, names {طرابلس، بني وليد}
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from articles.normalization import normalize
from articles.normalization import stem as _stem
from articles.transliteration import name_keys
from claims.curation import _unit_key
from claims.grouping import vocabulary

# How far from the figure an event word or a name may be (characters, within its sentence).
EVENT_REACH = 90
NAME_REACH = 260
# Sentences end at . ! ? ؟ and line breaks; a decimal point between digits does not end one.
_SENTENCE_END = re.compile(r"(?<!\d)[.!?؟](?!\d)|\n")
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
# A name in quotes: «فاغنر», "Wagner", “فاغنر” (after normalize, all quotes are ").
_QUOTED = re.compile(r'"([^"\n]{2,40})"')
# Casualty things carry their event: 40 قتيلا is people killed.
EVENT_OF_THING = {
    "dead": "killed",
    "injured": "injured",
    "missing": "missing",
    "displaced": "displaced",
    "detained": "detained",
}
# Words repeat across a batch of claims (the same nouns, verbs and names): their stems and name
# forms are computed once.
stem = functools.lru_cache(maxsize=200_000)(_stem)
normalize_word = functools.lru_cache(maxsize=200_000)(normalize)

_PLACE_PREPOSITIONS = frozenset({"من", "الى", "في", "باتجاه", "نحو", "قرب", "داخل"})
_ARABIC_CLITICS = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل")


@dataclass
class Profile:
    """What the grouping compares (the stored form is claims.models.GroupingProfile)."""

    thing: str = ""
    unit: str = ""
    event: str = ""
    marks: frozenset[str] = frozenset()
    language: str = ""
    names: frozenset[str] = frozenset()
    anchors: frozenset[str] = frozenset()
    first_on: datetime.date | None = None
    last_on: datetime.date | None = None
    low: float | None = None
    high: float | None = None
    # Not stored: who and where, for the same-article rule, and the words for a label.
    claim_id: int | None = None
    article_id: int | None = None
    speaker_id: int | None = None
    repeats_id: int | None = None
    label_words: dict[str, str] = field(default_factory=dict)

    def stored(self) -> dict[str, object]:
        """The fields of a GroupingProfile row."""
        return {
            "thing": self.thing[:100],
            "unit": self.unit[:50],
            "event": self.event,
            "marks": _padded(self.marks),
            "language": self.language[:2],
            "names": _padded(self.names),
            "anchors": _padded(self.anchors),
            "first_on": self.first_on,
            "last_on": self.last_on,
            "low": self.low,
            "high": self.high,
        }


def _padded(words: Iterable[str]) -> str:
    words = sorted(words)
    return f" {' '.join(words)} " if words else ""


def from_row(row, **extra) -> Profile:
    """A Profile from a stored GroupingProfile row."""
    return Profile(
        thing=row.thing,
        unit=row.unit,
        event=row.event,
        marks=frozenset(row.marks.split()),
        language=row.language,
        names=frozenset(row.names.split()),
        anchors=frozenset(row.anchors.split()),
        first_on=row.first_on,
        last_on=row.last_on,
        low=row.low,
        high=row.high,
        **extra,
    )


def _strip_clitics(word: str) -> str:
    for prefix in _ARABIC_CLITICS:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix) :]
    return word


@functools.lru_cache(maxsize=200_000)
def _word_forms(word: str) -> tuple[str, ...]:
    """A word as written, without its clitics, stemmed, and without the accusative alif of an
    indefinite noun (قتيلا، مهاجرا، شخصا → قتيل، مهاجر، شخص)."""
    bare = _strip_clitics(word)
    forms = [word, bare, stem(word), stem(bare)]
    if word.endswith("ا") and len(word) >= 4:
        forms += [word[:-1], stem(word[:-1])]
    return tuple(forms)


def _is_demonym(word: str, counted: str) -> bool:
    """A people's name as the counted noun (18 مليون يمني، 18 million Yemenis): people."""
    if word.isascii():
        return bool(re.match(r"[A-Z][a-z]+(?:is|ians|ans|ese|ns)\b", counted.strip()))
    return len(word) >= 4 and word.endswith(("ي", "يين", "يون"))


def thing_of(counted: str, unit: str) -> tuple[str, str]:
    """The counted thing's concept key and the word it was read from.

    A measurement unit names the thing (km → distance); otherwise the first word of `counted`
    that names a known thing (عنصر من مرتزقة → fighters), else the first word's stem (Arabic: the
    head noun comes first) or the last one's (English: "Wagner fighters").
    """
    unit_key = _unit_key(unit)
    if unit_key in vocabulary.UNIT_THINGS:
        return vocabulary.UNIT_THINGS[unit_key], unit_key
    words = [w for w in _TOKEN.findall(normalize(counted).casefold()) if len(w) > 1]
    known = vocabulary.thing_of_stem()
    # The head noun: the first known word in Arabic (عنصر من مرتزقة), the last word in English
    # ("other crossing attempts": attempts, not others).
    ordered = words[-1:] if words and words[0].isascii() else words
    for word in ordered:
        for form in _word_forms(word):
            if form in known:
                return known[form], word
    content = [w for w in words if stem(w) not in vocabulary.not_names()]
    if unit_key == "people" or (content and _is_demonym(content[0], counted)):
        # Persons the table does not name (يمني، Yemenis, pilgrims): people all the same.
        return "people", content[0] if content else ""
    if not content:
        return (unit_key, unit_key) if unit_key else ("", "")
    head = content[-1] if content[0].isascii() else content[0]
    return stem(head), head


# Measurement things whose question is their subject (money: a debt, a fee; share: inflation).
SUBJECT_THINGS = frozenset({"money", "share", "duration"})
SUBJECT_REACH = 45
MARK_REACH = 50
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


def _subject_of(counted: str, text: str, position: int) -> str:
    """What an amount is of: a subject word in what is counted, else the nearest in the
    sentence (within SUBJECT_REACH)."""
    subjects = vocabulary.subject_of_word()
    for word in _TOKEN.findall(normalize(counted).casefold()):
        for form in _word_forms(word):
            if form in subjects:
                return subjects[form]
    for reach in (SUBJECT_REACH, 3 * SUBJECT_REACH):
        best: tuple[float, str] | None = None
        for match in _TOKEN.finditer(text):
            if match.end() <= position:
                distance: float = position - match.end()
            else:  # the subject is named before the amount more often than after it
                distance = 1.5 * max(0, match.start() - position)
            if distance > reach:
                continue
            for form in _word_forms(match.group().casefold()):
                subject = subjects.get(form)
                if subject and (best is None or distance < best[0]):
                    best = (distance, subject)
                    break
        if best:
            return best[1]
    return ""


_CLAUSE_END = re.compile(r"[،,;:()\n]")


def _clause(text: str, start: int, end: int) -> str:
    """The clause of the figure text[start:end]: up to the commas around it, at most MARK_REACH
    characters each side (a mark after the comma belongs to the next figure: «إلى 21 قتيلا، بعد
    انتشال جثتين إضافيتين»)."""
    before = [m.end() for m in _CLAUSE_END.finditer(text, max(0, start - MARK_REACH), start)]
    first = before[-1] if before else max(0, start - MARK_REACH)
    after = _CLAUSE_END.search(text, end, end + MARK_REACH)
    last = after.start() if after else min(len(text), end + MARK_REACH)
    return text[first:last]


def _marks_at(text: str, position: int, end: int, published_on, *, count: bool) -> set[str]:
    """Time marks near the figure (vocabulary.TIME_MARKS): an earlier figure, a running total, a
    part, a forecast, an increment (counts only: a "new tranche" is still the tranche), and a
    year other than the article's own (أبرمت عام 2023)."""
    window = _clause(text, position, end).casefold()
    marks = {
        mark
        for mark, pattern in vocabulary.time_mark_patterns().items()
        if pattern.search(window) and (count or mark != "increment")
    }
    for year in _YEAR.findall(window):
        if published_on is None or int(year) != published_on.year:
            marks.add(f"year:{year}")
    return marks


def _english_verb_forms(word: str) -> tuple[str, ...]:
    """intercepting → intercept, stopped → stop(p), displaces → displace: an English verb's
    inflections, for the event table."""
    if not word.isascii():
        return ()
    forms = []
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            forms += [base, base + "e"]
            if len(base) > 3 and base[-1] == base[-2]:
                forms.append(base[:-1])  # stopped → stop
    return tuple(forms)


def _event_at(text: str, position: int, reach: int) -> str:
    """The event named nearest `position` in `text` (normalized), within `reach` characters."""
    best: tuple[int, str] | None = None
    for match in _TOKEN.finditer(text):
        distance = min(abs(match.start() - position), abs(match.end() - position))
        if distance > reach:
            continue
        event = _event_of(match.group().casefold())
        if event and (best is None or distance < best[0]):
            best = (distance, event)
    return best[1] if best else ""


@functools.lru_cache(maxsize=200_000)
def _event_of(word: str) -> str:
    events = vocabulary.event_of_word()
    for form in (word, _strip_clitics(word), stem(word), *_english_verb_forms(word)):
        if form in events:
            return events[form]
    return ""


_NAME_ARTICLES = ("وال", "بال", "فال", "كال", "لل", "ال")


@functools.lru_cache(maxsize=200_000)
def name_form(word: str) -> str:
    """A name's word for matching: normalized, without the article (الروس → روس); never
    stemmed further, since a name's first letter may look like a clitic (فاغنر, وليد)."""
    word = normalize(word).casefold()
    for prefix in _NAME_ARTICLES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix) :]
    return _english_singular_name(word)


def _english_singular_name(word: str) -> str:
    return stem(word) if word.isascii() else word


def _name_forms(name: str) -> set[str]:
    return set(_name_forms_cached(name))


@functools.lru_cache(maxsize=100_000)
def _name_forms_cached(name: str) -> frozenset[str]:
    """A name's words, with their transliteration keys (فاغنر and Wagner meet)."""
    forms: set[str] = set()
    for word in _TOKEN.findall(name):
        if len(word) < 2 or name_form(word) in vocabulary.generic_modifiers():
            continue
        forms.add(name_form(word))
        forms.update(name_keys(word))
        bare = normalize(word)
        if bare[:1] in "لبوف" and len(bare) >= 5 and not bare.isascii():
            # لمصر، بصفاقس: the clitic's letter may also be the name's own (وليد): keep both.
            forms.add(name_form(bare[1:]))
            forms.update(name_keys(bare[1:]))
    return frozenset(forms)


def names_in(text: str, position: int, reach: int) -> list[tuple[int, str]]:
    """Places and organisations named in `text` (normalized) near `position`, with distances.

    Arabic: up to two words after a cue (مدينة بني وليد، جنوب شرق طرابلس، شركة فاغنر) and words
    in quotes; English: capitalised words past the sentence's first word.
    """
    found: list[tuple[int, str]] = []
    tokens = list(_TOKEN.finditer(text))
    cues, not_names = vocabulary.place_cues(), vocabulary.not_names()
    for index, match in enumerate(tokens):
        word = match.group()
        if word.isascii():
            continue
        if _strip_clitics(word) not in cues and word not in cues and stem(word) not in cues:
            continue
        definite_direction = word.startswith("ال") and name_form(word) in vocabulary.directions()
        parts: list[str] = []
        end = match.end()
        for following in tokens[index + 1 : index + 4]:
            gap = text[end : following.start()]
            other = following.group()
            if other.isascii() or any(ch in gap for ch in ",،;:()\"'") or len(gap) > 2:
                break
            key = _strip_clitics(other)
            if other in not_names or key in not_names or stem(other) in not_names:
                if parts:
                    break
                if other in cues or key in cues or (definite_direction and other == "من"):
                    end = following.end()
                    continue  # جنوب شرق طرابلس، الجنوب الشرقي من طرابلس
                break
            if definite_direction:
                break  # في الشرق قادمة: a direction, not a place's name
            if parts and other.startswith("ال"):
                break  # an adjective (طرابلس الليبية), not the name's second word
            parts.append(other)
            end = following.end()
            if len(parts) == 2:
                break
        if parts:
            found.append((abs(match.start() - position), " ".join(parts)))
    # من طرابلس، إلى بني وليد، في ليبيا: a word without the article after a preposition of place
    # is most often a name (common nouns there are definite or in a construct: من محاور القتال).
    for index, match in enumerate(tokens[:-1]):
        if match.group() not in _PLACE_PREPOSITIONS:
            continue
        following = tokens[index + 1]
        other = following.group()
        gap = text[match.end() : following.start()]
        if other.isascii() or len(gap) > 1 or other.startswith("ال") or len(other) < 3:
            continue
        if (
            other in not_names
            or stem(other) in not_names
            or stem(other) in vocabulary.thing_of_stem()
        ):
            continue
        found.append((abs(following.start() - position), other))
    for match in _QUOTED.finditer(text):
        found.append((abs(match.start() - position), match.group(1)))
    return [(d, n) for d, n in found if d <= reach]


def english_names_in(original: str, position: int, reach: int) -> list[tuple[int, str]]:
    """Capitalised words (not a sentence's first word) near `position` in the original text."""
    found = []
    stop = vocabulary.english_not_names()
    for match in re.finditer(
        r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z-]+(?:\s+[A-Z][a-zA-Z-]+)*", original
    ):
        words = [w for w in match.group().split() if w.casefold() not in stop]
        if not words:
            continue
        distance = min(abs(match.start() - position), abs(match.end() - position))
        if distance <= reach:
            found.append((distance, " ".join(words)))
    return found


def sentence_around(body: str, start: int, end: int) -> tuple[str, int]:
    """The sentence holding body[start:end] and where the figure starts in it."""
    before = [m.end() for m in _SENTENCE_END.finditer(body, 0, start)]
    first = before[-1] if before else 0
    after = _SENTENCE_END.search(body, end)
    last = after.start() if after else len(body)
    return body[first:last], start - first


def profile_of_claim(claim, body: str, *, outlet_words: frozenset[str] = frozenset()) -> Profile:
    """The profile of a claim (anything with counted, unit, quote, start, end, figures, dates)
    read from `body`, its article's text. `outlet_words`: stems of outlet names, which are not
    places (the outlet carrying a figure says nothing of what it counts)."""
    thing, head = thing_of(claim.counted or "", claim.unit or "")
    sentence, at = sentence_around(body, claim.start, claim.end)
    text = normalize(sentence)
    event = EVENT_OF_THING.get(thing, "")
    if thing == "cases":  # حالة وفاة، 48 cases of injury: the cases are people, by the event
        event = _event_at(text, at, EVENT_REACH)
        if event in EVENT_OF_THING.values():
            thing = "people"
    if event and thing != "cases":
        thing = "people"
    elif thing in SUBJECT_THINGS:
        # An amount or a share answers a question by its subject (debt, inflation), not its unit.
        subject = _subject_of(claim.counted or "", text, at)
        thing = f"{thing}:{subject}" if subject else thing
    elif thing not in vocabulary.UNIT_THINGS.values():
        # What happened matters for counts (deployed vs withdrawn), not for a distance.
        event = _event_at(text, at, EVENT_REACH)
    marks = _marks_at(
        text,
        at,
        at + len(claim.quote or ""),
        getattr(claim, "published_on", None),
        count=thing not in vocabulary.UNIT_THINGS.values() and ":" not in thing,
    )
    near = names_in(text, at, NAME_REACH) + english_names_in(sentence, at, NAME_REACH)
    near.sort()
    names: set[str] = set()
    anchors: set[str] = set()
    anchor_names: set[frozenset[str]] = set()
    for _, name in near:
        forms = frozenset(_name_forms(name) - outlet_words)
        if not forms:
            continue
        names |= forms
        # The two names nearest the figure: a distance's two ends (بني وليد ... طرابلس).
        if len(anchor_names) < 2 and not any(forms & known for known in anchor_names):
            anchor_names.add(forms)
            anchors |= forms
    # What is counted beyond its head (مرتزقة الشركة الروسية، Wagner fighters) names who, too.
    for word in _TOKEN.findall(normalize(claim.counted or "").casefold()):
        if len(word) > 2 and stem(word) not in vocabulary.not_names() and word != head:
            names |= _name_forms(word) - outlet_words
    # The article's title names what the article is about (the place of a disaster, the
    # company of a deal) when the sentence only says "the province", "the club".
    title = getattr(getattr(claim, "article", None), "title", "") or ""
    names |= title_words(title) - outlet_words
    low, high = figure_bounds(claim)
    return Profile(
        thing=thing,
        unit=_unit_key(claim.unit or ""),
        event=event,
        marks=frozenset(marks),
        language=getattr(claim, "language", "") or "",
        names=frozenset(names),
        anchors=frozenset(anchors),
        first_on=claim.published_on,
        last_on=claim.published_on,
        low=low,
        high=high,
        claim_id=claim.pk,
        article_id=claim.article_id,
        speaker_id=claim.speaker_id,
        repeats_id=claim.repeats_id,
        label_words={
            "thing": _as_written(claim.counted or "", head),
            "place": _nearest_place(near),
            "ends": "–".join(n for _, n in _distinct_names(near)[:2]),
        },
    )


def title_words(title: str) -> set[str]:
    return set(_title_words(title))


@functools.lru_cache(maxsize=20_000)
def _title_words(title: str) -> frozenset[str]:
    """The content words of an article's title as name forms: what the story is about (its
    place, its people, its company), for telling one story's figures from another's."""
    forms: set[str] = set()
    not_names = vocabulary.not_names()
    english = vocabulary.english_not_names()
    for word in _TOKEN.findall(title):
        key = normalize_word(word).casefold()
        if len(key) < 3 or key in english or key in not_names or stem(key) in not_names:
            continue
        forms |= _name_forms(word)
    return forms


def _nearest_place(near: list[tuple[int, str]]) -> str:
    return near[0][1] if near else ""


def _distinct_names(near: list[tuple[int, str]]) -> list[tuple[int, str]]:
    seen: set[str] = set()
    distinct = []
    for distance, name in near:
        if name not in seen:
            seen.add(name)
            distinct.append((distance, name))
    return distinct


def _as_written(counted: str, head: str) -> str:
    """The counted word as the text writes it (المرتزقة), found from its normalized form."""
    for word in re.findall(r"\w+", counted):
        if normalize(word).casefold() == head:
            return word
    return head


def figure_bounds(claim) -> tuple[float | None, float | None]:
    """The figure's stated numbers, lowest and highest (value for exact and about figures)."""
    numbers = [n for n in (claim.value, claim.lower, claim.upper) if n is not None]
    if not numbers:
        return None, None
    return min(numbers), max(numbers)


def profile_of_measure(measure, claim_profiles: Iterable[Profile] = ()) -> Profile:
    """A measure's profile: its names (every language) read like a sentence about the figure,
    its unit, and what its claims' profiles agree on."""
    claim_profiles = list(claim_profiles)
    texts = [t for t in (measure.name, measure.name_ar, measure.name_en) if t]
    names: set[str] = set()
    events: list[str] = []
    things: list[str] = []
    for text in texts:
        normalized = normalize(text)
        near = names_in(normalized, 0, len(normalized)) + english_names_in(text, 0, len(text))
        for _, name in near:
            names |= _name_forms(name)
        event = _event_at(normalized, 0, len(normalized))
        if event:
            events.append(event)
        for word in _TOKEN.findall(normalized.casefold()):
            known = vocabulary.thing_of_stem().get(stem(word))
            if known:
                things.append(known)
                break
    unit = _unit_key(measure.unit or "")
    if unit in vocabulary.UNIT_THINGS:
        things.insert(0, vocabulary.UNIT_THINGS[unit])
    things += [p.thing for p in claim_profiles if p.thing]
    events += [p.event for p in claim_profiles if p.event]
    for p in claim_profiles:
        names |= p.names
    thing = _most_common(things)
    event = "" if thing in vocabulary.UNIT_THINGS.values() else _most_common(events)
    if thing in EVENT_OF_THING:
        event, thing = event or EVENT_OF_THING[thing], "people"
    dates = [d for p in claim_profiles for d in (p.first_on, p.last_on) if d]
    lows = [p.low for p in claim_profiles if p.low is not None]
    highs = [p.high for p in claim_profiles if p.high is not None]
    return Profile(
        thing=thing,
        unit=unit,
        event=event,
        names=frozenset(names),
        anchors=frozenset(),
        first_on=min(dates) if dates else None,
        last_on=max(dates) if dates else None,
        low=min(lows) if lows else None,
        high=max(highs) if highs else None,
    )


def _most_common(values: list[str]) -> str:
    if not values:
        return ""
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return max(counts, key=lambda v: (counts[v], -values.index(v)))
