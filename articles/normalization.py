"""Arabic text normalization for matching and search, keeping offsets into the original text.

One module, used by extraction (which must report offsets into the article as written), by speaker
and outlet matching, and by search. Normalization is character by character: a character is either
dropped (diacritics, tatweel, bidi marks) or replaced by exactly one character, so that every
position of the normalized text maps back to one position of the original.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# Harakat, shadda, sukun, Quranic marks, superscript alef, tatweel, and invisible bidi/zero-width
# marks that editors' copy-paste leaves in the text.
_DROPPED = frozenset(
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640"]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
    + [chr(c) for c in range(0x200B, 0x2010)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + ["\u2066", "\u2067", "\u2068", "\u2069", "\ufeff"]
)

_REPLACED = {
    # Alef forms (أ إ آ ٱ) to bare alef; alef maqsura to ya; ta marbuta to ha; hamza carriers.
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ة": "ه",
    "ؤ": "و",
    "ئ": "ي",
    # Persian/Urdu letters that turn up in Arabic text typed on other keyboards.
    "ی": "ي",
    "ک": "ك",
    # Arabic decimal and thousands separators (٫ ٬) to their ASCII counterparts.
    "٫": ".",
    "٬": ",",
    # Typographic quotes and dashes to plain ones, so rules need to know only one form.
    "“": '"',
    "”": '"',
    "«": '"',
    "»": '"',
    "‘": "'",
    "’": "'",
    "–": "-",
    "—": "-",
    "\u00a0": " ",
}
_REPLACED.update({chr(0x0660 + d): str(d) for d in range(10)})  # Arabic-Indic digits
_REPLACED.update({chr(0x06F0 + d): str(d) for d in range(10)})  # Persian digits


_TABLE = {ord(char): None for char in _DROPPED} | {ord(k): v for k, v in _REPLACED.items()}


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalized text and, for each of its characters, the index of its source character."""

    text: str
    offsets: tuple[int, ...]
    original_length: int

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The [start, end) span of the original text that normalized [start, end) came from."""
        if start >= end:
            position = self.offsets[start] if start < len(self.offsets) else self.original_length
            return position, position
        return self.offsets[start], self.offsets[end - 1] + 1


def _normalize_char(char: str) -> str:
    if char in _DROPPED:
        return ""
    replaced = _REPLACED.get(char)
    if replaced is not None:
        return replaced
    lowered = char.lower()
    # A few characters lower-case to two (İ); keep those as they are to stay one-to-one.
    return lowered if len(lowered) == 1 else char


def normalize_with_offsets(text: str) -> Normalized:
    """Normalize for matching while recording where each character came from.

    >>> n = normalize_with_offsets("أكثرَ من ١٬٤٠٠")
    >>> n.text
    'اكثر من 1,400'
    >>> n.original_span(8, 13)
    (9, 14)
    """
    normalized = normalize(text)
    # Every character is either dropped (exactly the _DROPPED ones) or becomes one character.
    if len(normalized) == len(text):
        offsets = tuple(range(len(text)))
    else:
        offsets = tuple(i for i, char in enumerate(text) if char not in _DROPPED)
    return Normalized(normalized, offsets, len(text))


def normalize(text: str) -> str:
    """The normalized text alone (same characters as `normalize_with_offsets(text).text`).

    One translate() for the whole text; lower-casing is one-to-one for almost every character,
    and when it is not (İ) a per-character pass keeps such characters as they are.
    """
    translated = text.translate(_TABLE)
    lowered = translated.lower()
    if len(lowered) == len(translated):
        return lowered
    return "".join(_normalize_char(char) for char in text)


@functools.lru_cache(maxsize=65536)
def normalize_for_matching(text: str) -> str:
    """A matching key for names: normalized, case-folded, whitespace collapsed.

    "سالمُ عُليوان" and "سالم عليوان" give the same key; so do "Alaywan" and "ALAYWAN".
    """
    return " ".join(normalize(text).casefold().replace('"', " ").split())


# Search words: numbers (with their decimal points) and runs of letters and digits. Punctuation,
# "%" and "_" separate words, as PostgreSQL's text-search parser does, so that a word stored here
# is one lexeme there and both databases match the same words.
_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")


def search_words(text: str) -> list[str]:
    """The normalized words of a text as search sees them (before stemming), in order.

    Thousands separators go, so "1,400" and "١٬٤٠٠" are both 1400; a decimal comma is a point.
    """
    text = _DECIMAL_COMMA.sub(".", _THOUSANDS.sub("", normalize(text).casefold()))
    return _WORD.findall(text)


def normalize_for_search(text: str) -> str:
    """Normalized words separated by single spaces, punctuation dropped: what search matches.

    Thousands separators go, so "1,400" and "١٬٤٠٠" are both found as 1400.
    """
    return " ".join(search_words(text))


# Clitics and affixes stripped by the light stemmer, longest first. The Arabic article with its
# prepositions (وال، بال، كال، فال، لل) and single-letter conjunctions/prepositions.
_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال", "و", "ب", "ل", "ف")
_SUFFIXES = ("هما", "كما", "تين", "تان", "ات", "ون", "ين", "ان", "ها", "هم", "يه", "ه", "ي")
_MIN_STEM = 3


def stem(word: str) -> str:
    """A light Arabic stem: one prefix and one suffix off, never below three letters.

    "المرتزقة" → "مرتزق", "مرتزقة" → "مرتزق", "والطائرات" → "طائر". English words are returned
    case-folded and in the singular (see _english_singular).
    """
    word = normalize(word).casefold()
    if word.isascii():
        return _english_singular(word)
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= _MIN_STEM:
            word = word[len(prefix) :]
            break
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            word = word[: -len(suffix)]
            break
    return word


# English plurals: "casualties" → "casualty", "crashes" → "crash", "fighters" → "fighter"; words
# that end in s in the singular ("bus", "crisis", "class", "gas") stay as they are.
_ES_PLURALS = ("ches", "shes", "sses", "xes", "zes")
_SINGULAR_S = ("ss", "us", "is", "ous")


def _english_singular(word: str) -> str:
    if len(word) <= 3 or not word.endswith("s") or word.endswith(_SINGULAR_S):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(_ES_PLURALS):
        return word[:-2]
    return word[:-1]


def search_terms(query: str) -> list[str]:
    """The stems of a free-text query, deduplicated, in order: what each search result must hold."""
    return list(dict.fromkeys(stem(word) for word in search_words(query)))


# Bidi controls: embeddings and overrides (U+202A–202E), isolates (U+2066–2069) and the marks
# (LRM, RLM, ALM). In a name, one unmatched U+202E reverses the text after it in a tooltip, a
# title or a spreadsheet cell ("‮gpj.exe" shows as "exe.jpg"); names never need them.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI_CONTROL = re.compile(f"[{BIDI_CONTROLS}]")


def strip_bidi_controls(text: str) -> str:
    """The text without bidi controls (names, tooltips, CSV cells; never article bodies)."""
    return _BIDI_CONTROL.sub("", text) if text else text
