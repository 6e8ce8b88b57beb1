"""The generator's bulk load: consistent rows, reproducible, indexes rebuilt, on both databases."""

from __future__ import annotations

import pytest
from django.db.models import Count

from articles.importing import content_hash
from articles.models import Article, Outlet
from bench.datagen.composition import compose_articles
from bench.datagen.loading import generate
from bench.datagen.vocabulary import Vocabulary
from claims.models import Claim, ClaimRelay, Measure, Speaker, SpeakerAlias


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
        # The copies of article fields are what the model's own copy would make, whatever it copies.
        stored = {f.attname: getattr(claim, f.attname) for f in Claim._meta.concrete_fields}
        claim.copy_article_fields()
        assert {f.attname: getattr(claim, f.attname) for f in Claim._meta.concrete_fields} == stored
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


@pytest.mark.django_db(transaction=True)  # the writer thread's connection must see the rows
def test_generated_names_documents_are_what_the_dashboard_writes():
    # The generator writes each claim's names document itself (no UPDATE of a million rows):
    # it must be the one claims.search.refresh_search_names writes.
    generate(articles=20, claims_per_article=3, seed=3, reset=True)
    written = dict(Claim.objects.values_list("pk", "search_names"))
    Claim.objects.all().refresh_search_names()
    assert dict(Claim.objects.values_list("pk", "search_names")) == written
    assert sum(1 for names in written.values() if names) > len(written) / 2
