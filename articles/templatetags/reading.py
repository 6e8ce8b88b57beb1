"""Template filters for reading in the reader's language: numbers, dates, names, direction."""

from __future__ import annotations

from django import template

from articles import reading

register = template.Library()


@register.filter
def num(value) -> str:
    """A count or other number in the reader's digits: 31 → "31" or "٣١"."""
    if value is None or value == "":
        return ""
    if isinstance(value, int | float):
        return reading.format_number(value)
    return reading.localize_digits(str(value))


@register.filter
def day(value, style: str = "") -> str:
    """A date in the reader's digits: ISO in tables, `|day:"long"` the language's long form."""
    return reading.format_date(value, long=style == "long")


@register.filter
def arrow(text: str) -> str:
    """Arrows and guillemets pointing the reading direction (mirrored right to left)."""
    return reading.mirrored(text)


@register.filter
def text_direction(language: str) -> str:
    return reading.text_direction(language)


@register.filter
def outlet_display(outlet) -> str:
    """An outlet's name in the reader's language."""
    return reading.outlet_name(outlet)
