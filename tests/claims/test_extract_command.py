"""`manage.py extract_claims FILE`: the JSON-lines contract, with no database."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

KEYS = [
    "value",
    "lower",
    "upper",
    "qualifier",
    "unit",
    "counted",
    "quote",
    "start",
    "end",
    "speaker",
]
QUALIFIERS = {"exact", "approx", "more_than", "at_least", "less_than", "at_most", "range", "vague"}


def run(*args: str) -> str:
    out = StringIO()
    call_command("extract_claims", *args, stdout=out)
    return out.getvalue()


def test_prints_one_object_per_claim_with_exactly_the_contract_keys(tmp_path):
    # Windows newlines and diacritics: offsets index the text a reader gets from open().
    path = tmp_path / "article.txt"
    path.write_bytes(
        "عنوان الخبر\r\nوقال مسؤولون إنّ أكثرَ من ١٤٠٠ مرتزقٍ وصلوا، وإن 12 طائرة هبطت.\r\n".encode()
    )
    lines = run(str(path)).splitlines()
    text = path.read_text(encoding="utf-8")
    rows = [json.loads(line) for line in lines]
    assert len(rows) == 2
    for row in rows:
        assert list(row) == KEYS
        assert text[row["start"] : row["end"]] == row["quote"]
        assert row["qualifier"] in QUALIFIERS
        assert row["speaker"] == "مسؤولون"
    assert (rows[0]["value"], rows[0]["lower"], rows[0]["upper"]) == (1400, 1400, None)
    assert isinstance(rows[0]["value"], int)  # JSON numbers, not strings
    assert rows[0]["qualifier"] == "more_than"


def test_json_format_is_one_array(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Title\nAbout 40 people were killed, officials said.\n", encoding="utf-8")
    (row,) = json.loads(run(str(path), "--format", "json"))
    assert (row["value"], row["qualifier"], row["speaker"]) == (40, "approx", "officials")


def test_touches_no_database(tmp_path):
    # Without the db fixture pytest-django forbids any query: reaching here proves none ran.
    path = tmp_path / "a.txt"
    path.write_text("عنوان\nقتل 3 أشخاص.\n", encoding="utf-8")
    assert run(str(path)).count("\n") == 1


@pytest.mark.parametrize(
    ("content", "reason"), [(b"", "empty"), (b"\xff\xfe\x00bad", "binary"), (b"\xc3\x28", "UTF-8")]
)
def test_bad_file_is_a_clear_error(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=reason):
        run(str(path))
