"""CSV and JSON exports of any filtered view."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.django_db


def test_csv_export_of_a_filtered_view(client, wagner):
    response = client.get("/claims/export.csv?language=ar&sort=value")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeffid,figure,")
    lines = text.strip().splitlines()
    assert len(lines) == 3
    assert "1,000" in lines[1] and "about 1,600" in lines[2]
    assert "مسؤولون غربيون" in lines[2] and "Bloomberg" in lines[2]


def test_json_export_of_a_filtered_view(client, wagner):
    response = client.get("/claims/export.json?q=wagner&language=en")
    records = json.loads(b"".join(response.streaming_content))
    assert [r["value"] for r in records] == [1400.0]
    assert records[0]["outlet"] == "Bloomberg" and records[0]["relay_chain"] == []
    everything = json.loads(b"".join(client.get("/claims/export.json").streaming_content))
    assert {r["figure"] for r in everything} == {"about 1,600", "1,000", "1,400"}
    chained = next(r for r in everything if r["figure"] == "about 1,600")
    assert chained["relay_chain"] == ["Bloomberg"]


def test_export_refuses_bad_filters_with_a_message(client, wagner):
    response = client.get("/claims/export.csv?value_min=abc")
    assert response.status_code == 400
    assert "Enter a number" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (" ".join(f"w{i}" for i in range(3000)), "at most 16 words"),
        ("x" * 50_000, "at most 500 characters"),
    ],
)
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_export_of_a_search_past_the_caps_answers_400_before_streaming(
    client, wagner, query, message, fmt
):
    response = client.get(f"/claims/export.{fmt}", {"q": query})
    assert response.status_code == 400
    assert not response.streaming
    assert message in response.content.decode()
