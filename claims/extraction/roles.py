"""A speaker's title or office and name: العقيد محمد قنونو is محمد قنونو, a colonel; وزير الصحة
خالد منصور is خالد منصور, health minister (the role is kept as the speaker's role)."""

from __future__ import annotations

from claims.extraction.tokens import Token, lexicon

# Titles written before a name: العقيد محمد قنونو، Dr. Ahmed Saleh. The name follows the last one.
TITLES = lexicon(
    "العميد",
    "العقيد",
    "اللواء",
    "الفريق",
    "المشير",
    "الرائد",
    "النقيب",
    "الملازم",
    "المقدم",
    "الدكتور",
    "الدكتورة",
    "د",
    "الشيخ",
    "السيد",
    "السيدة",
    "المهندس",
    "الأستاذ",
    "القاضي",
    "الحاج",
    "dr",
    "doctor",
    "gen",
    "general",
    "col",
    "colonel",
    "maj",
    "major",
    "capt",
    "captain",
    "lt",
    "lieutenant",
    "sheikh",
    "mr",
    "mrs",
    "ms",
    "prof",
    "professor",
    "judge",
    "minister",
    "mayor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "governor",
    "president",
    "director",
    "chairman",
    "chairwoman",
    "ambassador",
    "envoy",
    "commander",
    "secretary",
    "chief",
    "commissioner",
    "coordinator",
)
# Offices named by a noun and its complement: وزير الصحة، رئيس الهيئة، المتحدث باسم الجيش.
ROLE_HEADS = lexicon(
    "وزير",
    "وزيرة",
    "رئيس",
    "رئيسة",
    "مدير",
    "مديرة",
    "محافظ",
    "المتحدث",
    "المتحدثة",
    "الناطق",
    "الناطقة",
    "متحدث",
    "ناطق",
    "قائد",
    "عمدة",
    "عميد",
    "سفير",
    "مندوب",
    "ممثل",
    "أمين",
    "نائب",
    "مستشار",
    "منسق",
    "مفوض",
    "الرئيس",
    "الوزير",
    "المحافظ",
    "المدير",
    "القائد",
)
_NAME_BLOCKERS = lexicon("of", "for", "at", "in", "the", "في", "من", "عن", "إلى", "على")
_MAX_NAME = 3


# Generic nouns that open a body's name, never a person's: a chain ending on them is no name.
_BODY_NOUNS = lexicon(
    "جماعة",
    "حركة",
    "حكومة",
    "وزارة",
    "منظمة",
    "مدينة",
    "ولاية",
    "محافظة",
    "منطقة",
    "هيئة",
    "مجلس",
    "قوات",
    "بلدية",
    "بني",
)


def _is_definite(token: Token) -> bool:
    return token.text.startswith(("ال", "لل", "بال"))  # بالولاية: "in the state", definite


def _chain_end(tokens: list[Token], span: list[int], n: int) -> tuple[int, bool]:
    """Where an office's complement ends (وزير [الصحة]، رئيس [مجلس مفوضي الهيئة]، وزير
    [الداخلية في حكومة الوفاق]) and whether it reached a definite word: indefinite words go on
    (up to three) until a definite one, definite words follow, في/لدى open a further chain."""
    definite = False
    indefinite = 0
    while n < len(span):
        token = tokens[span[n]]
        if token.text in lexicon("في", "لدى") and n + 1 < len(span):
            n, definite = n + 1, False
            indefinite = 0
            continue
        if _is_definite(token):
            definite = True
        elif definite or indefinite >= 3:
            break
        else:
            indefinite += 1
        n += 1
    return n, definite


def split_role(tokens: list[Token], span: list[int]) -> tuple[list[int], list[int]]:
    """(role, name) of a speaker span: the name that follows a title or an office, and the title or
    office as the speaker's role (العقيد محمد قنونو → العقيد | محمد قنونو; وزير الصحة خالد منصور
    → وزير الصحة | خالد منصور), or that comes before its office (ناصر عمار قائد القوات → ناصر
    عمار | قائد القوات). Without a clear name the whole span is the name, as a place in the
    office's complement (رئيس بلدية بني وليد) cannot be told from a name."""
    if len(span) < 2:
        return [], span
    last_title = max(
        (n for n, i in enumerate(span[:-1]) if not TITLES.isdisjoint(tokens[i].forms())),
        default=-1,
    )
    if last_title >= 0:
        name = span[last_title + 1 :]
        if len(name) <= _MAX_NAME + 1 and tokens[name[0]].text not in _NAME_BLOCKERS:
            return span[: last_title + 1], name
        return [], span
    office = next(
        (n for n, i in enumerate(span) if not ROLE_HEADS.isdisjoint(tokens[i].forms())), None
    )
    if office is None:
        return [], span
    if 1 <= office <= _MAX_NAME:
        name = span[:office]  # ناصر عمار قائد القوات: the name, then its office
        if not any(_is_definite(tokens[i]) or tokens[i].text in _BODY_NOUNS for i in name):
            return span[office:], name
        return [], span
    if office:
        return [], span
    n = 1
    head, following = tokens[span[0]], tokens[span[1]]
    if _is_definite(head) and following.text not in lexicon("باسم") and not _is_definite(following):
        # الوزير خالد منصور، الرئيس عبد الفتاح السيسي: the office alone, then the name.
        name = span[1:]
        return (span[:1], name) if len(name) <= _MAX_NAME else ([], span)
    if following.text in lexicon("باسم"):
        n += 1
    n, definite = _chain_end(tokens, span, n)
    name = span[n:]
    if (
        definite
        and 1 <= len(name) <= _MAX_NAME
        and tokens[name[0]].is_word
        and not _is_definite(tokens[name[0]])
        and tokens[name[0]].text not in _BODY_NOUNS
    ):
        return span[:n], name
    return [], span
