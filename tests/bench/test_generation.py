"""The synthetic data generator: reproducible, consistent offsets, skewed, on both databases.

The generator is the benchmark's, not the product's: these tests call its functions directly,
and install its app (which only bench/settings.py does) for the `generate_data` command.
"""

from __future__ import annotations

import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import modify_settings

from articles.importing import content_hash
from articles.models import Article, Outlet
from bench.datagen.composition import compose_articles
from bench.datagen.loading import generate
from bench.datagen.vocabulary import Vocabulary
from claims.models import Claim, ClaimRelay, Measure, Qualifier, Speaker, SpeakerAlias, Status


def test_same_seed_same_articles():
    first = [(a.body, a.outlet, a.published_on) for a in compose_articles(7, 20, 5)]
    again = [(a.body, a.outlet, a.published_on) for a in compose_articles(7, 20, 5)]
    other = [(a.body, a.outlet, a.published_on) for a in compose_articles(8, 20, 5)]
    assert first == again
    assert first != other


def test_quotes_index_into_the_body():
    for article in compose_articles(3, 50, 8):
        assert len(article.claims) == 8
        for claim in article.claims:
            assert article.body[claim.start : claim.end] == claim.quote
            assert claim.start < claim.end


def test_both_languages_statuses_and_qualifiers_are_mixed():
    articles = list(compose_articles(1, 400, 10))
    languages = Counter(a.language for a in articles)
    qualifiers = Counter(c.qualifier for a in articles for c in a.claims)
    statuses = Counter(c.status for a in articles for c in a.claims)
    assert set(languages) == {"ar", "en"}
    assert languages["ar"] > languages["en"]
    assert set(qualifiers) == set(Qualifier.values)
    assert set(statuses) == set(Status.values)
    years = {a.published_on.year for a in articles if a.published_on}
    assert len(years) >= 5


@pytest.mark.parametrize(
    ("qualifier", "has_value", "has_lower", "has_upper"),
    [
        (Qualifier.EXACT, True, True, True),
        (Qualifier.APPROX, True, False, False),
        (Qualifier.MORE_THAN, True, True, False),
        (Qualifier.AT_MOST, True, False, True),
        (Qualifier.RANGE, False, True, True),
        (Qualifier.VAGUE, False, True, True),
    ],
)
def test_numbers_follow_the_qualifier(qualifier, has_value, has_lower, has_upper):
    claims = [c for a in compose_articles(2, 300, 10) for c in a.claims if c.qualifier == qualifier]
    assert claims
    for c in claims:
        assert (c.value is not None, c.lower is not None, c.upper is not None) == (
            has_value,
            has_lower,
            has_upper,
        )
        if c.lower is not None and c.upper is not None:
            assert c.lower <= c.upper


def test_outlets_and_measures_are_skewed():
    articles = list(compose_articles(5, 2000, 10))
    outlets = Counter(a.outlet for a in articles if a.outlet is not None)
    measures = Counter(c.measure for a in articles for c in a.claims if c.measure is not None)
    top_outlet_share = outlets.most_common(1)[0][1] / sum(outlets.values())
    assert top_outlet_share > 0.15  # a uniform draw over 60 outlets would give under 2%
    top_five_measures = sum(n for _, n in measures.most_common(5)) / sum(measures.values())
    assert top_five_measures > 0.1  # uniform over 5000 measures: 0.1%


def test_vocabulary_has_thousands_of_speakers_with_aliases():
    vocabulary = Vocabulary.build(1)
    assert len(vocabulary.speakers) >= 2000
    assert all(s.aliases for s in vocabulary.speakers)
    assert any("Bashagha" in s.name_en for s in vocabulary.speakers)


def test_arabic_bodies_carry_arabic_indic_digits_and_diacritics():
    bodies = "".join(a.body for a in compose_articles(4, 300, 10) if a.language == "ar")
    assert any(ch in bodies for ch in "١٢٣٤٥٦٧٨٩")
    assert "\u064e" in bodies  # fatha, as in أكثرَ


@pytest.mark.django_db(transaction=True)
def test_generate_writes_consistent_rows():
    report = generate(articles=30, claims_per_article=4, seed=11, reset=True, chunk=7)
    assert (report.articles, report.claims) == (30, 120)
    assert Article.objects.count() == 30
    assert Claim.objects.count() == 120
    assert ClaimRelay.objects.count() == report.relays
    for claim in Claim.objects.select_related("article"):
        article = claim.article
        assert article.body[claim.start : claim.end] == claim.quote
        assert (claim.outlet_id, claim.language, claim.published_on) == (
            article.outlet_id,
            article.language,
            article.published_on,
        )
    for article in Article.objects.all():
        assert article.content_hash == content_hash(article.body)
    assert SpeakerAlias.objects.filter(speaker__in=Speaker.objects.all()).exists()
    assert Measure.objects.count() == len(Vocabulary.build(11).measures)


@pytest.mark.django_db(transaction=True)
def test_generate_is_reproducible_and_appends_without_collisions():
    generate(articles=10, claims_per_article=3, seed=5, reset=True)
    first = list(Claim.objects.order_by("id").values_list("quote", "value", "status"))
    generate(articles=10, claims_per_article=3, seed=5, reset=True)
    assert list(Claim.objects.order_by("id").values_list("quote", "value", "status")) == first
    generate(articles=10, claims_per_article=3, seed=5)  # appending: new texts, new ids
    assert Article.objects.count() == 20
    assert Claim.objects.count() == 60
    assert Outlet.objects.annotate(n=Count("articles")).filter(n__gt=0).exists()
    # New rows after explicit ids still get fresh primary keys.
    article = Article.objects.create(title="t", body="b", content_hash="a" * 64)
    assert article.pk > 20


@pytest.mark.django_db(transaction=True)
@modify_settings(INSTALLED_APPS={"append": "bench.datagen"})
def test_command_reports_what_it_wrote():
    out = io.StringIO()
    call_command(
        "generate_data",
        "--articles",
        "5",
        "--claims-per-article",
        "2",
        "--seed",
        "3",
        "--reset",
        "--no-progress",
        stdout=out,
    )
    assert "5 articles, 10 claims" in out.getvalue()
    assert Claim.objects.count() == 10


def test_only_the_bench_settings_install_the_generator():
    from django.conf import settings

    import bench.settings

    assert "bench.datagen" in bench.settings.INSTALLED_APPS
    assert "bench.datagen" not in settings.INSTALLED_APPS  # the project's own settings
    with pytest.raises(CommandError, match="Unknown command"):
        call_command("generate_data", "--articles", "1")


@pytest.mark.django_db(transaction=True)
def test_bulk_load_rebuilds_every_index(monkeypatch):
    from django.db import connection

    from bench.datagen import loading

    def index_names() -> set[str]:
        with connection.cursor() as cursor:
            tables = [m._meta.db_table for m in loading.INDEXED_TABLES]
            return {
                name
                for table in tables
                for name in [
                    c
                    for c, info in connection.introspection.get_constraints(cursor, table).items()
                    if info["index"]
                ]
            }

    before = index_names()
    monkeypatch.setattr(loading, "BULK_LOAD_ROWS", 10)
    report = generate(articles=10, claims_per_article=2, seed=2, reset=True)
    assert index_names() == before
    if connection.vendor == "postgresql":
        assert report.index_seconds > 0
    assert Claim.objects.count() == 20


def test_cached_search_document_is_the_dashboards():
    from bench.datagen.loading import search_document_cached
    from claims.search import search_document

    cached = search_document_cached()
    vocabulary = Vocabulary.build(1)
    for article in compose_articles(6, 200, 5):
        for c in article.claims:
            name = vocabulary.speakers[c.speaker].name if c.speaker is not None else ""
            parts = (c.quote, c.counted, name, c.speaker_text, article.title)
            assert cached(*parts) == search_document(*parts)
