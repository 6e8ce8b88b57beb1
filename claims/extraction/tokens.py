"""Words, numbers and sentences of normalized text, each with its span in that text."""

from __future__ import annotations

import functools
import re

from articles.normalization import normalize

# Digits with thousands separators or a decimal part (1,400  2.5  ١٬٤٠٠ after normalization),
# words of letters, and the percent sign as a word of its own.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:'s\b)?|%")
# Sentence ends: . ! ? ؟ and line breaks; a period between digits is a decimal point.
_SENTENCE_END = re.compile(r"(?:\.(?!\d)|(?<!\d)\.)+|[!?؟\n]+")
# Single-letter proclitics written joined to the next word: و (and), ف (so), ب (with/by),
# ل (for/to), ك (as).
PROCLITICS = ("و", "ف", "ب", "ل", "ك")


@functools.cache
def lexicon(*words: str) -> frozenset[str]:
    """Normalized forms of words as written naturally in Arabic or English (cached: rules call
    it with constant words inside loops)."""
    return frozenset(normalize(word).casefold() for word in words)


class Token:
    """One word, number or % sign of normalized text, with its [start, end) span and index.

    Read-only by convention; a plain slotted class rather than a frozen dataclass because a text
    of 10 KB makes about 1,700 of them per extraction, and the flags and forms every rule asks
    for are computed once here instead of at every look-up.
    """

    __slots__ = (
        "_bare",
        "_forms",
        "end",
        "index",
        "is_latin",
        "is_number",
        "is_word",
        "start",
        "text",
    )

    def __init__(self, text: str, start: int, end: int, index: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.index = index
        first = text[0]
        self.is_number: bool = first.isdigit()
        self.is_word: bool = first.isalpha()
        self.is_latin: bool = text.isascii() and text.isalpha()
        self._bare = text[1:] if len(text) > 3 and first in PROCLITICS else text
        self._forms = (text, self._bare) if self._bare != text else (text,)

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end}, {self.index})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and (self.text, self.start, self.end, self.index) == (
            other.text,
            other.start,
            other.end,
            other.index,
        )

    def __hash__(self) -> int:
        return hash((self.text, self.start, self.end, self.index))

    def bare(self) -> str:
        """The word without one joined proclitic (وثلاث → ثلاث), when what remains is a word."""
        return self._bare

    def forms(self) -> tuple[str, ...]:
        """The word as written and without one proclitic, for lexicon look-ups."""
        return self._forms


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end(), i) for i, m in enumerate(_TOKEN.finditer(text))]


_ABBREVIATIONS = frozenset(
    (
        "mr mrs ms dr st jan feb mar apr jun jul aug sep sept oct nov dec no vs gen col lt sgt gov "
        "sen rep inc co corp ltd jr sr prof capt maj cmdr adm rev est approx"
    ).split()
)
_WORD_BEFORE = re.compile(r"([^\W\d_]+)$")


def _abbreviation(text: str, dot: int) -> bool:
    """A period that ends an abbreviation (U.N., Oct., Mr.) rather than a sentence."""
    word = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if word is None:
        return False
    if len(word.group(1)) == 1 and word.group(1).isascii():
        return True
    return word.group(1) in _ABBREVIATIONS


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence; end includes its closing punctuation."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.group() == "." and _abbreviation(text, match.start()):
            continue
        if text[start : match.start()].strip():
            spans.append((start, match.end()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans
