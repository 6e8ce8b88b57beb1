"""Article text with claims highlighted at their offsets: escaped, overlapping spans split."""

from __future__ import annotations

from types import SimpleNamespace

from claims.highlight import highlighted_body


def claim(pk, start, end, value=1.0):
    return SimpleNamespace(
        pk=pk,
        start=start,
        end=end,
        qualifier="exact",
        value=value,
        lower=None,
        upper=None,
        unit="",
        counted="",
        speaker=None,
        speaker_text="باشاغا",
        status="verified",
    )


def test_spans_are_marked_and_text_kept():
    body = "قال إن 1600 غادروا"
    html = highlighted_body(body, [claim(7, 7, 11, 1600)])
    assert html == (
        'قال إن <mark class="claim-mark status-verified" id="claim-7" data-claims="7" '
        'tabindex="-1"><a href="#note-7" title="1,600 · باشاغا · verified">1600</a></mark> غادروا'
    )


def test_overlapping_spans_are_split_at_every_boundary():
    body = "0123456789"
    html = highlighted_body(body, [claim(1, 2, 6), claim(2, 4, 8)])
    assert 'data-claims="1"' in html and 'data-claims="1 2"' in html
    assert html.count("<mark") == 3
    # Each claim has one anchor where it begins: the target of "show in the article".
    assert html.count('id="claim-1"') == 1 and html.count('id="claim-2"') == 1
    assert html.startswith("01<mark") and html.endswith("</mark>89")


def test_text_is_escaped_and_bad_offsets_ignored():
    body = "<b>5</b>"
    html = highlighted_body(body, [claim(1, 3, 4), claim(2, 5, 99)])
    assert html.startswith("&lt;b&gt;<mark")
    assert 'id="claim-2"' not in html and 'data-claims="2"' not in html


def test_claims_starting_at_the_same_offset_each_get_an_anchor():
    body = "0123456789"
    html = highlighted_body(body, [claim(1, 2, 6), claim(2, 2, 4)])
    assert html.count('id="claim-1"') == 1 and html.count('id="claim-2"') == 1
