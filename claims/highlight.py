"""An article's text with its claims highlighted at their offsets, escaped, overlaps handled."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from django.utils.safestring import SafeString

from claims.display import claim_summary
from claims.html import html_format, html_join


def claim_tooltip(claim) -> str:
    """ "about 1,600 · فتحي باشاغا" : the numbers and the speaker, for a `title` attribute."""
    return claim_summary(claim)


def highlighted_body(body: str, claims: Sequence) -> SafeString:
    """The body as HTML: text escaped, each claim's span in a <mark> with a tooltip.

    Overlapping claims split the text at every span boundary; a piece covered by several claims
    is one <mark> whose tooltip lists them all.
    """
    spans = [c for c in claims if 0 <= c.start < c.end <= len(body)]
    cuts = sorted({0, len(body), *(c.start for c in spans), *(c.end for c in spans)})
    pieces = []
    for begin, end in pairwise(cuts):
        text = body[begin:end]
        covering = [c for c in spans if c.start <= begin and end <= c.end]
        if not covering:
            pieces.append((html_format("{}", text),))
            continue
        ids = " ".join(f"claim-{c.pk}" for c in covering)
        title = " | ".join(claim_tooltip(c) for c in covering)
        css = "claim-mark overlap" if len(covering) > 1 else "claim-mark"
        pieces.append(
            (
                html_format(
                    '<mark class="{}" data-claims="{}" title="{}">'
                    '<a href="/claims/{}/">{}</a></mark>',
                    css,
                    ids,
                    title,
                    covering[0].pk,
                    text,
                ),
            )
        )
    return html_join("", "{}", pieces)
