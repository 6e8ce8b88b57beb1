"""Speaker attribution: who gave a figure, and through which outlets it was relayed.

Reporting verbs and their subjects (قال فلان إن ...، نقلت الوكالة عن فلان قوله ...، بحسب فلان;
X said, according to X, citing X), a subject written before the verb (وكان فلان قدّر ...), a verb
with no subject of its own (وأضاف أن ...) which continues the last speaker, and relays: the outlet
that quoted the speaker (نقلت رويترز عن ...، قال لـ"بلومبرغ"، في تصريحات للجزيرة).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from claims.extraction.exclusions import MONTHS
from claims.extraction.qualifiers import qualifier_before
from claims.extraction.roles import ROLE_HEADS, TITLES
from claims.extraction.spans import speaker_span
from claims.extraction.tokens import PROCLITICS, Token, lexicon

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
    # Forecasts and likelihoods: توقعت الهيئة أن، رجّح المصدر أن.
    "توقع",
    "توقعت",
    "توقعوا",
    "رجح",
    "رجحت",
    # Data "shows": أظهرت بيانات الهيئة أن، وبيّنت أن.
    "أظهر",
    "أظهرت",
    "بينت",
    # Going on with what was said: وتابع المتحدث أن، وتابعت: «...».
    "تابع",
    "تابعت",
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
    "يتوقع",
    "تتوقع",
    "يرجح",
    "ترجح",
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
    # What a report or a filing makes known: "a report by X found that", "the club disclosed
    # that" (only with "that": "police found 12 bodies" is a discovery, not a report).
    "found",
    "disclosed",
    "revealed",
)
_THAT_VERBS = lexicon("found", "disclosed", "revealed")
# يُذكر أن "it is worth mentioning that" opening a sentence: passive, the narrator's own aside.
_NOTED = lexicon("يذكر")
# English verbs that count rather than say (OCHA recorded 1,250 attacks): a source when nothing
# else is, but a "..., X said" closing the sentence speaks for the whole of it.
WEAK_VERBS = lexicon("recorded", "counted", "documented", "registered", "tallied", "logged")
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
    "مرجحا",
    "مرجحة",
    "adding",
    "noting",
)
RELAY_VERBS = lexicon("نقل", "نقلت", "نقلوا", "أورد", "أوردت", "quoted")
ACCORDING = lexicon("بحسب", "حسب", "حسبما", "وفقا", "وفق", "طبقا", "نقلا", "citing", "cited")
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
# Documents a speaker says something in (قال في تقرير إن): not the speaker.
REPORT_NOUNS = lexicon("تقرير", "تقريره", "تقريرها", "دراسة", "تحليل", "مذكرة", "report", "study")
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
    "it",
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
# A document "issued by" someone (تقرير صادر عن، الدراسة الصادرة عن): عن names its owner here.
_ISSUED = lexicon("صادر", "صادرة", "الصادر", "الصادرة")
# Every verb that introduces a report, as one set: is_verb runs on every word of a sentence.
_VERBS = REPORTING_VERBS | WARNING_VERBS | PRESENT_VERBS | MORE_ENGLISH_VERBS | WEAK_VERBS
_TRIGGERS = (
    _VERBS
    | RELAY_VERBS
    | ACCORDING
    | CONTINUING
    | STATEMENT_NOUNS
    | lexicon("according", "put", "puts", "putting")
    | lexicon("بين")
    | _ISSUED
)
_RELAYING = ("نقل", "اورد", "اوردت", "روت", "بثت", "نشرت", "نشرته")
# A statement "that X carried" (في بيان نقلته وكالة الأنباء): X relays it.
_RELAYED = ("نقلته", "نقلها", "اوردته", "اوردتها", "بثته", "بثتها", "نشرته", "نشرتها")
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
    # ", while ...": figures from here on go to a source named after them, if there is one.
    yields_at: int = -1
    # Figures between the trigger and this index are in the speaker's own description (سيدا
    # أوزتورك (34 عاما)، ثلاثة مصادر): the narrator's, not the speaker's words.
    subject_stop: int = -1
    # The first word of a subject written before its verb, asides included: a figure from here
    # to the verb is in the subject (the capital about 45 km south ..., told AFP), not reported.
    subject_from: int = -1
    # After في حين، بينما، فيما، while: a second speaker in the sentence, who holds what follows.
    contrast: bool = False
    weak: bool = False  # a verb that counts (recorded): yields to a closing "..., X said"
    # The speaker cut to what can name someone (spans.speaker_span), once per attribution.
    shaped: list[int] | None = None


def _forms(token: Token) -> tuple[str, ...]:
    return token.forms()


def is_verb(token: Token) -> bool:
    """Whether the word is a reporting verb (قال، أكد، said ...) in any form we read."""
    return not _VERBS.isdisjoint(token.forms())


def _gap(tokens: list[Token], text: str, j: int) -> str:
    return text[tokens[j - 1].end : tokens[j].start].strip() if j > 0 else ""


# Those a statement is given to who are not outlets: للصحفيين، للصحافة (told reporters).
_AUDIENCES = lexicon(
    "للصحفيين",
    "للصحافيين",
    "للصحافة",
    "للإعلاميين",
    "للمراسلين",
    "للمواطنين",
    "للحضور",
    "لنا",
    "لي",
    "له",
    "لها",
    "لهم",
)
_OPENING_QUOTES = ('"', "«", "“")
_CLOSING_QUOTES = ('"', "»", "”")


def _comma_before(tokens: list[Token], text: str, k: int) -> bool:
    gap = _gap(tokens, text, k)
    return "," in gap or "،" in gap


def _plain_run(tokens: list[Token], text: str, k: int, end: int, limit: int) -> list[int]:
    """Tokens from k on with no punctuation between them, up to a "that" or a place word."""
    run = [k]
    n = k + 1
    while n < end and len(run) < limit and not _gap(tokens, text, n):
        if not THAT.isdisjoint(tokens[n].forms()) or tokens[n].text in _OUTLET_CUTS:
            break
        run.append(n)
        n += 1
    return run


def _quoted_run(tokens: list[Token], text: str, k: int, end: int) -> list[int]:
    """Tokens from k (the first inside an opening quote) to the closing quote."""
    run = [k]
    n = k + 1
    while n < end and len(run) < 6:
        gap = _gap(tokens, text, n)
        if gap:
            if not any(q in gap for q in _CLOSING_QUOTES):
                return []  # no closing mark right after a word: not a quoted name
            break
        run.append(n)
        n += 1
    return run


def recipient(tokens: list[Token], text: str, k: int, end: int) -> tuple[list[int], int] | None:
    """The outlet a statement was given to, written with ل at token k (لعنب بلدي، لـRT عربية،
    لإذاعة «ديوان أف أم»، لـ«القدس العربي»، للجزيرة نت), and the index after its name; None for
    an audience (للصحفيين) or a word that is no ل of "to"."""
    token = tokens[k]
    if not token.text.startswith("ل") or token.text in _AUDIENCES:
        return None
    if token.text == "ل":  # لـ"بلومبرغ"، لـ«القدس العربي»: the name is the next word on
        if k + 1 >= end:
            return None
        quoted = any(q in _gap(tokens, text, k + 1) for q in _OPENING_QUOTES)
        name = _quoted_run(tokens, text, k + 1, end) if quoted else []
        name = name or _plain_run(tokens, text, k + 1, end, 4)
        return name, name[-1] + 1
    if k + 1 < end and any(q in _gap(tokens, text, k + 1) for q in _OPENING_QUOTES):
        inside = _quoted_run(tokens, text, k + 1, end)  # لإذاعة «ديوان أف أم»
        if inside and token.text[1:] in OUTLET_PREFIXES:
            return [k, *inside], inside[-1] + 1
        return [k], k + 1
    name = _plain_run(tokens, text, k, end, 4)
    return name, name[-1] + 1


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
) -> tuple[list[int], list[list[int]], bool, int]:
    """Subject tokens after a verb, relays met on the way (لـ"بلومبرغ"), whether it ended cleanly
    on "that" (إن/أن/عن/قوله) rather than running into the sentence, and the index where the
    reading stopped (what lies before it is the subject's, not the report's)."""
    subject: list[int] = []
    relays: list[list[int]] = []
    j = start
    in_dash = False
    while j < end and len(subject) <= _MAX_SUBJECT:
        token = tokens[j]
        between = _gap(tokens, text, j)
        if (
            token.text in SOURCE_OF
            and subject
            and tokens[subject[-1]].text in _ISSUED
            and j + 1 < end
            and tokens[j + 1].is_word
        ):
            # تقرير صادر عن "شبكة رصد للحقوق": "issued by", the owner's name follows.
            quoted = any(q in _gap(tokens, text, j + 1) for q in _OPENING_QUOTES)
            owner = _quoted_run(tokens, text, j + 1, end) if quoted else []
            owner = owner or _plain_run(tokens, text, j + 1, end, 6)
            subject += [j, *owner]
            j = owner[-1] + 1
            continue
        if any(f in THAT or f in ACCORDING for f in _forms(token)) or token.text in THAT:
            return subject, relays, True, j
        if token.text in _TOWARDS and j + 1 < end and not THAT.isdisjoint(tokens[j + 1].forms()):
            return subject, relays, True, j  # أشار المتحدث إلى أن
        if token.text in _TOWARDS and subject:
            return subject, relays, True, j  # أشار الوزير إلى تخصيص 134 مليارا
        if "-" in between and not in_dash:
            in_dash = True
        elif "-" in between and in_dash:
            in_dash = False
        if in_dash:
            j += 1
            continue
        if "(" in between and ")" not in between:
            # سيدا أوزتورك (34 عاما)، الخوذ البيضاء (...): an aside, skipped to its closing mark.
            while j + 1 < end and ")" not in _gap(tokens, text, j + 1):
                j += 1
            j += 1
            continue
        if ":" in between:
            # وأضاف: "..." with no subject goes on with the speaker already named, as وأضاف أن.
            return subject, relays, bool(subject) or j == start, j
        if between and between[-1] == '"' and subject and not _quoted_name(tokens, text, j, end):
            return subject, relays, bool(subject), j  # قال عمار "...": the quote begins
        if (
            between
            and between[-1] == '"'
            and not subject
            and not _quoted_name(tokens, text, j, end)
        ):
            return [], relays, True, j  # وأضافت "دفنت اثنين ...": no subject, the quote begins
        if subject and ("," in between or "،" in between):
            told = recipient(tokens, text, j, end) if token.text.startswith("ل") else None
            if told is not None and any(
                not THAT.isdisjoint(tokens[m].forms())
                for m in range(told[1], min(end, told[1] + 2))
            ):
                # مهند العلي، لعنب بلدي، إن: the outlet told, between commas before "that".
                relays.append(told[0])
                j = told[1]
                continue
        if between in (",", "،") and subject and token.text not in _ASIDES:
            # An appositive (الناطق باسم القوات، العقيد محمد قنونو، إن) goes on only when a
            # "that" comes soon; otherwise the subject ended at the comma.
            ahead = range(j, min(end, j + 12))
            if not any(not THAT.isdisjoint(tokens[k].forms()) for k in ahead):
                return _trimmed(tokens, subject), relays, True, j  # أعلنت الوزارة، مساء الأحد، ...
        if subject and not CONTINUING.isdisjoint(token.forms()):
            # نفت الوزارة الأنباء، مؤكدة أن: the participle goes on with a clause of its own.
            return subject, relays, True, j
        if (
            subject
            and token.text in _ANONYMITY
            and j + 1 < end
            and tokens[j + 1].text in _NOT_NAMED
            and _that_ahead(tokens, j, end)
        ):
            # قال مصدر طلب عدم الكشف عن هويته إن: how the source asked to be left unnamed is
            # no part of the name; the subject ends, the "that" is read on to.
            k = next(
                m for m in range(j, min(end, j + 10)) if not THAT.isdisjoint(tokens[m].forms())
            )
            for m in range(j + 2, k):  # ... عدم ذكر اسمه لوكالة فرانس برس أن: the outlet told
                word = tokens[m].text
                if word[:1] == "ل" and (word[1:] in OUTLET_PREFIXES or word in _TOLD_OUTLETS):
                    told = recipient(tokens, text, m, k)
                    if told is not None:
                        relays.append(told[0])
                        break
            return subject, relays, True, k
        if subject and is_verb(token):
            # حذرت المنظمة من ...، وقالت إن: a new reporting verb starts a new clause.
            return _trimmed(tokens, subject), relays, True, j
        if subject and (
            token.text in OBJECT_NOUNS
            or _is_verbal_noun_object(token)
            or (len(subject) >= 2 and is_masdar(token) and not _that_ahead(tokens, j, end))
            or (len(subject) >= 2 and token.text in VERBAL_NOUNS)
        ):
            # قدّر المتحدث ... عدد المرتزقة، أعلن الاتحاد بفوزه: the object, not the subject.
            return _trimmed(tokens, subject), relays, True, j
        if len(subject) > 1 and _object_after_adjective(tokens, subject[-1], token):
            # قدّرت الحكومة التركية الكلفة بنحو ...: after a noun and its adjective, a new
            # definite noun is the verb's object, not more of the subject.
            return subject, relays, True, j
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
            and not (STATEMENT_NOUNS | REPORT_NOUNS).isdisjoint(tokens[j + 1].forms())
        ):
            # في بيان، في تصريحات سابقة للجزيرة، في تقرير: how it was said; a relay may follow
            # a statement (a report's ل names its author: في تقرير لفريق خبرائها).
            k = j + 2
            report = STATEMENT_NOUNS.isdisjoint(tokens[j + 1].forms())
            while k < min(end, j + 6) and THAT.isdisjoint(tokens[k].forms()):
                if report:
                    k += 1
                    continue
                if tokens[k].text in KNOWN_OUTLETS:
                    relays.append([k])
                elif tokens[k].text.startswith(_RELAYED) and k + 1 < end:
                    # في بيان نقلته وكالة الأنباء العراقية (واع): the outlet that carried it.
                    carried = _plain_run(tokens, text, k + 1, end, 5)
                    relays.append(carried)
                    k = carried[-1]
                elif tokens[k].text.startswith("ل") and (
                    tokens[k].text.startswith("لل") or not _gap(tokens, text, k) or k == j + 2
                ):
                    # في تصريح لبي بي سي، في تصريح لإذاعة «ديوان أف أم»: the outlet told.
                    told = recipient(tokens, text, k, end)
                    if told is not None:
                        relays.append(told[0])
                        k = told[1] - 1
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
            return subject, relays, True, k
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
                told = recipient(tokens, text, j, end)
                relays.append(told[0] if told else [j])
                j = told[1] if told else j + 1
            continue
        if token.text in TIME_WORDS or token.text in ("،", ","):
            j += 1
            continue
        if token.is_number or token.text in _NUMBER_STARTS:
            if subject and start > 0 and not COUNTING_VERBS.isdisjoint(tokens[start - 1].forms()):
                # أحصت وزارة الصحة في عدن نحو ستة آلاف إصابة: the count is the object.
                cue = qualifier_before(tokens, j, start)
                cut = cue[1] if cue else j
                return [i for i in subject if i < cut], relays, True, cut
            return subject, relays, False, j
        if subject and token.text in _ASIDES and j + 1 < end:
            # أم محمد، وهي أم لخمسة أطفال، قالت: the subject ends where the aside begins.
            ahead = range(j, min(end, j + 16))
            that = next((k for k in ahead if not THAT.isdisjoint(tokens[k].forms())), None)
            if that is not None:
                # ...، وهي نازحة ... منذ ست سنوات، لعنب بلدي، إن: the outlet told after the aside.
                for k in range(j + 1, that):
                    told = (
                        recipient(tokens, text, k, end) if _comma_before(tokens, text, k) else None
                    )
                    if told is not None and told[1] == that:
                        relays.append(told[0])
                # What the aside says of the speaker (أم لخمسة أطفال) is the narrator's.
                return subject, relays, True, that
        if subject and token.text in _ASIDE_ADVERBIALS and _comma_before(tokens, text, j):
            # قال المهندس خالد، مدير المشاريع، خلال مؤتمر صحفي عقد أمس، إن: when and where it
            # was said, between commas, is no part of the name; read on to the "that".
            k = j + 1
            while (
                k < end
                and not _comma_before(tokens, text, k)
                and THAT.isdisjoint(tokens[k].forms())
            ):
                k += 1
            if k < end and k - j <= 8:
                j = k
                continue
        subject.append(j)
        j += 1
    trimmed = _trimmed(tokens, subject)
    # Ran on without a "that": a name followed by a preposition is still a subject (حذرت
    # منظمة الصحة العالمية من ...); anything else is not one we can trust.
    return trimmed, relays, len(trimmed) < len(subject), j


# Prepositions that open an aside of time or place after a comma (خلال مؤتمر صحفي، أمام
# البرلمان، عقب اجتماع): "في" is read by the statement rule (في تصريح لـ...), so it is not here.
_ASIDE_ADVERBIALS = lexicon("خلال", "أثناء", "أمام", "عقب", "لدى", "على")


# An anonymous source's request (طلب/فضّل/رفض عدم الكشف عن اسمه، عدم ذكر اسمه).
_ANONYMITY = lexicon("طلب", "طلبت", "فضل", "فضلت", "رفض", "رفضت", "اشترط", "اشترطت")
_NOT_NAMED = lexicon("عدم", "الكشف", "ذكر", "الإفصاح", "نشر")


def _nisba(token: Token) -> bool:
    """A definite relational adjective: التركية، الدولي، المركزي."""
    return token.text.startswith("ال") and token.text.endswith(("ي", "يه", "يين", "يون"))


# Definite adjectives that are not relational (the former minister): never an object.
_ADJECTIVES = lexicon(
    "السابق",
    "السابقة",
    "الأسبق",
    "الجديد",
    "الجديدة",
    "العام",
    "العامة",
    "الأول",
    "الأولى",
    "الأعلى",
    "العليا",
    "المستقل",
    "المستقلة",
    "المكلف",
    "المكلفة",
    "المؤقت",
    "المؤقتة",
)


def _object_after_adjective(tokens: list[Token], last: int, token: Token) -> bool:
    """Whether `token` opens the object after a subject ending on a nisba adjective (الحكومة
    التركية | الكلفة; البنك الدولي | الأضرار), rather than a title or adjective of the subject."""
    return (
        _nisba(tokens[last])
        and token.text.startswith("ال")
        and not _nisba(token)
        and token.text not in _ADJECTIVES
        and TITLES.isdisjoint(token.forms())
        and ROLE_HEADS.isdisjoint(token.forms())
    )


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


def _that_ahead(tokens: list[Token], j: int, end: int) -> bool:
    """Whether "that" (إن، أن) comes within ten words: the subject is not over yet (a name such
    as إسحاق looks like a verbal noun)."""
    return any(not THAT.isdisjoint(tokens[k].forms()) for k in range(j, min(end, j + 10)))


def is_masdar(token: Token) -> bool:
    """An indefinite verbal noun by its pattern, the object of أعلن/كشف (أعلنت الولاية إجلاء،
    تسجيل، استئجار، اعتقال، انسحاب): إفعال، تفعيل، استفعال، افتعال، انفعال."""
    w = token.text
    if token.is_latin or w.startswith("ال"):
        return False
    if len(w) == 5:
        return (w[0] == "ا" and w[3] == "ا") or (w[0] == "ت" and w[3] == "ي")
    if len(w) == 6:
        return w[0] == "ا" and w[4] == "ا" and (w[2] == "ت" or w[1] == "ن")
    return len(w) == 7 and w.startswith("است") and w[5] == "ا"


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
        while k >= max(floor, verb - 20):
            between = text[tokens[k].end : tokens[k + 1].start].strip()
            if between and span and between not in ("-", "'", "’"):
                if set(between) <= {",", ")"} and _appositive(tokens, span):
                    # "Jane Otieno, reporting from Nairobi, said", "The Group, made up of
                    # economists who ..., said": the subject is the name before the aside.
                    span = []  # read on from the word before the aside's opening comma
                    continue
                break
            if tokens[k].is_number and "," in text[tokens[verb - 1].end : tokens[verb].start]:
                # "A source in Kaya, the capital about 45 km south of the town, told AFP": the
                # number is in an aside closed by the comma before the verb; the subject is
                # the name before the aside's opening comma.
                opening = next(
                    (m for m in range(k, max(floor, k - 10), -1) if "," in _gap(tokens, text, m)),
                    None,
                )
                if opening is not None and opening - 1 >= floor:
                    span, k = [], opening - 1
                    continue
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
        while span and (
            tokens[span[0]].text in _CONJUNCTIONS or tokens[span[0]].text in lexicon("which", "who")
        ):
            span.pop(0)  # "But she said", "..., which the company has said": not the subject
        return [i for i in span if tokens[i].text not in lexicon("the", "a", "an")]
    return []


_EN_PLACE_PREPS = lexicon("in", "at", "on", "near", "from", "with")
_ASIDE_MARKS = lexicon("who", "which", "made", "based", "including", "whose", "citing", "speaking")


_PARTICIPLE_OBJECTS = lexicon(
    "from", "to", "on", "at", "in", "for", "about", "with", "after", "the", "a", "an", "that", "his"
)
_ASIDE_PREPOSITIONS = lexicon("in", "at", "on", "during", "after", "earlier", "late")


def _appositive(tokens: list[Token], span: list[int]) -> bool:
    """Whether words between commas are an aside about the subject (who ..., reporting from ...)."""
    first = tokens[span[0]].text
    return (
        first in _ASIDE_MARKS
        # "Transnet, in a statement late on Monday, said": how or when it was said.
        or (first in _ASIDE_PREPOSITIONS and len(span) > 1)
        # "reporting from Nairobi", "writing on X": a participle and its phrase; "shipping
        # agents", "fishing crews" are a noun and its modifier, the subject itself.
        or (first.endswith("ing") and len(span) > 1 and tokens[span[1]].text in _PARTICIPLE_OBJECTS)
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
    speaker, relays, _, stop = _subject_after(tokens, s.text, source + 1, end)
    s.found.append(Attribution(speaker, [outlet, *relays], position=j, subject_stop=stop))
    return source + 1 + len(speaker)


_WHO_WHICH = lexicon("who", "which")


def _according_rule(s: _Sentence, j: int) -> int | None:
    """بحسب وزارة الصحة، وفقا لمسؤولين غربيين، وفق ما أعلنته الوزارة، citing officials."""
    tokens, text, end = s.tokens, s.text, s.end
    token = tokens[j]
    if ACCORDING.isdisjoint(token.forms()):
        return None
    if not token.is_latin and j + 1 < end and is_verb(tokens[j + 1]):
        return None  # حسب ما قال: the verb's rule reads it ("citing estimates by" is a source)
    if token.text == "cited" and not (j > s.first and tokens[j - 1].text in _WHO_WHICH):
        return None  # "he cited safety concerns": a reason, not a source; "which cited X" is
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
                    source, relays, _, _ = _subject_after(tokens, text, m + 1, end)
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
    while k < end and len(speaker) < (10 if token.is_latin else 8):
        gap = _gap(tokens, text, k)
        if speaker and (gap == "-" or any(mark in gap for mark in ',،:".')):
            break  # بحسب إدارة الكوارث (آفاد)، ونحو 6 آلاف ...: the name ends at the comma
        if tokens[k].is_number:
            break
        if not THAT.isdisjoint(tokens[k].forms()) or tokens[k].text in lexicon("فإن", "فان"):
            break
        speaker.append(k)
        k += 1
    relative = next((n for n, i in enumerate(speaker) if tokens[i].text in _RELATIVES), None)
    if relative is not None and relative + 2 < len(speaker):
        if relative and tokens[speaker[relative + 2]].text in _SEEN_BY:
            # وثائق المناقصة التي اطلعت عليها «الوطن»: those who saw or obtained the documents
            # are not their source; the documents are.
            speaker = speaker[:relative]
        else:
            speaker = speaker[relative + 2 :]  # المعطيات التي قدمها وزير الصحة → وزير الصحة
    if speaker and _a_rule(tokens[speaker[0]]):
        return k  # وفق القانون رقم 4، طبقا للفصل 96، according to the rules: no source
    if len(speaker) == 1 and _attribute_of(tokens[speaker[0]]):
        return k  # تتراوح بين 75 قرشا و1.5 جنيه وفقا لوزنه: "depending on its weight"
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
    # "according to a tally by the UN's International Organization for Migration"
    for k in range(j + 2, min(end, j + 14)):
        if speaker and _gap(tokens, s.text, k) not in ("", "-"):
            break  # "according to open-source maps": a hyphen joins, punctuation ends
        speaker.append(k)
    named = [i for i in speaker if tokens[i].text not in lexicon("the", "a", "an")]
    if named and tokens[named[-1]].text in _RULES_OF:
        return j + 2  # "according to the new schedule": in accordance with, no source
    # "..., according to hospital officials, as temperatures soared to 117 degrees": the source
    # holds what comes before it, not the clause that opens after it.
    closes_at = _clause_end(s, j + 1 + len(speaker))
    s.found.append(
        Attribution(named, position=j, trailing=True, according=True, closes_at=closes_at)
    )
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
    if tokens[j].is_latin:
        return _statement_carried_by(s, j)
    told = recipient(tokens, s.text, target.index, end)
    if told is None:
        return None
    s.found.append(Attribution([], [told[0]], position=j))
    return told[1]


_CARRIED = lexicon("relayed", "carried", "published", "posted", "broadcast", "aired", "read")
_CARRIED_BY = lexicon("by", "on")


def _statement_carried_by(s: _Sentence, j: int) -> int | None:
    """ "in a statement relayed by the SITE Intelligence Group", "in a statement read on state
    television RTB": the outlet that carried the statement relays it (to the verb just before,
    "JNIM claimed in a statement relayed by ...", or to the one after)."""
    tokens = s.tokens
    if not (j + 3 < s.end and tokens[j + 1].text in _CARRIED and tokens[j + 2].text in _CARRIED_BY):
        return None
    first = j + 3 + (tokens[j + 3].text == "the")
    if first >= s.end:
        return None
    name = _plain_run(tokens, s.text, first, s.end, 5)
    name = [i for i in name if tokens[i].text not in lexicon("that")]
    if not name:
        return None
    previous = s.found[-1] if s.found else None
    if previous is not None and j - previous.position <= 4:
        previous.relay.append(name)
    else:
        s.found.append(Attribution([], [name], position=j))
    return name[-1] + 1


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
    if not is_verb(token) and not _puts_a_figure(s, j) and not _shows_that(s, j):
        return None
    if token.is_latin and j > s.first and tokens[j - 1].text in lexicon("an", "the", "a"):
        return j + 1  # "an estimated $30 billion": an adjective, not a report
    if (
        j == s.first
        and not _NOTED.isdisjoint(token.forms())
        and j + 1 < s.end
        and not THAT.isdisjoint(tokens[j + 1].forms())
    ):
        return j + 1  # ويُذكر أن المترو افتتح عام 2019: the narrator's background, no one's report
    if token.text in _THAT_VERBS and not (j + 1 < s.end and tokens[j + 1].text == "that"):
        return j + 1  # "police found 12 bodies": what was found, not what was said
    if not _APPROVING.isdisjoint(token.forms()) and not any(
        _is_verbal_noun_object(tokens[k]) or not THAT.isdisjoint(tokens[k].forms())
        for k in range(j + 1, min(s.end, j + 8))
    ):
        return j + 1  # أقر المجلس صرف مساعدة: approved, not admitted (أقر بأن، أقر بوجود)
    if (
        not PRESENT_VERBS.isdisjoint(token.forms())
        and j + 1 < s.end
        and tokens[j + 1].text in _AT_FIGURE
    ):
        return j + 1  # تُقدّر بنحو 145 مليار برميل: "is estimated at", no one's estimate
    if j > s.first and tokens[j - 1].text in _RELATIVE_SUBJECTS:
        own, _, _, stop = _subject_after(tokens, text, j + 1, s.end)
        said = stop < s.end and not THAT.isdisjoint(tokens[stop].forms())
        if not (said and speaker_span(tokens, own)):  # التي قالت الرئاسة إنها: its own subject
            return _relative_subject(s, j)
    before = _subject_before(tokens, text, j, s.first)
    speaker, relays, clean, stop = _subject_after(tokens, text, j + 1, s.end)
    if not before and not token.is_latin and (not speaker or tokens[speaker[0]].text in _ADVERBIAL):
        front = _subject_first(tokens, text, j, s.first)
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
    yields_at = _clause_end(s, j, _YIELDING_OPENERS) if token.is_latin and before else -1
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
            # A counting verb covers what follows it (the wildfire recorded in ...: no source).
            trailing=token.is_latin and WEAK_VERBS.isdisjoint(token.forms()),
            anaphor_span=name if anaphor else [],
            closes_at=closes_at,
            yields_at=yields_at,
            subject_stop=-1 if before else stop,
            subject_from=_subject_start(s, before, j),
            contrast=_after_contrast(s, before[0] if before else j),
            weak=not WEAK_VERBS.isdisjoint(token.forms()),
        )
    )
    # A subject written before the verb is behind us: read on right after the verb (", X said,
    # citing ..." has a source of its own next).
    return j + 1 + (0 if before else len(speaker))


_SHOWED = lexicon("بين")


def _shows_that(s: _Sentence, j: int) -> bool:
    """وبيّن البيان أن ...: بيّن "made clear" is written like بين "between"; it is the verb only
    when it opens the sentence with a definite subject and a "that" soon after it."""
    tokens = s.tokens
    return (
        j == s.first
        and not _SHOWED.isdisjoint(tokens[j].forms())
        and j + 1 < s.end
        and tokens[j + 1].text.startswith("ال")
        and _that_ahead(tokens, j + 1, min(s.end, j + 8))
    )


_PUT = lexicon("put", "puts", "putting")
# Words that open a figure after "put ... at": at least 100, at between 200 and 300, at about.
_FIGURE_OPENERS = lexicon(
    "least", "between", "about", "around", "nearly", "roughly", "some", "more", "over", "up"
)


def _puts_a_figure(s: _Sentence, j: int) -> bool:
    """ "an official put the toll at 200", "puts the cost at": an estimate, reported."""
    if s.tokens[j].text not in _PUT:
        return False
    ahead = [s.tokens[k] for k in range(j + 1, min(s.end, j + 7))]
    at = next((n for n, t in enumerate(ahead) if t.text == "at"), None)
    if not at or at + 1 >= len(ahead):
        return False
    figure = ahead[at + 1]
    return figure.is_number or figure.text in _FIGURE_OPENERS


# في حين، بينما، فيما، whereas: a clause that sets a second source against the first.
_CONTRASTS = lexicon("بينما", "وبينما", "فيما", "وفيما", "حين", "while", "whereas")


def _after_contrast(s: _Sentence, j: int) -> bool:
    """Whether the words right before index j open a contrasting clause (في حين قدّر البنك)."""
    return any(
        s.tokens[k].text in _CONTRASTS and "," not in _gap(s.tokens, s.text, k + 1)
        for k in range(max(s.first, j - 3), j)
    )


def _subject_start(s: _Sentence, before: list[int], verb: int) -> int:
    """Where a subject written before the verb starts, asides included, or -1."""
    if not before:
        return -1
    return before[0] if s.tokens[verb].is_latin else -1


_RELATIVES = lexicon("التي", "الذي", "الذين", "اللتين", "اللذين")
# The resumptive pronoun of "seen by, obtained by" (اطلعت عليها، حصلت عليه): after the verb of a
# relative clause it says the clause's subject saw the document, not that it wrote it.
_SEEN_BY = lexicon("عليها", "عليه", "عليهما", "عليهم")
# What a thing varies "according to": its weight, size, kind (وفقا لوزنه، حسب نوعها).
_ATTRIBUTES = lexicon("وزن", "حجم", "نوع", "طول", "عمر", "مساحة", "قيمة", "سعر", "حالة", "موقع")


def _attribute_of(token: Token) -> bool:
    """لوزنه، حجمها، نوعهم: an attribute with a possessive ending, no source."""
    word = token.text[1:] if token.text.startswith("ل") else token.text
    return any(word.endswith(e) and word[: -len(e)] in _ATTRIBUTES for e in ("ه", "ها", "هم"))


# What one acts "according to" without it saying anything: laws, rules, agreements, plans.
_RULES_OF = lexicon(
    "القانون",
    "قانون",
    "القرار",
    "قرار",
    "الدستور",
    "الاتفاق",
    "اتفاق",
    "الاتفاقية",
    "اتفاقية",
    "المادة",
    # An article or clause of a code (طبقا للفصل 96 من المجلة الجزائية) or a decree.
    "الفصل",
    "فصل",
    "البند",
    "بند",
    "المرسوم",
    "مرسوم",
    "النظام",
    "الخطة",
    "خطة",
    "law",
    "rules",
    "plan",
    "agreement",
    "schedule",
)


# بـ before a figure: a present verb followed by it is passive (تُقدّر بنحو، يقدر بـ).
def _a_rule(token: Token) -> bool:
    """A law, article or plan (للقانون is ل + القانون: the article's ل is read back)."""
    word = token.text
    forms = (*token.forms(), "ال" + word[2:]) if word.startswith("لل") else token.forms()
    return not _RULES_OF.isdisjoint(forms)


_AT_FIGURE = lexicon("ب", "بنحو", "بحوالي", "بقرابة", "بأكثر", "بأقل", "بما", "بزهاء")
_RELATIVE_SUBJECTS = _RELATIVES | lexicon("والتي", "والذي", "والذين", "who", "which")
# Where an antecedent read backwards from a relative pronoun starts: after a preposition, a verb
# or the start of the clause (بالتواصل مع | وزارة التموين، والتي نفت).
_ANTECEDENT_STOPS = lexicon("مع", "من", "في", "على", "إلى", "عن", "ب", "with", "by", "from", "to")


def _relative_subject(s: _Sentence, j: int) -> int:
    """وزارة التموين، والتي نفت ...، مؤكدة أن: a verb after a relative pronoun has the noun
    before the pronoun as its subject. An English "economists who say ..." inside the subject of
    a later verb ("..., put inflation at 115%") reports nothing of its own."""
    tokens = s.tokens
    if tokens[j].is_latin and any(
        is_verb(tokens[k]) or _puts_a_figure(s, k) for k in range(j + 1, s.end)
    ):
        return j + 1
    antecedent: list[int] = []
    k = j - 2
    while k >= max(s.first, j - 8):
        token = tokens[k]
        if token.text in _ANTECEDENT_STOPS or is_verb(token) or token.is_number:
            break
        antecedent.insert(0, k)
        if _gap(tokens, s.text, k) not in ("", "-"):
            break  # a comma or a quote before it: the noun phrase starts here
        k -= 1
    antecedent = [i for i in antecedent if tokens[i].text not in lexicon("the", "a", "an")]
    if not antecedent or not any(tokens[i].is_word for i in antecedent):
        return j + 1
    s.found.append(Attribution(antecedent, [], position=j, trailing=tokens[j].is_latin))
    return j + 1


# أقر reports only with بـ (أقر بأن، أقر بوجود): with a noun it approves (أقر صرف مساعدة).
_APPROVING = lexicon("أقر", "أقرت", "أقرّ")
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


# غير أن، إلا أن، بيد أن: "however" before a subject written first.
_CONTRAST_HEADS = lexicon("غير", "إلا", "بيد")


def _subject_first(tokens: list[Token], text: str, verb: int, floor: int) -> list[int]:
    """A subject that opens the sentence before its verb (الوزير خالد منصور قال ...): up to six
    words, none a verb, a number or a preposition at its head."""
    span = list(range(floor, verb))
    if (
        len(span) > 2
        and tokens[span[1]].text in lexicon("أن", "ان")
        and (tokens[span[0]].text in _CONTRAST_HEADS)
    ):
        span = span[2:]  # غير أن الاتحاد قال في تقرير إن: the subject follows "however"
    elif span and tokens[span[0]].text in lexicon("لكن", "ولكن"):
        span = span[1:]
    comma = next((n for n, i in enumerate(span) if n and _comma_before(tokens, text, i)), None)
    aside = tokens[span[comma]].text if comma is not None else ""
    if aside in _ADVERBIAL or (aside[:1] == "و" and aside[1:] in _ADVERBIAL):
        # وزير النفط حسين الساعدي، وفي تصريح نقلته وكالة الأنباء، قال إن: the subject ends at
        # the comma; the aside says how it was said.
        span = span[:comma]
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
# "police said, while three others died ..., the consulate said": a contrasting clause that
# yields to a source named after its figures.
_YIELDING_OPENERS = lexicon("while", "whereas")


def _inverted(s: _Sentence, verb: int) -> bool:
    """'"...," said the mayor' or "..., said the mayor": an English verb before its subject."""
    if verb == s.first:
        return True
    gap = s.text[s.tokens[verb - 1].end : s.tokens[verb].start]
    return any(mark in gap for mark in ('"', ",", "”"))


def _clause_end(s: _Sentence, verb: int, openers: frozenset[str] = _CLAUSE_OPENERS) -> int:
    """ "..., the commission said on Sunday, as the last three lines prepare": where a new clause
    opens after an English "X said" (a comma, then as/when/after ...), or -1."""
    for k in range(verb + 1, s.end):
        token = s.tokens[k]
        if token.text in THAT or token.is_number:
            return -1
        if token.text in openers and "," in _gap(s.tokens, s.text, k):
            return k
    return -1


# Told, but not an outlet: people, assemblies and occasions ("told reporters", "told the court").
_NOT_OUTLETS = lexicon(
    "reporters",
    "journalists",
    "lawmakers",
    "parliament",
    "congress",
    "senators",
    "mps",
    "delegates",
    "investigators",
    "officials",
    "police",
    "residents",
    "people",
    "supporters",
    "students",
    "court",
    "tribunal",
    "committee",
    "council",
    "assembly",
    "conference",
    "summit",
    "meeting",
    "hearing",
    "crowd",
    "him",
    "her",
    "them",
    "us",
    "me",
    "it",
    "a",
    "an",
)
# Where the name of the outlet told ends: "told FRANCE 24 by telephone", "told The National it".
_TOLD_ENDS = lexicon(
    "by",
    "in",
    "on",
    "from",
    "at",
    "it",
    "he",
    "she",
    "they",
    "we",
    "there",
    # "told NPR his staff had treated ...": a possessive starts the clause said, not the name.
    "his",
    "her",
    "their",
    "its",
    "our",
    "a",
    "an",
    "i",
    "you",
)


def _told_outlet(s: _Sentence, j: int) -> list[list[int]]:
    """ "Rahman told AFP", "told The Associated Press that", "told FRANCE 24 by telephone",
    "told MEE that": the outlet told is a relay (people told, "told reporters", are not)."""
    name: list[int] = []
    for k in range(j + 1, min(s.end, j + 6)):
        token = s.tokens[k]
        word = token.text
        if word in THAT or word in _TOLD_ENDS or (name and _gap(s.tokens, s.text, k)):
            break
        if not (token.is_latin or token.is_number) or word in _NOT_OUTLETS:
            return []
        if word != "the":
            name.append(k)
    return [name] if name and s.tokens[name[0]].is_latin else []


_OBJECT_SUFFIXES = ("ها", "ه")
_DOCUMENT_WORDS = (
    STATEMENT_NOUNS
    | REPORT_NOUNS
    | lexicon("حصيلة", "الحصيلة", "أرقام", "بيانات", "إحصائية", "تقديرات")
)


# أعلنتها، أصدرته: reporting verbs with an object pronoun joined to them, as one set (the
# attribution loop asks about every word).
_SUFFIXED_VERBS = frozenset(v + e for v in _VERBS if not v.isascii() for e in _OBJECT_SUFFIXES)


def _suffixed_verb(token: Token) -> bool:
    """أعلنتها، أصدرته: a reporting verb with an object pronoun joined to it."""
    return token.text in _SUFFIXED_VERBS


def _document_verb_rule(s: _Sentence, j: int) -> int | None:
    """وفي حصيلة رسمية أعلنتها وزارة الصحة، بلغ عدد ...: a document "that X announced" opening
    the sentence gives X as the source of what the sentence goes on to say."""
    tokens = s.tokens
    if not _suffixed_verb(tokens[j]):
        return None
    if not any(
        not _DOCUMENT_WORDS.isdisjoint(tokens[k].forms()) for k in range(max(s.first, j - 3), j)
    ):
        return None
    speaker, relays, clean, _ = _subject_after(tokens, s.text, j + 1, s.end)
    if not clean or not speaker:
        return j + 1
    if tokens[j].text.startswith(_RELAYED):
        # في تصريح نقلته وكالة الأنباء العراقية، قال الوزير: the agency carried the statement,
        # it relays the one who made it.
        s.found.append(Attribution([], [speaker, *relays], position=j))
    else:
        s.found.append(Attribution(speaker, relays, position=j))
    return j + 1 + len(speaker)


# In order: the first rule that applies to a trigger word wins.
_INDEX_NOUNS = REPORT_NOUNS | lexicon(
    "مؤشر", "تصنيف", "ترتيب", "بيانات", "إحصاءات", "index", "ranking", "rankings", "data", "survey"
)


def _issued_by_rule(s: _Sentence, j: int) -> int | None:
    """وتحتل تونس المرتبة 87 في مؤشر مدركات الفساد الصادر عن منظمة الشفافية الدولية: a figure
    placed in a report, an index or a ranking "issued by" a body is that body's, when nothing
    else in its clause attributes it (a trailing source, like "according to")."""
    tokens, end = s.tokens, s.end
    if (
        tokens[j].text not in _ISSUED
        or j + 2 >= end
        or tokens[j + 1].text not in SOURCE_OF
        or not any(
            not _INDEX_NOUNS.isdisjoint(tokens[k].forms()) for k in range(max(s.first, j - 6), j)
        )
    ):
        return None
    quoted = any(q in _gap(tokens, s.text, j + 2) for q in _OPENING_QUOTES)
    owner = _quoted_run(tokens, s.text, j + 2, end) if quoted else []
    owner = owner or _plain_run(tokens, s.text, j + 2, end, 6)
    owner = [i for i in owner if tokens[i].is_word]
    if not owner:
        return None
    s.found.append(Attribution(owner, position=j, trailing=True, according=True))
    return owner[-1] + 1


RULES: tuple[Rule, ...] = (
    _issued_by_rule,
    _document_verb_rule,
    _relay_verb_rule,
    _according_rule,
    _english_according_rule,
    _statement_to_outlet_rule,
    _continuing_rule,
    _reporting_verb_rule,
)


@functools.lru_cache(maxsize=65536)
def _triggers(word: str) -> bool:
    """Whether a word may start an attribution (asked of every word, so cached per word)."""
    forms = {word, word[1:]} if len(word) > 3 and word[0] in PROCLITICS else {word}
    return not _TRIGGERS.isdisjoint(forms) or word in _SUFFIXED_VERBS


def attributions(tokens: list[Token], text: str, first: int, end: int) -> list[Attribution]:
    """The attributions of one sentence (tokens [first, end)), in order: at each trigger word
    the first of `RULES` that applies records what it found and says where to read on."""
    sentence = _Sentence(tokens, text, first, end)
    if first == 0:
        _headline_speaker(sentence)
    j = first
    while j < end:
        if not _triggers(tokens[j].text):
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
