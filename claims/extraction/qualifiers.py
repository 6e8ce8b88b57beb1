"""Qualifiers: the hedges around a number (نحو، أكثر من، على الأقل، ما بين ... و ...; about, over).

Each cue is a sequence of normalized words matched right before the number (or right after its
noun phrase for على الأقل / at least / تقريبا), so "بنحو 1600" and "more than 1,400" both read.
"""

from __future__ import annotations

from articles.normalization import normalize
from claims.extraction.tokens import PROCLITICS, Token, lexicon


def _cues(*phrases: str) -> list[tuple[str, ...]]:
    # Longest phrases first so that "ما لا يقل عن" wins over "يقل عن".
    cues = {tuple(normalize(p).casefold().split()) for p in phrases}
    return sorted(cues, key=len, reverse=True)


BEFORE: dict[str, list[tuple[str, ...]]] = {
    "at_least": _cues(
        "ما لا يقل عن",
        "لا يقل عن",
        "ما لا يقل على",
        "على الأقل",
        "at least",
        "no fewer than",
        "no less than",
        "a minimum of",
        "not less than",
    ),
    "at_most": _cues(
        "لم تتجاوز",
        "لم يتجاوز",
        "لا تتجاوز",
        "ما لم يتجاوز",
        "ما لا يزيد على",
        "ما لا يزيد عن",
        "لا يزيد على",
        "لا يزيد عن",
        "لا يتجاوز",
        "لن تتجاوز",
        "لن يتجاوز",
        "as much as",
        "ما لا يتجاوز",
        "ما يصل إلى",
        "يصل إلى",
        "تصل إلى",
        "قد يصل إلى",
        "يصل عددهم إلى",
        "حتى",
        "up to",
        "at most",
        "no more than",
        "a maximum of",
        "as many as",
        "not more than",
    ),
    "more_than": _cues(
        "أكثر من",
        "ما يزيد على",
        "ما يزيد عن",
        "يزيد على",
        "يزيد عن",
        "ما يربو على",
        "يربو على",
        "ما يربو عن",
        "أزيد من",
        "ما يفوق",
        "يفوق",
        "ما يتجاوز",
        "يتجاوز",
        "تتجاوز",
        "تجاوز",
        "تجاوزت",
        "يتخطى",
        "تتخطى",
        "فوق",
        "أعلى من",
        "more than",
        "over",
        "above",
        "in excess of",
        "upwards of",
        "exceeding",
        "greater than",
    ),
    "less_than": _cues(
        "أقل من",
        "ما يقل عن",
        "دون",
        "fewer than",
        "less than",
        "under",
        "below",
        "just under",
    ),
    "approx": _cues(
        "نحو",
        "حوالي",
        "حوالى",
        "قرابة",
        "زهاء",
        "ما يقارب",
        "يقارب",
        "ما يقرب من",
        "يقرب من",
        "ما يناهز",
        "يناهز",
        "تناهز",
        "ناهز",
        "ناهزت",
        "ما ناهز",
        "بما يناهز",
        "تقريبا",
        "بحدود",
        "في حدود",
        "حول",
        "قرابه",
        "about",
        "around",
        "roughly",
        "approximately",
        "some",
        "an estimated",
        "estimated",
        "close to",
        "circa",
        "nearly",
        "almost",
    ),
}
AFTER: dict[str, list[tuple[str, ...]]] = {
    "at_least": _cues("على الأقل", "أو أكثر", "فأكثر", "كحد أدنى", "at least", "or more"),
    "at_most": _cues(
        "على الأكثر", "أو أقل", "فأقل", "كحد أقصى", "حدا أقصى", "at most", "or fewer", "or less"
    ),
    "approx": _cues("تقريبا", "أو نحو ذلك", "approximately", "or so", "roughly"),
}
RANGE_OPENERS = _cues("ما بين", "بين", "من", "between", "from")
RANGE_JOINERS = lexicon("و", "إلى", "حتى", "and", "to", "أو", "or")


def _matches(tokens: list[Token], end: int, cue: tuple[str, ...]) -> bool:
    """Whether the words of cue end right before token index `end` (first word may carry a
    proclitic: بنحو، ونحو، ولأكثر)."""
    start = end - len(cue)
    if start < 0:
        return False
    for offset, word in enumerate(cue):
        text = tokens[start + offset].text
        if text == word:
            continue
        if offset == 0 and len(text) > len(word) and text[0] in PROCLITICS and text[1:] == word:
            continue
        if offset == 0 and text.startswith(("وب", "ول", "فب")) and text[2:] == word:
            continue
        return False
    return True


Cue = tuple[str, ...]


def _by_last_word(table: dict[str, list[Cue]]) -> dict[str, list[tuple[str, Cue]]]:
    """Cues indexed by their last word, longest first, so a look-up checks only a handful."""
    index: dict[str, list[tuple[str, Cue]]] = {}
    for qualifier, cues in table.items():
        for cue in cues:
            index.setdefault(cue[-1], []).append((qualifier, cue))
    for entries in index.values():
        entries.sort(key=lambda entry: len(entry[1]), reverse=True)
    return index


_BEFORE_BY_LAST = _by_last_word(BEFORE)


def qualifier_before(tokens: list[Token], index: int, floor: int) -> tuple[str, int] | None:
    """(qualifier, index of its first token) for a cue ending right before token `index`."""
    if index - 1 < floor:
        return None
    last = tokens[index - 1]
    entries = _BEFORE_BY_LAST.get(last.text, [])
    if last.text[:1] in PROCLITICS:  # بنحو، ونحو: a one-word cue with a joined proclitic
        entries = entries + _BEFORE_BY_LAST.get(last.text[1:], [])
        if last.text[:2] in ("وب", "ول", "فب"):
            entries = entries + _BEFORE_BY_LAST.get(last.text[2:], [])
    for qualifier, cue in sorted(entries, key=lambda entry: len(entry[1]), reverse=True):
        start = index - len(cue)
        if start >= floor and _matches(tokens, index, cue):
            return qualifier, start
    return None


def _by_first_word(table: dict[str, list[Cue]]) -> dict[str, list[tuple[str, Cue]]]:
    """Cues indexed by their first word (as written and without a proclitic), longest first."""
    index: dict[str, list[tuple[str, Cue]]] = {}
    for qualifier, cues in table.items():
        for cue in cues:
            index.setdefault(cue[0], []).append((qualifier, cue))
    for entries in index.values():
        entries.sort(key=lambda entry: len(entry[1]), reverse=True)
    return index


_AFTER_BY_FIRST = _by_first_word(AFTER)


def qualifier_after(tokens: list[Token], index: int, ceiling: int) -> tuple[str, int] | None:
    """(qualifier, index of its last token) for a cue starting at token `index`."""
    if index >= ceiling:
        return None
    head = tokens[index].text
    entries = _AFTER_BY_FIRST.get(head, [])
    for prefix in (head[1:], head[2:]) if head[:1] in PROCLITICS else ():
        entries = entries + _AFTER_BY_FIRST.get(prefix, [])
    for qualifier, cue in entries:
        end = index + len(cue)
        if end <= ceiling and _matches(tokens, end, cue):
            return qualifier, end - 1
    return None


# Verbs that hedge a number with their subject between them: تناهز الخسائر 300 مليون، تجاوز عدد
# القتلى 200، قاربت الحصيلة 90.
_HEDGING_VERBS = {
    **{form: "approx" for form in lexicon("ناهز", "ناهزت", "يناهز", "تناهز", "قارب", "قاربت")},
    **{form: "approx" for form in lexicon("يقارب", "تقارب")},
    **{
        form: "more_than"
        for form in lexicon("تجاوز", "تجاوزت", "يتجاوز", "تتجاوز", "فاق", "فاقت", "يفوق", "تفوق")
    },
}
_NEGATIONS = lexicon("لا", "لم", "لن", "ليس", "not", "no", "never")
# Verbs that carry a figure "to" a level: يصل السعر في بعض الأحياء إلى 35 ألفا (up to).
_REACHING_VERBS = lexicon("يصل", "تصل", "وصل", "قد يصل", "يرتفع", "ترتفع")
_MODALS = lexicon("قد", "ربما", "يمكن", "might", "could", "may")
_MAX_SUBJECT_GAP = 6


def negated(tokens: list[Token], index: int, floor: int) -> bool:
    """Whether a negation stands within four words before token `index` (لا تستطيع تغطية أكثر
    من: at most), with no comma or number between."""
    for k in range(index - 1, max(floor - 1, index - 5), -1):
        if tokens[k].is_number:
            return False
        if any(f in _NEGATIONS for f in tokens[k].forms()):
            return True
    return False


def hedging_verb_before(tokens: list[Token], index: int, floor: int) -> tuple[str, int] | None:
    """(qualifier, index of the verb) for a hedging verb whose subject stands between it and the
    number at `index` (تناهز الخسائر 300 مليون، تجاوز إجمالي إنفاق الأندية 400 مليون، لا يتجاوز
    ما يوفره فعليا 40 ألفا → at most), or a verb that carries a figure "to" a level (يصل السعر
    في بعض الأحياء إلى 35 ألفا، قد ترتفع إلى 50 مليونا → at most)."""
    reaching = index - 1 >= floor and tokens[index - 1].text in lexicon("إلى", "الى")
    clause_open = True  # no new clause (و-, ف-) or preposition between the verb and the number
    for verb in range(index - 1, max(floor - 1, index - _MAX_SUBJECT_GAP - 2), -1):
        token = tokens[verb]
        if token.is_number:
            return None
        forms = token.forms()
        if reaching and verb < index - 1 and any(f in _REACHING_VERBS for f in forms):
            modal = verb > floor and tokens[verb - 1].text in _MODALS
            reach = token.bare() in lexicon("يصل", "تصل")
            return ("at_most", verb) if modal or reach else None
        qualifier = next((_HEDGING_VERBS[f] for f in forms if f in _HEDGING_VERBS), None)
        if qualifier is not None and not reaching and clause_open:
            if qualifier == "more_than" and negated(tokens, verb, floor):
                qualifier = "at_most"  # لا يتجاوز ما يوفره 40 ألفا
            return qualifier, verb
        if token.text[0] == "و" or token.text in _CLAUSE_WORDS:
            clause_open = False
    return None


_CLAUSE_WORDS = lexicon("في", "على", "من", "إلى", "الى", "عن", "مع", "أن", "إن", "بعد", "قبل")
