"""An article's text with its claims highlighted at their offsets, escaped, overlaps handled."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from claims.display import claim_summary
from claims.html import html_format, html_join


def claim_tooltip(claim) -> str:
    """ "about 1,600 · فتحي باشاغا" : the numbers and the speaker, for a `title` attribute."""
    return claim_summary(claim)


TOOLTIP_CLAIMS = 5  # claims a tooltip names; more are counted


def highlighted_body(body: str, claims: Sequence) -> SafeString:
    """The body as HTML: text escaped, each claim's span in a <mark> with a tooltip.

    Overlapping claims split the text at every span boundary; a piece covered by several claims
    is one <mark> whose tooltip lists them. One sweep over the boundaries in order, keeping the
    claims open at each: linear in the text and the claims (10,000 figures took 20 s when every
    piece scanned every claim), apart from pieces that many claims cover at once.
    """
    spans = sorted(
        (c for c in claims if 0 <= c.start < c.end <= len(body)), key=lambda c: (c.start, c.end)
    )
    cuts = sorted({0, len(body), *(c.start for c in spans), *(c.end for c in spans)})
    open_claims: dict[int, object] = {}  # id() → claim, in order of start
    next_span = 0
    pieces = []
    for begin, end in pairwise(cuts):
        while next_span < len(spans) and spans[next_span].start <= begin:
            open_claims[id(spans[next_span])] = spans[next_span]
            next_span += 1
        for key in [key for key, c in open_claims.items() if c.end <= begin]:
            del open_claims[key]
        text = body[begin:end]
        if not open_claims:
            pieces.append((html_format("{}", text),))
            continue
        covering = list(open_claims.values())
        pieces.append((_mark(covering, text),))
    return html_join("", "{}", pieces)


def _mark(covering: list, text: str) -> SafeString:
    ids = " ".join(f"claim-{c.pk}" for c in covering)
    title = " | ".join(claim_tooltip(c) for c in covering[:TOOLTIP_CLAIMS])
    if len(covering) > TOOLTIP_CLAIMS:
        title += " | " + _("and %(count)s more") % {"count": len(covering) - TOOLTIP_CLAIMS}
    css = "claim-mark overlap" if len(covering) > 1 else "claim-mark"
    return html_format(
        '<mark class="{}" data-claims="{}" title="{}"><a href="/claims/{}/">{}</a></mark>',
        css,
        ids,
        title,
        covering[0].pk,
        text,
    )
