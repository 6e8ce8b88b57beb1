"""Qualifiers before and after the number, and the lower/upper they give (docs/design.md)."""

from __future__ import annotations

import pytest

from claims.extraction import extract_claims


@pytest.mark.parametrize(
    ("text", "qualifier", "value", "lower", "upper"),
    [
        ("قتل نحو 40 شخصا", "approx", 40, None, None),
        ("قتل حوالي 40 شخصا", "approx", 40, None, None),
        ("قتل حوالى 40 شخصا", "approx", 40, None, None),
        ("قتل قرابة 40 شخصا", "approx", 40, None, None),
        ("قتل زهاء 40 شخصا", "approx", 40, None, None),
        ("قتل ما يقارب 40 شخصا", "approx", 40, None, None),
        ("قدر العدد بنحو 40 شخصا", "approx", 40, None, None),  # joined ب
        ("قتل 40 شخصا تقريبا", "approx", 40, None, None),  # after the noun
        ("قتل أكثرَ من 40 شخصا", "more_than", 40, 40, None),
        ("قتل ما يزيد على 40 شخصا", "more_than", 40, 40, None),
        ("قتل ما يربو على 40 شخصا", "more_than", 40, 40, None),
        ("قتل ما لا يقل عن 40 شخصا", "at_least", 40, 40, None),
        ("قتل 40 شخصا على الأقل", "at_least", 40, 40, None),  # after the noun
        ("قتل أربعون شخصا على الأقل", "at_least", 40, 40, None),
        ("قتل أقل من 40 شخصا", "less_than", 40, None, 40),
        ("قد يصل إلى 40 شخصا", "at_most", 40, None, 40),
        ("قتل ما لا يزيد على 40 شخصا", "at_most", 40, None, 40),
        ("about 40 people were killed", "approx", 40, None, None),
        ("more than 40 people were killed", "more_than", 40, 40, None),
        ("over 40 people were killed", "more_than", 40, 40, None),
        ("at least 40 people were killed", "at_least", 40, 40, None),
        ("40 people at least were killed", "at_least", 40, 40, None),
        ("up to 40 people were killed", "at_most", 40, None, 40),
        ("fewer than 40 people were killed", "less_than", 40, None, 40),
    ],
)
def test_qualifier(text, qualifier, value, lower, upper):
    (claim,) = extract_claims(text)
    assert (claim.qualifier, claim.value, claim.lower, claim.upper) == (
        qualifier,
        value,
        lower,
        upper,
    )
    # The quote takes in the cue, so a reader sees the hedge with the figure.
    assert (
        claim.quote.split()[0] not in ("40", "أربعون")
        or qualifier == "exact"
        or (claim.quote.endswith(("تقريبا", "الأقل", "least")))
    )


@pytest.mark.parametrize(
    ("text", "lower", "upper"),
    [
        ("نزح ما بين 300 و500 شخص", 300, 500),
        ("نزح بين 300 و 500 شخص", 300, 500),
        ("نزح من 300 إلى 500 شخص", 300, 500),
        ("نزح ما بين 10 و15 ألف شخص", 10_000, 15_000),  # the scale applies to both ends
        ("between 300 and 500 people fled", 300, 500),
        ("from 300 to 500 people fled", 300, 500),
        ("300-500 people fled", 300, 500),
    ],
)
def test_ranges(text, lower, upper):
    (claim,) = extract_claims(text)
    assert (claim.qualifier, claim.value, claim.lower, claim.upper) == ("range", None, lower, upper)


@pytest.mark.parametrize(
    "text",
    [
        "تحاصر القوات المدينة منذ أكثر من عام",
        "The talks took more than a decade",
        "The fire burned for about a week",
    ],
)
def test_a_span_of_a_single_time_unit_is_not_a_figure(text):
    # "More than a year" says how long something lasted; every labelled set leaves it optional
    # or out, so it is not offered as a claim.
    assert extract_claims(text) == []


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("وتجاوزت الحرارة 48 درجة", "more_than"),
        ("لن تتجاوز المشاركة 30 في المئة", "at_most"),
        ("بلغ النمو حول 3%", "approx"),
        ("Prices could rise by as much as 20%", "at_most"),
        ("يسمح النظام بتسجيل 8 لاعبين كحد أقصى", "at_most"),
        ("يجب تعيين 5 موظفين كحد أدنى", "at_least"),
        ("وتجاوز مجموع ديون الشركات الكبرى 900 مليون دولار", "more_than"),
        ("لا يتجاوز ما تنتجه المصانع حاليا 200 طن", "at_most"),
        ("ويصل السعر في بعض القرى إلى 12 ألف ريال", "at_most"),
        ("في صفقة قد ترتفع إلى 30 مليون يورو", "at_most"),
        ("وارتفع المؤشر إلى 30 نقطة", "exact"),
        ("لا تستطيع المحطة تغطية أكثر من 20% من الطلب", "at_most"),
        ("The plant cost an estimated SR3.2 billion", "approx"),
        ("تجاوز الجيش الحدود وقتل 40 شخصا", "exact"),
    ],
)
def test_hedges_real_news_writes(text, qualifier):
    (claim,) = extract_claims(text)
    assert claim.qualifier == qualifier
