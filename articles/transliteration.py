"""Cross-script keys for names: فاغنر, فاجنر and Wagner, قنونو, Qanunu and Gnounou meet on one key.

A name is spelled many ways across Arabic and Latin script: foreign g is written غ, ج, ك or ق,
v is ف or ڤ, p is ب or پ; Latin transliterations of Arabic write vowels Arabic leaves out and
spell one letter several ways (ق as q, k or g; خ as kh; ش as sh or ch). A key is what those
spellings share: the name's consonant skeleton in a small alphabet of sound classes, vowels
dropped (and ا ع ء, which Arabic writes where Latin writes vowels).

    فاغنر → fgnr       فاجنر → fgnr       Wagner → wgnr, fgnr (w as in English or German)
    قنونو → gnn        Qanunu → gnn       Gnounou → gnn
    بلومبرغ → blmbrg                      Bloomberg → blmbrg

و and ي are consonants (w, y) or long vowels: an Arabic word gets a key with each kept and with
each dropped; in Latin, w and y are consonants at the start of a word or before a vowel (Walid,
Yusuf, Alaywan's w) and vowels otherwise (Moscow, Alaywan's y).

Keys are for names (speakers, outlets, measures): the search document stores them beside the
names' words, and a query word's keys look them up, so "Wagner" finds a measure named فاغنر.
In names, Latin words get keys only when capitalised (Janjaweed, not "fighters"); short
skeletons collide too easily (Omar, Amr, more): a key needs at least three letters.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from articles.normalization import normalize, search_terms

KEY_MARK = "0"  # a stored key is "0fgnr": no query word tokenizes to a digit followed by letters
MIN_KEY = 3
MAX_WORD = 40  # longer "words" are not names

# Arabic letters (after normalize(): أ إ آ → ا, ة → ه, ى → ي) to sound classes; letters left out
# (ا و ي ع ء) are dropped like Latin vowels.
_ARABIC = {
    **dict.fromkeys("بپ", "b"),
    **dict.fromkeys("تطث", "t"),
    **dict.fromkeys("جغقكگخ", "g"),
    **dict.fromkeys("حه", "h"),
    **dict.fromkeys("دذض", "d"),
    "ر": "r",
    **dict.fromkeys("زسشصظچ", "s"),
    **dict.fromkeys("فڤ", "f"),
    "ل": "l",
    "م": "m",
    "ن": "n",
}
_ARABIC_VOWELS = frozenset("اعء")
_ARABIC_SEMIVOWELS = {"و": "w", "ي": "y"}

# Latin letters and digraphs to the same classes; vowels drop (w and y: see the module doc).
_LATIN_DIGRAPHS = {"sh": "s", "ch": "s", "kh": "g", "gh": "g", "th": "t", "dh": "d", "ph": "f"}
_LATIN = {
    **dict.fromkeys("bp", "b"),
    "t": "t",
    **dict.fromkeys("cgjkq", "g"),
    "h": "h",
    "d": "d",
    "r": "r",
    **dict.fromkeys("sz", "s"),
    **dict.fromkeys("fv", "f"),
    "l": "l",
    "m": "m",
    "n": "n",
    "x": "gs",
}
_LATIN_VOWELS = frozenset("aeiou")
_LATIN_TOKEN = re.compile("|".join(_LATIN_DIGRAPHS) + "|.")
_DOUBLED = re.compile(r"(.)\1")


def _arabic_skeletons(word: str) -> list[str] | None:
    # The definite article is not part of a name's spelling: الجزيرة is Jazeera.
    if word.startswith("ال") and len(word) >= 5:
        word = word[2:]
    if any(
        c not in _ARABIC and c not in _ARABIC_VOWELS and c not in _ARABIC_SEMIVOWELS for c in word
    ):
        return None  # not all Arabic letters: no key
    skeletons = []
    for keep_w in (True, False):
        for keep_y in (True, False):
            letters = []
            for i, char in enumerate(word):
                if char in _ARABIC:
                    letters.append(_ARABIC[char])
                elif char in _ARABIC_SEMIVOWELS:
                    # At the start of a word و and ي are consonants (Walid, Yusuf).
                    kept = i == 0 or (keep_w if char == "و" else keep_y)
                    letters.append(_ARABIC_SEMIVOWELS[char] if kept else "")
            skeletons.append("".join(letters))
    return skeletons


def _latin_skeletons(word: str) -> list[str]:
    # Accents off (Müller → muller); doubled letters are one sound (Muhammad, Nasser).
    word = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
    if not word.isascii():
        return []
    word = _DOUBLED.sub(r"\1", word)
    spellings = [word]
    if word.startswith(("al", "el")) and len(word) > 5:
        spellings.append(word[2:])  # Aljazeera, Elkhalla: the article written joined
    skeletons = []
    for spelling in spellings:
        tokens = _LATIN_TOKEN.findall(spelling)
        # A consonant w is w in English names (Walid) and v in German ones (Wagner, فاغنر).
        for w in ("w", "f"):
            letters = []
            for i, token in enumerate(tokens):
                consonant = i == 0 or (i + 1 < len(tokens) and tokens[i + 1] in _LATIN_VOWELS)
                if token in _LATIN_DIGRAPHS:
                    letters.append(_LATIN_DIGRAPHS[token])
                elif token in "wy":
                    letters.append((w if token == "w" else "y") if consonant else "")
                elif token in _LATIN:
                    letters.append(_LATIN[token])
                elif token not in _LATIN_VOWELS:
                    return []  # a digit or a sign: not a name
            skeletons.append("".join(letters))
    return skeletons


@functools.lru_cache(maxsize=65536)
def name_keys(word: str) -> tuple[str, ...]:
    """The transliteration keys of one word of a name (stored and looked up as KEY_MARK + key).

    >>> name_keys("فاجنر") == name_keys("فاغنر") == ("0fgnr",)
    True
    >>> name_keys("Wagner")
    ('0wgnr', '0fgnr')
    """
    if len(word) > 2 * MAX_WORD:  # not a name; not worth normalizing
        return ()
    word = normalize(word).casefold()
    if not word.isalpha() or len(word) > MAX_WORD:
        return ()
    skeletons = None if word.isascii() else _arabic_skeletons(word)
    if skeletons is None:
        skeletons = _latin_skeletons(word)
    keys = []
    for skeleton in skeletons:
        # A final h is a vowel's mark as often as a letter: Jazeerah, الجزيرة (ة read as ه).
        skeleton = skeleton.removesuffix("h")
        if len(skeleton) >= MIN_KEY:
            keys.append(KEY_MARK + skeleton)
    return tuple(dict.fromkeys(keys))


def names_document(*names: str | None) -> str:
    """The search document of a set of names: their words' stems and the names' keys.

    Latin words get keys when capitalised (names in a measure's English name, not its other
    words); Arabic words always. Padded with spaces at both ends, so that a word is found as
    " word " (see claims.search).
    """
    terms: dict[str, None] = {}
    for name in names:
        if not name:
            continue
        terms.update(dict.fromkeys(search_terms(name)))
        # Harakat off first: they are not word characters and would cut a word in two.
        unmarked = "".join(c for c in name if not unicodedata.combining(c))
        for word in _NAME_WORD.findall(unmarked):
            if word[0].isupper() or _ARABIC_LETTER.match(word):
                terms.update(dict.fromkeys(name_keys(word)))
    return f" {' '.join(terms)} " if terms else ""


_NAME_WORD = re.compile(r"[^\W\d_]+")
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
