"""Claims leaving Isnad: CSV and JSON exports of a filtered view, ClaimReview JSON-LD."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from itertools import chain, islice

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from articles.normalization import strip_bidi_controls
from claims.choices import ON_SCALE, VerdictRating
from claims.display import figure_label, figure_text, outlet_label, speaker_label


# Rows per export (settings): signed-in users up to ISNAD_EXPORT_ROWS; anonymous requests a
# smaller ISNAD_ANONYMOUS_EXPORT_ROWS, so that one cannot cost the server 16 s and 50 MB (the
# whole table at 120k claims) each time. Narrow the filter for more.
def row_limit(user) -> int:
    """How many rows this user's export may hold."""
    if user.is_authenticated:
        return settings.ISNAD_EXPORT_ROWS
    return settings.ISNAD_ANONYMOUS_EXPORT_ROWS


COLUMNS = [
    "id",
    "figure",
    "qualifier",
    "value",
    "lower",
    "upper",
    "unit",
    "counted",
    "quote",
    "speaker",
    "relay_chain",
    "outlet",
    "article_id",
    "article_title",
    "article_url",
    "published_on",
    "language",
    "measure",
    "status",
]


def claim_record(claim) -> dict:
    """One claim as an export row (plain values, relay chain as a list of outlet names)."""
    return {
        "id": claim.pk,
        "figure": figure_text(claim),
        "qualifier": claim.qualifier,
        "value": claim.value,
        "lower": claim.lower,
        "upper": claim.upper,
        "unit": claim.unit,
        "counted": claim.counted,
        "quote": claim.quote,
        "speaker": speaker_label(claim),
        "relay_chain": [relay.outlet.name for relay in claim.relays.all()],
        "outlet": outlet_label(claim),
        "article_id": claim.article_id,
        "article_title": claim.article.title,
        "article_url": claim.article.url,
        "published_on": claim.published_on.isoformat() if claim.published_on else None,
        "language": claim.language,
        "measure": claim.measure.name if claim.measure else None,
        "status": claim.status,
    }


def _records(claims, limit: int) -> Iterator[dict]:
    for claim in claims.listing()[:limit].iterator(chunk_size=2000):
        yield claim_record(claim)


def _started(records: Iterator[dict]) -> Iterator[dict]:
    """The records with the query already run: called in the view, before the response starts,
    so that a query the database refuses is an error status, never a 200 cut short."""
    first = list(islice(records, 1))
    return chain(first, records)


class _Echo:
    def write(self, value: str) -> str:
        return value


STREAM_BATCH = 500  # rows per streamed chunk: one write per row costs more than the row


def _batched(lines: Iterator[str]) -> Iterator[str]:
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= STREAM_BATCH:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


def csv_rows(claims, limit: int) -> Iterator[str]:
    """CSV lines, starting with a UTF-8 byte order mark so that Excel shows Arabic.

    The query runs when this is called; the lines are produced as the response is sent.
    """
    return _csv_lines(_started(_records(claims, limit)))


# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(...), +cmd|...,
# -2+3, @SUM(...)); tab and carriage return are read as the start of one too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A value as a CSV cell: text without bidi controls (a U+202E reversed the cells after it)
    and, when it starts like a formula, quoted with a leading apostrophe, as OWASP advises, so
    that a spreadsheet shows it as text. Numbers stay numbers."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    text = strip_bidi_controls(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# The CSV's header row in the reader's language (the JSON export keeps COLUMNS as its keys,
# for programs).
COLUMN_HEADERS = {
    "id": gettext_lazy("id"),
    "figure": gettext_lazy("figure"),
    "qualifier": gettext_lazy("qualifier"),
    "value": gettext_lazy("value"),
    "lower": gettext_lazy("lower bound"),
    "upper": gettext_lazy("upper bound"),
    "unit": gettext_lazy("unit"),
    "counted": gettext_lazy("what is counted"),
    "quote": gettext_lazy("quote"),
    "speaker": gettext_lazy("speaker"),
    "relay_chain": gettext_lazy("relay chain"),
    "outlet": gettext_lazy("outlet"),
    "article_id": gettext_lazy("article id"),
    "article_title": gettext_lazy("article title"),
    "article_url": gettext_lazy("article URL"),
    "published_on": gettext_lazy("published on"),
    "language": gettext_lazy("language"),
    "measure": gettext_lazy("measure"),
    "status": gettext_lazy("status"),
}


def _csv_lines(records: Iterator[dict]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([str(COLUMN_HEADERS[c]) for c in COLUMNS])

    def lines() -> Iterator[str]:
        for record in records:
            record["relay_chain"] = " → ".join(record["relay_chain"])
            yield writer.writerow([csv_cell(record[c]) for c in COLUMNS])

    yield from _batched(lines())


def json_chunks(claims, limit: int) -> Iterator[str]:
    """A JSON list of claim records, streamed in batches (the query runs when called)."""
    return _json_list(_started(_records(claims, limit)))


def _json_list(records: Iterator[dict]) -> Iterator[str]:
    yield "["
    yield from _batched(
        ("," if index else "") + json.dumps(record, ensure_ascii=False, allow_nan=False)
        for index, record in enumerate(records)
    )
    yield "]"


def errors_text(errors) -> str:
    return "\n".join(f"{field}: {' '.join(messages)}" for field, messages in errors.items())


def figure_list(joined: str | None) -> list[dict]:
    """Matrix cell figures from "status:qualifier:value:lower:upper|…" (see
    ClaimQuerySet.matrix_cells) to distinct {"label", "status"} entries, lowest figure first."""
    entries: dict[tuple, dict] = {}
    for item in (joined or "").split("|"):
        parts = item.split(":")
        if len(parts) != 5:
            continue
        status, qualifier, *numbers = parts
        value, lower, upper = (float(n) if n else None for n in numbers)
        sort_key = next((n for n in (value, lower, upper) if n is not None), 0.0)
        label = figure_label(qualifier, value, lower, upper)
        entries[(sort_key, qualifier, label, status)] = {"label": label, "status": status}
    return [entries[key] for key in sorted(entries, key=lambda k: (k[0], k[1], k[3]))]


# ClaimReview's alternateName, in English whatever the reader's language: it is what search
# engines show and what other fact-checkers' tools read.
RATING_NAMES = {
    VerdictRating.FALSE: "False",
    VerdictRating.MOSTLY_FALSE: "Mostly false",
    VerdictRating.MIXED: "Mixed",
    VerdictRating.MOSTLY_TRUE: "Mostly true",
    VerdictRating.TRUE: "True",
    VerdictRating.COMPATIBLE: "Figures compatible",
    VerdictRating.DIFFERENT_QUESTIONS: "Different questions",
}


def review_rating(rating: int) -> dict:
    """schema.org Rating of a verdict: on the 1–5 scale a ratingValue with its bounds; the
    ratings that are no point on that scale ("figures compatible", "different questions") only
    their name, since a number would claim a degree of truth the verdict does not give."""
    rating_ = {"@type": "Rating", "alternateName": RATING_NAMES.get(rating, "")}
    if rating in ON_SCALE:
        rating_.update({"ratingValue": rating, "bestRating": 5, "worstRating": 1})
    return rating_


def claim_review(verdict, claim, request: HttpRequest, measure=None) -> dict:
    """A schema.org ClaimReview for a verdict on a claim (or on a whole measure)."""
    subject = claim or verdict.claim
    if subject is not None:
        url = request.build_absolute_uri(reverse("claim_detail", args=[subject.pk]))
        figure = figure_text(subject)
        reviewed = subject.quote or figure
    else:
        measure = measure or verdict.measure
        url = request.build_absolute_uri(reverse("measure_detail", args=[measure.pk]))
        reviewed = measure.name
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": reviewed,
        "author": {"@type": "Organization", "name": "Isnad"},
        "reviewRating": review_rating(verdict.rating),
        "reviewBody": verdict.summary,
    }
    if verdict.published_at:
        review["datePublished"] = verdict.published_at.date().isoformat()
    if subject is not None:
        appearance = {"@type": "CreativeWork", "headline": subject.article.title}
        if subject.article.url:
            appearance["url"] = subject.article.url
        if subject.outlet:
            appearance["publisher"] = {"@type": "Organization", "name": subject.outlet.name}
        if subject.published_on:
            appearance["datePublished"] = subject.published_on.isoformat()
        review["itemReviewed"] = {
            "@type": "Claim",
            "appearance": appearance,
            "author": {
                "@type": "Person",
                "name": subject.speaker.name if subject.speaker else subject.speaker_text,
            },
        }
    return review


_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(reviews: list[dict]) -> SafeString:
    """<script type="application/ld+json"> blocks, escaped the way json_script escapes."""
    if not reviews:
        return mark_safe("")
    payload = json.dumps(
        reviews if len(reviews) > 1 else reviews[0], ensure_ascii=False, allow_nan=False
    )
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(_JSON_ESCAPES)),
    )
