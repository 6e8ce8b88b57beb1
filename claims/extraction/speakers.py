"""Speaker attribution: who gave a figure, and through which outlets it was relayed.

Reporting verbs and their subjects (قال فلان إن ...، نقلت الوكالة عن فلان قوله ...، بحسب فلان;
X said, according to X, citing X), a subject written before the verb (وكان فلان قدّر ...), a verb
with no subject of its own (وأضاف أن ...) which continues the last speaker, and relays: the outlet
that quoted the speaker (نقلت رويترز عن ...، قال لـ"بلومبرغ"، في تصريحات للجزيرة).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from claims.extraction.exclusions import MONTHS
from claims.extraction.qualifiers import qualifier_before
from claims.extraction.tokens import Token, lexicon

# Past-tense reporting verbs in masculine/feminine/plural forms, and the participles that
# continue them (مضيفا، مشيرة).
REPORTING_VERBS = lexicon(
    "قال",
    "قالت",
    "قالوا",
    "يقول",
    "تقول",
    "أضاف",
    "أضافت",
    "أضافوا",
    "أكد",
    "أكدت",
    "أكدوا",
    "أوضح",
    "أوضحت",
    "ذكر",
    "ذكرت",
    "ذكروا",
    "أفاد",
    "أفادت",
    "أفادوا",
    "قدر",
    "قدرت",
    "قدروا",
    "أعلن",
    "أعلنت",
    "أعلنوا",
    "كشف",
    "كشفت",
    "أشار",
    "أشارت",
    "صرح",
    "صرحت",
    "شدد",
    "شددت",
    "رأى",
    "رأت",
    "نفى",
    "نفت",
    "اعتبر",
    "اعتبرت",
    "لفت",
    "لفتت",
    "زعم",
    "زعمت",
    "ادعى",
    "ادعت",
    "أبلغ",
    "أبلغت",
    "أوردت",
    "أورد",
    "نقل",
    "نقلت",
    "نقلوا",
    "قدّر",
    "أحصى",
    "أحصت",
    "رصد",
    "رصدت",
    "وثق",
    "وثقت",
    # Verbs that report with a noun after them rather than أن (تحدث عن، أقر بـ، اتهم فلانا بـ).
    "تحدث",
    "تحدثت",
    "أقر",
    "أقرت",
    "ناشد",
    "ناشدت",
    "اتهم",
    "اتهمت",
    "نسب",
    "نسبت",
    "أعرب",
    "أعربت",
    # Data "shows": أظهرت بيانات الهيئة أن، وبيّنت أن.
    "أظهر",
    "أظهرت",
    "بينت",
    "said",
    "says",
    "told",
    "added",
    "stated",
    "reported",
    "estimated",
    "announced",
    "claimed",
    "confirmed",
    "noted",
    "wrote",
    "tweeted",
)
AUXILIARIES = lexicon("had", "has", "have", "was", "were", "is", "are", "will", "would", "also")
WARNING_VERBS = lexicon("حذر", "حذرت", "حذروا", "نبه", "نبهت", "دعا", "دعت", "طالب", "طالبت")
# Present-tense reporting verbs (وتقدر الأمم المتحدة أن ...، ويؤكد المسؤولون أن ...).
PRESENT_VERBS = lexicon(
    "يقدر",
    "تقدر",
    "يؤكد",
    "تؤكد",
    "يضيف",
    "تضيف",
    "يشير",
    "تشير",
    "يفيد",
    "تفيد",
    "يذكر",
    "تذكر",
    "يرى",
    "ترى",
    "يعتبر",
    "تعتبر",
    "يقولون",
    "يؤكدون",
    "يقدرون",
    "يوضح",
    "توضح",
    "يظهر",
    "تظهر",
)
MORE_ENGLISH_VERBS = lexicon(
    "expects",
    "expect",
    "hope",
    "hopes",
    "sees",
    "see",
    "forecasts",
    "predicts",
    "expected",
    "forecast",
    "predicted",
    "warned",
    "insisted",
    "argued",
    "fears",
    "feared",
    "showed",
    "shows",
    "show",
    "heard",
    "warns",
    "believes",
    "believed",
    "estimates",
    "say",
    "admitted",
    "acknowledged",
)
CONTINUING = lexicon(
    "مضيفا",
    "مضيفة",
    "مشيرا",
    "مشيرة",
    "مؤكدا",
    "مؤكدة",
    "موضحا",
    "موضحة",
    "لافتا",
    "لافتة",
    "adding",
    "noting",
)
RELAY_VERBS = lexicon("نقل", "نقلت", "نقلوا", "أورد", "أوردت", "quoted")
ACCORDING = lexicon("بحسب", "حسب", "حسبما", "وفقا", "وفق", "طبقا", "نقلا", "citing")
THAT = lexicon(
    "أن",
    "إن",
    "أنه",
    "إنه",
    "أنها",
    "إنها",
    "أنهم",
    "إنهم",
    "بأن",
    "بأنه",
    "بأنها",
    "قوله",
    "قولها",
    "قولهم",
    "تأكيده",
    "تأكيدها",
    "that",
    "عن",
)
SOURCE_OF = lexicon("عن")
STATEMENT_NOUNS = lexicon(
    "بيان",
    "تصريح",
    "تصريحات",
    "حديث",
    "مقابلة",
    "مؤتمر",
    "تغريدة",
    "رسالة",
    "كلمة",
    "إفادة",
    "لقاء",
    "statement",
    "interview",
    "briefing",
)
TIME_WORDS = lexicon(
    "اليوم",
    "أمس",
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "الأحد",
    "مساء",
    "صباح",
    "الليلة",
    "today",
    "yesterday",
    "on",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
# Generic words for someone already named: وأضاف المصدر، وأكدت الوكالة.
ANAPHORS = lexicon(
    "المصدر",
    "المسؤول",
    "الوكالة",
    "البيان",
    "الوزير",
    "المتحدث",
    "الناطق",
    "الوزارة",
    "الصحيفة",
    "المصادر",
    "المسؤولون",
    "الرئيس",
    "القائد",
    "he",
    "she",
    "they",
)
OUTLET_PREFIXES = lexicon(
    "وكالة",
    "صحيفة",
    "قناة",
    "موقع",
    "إذاعة",
    "مجلة",
    "شبكة",
    "مراسل",
    "مراسلة",
    "agency",
    "newspaper",
    "channel",
    "correspondent",
)
KNOWN_OUTLETS = lexicon(
    "رويترز",
    "بلومبرغ",
    "بلومبيرغ",
    "بلومبيرج",
    "الجزيرة",
    "الأناضول",
    "فرانس",
    "أسوشيتد",
    "تاس",
    "سبوتنيك",
    "نوفوستي",
    "إنترفاكس",
    "العربية",
    "الحدث",
    "سكاي",
    "الشرق",
    "الغارديان",
    "التلغراف",
    "لوموند",
    "شبيغل",
    "reuters",
    "bloomberg",
    "afp",
    "ap",
    "bbc",
    "cnn",
    "tass",
    "interfax",
    "anadolu",
    "aljazeera",
    "jazeera",
    "guardian",
    "telegraph",
    "spiegel",
)
# Every verb that introduces a report, as one set: is_verb runs on every word of a sentence.
_VERBS = REPORTING_VERBS | WARNING_VERBS | PRESENT_VERBS | MORE_ENGLISH_VERBS
_TRIGGERS = _VERBS | RELAY_VERBS | ACCORDING | CONTINUING | STATEMENT_NOUNS | lexicon("according")
_RELAYING = ("نقل", "اورد", "اوردت", "روت", "بثت", "نشرت", "نشرته")
# لرويترز، للجزيرة (ل + الجزيرة is written للجزيرة): told an outlet.
_TOLD_OUTLETS = (
    KNOWN_OUTLETS
    | {"ل" + word for word in KNOWN_OUTLETS}
    | {"ل" + word[2:] for word in KNOWN_OUTLETS if word.startswith("ال")}
)
CONDITIONAL = lexicon("كان", "وكان", "كانت", "وكانت")
_NISBA_ENDINGS = ("يه", "ي")
_OUTLET_CUTS = lexicon("في", "لدى", "من", "in", "at")
_MAX_SUBJECT = 12
_TOWARDS = lexicon("إلى", "الى", "to")


@dataclass
class Attribution:
    """Who said it (token indices of the name) and the outlets that relayed it, speaker first."""

    speaker: list[int] = field(default_factory=list)
    relay: list[list[int]] = field(default_factory=list)
    outlet_speaker: bool = False  # the speaker is itself an outlet (كشفت وكالة بلومبرغ)
    inherited: bool = False  # no subject: continues the previous speaker (وأضاف أن)
    position: int = 0
    anaphor: str = ""  # وأشار المتحدث: the noun that names an earlier speaker
    trailing: bool = False  # may attribute figures before it (بحسب ...، according to, X said)
    according: bool = False  # بحسب/وفق/according to: holds the figure of its own clause
    anaphor_span: list[int] = field(default_factory=list)  # the anaphor's own tokens (البيان)
    closes_at: int = -1  # "X said on Sunday, as ...": figures from here on are not X's


def _forms(token: Token) -> tuple[str, ...]:
    return token.forms()


def is_verb(token: Token) -> bool:
    """Whether the word is a reporting verb (قال، أكد، said ...) in any form we read."""
    return not _VERBS.isdisjoint(token.forms())


def _gap(tokens: list[Token], text: str, j: int) -> str:
    return text[tokens[j - 1].end : tokens[j].start].strip() if j > 0 else ""


def _outlet_name(tokens: list[Token], span: list[int]) -> tuple[list[int], bool]:
    """The outlet named by a subject (وكالة أنباء "بلومبرغ" الأميركية → بلومبرغ) and whether the
    subject names an outlet at all."""
    if not span:
        return span, False
    first = tokens[span[0]]
    words = [tokens[i].text for i in span]
    if not OUTLET_PREFIXES.isdisjoint(first.forms()):
        rest = span[1:]
        if rest and tokens[rest[0]].text in lexicon("أنباء", "news"):
            rest = rest[1:]
        cut = next((n for n, i in enumerate(rest) if tokens[i].text in _OUTLET_CUTS), None)
        if cut:
            rest = rest[:cut]  # مراسل الجزيرة في ليبيا → الجزيرة
        while (
            len(rest) > 1
            and tokens[rest[-1]].text.startswith("ال")
            and (tokens[rest[-1]].text.endswith(_NISBA_ENDINGS))
        ):
            rest = rest[:-1]  # drop الإخبارية، الأمريكية
        return (rest or span), True
    if any(w in KNOWN_OUTLETS for w in words[:2]):
        return span, True
    return span, False


def _subject_after(
    tokens: list[Token], text: str, start: int, end: int
) -> tuple[list[int], list[list[int]], bool]:
    """Subject tokens after a verb, relays met on the way (لـ"بلومبرغ"), whether it ended cleanly
    on "that" (إن/أن/عن/قوله) rather than running into the sentence."""
    subject: list[int] = []
    relays: list[list[int]] = []
    j = start
    in_dash = False
    while j < end and len(subject) <= _MAX_SUBJECT:
        token = tokens[j]
        between = _gap(tokens, text, j)
        if any(f in THAT or f in ACCORDING for f in _forms(token)) or token.text in THAT:
            return subject, relays, True
        if token.text in _TOWARDS and j + 1 < end and not THAT.isdisjoint(tokens[j + 1].forms()):
            return subject, relays, True  # أشار المتحدث إلى أن
        if token.text in _TOWARDS and subject:
            return subject, relays, True  # أشار الوزير إلى تخصيص 134 مليارا
        if "-" in between and not in_dash:
            in_dash = True
        elif "-" in between and in_dash:
            in_dash = False
        if in_dash or ("(" in between and ")" not in between):
            j += 1
            continue
        if ":" in between:
            return subject, relays, bool(subject)
        if between and between[-1] == '"' and subject and not _quoted_name(tokens, text, j, end):
            return subject, relays, bool(subject)  # قال عمار "...": the quote begins
        if (
            between
            and between[-1] == '"'
            and not subject
            and not _quoted_name(tokens, text, j, end)
        ):
            return [], relays, True  # وأضافت "دفنت اثنين ...": no subject, the quote begins
        if between in (",", "،") and subject:
            # An appositive (الناطق باسم القوات، العقيد محمد قنونو، إن) goes on only when a
            # "that" comes soon; otherwise the subject ended at the comma.
            ahead = range(j, min(end, j + 12))
            if not any(not THAT.isdisjoint(tokens[k].forms()) for k in ahead):
                return _trimmed(tokens, subject), relays, True  # أعلنت الوزارة، مساء الأحد، ...
        if subject and is_verb(token):
            # حذرت المنظمة من ...، وقالت إن: a new reporting verb starts a new clause.
            return _trimmed(tokens, subject), relays, True
        if subject and (
            token.text in OBJECT_NOUNS
            or _is_verbal_noun_object(token)
            or (len(subject) >= 2 and token.text in VERBAL_NOUNS)
        ):
            # قدّر المتحدث ... عدد المرتزقة، أعلن الاتحاد بفوزه: the object, not the subject.
            return _trimmed(tokens, subject), relays, True
        if token.text in MONTHS or token.text in lexicon("يوم", "ليلة", "صباح", "مساء"):
            j += 1  # يوم 3 مارس: when it was said, not who said it
            continue
        if token.is_number and (
            (j + 1 < end and tokens[j + 1].text in MONTHS)
            or tokens[j - 1].text in lexicon("يوم", "ليلة")
        ):
            j += 1
            continue
        if (
            token.text in lexicon("في")
            and j + 1 < end
            and not STATEMENT_NOUNS.isdisjoint(tokens[j + 1].forms())
        ):
            # في بيان، في تصريحات سابقة للجزيرة: a relay may follow.
            k = j + 2
            while k < min(end, j + 6) and THAT.isdisjoint(tokens[k].forms()):
                told = tokens[k].text
                if told.startswith("لل") or told in KNOWN_OUTLETS:
                    relays.append([k])
                elif told.startswith("ل") and len(told) >= 3 and not _gap(tokens, text, k):
                    # في تصريح لبي بي سي: the outlet's name runs to the comma or "that".
                    name = [k]
                    while k + 1 < end and not _gap(tokens, text, k + 1) and len(name) < 4:
                        if not THAT.isdisjoint(tokens[k + 1].forms()):
                            break
                        k += 1
                        name.append(k)
                    relays.append(name)
                k += 1
            j = k
            continue
        if token.text[0] == "ل" and token.text[1:] in OUTLET_PREFIXES and subject:
            # أكد مصدر طبي لوكالة الأنباء الفرنسية: the statement was given to an outlet.
            name = [j]
            k = j + 1
            quoted = '"' in _gap(tokens, text, k) or "«" in _gap(tokens, text, k)
            while k < end and len(name) < 5 and (quoted or not _gap(tokens, text, k)):
                word = tokens[k].text
                if not THAT.isdisjoint(tokens[k].forms()):
                    break
                if quoted and len(name) > 1 and _gap(tokens, text, k).strip('"«»'):
                    break  # لموقع "سكاي نيوز عربية": the quoted name ends at its closing mark
                if (
                    not quoted
                    and len(name) > 1
                    and not (word.startswith("ال") or tokens[k].is_latin)
                ):
                    break  # the outlet's name ends; what follows is what was said
                name.append(k)
                k += 1
            relays.append(name)
            return subject, relays, True
        if token.text == "ل" or (token.text[0] == "ل" and token.text[1:] in _TOLD_OUTLETS):
            # قال لـ"بلومبرغ" إن / وأضاف لرويترز أن: told an outlet.
            if token.text == "ل":
                k = j + 1
                name = []
                while k < end and THAT.isdisjoint(tokens[k].forms()) and len(name) < 4:
                    name.append(k)
                    k += 1
                    if '"' in _gap(tokens, text, k) if k < end else True:
                        break
                if name:
                    relays.append(name)
                j = k
            else:
                relays.append([j])
                j += 1
            continue
        if token.text in TIME_WORDS or token.text in ("،", ","):
            j += 1
            continue
        if token.is_number or token.text in _NUMBER_STARTS:
            if subject and start > 0 and not COUNTING_VERBS.isdisjoint(tokens[start - 1].forms()):
                # أحصت وزارة الصحة في عدن نحو ستة آلاف إصابة: the count is the object.
                cue = qualifier_before(tokens, j, start)
                cut = cue[1] if cue else j
                return [i for i in subject if i < cut], relays, True
            return subject, relays, False
        if subject and token.text in _ASIDES and j + 1 < end:
            # أم محمد، وهي أم لخمسة أطفال، قالت: the subject ends where the aside begins.
            ahead = range(j, min(end, j + 12))
            if any(not THAT.isdisjoint(tokens[k].forms()) for k in ahead):
                return subject, relays, True
        subject.append(j)
        j += 1
    trimmed = _trimmed(tokens, subject)
    # Ran on without a "that": a name followed by a preposition is still a subject (حذرت
    # منظمة الصحة العالمية من ...); anything else is not one we can trust.
    return trimmed, relays, len(trimmed) < len(subject)


# Nouns that open the object of an estimating verb: قدّر ... عدد، أحصى ... حجم.
OBJECT_NOUNS = lexicon("عدد", "أعداد", "حجم", "نسبة", "قيمة", "حصيلة", "إجمالي", "مجموع")
_PRONOUN_ENDINGS = ("ها", "هم", "هما")


def _is_verbal_noun_object(token: Token) -> bool:
    """بحصوله، بمسؤوليتها، بقتل: a ب-object after the subject of أعلن/أقر/اتهم."""
    text = token.text
    if not text.startswith("ب") or len(text) < 4 or text.startswith("بال"):
        return False
    # ه also ends every ة after normalization (بلدية → بلديه): only a known noun takes it.
    return text.endswith(_PRONOUN_ENDINGS) or text[1:] in VERBAL_NOUNS or text[1:-1] in VERBAL_NOUNS


VERBAL_NOUNS = lexicon(
    "حصول",
    "مسؤولية",
    "قتل",
    "مقتل",
    "سقوط",
    "وصول",
    "إصابة",
    "نزوح",
    "تسجيل",
    "ارتفاع",
    "انخفاض",
    "تراجع",
    "تسريح",
    "فقدان",
    "وجود",
    "دخول",
    "خروج",
    "اعتقال",
    "احتجاز",
    "تدمير",
)
COUNTING_VERBS = lexicon("أحصى", "أحصت", "رصد", "رصدت", "وثق", "وثقت", "قدر", "قدرت", "قدّر")
_NUMBER_STARTS = lexicon("نحو", "حوالي", "قرابة", "زهاء", "أكثر", "أقل", "ما")
_ASIDES = lexicon("وهي", "وهو", "وهم", "وهما", "التي", "الذي", "الذين")
_CONJUNCTIONS = lexicon("but", "and", "however", "yet", "so", "while", "although", "as")
_PREPOSITIONS = lexicon("من", "مع", "على", "إلى", "عن", "حول", "بشأن", "ضد", "for", "about", "over")


def _trimmed(tokens: list[Token], subject: list[int]) -> list[int]:
    """A subject that ran into the clause without a "that" (حذرت منظمة الصحة العالمية من تسارع
    ...): cut it at its first preposition after the name."""
    for n, i in enumerate(subject):
        if n >= 2 and tokens[i].text in _PREPOSITIONS:
            return subject[:n]
    return subject


def _quoted_name(tokens: list[Token], text: str, j: int, end: int) -> bool:
    """Whether a quote opening before token j closes within four words: a quoted name
    (وكالة "بلومبيرغ" الإخبارية), not the start of a quotation."""
    return any('"' in _gap(tokens, text, k) for k in range(j + 1, min(end, j + 5)))


def _subject_before(tokens: list[Token], text: str, verb: int, floor: int) -> list[int]:
    """A subject written before its verb: وكان المتحدث باسم القوات محمد قنونو قدّر ..., or the
    English "The mayor, Salem Alaywan, said"."""
    for k in range(verb - 1, max(floor - 1, verb - _MAX_SUBJECT - 1), -1):
        if tokens[k].text in CONDITIONAL:
            return [i for i in range(k + 1, verb) if tokens[i].text not in TIME_WORDS]
        if not THAT.isdisjoint(tokens[k].forms()) or is_verb(tokens[k]):
            break
    if tokens[verb].is_latin:
        if verb > floor and '"' in text[tokens[verb - 1].end : tokens[verb].start]:
            return []  # '..." said Mohamed Abu Basha': the subject follows the verb
        span: list[int] = []
        k = verb - 1
        while k >= max(floor, verb - 12):
            between = text[tokens[k].end : tokens[k + 1].start].strip()
            if between and span and between != "-":
                if between in (",", ")") and _appositive(tokens, span):
                    # "Jane Otieno, reporting from Nairobi, said", "The Group, made up of
                    # economists who ..., said": the subject is the name before the aside.
                    span = []  # read on from the word before the aside's opening comma
                    continue
                break
            if tokens[k].text in THAT or tokens[k].is_number:
                break
            span.insert(0, k)
            k -= 1
        cut = next((n for n, i in enumerate(span) if n and tokens[i].text in _EN_PLACE_PREPS), None)
        if cut is not None:
            span = span[:cut]  # "A charity in Pakistan's largest city said": the charity
        while span and tokens[span[-1]].text in AUXILIARIES:
            span.pop()
        if span and tokens[span[-1]].text in _CONJUNCTIONS:
            return []  # "reviewing 40 sites and has said": the subject is further back
        while span and tokens[span[0]].text in _CONJUNCTIONS:
            span.pop(0)  # "But she said": the conjunction is no part of the subject
        return [i for i in span if tokens[i].text not in lexicon("the", "a", "an")]
    return []


_EN_PLACE_PREPS = lexicon("in", "at", "on", "near", "from", "with")
_ASIDE_MARKS = lexicon("who", "which", "made", "based", "including", "whose", "citing", "speaking")


def _appositive(tokens: list[Token], span: list[int]) -> bool:
    """Whether words between commas are an aside about the subject (who ..., reporting from ...)."""
    first = tokens[span[0]].text
    return (
        first in _ASIDE_MARKS
        or first.endswith("ing")
        or any(tokens[i].text in lexicon("who", "which") for i in span)
    )


@dataclass
class _Sentence:
    """One sentence being read for attributions: tokens [first, end) of the text."""

    tokens: list[Token]
    text: str
    first: int
    end: int
    found: list[Attribution] = field(default_factory=list)


# A rule looks at the trigger word at index j; when it applies it records what it found and
# returns the index to read on from, else None and the next rule is tried.
Rule = Callable[[_Sentence, int], int | None]


def _relay_verb_rule(s: _Sentence, j: int) -> int | None:
    """نقلت وكالة رويترز عن مسؤول أمني قوله ...: the outlet relays, the source speaks."""
    tokens, end = s.tokens, s.end
    if RELAY_VERBS.isdisjoint(tokens[j].forms()):
        return None
    source = next((k for k in range(j + 1, min(end, j + 10)) if tokens[k].text in SOURCE_OF), None)
    if source is None:
        return None
    outlet = []
    for k in range(j + 1, source):
        if not ACCORDING.isdisjoint(tokens[k].forms()):
            break  # أوردت الأناضول -نقلا عن ...
        if tokens[k].text not in TIME_WORDS:
            outlet.append(k)
    outlet, _ = _outlet_name(tokens, outlet)
    speaker, relays, _ = _subject_after(tokens, s.text, source + 1, end)
    s.found.append(Attribution(speaker, [outlet, *relays], position=j))
    return source + 1 + len(speaker)


def _according_rule(s: _Sentence, j: int) -> int | None:
    """بحسب وزارة الصحة، وفقا لمسؤولين غربيين، وفق ما أعلنته الوزارة، citing officials."""
    tokens, text, end = s.tokens, s.text, s.end
    token = tokens[j]
    if ACCORDING.isdisjoint(token.forms()) or (j + 1 < end and is_verb(tokens[j + 1])):
        return None
    k = j + 1
    if not lexicon("وفقا", "طبقا", "نقلا", "وفق", "بحسب", "حسب").isdisjoint(token.forms()) and (
        k < end
    ):
        if (
            tokens[k].text in lexicon("لما", "ما")
            and k + 1 < end
            and not tokens[k + 1].text.startswith(_RELAYING)
        ):
            # وفق ما أعلنته وزارة الصحة: the one who announced is the speaker.
            k += 2
        elif tokens[k].text in lexicon("لما", "ما") and k + 1 < end:
            # وفقا لما نقلته "الجزيرة نت": a relay, the speaker comes later.
            outlet: list[int] = []
            for m in range(k + 2, min(end, k + 7)):
                if _gap(tokens, text, m) in (",", "،") or tokens[m].text in lexicon("فإن", "فان"):
                    break
                if tokens[m].text in SOURCE_OF:
                    # بحسب ما نقلته صحيفة "أبولا" عن مصادر مقربة: the source speaks.
                    source, relays, _ = _subject_after(tokens, text, m + 1, end)
                    outlet_name = _outlet_name(tokens, outlet)[0]
                    s.found.append(
                        Attribution(source, [outlet_name, *relays], position=j, trailing=True)
                    )
                    return m + 1 + len(source)
                outlet.append(m)
            s.found.append(Attribution([], [_outlet_name(tokens, outlet)[0]], position=j))
            return k + 2 + len(outlet)
        if tokens[k].text in SOURCE_OF:
            k += 1
        # وفقا لمسؤولين غربيين: the ل stays joined here; it is stripped when naming.
    elif token.text in lexicon("according") and k < end and tokens[k].text == "to":
        k += 1
    speaker: list[int] = []
    while k < end and len(speaker) < 8:
        if speaker and _gap(tokens, text, k) in (",", "،", ":", "-", '"', "."):
            break
        if not THAT.isdisjoint(tokens[k].forms()) or tokens[k].text in lexicon("فإن", "فان"):
            break
        speaker.append(k)
        k += 1
    relative = next((n for n, i in enumerate(speaker) if tokens[i].text in _RELATIVES), None)
    if relative is not None and relative + 2 < len(speaker):
        speaker = speaker[relative + 2 :]  # المعطيات التي قدمها وزير الصحة → وزير الصحة
    name, is_outlet = _outlet_name(tokens, speaker)
    s.found.append(
        Attribution(name, [], outlet_speaker=is_outlet, position=j, trailing=True, according=True)
    )
    return k


def _english_according_rule(s: _Sentence, j: int) -> int | None:
    """ "according to the health ministry" when "according" itself is not in ACCORDING."""
    tokens, end = s.tokens, s.end
    if not (tokens[j].text in lexicon("according") and j + 1 < end and tokens[j + 1].text == "to"):
        return None
    speaker: list[int] = []
    for k in range(j + 2, min(end, j + 8)):
        if speaker and _gap(tokens, s.text, k):
            break
        speaker.append(k)
    named = [i for i in speaker if tokens[i].text != "the"]
    s.found.append(Attribution(named, position=j, trailing=True, according=True))
    return j + 2 + len(speaker)


def _statement_to_outlet_rule(s: _Sentence, j: int) -> int | None:
    """في تصريحات للجزيرة، قال ...: the statement was given to an outlet, a relay."""
    tokens, end = s.tokens, s.end
    if tokens[j].text not in STATEMENT_NOUNS or j + 1 >= end:
        return None
    target = (
        tokens[j + 1]
        if tokens[j + 1].text not in lexicon("سابقة", "خاصة")
        else (tokens[j + 2] if j + 2 < end else tokens[j + 1])
    )
    if target.text.startswith("ل") and (
        target.text.startswith("لل") or target.text[1:] in KNOWN_OUTLETS
    ):
        s.found.append(Attribution([], [[target.index]], position=j))
        return target.index + 1
    return None


def _continuing_rule(s: _Sentence, j: int) -> int | None:
    """مضيفا، مشيرة، adding: the participle goes on with the speaker already named."""
    if CONTINUING.isdisjoint(s.tokens[j].forms()):
        return None
    s.found.append(Attribution([], [], inherited=True, position=j))
    return j + 1


def _reporting_verb_rule(s: _Sentence, j: int) -> int | None:
    """قال فلان إن ...، وكان فلان قدّر ...، X said: the subject after the verb, or before it."""
    tokens, text = s.tokens, s.text
    token = tokens[j]
    if not is_verb(token):
        return None
    if token.is_latin and j > s.first and tokens[j - 1].text in lexicon("an", "the", "a"):
        return j + 1  # "an estimated $30 billion": an adjective, not a report
    before = _subject_before(tokens, text, j, s.first)
    speaker, relays, clean = _subject_after(tokens, text, j + 1, s.end)
    if not before and not token.is_latin and (not speaker or tokens[speaker[0]].text in _ADVERBIAL):
        front = _subject_first(tokens, j, s.first)
        if front:  # الوزير خالد منصور قال في جلسة البرلمان إن: the subject came first
            before = front
    if not before and not clean and not _OBJECT_VERBS.isdisjoint(token.forms()):
        # ناشدت الجمعية الخيرية المانحين ...: the subject is the first noun and its adjectives.
        speaker, clean = _first_noun_phrase(tokens, speaker), True
    if token.is_latin and not before and not _inverted(s, j):
        # "... and has said firms could face fines": no subject of its own and none after a
        # quote or comma ("..., said the mayor"): not an attribution we can trust.
        return j + 1
    # A quote that closes later in the sentence is open at the verb: the verb is quoted speech
    # (a quotation may run over several sentences, so its opening mark is not looked for).
    closing = s.tokens[s.end - 1].end + 2
    if token.is_latin and s.text.count('"', token.end, closing) % 2:
        return j + 1  # '"We expect inflation to fall," said ...': a verb inside the quotation
    if before:
        speaker = before
    elif not clean and not token.is_latin:
        # قال with no "that" after it: not a report we can attribute reliably, unless
        # nothing stands between the verb and a quote.
        speaker = [] if not relays else speaker
        if not speaker and not relays:
            return j + 1
    if token.text == "told":
        relays = relays + _told_outlet(s, j)
    closes_at = _clause_end(s, j) if token.is_latin and before else -1
    name, is_outlet = _outlet_name(tokens, speaker)
    name, relays = _page_of_body(tokens, name, relays)
    anaphor = (
        bool(name)
        and len(name) <= 3
        and not ANAPHORS.isdisjoint(tokens[name[0]].forms())
        and not is_outlet
    )
    s.found.append(
        Attribution(
            [] if anaphor else name,
            relays,
            outlet_speaker=is_outlet,
            inherited=not name or anaphor,
            position=j,
            anaphor=tokens[name[0]].text if anaphor else "",
            trailing=token.is_latin,
            anaphor_span=name if anaphor else [],
            closes_at=closes_at,
        )
    )
    return j + 1 + len(speaker)


_RELATIVES = lexicon("التي", "الذي", "الذين", "اللتين", "اللذين")
_ADVERBIAL = lexicon("في", "خلال", "أمام", "عبر", "على", "لدى", "من", "أثناء", "بعد", "قبل")
_PAGE_WORDS = lexicon("الصفحة", "صفحة", "الحساب", "حساب", "الموقع", "القناة")


_OBJECT_VERBS = lexicon(
    "ناشد", "ناشدت", "اتهم", "اتهمت", "دعا", "دعت", "طالب", "طالبت", "حث", "حثت"
)


def _first_noun_phrase(tokens: list[Token], span: list[int]) -> list[int]:
    """The first definite noun of a span and the definite adjectives agreeing with it."""
    if not span or not tokens[span[0]].text.startswith("ال"):
        return []
    phrase = span[:1]
    for i in span[1:]:
        if tokens[i].text.startswith("ال") and tokens[i].text.endswith(("يه", "ي", "يون", "يين")):
            phrase.append(i)
        else:
            break
    return phrase


def _subject_first(tokens: list[Token], verb: int, floor: int) -> list[int]:
    """A subject that opens the sentence before its verb (الوزير خالد منصور قال ...): up to six
    words, none a verb, a number or a preposition at its head."""
    span = list(range(floor, verb))
    if not 1 <= len(span) <= 6 or tokens[span[0]].text in _ADVERBIAL:
        return []
    for i in span:
        token = tokens[i]
        if not token.is_word or is_verb(token) or not THAT.isdisjoint(token.forms()):
            return []
    return span


def _page_of_body(
    tokens: list[Token], name: list[int], relays: list[list[int]]
) -> tuple[list[int], list[list[int]]]:
    """أعلنت الصفحة الرسمية لوزارة الداخلية: the ministry speaks, its page relays it."""
    if len(name) < 2 or _PAGE_WORDS.isdisjoint(tokens[name[0]].forms()):
        return name, relays
    body = next(
        (
            n
            for n, i in enumerate(name)
            if n and tokens[i].text[0] == "ل" and len(tokens[i].text) > 3
        ),
        None,
    )
    if body is None:
        return name, relays
    return name[body:], [name[:body], *relays]


def _headline_speaker(s: _Sentence) -> None:
    """وزير الصحة: 80% من المستشفيات ...: a headline that opens with a name and a colon gives
    that name's words (up to five, no number or verb among them)."""
    for k in range(s.first, min(s.end - 1, s.first + 5)):
        token = s.tokens[k]
        if not token.is_word or is_verb(token):
            return
        if ":" in _gap(s.tokens, s.text, k + 1):
            s.found.append(Attribution(list(range(s.first, k + 1)), position=s.first))
            return


_EN_OUTLET_WORDS = KNOWN_OUTLETS | lexicon(
    "press", "news", "times", "post", "journal", "tv", "radio", "agency", "newspaper", "channel"
)


_CLAUSE_OPENERS = lexicon("as", "when", "after", "before", "since")


def _inverted(s: _Sentence, verb: int) -> bool:
    """'"...," said the mayor' or "..., said the mayor": an English verb before its subject."""
    if verb == s.first:
        return True
    gap = s.text[s.tokens[verb - 1].end : s.tokens[verb].start]
    return any(mark in gap for mark in ('"', ",", "”"))


def _clause_end(s: _Sentence, verb: int) -> int:
    """ "..., the commission said on Sunday, as the last three lines prepare": where a new clause
    opens after an English "X said" (a comma, then as/while/but ...), or -1."""
    for k in range(verb + 1, s.end):
        token = s.tokens[k]
        if token.text in THAT or token.is_number:
            return -1
        if token.text in _CLAUSE_OPENERS and "," in _gap(s.tokens, s.text, k):
            return k
    return -1


def _told_outlet(s: _Sentence, j: int) -> list[list[int]]:
    """ "Rahman told AFP", "told The Associated Press that": the outlet told is a relay (people
    told, "told reporters", are not)."""
    name: list[int] = []
    for k in range(j + 1, min(s.end, j + 6)):
        word = s.tokens[k].text
        if word in THAT or (name and _gap(s.tokens, s.text, k)) or not s.tokens[k].is_latin:
            break
        if word != "the":
            name.append(k)
    return [name] if any(s.tokens[i].text in _EN_OUTLET_WORDS for i in name) else []


# In order: the first rule that applies to a trigger word wins.
RULES: tuple[Rule, ...] = (
    _relay_verb_rule,
    _according_rule,
    _english_according_rule,
    _statement_to_outlet_rule,
    _continuing_rule,
    _reporting_verb_rule,
)


def attributions(tokens: list[Token], text: str, first: int, end: int) -> list[Attribution]:
    """The attributions of one sentence (tokens [first, end)), in order: at each trigger word
    the first of `RULES` that applies records what it found and says where to read on."""
    sentence = _Sentence(tokens, text, first, end)
    if first == 0:
        _headline_speaker(sentence)
    j = first
    while j < end:
        if _TRIGGERS.isdisjoint(tokens[j].forms()):
            j += 1  # most words trigger no rule: skip them cheaply
            continue
        for rule in RULES:
            after = rule(sentence, j)
            if after is not None:
                j = after
                break
        else:
            j += 1
    return sentence.found
