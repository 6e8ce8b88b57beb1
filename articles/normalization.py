"""Arabic text normalization for matching and search, keeping offsets into the original text."""

from __future__ import annotations

import re
import unicodedata

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def normalize_for_matching(text: str) -> str:
    """A matching key: diacritics and tatweel gone, alef/ya/ta marbuta unified, digits ASCII."""
    text = unicodedata.normalize("NFC", text)
    text = _DIACRITICS.sub("", text).translate(_ALEF).translate(_DIGITS)
    return " ".join(text.casefold().split())
