"""Free-text search finds Arabic words whatever their article, clitics, suffix or diacritics."""

from __future__ import annotations

import pytest
from django.db import connection

from articles.importing import content_hash
from articles.models import Article, Outlet
from claims.models import Claim, Speaker
from claims.search import search_document

pytestmark = pytest.mark.django_db

TEXTS = {
    "definite": "غادر المرتزقة جبهة طرابلس بعد أن انسحب 1600 عنصر",
    "bare": "قال إن كل مرتزق تلقى 1000 دولار",
    "plural": "وصل 300 من المرتزقين إلى بني وليد",
    "unrelated": "سقطت 3 طائرات مسيرة قرب المطار",
    "english": "About 1,400 Wagner mercenaries left the Tripoli front",
}


@pytest.fixture
def claims() -> dict[str, Claim]:
    outlet = Outlet.objects.create(name="Reuters")
    speaker = Speaker.objects.create(name="فتحي باشاغا")
    stored = {}
    for key, text in TEXTS.items():
        article = Article.objects.create(
            outlet=outlet,
            title=f"article {key}",
            body=text,
            language="en" if key == "english" else "ar",
            content_hash=content_hash(text),
        )
        stored[key] = Claim.objects.create(
            article=article,
            value=1,
            quote=text,
            start=0,
            end=len(text),
            speaker=speaker if key == "bare" else None,
        )
    return stored


def found(query: str) -> set[str]:
    ids = set(Claim.objects.all().search(query).values_list("pk", flat=True))
    return {key for key, claim in found.claims.items() if claim.pk in ids}


@pytest.fixture(autouse=True)
def _bind(claims):
    found.claims = claims


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("مرتزقة", {"definite", "bare", "plural"}),
        ("مُرْتَزِقَةٌ", {"definite", "bare", "plural"}),  # diacritised
        ("المرتزقة", {"definite", "bare", "plural"}),
        ("مرتزق", {"definite", "bare", "plural"}),
        ("مرتزقة طرابلس", {"definite"}),  # every term must match
        ("طائرة", {"unrelated"}),
        ("باشاغا", {"bare"}),  # the speaker's name is searched too
        ("wagner", {"english"}),
        ("Mercenaries", {"english"}),
        ("1,400", {"english"}),
        ("١٦٠٠", {"definite"}),
        ("article", set(TEXTS)),  # the article title is searched too
        ("غائب", set()),
    ],
)
def test_search_finds_words_in_any_form(query, expected):
    assert found(query) == expected


def test_an_empty_query_filters_nothing():
    assert found("  ،  ") == set(TEXTS)


def test_search_text_is_kept_in_step_by_save(claims):
    claim = claims["unrelated"]
    claim.counted = "مرتزقة"
    claim.save()
    assert "مرتزق" in Claim.objects.get(pk=claim.pk).search_text
    assert "unrelated" in found("مرتزقة")


def test_search_document_holds_stems():
    assert search_document("المرتزقة", None, "والطائرات") == "مرتزق طاير"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index exists on PostgreSQL")
def test_postgres_search_uses_the_stored_vector(claims):
    sql = str(Claim.objects.all().search("مرتزقة").query)
    assert "search_vector" in sql and "@@" in sql
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'claim_search_vector_idx'"
        )
        assert "gin" in cursor.fetchone()[0].lower()


def test_search_inside_a_subquery_counts_only_matches():
    # Facet counts put the filtered claims in a subquery: the vector must follow its alias.
    counts = Claim.objects.all().search("مرتزقة").facet_counts(100)
    assert sum(n for _, _, n in counts["status"]) == 3
    assert counts["outlet"] == [(Outlet.objects.get().pk, "Reuters", 3)]
