"""Names keep no bidi controls (a U+202E reversed the text after it in tooltips, titles and CSV),
and CSV cells never start a spreadsheet formula."""

from __future__ import annotations

import csv
import importlib
import io

import pytest
from django.apps import apps

from articles.models import Article, Outlet
from articles.normalization import BIDI_CONTROLS
from claims.exports import COLUMNS, csv_cell
from claims.models import Measure, Speaker, SpeakerAlias
from tests.conftest import make_article, make_claim

pytestmark = pytest.mark.django_db

RLO, PDF, LRI, PDI, RLM = "\u202e", "\u202c", "\u2066", "\u2069", "\u200f"
SPOOF = f"Reuters{RLO}gpj.exe"


def test_names_and_titles_are_saved_without_bidi_controls():
    outlet = Outlet.objects.create(name=SPOOF, name_en=f"{LRI}x{PDI}")
    speaker = Speaker.objects.create(name=f"باشاغا{RLO}", role=f"{RLM}وزير")
    alias = SpeakerAlias.objects.create(speaker=speaker, name=f"{RLO}Bashagha{PDF}")
    measure = Measure.objects.create(name=f"fighters{RLO} left", unit=f"{RLO}km")
    body = f"نص {RLO}فيه 1600 {RLM}رقم"
    article = make_article(body, title=f"{RLO}title", outlet=outlet)
    for row in (outlet, speaker, alias, measure, article):
        row.refresh_from_db()
    assert outlet.name == "Reutersgpj.exe" and outlet.name_en == "x"
    assert speaker.name == "باشاغا" and speaker.role == "وزير"
    assert alias.name == "Bashagha"
    assert measure.name == "fighters left" and measure.unit == "km"
    assert article.title == "title"
    assert article.body == body  # evidence: byte for byte


def test_the_migration_cleans_names_already_stored():
    migration = importlib.import_module("claims.migrations.0011_strip_bidi_controls_from_names")
    outlet = Outlet.objects.create(name="Reuters")
    Outlet.objects.filter(pk=outlet.pk).update(name=SPOOF)  # as an old row holds it
    Measure.objects.create(name="clean")
    clash = Measure.objects.create(name="other")
    Measure.objects.filter(pk=clash.pk).update(name=f"cle{RLO}an")
    article = make_article("نص 1600")
    Article.objects.filter(pk=article.pk).update(title=f"{RLO}t", body=f"نص {RLO}1600")
    migration.strip_controls(apps, None)
    outlet.refresh_from_db()
    article.refresh_from_db()
    clash.refresh_from_db()
    assert outlet.name == "Reutersgpj.exe"
    assert article.title == "t" and article.body == f"نص {RLO}1600"
    assert clash.name == f"cle{RLO}an"  # would equal another measure's name: left for an editor


def test_tooltips_and_titles_carry_no_bidi_controls(client, db):
    article = make_article(f"قال {RLO}مصدر إن 1600{RLO} مقاتل غادروا")
    claim = make_claim(article, f"1600{RLO}", value=1600, speaker_text=f"{RLO}مصدر")
    for url in ["/claims/", f"/articles/{article.pk}/", f"/claims/{claim.pk}/"]:
        html = client.get(url).content.decode()
        for title in _attributes(html, "title"):
            assert not set(title) & set(BIDI_CONTROLS), (url, title)
        page_title = html.split("<title>")[1].split("</title>")[0]
        assert not set(page_title) & set(BIDI_CONTROLS), url


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        (f"{RLO}=1", "'=1"),  # a control in front does not hide the formula
        ("نحو 1600", "نحو 1600"),
        (SPOOF, "Reutersgpj.exe"),
        (1600.0, 1600.0),
        (-5.0, -5.0),
        (None, ""),
    ],
)
def test_csv_cells_never_start_a_formula_nor_hold_bidi_controls(value, cell):
    assert csv_cell(value) == cell


def test_the_csv_export_neutralises_formulas_in_every_text_column(client, db):
    outlet = Outlet.objects.create(name="=cmd|' /C calc'!A0")
    article = make_article("@SUM قال +مصدر إن -1600 مقاتل", outlet=outlet, title="=title")
    make_claim(article, "-1600", value=-1600, counted="=counted", speaker_text="+source")
    body = b"".join(client.get("/claims/export.csv").streaming_content).decode("utf-8-sig")
    _header, *rows = list(csv.reader(io.StringIO(body)))
    assert len(rows) == 1
    # The header row is in the reader's language: read the cells by COLUMNS' order.
    row = dict(zip(COLUMNS, rows[0], strict=True))
    for column in ("quote", "counted", "speaker", "outlet", "article_title", "figure"):
        assert not row[column].startswith(("=", "+", "-", "@")), (column, row[column])
    assert row["value"] == "-1600.0"  # a number stays a number


def _attributes(html: str, name: str) -> list[str]:
    import re

    return re.findall(rf'\s{name}="([^"]*)"', html)
