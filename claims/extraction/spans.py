"""What a speaker span may look like: a name, a title, a body or a description of people, never a
clause. The attribution rules find spans by position (the words after a verb, before it, after
"according to"); this module is the last check before a span is shown as who said a figure.

A span is cut where a clause starts inside it (a relative pronoun, a participle or verb that
continues the sentence: سيدا أوزتورك التي فقدت → سيدا أوزتورك; تلك الأنباء مؤكدة → cut at
مؤكدة), loses the particles that belong to the verb (وكان الوزير قد أعلن → الوزير, not
"الوزير قد"), and is refused when it cannot name anyone: it starts at a preposition (في تقرير),
with a demonstrative (تلك الأنباء: an object), is a bare pronoun (It, هو: resolved elsewhere or
left unsure), or holds digits or a unit of measure ("kilometres south of Barsalogho", "bn
average"). A refused span names no one: the figure is left unsure rather than given to it.
"""

from __future__ import annotations

from claims.extraction.numbers import SCALE_SUFFIXES
from claims.extraction.tokens import Token, lexicon

# Words that can open no speaker's name: prepositions (في تقرير، in a statement).
PREPOSITIONS = lexicon(
    "في",
    "من",
    "على",
    "إلى",
    "الى",
    "عن",
    "مع",
    "خلال",
    "عبر",
    "لدى",
    "بعد",
    "قبل",
    "حول",
    "منذ",
    "أمام",
    "بشأن",
    "ضد",
    "in",
    "at",
    "on",
    "from",
    "with",
    "by",
    "for",
    "of",
    "to",
    "about",
    "during",
    "after",
    "before",
    "since",
    "into",
    "over",
)
DEMONSTRATIVES = lexicon(
    "تلك", "هذه", "هذا", "ذلك", "هؤلاء", "أولئك", "this", "that", "these", "those"
)
PRONOUNS = lexicon("it", "he", "she", "they", "we", "هو", "هي", "هم", "هما", "هن", "نحن")
# Where a clause starts inside a span: relative pronouns and the participles that continue a
# report (مؤكدة أن، مشيرا إلى).
CLAUSE_STARTS = lexicon(
    "التي",
    "الذي",
    "الذين",
    "اللتين",
    "اللذين",
    "والتي",
    "والذي",
    "who",
    "which",
    "whose",
    "مؤكدا",
    "مؤكدة",
    "مشيرا",
    "مشيرة",
    "مضيفا",
    "مضيفة",
    "موضحا",
    "موضحة",
    "لافتا",
    "لافتة",
    "معتبرا",
    "معتبرة",
    "adding",
    "saying",
)
# Particles of the verb that a subject written before it may run into (وكان الوزير قد أعلن).
VERB_PARTICLES = lexicon("قد", "لقد", "فقد", "وقد", "has", "had", "have", "was", "is", "also")
# English auxiliaries inside a span: a clause ran into it ("the attacks have forced ...").
_AUXILIARIES = lexicon("have", "has", "had", "was", "were", "is", "are", "will", "would", "been")
# English units that measure rather than count (kilometres, per cent, $bn): never in a name.
_UNIT_WORDS = lexicon(
    "bn",
    "mn",
    "tn",
    "km",
    "mm",
    "cm",
    "kg",
    "per",
    "cent",
    "percent",
    "kilometres",
    "kilometers",
    "kilometre",
    "kilometer",
    "metres",
    "meters",
    "miles",
    "hectares",
    "tonnes",
    "tons",
    "barrels",
    "dollars",
    "euros",
    "years",
    "year",
    "months",
    "weeks",
    "days",
    "hours",
)


def _measures(token: Token) -> bool:
    """An English unit of measure (kilometres, bn, per cent). Arabic unit nouns also mean other
    things in names (مدير عام is a director general, not a year), so only digits refuse those."""
    text = token.text
    return token.is_latin and (text in _UNIT_WORDS or (len(text) > 1 and text in SCALE_SUFFIXES))


def speaker_span(tokens: list[Token], span: list[int]) -> list[int]:
    """The part of `span` that can name a speaker, or [] when none can (see the module doc)."""
    cut = next(
        (n for n, i in enumerate(span) if n and not CLAUSE_STARTS.isdisjoint(tokens[i].forms())),
        None,
    )
    if cut is not None:
        span = span[:cut]
    while span and tokens[span[-1]].text in VERB_PARTICLES:
        span = span[:-1]
    if not span:
        return []
    head = tokens[span[0]].text
    if head in PREPOSITIONS or head in DEMONSTRATIVES or head in CLAUSE_STARTS:
        return []
    if len(span) == 1 and head in PRONOUNS:
        return []
    if any(tokens[i].is_number or _measures(tokens[i]) for i in span):
        return []
    if any(tokens[i].text in _AUXILIARIES for i in span):
        return []  # "The attacks have forced ... Cape of Good [Hope]": a clause, not a subject
    return span
