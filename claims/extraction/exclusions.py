"""Numbers that are not claims: dates, years, clock times, ordinals, model designations, references.

Each rule looks only at the mention and its neighbouring tokens in normalized text.
"""

from __future__ import annotations

import re

from claims.extraction.numbers import Mention, currency_code_before, is_number_word
from claims.extraction.tokens import Token, lexicon
from claims.extraction.units import unit_of

MONTHS = lexicon(
    # Gregorian months as written in Egypt/Gulf, the Levant (Syriac names) and the Maghreb.
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "إبريل",
    "ابريل",
    "مايو",
    "يونيو",
    "يونيه",
    "يوليو",
    "يوليه",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
    "كانون",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين",
    "جانفي",
    "فيفري",
    "أفريل",
    "ماي",
    "جوان",
    "جويلية",
    "أوت",
    "محرم",
    "صفر",
    "ربيع",
    "جمادى",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "القعدة",
    "الحجة",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
)
# Words after which a four-digit number is a year: عام 2014، منذ 2011، in 2019.
YEAR_CUES = lexicon(
    "عامي",
    "لعامي",
    "عام",
    "العام",
    "سنة",
    "السنة",
    "منذ",
    "في",
    "حتى",
    "خلال",
    "مطلع",
    "أواخر",
    "أوائل",
    "نهاية",
    "بداية",
    "منتصف",
    "صيف",
    "شتاء",
    "ربيع",
    "خريف",
    "لعام",
    "بعام",
    "وعام",
    "موسم",
    "year",
    "in",
    "since",
    "by",
    "until",
    "of",
    "during",
    "mid",
    "early",
    "late",
    "from",
    "to",
    "and",
    "before",
    "after",
    "fiscal",
)
YEAR_MARKS = lexicon("م", "هـ", "ه", "ad", "bc")
CLOCK_CUES = lexicon("الساعة", "ساعة", "تمام", "at")
CLOCK_MARKS = lexicon(
    "صباحا",
    "مساء",
    "مساءً",
    "ظهرا",
    "ليلا",
    "فجرا",
    "عصرا",
    "بتوقيت",
    "غرينتش",
    "am",
    "pm",
    "gmt",
    "utc",
    "o",
    "oclock",
)
# Names of weapons and aircraft followed by a number: ميغ 29، سوخوي 24، إس 400، أنتونوف 32.
MODEL_NAMES = lexicon(
    "ميغ",
    "ميج",
    "سوخوي",
    "سو",
    "إس",
    "اس",
    "أنتونوف",
    "انتونوف",
    "إليوشن",
    "اليوشن",
    "إليوشين",
    "توبوليف",
    "ياك",
    "كا",
    "مي",
    "بانتسير",
    "تي",
    "بي",
    "إف",
    "اف",
    "بوينغ",
    "بوينج",
    "إيرباص",
    "ايرباص",
    "هيمارس",
    "باتريوت",
    "سكود",
    "تور",
    "بوك",
    "جي",
    "إم",
    "ام",
    "كورنيت",
    "طراز",
    "موديل",
    "mig",
    "su",
    "f",
    "t",
    "b",
    "il",
    "tu",
    "ka",
    "mi",
    "boeing",
    "airbus",
    "model",
    "type",
    "mk",
    "ah",
    "uh",
    "mh",
    "kh",
    "patriot",
    "covid",
    "كوفيد",
    "cessna",
    "falcon",
)
# Reference numbers: القرار 2254، المادة 5، رقم 3، page 4.
REFERENCE_CUES = lexicon(
    "رقم",
    "الرقم",
    "برقم",
    "قرار",
    "القرار",
    "المادة",
    "مادة",
    "البند",
    "بند",
    "الفقرة",
    "فقرة",
    "المرسوم",
    "مرسوم",
    "القانون",
    "قانون",
    "الفصل",
    "صفحة",
    "الصفحة",
    "ص",
    "هاتف",
    "الهاتف",
    "الطريق",
    "الكيلو",
    "الحلقة",
    "resolution",
    "article",
    "no",
    "number",
    "section",
    "chapter",
    "page",
    "p",
    "tel",
    "phone",
    "fax",
    "route",
    "highway",
    "flight",
    "room",
    "episode",
    "vol",
    "volume",
    "paragraph",
    "clause",
    "law",
    "decree",
    # Military units are named by number: الكتيبة 227، اللواء 127، brigade 5.
    "الكتيبة",
    "كتيبة",
    "اللواء",
    "لواء",
    "الفرقة",
    "فرقة",
    "السرية",
    "الفوج",
    "فوج",
    # Named parts of a port, a bank's capital or a road network: Pier 2, Tier 1, Interstate 35.
    "pier",
    "berth",
    "tier",
    "interstate",
    "brigade",
    "battalion",
    "division",
    "regiment",
    "squadron",
    "platoon",
    "corps",
    "unit",
)
# Weak year cues: "a total of 2000 people" is a count, "of 2019" a year.
_WEAK_YEAR_CUES = lexicon("of", "to", "and", "from", "by", "over")
_HOUR_NOUNS = lexicon("ساعة", "ساعات", "hours", "hour")
ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")
_LONG_DIGITS = re.compile(r"^\d{7,}$")


ORDINALS = lexicon(
    "الحادي",
    "الحادية",
    "الثاني",
    "الثانية",
    "الثالث",
    "الثالثة",
    "الرابع",
    "الرابعة",
    "الخامس",
    "الخامسة",
    "السادس",
    "السادسة",
    "السابع",
    "السابعة",
    "الثامن",
    "الثامنة",
    "التاسع",
    "التاسعة",
    "العاشر",
    "العاشرة",
)


def _in_clock(tokens: list[Token], index: int) -> bool:
    """Whether the words before `index` back to الساعة are all numbers or ordinals."""
    for j in range(index - 1, max(-1, index - 5), -1):
        word = tokens[j].text
        if word in CLOCK_CUES:
            return True
        bare = word[1:] if word.startswith("و") else word
        if not (word in ORDINALS or bare in ORDINALS or is_number_word(bare) or word == "و"):
            return False
    return False


_STRONG_REFERENCE = lexicon(
    "رقم", "الرقم", "برقم", "هاتف", "الهاتف", "القرار", "phone", "tel", "resolution"
)
_NUMBER_NOUNS = lexicon("number", "hotline", "emergency", "الساخن", "المجاني")


def _is_hhmm(digits: str) -> bool:
    return int(digits[:2]) < 24 and int(digits[2:]) < 60


def _is_year(digits: str) -> bool:
    return digits.isdigit() and len(digits) == 4 and 1800 <= int(digits) <= 2100


def _prev(tokens: list[Token], index: int, text: str, distance: int = 1) -> str:
    """The token `distance` before index, when only spaces (or a hyphen) separate them."""
    j = index - distance
    if j < 0:
        return ""
    between = text[tokens[j].end : tokens[j + 1].start]
    return tokens[j].text if between.strip() in ("", "-", "/") else ""


# A span of time as an adjective: a two-hour meeting, a 10-year plan (a 176-km line is a length).
_ADJECTIVE_UNITS = lexicon("hour", "day", "week", "month", "year", "minute")
# Years named with what happened in them: مجاعة 2011، رؤية 2030، Vision 2030, the 2034 World Cup.
_YEAR_EVENTS = lexicon(
    "مجاعة",
    "حرب",
    "انتخابات",
    "زلزال",
    "ثورة",
    "أحداث",
    "كأس",
    "مونديال",
    "رؤية",
    "خطة",
    "استراتيجية",
    "أجندة",
    "إعلان",
    "vision",
    "agenda",
    "plan",
)
_AGE_CUES = lexicon("بعمر", "عمر", "سن", "بسن", "العمرية", "aged", "ages", "age")
_REFERENCE_RANGE = lexicon("line", "lines", "platform", "gate", "terminal", "zone")


def _year_attributive(tokens: list[Token], mention: Mention) -> bool:
    """A year used as a name (the 1951 convention, the 2017 crackdown, 2034 FIFA World Cup,
    Vision 2030, مجاعة 2011) or the end of a span of years (between 2015 and 2021)."""
    i, last = mention.first, mention.last
    prev_word = tokens[i - 1].text if i > 0 else ""
    next_word = tokens[last + 1].text if last + 1 < len(tokens) else ""
    if prev_word in _YEAR_EVENTS or tokens[i - 1].bare() in _YEAR_EVENTS if i > 0 else False:
        return True
    if prev_word in lexicon("the", "a", "its", "their") and next_word.isascii():
        return True
    following = tokens[last + 2].text if last + 2 < len(tokens) else ""
    if next_word in lexicon("and", "to", "و", "حتى", "إلى") and _is_year(following):
        return True  # between 2015 and 2021: the first of two years
    if next_word.isascii() and next_word.isalpha() and not next_word.endswith("s"):
        return unit_of([next_word]) == "" and next_word not in lexicon("people", "children")
    return False


def _scale_or_threshold(tokens: list[Token], mention: Mention, prev_word: str) -> str | None:
    """40 نقطة من أصل 100 / out of 100 (a fixed scale), within four hours (a threshold), one in
    13 (a ratio), Line 1 (a name)."""
    i = mention.first
    before = [tokens[k].text for k in range(max(0, i - 2), i)]
    following = tokens[mention.last + 1] if mention.last + 1 < len(tokens) else None
    counted = (
        following is not None
        and following.is_word
        and following.start - tokens[mention.last].end <= 1
    )
    if before[-2:] in (["من", "اصل"], ["out", "of"]) and not counted:
        return "fixed scale"  # 40 نقطة من أصل 100. (من أصل 22 طلبا counts requests)
    if prev_word in lexicon("within") or (prev_word == "in" and before[:1] == ["one"]):
        return "threshold or ratio"
    # Line 1; Lines 3, 4 and 6: a cue names every number of the list after it.
    k = i - 1
    while k > 0 and (tokens[k].is_number or tokens[k].text in lexicon("and", "و", "or", "to", "-")):
        k -= 1
    if k >= 0 and tokens[k].text in _REFERENCE_RANGE:
        return "reference number"
    while k > 0 and tokens[k].text in lexicon("بين", "between", "from", "من"):
        k -= 1
    if k >= 0 and tokens[k].text in _AGE_CUES and k < i:
        return "age"  # بعمر 15 سنة، الفئة العمرية بين 15 و24 عاما، aged 15
    return None


# Metric units written onto the digits: a measurement (254.8mm, 5km), not a model's name.
_GLUED_UNITS = lexicon("mm", "cm", "km", "kg", "kmh", "mph", "ml", "sqm", "km2", "mw", "gw", "kw")
_WEAPONS = lexicon(
    "shells",
    "shell",
    "rounds",
    "mortar",
    "mortars",
    "artillery",
    "gun",
    "guns",
    "howitzer",
    "howitzers",
    "cannon",
    "ammunition",
    "rifle",
    "قذيفة",
    "قذائف",
    "مدفع",
    "مدافع",
    "هاون",
    "رصاص",
    "طلقات",
)


def _weapon_after(tokens: list[Token], last: int) -> bool:
    return any(tokens[k].text in _WEAPONS for k in range(last + 1, min(len(tokens), last + 4)))


# Telephone cues up to four words before a number: الخط الساخن لوزارة التموين 19468، عبر الرقمين
# 14 و1021، call the hotline on 999.
_PHONE_CUES = lexicon(
    "الرقمين",
    "رقمين",
    "رقمي",
    "الساخن",
    "الهاتفي",
    "هاتف",
    "الهاتف",
    "hotline",
    "call",
    "calling",
    "dial",
)
# A phone number or reference written in hyphenated groups: 1-888-555-0142.
_HYPHENATED_GROUPS = re.compile(r"\d+(?:-\d+){2,}")
# "two people familiar with the matter": how many anonymous sources spoke is part of who
# spoke, not a figure they gave.
_SOURCE_NOUNS = lexicon("people", "persons", "sources", "officials", "diplomats", "individuals")
_SOURCE_DESCRIPTIONS = lexicon("familiar", "briefed", "knowledgeable")
# القانون عدد 10 لسنة 2017، القرار رقم 5 لعام 2020: a law's number "of the year" Y.
_OF_YEAR = lexicon("لسنة", "لعام")


def _phone_cue_before(tokens: list[Token], first: int) -> bool:
    """A telephone cue shortly before, with only words, numbers and و between (14 و1021)."""
    for k in range(max(0, first - 4), first):
        token = tokens[k]
        if token.text in _PHONE_CUES or token.bare() in _PHONE_CUES:
            return True
    return False


_CLOSING = ('"', "»", "”")
_OPENING = ('"', "«", "“")


def _quoted_name_ending(tokens: list[Token], mention: Mention, text: str) -> bool:
    """ "كنادير 415"، "Falcon 9": a short quoted name that ends with the number is a name."""
    end = tokens[mention.last].end
    if text[end : end + 1] not in _CLOSING or mention.first == 0:
        return False
    for k in range(mention.first - 1, max(-1, mention.first - 3), -1):
        opening = text[tokens[k - 1].end if k else 0 : tokens[k].start]
        if any(q in opening for q in _OPENING):
            return all(tokens[m].is_word for m in range(k, mention.first))
        if text[tokens[k].end : tokens[k + 1].start].strip():
            return False
    return False


# Units of a size that names a kind of thing (a 40-foot container, a 55-inch screen).
_SIZE_UNITS = lexicon("قدم", "قدما", "أقدام", "بوصة", "إنش", "foot", "feet", "inch", "inches")


def _size_in_brackets(tokens: list[Token], mention: Mention, text: str) -> bool:
    """الحاوية الواحدة (40 قدما): a size in brackets right after a noun says which kind of thing
    it is, not how many or how much."""
    unit = mention.last + 1
    if mention.first == 0 or unit >= len(tokens) or tokens[unit].text not in _SIZE_UNITS:
        return False
    opening = text[tokens[mention.first - 1].end : tokens[mention.first].start]
    closing = text[tokens[unit].end : tokens[unit].end + 1]
    return "(" in opening and closing == ")" and tokens[mention.first - 1].is_word


# A year that is the subject of a verb: "2024 is already the deadliest year".
_YEAR_SUBJECT_VERBS = lexicon("is", "was", "will", "has", "had", "marks", "saw", "brought")


def excluded_reason(mention: Mention, tokens: list[Token], text: str) -> str | None:
    """Why this number is not a claim, or None when it may be one."""
    first, last = tokens[mention.first], tokens[mention.last]
    before = text[max(0, first.start - 2) : first.start]
    after = text[last.end : last.end + 2]
    prev_word = _prev(tokens, mention.first, text)
    # A joined proclitic comes off Arabic words only: "at" is not "t" (a model letter).
    prev_forms = {prev_word, prev_word[1:]} if prev_word and not prev_word.isascii() else set()
    if prev_word.isascii() and prev_word:
        prev_forms = {prev_word}
    if prev_word.startswith("لل") and len(prev_word) > 3:
        prev_forms.add("ال" + prev_word[2:])  # طبقا للفصل 96: ل + الفصل
    next_word = tokens[mention.last + 1].text if mention.last + 1 < len(tokens) else ""
    if (
        next_word in _SOURCE_NOUNS
        and mention.last + 2 < len(tokens)
        and (
            tokens[mention.last + 2].text in _SOURCE_DESCRIPTIONS
            or [t.text for t in tokens[mention.last + 2 : mention.last + 4]]
            == ["with", "knowledge"]
        )
        and (mention.value or 0) <= 10
    ):
        return "number of anonymous sources"  # two people familiar with the matter
    if mention.kind == "digits":
        if "," in first.text and len(first.text) > 4:
            return _scale_or_threshold(tokens, mention, prev_word)  # 1,054: never a date or year
        if (after[:1] in (":", "/") and after[1:2].isdigit()) or (
            before[-1:] in (":", "/") and (before[:1].isdigit())
        ):
            return "clock time or date"
        # 2020-05-12 is a date; 10-15 a range (read by qualifiers when the left is smaller).
        hyphen_after = after[:1] == "-" and after[1:2].isdigit()
        if hyphen_after and text[first.start - 1 : first.start] != "-" and len(first.text) == 4:
            return "date"
        latin_before = before[-1:].isascii() and before[-1:].isalpha()
        if latin_before and currency_code_before(tokens, mention.first):
            latin_before = False  # SR84.4 billion: a currency code, not a model
        if (before[-1:] == "-" and before[:1].isalpha()) or latin_before:
            return "model designation"  # SU-35, F-16, A320 (و2421 is "and 2421": fine)
        glued = next_word if after[:1].isalpha() else ""
        if text[last.end : last.end + 3].lstrip("-").startswith(("mm", "ملم", "مم ")) and (
            after[:1] == "-" or _weapon_after(tokens, mention.last)
        ):
            return "calibre"  # 155-mm shells, 7.62 ملم rounds, 120mm mortars
        if glued in _GLUED_UNITS and not latin_before:
            pass  # 254.8mm of rain, about 5km of roads: a measurement
        elif after[:1].isalpha() and after[:1].isascii():
            suffix = text[last.end : last.end + 2]
            if suffix in ORDINAL_SUFFIXES:
                return "ordinal"
            return "model designation"  # 737MAX
        if _LONG_DIGITS.match(first.text) or before.endswith("+"):
            return "phone or reference number"
        if "-" in (before[-1:], after[:1]) and any(
            m.start() <= first.start and last.end <= m.end()
            for m in _HYPHENATED_GROUPS.finditer(text, max(0, first.start - 16), last.end + 16)
        ):
            return "phone or reference number"  # 1-888-555-0142
        if (
            next_word in _OF_YEAR
            and mention.last + 2 < len(tokens)
            and _is_year(tokens[mention.last + 2].text)
        ):
            return "reference number"  # القانون الأساسي عدد 10 لسنة 2017
        if _phone_cue_before(tokens, mention.first) and "," not in first.text:
            return "phone or reference number"  # الخط الساخن لوزارة التموين 19468
        if _quoted_name_ending(tokens, mention, text):
            return "name with a number"  # طائرات "كنادير 415"
        if _size_in_brackets(tokens, mention, text):
            return "size of the thing named"  # الحاوية الواحدة (40 قدما)
        if (
            prev_forms & MODEL_NAMES
            and not mention.percent
            and not currency_code_before(tokens, mention.first)
        ):
            return "model designation"
        prev_two = _prev(tokens, mention.first, text, 2) if prev_word else ""
        if (
            prev_forms & REFERENCE_CUES
            or prev_two in _STRONG_REFERENCE
            or next_word in _NUMBER_NOUNS
        ):
            return "reference number"  # القرار 2728، الرقم المجاني 3333، the 112 emergency number
        if next_word in CLOCK_MARKS and len(first.text) == 4 and _is_hhmm(first.text):
            return "clock time"  # 1130 GMT
        if next_word in ("a", "p") and text[last.end : last.end + 6].replace(" ", "")[:3] in (
            "a.m",
            "p.m",
        ):
            return "clock time"  # 3 p.m.
        after_year = mention.first >= 2 and _is_year(tokens[mention.first - 2].text)
        if prev_word == "و" and after_year and _is_year(first.text):
            return "year"  # عامي 2017 و2018
        small = mention.value is not None and mention.value <= 24
        counted_next = bool(next_word) and unit_of([next_word]) != ""
        if prev_forms & CLOCK_CUES and small and next_word not in _HOUR_NOUNS and not counted_next:
            return "clock time"  # at 10, not "remain at 12 months" nor "at 9 percent"
        if next_word in CLOCK_MARKS and mention.value is not None and mention.value <= 24:
            return "clock time"
        is_whole = mention.value is not None and mention.value.is_integer()
        if is_whole and mention.first == mention.last and next_word in MONTHS:
            return "date"
        if is_whole and prev_word in MONTHS:
            return "date"
        if is_whole and len(first.text) == 4 and _prev(tokens, mention.first, text, 2) in MONTHS:
            return "year"  # تشرين الأول 2023
        hyphen_word = text[last.end : last.end + 1] == "-" and next_word in _ADJECTIVE_UNITS
        if hyphen_word:
            return "compound adjective"  # a 10-year plan, a 3-day visit
        reason = _scale_or_threshold(tokens, mention, prev_word)
        if reason:
            return reason
        if len(first.text) == 4 and _is_year(first.text) and _year_attributive(tokens, mention):
            return "year"  # the 1951 convention, the 2017 crackdown, Vision 2030, مجاعة 2011
        if (
            len(first.text) == 4
            and next_word in YEAR_MARKS
            and 1300 <= (mention.value or 0) <= 2100
        ):
            return "year"  # ١٤٤٥هـ
        span_before = text[first.start - 1 : first.start] == "-" and mention.first > 0
        if span_before and _is_year(tokens[mention.first - 1].text) and len(first.text) in (2, 4):
            return "year span"  # 2021-2022، 2022-23
        year_like = is_whole and len(first.text) == 4 and 1800 <= (mention.value or 0) <= 2100
        if year_like and prev_word in _WEAK_YEAR_CUES and unit_of([next_word]) == "people":
            return None  # a total of 2000 people
        if year_like and next_word in _YEAR_SUBJECT_VERBS:
            return "year"  # "The IOM says 2024 is the deadliest year"
        if year_like:
            if prev_forms & YEAR_CUES or next_word in YEAR_MARKS or prev_word in MONTHS:
                return "year"
            closing = not next_word or text[last.end : tokens[mention.last + 1].start].strip()
            if closing:
                return "year"  # a year-like number closing a phrase: "... 2014."
    elif mention.kind == "words":
        if text[last.end : last.end + 1] == "-" and next_word in _ADJECTIVE_UNITS:
            return "compound adjective"  # a two-hour meeting, a three-day visit
        reason = _scale_or_threshold(tokens, mention, prev_word)
        if reason:
            return reason
        if prev_forms & CLOCK_CUES and (mention.value or 0) <= 12:
            return "clock time"
        if prev_word in ORDINALS:
            return "ordinal"  # الحادية عشرة، الثالث عشر
        if _in_clock(tokens, mention.first):
            return "clock time"  # الساعة الحادية عشرة وإحدى عشرة دقيقة
        if next_word in MONTHS:
            return "date"
        head = tokens[mention.first].text
        prefix = next((p for p in ("وال", "بال", "ال", "لل") if head.startswith(p)), None)
        if prefix and is_number_word(head[len(prefix) :]) and not mention.noun_before:
            # المناطق الثلاث، الرئيسين الاثنين: a definite number refers back to things
            # already counted, it is not a new figure.
            return "definite reference"
    return None
