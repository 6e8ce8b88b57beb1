"""What is counted and its unit: the noun phrase after a number (مرتزق، طائرة شحن، كيلومترا، %)."""

from __future__ import annotations

import functools

from articles.normalization import normalize
from claims.extraction.tokens import PROCLITICS, Token, lexicon

# Unit by the beginning of the counted noun (normalized, article and proclitic removed). Checked
# in order: كيلومتر before متر, مقاتلات (jets) before مقاتل (fighters).
_UNIT_STEMS: list[tuple[str, tuple[str, ...]]] = [
    ("km", ("كيلومتر", "كيلو متر", "كلم", "كم", "km", "kilomet")),
    ("m", ("متر", "امتار", "meter", "metre")),
    ("miles", ("ميل", "اميال", "mile")),
    ("%", ("%", "بالمئه", "بالمايه", "بالميه", "percent", "per")),
    ("hours", ("ساعه", "ساعات", "ساعتين", "ساعتان", "hour")),
    ("minutes", ("دقيقه", "دقايق", "دقيقتين", "minute")),
    ("days", ("يوم", "ايام", "يومين", "يومان", "day")),
    ("weeks", ("اسبوع", "اسابيع", "week")),
    ("months", ("شهر", "اشهر", "شهور", "month")),
    ("years", ("عام", "اعوام", "سنه", "سنوات", "سنين", "سنتين", "year")),
    (
        "aircraft",
        (
            "طاير",
            "مقاتلات",
            "مقاتله",
            "مقاتلتين",
            "مروحي",
            "مسير",
            "aircraft",
            "plane",
            "jet",
            "helicopter",
            "drone",
        ),
    ),
    (
        "people",
        (
            "مرتزق",
            "مقاتل",
            "عنصر",
            "عناصر",
            "جندي",
            "جنود",
            "شخص",
            "اشخاص",
            "مسلح",
            "قتيل",
            "قتلي",
            "جريح",
            "جرحي",
            "مدني",
            "لاجي",
            "نازح",
            "طفل",
            "اطفال",
            "امراه",
            "نساء",
            "مواطن",
            "معتقل",
            "اسير",
            "اسري",
            "مهاجر",
            "عامل",
            "عمال",
            "ضحيه",
            "ضحايا",
            "شهيد",
            "شهداء",
            "فرد",
            "افراد",
            "مستشار",
            "ضابط",
            "ضباط",
            "رجل",
            "رجال",
            "مصاب",
            "people",
            "person",
            "fighter",
            "soldier",
            "troop",
            "mercenar",
            "civilian",
            "refugee",
            "child",
            "men",
            "women",
            "member",
            "killed",
            "dead",
            "wounded",
            "injured",
            "migrant",
            "resident",
            "worker",
            "militant",
        ),
    ),
    ("USD", ("دولار", "dollar", "usd", "$")),
    ("EUR", ("يورو", "euro")),
    ("tonnes", ("طن", "اطنان", "ton")),
    ("flights", ("رحله", "رحلات", "flight")),
    (
        "vehicles",
        (
            "سياره",
            "سيارات",
            "اليه",
            "اليات",
            "عربه",
            "عربات",
            "مدرعه",
            "مدرعات",
            "دبابه",
            "دبابات",
            "vehicle",
            "tank",
            "truck",
        ),
    ),
    ("systems", ("منظومه", "منظومات", "system")),
    ("missiles", ("صاروخ", "صواريخ", "missile", "rocket")),
]

# Words that end a counted phrase: prepositions, relatives, conjunction-led clauses, verbs of
# saying. Partitive من is allowed once right after the number (ألف من مقاتلي الجنجويد).
_STOP = lexicon(
    "تقريبا",
    "كحد",
    "أكثر",
    "أقل",
    "فأكثر",
    "فأقل",
    "approximately",
    "roughly",
    "قرب",
    "بالقرب",
    "داخل",
    "خارج",
    "عبر",
    "حول",
    "تحت",
    "فوق",
    "أمام",
    "خلف",
    "وسط",
    "جنوب",
    "شمال",
    "شرق",
    "غرب",
    "جنوبي",
    "شمالي",
    "شرقي",
    "غربي",
    "منها",
    "منهم",
    "away",
    "north",
    "south",
    "east",
    "west",
    "في",
    "على",
    "إلى",
    "الى",
    "عن",
    "منذ",
    "خلال",
    "مع",
    "الذي",
    "التي",
    "الذين",
    "اللذين",
    "أن",
    "إن",
    "انه",
    "أنه",
    "قد",
    "كان",
    "كانت",
    "لم",
    "لن",
    "ثم",
    "أو",
    "حيث",
    "بعد",
    "قبل",
    "عند",
    "لدى",
    "حتى",
    "بين",
    "ضد",
    "نحو",
    "وذلك",
    "هذا",
    "هذه",
    "تم",
    "هم",
    "هي",
    "هو",
    "الى",
    "اليوم",
    "أمس",
    "of",
    "in",
    "on",
    "at",
    "to",
    "from",
    "who",
    "that",
    "which",
    "and",
    "or",
    "said",
    "were",
    "was",
    "have",
    "had",
    "has",
    "by",
    "with",
    "for",
    "since",
    "during",
    "are",
    "is",
    "the",
    "according",
    "than",
    "more",
    "over",
    "after",
    "before",
    "into",
)
# Units of measure: after one of them the phrase says where or of what, not what is counted.
MEASURES = frozenset(
    {"km", "m", "miles", "%", "hours", "minutes", "days", "weeks", "months", "years"}
)
_PARTITIVE = lexicon("من", "of")
_MAX_WORDS = 4


def _looks_like_verb(word: str) -> bool:
    """Past-tense endings that nouns rarely have: -وا (فرّوا), -ت but not -ات (انهارت), and
    English -ed/-ly (agreed, previously)."""
    if word.isascii():
        if word in _ENGLISH_COUNTED_PARTICIPLES:
            return False
        return word.endswith(("ed", "ly")) or word in _ENGLISH_NOT_COUNTED
    if word.startswith(("ي", "ت")) and word.endswith("ون") and len(word) > 4:
        return True  # يحتاجون، تعيشون: present-tense plural verbs
    return word.endswith("وا") or (word.endswith("ت") and not word.endswith("ات"))


_ENGLISH_COUNTED_PARTICIPLES = lexicon(
    "killed",
    "wounded",
    "injured",
    "displaced",
    "detained",
    "arrested",
    "infected",
    "armed",
)
_ENGLISH_NOT_COUNTED = lexicon("last", "this", "next", "each", "every", "per", "a", "an")


def counted_span(
    tokens: list[Token], after: int, ceiling: int, text: str
) -> tuple[int, int] | None:
    """Token indices [first, last] of the noun phrase counted by a number ending before `after`."""
    first = last = None
    partitive_used = False
    words = 0
    j = after
    while j < ceiling and words < _MAX_WORDS:
        token = tokens[j]
        between = text[tokens[j - 1].end : token.start].strip() if j > 0 else ""
        if between and between not in ("-",) and not (between == "%" and first is None):
            break
        if token.text == "%":
            first, last = j, j
            break
        if token.is_number:
            break
        if token.text in _PARTITIVE and first is None and not partitive_used:
            partitive_used = True
            j += 1
            continue
        if token.text in _STOP or (first is None and len(token.text) == 1 and token.text != "%"):
            break
        if (first is not None or token.is_latin) and _looks_like_verb(token.text):
            break  # شخص نزحوا، منزل انهارت، loan agreed: the clause goes on without the noun
        if first is None and token.text[0] == "و" and len(token.text) > 3 and not token.is_latin:
            break  # مقتل العشرات ونزوح ...: a new coordinated noun, not what is counted
        if first is not None and token.text[0] in "ول" and not token.text.startswith("وحد"):
            break  # وعربات: a new coordinated noun; لمدة، للدفاع: a prepositional phrase
        if first is None:
            first = j
        last = j
        words += 1
        j += 1
        if words == 1 and unit_of([token.text]) in MEASURES:
            break  # 40 كيلومترا من الحدود: the unit is what is counted
    if first is None or last is None:
        return None
    return first, last


def _stem_matches(word: str, stem: str) -> bool:
    # Short stems (كم، طن، يوم، عام) must be the whole word, or كما and كمية would read as km.
    if len(stem) >= 4:
        return word.startswith(stem)
    return word in (stem, stem + "ا", stem + "اً")


def unit_of(words: list[str]) -> str:
    """The unit of a counted phrase's words (normalized), or "" when none is known."""
    for word in words[:2]:
        unit = _unit_of_word(word)
        if unit:
            return unit
    return ""


@functools.lru_cache(maxsize=4096)
def _unit_of_word(word: str) -> str:
    forms = [word]
    for prefix in ("وال", "بال", "لل", "ال"):
        if word.startswith(prefix) and len(word) > len(prefix) + 2:
            forms.append(word[len(prefix) :])
            break
    if len(word) > 3 and word[0] in PROCLITICS:
        forms.append(word[1:])  # وطائرتين; كيلومترا is tried as written first
    for unit, stems in _UNIT_STEMS:
        if any(_stem_matches(form, stem) for form in forms for stem in stems):
            return unit
    return ""


_NORMALIZED_UNIT_STEMS = [
    (unit, tuple(normalize(s).casefold() for s in stems)) for unit, stems in _UNIT_STEMS
]
_UNIT_STEMS[:] = _NORMALIZED_UNIT_STEMS
