"""Reading numbers: digits, Arabic and English number words, dual nouns and vague plurals.

A `Mention` is one number as written, with its token span; whether it is a claim (and not a date,
a year or a model designation) is decided later by `exclusions`.
"""

from __future__ import annotations

from dataclasses import dataclass

from claims.extraction.tokens import PROCLITICS, Token, lexicon

# Arabic cardinals 1-10 in their gender and case forms (normalized: ة→ه, ى→ي, hamza carriers).
# واحد and أحد alone mostly mean "one of"/"someone", so 1 is read only inside compounds.
_AR_UNITS: dict[str, int] = {}
for _value, _forms in {
    2: ("اثنان", "اثنين", "اثنتان", "اثنتين", "اثنا", "اثني", "اثنتا", "اثنتي"),
    3: ("ثلاث", "ثلاثة"),
    4: ("أربع", "أربعة"),
    5: ("خمس", "خمسة"),
    6: ("ست", "ستة"),
    7: ("سبع", "سبعة"),
    8: ("ثمان", "ثماني", "ثمانية"),
    9: ("تسع", "تسعة"),
    10: ("عشر", "عشرة"),
}.items():
    for _form in lexicon(*_forms):
        _AR_UNITS[_form] = _value
_FRACTIONS = {form: 0.5 for form in lexicon("نصف", "half")} | {
    form: 0.25 for form in lexicon("ربع", "quarter")
}
_AR_ONE = lexicon("واحد", "واحدة", "أحد", "إحدى")
_AR_TEEN_TEN = lexicon("عشر", "عشرة")
_AR_TENS: dict[str, int] = {}
for _value, _stem in {
    20: "عشر",
    30: "ثلاث",
    40: "أربع",
    50: "خمس",
    60: "ست",
    70: "سبع",
    80: "ثمان",
    90: "تسع",
}.items():
    for _form in lexicon(_stem + "ون", _stem + "ين"):
        _AR_TENS[_form] = _value
_AR_HUNDRED = lexicon("مئة", "مائة", "مئه", "ماية")
_AR_HUNDREDS_DUAL = lexicon("مئتان", "مئتين", "مائتان", "مائتين", "مئتا", "مائتا", "مئتي", "مائتي")
_AR_HUNDREDS: dict[str, int] = {}
for _unit, _value in (("ثلاث", 3), ("أربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7), ("ثمان", 8)):
    for _h in ("مئة", "مائة"):
        for _form in lexicon(_unit + _h):
            _AR_HUNDREDS[_form] = _value * 100
for _form in lexicon("تسعمئة", "تسعمائة", "ثمانمئة", "ثمانمائة", "ثمانيمئة", "ثمانيمائة"):
    _AR_HUNDREDS[_form] = 900 if _form.startswith("تسع") else 800

# Scale words multiply what precedes them (ثلاثة آلاف، 1.5 مليون، خمسة عشر ألفا, 2 million).
SCALES: dict[str, float] = {}
for _value, _forms in {
    1_000: ("ألف", "ألفا", "آلاف", "thousand"),
    1_000_000: ("مليون", "مليونا", "ملايين", "million"),
    1_000_000_000: ("مليار", "مليارا", "مليارات", "بليون", "billion"),
    1_000_000_000_000: ("تريليون", "تريليونا", "تريليونات", "trillion"),
}.items():
    for _form in lexicon(*_forms):
        SCALES[_form] = _value
# Duals of scale words stand alone: ألفان = 2000, مليونان = 2,000,000.
_SCALE_DUALS: dict[str, float] = {}
for _value, _forms in {
    2_000: ("ألفان", "ألفين"),
    2_000_000: ("مليونان", "مليونين"),
    2_000_000_000: ("ملياران", "مليارين"),
}.items():
    for _form in lexicon(*_forms):
        _SCALE_DUALS[_form] = _value

# Vague plurals and their ranges (docs/design.md): عشرات 20–99, مئات 200–999, آلاف 2000–9999.
VAGUE: dict[str, tuple[float, float]] = {}
for _range, _forms in {
    (20, 99): ("عشرات", "tens", "dozens"),
    (200, 999): ("مئات", "مئات", "hundreds"),
    (2_000, 9_999): ("آلاف", "الآلاف", "ألوف", "thousands"),
    (2_000_000, 9_999_999): ("ملايين", "الملايين", "millions"),
}.items():
    for _form in lexicon(*_forms):
        VAGUE[_form] = _range
_VAGUE_SCALABLE = lexicon("عشرات", "مئات", "tens", "hundreds", "dozens")

_EN_UNITS: dict[str, int] = {
    word: value
    for value, word in enumerate(
        (
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ),
        start=1,
    )
}
_EN_TENS = dict(
    zip(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"],
        range(20, 100, 10),
        strict=True,
    )
)
_EN_ARTICLES = lexicon("a", "an")

# Nouns counted in the dual (two of them) without a number word: طائرتين، يومين، شهران.
# Feminine duals (ـتين/ـتان) are read for any noun; masculine ones only for these common nouns,
# since -ين/-ان also ends sound plurals and names (السوريين، عمان).
_MASCULINE_DUALS = lexicon(
    "جنديان",
    "قاربين",
    "قاربان",
    "زورقين",
    "زورقان",
    "مركبين",
    "مركبان",
    "رجلين",
    "رجلان",
    "شابين",
    "شابان",
    "يومين",
    "يومان",
    "شهرين",
    "شهران",
    "عامين",
    "عامان",
    "أسبوعين",
    "أسبوعان",
    "قرنين",
    "عقدين",
    "سنتين",
    "سنتان",
    "مرتين",
    "جنديين",
    "قتيلين",
    "شخصين",
    "طفلين",
    "صاروخين",
    "مقعدين",
    "هدفين",
)
_NOT_DUALS = lexicon(
    # Words and names that merely end like a feminine dual.
    "بوتين",
    "مارتين",
    "كريستين",
    "فالنتين",
    "قسطنطين",
    "أوغستين",
    "ستالين",
    "كوستين",
    "روتين",
    "بروتين",
    "لاتين",
    "بساتين",
    "فساتين",
    "كراتين",
    "ساتان",
    "شيطان",
    "بستان",
    "سلطان",
    "ستان",
    "كتان",
    "فتان",
    "اثنتين",
    "اثنتان",
    "ثلاثين",
    "ستين",
    "ماتين",
)
# Time nouns that mean "one" when a qualifier stands right before them: أكثر من عام (over a year).
SINGULAR_TIME_NOUNS = lexicon(
    "ساعة",
    "يوم",
    "أسبوع",
    "شهر",
    "عام",
    "سنة",
    "عقد",
    "قرن",
    "hour",
    "day",
    "week",
    "month",
    "year",
    "decade",
    "century",
)


_STARTERS = frozenset(
    set(_AR_UNITS)
    | set(_AR_TENS)
    | _AR_HUNDRED
    | _AR_HUNDREDS_DUAL
    | set(_AR_HUNDREDS)
    | set(SCALES)
    | set(_SCALE_DUALS)
    | _AR_ONE
    | set(VAGUE)
    | set(_EN_UNITS)
    | set(_EN_TENS)
    | _EN_ARTICLES
    | _MASCULINE_DUALS
    | set(_FRACTIONS)
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A number as written: tokens [first, last], its value or vague range."""

    first: int
    last: int
    value: float | None
    lower: float | None = None
    upper: float | None = None
    kind: str = "digits"  # digits | words | dual | vague | percent-bearing forms keep "digits"
    percent: bool = False

    @property
    def is_vague(self) -> bool:
        return self.kind == "vague"


def _parse_digits(token: Token) -> float | None:
    text = token.text
    if "," in text:
        head, *groups = text.split(",")
        if all(len(g) == 3 for g in groups) and 1 <= len(head) <= 3:
            text = head + "".join(groups)
        elif len(groups) == 1 and "." not in text:
            text = head + "." + groups[0]  # 2,5 written with a decimal comma
        else:
            return None
    try:
        return float(text)
    except ValueError:
        return None


def _ar_atom(word: str) -> int | None:
    if word in _AR_UNITS:
        return _AR_UNITS[word]
    if word in _AR_TENS:
        return _AR_TENS[word]
    if word in _AR_HUNDRED:
        return 100
    if word in _AR_HUNDREDS:
        return _AR_HUNDREDS[word]
    if word in _AR_HUNDREDS_DUAL:
        return 200
    return None


def _read_arabic_words(tokens: list[Token], i: int) -> tuple[float, int] | None:
    """An Arabic number in words starting at token i: (value, index of its last token).

    Handles خمسة عشر، أربع وعشرون، ثلاث مئة، ثلاثة آلاف وخمسمئة، ألفان، أحد عشر.
    """
    total = 0.0
    current = 0.0
    last = -1
    j = i
    while j < len(tokens) and tokens[j].is_word:
        text = tokens[j].text
        if j == i:
            forms = tokens[j].forms()
        elif text in SCALES or text in _AR_TEEN_TEN or text in _AR_HUNDRED:
            forms = (text,)  # ثلاثة آلاف، خمسة عشر، ثلاث مئة: no و between
        elif text.startswith("و") and len(text) > 2:
            forms = (text[1:],)  # أربع وعشرون
        else:
            break
        if j == i and j + 1 < len(tokens) and tokens[j + 1].text in SCALES:
            fraction = next((_FRACTIONS[f] for f in forms if f in _FRACTIONS), None)
            if fraction:
                return fraction * SCALES[tokens[j + 1].text], j + 1  # نصف مليون
        if j == i:
            dual = next((f for f in forms if f in _SCALE_DUALS), None)
            if dual:
                return _SCALE_DUALS[dual], j
            one = next((f for f in forms if f in _AR_ONE), None)
            if one and j + 1 < len(tokens) and tokens[j + 1].text in _AR_TEEN_TEN:
                return 11, j + 1
        word = next((f for f in forms if _ar_atom(f) is not None or f in SCALES), None)
        if word is None:
            break
        joined = j > i and last == j - 1 and forms == (text,)
        if word in SCALES:
            if j == i and word in VAGUE:
                break  # آلاف alone is a vague plural, read elsewhere
            total += (current or 1) * SCALES[word]
            current = 0
        elif word in _AR_TEEN_TEN and joined and 0 < current < 10:
            current += 10
        elif word in _AR_HUNDRED and joined and 0 < current < 10:
            current *= 100
        elif joined:
            break  # two number words side by side without و are two numbers
        else:
            current += _ar_atom(word) or 0
        last = j
        j += 1
    if last < 0 or total + current == 0:
        return None
    return total + current, last


def _read_english_words(tokens: list[Token], i: int) -> tuple[float, int] | None:
    """An English number in words at token i: "fifteen", "twenty-five", "a dozen", "two hundred"."""
    words = [t.text for t in tokens]
    j = i
    current = 0.0
    total = 0.0
    last = -1
    if words[j] in _EN_ARTICLES and j + 1 < len(words):
        if words[j + 1] == "dozen":
            return 12, j + 1
        if words[j + 1] in ("hundred", "thousand", "million", "billion"):
            current, last, j = 1, j, j + 1
    while j < len(words):
        word = words[j]
        if word in _EN_UNITS:
            current += _EN_UNITS[word]
        elif word in _EN_TENS:
            current += _EN_TENS[word]
        elif word == "dozen" and last == j - 1:
            current *= 12
        elif word == "hundred" and last == j - 1:
            current *= 100
        elif word in ("thousand", "million", "billion") and last == j - 1:
            total += (current or 1) * SCALES[word]
            current = 0
        elif (
            word == "and"
            and last == j - 1
            and j + 1 < len(words)
            and (words[j + 1] in _EN_UNITS or words[j + 1] in _EN_TENS)
        ):
            j += 1
            continue
        else:
            break
        last = j
        j += 1
    if last < 0 or total + current == 0:
        return None
    return total + current, last


def is_number_word(word: str) -> bool:
    """Whether a normalized word is a cardinal number word (ثلاث، عشرين، ألف، مليون)."""
    return _ar_atom(word) is not None or word in SCALES or word in _SCALE_DUALS


def _is_dual_noun(token: Token) -> bool:
    for word in token.forms():
        if word.startswith("ال") or word in _NOT_DUALS or len(word) < 5:
            continue
        if word in _MASCULINE_DUALS:
            return True
        # طائرتين = طائرة + تين; the stem before the ت must be a word of three letters or more.
        if word.endswith(("تين", "تان")) and len(word) - 3 >= 3 and word not in _AR_TENS:
            return True
    return False


def _may_start(token: Token) -> bool:
    """A cheap test before the full reading: most words of a text start no number."""
    text = token.text
    if token.is_number or text in _STARTERS or text.endswith(("تين", "تان")):
        return True
    return len(text) > 3 and text[0] in PROCLITICS and text[1:] in _STARTERS


def find_mentions(tokens: list[Token], start: int = 0, end: int | None = None) -> list[Mention]:
    """Every number written in tokens[start:end], longest reading first, without overlaps."""
    mentions: list[Mention] = []
    i = start
    end = len(tokens) if end is None else end
    while i < end:
        mention = _mention_at(tokens, i) if _may_start(tokens[i]) else None
        if mention is None:
            i += 1
            continue
        mentions.append(mention)
        i = mention.last + 1
    return mentions


def _mention_at(tokens: list[Token], i: int) -> Mention | None:
    token = tokens[i]
    following = tokens[i + 1].text if i + 1 < len(tokens) else ""
    if token.is_number:
        value = _parse_digits(token)
        if value is None:
            return None
        last = i
        if following in SCALES:
            scale = SCALES[following]
            value *= scale
            last = i + 1
            # 31 ألفا و250: the remainder after the scale word, written with و.
            if (
                last + 2 < len(tokens)
                and tokens[last + 1].text == "و"
                and tokens[last + 2].is_number
            ):
                rest = _parse_digits(tokens[last + 2])
                if (
                    rest is not None
                    and rest < scale
                    and not (last + 3 < len(tokens) and tokens[last + 3].text in SCALES)
                ):
                    value += rest
                    last += 2
        percent = last + 1 < len(tokens) and tokens[last + 1].text == "%"
        return Mention(i, last, value, kind="digits", percent=percent)
    if not token.is_word:
        return None
    # Vague plurals: عشرات الآلاف (20,000–99,999), مئات, آلاف, "tens of thousands".
    vague = next((f for f in token.forms() if f in VAGUE), None)
    if vague is not None:
        lower, upper = VAGUE[vague]
        last = i
        if vague in _VAGUE_SCALABLE:
            nxt = i + 1
            if following == "of" and i + 2 < len(tokens):
                nxt = i + 2
            if nxt < len(tokens) and tokens[nxt].text in VAGUE | SCALES.keys():
                scale = tokens[nxt].text
                factor = SCALES.get(scale) or (1_000 if VAGUE[scale][0] == 2_000 else 1_000_000)
                lower, upper, last = lower * factor, (upper + 1) * factor - 1, nxt
        return Mention(i, last, None, lower, upper, kind="vague")
    if token.is_latin:
        english = _read_english_words(tokens, i)
        if english and english[0] == 1 and english[1] == i:
            return None  # "one" alone: "one London-based broker", "one of them"
        if english:
            return Mention(i, english[1], english[0], kind="words")
        return None
    arabic = _read_arabic_words(tokens, i)
    if arabic:
        return Mention(i, arabic[1], arabic[0], kind="words")
    if _is_dual_noun(token) and not (i > 0 and _is_dual_noun(tokens[i - 1])):
        return Mention(i, i, 2, kind="dual")  # سفينتان تابعتان: the second is an adjective
    return None
