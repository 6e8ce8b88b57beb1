"""The benchmark report: results files never overwritten, ratios, sections in the order filled."""

from __future__ import annotations

from bench.context import PAGES, QUERIES, RATIOS, Run
from bench.report import add_ratios, markdown_table, write_results
from bench.timing import Result


def test_a_results_file_is_never_overwritten(tmp_path):
    path = tmp_path / "results" / "2026-12-03-quick.md"
    written = [write_results(text, path) for text in ("first", "second", "third")]
    assert [p.name for p in written] == [
        "2026-12-03-quick.md",
        "2026-12-03-quick-2.md",
        "2026-12-03-quick-3.md",
    ]
    assert [p.read_text(encoding="utf-8") for p in written] == ["first", "second", "third"]


def bare_run() -> Run:
    # Only the sections matter to the report's tables; the rest belongs to a live run.
    return Run(config=None, picks=None, timer=None, cookie="", generation={})


def test_ratios_compare_their_time_with_ours_and_say_what_is_missing():
    run = bare_run()
    run.add(
        PAGES,
        Result(case="claims: outlet", p50=20.0),
        Result(case="stock admin: outlet", p50=300.0),
        Result(case="claims: status", p50=50.0),
        Result(case="stock admin: status", p50=100.0),
    )
    run.add(QUERIES, Result(case="SQL: OFFSET", p95=40.0), Result(case="SQL: keyset", p95=1.0))
    add_ratios(run)
    rows = {row[0]: row for row in run.sections[RATIOS].rows}
    assert rows["stock admin / our claims page (outlet)"][1:] == [
        "300.0",
        "20.0",
        "15.0×",
        "≥10×",
        "yes",
    ]
    assert rows["stock admin / our claims page (status)"][3:] == ["2.0×", "≥10×", "**no**"]
    assert rows["Datasette / our claims page (outlet, HTTP p50)"][3] == "missing"
    assert rows["OFFSET / keyset, 500k deep (SQL)"][3] == "40.0×"


def test_sections_keep_the_order_they_were_first_filled():
    run = bare_run()
    run.add(QUERIES, Result(case="q"))
    run.add(PAGES, Result(case="p"))
    run.add(QUERIES, Result(case="q2"))
    assert list(run.sections) == [QUERIES, PAGES]
    assert [r.case for r in run.results(QUERIES)] == ["q", "q2"]
    assert run.find("p").case == "p"


def test_markdown_table_escapes_pipes():
    assert markdown_table(["a"], [["x|y"]]).splitlines()[-1] == "| x\\|y |"
