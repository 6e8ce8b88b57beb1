"""How a claim reads to people: its figure, speaker, outlet and relay chain, worded once.

Every page, the admin, the exports, the chart and the article highlights word a claim through
these functions, so a figure or a missing speaker reads the same everywhere (and translates once).
They read only fields a listing loads (see claims.querysets.LISTING_FIELDS) and the prefetched
relays, so they cost no query.
"""

from __future__ import annotations

import math
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.normalization import normalize_for_matching, strip_bidi_controls
from claims.choices import ExtractionMethod, Qualifier, Status
from claims.extraction.confidence import UNSURE_BELOW

# A figure no one is quoted for is the article's own (its outlet is the narrator).
NARRATOR = gettext_lazy("the outlet itself")
# An article whose outlet nobody has stated (the manifest does not name it, no editor decided).
OUTLET_NOT_STATED = gettext_lazy("outlet not stated")

# Percent is written against the number ("90%"); other units follow it after a space.
PERCENT_UNITS = {"%", "percent"}


def format_number(n: float | None) -> str:
    """1600.0 → "1,600"; 2.5 → "2.5"; None → ""."""
    if n is None:
        return ""
    if n == math.inf:
        return "∞"
    if float(n).is_integer():
        return f"{int(n):,}"
    return f"{n:,.2f}".rstrip("0").rstrip(".")


def figure_label(
    qualifier: str,
    value: float | None,
    lower: float | None,
    upper: float | None,
    unit: str = "",
) -> str:
    """A figure as a reader says it: "about 1,600", "between 1,000 and 1,400", "more than 90%"."""
    n = format_number(value if value is not None else lower if lower is not None else upper)
    low, high = format_number(lower), format_number(upper)
    match qualifier:
        case Qualifier.APPROX:
            text = _("about %(n)s") % {"n": n}
        case Qualifier.MORE_THAN:
            text = _("more than %(n)s") % {"n": n}
        case Qualifier.AT_LEAST:
            text = _("at least %(n)s") % {"n": n}
        case Qualifier.LESS_THAN:
            text = _("less than %(n)s") % {"n": n}
        case Qualifier.AT_MOST:
            text = _("up to %(n)s") % {"n": n}
        case Qualifier.RANGE if low and high:
            text = _("between %(low)s and %(high)s") % {"low": low, "high": high}
        case Qualifier.RANGE | Qualifier.VAGUE:
            text = f"{low}–{high}" if low and high else low or high or n
        case _:
            text = n
    if unit in PERCENT_UNITS:
        return f"{text}%"
    return f"{text} {unit}".strip() if unit else text


def figure_text(claim: Any) -> str:
    """A claim's figure as a reader says it (see figure_label)."""
    return figure_label(claim.qualifier, claim.value, claim.lower, claim.upper, claim.unit)


def speaker_is_unsure(claim: Any) -> bool:
    """A machine's attribution no editor has looked at, with a confidence below the extractor's
    UNSURE_BELOW: pages say "unsure" rather than assert who said it."""
    return (
        getattr(claim, "status", None) == Status.EXTRACTED
        and getattr(claim, "extraction_method", None) == ExtractionMethod.RULES
        and getattr(claim, "confidence", 1.0) < UNSURE_BELOW
    )


def speaker_label(claim: Any) -> str:
    """Who said it: the linked speaker, else the name as the text gives it, else the narrator;
    marked "(unsure)" when the extractor was unsure of it and no editor has confirmed it."""
    # The speaker is loaded with the row (select_related): no query.
    name = (
        claim.speaker.name
        if claim.speaker is not None
        else strip_bidi_controls(claim.speaker_text) or str(NARRATOR)
    )
    if speaker_is_unsure(claim):
        return _("%(speaker)s (unsure)") % {"speaker": name}
    return name


def outlet_label(claim: Any) -> str:
    """The outlet that published the claim's article, or "outlet not stated"."""
    return claim.outlet.name if claim.outlet is not None else str(OUTLET_NOT_STATED)


def status_label(status: str) -> str:
    return str(Status(status).label) if status in Status.values else status


def relay_chain(claim: Any) -> list[str]:
    """Speaker → relaying outlets in order → the article's outlet (relays are prefetched).

    An outlet quoted as the speaker and then listed as the first relay is one link, not two.
    """
    outlets = [relay.outlet.name for relay in claim.relays.all()]
    own = outlet_label(claim)
    if not outlets or outlets[-1] != own:
        outlets.append(own)
    chain = [speaker_label(claim)]
    for name in outlets:
        if normalize_for_matching(name) != normalize_for_matching(chain[-1]):
            chain.append(name)
    return chain


def claim_summary(claim: Any) -> str:
    """ "about 1,600 fighters · فتحي باشاغا": figure, what is counted and speaker, one line."""
    counted = f" {claim.counted}" if claim.counted else ""
    # Plain text for tooltips, where no element isolates a bidi control: none kept.
    return strip_bidi_controls(f"{figure_text(claim)}{counted} · {speaker_label(claim)}")
