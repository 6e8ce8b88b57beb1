"""Arabic normalization: what is unified, and that offsets lead back to the original text."""

from __future__ import annotations

import pytest

from articles.normalization import (
    normalize,
    normalize_for_matching,
    normalize_for_search,
    normalize_with_offsets,
    search_terms,
    stem,
)


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("أكثرَ من عنصرٍ", "اكثر من عنصر"),  # harakat and tanween go
        ("الرئيـــس", "الرييس"),  # tatweel goes; hamza on ya becomes ya
        ("إسطنبول وآذار وأحمد", "اسطنبول واذار واحمد"),  # alef forms unify
        ("مستشفى", "مستشفي"),  # alef maqsura → ya
        ("مدينة", "مدينه"),  # ta marbuta → ha, for matching
        ("١٦٠٠ و۱۲", "1600 و12"),  # Arabic-Indic and Persian digits
        ("١٬٤٠٠ و٢٫٥", "1,400 و2.5"),  # Arabic thousands and decimal separators
        ("«قال»", '"قال"'),  # typographic quotes
        ("Reuters", "reuters"),
    ],
)
def test_normalize(text, normalized):
    assert normalize(text) == normalized
    assert normalize_with_offsets(text).text == normalized


@pytest.mark.parametrize(
    ("text", "piece"),
    [
        ("وقال مسؤولون غربيون إنّ أكثرَ من ١٤٠٠ مرتزقٍ", "اكثر من 1400 مرتزق"),
        ("هبوط ١٥ طائـرة شحن", "15 طايره"),
        ("about 1,600 fighters", "1,600 fighters"),
    ],
)
def test_offsets_map_back_to_the_original_text(text, piece):
    normalized = normalize_with_offsets(text)
    start = normalized.text.index(piece)
    original_start, original_end = normalized.original_span(start, start + len(piece))
    assert normalize(text[original_start:original_end]) == piece


def test_matching_key_ignores_case_spacing_and_diacritics():
    assert normalize_for_matching("سالمُ   عُليوان") == normalize_for_matching("سالم عليوان")
    assert normalize_for_matching("AL JAZEERA") == normalize_for_matching("al jazeera")


def test_search_text_drops_punctuation_and_thousands_separators():
    assert normalize_for_search("قال: «المرتزقة» ١٬٤٠٠!") == "قال المرتزقه 1400"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("المرتزقة", "مرتزق"),
        ("مرتزقة", "مرتزق"),
        ("مرتزق", "مرتزق"),
        ("والطائرات", "طاير"),
        ("للمقاتلين", "مقاتل"),
        ("fighters", "fighter"),
        ("mercenaries", "mercenary"),
        ("mercenary", "mercenary"),
        ("casualties", "casualty"),
        ("crashes", "crash"),
        ("news", "new"),
        ("class", "class"),
        ("crisis", "crisis"),
        ("bus", "bus"),
        ("famous", "famous"),
        ("من", "من"),  # never below three letters
    ],
)
def test_light_stemmer(word, expected):
    assert stem(word) == expected


def test_search_terms_of_a_diacritised_query_equal_the_plain_one():
    assert search_terms("المُرتزِقةُ") == search_terms("مرتزقة") == ["مرتزق"]


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        # Words split where PostgreSQL's text-search parser splits them, so that both databases
        # store and match the same words.
        ("90% of a_b", ["90", "of", "a", "b"]),
        ("1,5 and ١٫٥", ["1.5", "and"]),
        ("MiG-29 su35", ["mig", "29", "su35"]),
    ],
)
def test_search_terms_split_like_postgresql(query, terms):
    assert search_terms(query) == terms
