"""How a claim reads: figure wording, speaker and outlet labels, relay chains (claims.display)."""

from __future__ import annotations

import math
from types import SimpleNamespace

import pytest

from claims.display import (
    CONTEXT_CHARS,
    NARRATOR,
    OUTLET_NOT_STATED,
    chain_links,
    figure_label,
    format_date,
    format_number,
    outlet_label,
    quote_context,
    relay_chain,
    speaker_label,
    unit_label,
)


@pytest.mark.parametrize(
    ("args", "label"),
    [
        (("exact", 1600.0, 1600.0, 1600.0), "1,600"),
        (("approx", 1600.0, None, None), "about 1,600"),
        (("more_than", 1000.0, 1000.0, None), "more than 1,000"),
        (("at_least", 3.0, 3.0, None), "at least 3"),
        (("less_than", 10.0, None, 10.0), "less than 10"),
        (("at_most", 2.5, None, 2.5), "up to 2.5"),
        (("range", None, 1000.0, 1400.0), "between 1,000 and 1,400"),
        (("vague", None, 20.0, 99.0), "tens"),
        (("vague", None, 2000.0, 9999.0, "people"), "thousands of people"),
        (("vague", None, 20000.0, 99999.0), "tens of thousands"),
        (("vague", None, 150.0, 300.0), "an unstated number (read as 150–300)"),
        (("approx", 1600.0, None, None, "people"), "about 1,600 people"),
        (("exact", 1.0, None, None, "people"), "1 person"),
        (("at_least", 8.0, 8.0, None, "aircraft"), "at least 8 aircraft"),
        (("range", None, 1000.0, 1400.0, "people"), "between 1,000 and 1,400 people"),
        (("exact", 90.0, None, None, "%"), "90%"),
        (("exact", 170.0, None, None, "km"), "170 km"),
    ],
)
def test_figure_labels(args, label):
    assert figure_label(*args) == label


def test_format_number():
    assert [format_number(n) for n in (None, 1600.0, 2.5, math.inf)] == ["", "1,600", "2.5", "∞"]


def _claim(speaker=None, speaker_text="", outlet=None, relays=()):
    return SimpleNamespace(
        speaker_id=1 if speaker else None,
        speaker=SimpleNamespace(name=speaker) if speaker else None,
        speaker_text=speaker_text,
        outlet_id=1 if outlet else None,
        outlet=SimpleNamespace(name=outlet) if outlet else None,
        relays=SimpleNamespace(
            all=lambda: [SimpleNamespace(outlet=SimpleNamespace(name=r)) for r in relays]
        ),
    )


def test_labels_for_a_claim_nobody_is_quoted_for_and_an_unstated_outlet():
    claim = _claim()
    assert speaker_label(claim) == str(NARRATOR)
    assert outlet_label(claim) == str(OUTLET_NOT_STATED)
    assert relay_chain(claim) == [str(NARRATOR), str(OUTLET_NOT_STATED)]


def test_speaker_text_stands_in_for_an_unlinked_speaker():
    assert speaker_label(_claim(speaker_text="مسؤولون غربيون")) == "مسؤولون غربيون"
    assert speaker_label(_claim(speaker="فتحي باشاغا", speaker_text="باشاغا")) == "فتحي باشاغا"


def test_relay_chain_runs_speaker_relays_outlet_without_repeating_a_link():
    claim = _claim(speaker="مسؤولون غربيون", outlet="عربي 21", relays=["بلومبرغ"])
    assert relay_chain(claim) == ["مسؤولون غربيون", "بلومبرغ", "عربي 21"]
    own_relay = _claim(speaker="بلومبرغ", outlet="بلومبرغ", relays=["بلومبرغ"])
    assert relay_chain(own_relay) == ["بلومبرغ"]


def test_one_outlet_named_in_two_languages_is_one_link():
    bloomberg = SimpleNamespace(pk=3, name="بلومبرغ", name_ar="بلومبرغ", name_en="Bloomberg")
    claim = SimpleNamespace(
        speaker=SimpleNamespace(name="بلومبرغ"),
        speaker_id=9,
        speaker_text="",
        outlet=None,
        outlet_id=None,
        relays=SimpleNamespace(all=lambda: [SimpleNamespace(outlet=bloomberg)]),
    )
    links = chain_links(claim)
    assert [(link.name, link.role) for link in links] == [
        ("بلومبرغ", "speaker"),
        (str(OUTLET_NOT_STATED), "not_stated"),
    ]


def _quoted(prefix: str, quote: str, suffix: str):
    return SimpleNamespace(prefix=prefix, quote=quote, suffix=suffix)


def test_quote_context_starts_after_a_sentence_end_and_stops_at_one():
    claim = _quoted(
        "ه مرتزقة فاغنر. وكان المتحدث باسم قوات حكومة الوفاق محمد قنونو قدّر عدد المرتزقة ",
        "بنحو 1600",
        ". ونشر ناشطون على مواقع التواصل مقاطع فيديو وصورا للمسلحين الروس",
    )
    assert quote_context(claim) == (
        "وكان المتحدث باسم قوات حكومة الوفاق محمد قنونو قدّر عدد المرتزقة ",
        "بنحو 1600",
        ".",
    )


def test_quote_context_cuts_a_long_context_at_words_with_an_ellipsis():
    prefix = (
        "xxabc defgh ijk lmnop qrs tuv wxyz abc defgh ijk lmnop qrs tuv w "  # 64, cut in a word
    )
    suffix = " and the fighters went south towards the airbase of al-Jufra by ro"[:CONTEXT_CHARS]
    claim = _quoted(prefix[-CONTEXT_CHARS:], "1,400", suffix)
    assert quote_context(claim) == (
        "…defgh ijk lmnop qrs tuv wxyz abc defgh ijk lmnop qrs tuv w ",
        "1,400",
        " and the fighters went south towards the airbase of al-Jufra by…",
    )
    assert quote_context(claim, words=2) == ("…tuv w ", "1,400", " and the…")


def test_quote_context_of_an_article_start_has_no_ellipsis():
    assert quote_context(_quoted("قال إن ", "1600", " غادروا")) == ("قال إن ", "1600", " غادروا")


def test_numbers_and_dates_in_arabic_use_the_digits_setting(settings):
    import datetime as dt

    from django.utils import translation

    with translation.override("ar"):
        settings.ISNAD_ARABIC_DIGITS = "arabic-indic"
        assert format_number(1600.0) == "١٬٦٠٠" and format_number(2.5) == "٢٫٥"
        assert format_date(dt.date(2020, 5, 20)) == "٢٠٢٠-٠٥-٢٠"
        settings.ISNAD_ARABIC_DIGITS = "western"
        assert format_number(1600.0) == "1,600"
        assert "2020" in format_date(dt.date(2020, 5, 20), long=True)
    assert format_number(1600.0) == "1,600"  # English whatever the setting


def test_arabic_units_agree_with_the_number():
    from django.utils import translation

    with translation.override("ar"):
        labels = [unit_label("people", n) for n in (1, 2, 3, 11, 100, 1600)]
    # Six plural forms (the catalogue's): the word changes with the number.
    assert len(set(labels)) >= 3


def test_an_unsure_machine_attribution_says_so_until_an_editor_decides():
    from claims.choices import ExtractionMethod, Status
    from claims.extraction.confidence import UNSURE_BELOW

    speaker = SimpleNamespace(name="سالم عليوان")
    claim = SimpleNamespace(
        speaker=speaker,
        speaker_text="",
        status=Status.EXTRACTED,
        extraction_method=ExtractionMethod.RULES,
        confidence=UNSURE_BELOW - 0.01,
    )
    assert speaker_label(claim) == "سالم عليوان (unsure)"
    claim.confidence = UNSURE_BELOW
    assert speaker_label(claim) == "سالم عليوان"
    claim.confidence, claim.status = 0.1, Status.VERIFIED
    assert speaker_label(claim) == "سالم عليوان"
