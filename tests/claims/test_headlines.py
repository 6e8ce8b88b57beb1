"""Headline figures linked to the body figure they repeat (claims.extraction.headlines)."""

from __future__ import annotations

import pytest

from claims.extraction import extract_claims


def headline_link(text: str):
    claims = extract_claims(text)
    end = text.index("\n")
    (head,) = [c for c in claims if c.start < end]
    return head, [c for c in claims if c.start >= end]


@pytest.mark.parametrize(
    ("text", "body_quote"),
    [
        (
            "وفاة 12 شخصا بسبب الحر\nأعلنت وزارة الصحة ارتفاع عدد الوفيات إلى 12 حالة.",
            "12 حالة",
        ),
        (
            "أكثر من مليون نازح\nوقالت المفوضية إن عدد النازحين بلغ مليونا و200 ألف شخص.",
            "مليونا و200 ألف شخص",
        ),
        (
            "Storm leaves thousands without power\n"
            "The utility said 4,500 homes were without power, and 30 roads were closed.",
            "4,500 homes",
        ),
        (
            "Prices up 3.1% in May\nThe statistics office said prices rose 3.1 percent.",
            "3.1 percent",
        ),
    ],
)
def test_a_headline_figure_repeats_the_body_figure(text, body_quote):
    head, body = headline_link(text)
    (repeated,) = [c for c in body if c.quote == body_quote]
    assert head.repeats == (repeated.start, repeated.end)
    assert head.speaker == repeated.speaker is not None


@pytest.mark.parametrize(
    "text",
    [
        "Storm kills 3\nThe storm damaged 40 homes and 12 schools.",  # no body figure it can be
        "Talks fail after eight months\nThe 8% rise was the first since May.",  # another measure
    ],
)
def test_a_headline_figure_the_body_does_not_repeat_stays_alone(text):
    head, _ = headline_link(text)
    assert head.repeats is None
