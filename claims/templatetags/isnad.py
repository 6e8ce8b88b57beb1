"""Template filters for claims: figures as readers say them, relay chains, JSON-LD."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from claims.exports import json_ld
from claims.intervals import figure_label, format_number

register = template.Library()


@register.filter
def figure(claim) -> str:
    """ "about 1,600", "between 1,000 and 1,400", "more than 90%"."""
    return figure_label(claim.qualifier, claim.value, claim.lower, claim.upper, claim.unit)


@register.filter
def relay_chain(claim) -> list[str]:
    """Speaker → relaying outlets in order → the article's outlet (relays are prefetched)."""
    speaker = claim.speaker.name if claim.speaker else claim.speaker_text or "the outlet itself"
    outlets = [relay.outlet.name for relay in claim.relays.all()]
    own = claim.outlet.name if claim.outlet else "unknown outlet"
    if not outlets or outlets[-1] != own:
        outlets.append(own)
    return [speaker, *outlets]


@register.filter
def jsonld(reviews: list[dict]) -> SafeString:
    return json_ld(reviews)


@register.filter
def text_direction(language: str) -> str:
    return "rtl" if language == "ar" else "ltr"


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template, None when absent."""
    return mapping.get(key) if mapping else None


@register.filter
def number(value) -> str:
    """1600.0 → "1,600"."""
    return format_number(value)


@register.simple_tag
def chain(claim) -> SafeString:
    """The relay chain left to right, each name isolated so Arabic names keep their order."""
    names = format_html_join(" → ", "<bdi>{}</bdi>", ((name,) for name in relay_chain(claim)))
    return format_html('<span class="chain" dir="ltr">{}</span>', names)
