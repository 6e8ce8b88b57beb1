"""Number reading: digits, Arabic and English words, duals and vague plurals, in sentences."""

from __future__ import annotations

import pytest

from claims.extraction import extract_claims


def only(text: str):
    claims = extract_claims(text)
    assert len(claims) == 1, [c.quote for c in claims]
    return claims[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("وصل 35 لاجئا إلى الميناء", 35),
        ("وصل ٣٥ لاجئا إلى الميناء", 35),  # Arabic-Indic digits
        ("وصل ۳۵ لاجئا إلى الميناء", 35),  # Persian digits
        ("تضرر 12,500 منزل", 12500),
        ("تضرر ١٢٬٥٠٠ منزل", 12500),
        ("بلغت الخسائر 2.5 مليون دولار", 2_500_000),
        ("ارتفعت الأسعار بنسبة 7.5% خلال الشهر", 7.5),
        ("أصيب سبعة جنود", 7),
        ("قتل ثمانية مدنيين", 8),
        ("نقل ثماني جثث", 8),
        ("اعتقل ثلاث عشرة امرأة", 13),
        ("أطلق سراح أحد عشر أسيرا", 11),
        ("أطلق سراح اثني عشر صيادا", 12),
        ("شارك أربع وعشرون سفينة", 24),
        ("شارك خمسة وثلاثون طبيبا", 35),
        ("زرعت ثلاث مئة شجرة", 300),
        ("زرعت ثلاثمائة شجرة", 300),
        ("وصل مئتا مهاجر", 200),
        ("نزح ألف شخص", 1000),
        ("نزح ألفا شخص", 1000),  # accusative ألفا after a verb still reads as a thousand
        ("نزح ألفان من السكان", 2000),
        ("جمعت ثلاثة آلاف توقيع", 3000),
        ("جمعت ثلاثة آلاف وخمسمئة توقيع", 3500),
        ("خصص مليون دولار للمشروع", 1_000_000),
        ("دمرت دبابتين للعدو", 2),  # feminine dual noun
        ("احتجز الجيش صحفيين اثنين", 2),
        ("The storm destroyed fifteen houses", 15),
        ("Officials counted twenty-five boats", 25),
        ("It cost two hundred and fifty dollars", 250),
        ("They seized a dozen rifles", 12),
        ("The fund holds 1.5 million dollars", 1_500_000),
        ("The fund holds 1.5 billion dollars", 1_500_000_000),
        ("بلغت المصروفات 3.87 تريليون جنيه", 3_870_000_000_000),
        ("وصل 31 ألفا و250 مهاجرا", 31_250),  # the remainder after the scale word
        ("حصل الحزب على نصف مليون صوت", 500_000),
        ("غرق قاربين قبالة الساحل", 2),  # a common masculine dual
    ],
)
def test_reads_the_number(text, value):
    assert only(text).value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "lower", "upper"),
    [
        ("أصيب عشرات المتظاهرين", 20, 99),
        ("نزح مئات العائلات", 200, 999),
        ("فر آلاف السكان", 2000, 9999),
        ("فر الآلاف من السكان", 2000, 9999),
        ("تظاهر عشرات الآلاف في العاصمة", 20_000, 99_999),
        ("Hundreds of people gathered", 200, 999),
        ("Thousands of people fled", 2000, 9999),
        ("Tens of thousands of people fled", 20_000, 99_999),
    ],
)
def test_vague_plurals_are_ranges(text, lower, upper):
    claim = only(text)
    assert (claim.qualifier, claim.value, claim.lower, claim.upper) == ("vague", None, lower, upper)


def test_exact_figures_have_equal_bounds():
    claim = only("أغلقت السلطات 14 مدرسة")
    assert (claim.value, claim.lower, claim.upper, claim.qualifier) == (14, 14, 14, "exact")


@pytest.mark.parametrize(
    "text",
    [
        "وقال بوتين إن بلاده مستعدة",  # a name ending like a feminine dual
        "اتفق الرئيسان على التعاون",  # a definite dual refers to people already named
        "وقال أحد المسؤولين إن الوضع هادئ",  # أحد alone is "one of"
        "المناطق الثلاث لا تزال تحت السيطرة",  # a definite number refers back
        "قال one London-based broker",  # English "one" alone
    ],
)
def test_words_that_look_like_numbers_are_not_read(text):
    assert extract_claims(text) == []


def test_a_dual_adjective_after_a_dual_noun_is_not_a_second_figure():
    assert [c.value for c in extract_claims("استهدفت سفينتان تابعتان للشركة")] == [2]
