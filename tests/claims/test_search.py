"""Free-text search finds Arabic words whatever their article, clitics, suffix or diacritics,
English words in the singular or plural; both databases find the same claims."""

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
        ("mercenary", {"english"}),  # English singular and plural alike
        ("the mercenary", {"english"}),  # stopwords say nothing
        ("Wagner mercenaries left the Tripoli front", {"english"}),
        ("wag", set()),  # whole words: no match inside "wagner"
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


def test_search_document_holds_stems_padded():
    # Padded, so that SQLite finds a word as " word ", never inside another.
    assert search_document("المرتزقة", None, "والطائرات") == " مرتزق طاير "


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


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's text-search parser")
@pytest.mark.parametrize(
    "text",
    [
        "About 1,400 Wagner mercenaries (90%) left; 1,5 km, su35, MiG-29, a_b, O'Neil, x-ray",
        "قال المتحدث إنّ ١٬٤٠٠ مرتزقٍ غادروا، و٢٫٥ كم، ميغ29 وسوخوي-24",
    ],
)
def test_every_stored_word_is_one_postgres_lexeme(text):
    # The query looks words up as lexemes: a word PostgreSQL parsed differently would be found
    # on SQLite and missed here.
    document = search_document(text)
    with connection.cursor() as cursor:
        cursor.execute("SELECT tsvector_to_array(to_tsvector('simple', %s))", [document])
        lexemes = set(cursor.fetchone()[0])
    assert lexemes == set(document.split())


@pytest.mark.parametrize(
    "query", [" ".join(f"w{i}" for i in range(17)), "x" * 501, "a " * 200 + "b" * 300]
)
def test_the_queryset_refuses_a_query_past_the_caps(query):
    from claims.search import SearchQueryError

    with pytest.raises(SearchQueryError):
        Claim.objects.all().search(query)


def test_repeated_words_and_stopwords_count_once_or_not_at_all():
    from claims.search import parse_query

    assert [t.stem for t in parse_query("the Wagner, wagner and WAGNER of " * 10)] == ["wagner"]
    assert [t.stem for t in parse_query("the of")] == ["the", "of"]  # nothing else: kept
