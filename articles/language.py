"""Language detection for imported texts: Arabic or English, by the share of Arabic letters."""

from __future__ import annotations

import re

from articles.models import Language

_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> str:
    """ "ar" when Arabic letters outnumber Latin ones (captions in English don't flip an Arabic
    article), "en" otherwise."""
    sample = text[:20000]
    arabic = len(_ARABIC_LETTER.findall(sample))
    latin = len(_LATIN_LETTER.findall(sample))
    return Language.ARABIC if arabic >= latin and arabic > 0 else Language.ENGLISH
