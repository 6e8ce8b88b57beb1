"""Template filters for claims: figures as readers say them, relay chains, JSON-LD."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from articles.normalization import strip_bidi_controls
from articles.reading import text_direction
from articles.templatetags import reading as reading_filters
from claims import display
from claims.choices import Status
from claims.exports import json_ld
from claims.html import html_format, html_join

register = template.Library()
# The reading filters (num, day, arrow, text_direction, outlet_display) under this library too,
# so that a claims template loads one library.
for _name, _filter in reading_filters.register.filters.items():
    register.filter(_name, _filter)


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
def ratio(value) -> str:
    """A spread ratio, two decimals, in the reader's digits: 1.6 → "1.60"."""
    return display.localize_digits(f"{value:.2f}") if value is not None else ""


@register.filter
def unit_word(unit: str) -> str:
    """A measure's unit in the reader's language ("people", "أشخاص")."""
    return display.unit_label(unit, None)


@register.filter
def claim_url(pk: int) -> str:
    return reverse("claim_detail", args=[pk])


@register.filter
def status_definition(status: str) -> str:
    return display.status_definition(status)


@register.filter
def quote_context(claim) -> tuple[str, str, str]:
    """(text before, quote, text after), cut at sentence or word boundaries."""
    return display.quote_context(claim)


@register.filter
def citation(claim) -> str:
    """The claim as a citation to copy (outlet, date, URL, quote, chain, status)."""
    return display.citation(claim)


@register.filter
def relay_chain(claim) -> list[str]:
    """Speaker → relaying outlets in order → the article's outlet (relays are prefetched)."""
    return display.relay_chain(claim)


@register.filter
def jsonld(reviews: list[dict]) -> SafeString:
    return json_ld(reviews)


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template, None when absent."""
    return mapping.get(key) if mapping else None


@register.filter
def number(value) -> str:
    """1600.0 → "1,600" (Arabic-Indic digits in Arabic, see display.format_number)."""
    return display.format_number(value)


@register.filter
def field_label(form, name: str) -> str:
    """The label of a form's field, for error messages ("Published by: …")."""
    field = form.fields.get(name)
    return str(field.label) if field is not None and field.label else name


CHAIN_LINK_CLASSES = {
    "speaker": "speaker",
    "narrator": "narrator muted",
    "relay": "relay",
    "outlet": "publisher",
    "not_stated": "publisher not-stated",
}


@register.simple_tag
def chain(claim, urls: dict[str, str] | None = None) -> SafeString:
    """The relay chain in reading order, each name isolated (<bdi>) so Arabic and Latin names
    keep their own order; speakers and outlets link to their pages, relays are marked."""
    urls = urls or _chain_urls()
    arrow = " ← " if get_language_bidi() else " → "
    parts = []
    for link in display.chain_links(claim):
        css = CHAIN_LINK_CLASSES[link.role]
        if link.pk is not None:
            page = urls["speaker_detail" if link.role == "speaker" else "outlet_detail"]
            parts.append(
                html_format(
                    '<a class="{}" href="{}{}/"><bdi>{}</bdi></a>', css, page, link.pk, link.name
                )
            )
        else:
            parts.append(html_format('<bdi class="{}">{}</bdi>', css, link.name))
    return html_format('<span class="chain">{}</span>', SafeString(arrow.join(parts)))


def _chain_urls() -> dict[str, str]:
    return {name: _detail_prefix(name) for name in ("speaker_detail", "outlet_detail")}


def _detail_prefix(name: str) -> str:
    # "/claims/0/" → "/claims/": detail URLs end in "<pk>/"; reversing once per table, not per
    # cell, keeps a 100-row table cheap to render.
    return reverse(name, args=[0])[: -len("0/")]


def _row_urls() -> dict[str, str]:
    return {
        name: _detail_prefix(name)
        for name in (
            "claim_detail",
            "measure_detail",
            "speaker_detail",
            "outlet_detail",
            "article_detail",
        )
    }


def _date_cell(claim) -> SafeString:
    if claim.published_on is None:
        return html_format('<span class="muted">{}</span>', display.DATE_NOT_STATED)
    return html_format(
        '<time datetime="{}">{}</time>',
        claim.published_on.isoformat(),
        display.format_date(claim.published_on),
    )


@register.simple_tag
def claim_rows(claims, empty_text: str = "") -> SafeString:
    """The <tbody> rows of a claims table, built in Python (escaped by html_format).

    Each cell carries its column's name (`data-label`), shown before it when a phone lays the
    rows out as cards.
    """
    if not claims:
        return html_format(
            '<tr><td colspan="8">{}</td></tr>', empty_text or _("No claims match these filters.")
        )
    urls = _row_urls()
    labels = {
        "figure": _("Figure"),
        "counted": _("What is counted"),
        "speaker": _("Speaker"),
        "chain": _("Relay chain"),
        "outlet": _("Outlet"),
        "article": _("Article"),
        "date": _("Date"),
        "status": _("Status"),
    }
    rows = []
    for claim in claims:
        if claim.measure_id:
            measure = html_format(
                '<br><a class="measure" href="{}{}/" dir="auto">{}</a>',
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
        elif claim.speaker_text:
            speaker = display.speaker_label(claim)
        else:
            speaker = html_format('<span class="muted">{}</span>', display.speaker_label(claim))
        if claim.outlet_id:
            outlet = html_format(
                '<a href="{}{}/">{}</a>',
                urls["outlet_detail"],
                claim.outlet_id,
                display.outlet_label(claim),
            )
        else:
            outlet = html_format(
                '<span class="muted not-stated">{}</span>', display.outlet_label(claim)
            )
        title = claim.article.title
        rows.append(
            html_format(
                '<tr id="claim-{pk}" class="row-{status}">'
                '<td class="figure" data-label="{l_figure}"><a class="fig fig-{status}" '
                'href="{claim_url}{pk}/" title="{quote}">{figure}</a></td>'
                '<td data-label="{l_counted}"><bdi>{counted}</bdi>{measure}</td>'
                '<td data-label="{l_speaker}"><bdi>{speaker}</bdi></td>'
                '<td data-label="{l_chain}">{chain}</td>'
                '<td data-label="{l_outlet}"><bdi>{outlet}</bdi></td>'
                '<td data-label="{l_article}"><a dir="{direction}" lang="{language}" '
                'href="{article_url}{article}/#claim-{pk}">{title}</a></td>'
                '<td class="nowrap" data-label="{l_date}">{date}</td>'
                '<td data-label="{l_status}">{status_badge}</td></tr>',
                pk=claim.pk,
                claim_url=urls["claim_detail"],
                quote=strip_bidi_controls(claim.quote),  # a tooltip isolates nothing
                figure=figure(claim),
                counted=claim.counted,
                measure=measure,
                speaker=speaker,
                chain=chain(claim, urls),
                outlet=outlet,
                direction=text_direction(claim.language),
                language=claim.language,
                article_url=urls["article_detail"],
                article=claim.article_id,
                title=title if len(title) <= 80 else title[:79] + "…",
                date=_date_cell(claim),
                status=claim.status,
                status_badge=status_badge(claim.status),
                **{f"l_{key}": label for key, label in labels.items()},
            )
        )
    return html_join("\n", "{}", ((row,) for row in rows))


@register.simple_tag
def comparison_rows(claims) -> SafeString:
    """Rows of a measure comparison group: figure, quote, chain, article, date, status, and a
    button that copies the claim's citation (static/js/isnad.js)."""
    urls = _row_urls()
    labels = {
        "figure": _("Figure"),
        "quote": _("Quote"),
        "chain": _("Relay chain"),
        "article": _("Article"),
        "date": _("Published"),
        "status": _("Status"),
    }
    copy = _("Copy citation")
    rows = []
    for claim in claims:
        before, quote, after = display.quote_context(claim, words=6)
        rows.append(
            html_format(
                '<tr id="claim-{pk}" class="row-{status}">'
                '<td class="figure" data-label="{l_figure}"><a class="fig fig-{status}" '
                'href="{claim_url}{pk}/">{figure}</a></td>'
                '<td class="quote-cell" data-label="{l_quote}"><q dir="{direction}" '
                'lang="{language}">{before}<mark>{quote}</mark>{after}</q></td>'
                '<td data-label="{l_chain}">{chain}</td>'
                '<td data-label="{l_article}"><a dir="{direction}" lang="{language}" '
                'href="{article_url}{article}/#claim-{pk}">{title}</a></td>'
                '<td class="nowrap" data-label="{l_date}">{date}</td>'
                '<td data-label="{l_status}">{status_badge} '
                '<button type="button" class="copy-citation" data-citation="{citation}" '
                'data-permalink="{claim_url}{pk}/">'
                "{copy}</button></td></tr>",
                pk=claim.pk,
                claim_url=urls["claim_detail"],
                figure=figure(claim),
                before=before,
                quote=quote,
                after=after,
                chain=chain(claim, urls),
                direction=text_direction(claim.language),
                language=claim.language,
                article_url=urls["article_detail"],
                article=claim.article_id,
                title=Truncator(claim.article.title).chars(70),
                date=_date_cell(claim),
                status=claim.status,
                status_badge=status_badge(claim.status),
                citation=display.citation(claim),
                copy=copy,
                **{f"l_{key}": label for key, label in labels.items()},
            )
        )
    return html_join("\n", "{}", ((row,) for row in rows))


@register.simple_tag
def status_badge(status: str) -> SafeString:
    """The status as a badge: its mark and name, its definition on hover (and in the legend)."""
    return html_format(
        '<span class="status status-{}" title="{}"><span aria-hidden="true">{}</span> {}</span>',
        status,
        display.status_definition(status),
        display.status_mark(status),
        display.status_label(status),
    )


@register.simple_tag
def status_figure(label: str, status: str) -> SafeString:
    """A figure styled by its status, the status also in words for screen readers."""
    return html_format(
        '<span class="fig fig-{}" title="{}">{}<span class="fig-mark" aria-hidden="true">{}'
        '</span><span class="visually-hidden"> ({})</span></span>',
        status,
        display.status_label(status),
        label,
        display.status_mark(status),
        display.status_label(status),
    )


@register.inclusion_tag("claims/_status_legend.html")
def status_legend(open_: bool = False) -> dict:
    """The legend of curation statuses: mark, name and what each means here."""
    return {
        "statuses": [
            {
                "value": status,
                "label": display.status_label(status),
                "mark": display.status_mark(status),
                "definition": display.status_definition(status),
            }
            for status in (
                Status.VERIFIED,
                Status.DISPUTED,
                Status.EXTRACTED,
                Status.IN_REVIEW,
                Status.REJECTED,
            )
        ],
        "open": open_,
    }


@register.filter
def next_sort(current: str, field: str) -> str:
    """The sort a column header switches to: descending first, then ascending."""
    return field if current == f"-{field}" else f"-{field}"


@register.filter
def display_name(measure) -> str:
    """A measure's name in the page's language (Measure.display_name), else its name."""
    return measure.display_name() if measure else ""
