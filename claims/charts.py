"""Server-rendered SVG range chart of a measure's figures: points, bars and open-ended arrows."""

from __future__ import annotations

import math
from collections.abc import Sequence

from django.utils.safestring import SafeString, mark_safe

from claims.display import figure_text, format_number, outlet_label, speaker_label
from claims.html import html_format, html_join
from claims.intervals import INFINITY, claim_interval

ROW = 26
LABEL_WIDTH = 260
PLOT_WIDTH = 520
VALUE_WIDTH = 220
PAD = 24
AXIS = 30
TICKS = 5


def nice_ticks(low: float, high: float, count: int = TICKS) -> list[float]:
    """Round tick values (steps of 1, 2 or 5 × 10^k) covering [low, high]."""
    if high <= low:
        high = low + max(abs(low) * 0.2, 1)
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    ticks = []
    value = first
    while value <= high + step / 2 and len(ticks) <= count + 2:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(ticks[-1] + step)
    return ticks


def _scale(ticks: list[float]):
    low, high = ticks[0], ticks[-1]
    x0 = LABEL_WIDTH + PAD

    def x(value: float) -> float:
        return round(x0 + (min(value, high) - low) / (high - low) * PLOT_WIDTH, 1)

    return x


def range_chart(claims: Sequence) -> SafeString:
    """An SVG with one row per claim, labelled "outlet · speaker", on a shared linear axis.

    Exact figures are points, ranges and "about" figures bars, "more than"/"at least" arrows
    running off the right edge. Labels are text nodes (escaped) with `unicode-bidi: plaintext`
    so Arabic names read right to left inside a left-to-right chart.
    """
    rows = [(c, claim_interval(c)) for c in claims]
    rows = [(c, i) for c, i in rows if i is not None]
    if not rows:
        return mark_safe("")
    finite = [v for _, i in rows for v in (i.lower, i.upper) if v != INFINITY]
    ticks = nice_ticks(min(finite), max(finite))
    x = _scale(ticks)
    right = LABEL_WIDTH + PAD + PLOT_WIDTH
    height = AXIS + ROW * len(rows) + PAD
    parts: list[SafeString] = []
    for value in ticks:
        parts.append(
            html_format(
                '<line class="grid" x1="{x}" x2="{x}" y1="{top}" y2="{bottom}"/>'
                '<text class="tick" x="{x}" y="{label}" text-anchor="middle">{text}</text>',
                x=x(value),
                top=AXIS - 6,
                bottom=height - PAD + 4,
                label=AXIS - 12,
                text=format_number(value),
            )
        )
    for index, (claim, interval) in enumerate(rows):
        y = AXIS + ROW * index + ROW / 2
        outlet = outlet_label(claim)
        speaker = speaker_label(claim)
        figure = figure_text(claim)
        parts.append(
            html_format(
                '<g class="figure {kind}" data-claim="{pk}"><title>{title}</title>'
                '<text class="label" x="{lx}" y="{ty}" text-anchor="end">{label}</text>',
                kind=claim.qualifier,
                pk=claim.pk,
                title=f"{figure} · {speaker} · {outlet}",
                lx=LABEL_WIDTH,
                ty=y + 4,
                label=f"{outlet} · {speaker}",
            )
        )
        if interval.is_point:
            parts.append(
                html_format('<circle class="point" cx="{}" cy="{}" r="5"/>', x(interval.lower), y)
            )
        elif interval.is_open_ended:
            start = x(interval.lower)
            parts.append(
                html_format(
                    '<line class="arrow" x1="{s}" x2="{e}" y1="{y}" y2="{y}"/>'
                    '<path class="arrowhead" d="M{e},{y} l-8,-5 v10 z"/>'
                    '<circle class="{cls}" cx="{s}" cy="{y}" r="4"/>',
                    s=start,
                    e=right,
                    y=y,
                    cls="open-end" if interval.lower_open else "closed-end",
                )
            )
        else:
            left, width = x(interval.lower), x(interval.upper) - x(interval.lower)
            parts.append(
                html_format(
                    '<rect class="bar" x="{}" y="{}" width="{}" height="10" rx="3"/>',
                    left,
                    y - 5,
                    max(width, 2),
                )
            )
        parts.append(
            html_format(
                '<text class="value" x="{}" y="{}">{}</text></g>',
                right + 6 if interval.is_open_ended else x(interval.upper) + 9,
                y + 4,
                figure,
            )
        )
    body = html_join("", "{}", ((p,) for p in parts))
    return html_format(
        '<svg class="range-chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        'viewBox="0 0 {w} {h}" width="{w}" height="{h}" aria-label="{aria}">{body}</svg>',
        w=right + VALUE_WIDTH,
        h=height,
        aria=f"Range chart of {len(rows)} figures",
        body=body,
    )
