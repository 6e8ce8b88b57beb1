"""An article's text with its claims highlighted at their offsets, escaped, overlaps handled."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from claims.display import claim_summary, status_label
from claims.html import html_format, html_join


def claim_tooltip(claim) -> str:
    """ "about 1,600 · فتحي باشاغا · verified": numbers, speaker and status, for `title`."""
    return f"{claim_summary(claim)} · {status_label(claim.status)}"


TOOLTIP_CLAIMS = 5  # claims a tooltip names; more are counted


def highlighted_body(body: str, claims: Sequence) -> SafeString:
    """The body as HTML: text escaped, each claim's span in a <mark> styled by its status.

    Every claim has an anchor where its span begins (`#claim-<pk>`, the target of "show in the
    article" links); each highlight links to its claim's note in the margin (`#note-<pk>`), so
    a click or Enter leads from the text to the claim and its measure. Overlapping claims split
    the text at every span boundary; a piece covered by several claims is one <mark> whose
    tooltip lists them and whose `data-claims` names them all. One sweep over the boundaries in
    order, keeping the claims open at each: linear in the text and the claims (10,000 figures
    took 20 s when every piece scanned every claim), apart from pieces many claims cover at once.
    """
    spans = sorted(
        (c for c in claims if 0 <= c.start < c.end <= len(body)), key=lambda c: (c.start, c.end)
    )
    cuts = sorted({0, len(body), *(c.start for c in spans), *(c.end for c in spans)})
    open_claims: dict[int, object] = {}  # id() → claim, in order of start
    next_span = 0
    pieces = []
    for begin, end in pairwise(cuts):
        starting = []
        while next_span < len(spans) and spans[next_span].start <= begin:
            open_claims[id(spans[next_span])] = spans[next_span]
            starting.append(spans[next_span])
            next_span += 1
        for key in [key for key, c in open_claims.items() if c.end <= begin]:
            del open_claims[key]
        text = body[begin:end]
        if not open_claims:
            pieces.append((html_format("{}", text),))
            continue
        covering = list(open_claims.values())
        pieces.append((_mark(covering, [c for c in starting if c.start == begin], text),))
    return html_join("", "{}", pieces)


def _mark(covering: list, starting: list, text: str) -> SafeString:
    title = " | ".join(claim_tooltip(c) for c in covering[:TOOLTIP_CLAIMS])
    if len(covering) > TOOLTIP_CLAIMS:
        title += " | " + _("and %(count)s more") % {"count": len(covering) - TOOLTIP_CLAIMS}
    # One id per element: the first claim starting here names the mark, any other claim
    # starting at the same offset gets an empty anchor just before it.
    anchors = html_join(
        "", '<span class="anchor" id="claim-{}"></span>', ((c.pk,) for c in starting[1:])
    )
    first = covering[0]
    return html_format(
        '{anchors}<mark class="claim-mark status-{status}{overlap}"{id} '
        'data-claims="{claims}" tabindex="-1"><a href="#note-{pk}" title="{title}">'
        "{text}</a></mark>",
        anchors=anchors,
        status=first.status,
        overlap=" overlap" if len(covering) > 1 else "",
        id=SafeString(f' id="claim-{starting[0].pk}"') if starting else "",
        claims=" ".join(str(c.pk) for c in covering),
        pk=first.pk,
        title=title,
        text=text,
    )
