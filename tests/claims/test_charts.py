"""The SVG range chart: one row per figure, points, bars and arrows, labels escaped."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from claims.charts import chart_rows, nice_ticks, range_chart


def claim(
    pk,
    qualifier,
    value=None,
    lower=None,
    upper=None,
    outlet="Reuters",
    speaker="باشاغا",
    status="verified",
):
    return SimpleNamespace(
        pk=pk,
        qualifier=qualifier,
        value=value,
        lower=lower,
        upper=upper,
        unit="",
        outlet=SimpleNamespace(name=outlet) if outlet else None,
        speaker=SimpleNamespace(name=speaker),
        speaker_text="",
        status=status,
    )


def test_each_kind_of_figure_has_its_mark():
    svg = range_chart(
        [
            claim(1, "exact", 1000, 1000, 1000),
            claim(2, "approx", 1600),
            claim(3, "more_than", 1400, 1400),
            claim(4, "range", None, 1000, 1400),
        ]
    )
    # Two drawings of the same rows: beside the bars (wide) and above them (phones).
    wide, narrow = svg.split("</svg>")[:2]
    assert 'class="range-chart wide"' in wide and 'class="range-chart narrow"' in narrow
    for drawing in (wide, narrow):
        assert drawing.count('<g class="figure') == 4
        assert drawing.count('class="point"') == 1
        assert drawing.count('class="bar"') == 2
        assert 'class="arrowhead"' in drawing and 'class="open-end"' in drawing
    assert "more than 1,400" in svg and "باشاغا" in svg


def test_status_shows_in_class_and_mark_and_vague_figures_are_open_bands():
    svg = range_chart(
        [
            claim(1, "exact", 1000, 1000, 1000, status="verified"),
            claim(2, "exact", 1400, 1400, 1400, status="extracted"),
            claim(3, "vague", None, 2000, 9999, status="disputed"),
        ]
    )
    assert 'class="figure exact status-verified"' in svg and "1,000 ✓" in svg
    assert 'class="figure exact status-extracted"' in svg and "1,400 ○" in svg
    # "thousands" as said: an open band (no end strokes) and no 9,999 in its label.
    assert 'class="band"' in svg and svg.count('class="band-edge"') == 4
    assert "thousands !" in svg and "9,999" not in svg.split('class="figure vague')[1]


def test_the_chart_as_a_table():
    rows = chart_rows(
        [
            claim(1, "approx", 1600),
            claim(2, "more_than", 1000, 1000),
            claim(3, "vague", None, 2000, 9999),
        ]
    )
    assert [r["allows"] for r in rows] == [
        "1,440 to 1,760",
        "above 1,000",
        "a vague plural: no stated bounds",
    ]
    assert rows[0]["outlet"] == "Reuters" and rows[0]["speaker"] == "باشاغا"


def test_labels_are_escaped():
    svg = range_chart([claim(1, "exact", 5, 5, 5, outlet="<script>x</script>")])
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_no_figures_no_chart():
    assert range_chart([]) == ""


@pytest.mark.parametrize(
    ("low", "high", "ticks"),
    [
        (1000, 1760, [1000, 1200, 1400, 1600, 1800]),
        (0, 3, [0, 1, 2, 3]),
        (0.2, 0.9, [0.2, 0.4, 0.6, 0.8, 1.0]),
    ],
)
def test_nice_ticks(low, high, ticks):
    assert nice_ticks(low, high) == pytest.approx(ticks)


def test_one_value_still_gets_an_axis():
    ticks = nice_ticks(5, 5)
    assert ticks[0] <= 5 <= ticks[-1] and len(ticks) > 1
