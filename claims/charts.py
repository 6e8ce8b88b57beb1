"""Server-rendered SVG range chart of a measure's figures: points, bars, arrows and open bands.

Two drawings of the same rows: a wide one (labels beside the bars) and a narrow one for phones
(labels above the bars, text at a readable size on a 390 px screen); the stylesheet shows one.
Each figure is styled by its curation status (claims.display words what each status means) and
carries its status as a mark in its value label, so that status is never told by colour alone.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from claims.choices import Qualifier
from claims.display import figure_text, format_number, outlet_label, speaker_label, status_mark
from claims.html import html_format, html_join
from claims.intervals import INFINITY, Interval, claim_interval

TICKS = 5


@dataclass(frozen=True)
class Layout:
    """Where things go: label column, plot and value column widths, row height, font size."""

    name: str
    label_width: int
    plot_width: int
    value_width: int
    row: int
    pad: int
    axis: int
    label_above: bool  # narrow: the label on its own line above the bar

    @property
    def plot_left(self) -> int:
        return self.pad if self.label_above else self.label_width + self.pad

    @property
    def plot_right(self) -> int:
        return self.plot_left + self.plot_width

    @property
    def width(self) -> int:
        return self.plot_right + self.value_width


WIDE = Layout("wide", 260, 520, 220, 26, 24, 30, label_above=False)
# 360 units drawn about 360 px wide on a phone: 13-unit text stays 13 px.
NARROW = Layout("narrow", 0, 300, 40, 44, 14, 28, label_above=True)
NARROW_LABEL_CHARS = 46


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


def _scale(ticks: list[float], layout: Layout):
    low, high = ticks[0], ticks[-1]

    def x(value: float) -> float:
        return round(
            layout.plot_left + (min(value, high) - low) / (high - low) * layout.plot_width, 1
        )

    return x


def range_chart(claims: Sequence) -> SafeString:
    """The wide and the narrow drawing of the figures, one row per claim, on a shared axis.

    Exact figures are points, ranges and "about" figures bars, "more than"/"at least" arrows
    running off the right edge, vague plurals ("thousands") an open band with no hard ends.
    Labels are text nodes (escaped) with `unicode-bidi: plaintext` so Arabic names read right
    to left inside a left-to-right axis.
    """
    rows = [(c, claim_interval(c)) for c in claims]
    rows = [(c, i) for c, i in rows if i is not None]
    if not rows:
        return mark_safe("")
    finite = [v for _c, i in rows for v in (i.lower, i.upper) if v != INFINITY]
    ticks = nice_ticks(min(finite), max(finite))
    aria = ngettext(
        "Range chart of %(n)s figure; the same figures are listed in the table below it.",
        "Range chart of %(n)s figures; the same figures are listed in the table below it.",
        len(rows),
    ) % {"n": format_number(len(rows))}
    return html_join(
        "", "{}", ((_drawing(rows, ticks, layout, aria),) for layout in (WIDE, NARROW))
    )


def _drawing(rows: list[tuple], ticks: list[float], layout: Layout, aria: str) -> SafeString:
    x = _scale(ticks, layout)
    height = layout.axis + layout.row * len(rows) + layout.pad
    parts: list[SafeString] = []
    for number, value in enumerate(ticks):
        # On the narrow drawing the end ticks' labels stay inside the frame.
        anchor = "middle"
        if layout.label_above and number == 0:
            anchor = "start"
        elif layout.label_above and number == len(ticks) - 1:
            anchor = "end"
        parts.append(
            html_format(
                '<line class="grid" x1="{x}" x2="{x}" y1="{top}" y2="{bottom}"/>'
                '<text class="tick" x="{x}" y="{label}" text-anchor="{anchor}">{text}</text>',
                anchor=anchor,
                x=x(value),
                top=layout.axis - 6,
                bottom=height - layout.pad + 4,
                label=layout.axis - 12,
                text=format_number(value),
            )
        )
    for index, (claim, interval) in enumerate(rows):
        parts.append(_row(claim, interval, index, x, layout))
    body = html_join("", "{}", ((p,) for p in parts))
    return html_format(
        '<svg class="range-chart {name}" xmlns="http://www.w3.org/2000/svg" role="img" '
        'viewBox="0 0 {w} {h}" width="{w}" height="{h}" aria-label="{aria}">{body}</svg>',
        name=layout.name,
        w=layout.width,
        h=height,
        aria=aria,
        body=body,
    )


def _row(claim, interval: Interval, index: int, x, layout: Layout) -> SafeString:
    top = layout.axis + layout.row * index
    y = top + layout.row - 14 if layout.label_above else top + layout.row / 2
    figure = figure_text(claim)
    mark = status_mark(claim.status) if hasattr(claim, "status") else ""
    label = f"{outlet_label(claim)} · {speaker_label(claim)}"
    status = getattr(claim, "status", "")
    parts = [
        html_format(
            '<g class="figure {kind} status-{status}" data-claim="{pk}"><title>{title}</title>',
            kind=claim.qualifier,
            status=status,
            pk=claim.pk,
            title=f"{figure} · {label}",
        )
    ]
    if layout.label_above:
        text = f"{figure} {mark} · {label}".replace("  ", " ")
        if len(text) > NARROW_LABEL_CHARS:
            text = text[: NARROW_LABEL_CHARS - 1] + "…"
        parts.append(
            html_format('<text class="label" x="{}" y="{}">{}</text>', layout.pad, top + 14, text)
        )
    else:
        parts.append(
            html_format(
                '<text class="label" x="{}" y="{}" text-anchor="end">{}</text>',
                layout.label_width,
                y + 4,
                label,
            )
        )
    parts.append(_mark(claim, interval, y, x, layout))
    if not layout.label_above:
        parts.append(
            html_format(
                '<text class="value" x="{}" y="{}">{} {}</text>',
                layout.plot_right + 6 if interval.is_open_ended else x(interval.upper) + 9,
                y + 4,
                figure,
                mark,
            )
        )
    parts.append(mark_safe("</g>"))
    return html_join("", "{}", ((p,) for p in parts))


def _mark(claim, interval: Interval, y: float, x, layout: Layout) -> SafeString:
    """The figure's shape: a point, a bar, an arrow to the edge, or an open band (vague)."""
    if claim.qualifier == Qualifier.VAGUE:
        left = x(interval.lower)
        right = layout.plot_right if interval.is_open_ended else x(interval.upper)
        # No end strokes: the band's bounds are a rule's reading of "thousands", not a figure.
        return html_format(
            '<rect class="band" x="{l}" y="{t}" width="{w}" height="10"/>'
            '<line class="band-edge" x1="{l}" x2="{r}" y1="{t}" y2="{t}"/>'
            '<line class="band-edge" x1="{l}" x2="{r}" y1="{b}" y2="{b}"/>',
            l=left,
            r=right,
            t=y - 5,
            b=y + 5,
            w=max(right - left, 2),
        )
    if interval.is_point:
        return html_format('<circle class="point" cx="{}" cy="{}" r="5"/>', x(interval.lower), y)
    if interval.is_open_ended:
        start = x(interval.lower)
        return html_format(
            '<line class="arrow" x1="{s}" x2="{e}" y1="{y}" y2="{y}"/>'
            '<path class="arrowhead" d="M{e},{y} l-8,-5 v10 z"/>'
            '<circle class="{cls}" cx="{s}" cy="{y}" r="4"/>',
            s=start,
            e=layout.plot_right,
            y=y,
            cls="open-end" if interval.lower_open else "closed-end",
        )
    left, width = x(interval.lower), x(interval.upper) - x(interval.lower)
    return html_format(
        '<rect class="bar" x="{}" y="{}" width="{}" height="10" rx="3"/>',
        left,
        y - 5,
        max(width, 2),
    )


def chart_rows(claims: Sequence) -> list[dict]:
    """The chart as rows of a table (its text equivalent): who, the figure as said, the values
    it allows, its status."""
    rows = []
    for claim in claims:
        interval = claim_interval(claim)
        if interval is None:
            continue
        if claim.qualifier == Qualifier.VAGUE:
            allows = _("a vague plural: no stated bounds")
        elif interval.is_point:
            allows = format_number(interval.lower)
        elif interval.is_open_ended:
            allows = (_("above %(n)s") if interval.lower_open else _("%(n)s or more")) % {
                "n": format_number(interval.lower)
            }
        else:
            allows = _("%(low)s to %(high)s") % {
                "low": format_number(interval.lower),
                "high": format_number(interval.upper),
            }
        rows.append(
            {
                "claim": claim,
                "figure": figure_text(claim),
                "outlet": outlet_label(claim),
                "speaker": speaker_label(claim),
                "allows": allows,
            }
        )
    return rows
