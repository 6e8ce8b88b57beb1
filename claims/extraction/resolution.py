"""Resolving a figure's speaker from its sentence's attributions and the article so far: the
attribution that holds the figure, continuing and new speakers, documents that speak for their
owner, and a short mention resolved to the full name given earlier."""

from __future__ import annotations

from dataclasses import dataclass

from claims.extraction.roles import ROLE_HEADS, TITLES, split_role
from claims.extraction.spans import speaker_span
from claims.extraction.speakers import Attribution, is_verb
from claims.extraction.tokens import Token, lexicon
from claims.extraction.units import looks_like_verb as _looks_like_verb


@dataclass
class Resolved:
    speaker: list[int]
    relay: list[list[int]]
    # How the speaker was found, for confidence: verb, according, trailing, inherited, new-noun,
    # coreference, document (each with "+far" when the attribution is far from the figure).
    basis: str = "verb"
    # For confidence too: words between the attribution and the figure, the sentence it was
    # found in, how many sentences back an inherited or named-again speaker was, and whether
    # the span had to be cut to look like a speaker.
    distance: int = 0
    sentence: int = 0
    back: int = 0
    cut: bool = False


_PRONOUNS = lexicon("he", "she", "they", "it")
_CITING = lexicon("citing", "cited")


_PERSONAL = lexicon("he", "she")
# Heads of English names of bodies, documents and groups of people: never "he" or "she".
_NOT_A_PERSON = lexicon(
    "group",
    "ministry",
    "agency",
    "company",
    "association",
    "chamber",
    "organisation",
    "organization",
    "union",
    "council",
    "department",
    "bank",
    "authority",
    "authorities",
    "institute",
    "commission",
    "office",
    "service",
    "police",
    "army",
    "government",
    "committee",
    "federation",
    "club",
    "firm",
    "corporation",
    "society",
    "foundation",
    "network",
    "report",
    "study",
    "survey",
    "statement",
    "data",
    "figures",
    "centre",
    "center",
    "court",
    "party",
    "airline",
    "trust",
    "fund",
    "board",
    "nations",
    "officials",
    "sources",
    "people",
    "experts",
    "analysts",
    "residents",
    "witnesses",
    "agents",
    "exporters",
    "scientists",
    "researchers",
)


_HEAD_ENDS = lexicon("of", "for", "at", "from")


def _a_person(span: list[int], tokens: list[Token]) -> bool:
    """Whether an English speaker may be "he" or "she": no word of a body's or a group's name
    (an Arabic name is not judged: its verb's gender, not a pronoun, refers back to it)."""
    if not span or not all(tokens[i].is_latin for i in span):
        return bool(span)
    # An English noun phrase's head is its last word before "of/for" (the World Weather
    # Attribution group; a spokesman for the commission; Commission spokeswoman Anna Keller).
    head = next((n for n, i in enumerate(span) if n and tokens[i].text in _HEAD_ENDS), None)
    last = span[(head if head is not None else len(span)) - 1]
    return tokens[last].text not in _NOT_A_PERSON


def _antecedent(anaphor: str, history: list[Resolved], tokens: list[Token]) -> Resolved | None:
    """The latest earlier speaker that the anaphor names (المتحدث → المتحدث باسم الأونروا);
    for a pronoun, simply the latest speaker. A noun that names no earlier speaker (وقال البيان
    after a minister) is a new speaker: None."""
    if not history:
        return None
    if anaphor in _PERSONAL:
        # "he said" after a group or a ministry spoke: "he" is a person, the latest one.
        return next((e for e in reversed(history) if _a_person(e.speaker, tokens)), None)
    if not anaphor or anaphor in _PRONOUNS:
        return history[-1]  # "he" is no part of "health": a pronoun is the latest speaker
    noun = anaphor[2:] if anaphor.startswith("ال") else anaphor
    for earlier in reversed(history):
        if noun and any(noun in tokens[i].text for i in earlier.speaker):
            return earlier
    return None


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
    "estimate",
    "tally",
    "count",
    "analysis",
    "survey",
    "study",
    "census",
    "assessment",
)
_OWNER_WORDS = lexicon("by", "from", "of")
# Endings of a document's possessor (تقديراته، تقريرها، بياناتهم): "his estimates" are the
# estimates of the speaker already named in the sentence, not a speaker of their own.
_POSSESSIVE = ("ه", "ها", "هم", "هما")
# What a document is said to be rather than whose it is: تقرير جديد، بيانات أولية، الحصيلة
# الرسمية، "a new report" (nisba adjectives are recognised by their ending).
_DOCUMENT_ADJECTIVES = lexicon(
    "الرسمية",
    "الرسمي",
    "سريعة",
    "أولية",
    "أولي",
    "جديد",
    "جديدة",
    "حديث",
    "حديثة",
    "أحدث",
    "سابق",
    "سابقة",
    "أخير",
    "أخيرة",
    "مشترك",
    "مشتركة",
    "نهائية",
    "مفصل",
    "صادر",
    "صادرة",
    "official",
    "released",
    "new",
    "latest",
    "recent",
    "preliminary",
)


def possessed_document(tokens: list[Token], span: list[int]) -> bool:
    """بحسب تقديراته، في تقريرها: a document of someone named before, by its possessive ending."""
    if len(span) != 1:
        return False
    word = tokens[span[0]].text
    for ending in _POSSESSIVE:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 3 and stem in DOCUMENT_NOUNS:
            return True
        if word.endswith("ات" + ending) and stem in DOCUMENT_NOUNS:
            return True
    return False


def _document_owner(
    span: list[int], history: list[Resolved], tokens: list[Token], *, according: bool = False
) -> list[int]:
    """Who speaks through a document: تقرير لوزارة الاقتصاد → وزارة الاقتصاد، بيانات دائرة
    الإحصاءات → دائرة الإحصاءات، أرقام المنتدى التونسي → المنتدى التونسي، بيانات آفاد → آفاد،
    figures released by the commission → commission. A document with no owner in the span is
    itself the source when the figure is "according to" it (وفق الحصيلة الرسمية، بحسب تقديرات
    أممية: the toll and the estimates are what the text names), and the latest speaker's when
    a verb reports it (بيان صحافي عقب الاجتماع)."""
    if not span or DOCUMENT_NOUNS.isdisjoint(tokens[span[0]].forms()):
        return span
    head = tokens[span[0]].text
    rest = span[1:]
    while rest and _document_adjective(tokens, rest, definite=head.startswith("ال")):
        rest = rest[1:]  # الحصيلة الرسمية، تقديرات سريعة، بيان صحافي
    if rest and tokens[rest[0]].text in lexicon("عن") and head.startswith("ال") is False:
        rest = rest[1:]  # تقرير صادر عن المنظمة
    owner = next(
        (n for n, i in enumerate(rest) if tokens[i].text in _OWNER_WORDS),
        None,
    )
    if owner is not None and owner + 1 < len(rest):
        by = rest[owner + 1 :]  # figures released by the commission
        return by[1:] if len(by) > 1 and tokens[by[0]].text in lexicon("the", "a", "an") else by
    if rest and tokens[rest[0]].text not in _NAME_ENDS:
        first = tokens[rest[0]].text
        if first.startswith("ل") or _is_body_name(tokens, rest):
            return rest
        if not head.startswith("ال") and not first.startswith("و") and not _looks_like_verb(first):
            # أرقام المنتدى التونسي، بيانات آفاد: a construct, its second term is the owner.
            return rest
    if according and len(span) > 1:
        return span  # وفق الحصيلة الرسمية: the document itself is the source
    return history[-1].speaker if history else span


def _document_adjective(tokens: list[Token], rest: list[int], *, definite: bool) -> bool:
    """الرسمية، سريعة، صحافي: an adjective of the document, not the start of its owner's name
    (هيئة الإحصاء is a name: a noun with a definite complement). An adjective agrees with its
    noun: after an indefinite document a definite word is its owner (بيانات المفوضية)."""
    word = tokens[rest[0]].text
    if word.startswith("ال") != definite and not word.isascii():
        return False
    if word in _DOCUMENT_ADJECTIVES:
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
    found: list[Attribution],
    mention: int,
    history: list[Resolved],
    tokens: list[Token],
    sentence: int = 0,
    memo: dict[tuple[object, ...], tuple[list[int], list[int]]] | None = None,
) -> Resolved | None:
    """The speaker and relays for a number at token `mention`, from its sentence's attributions.

    The first attribution before the number wins (the outer speaker of a nested report), except
    that an outlet quoting someone (أوردت الأناضول نقلا عن المركز الإعلامي) yields to the
    person it quotes and becomes a relay, and that an "according to" right after the number in
    its own clause (... 40 قتيلا وفق معطيات وزارة الصحة) holds it. With none before, one after
    the number counts ("..., according to officials"). A subjectless verb continues the previous
    speaker; a one-word speaker is the full name given earlier.
    """
    if not found:
        return None  # most sentences of an article attribute nothing
    holder = [
        a
        for a in found
        if a.according
        and 0 < a.position - mention <= 8
        and a.speaker
        and not any(mention < b.position < a.position for b in found if b is not a)
        and not possessed_document(tokens, a.speaker)  # بحسب تقديراته: the speaker's own
    ]
    before = holder[:1] or [
        a
        for a in found
        if a.position < mention
        and not 0 <= a.closes_at <= mention
        and not a.position < mention < a.subject_stop
    ]
    if any(a.yields_at >= 0 or a.weak for a in before) and any(
        a.position > mention and a.trailing and a.speaker for a in found
    ):
        if not holder:
            # "A man died, police said, while three others died ..., the consulate said."
            before = [a for a in before if not 0 <= a.yields_at <= mention]
        if before and all(a.weak for a in before):
            before = []  # "OCHA recorded 1,250 attacks ..., the ministry said": closing source
    contrasted = (
        [n for n, a in enumerate(before) if a.contrast and a.speaker]
        if any(a.contrast for a in before)
        else []
    )
    if contrasted and not holder:
        # ... قدّرت الحكومة الكلفة بنحو 104 مليارات، في حين قدّر البنك الدولي الأضرار بـ34.2
        # مليار: the second source holds the figures of its own clause.
        before = before[contrasted[-1] :]
    basis = "according" if holder else "verb"
    if not before:
        # "..., according to officials" / "..., the ministry said": only those reach back.
        before = [
            a
            for a in found
            if a.position > mention
            and a.trailing
            and not 0 <= a.subject_from <= mention
            # "..., told AFP that ..., while an official put the toll at": the official's verb
            # does not reach back over the other report to the figure before it.
            and not any(mention < b.position < a.position and not b.weak for b in found)
        ][:1]
        basis = "trailing"
    if not before:
        return None
    relays: list[list[int]] = []
    if len(before) == 1 and before[0].speaker:
        # "..., Bloomberg reported last week, citing estimates by the chamber", "according to
        # Business Day, which cited Lindiwe Dube": the one cited speaks, the reporter relays.
        reporter = before[0]
        cited = next(
            (
                b
                for b in found
                if reporter.position < b.position <= reporter.position + 12
                and tokens[b.position].text in _CITING
                and b.speaker
            ),
            None,
        )
        if cited is not None:
            before, relays = [cited], [reporter.speaker]
    speaker: list[int] = []
    used: Attribution | None = None
    refused = False  # a span found where a speaker should be could name no one
    cut = False
    back = 0
    for attribution in before:
        relays += [r for r in attribution.relay if r]
        if attribution.inherited and not attribution.speaker:
            if refused and not speaker:
                continue  # مشيرا after a subject that named no one continues no one
            last = _antecedent(attribution.anaphor, history, tokens)
            if not speaker and last is not None:
                speaker, used, basis = last.speaker, attribution, "inherited"
                relays = [*last.relay, *relays]
                back = sentence - last.sentence
            elif not speaker and attribution.anaphor_span and attribution.anaphor not in _PRONOUNS:
                speaker, used, basis = attribution.anaphor_span, attribution, "new-noun"
            elif not speaker and attribution.anaphor in _PERSONAL:
                refused = True  # "he said" with no person before: someone, but not named
            continue
        if not attribution.speaker:
            continue
        if attribution.shaped is None:  # every figure of the sentence asks again
            attribution.shaped = speaker_span(tokens, attribution.speaker)
        named = attribution.shaped
        if not named:
            refused = True
            continue
        cut = cut or named != attribution.speaker
        if not speaker:
            speaker, used = named, attribution
            if attribution.according and basis == "verb":
                basis = "according"
            if attribution.outlet_speaker:
                continue  # a later source quoted by this outlet may still be the speaker
            break
        if speaker and _is_outlet_span(before, used.speaker if used else speaker):
            relays.insert(0, speaker)
            speaker, used = named, attribution
            break
    distance = abs(used.position - mention) if used is not None else 0
    if not speaker:
        if refused:
            return Resolved([], relays, "unsure", distance, sentence)
        return Resolved([], relays, "relay-only", distance, sentence) if relays else None
    according = used is not None and used.according
    key = (tuple(speaker), len(history), according)
    if memo is not None and key in memo:
        owned, full = memo[key]  # the same span for another figure of the same speaker
    else:
        owned, full = _named_in_full(speaker, history, tokens, according=according)
        if memo is not None:
            memo[key] = owned, full
    if not full:
        return Resolved([], relays, "unsure", distance, sentence)
    if owned != speaker:
        basis = "document"
    elif full != owned:
        basis = "coreference"
    if used is not None and tokens[used.position].text in _CITING:
        # "The Prisoners' Society, citing figures from the Prison Service, said ...": the one
        # whose subject holds the citing aside relays the source it cites.
        citer = next(
            (a for a in found if 0 <= a.subject_from < used.position < a.position and a.speaker),
            None,
        )
        if citer is not None:
            relays.append(citer.speaker)
    if not relays and history and basis in ("coreference", "new-noun"):
        # وأضاف الطرابلسي، The spokesperson said, وأضاف البيان: the speaker of the sentence just
        # before, going on in the same interview or statement, through the same outlets.
        last = history[-1]
        back = sentence - last.sentence
        same = (
            set(full) <= set(last.speaker) if basis == "coreference" else _is_document(full, tokens)
        )
        if same:
            relays = list(last.relay)
    if used is not None and abs(used.position - mention) > 15:
        basis += "+far"
    relays = [r for r in relays if r != full]
    return Resolved(full, relays, basis, distance, sentence, back, cut)


def _named_in_full(
    speaker: list[int], history: list[Resolved], tokens: list[Token], *, according: bool
) -> tuple[list[int], list[int]]:
    """The speaker's span after a document gives way to its owner, and then as named in full
    (a short mention to the full name given earlier), cut to what can name someone."""
    if possessed_document(tokens, speaker):
        # "..., according to his estimates" with no one named before it in the sentence.
        owned = history[-1].speaker if history else []
    else:
        owned = _document_owner(speaker, history, tokens, according=according)
    return owned, speaker_span(tokens, _earlier_full_name(owned, history, tokens))


def _is_document(span: list[int], tokens: list[Token]) -> bool:
    """البيان، التقرير, the statement: one word naming a document."""
    if len(span) != 1:
        return False
    word = tokens[span[0]].text
    return word in DOCUMENT_NOUNS or word.removeprefix("ال") in DOCUMENT_NOUNS


def _is_outlet_span(found: list[Attribution], span: list[int]) -> bool:
    return any(a.speaker == span and a.outlet_speaker for a in found)
