"""Composed articles: reproducible, quotes at their offsets, both languages, skewed draws."""

from __future__ import annotations

from collections import Counter

import pytest

from bench.datagen.composition import compose_articles
from bench.datagen.vocabulary import Vocabulary
from claims.models import Qualifier, Status


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
