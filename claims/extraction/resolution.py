"""Resolving a figure's speaker from its sentence's attributions and the article so far: the
attribution that holds the figure, continuing and new speakers, documents that speak for their
owner, and a short mention resolved to the full name given earlier."""

from __future__ import annotations

from dataclasses import dataclass

from claims.extraction.roles import ROLE_HEADS, TITLES, split_role
from claims.extraction.speakers import Attribution, is_verb
from claims.extraction.tokens import Token, lexicon


@dataclass
class Resolved:
    speaker: list[int]
    relay: list[list[int]]
    # How the speaker was found, for confidence: verb, according, trailing, inherited, new-noun,
    # coreference, document (each with "+far" when the attribution is far from the figure).
    basis: str = "verb"


_PRONOUNS = lexicon("he", "she", "they")


def _antecedent(anaphor: str, history: list[Resolved], tokens: list[Token]) -> Resolved | None:
    """The latest earlier speaker that the anaphor names (المتحدث → المتحدث باسم الأونروا);
    for a pronoun, simply the latest speaker. A noun that names no earlier speaker (وقال البيان
    after a minister) is a new speaker: None."""
    if not history:
        return None
    noun = anaphor[2:] if anaphor.startswith("ال") else anaphor
    for earlier in reversed(history):
        if noun and any(noun in tokens[i].text for i in earlier.speaker):
            return earlier
    return history[-1] if not anaphor or anaphor in _PRONOUNS else None


def _earlier_full_name(span: list[int], history: list[Resolved], tokens: list[Token]) -> list[int]:
    """A one-word speaker named in full before: قنونو → المتحدث ... محمد قنونو, العقيد → العقيد
    ماهر الزين (an earlier speaker holding the word), else عملية بركان الغضب for العملية (an
    earlier mention of the noun without its article, with the words that name it)."""
    if len(span) != 1:
        return span
    word = tokens[span[0]].text
    if word.startswith("لل"):
        word = "ال" + word[2:]  # تقديرات للهيئة → الهيئة
    for earlier in reversed(history):
        if len(earlier.speaker) > 1 and any(tokens[i].text == word for i in earlier.speaker):
            role, name = split_role(tokens, earlier.speaker)
            if not role:
                return earlier.speaker
            if word in (tokens[i].text for i in name):
                return name if len(name) <= 2 else name[-2:]  # قنونو → محمد قنونو
            if word in TITLES or word in ROLE_HEADS:
                return earlier.speaker  # العقيد → the person who held that title
            # المنظمة in "ممثل المنظمة": the body, not its representative; look further.
    if not word.startswith("ال") or len(word) < 5 or word[2:] in DOCUMENT_NOUNS:
        return span  # البيان stays the statement: a document's earlier mention names no one
    noun = word[2:]
    for earlier in history:  # منظمة الصحة العالمية spoke first: المنظمة is the article's body
        at = next((n for n, i in enumerate(earlier.speaker) if noun in tokens[i].forms()), None)
        if at is not None and 1 < len(earlier.speaker) - at <= 4:
            return earlier.speaker[at:]
    for k in range(span[0] - 1, max(-1, span[0] - 400), -1):
        if noun not in tokens[k].forms() and tokens[k].text not in ("ل" + noun, "ب" + noun):
            continue
        name = [k]
        for m in range(k + 1, min(len(tokens), k + 4)):
            gap = tokens[m - 1].end < tokens[m].start - 1
            if gap or not tokens[m].is_word or tokens[m].text in _NAME_ENDS or is_verb(tokens[m]):
                break
            name.append(m)
        return name if len(name) > 1 else span
    return span


_NAME_ENDS = lexicon(
    "في", "من", "على", "إلى", "عن", "أن", "إن", "التي", "الذي", "قبل", "بعد", "منذ", "عقب", "خلال"
)


# What a body publishes: its statement, report, figures (بيان، تقرير، بيانات، الحصيلة الرسمية).
DOCUMENT_NOUNS = lexicon(
    "بيان",
    "تقرير",
    "تقديرات",
    "بيانات",
    "أرقام",
    "إحصاءات",
    "إحصائيات",
    "معطيات",
    "الحصيلة",
    "حصيلة",
    "بلاغ",
    "دراسة",
    "مسح",
    "figures",
    "data",
    "report",
    "statement",
    "estimates",
)
_OWNER_WORDS = lexicon("by", "from", "of")


def _document_owner(span: list[int], history: list[Resolved], tokens: list[Token]) -> list[int]:
    """Who speaks through a document: تقرير لوزارة الاقتصاد → وزارة الاقتصاد، بيانات دائرة
    الإحصاءات → دائرة الإحصاءات، figures released by the commission → commission; a document
    with no owner in the span (بيان صحافي عقب الاجتماع) is the latest speaker's."""
    if not span or DOCUMENT_NOUNS.isdisjoint(tokens[span[0]].forms()):
        return span
    rest = span[1:]
    while rest and _document_adjective(tokens, rest):
        rest = rest[1:]  # الحصيلة الرسمية، تقديرات سريعة، بيان صحافي
    owner = next(
        (n for n, i in enumerate(rest) if tokens[i].text in _OWNER_WORDS),
        None,
    )
    if owner is not None and owner + 1 < len(rest):
        return rest[owner + 1 :]  # figures released by the commission
    if (
        rest
        and tokens[rest[0]].text not in _NAME_ENDS
        and (tokens[rest[0]].text.startswith("ل") or _is_body_name(tokens, rest))
    ):
        return rest
    return history[-1].speaker if history else span


def _document_adjective(tokens: list[Token], rest: list[int]) -> bool:
    """الرسمية، سريعة، صحافي: an adjective of the document, not the start of its owner's name
    (هيئة الإحصاء is a name: a noun with a definite complement)."""
    word = tokens[rest[0]].text
    if word in lexicon("الرسمية", "الرسمي", "سريعة", "أولية", "official", "released", "new"):
        return True
    following = tokens[rest[1]].text if len(rest) > 1 else ""
    nisba = word.endswith(("يه", "ي")) and not word.startswith("ل")
    return nisba and not following.startswith("ال")


def _is_body_name(tokens: list[Token], rest: list[int]) -> bool:
    """دائرة الإحصاءات العامة: an indefinite noun with a definite complement, a body's name."""
    return (
        len(rest) >= 2
        and not tokens[rest[0]].text.startswith("ال")
        and tokens[rest[1]].text.startswith("ال")
    )


def resolve(
    found: list[Attribution], mention: int, history: list[Resolved], tokens: list[Token]
) -> Resolved | None:
    """The speaker and relays for a number at token `mention`, from its sentence's attributions.

    The first attribution before the number wins (the outer speaker of a nested report), except
    that an outlet quoting someone (أوردت الأناضول نقلا عن المركز الإعلامي) yields to the
    person it quotes and becomes a relay, and that an "according to" right after the number in
    its own clause (... 40 قتيلا وفق معطيات وزارة الصحة) holds it. With none before, one after
    the number counts ("..., according to officials"). A subjectless verb continues the previous
    speaker; a one-word speaker is the full name given earlier.
    """
    holder = [
        a
        for a in found
        if a.according
        and 0 < a.position - mention <= 8
        and a.speaker
        and not any(mention < b.position < a.position for b in found if b is not a)
    ]
    before = holder[:1] or [
        a for a in found if a.position < mention and not 0 <= a.closes_at <= mention
    ]
    basis = "according" if holder else "verb"
    if not before:
        # "..., according to officials" / "..., the ministry said": only those reach back.
        before = [a for a in found if a.position > mention and a.trailing][:1]
        basis = "trailing"
    if not before:
        return None
    relays: list[list[int]] = []
    speaker: list[int] = []
    used: Attribution | None = None
    for attribution in before:
        relays += [r for r in attribution.relay if r]
        if attribution.inherited and not attribution.speaker:
            last = _antecedent(attribution.anaphor, history, tokens)
            if not speaker and last is not None:
                speaker, used, basis = last.speaker, attribution, "inherited"
                relays = [*last.relay, *relays]
            elif not speaker and attribution.anaphor_span and attribution.anaphor not in _PRONOUNS:
                speaker, used, basis = attribution.anaphor_span, attribution, "new-noun"
            continue
        if not attribution.speaker:
            continue
        if not speaker:
            speaker, used = attribution.speaker, attribution
            if attribution.according and basis == "verb":
                basis = "according"
            if attribution.outlet_speaker:
                continue  # a later source quoted by this outlet may still be the speaker
            break
        if speaker and _is_outlet_span(before, speaker):
            relays.insert(0, speaker)
            speaker, used = attribution.speaker, attribution
            break
    if not speaker:
        return Resolved([], relays, "relay-only") if relays else None
    owned = _document_owner(speaker, history, tokens)
    full = _earlier_full_name(owned, history, tokens)
    if owned != speaker:
        basis = "document"
    elif full != owned:
        basis = "coreference"
    if used is not None and abs(used.position - mention) > 15:
        basis += "+far"
    return Resolved(full, [r for r in relays if r != full], basis)


def _is_outlet_span(found: list[Attribution], span: list[int]) -> bool:
    return any(a.speaker == span and a.outlet_speaker for a in found)
