"""Reading numbers: digits, Arabic and English number words, dual nouns and vague plurals.

A `Mention` is one number as written, with its token span; whether it is a claim (and not a date,
a year or a model designation) is decided later by `exclusions`.
"""

from __future__ import annotations

from dataclasses import dataclass

from claims.extraction.tokens import PROCLITICS, Token, lexicon
from claims.extraction.units import unit_of

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
    # With the genitive construct before a noun: ألفي طن، مليوني شخص (ألفا is also "a thousand").
    2_000: ("ألفان", "ألفين", "ألفي"),
    2_000_000: ("مليونان", "مليونين", "مليوني"),
    2_000_000_000: ("ملياران", "مليارين", "ملياري"),
}.items():
    for _form in lexicon(*_forms):
        _SCALE_DUALS[_form] = _value

# The scale of each dual, for the parts after it: مليونين و300 ألف.
_DUAL_SCALE = {form: value / 2 for form, value in _SCALE_DUALS.items()}

# Vague plurals and their ranges (docs/design.md): عشرات 20–99, مئات 200–999, آلاف 2000–9999.
VAGUE: dict[str, tuple[float, float]] = {}
for _range, _forms in {
    (20, 99): ("عشرات", "العشرات", "tens", "dozens"),
    (200, 999): ("مئات", "المئات", "hundreds"),
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
# Scale suffixes written onto digits in English money ($717m, £2bn, 45k); read only with a currency.
SCALE_SUFFIXES = {
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "tn": 1e12,
    "trn": 1e12,
}
_CURRENCY_SIGNS = "$€£"
# Currency codes written before the digits: SR84.4 billion, US$5m, AED 20.
CURRENCY_CODES = {
    "sr": "SAR",
    "sar": "SAR",
    "qr": "QAR",
    "aed": "AED",
    "egp": "EGP",
    "usd": "USD",
    "us": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "kd": "KWD",
    "bd": "BHD",
    "ro": "OMR",
    "dh": "AED",
}
_LENGTH_CONTEXT = frozenset(
    "tall high deep long wide above below away across thick sprint race hurdles freestyle "
    "metres meters relay mark".split()
)


_PREPOSITIONS_AFTER_LENGTH = frozenset("in at on of from to and by into off".split())


def currency_code_before(tokens: list[Token], i: int) -> str | None:
    """The currency of a code written right before the digits at i (SR84.4 → SAR)."""
    if i == 0:
        return None
    before = tokens[i - 1]
    joined_or_spaced = before.end == tokens[i].start or before.end + 1 == tokens[i].start
    return CURRENCY_CODES.get(before.text) if joined_or_spaced and before.is_latin else None


CURRENCY_WORDS = lexicon(
    "dollar", "dollars", "euro", "euros", "pound", "pounds", "sterling", "usd", "eur", "gbp"
)
_EN_FRACTIONS = {"half": 0.5, "quarter": 0.25, "quarters": 0.25}
# Shares of a whole, as percentages: "a third of", "two thirds of those", "half the".
_EN_SHARES = {"third": 100 / 3, "thirds": 100 / 3, "quarter": 25.0, "quarters": 25.0}
_EN_SHARE_OWNERS = frozenset("of the their its those them all his her our".split())
# Time units: "half an hour" is a span, not a figure.
_EN_TIME_UNITS = frozenset("hour day week month year minute century decade".split())
_EN_PLURAL_SCALES = {"thousands": 1e3, "millions": 1e6, "billions": 1e9, "trillions": 1e12}
# "low double-digit millions": the digit class, then low/mid/high thirds of it.
_DIGIT_CLASSES = {"single": (1, 9), "double": (10, 99), "triple": (100, 999)}
_THIRDS = {"low": 0, "mid": 1, "high": 2}

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
# Masculine nouns whose plural is broken (مستودع → مستودعات، مركز → مراكز), so that their
# -ين/-ان forms can only be duals: مستودعين، مطاران. Sound plurals (مسلحين) are left out on purpose.
_DUAL_STEMS = lexicon(
    "مستودع",
    "مركز",
    "معبر",
    "مطار",
    "منزل",
    "مصنع",
    "مسجد",
    "مكتب",
    "موقع",
    "مخيم",
    "معسكر",
    "مدفع",
    "جسر",
    "سجن",
    "حي",
    "شارع",
    "ميناء",
    "هجوم",
    "انفجار",
    "اتفاق",
    "حزب",
    "بلد",
    "وزير",
    "سفير",
    "مبنى",
    "مستشفى",
    "فندق",
    "مصرف",
    "بنك",
    "برج",
    "قطار",
    "باص",
    "لغم",
    "حادث",
    "انفجار",
    "كيلومتر",
    "متر",
    "دولار",
    "مليار",
    "طن",
    "لواء",
    "فصيل",
    "تقرير",
    "قرار",
    "مشروع",
    "عضو",
)
_DUAL_FORMS: dict[str, str] = {}
for _stem in _DUAL_STEMS:
    _base = _stem[:-1] + "ي" if _stem.endswith("ي") and len(_stem) > 4 else _stem
    for _ending in ("ين", "ان"):
        _DUAL_FORMS[_base + _ending] = "full"
    _DUAL_FORMS[_base + "ي"] = "construct"  # مركزي قيادة: two command centres
# Active participles of reporting verbs: مشيرتين إلى أن is "the two of them pointing out".
_PARTICIPLE_STEMS = lexicon("مشير", "مضيف", "مؤكد", "موضح", "لافت", "معرب", "محذر", "مطالب")
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
    | set(_DUAL_FORMS)
    | lexicon("واحد", "واحدا", "واحدة")
    | set(_EN_FRACTIONS)
    | set(_DIGIT_CLASSES)
    | set(_THIRDS)
    | lexicon("صفرا", "several", "few", "one")
    | set(_EN_SHARES)
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
    # The counted noun came right before the number (أبناءها الأربعة، شخصا واحدا).
    noun_before: bool = False
    # A share of a whole, read as a percentage (ثلثيهم = 66.7%, "about a third" = 33.3%).
    fraction: bool = False

    @property
    def is_vague(self) -> bool:
        return self.kind == "vague"


def exact(value: float) -> float:
    """A scaled figure without float noise: 134.2 × 10⁹ is 134200000000, not …00002."""
    return float(f"{value:.12g}")


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
    # A window, not a copy of the whole text's words: this runs at every "a" and number word.
    words = [t.text for t in tokens[i : i + 12]]
    j = 0
    current = 0.0
    total = 0.0
    last = -1
    if words[j] in _EN_ARTICLES and j + 1 < len(words):
        if words[j + 1] == "dozen":
            return 12, i + j + 1
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
            # "two hundred and six", "a thousand and one"; "four and six" are two numbers.
            and words[j - 1] in ("hundred", "thousand", "million", "billion")
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
    return total + current, i + last


def is_number_word(word: str) -> bool:
    """Whether a normalized word is a cardinal number word (ثلاث، عشرين، ألف، مليون)."""
    return _ar_atom(word) is not None or word in SCALES or word in _SCALE_DUALS


def _is_dual_noun(tokens: list[Token], i: int) -> bool:
    token = tokens[i]
    following = tokens[i + 1].text if i + 1 < len(tokens) else ""
    previous_word = tokens[i - 1].text if i > 0 else ""
    if token.bare().startswith("ال") or token.text.endswith("ستان"):
        return False  # والأمريكيتين: definite; كردستان، باكستان: countries, not duals
    for word in token.forms():
        if word.startswith("ال") or word in _NOT_DUALS or len(word) < 5:
            continue
        if word in _MASCULINE_DUALS or _DUAL_FORMS.get(word) == "full":
            return True
        if _DUAL_FORMS.get(word) == "construct":
            # مركزي قيادة after a definite subject or a verb: an indefinite nisba adjective
            # (بنك مركزي) cannot follow a definite noun, so this is a construct dual.
            previous = tokens[i - 1].text if i > 0 else ""
            return (
                bool(following)
                and not following.startswith("ال")
                and (previous.startswith(("ال", "وال")) or previous.endswith(("ت", "وا")))
            )
        if word.endswith("يان") and len(word) - 3 >= 3 and previous_word in _PARTITIVES:
            # من بينهم تونسيان: the nominative dual of a nisba noun, after "among them" (names
            # end in -يان too: باشينيان; بيان، طغيان have shorter stems).
            return True
        # طائرتين = طائرة + تين; the stem before the ت must be a word of three letters or more.
        if word.endswith(("تين", "تان")) and len(word) - 3 >= 3 and word not in _AR_TENS:
            # مشيرتين إلى أن: a participle, not two of anything.
            return word[:-3] not in _PARTICIPLE_STEMS and following not in lexicon(
                "إلى", "أن", "بأن"
            )
    return False


def _may_start(token: Token) -> bool:
    """A cheap test before the full reading: most words of a text start no number."""
    text = token.text
    if token.is_number or text in _STARTERS:
        return True
    if token.is_latin:
        return False  # English number words are all in _STARTERS as written
    if text.endswith(("تين", "تان")):
        return True
    if text.startswith("ال") and text[2:] in _AR_UNITS:
        return True  # أبناءها الأربعة
    if text.startswith(_SHARE_STARTS) or text.endswith("يان"):
        return True  # ثلثيهم، نصفها، وربع; تونسيان (a nisba dual)
    return len(text) > 2 and text[0] in PROCLITICS and text[1:] in _STARTERS


def find_mentions(
    tokens: list[Token], start: int = 0, end: int | None = None, text: str = ""
) -> list[Mention]:
    """Every number written in tokens[start:end], longest reading first, without overlaps.

    `text` (the normalized text the tokens index) lets a currency sign before digits admit a
    scale suffix ($717m); without it suffixes are read only before a currency word."""
    mentions: list[Mention] = []
    i = start
    end = len(tokens) if end is None else end
    while i < end:
        mention = _mention_at(tokens, i, text) if _may_start(tokens[i]) else None
        if mention is None:
            i += 1
            continue
        mentions.append(mention)
        i = mention.last + 1
    return mentions


def _compound_rest(tokens: list[Token], value: float, last: int, scale: float) -> tuple[float, int]:
    """The parts after a scale word, each joined by و and smaller than the one before:
    101 مليون و390 ألفا و662، ستة ملايين و750 ألفا، 31 ألفا و250."""
    while last + 1 < len(tokens):
        joined = tokens[last + 1]
        if joined.is_word and joined.text.startswith("و") and len(joined.text) > 2:
            words = _read_arabic_words(tokens, last + 1)  # مليونين وثلاثمئة ألف
            if words is None or words[0] >= scale:
                break
            value, last = exact(value + words[0]), words[1]
            scale = SCALES.get(tokens[last].text, 1.0)
            if scale == 1.0:
                break
            continue
        if not (joined.text == "و" and last + 2 < len(tokens) and tokens[last + 2].is_number):
            break
        rest = _parse_digits(tokens[last + 2])
        if rest is None:
            break
        after = tokens[last + 3].text if last + 3 < len(tokens) else ""
        rest_scale = SCALES.get(after, 1.0)
        if rest * rest_scale >= scale:
            break  # بين 10 آلاف و15 ألفا: a second number, not a part of the first
        value = exact(value + rest * rest_scale)
        last += 3 if after in SCALES else 2
        scale = rest_scale
        if scale == 1.0:
            break
    return value, last


def _scale_suffix(tokens: list[Token], i: int, text: str) -> float | None:
    """The scale of an English money suffix joined to the digits at i ($717m, 100m euros)."""
    if i + 1 >= len(tokens) or tokens[i + 1].start != tokens[i].end:
        return None
    scale = SCALE_SUFFIXES.get(tokens[i + 1].text)
    if scale is None:
        return None
    sign = text[tokens[i].start - 1 : tokens[i].start] if text and tokens[i].start > 0 else ""
    after = tokens[i + 2].text if i + 2 < len(tokens) else ""
    if (
        (sign and sign in _CURRENCY_SIGNS)
        or after in CURRENCY_WORDS
        or currency_code_before(tokens, i)
    ):
        return scale
    if tokens[i + 1].text == "k":
        return None  # 5k: a race or a fee, read only as money
    # 7.54m treatments, 4.57m: a count in millions; 100m sprint, 1.5m deep: a length.
    if after in _LENGTH_CONTEXT:
        return None  # 100m sprint, 1.5m deep: a length
    if tokens[i + 1].text == "m" and "." not in tokens[i].text:
        # 3m higher, 2m people: millions; 5m from the shore, "swam 100m." a length.
        return scale if after and after not in _PREPOSITIONS_AFTER_LENGTH else None
    return scale


def _english_fraction(tokens: list[Token], i: int) -> tuple[float, int] | None:
    """ "half a million", "a quarter of a million", "three quarters of a billion", and half of
    one unit: "less than half a square kilometre" (0.5; "half a dozen" is 6)."""
    words = [t.text for t in tokens[i : i + 6]]
    count, n = 1.0, 0
    if words and words[0] in _EN_ARTICLES:
        n = 1
    elif words and words[0] in _EN_UNITS and len(words) > 1 and words[1] == "quarters":
        count, n = _EN_UNITS[words[0]], 1
    if n >= len(words) or words[n] not in _EN_FRACTIONS:
        return None
    fraction = _EN_FRACTIONS[words[n]] * count
    n += 1
    if n < len(words) and words[n] == "of":
        n += 1
    if n < len(words) and words[n] in _EN_ARTICLES:
        n += 1
        if n < len(words) and words[n] == "dozen":
            return fraction * 12, i + n
        unit = words[n] if n < len(words) else ""
        if unit and unit not in SCALES and unit.rstrip("s") not in _EN_TIME_UNITS:
            return fraction, i + n - 1  # half a square kilometre: what follows is counted
    if n < len(words) and words[n] in ("thousand", "million", "billion", "trillion"):
        return fraction * SCALES[words[n]], i + n
    return None


def _english_share(tokens: list[Token], i: int) -> Mention | None:
    """ "a third of", "two thirds of those who crossed", "about a quarter of the": a share of a
    whole, as a percentage (33.3, 66.7, 25, 75, as labels write them)."""
    words = [t.text for t in tokens[i : i + 5]]
    count, n = 1, 0
    if any(w in SCALES for w in words[2:]):
        return None  # "a quarter of a million": a fraction of a scale, read elsewhere
    if words[0] in _EN_ARTICLES or words[0] == "one":
        n = 1
    elif words[0] in _EN_UNITS and _EN_UNITS[words[0]] <= 4:
        count, n = _EN_UNITS[words[0]], 1
    if n >= len(words) or words[n] not in _EN_SHARES:
        return None
    if words[n].endswith("s") != (count > 1):
        return None  # "a thirds", "two third": not a share
    if n + 1 >= len(words) or words[n + 1] not in _EN_SHARE_OWNERS:
        return None  # "a third party": no whole after it
    share = round(_EN_SHARES[words[n]] * count, 1)
    return Mention(i, i + n, share, kind="words", fraction=True)


# "several dozen assailants", "a few hundred": vague plurals of the scale.
_FEW_SCALES = {"dozen": (20, 99), "hundred": (200, 999), "thousand": (2_000, 9_999)}


def _several(tokens: list[Token], i: int) -> Mention | None:
    """ "several dozen", "a few hundred", "several thousand": vague ranges."""
    word = tokens[i].text
    if word not in ("several", "few") or i + 1 >= len(tokens):
        return None
    if word == "few" and (i == 0 or tokens[i - 1].text != "a"):
        return None
    if tokens[i + 1].text not in _FEW_SCALES:
        return None
    lower, upper = _FEW_SCALES[tokens[i + 1].text]
    return Mention(i - 1 if word == "few" else i, i + 1, None, lower, upper, kind="vague")


_MINUS = lexicon("minus", "ناقص", "سالب")
_WHAT_HAPPENED = lexicon(
    "was", "were", "is", "has", "had", "died", "killed", "injured", "wounded", "remains"
)


def _one_person(tokens: list[Token], i: int) -> bool:
    """ "one soldier was injured", "one child died": one person and what befell them."""
    if i + 2 >= len(tokens) or (i > 0 and tokens[i - 1].text in lexicon("than", "the")):
        return False
    return unit_of([tokens[i + 1].text]) == "people" and tokens[i + 2].text in _WHAT_HAPPENED


def _digit_class(tokens: list[Token], i: int) -> Mention | None:
    """ "double-digit millions", "low single-digit billions": a vague range of that many digits."""
    words = [t.text for t in tokens[i : i + 4]]
    third = _THIRDS.get(words[0]) if words else None
    n = 1 if third is not None else 0
    if len(words) < n + 3:
        return None
    if words[n] not in _DIGIT_CLASSES or words[n + 1] != "digit":
        return None
    scale = _EN_PLURAL_SCALES.get(words[n + 2])
    if scale is None:
        return None
    low, high = _DIGIT_CLASSES[words[n]]
    if third is not None:
        step = (high - low + 1) // 3
        low = low + third * step
        high = high if third == 2 else low + step - 1
    return Mention(i, i + n + 2, None, low * scale, (high + 1) * scale - 1, kind="vague")


_ONE = lexicon("واحد", "واحدا", "واحدة")
_PARTITIVES = lexicon("بينهم", "وبينهم", "منهم", "بينهما", "منهما", "بينهن", "منهن")
_ZERO = lexicon("صفرا")
_TIME_UNITS = frozenset({"hours", "minutes", "days", "weeks", "months", "years"})
# Possessive endings of a noun before a definite number word: أبناءها، ذووه، أولادي. A bare ه is
# read only after و or ا (ة is ه once normalized: مدرسه is "a school", not "his lesson").
_POSSESSIVE_ENDINGS = ("ها", "هم", "هن", "هما", "كم", "نا", "وه", "اه", "ي")


def _number_after_noun(tokens: list[Token], i: int) -> Mention | None:
    """A number word written after its noun: شخصا واحدا، طائرة واحدة (one, after a counted noun),
    أبناءها الأربعة (a definite number after a noun with a possessive ending)."""
    if i == 0:
        return None
    token, noun = tokens[i], tokens[i - 1]
    if token.text in _ONE and noun.is_word and not noun.text.startswith("ال"):
        unit = unit_of([noun.text])
        # شخص واحد is a count; أسبوع واحد (within a single week) a span of time.
        counts = unit and unit not in _TIME_UNITS
        return Mention(i, i, 1, kind="words", noun_before=True) if counts else None
    definite_number = token.text.startswith("ال") and token.text[2:] in _AR_UNITS
    if (
        definite_number
        and noun.text.endswith(_POSSESSIVE_ENDINGS)
        and not noun.text.startswith("ال")
    ):
        return Mention(i, i, _AR_UNITS[token.text[2:]], kind="words", noun_before=True)
    return None


# Shares of a whole, as percentages: نصف، ثلث، ربع، ثلثا/ثلثي (two thirds).
_AR_SHARES = {
    form: share
    for share, words in {
        50.0: ("نصف",),
        33.3: ("ثلث",),
        25.0: ("ربع",),
        66.7: ("ثلثا", "ثلثي"),
    }.items()
    for form in lexicon(*words)
}
_SHARE_SUFFIXES = ("هم", "ها", "هن", "ه")
_SHARE_STARTS = ("نصف", "ثلث", "ربع", "ونصف", "وثلث", "وربع", "بنصف", "بثلث", "بربع")
# Shares of time or of a contest are no figures: نصف ساعة، ربع قرن، ربع النهائي.
_NOT_SHARED = lexicon(
    "ساعة", "ساعه", "قرن", "القرن", "النهائي", "نهائي", "الأول", "الثاني", "الأخير", "الماضي"
)


def _arabic_share(tokens: list[Token], i: int) -> Mention | None:
    """نحو ثلثيهم، نصفها تقريبا، ثلث الحد الأدنى، ربع الحالات: a share of a whole named after
    it (a definite noun) or joined to it (a pronoun), read as a percentage."""
    token = tokens[i]
    word = token.bare() if token.bare() != token.text and token.text[0] in "وب" else token.text
    following = tokens[i + 1].text if i + 1 < len(tokens) else ""
    if word in _AR_SHARES:
        if not following.startswith("ال") or following in _NOT_SHARED:
            return None
        return Mention(i, i, _AR_SHARES[word], kind="words", fraction=True)
    for suffix in _SHARE_SUFFIXES:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and stem in _AR_SHARES:
            return Mention(i, i, _AR_SHARES[stem], kind="words", fraction=True)
        if word.endswith(suffix) and stem.endswith("ي") and stem[:-1] + "ا" in _AR_SHARES:
            return Mention(i, i, _AR_SHARES[stem[:-1] + "ا"], kind="words", fraction=True)
    return None


def _prefixed_short_number(tokens: list[Token], i: int) -> Mention | None:
    """لست سنوات، بست ساعات: a two-letter number word with a joined ل/ب, read only before a
    counted noun (لست alone is "I am not")."""
    token = tokens[i]
    if len(token.text) != 3 or token.text[0] not in PROCLITICS or token.text[1:] not in _AR_UNITS:
        return None
    if i + 1 >= len(tokens):
        return None
    return (
        Mention(i, i, _AR_UNITS[token.text[1:]], kind="words")
        if unit_of([tokens[i + 1].text])
        else None
    )


def _mention_at(tokens: list[Token], i: int, text: str = "") -> Mention | None:
    token = tokens[i]
    following = tokens[i + 1].text if i + 1 < len(tokens) else ""
    if token.is_number:
        value = _parse_digits(token)
        if value is None:
            return None
        last = i
        suffix = _scale_suffix(tokens, i, text)
        if suffix is not None:
            value = exact(value * suffix)
            last = i + 1
        elif following in SCALES:
            scale = SCALES[following]
            value, last = _compound_rest(tokens, exact(value * scale), i + 1, scale)
        percent = last + 1 < len(tokens) and tokens[last + 1].text == "%"
        if i > 0 and tokens[i - 1].text in _MINUS:
            return Mention(i - 1, last, -value, kind="digits", percent=percent)  # minus 2.8
        return Mention(i, last, value, kind="digits", percent=percent)
    if not token.is_word:
        return None
    after_noun = _number_after_noun(tokens, i)
    if after_noun is not None:
        return after_noun
    # Vague plurals: عشرات الآلاف (20,000–99,999), مئات, آلاف, "tens of thousands".
    # كميات is "quantities", not ك + مئات (hundreds) once hamza is normalized.
    forms = token.forms() if token.text[0] != "ك" else (token.text,)
    vague = next((f for f in forms if f in VAGUE), None)
    if vague is not None:
        lower, upper = VAGUE[vague]
        last = i
        if vague in _VAGUE_SCALABLE:
            nxt = i + 1
            if following == "of" and i + 2 < len(tokens):
                nxt = i + 2
            if nxt < len(tokens) and tokens[nxt].text in VAGUE | SCALES.keys():
                scale_word = tokens[nxt].text
                factor = SCALES.get(scale_word) or (
                    1_000 if VAGUE[scale_word][0] == 2_000 else 1_000_000
                )
                lower, upper, last = lower * factor, (upper + 1) * factor - 1, nxt
        return Mention(i, last, None, lower, upper, kind="vague")
    if token.is_latin:
        share = _english_share(tokens, i)
        if share is not None:
            return share
        several = _several(tokens, i)
        if several is not None:
            return several
        fraction = _english_fraction(tokens, i)
        if fraction:
            return Mention(i, fraction[1], fraction[0], kind="words")
        digit_class = _digit_class(tokens, i)
        if digit_class:
            return digit_class
        english = _read_english_words(tokens, i)
        if english and english[0] == 1 and english[1] == i:
            # "one" alone: "one London-based broker", "one of them" are no figures; "one
            # soldier was lightly injured" is one person and what befell them.
            return Mention(i, i, 1, kind="words") if _one_person(tokens, i) else None
        if english:
            return Mention(i, english[1], english[0], kind="words")
        return None
    share = _arabic_share(tokens, i)
    if share is not None:
        return share
    if token.text in _ZERO:
        return Mention(i, i, 0, kind="words")  # جيهان صفرا: "zero" (صفر alone is a month)
    arabic = _read_arabic_words(tokens, i)
    if arabic:
        value, last = arabic
        scale = SCALES.get(tokens[last].text) or _DUAL_SCALE.get(tokens[last].text, 0.0)
        if scale:
            value, last = _compound_rest(tokens, value, last, scale)
        return Mention(i, last, value, kind="words")
    short = _prefixed_short_number(tokens, i)
    if short is not None:
        return short
    if _is_dual_noun(tokens, i) and not (i > 0 and _is_dual_noun(tokens, i - 1)):
        return Mention(i, i, 2, kind="dual")  # سفينتان تابعتان: the second is an adjective
    return None
