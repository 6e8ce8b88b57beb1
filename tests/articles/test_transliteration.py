"""Transliteration keys: one name's spellings in Arabic and Latin script meet on a key, other
words do not."""

from __future__ import annotations

import pytest

from articles.transliteration import name_keys, names_document


def meet(one: str, other: str) -> bool:
    return bool(set(name_keys(one)) & set(name_keys(other)))


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("فاغنر", "Wagner"),  # foreign g as غ, w as v (ف)
        ("فاجنر", "Wagner"),  # foreign g as ج
        ("فاغنر", "فاجنر"),
        ("ڤاغنر", "Vagner"),  # ڤ for v
        ("قنونو", "Qanunu"),  # ق as q, the long vowels و dropped
        ("قنونو", "Gnounou"),  # ق as g (Libyan), "ou" for و
        ("بلومبيرغ", "Bloomberg"),  # doubled letters, the long vowel ي
        ("رويترز", "Reuters"),  # ز for a voiced s
        ("الأناضول", "Anadolu"),  # the article is no part of the name
        ("الجزيرة", "Jazeera"),  # ة read as a vowel
        ("الجزيرة", "Aljazeera"),  # the article written joined
        ("حفتر", "Hifter"),
        ("محمد", "Muhammad"),
        ("خليفة", "Khalifa"),  # kh for خ
        ("بوتين", "Putin"),  # ب for p
        ("باشاغا", "Bashagha"),  # sh, gh
        ("وليد", "Walid"),  # و a consonant at the start
        ("عليوان", "Alaywan"),  # ع as a vowel, y a vowel, w a consonant
        ("توفيق", "Tawfiq"),
        ("موسكو", "Moscow"),  # a final w is a vowel
        ("Qanunu", "Gnounou"),
    ],
)
def test_spellings_of_one_name_meet(one, other):
    assert meet(one, other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Wagner", "January"),  # Wagner's w is a consonant: not "gnr"
        ("Wagner", "Tripoli"),
        ("فاغنر", "قنونو"),
        ("Haftar", "Bashagha"),
    ],
)
def test_other_words_do_not(one, other):
    assert not meet(one, other)


@pytest.mark.parametrize("word", ["عمر", "Amr", "more", "Su", "29", "MiG29", "x" * 50])
def test_short_skeletons_digits_and_long_words_get_no_key(word):
    assert name_keys(word) == ()


def test_a_names_document_holds_stems_and_the_keys_of_names():
    document = names_document("Wagner fighters who left the Tripoli front", "مرتزقة فاغنر")
    words = document.split()
    assert document.startswith(" ") and document.endswith(" ")
    assert {"wagner", "fighter", "tripoli", "مرتزق"} <= set(words)
    assert "0fgnr" in words  # from Wagner and from فاغنر, once
    assert words.count("0fgnr") == 1
    # Lower-case English words are words of the description, not names: no keys.
    assert not set(name_keys("fighters")) & set(words)


def test_no_names_no_document():
    assert names_document(None, "") == ""
