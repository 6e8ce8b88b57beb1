"""How numbers, dates, outlet names and directions read in the reader's language.

Shared by both apps' pages: Arabic readers get Arabic-Indic digits (١٬٦٠٠) unless the
ISNAD_ARABIC_DIGITS setting asks for Western ones, the language's long date form, an outlet's
name in their language, and arrows that point the way the text runs.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from django.conf import settings
from django.utils import formats
from django.utils.translation import get_language, get_language_bidi

# Arabic-Indic digits with the Arabic decimal and thousands separators (١٬٦٠٠، ٢٫٥).
_ARABIC_INDIC = str.maketrans("0123456789.,", "٠١٢٣٤٥٦٧٨٩٫٬")
_MIRRORED = str.maketrans("→←«»‹›", "←→»«›‹")


def is_arabic() -> bool:
    return (get_language() or "").startswith("ar")


def uses_arabic_indic_digits() -> bool:
    """Whether numbers are written ١٢٣ for this reader: the Arabic interface, unless the
    ISNAD_ARABIC_DIGITS setting asks for Western digits (123)."""
    return is_arabic() and settings.ISNAD_ARABIC_DIGITS == "arabic-indic"


def localize_digits(text: str) -> str:
    """Digits and separators of an already formatted number in the reader's script."""
    return text.translate(_ARABIC_INDIC) if uses_arabic_indic_digits() else text


def format_number(n: float | None) -> str:
    """1600.0 → "1,600" (or "١٬٦٠٠" in Arabic); 2.5 → "2.5"; None → ""."""
    if n is None:
        return ""
    if n == math.inf:
        return "∞"
    if float(n).is_integer():
        return localize_digits(f"{int(n):,}")
    return localize_digits(f"{n:,.2f}".rstrip("0").rstrip("."))


def format_date(day: dt.date | None, *, long: bool = False) -> str:
    """A date for the reader: ISO in tables ("2020-05-20"), the language's long form in prose
    ("May 20, 2020", "20 مايو، 2020"); digits in the reader's script."""
    if day is None:
        return ""
    if long:
        return localize_digits(formats.date_format(day, "DATE_FORMAT"))
    if isinstance(day, dt.datetime):
        day = day.date()
    return localize_digits(day.isoformat())


def outlet_name_field() -> str:
    """The Outlet field holding its name in the reader's language."""
    return "name_ar" if is_arabic() else "name_en"


def outlet_name(outlet: Any) -> str:
    """An outlet's name in the reader's language (its Arabic or English name), else as written.

    Reads `name_ar`/`name_en` only when the row has them loaded (claim listings load them), so
    that a row never costs a query for its outlet's name.
    """
    return getattr(outlet, "__dict__", {}).get(outlet_name_field()) or outlet.name


def text_direction(language: str) -> str:
    return "rtl" if language == "ar" else "ltr"


def mirrored(text: str) -> str:
    """Arrows and guillemets pointing the reading direction (mirrored right to left)."""
    return text.translate(_MIRRORED) if get_language_bidi() else text
