"""The search benchmark step: every case timed and reported, the hostile queries refused."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bench.context import Run
from bench.search_bench import SEARCH, report, time_search

pytestmark = pytest.mark.django_db


def test_the_search_step_reports_every_case(wagner):
    run = Run(
        config=SimpleNamespace(runs=1, quick=True), picks=None, timer=None, cookie="", generation={}
    )
    time_search(run)
    rows = {r.case.split(" (")[0]: r for r in run.results(SEARCH)}
    assert rows["claims page, no search"].p50 > 0
    assert "search: Arabic common" in rows and "search: English plural" in rows
    for hostile in ("hostile: 3,000 words", "hostile: 50,000 characters"):
        assert "refused" in rows[hostile].note
    assert any("rename the busiest speaker" in note for note in run.section(SEARCH).notes)


def test_the_standalone_report_is_one_table(wagner):
    from bench.search_bench import measure

    text = report(measure(runs=1, budget=1.0), runs=1, label="test", quick=True)
    assert text.startswith("# Search benchmark") and "(test)" in text
    assert "| hostile: 3,000 words | 16,889 characters | 200 (refused) |" in text
