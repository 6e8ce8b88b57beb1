"""Datasets (.jsonl, .csv) with column mapping: rows to articles, bad rows and files by name."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from articles.sources import import_sources
from articles.sources.datasets import parse_field_mapping

pytestmark = pytest.mark.django_db

ROWS = [
    {
        "headline": "مرتزقة فاغنر يغادرون",
        "text": "قال مسؤولون غربيون إن نحو 1600 من مرتزقة فاغنر غادروا جبهة طرابلس.",
        "link": "https://example.org/a",
        "site": "الجزيرة نت",
        "date": "2020-05-24T10:00:00Z",
    },
    {
        "headline": "Wagner fighters leave",
        "text": "Western officials said about 1,600 Wagner fighters left the Tripoli front.",
        "link": "https://example.org/b",
        "site": "Bloomberg",
        "date": "2020-05-25",
    },
]
MAPPING = ["title=headline", "body=text", "url=link", "outlet=site", "published_on=date"]


def run_import(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_articles", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def field_args() -> list[str]:
    return [arg for pair in MAPPING for arg in ("--field", pair)]


def write_jsonl(path, rows, extra_lines=()):
    lines = [json.dumps(row, ensure_ascii=False) for row in rows] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_csv(path, rows, columns=None):
    import csv

    columns = columns or list(rows[0])
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.mark.parametrize("kind", ["jsonl", "csv"])
def test_dataset_rows_become_articles_with_their_mapped_fields(tmp_path, kind):
    path = tmp_path / f"dump.{kind}"
    (write_jsonl if kind == "jsonl" else write_csv)(path, ROWS)

    out, _ = run_import(str(path), *field_args())

    assert "2 new, 0 unchanged, 0 failed" in out
    arabic = Article.objects.get(url="https://example.org/a")
    assert arabic.title == "مرتزقة فاغنر يغادرون"
    assert arabic.outlet.name == "الجزيرة نت"
    assert str(arabic.published_on) == "2020-05-24"
    assert arabic.language == "ar"
    assert arabic.claims.exists()
    assert Article.objects.get(url="https://example.org/b").language == "en"
    out, _ = run_import(str(path), *field_args())
    assert "0 new, 2 unchanged" in out


def test_a_row_with_a_known_url_is_unchanged_even_with_other_text(tmp_path):
    write_jsonl(tmp_path / "one.jsonl", ROWS[:1])
    run_import(str(tmp_path / "one.jsonl"), *field_args())
    edited = [dict(ROWS[0], text=ROWS[0]["text"] + " (محدث)")]
    out, _ = run_import(str(write_jsonl(tmp_path / "two.jsonl", edited)), *field_args())
    assert "0 new, 1 unchanged" in out
    assert Article.objects.count() == 1


def test_a_jsonl_line_that_is_not_json_is_named_and_its_neighbours_imported(tmp_path):
    path = write_jsonl(tmp_path / "dump.jsonl", ROWS[:1], extra_lines=["{not json", "[1, 2]"])
    path.write_text(path.read_text() + json.dumps(ROWS[1]) + "\n")

    out, err = run_import(str(path), *field_args())

    assert "2 new, 0 unchanged, 2 failed" in out
    assert "dump.jsonl:2: line 2 is not JSON" in err
    assert "dump.jsonl:3: line 3 is not a JSON object" in err


def test_a_csv_missing_a_mapped_column_is_refused_whole(tmp_path):
    path = write_csv(tmp_path / "dump.csv", ROWS, columns=["text", "link", "site", "date"])
    with pytest.raises(CommandError, match="No article could be imported"):
        run_import(str(path), *field_args())
    report, _ = import_sources([str(path)], fields=parse_field_mapping(MAPPING), hooks=[])
    assert report.failed == [
        (
            str(path),
            "missing column headline (for title); the header has text, link, site, date",
        )
    ]
    assert Article.objects.count() == 0


BAD_ROWS = [
    ({"text": ""}, "no text in column 'text'"),
    ({"text": "نص", "date": "yesterday"}, "date 'yesterday' is not YYYY-MM-DD"),
    ({"text": "نص", "language": "fr"}, "language 'fr' is not one of ar, en"),
    ({"text": "نص", "link": "javascript:alert(1)"}, "is not an http(s) address"),
]


@pytest.mark.parametrize(("row", "reason"), BAD_ROWS)
def test_bad_rows_are_named_by_line(tmp_path, row, reason):
    path = write_jsonl(tmp_path / "rows.jsonl", [row])
    report, _ = import_sources(
        [str(path)],
        fields=parse_field_mapping(["body=text", "url=link", "published_on=date"]),
        hooks=[],
    )
    assert report.new == 0
    assert report.failed[0][0] == "rows.jsonl:1"
    assert reason in report.failed[0][1]


@pytest.mark.parametrize("pairs", [["title"], ["title="], ["colour=col"], ["=headline"]])
def test_bad_field_mappings_are_refused(pairs):
    with pytest.raises(ValueError, match="FIELD=COLUMN"):
        parse_field_mapping(pairs)
    with pytest.raises(CommandError, match="Bad --field"):
        run_import("x.csv", "--field", pairs[0])
