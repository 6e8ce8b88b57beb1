"""An article's text with its claims highlighted at their offsets, escaped, overlaps handled."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from django.utils.safestring import SafeString

from claims.display import claim_summary, status_label
from claims.html import html_format, html_join


def claim_tooltip(claim) -> str:
    """ "about 1,600 · فتحي باشاغا · verified": numbers, speaker and status, for `title`."""
    return f"{claim_summary(claim)} · {status_label(claim.status)}"


def highlighted_body(body: str, claims: Sequence) -> SafeString:
    """The body as HTML: text escaped, each claim's span in a <mark> styled by its status.

    Every claim has an anchor where its span begins (`#claim-<pk>`, the target of "show in the
    article" links); each highlight links to its claim's note in the margin (`#note-<pk>`), so
    a click or Enter leads from the text to the claim and its measure. Overlapping claims split
    the text at every span boundary; a piece covered by several claims is one <mark> whose
    tooltip lists them all and whose `data-claims` names them all.
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
        starting = [c for c in covering if c.start == begin]
        # One id per element: the first claim starting here names the mark, any other claim
        # starting at the same offset gets an empty anchor just before it.
        anchors = html_join(
            "", '<span class="anchor" id="claim-{}"></span>', ((c.pk,) for c in starting[1:])
        )
        first = covering[0]
        pieces.append(
            (
                html_format(
                    '{anchors}<mark class="claim-mark status-{status}{overlap}"{id} '
                    'data-claims="{claims}" tabindex="-1"><a href="#note-{pk}" title="{title}">'
                    "{text}</a></mark>",
                    anchors=anchors,
                    status=first.status,
                    overlap=" overlap" if len(covering) > 1 else "",
                    id=SafeString(f' id="claim-{starting[0].pk}"') if starting else "",
                    claims=" ".join(str(c.pk) for c in covering),
                    pk=first.pk,
                    title=" | ".join(claim_tooltip(c) for c in covering),
                    text=text,
                ),
            )
        )
    return html_join("", "{}", pieces)
