"""Articles composed from Arabic and English sentence templates, with the claims they carry.

Each article embeds figures with their qualifier cues and speakers (the extractor would find
them); each claim's quote is exactly `body[start:end]`. Everything is drawn from one
`random.Random(seed)`, so the same arguments give the same articles. No database needed.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import itertools
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from bench.datagen.vocabulary import (
    COUNTED,
    FIRST_DAY,
    LAST_DAY,
    MONTHS_AR,
    MONTHS_EN,
    PLACES,
    Counted,
    MeasureSpec,
    Vocabulary,
)
from claims.models import Qualifier, Status

# Reporting verbs and their English counterparts; {s} is the speaker, {r} the relaying outlet.
AR_ATTRIBUTIONS = [
    "وقال {s} إن ",
    "وأكد {s} أن ",
    "وأوضح {s} أن ",
    "وذكر {s} أن ",
    "وبحسب {s}، فإن ",
]
AR_RELAYED = ["ونقلت {r} عن {s} قوله إن ", "وأفاد {s}، وفق ما نقلت {r}، بأن "]
EN_ATTRIBUTIONS = ["{s} said ", "According to {s}, ", "{s} told reporters that "]
EN_RELAYED = ["{s} told {r} that ", "Citing {s}, {r} reported that "]
AR_FILLERS = [
    "وتشهد المنطقة توترا متصاعدا منذ مطلع عام {y}.",
    "وكانت الأمم المتحدة قد دعت في {m} {y} إلى وقف فوري لإطلاق النار.",
    "ولم يتسن التحقق من هذه الأرقام من مصدر مستقل.",
    "وجاءت هذه التطورات بعد اجتماع عقد في الساعة 10:30 صباحا.",
    "ويستخدم الطرفان طائرات من طراز ميغ 29 وسوخوي 24 في المعارك.",
]
EN_FILLERS = [
    "Tensions in the region have been rising since early {y}.",
    "The United Nations called for an immediate ceasefire in {m} {y}.",
    "The figures could not be independently verified.",
    "The meeting began at 10:30 in the morning.",
    "Both sides have fielded MiG-29 and Su-24 aircraft.",
]
# Arabic qualifier cues (design.md, "Numbers"), some written with their diacritics as in print.
AR_CUES = {
    Qualifier.EXACT: [""],
    Qualifier.APPROX: ["نحو ", "حوالي ", "قرابة ", "زهاء ", "حوالَي "],
    Qualifier.MORE_THAN: ["أكثر من ", "ما يزيد على ", "أكثرَ من "],
    Qualifier.AT_LEAST: ["ما لا يقل عن "],
    Qualifier.LESS_THAN: ["أقل من "],
    Qualifier.AT_MOST: ["ما لا يزيد على ", "حتى "],
}
EN_CUES = {
    Qualifier.EXACT: [""],
    Qualifier.APPROX: ["about ", "roughly ", "some "],
    Qualifier.MORE_THAN: ["more than ", "over "],
    Qualifier.AT_LEAST: ["at least "],
    Qualifier.LESS_THAN: ["fewer than "],
    Qualifier.AT_MOST: ["up to "],
}
# Vague plurals: (Arabic word, English word, lower, upper).
VAGUE = [("عشرات", "dozens of", 20, 99), ("مئات", "hundreds of", 200, 999)]
VAGUE += [("آلاف", "thousands of", 2000, 9999)]

QUALIFIER_WEIGHTS = [
    (Qualifier.EXACT, 40),
    (Qualifier.APPROX, 22),
    (Qualifier.MORE_THAN, 12),
    (Qualifier.AT_LEAST, 6),
    (Qualifier.LESS_THAN, 4),
    (Qualifier.AT_MOST, 4),
    (Qualifier.RANGE, 6),
    (Qualifier.VAGUE, 6),
]
STATUS_WEIGHTS = [
    (Status.EXTRACTED, 62),
    (Status.IN_REVIEW, 14),
    (Status.VERIFIED, 14),
    (Status.DISPUTED, 5),
    (Status.REJECTED, 5),
]
ARABIC_SHARE = 0.75
NARRATOR_SHARE = 0.15  # figures with no reporting verb belong to the article's outlet
RELAYED_SHARE = 0.2
MEASURED_SHARE = 0.6  # claims an editor (here: the generator) has tied to a measure

_ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@dataclass(frozen=True)
class ComposedClaim:
    start: int
    end: int
    quote: str
    value: float | None
    lower: float | None
    upper: float | None
    qualifier: str
    unit: str
    counted: str
    speaker: int | None  # index into Vocabulary.speakers
    speaker_text: str
    measure: int | None  # index into Vocabulary.measures
    relay: int | None  # index into Vocabulary.outlets
    status: str
    confidence: float


@dataclass(frozen=True)
class ComposedArticle:
    title: str
    body: str
    language: str
    outlet: int | None  # index into Vocabulary.outlets
    published_on: dt.date | None
    claims: list[ComposedClaim]

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.body.encode("utf-8")).hexdigest()


def _pick(rng: random.Random, cum_weights: Sequence[float]) -> int:
    return bisect.bisect(cum_weights, rng.random() * cum_weights[-1])


def _number_text(value: int, arabic: bool, rng: random.Random) -> str:
    if arabic:
        # Mostly Western digits as Arabic sites print them; some Arabic-Indic digits.
        return str(value).translate(_ARABIC_DIGITS) if rng.random() < 0.15 else str(value)
    return f"{value:,}" if value >= 1000 and rng.random() < 0.7 else str(value)


def _figure(
    rng: random.Random, measure: MeasureSpec | None, counted: Counted, arabic: bool
) -> tuple[str, float | None, float | None, float | None, str]:
    """The quoted figure (cue, number, counted noun) and its value, lower, upper, qualifier."""
    qualifier = rng.choices([q for q, _ in QUALIFIER_WEIGHTS], cum_weights=_QUALIFIER_CUM, k=1)[0]
    if measure is not None:
        # Figures for one measure scatter around its value, so measures have real conflicts.
        value = max(1, int(measure.value * rng.choice((0.5, 0.8, 0.9, 1, 1, 1, 1.1, 1.25, 2))))
    else:
        value = rng.randint(counted.low, counted.high)
    noun = counted.ar_singular if arabic else counted.en
    if qualifier == Qualifier.VAGUE:
        ar_word, en_word, low, high = rng.choice(VAGUE)
        text = f"{ar_word} {counted.ar_plural}" if arabic else f"{en_word} {counted.en}"
        return text, None, float(low), float(high), qualifier
    if qualifier == Qualifier.RANGE:
        high = value + max(1, value // rng.choice((4, 5, 10)))
        low_text, high_text = _number_text(value, arabic, rng), _number_text(high, arabic, rng)
        if arabic:
            text = f"ما بين {low_text} و{high_text} {noun}"
        else:
            text = f"between {low_text} and {high_text} {noun}"
        return text, None, float(value), float(high), qualifier
    cue = rng.choice((AR_CUES if arabic else EN_CUES)[qualifier])
    text = f"{cue}{_number_text(value, arabic, rng)} {noun}"
    lower = upper = None
    if qualifier == Qualifier.EXACT:
        lower = upper = float(value)
    elif qualifier in (Qualifier.MORE_THAN, Qualifier.AT_LEAST):
        lower = float(value)
    elif qualifier in (Qualifier.LESS_THAN, Qualifier.AT_MOST):
        upper = float(value)
    return text, float(value), lower, upper, qualifier


_QUALIFIER_CUM = list(itertools.accumulate(w for _, w in QUALIFIER_WEIGHTS))
_STATUS_CUM = list(itertools.accumulate(w for _, w in STATUS_WEIGHTS))
_STATUSES = [s for s, _ in STATUS_WEIGHTS]


def _attribution(
    vocabulary: Vocabulary, rng: random.Random, arabic: bool
) -> tuple[str, int | None, str, int | None]:
    """Who says the figure: (the words before it, speaker index, speaker text, relay index).

    Some figures have no reporting verb (they are the outlet's own); some are relayed:
    "ونقلت رويترز عن المتحدث قوله إن …".
    """
    if rng.random() < NARRATOR_SHARE:
        return ("و" if arabic else ""), None, "", None
    speaker_index = _pick(rng, vocabulary.speaker_weights)
    spec = vocabulary.speakers[speaker_index]
    if arabic:
        speaker_text = spec.name
        if len(spec.aliases) > 2 and rng.random() < 0.2:
            speaker_text = spec.aliases[2]  # another spelling of the same person
        shown = f"{spec.role} {speaker_text}" if spec.role else speaker_text
    else:
        speaker_text = spec.name_en
        shown = f"{spec.role_en} {speaker_text}" if spec.role_en else speaker_text
    if rng.random() < RELAYED_SHARE:
        relay = _pick(rng, vocabulary.outlet_weights)
        relay_name = vocabulary.outlets[relay][0 if arabic else 1]
        template = rng.choice(AR_RELAYED if arabic else EN_RELAYED)
        return template.format(s=shown, r=relay_name), speaker_index, speaker_text, relay
    template = rng.choice(AR_ATTRIBUTIONS if arabic else EN_ATTRIBUTIONS)
    return template.format(s=shown), speaker_index, speaker_text, None


def _tail(
    counted: Counted, place: tuple[str, str], measure: MeasureSpec | None, arabic: bool
) -> str:
    """The rest of the sentence after the figure: where, and when for a measure's figure."""
    if arabic:
        tail = " " + counted.ar_predicate.format(p=place[0])
        if measure:
            tail += f" خلال {measure.period_ar}"
    else:
        tail = " " + counted.en_predicate.format(p=place[1])
        if measure:
            tail += f" in {measure.period}"
    return tail + ".\n"


def compose_article(
    vocabulary: Vocabulary, rng: random.Random, number: int, claims: int
) -> ComposedArticle:
    """One article with `claims` figures; `number` makes its text (and content hash) unique."""
    arabic = rng.random() < ARABIC_SHARE
    outlet = _pick(rng, vocabulary.outlet_weights) if rng.random() > 0.03 else None
    days = (LAST_DAY - FIRST_DAY).days
    # Later years carry more news: the triangular draw leans towards the end of the period.
    published_on = FIRST_DAY + dt.timedelta(days=int(rng.triangular(0, days, days)))
    if rng.random() < 0.02:
        published_on = None
    main_place = PLACES[_pick(rng, vocabulary.place_weights)]
    year = published_on.year if published_on else 2020
    if arabic:
        title = f"تطورات جديدة في {main_place[0]} (تقرير {number})"
    else:
        title = f"New developments in {main_place[1]} (report {number})"
    parts = [title, "\n"]
    length = len(title) + 1
    composed: list[ComposedClaim] = []
    fillers = AR_FILLERS if arabic else EN_FILLERS
    months = (MONTHS_AR if arabic else MONTHS_EN).split()
    for i in range(claims):
        if i % 3 == 1:
            filler = rng.choice(fillers).format(y=year, m=rng.choice(months)) + " "
            parts.append(filler)
            length += len(filler)
        measure_index = (
            _pick(rng, vocabulary.measure_weights) if rng.random() < MEASURED_SHARE else None
        )
        measure = vocabulary.measures[measure_index] if measure_index is not None else None
        counted = measure.counted if measure else rng.choice(COUNTED)
        place = measure.place if measure else main_place
        quote, value, lower, upper, qualifier = _figure(rng, measure, counted, arabic)
        lead, speaker_index, speaker_text, relay = _attribution(vocabulary, rng, arabic)
        tail = _tail(counted, place, measure, arabic)
        if not arabic and not lead:
            quote = quote[:1].upper() + quote[1:]  # the figure opens the sentence
        start = length + len(lead)
        end = start + len(quote)
        parts += [lead, quote, tail]
        length = end + len(tail)
        composed.append(
            ComposedClaim(
                start=start,
                end=end,
                quote=quote,
                value=value,
                lower=lower,
                upper=upper,
                qualifier=qualifier,
                unit=counted.unit,
                counted=counted.ar_singular if arabic else counted.en,
                speaker=speaker_index,
                speaker_text=speaker_text,
                measure=measure_index,
                relay=relay,
                status=rng.choices(_STATUSES, cum_weights=_STATUS_CUM, k=1)[0],
                confidence=round(rng.uniform(0.5, 1.0), 2),
            )
        )
    return ComposedArticle(
        title=title,
        body="".join(parts),
        language="ar" if arabic else "en",
        outlet=outlet,
        published_on=published_on,
        claims=composed,
    )


def compose_articles(
    seed: int, articles: int, claims_per_article: int, *, first_number: int = 1
) -> Iterator[ComposedArticle]:
    """The generated articles for a seed, one by one (no database needed)."""
    vocabulary = Vocabulary.build(seed)
    rng = random.Random(seed)
    for number in range(first_number, first_number + articles):
        yield compose_article(vocabulary, rng, number, claims_per_article)
