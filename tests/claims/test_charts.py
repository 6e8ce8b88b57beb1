"""The SVG range chart: one row per figure, points, bars and arrows, labels escaped."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from claims.charts import nice_ticks, range_chart


def claim(pk, qualifier, value=None, lower=None, upper=None, outlet="Reuters", speaker="باشاغا"):
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
    assert svg.startswith("<svg") and svg.count('<g class="figure') == 4
    assert svg.count('class="point"') == 1
    assert svg.count('class="bar"') == 2
    assert 'class="arrowhead"' in svg and 'class="open-end"' in svg
    assert "more than 1,400" in svg and "باشاغا" in svg


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
