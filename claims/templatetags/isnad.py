"""Template filters for claims: figures as readers say them, relay chains, JSON-LD."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from articles.normalization import strip_bidi_controls
from claims import display
from claims.exports import json_ld
from claims.html import html_format, html_join

register = template.Library()


@register.filter
def figure(claim) -> str:
    """ "about 1,600", "between 1,000 and 1,400", "more than 90%"."""
    return display.figure_text(claim)


@register.filter
def speaker_label(claim) -> str:
    return display.speaker_label(claim)


@register.filter
def outlet_label(claim) -> str:
    return display.outlet_label(claim)


@register.filter
def relay_chain(claim) -> list[str]:
    """Speaker → relaying outlets in order → the article's outlet (relays are prefetched)."""
    return display.relay_chain(claim)


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
    return display.format_number(value)


@register.simple_tag
def chain(claim) -> SafeString:
    """The relay chain left to right, each name isolated so Arabic names keep their order."""
    names = html_join(" → ", "<bdi>{}</bdi>", ((name,) for name in relay_chain(claim)))
    return html_format('<span class="chain" dir="ltr">{}</span>', names)


def _detail_prefix(name: str) -> str:
    # "/claims/0/" → "/claims/": detail URLs end in "<pk>/"; reversing once per table, not per
    # cell, keeps a 100-row table cheap to render.
    return reverse(name, args=[0])[: -len("0/")]


@register.simple_tag
def claim_rows(claims, empty_text: str = "No claims match these filters.") -> SafeString:
    """The <tbody> rows of a claims table, built in Python (escaped by html_format)."""
    if not claims:
        return html_format('<tr><td colspan="8">{}</td></tr>', empty_text)
    urls = {
        name: _detail_prefix(name)
        for name in (
            "claim_detail",
            "measure_detail",
            "speaker_detail",
            "outlet_detail",
            "article_detail",
        )
    }
    rows = []
    for claim in claims:
        if claim.measure_id:
            measure = html_format(
                '<br><a class="measure" href="{}{}/">{}</a>',
                urls["measure_detail"],
                claim.measure_id,
                claim.measure.name,
            )
        else:
            measure = ""
        if claim.speaker_id:
            speaker = html_format(
                '<a href="{}{}/">{}</a>',
                urls["speaker_detail"],
                claim.speaker_id,
                claim.speaker.name,
            )
        else:
            speaker = display.speaker_label(claim)
        if claim.outlet_id:
            outlet = html_format(
                '<a href="{}{}/">{}</a>', urls["outlet_detail"], claim.outlet_id, claim.outlet.name
            )
        else:
            outlet = html_format('<span class="muted">{}</span>', display.outlet_label(claim))
        title = claim.article.title
        rows.append(
            html_format(
                '<tr id="claim-{pk}"><td class="figure"><a href="{claim_url}{pk}/" title="{quote}">'
                "{figure}</a></td>"
                '<td dir="auto">{counted}{measure}</td>'
                '<td dir="auto">{speaker}</td>'
                "<td>{chain}</td>"
                '<td dir="auto">{outlet}</td>'
                '<td dir="{direction}" lang="{language}">'
                '<a href="{article_url}{article}/#claim-{pk}">{title}</a></td>'
                '<td class="nowrap">{date}</td>'
                '<td><span class="status status-{status}">{status_label}</span></td></tr>',
                pk=claim.pk,
                claim_url=urls["claim_detail"],
                quote=strip_bidi_controls(claim.quote),  # a tooltip isolates nothing
                figure=figure(claim),
                counted=claim.counted,
                measure=measure,
                speaker=speaker,
                chain=chain(claim),
                outlet=outlet,
                direction=text_direction(claim.language),
                language=claim.language,
                article_url=urls["article_detail"],
                article=claim.article_id,
                title=title if len(title) <= 80 else title[:79] + "…",
                date=claim.published_on.isoformat() if claim.published_on else "—",
                status=claim.status,
                status_label=display.status_label(claim.status),
            )
        )
    return html_join("\n", "{}", ((row,) for row in rows))


@register.simple_tag
def comparison_rows(claims) -> SafeString:
    """Rows of a measure comparison group: figure, chain, article, date, status."""
    claim_url, article_url = _detail_prefix("claim_detail"), _detail_prefix("article_detail")
    return html_join(
        "\n",
        '<tr id="claim-{}"><td class="figure"><a href="{}{}/" title="{}">{}</a></td><td>{}</td>'
        '<td dir="{}"><a href="{}{}/#claim-{}">{}</a></td><td class="nowrap">{}</td>'
        '<td><span class="status status-{}">{}</span></td></tr>',
        (
            (
                claim.pk,
                claim_url,
                claim.pk,
                strip_bidi_controls(claim.quote),
                figure(claim),
                chain(claim),
                text_direction(claim.language),
                article_url,
                claim.article_id,
                claim.pk,
                Truncator(claim.article.title).chars(70),
                claim.published_on.isoformat() if claim.published_on else "—",
                claim.status,
                display.status_label(claim.status),
            )
            for claim in claims
        ),
    )


@register.filter
def next_sort(current: str, field: str) -> str:
    """The sort a column header switches to: descending first, then ascending."""
    return field if current == f"-{field}" else f"-{field}"
