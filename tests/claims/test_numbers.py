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


# Number forms found in published news (issue 11, item 0), in examples of our own.
@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The council set aside $640m for new housing", 640_000_000, "USD"),
        ("The club was sold for £310m last year", 310_000_000, "GBP"),
        ("The bank lent 250m euros to the province", 250_000_000, "EUR"),
        ("The bill could reach $7bn by 2030", 7_000_000_000, "USD"),
        ("The grant was worth $45k a year", 45_000, "USD"),
        ("Exports fell to $1.2bn in the quarter", 1_200_000_000, "USD"),
        ("The ministry spent 80mn dollars on fuel", 80_000_000, "USD"),
    ],
)
def test_english_money_with_a_scale_suffix(text, value, unit):
    claim = only(text)
    assert (claim.value, claim.unit) == (pytest.approx(value), unit)


def test_a_scale_suffix_without_currency_is_not_money():
    # 100m is a hundred metres, not a hundred million: no currency, no scale.
    assert [c.value for c in extract_claims("He swam 100m in the final")] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Nearly a quarter of a million people fled the region", 250_000),
        ("Half a million children are out of school", 500_000),
        ("Three quarters of a million homes lost power", 750_000),
    ],
)
def test_english_fractions_of_a_scale(text, value):
    assert only(text).value == pytest.approx(value)


def test_digit_class_millions_are_vague():
    claim = only("The deal is worth low double-digit millions of dollars")
    assert (claim.qualifier, claim.lower, claim.upper) == ("vague", 10_000_000, 39_999_999)
    claim = only("Losses ran into single-digit billions")
    assert (claim.qualifier, claim.lower, claim.upper) == ("vague", 1e9, 9_999_999_999)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("بلغ عدد السكان 47 مليونا و215 ألفا و310 نسمة", 47_215_310),
        ("بلغ عدد الناخبين ثمانية ملايين و420 ألفا", 8_420_000),
        ("صرفت الحكومة 3 مليارات و600 مليون دولار", 3_600_000_000),
        ("وصل عدد الزوار إلى مليونين و300 ألف زائر", 2_300_000),
        ("بلغ عدد الطلاب 12 ألفا و40 طالبا", 12_040),
    ],
)
def test_arabic_compounds_of_several_parts(text, value):
    assert only(text).value == pytest.approx(value)


def test_a_range_of_scaled_numbers_is_not_one_compound():
    claim = only("نزح ما بين 10 آلاف و15 ألف شخص")
    assert (claim.qualifier, claim.lower, claim.upper) == ("range", 10_000, 15_000)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("سجن الرجل لخمس سنوات", 5),
        ("حكم عليه بالسجن لست سنوات", 6),
        ("استمر الحصار لسبعة أشهر", 7),
        ("فقدت الأم أبناءها الأربعة في القصف", 4),
        ("قتل شخص واحد في الانفجار", 1),
        ("لم تسقط سوى طائرة واحدة", 1),
    ],
)
def test_number_words_with_a_prefix_or_after_the_noun(text, value):
    assert only(text).value == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    [
        "لست متأكدا من الأرقام",  # "I am not": a verb, not six
        "وصلوا في وقت واحد إلى المدينة",  # "at the same time"
        "المناطق الثلاث لا تزال تحت السيطرة",  # a definite number refers back
    ],
)
def test_look_alike_words_stay_unread(text):
    assert extract_claims(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("قصفت الطائرات مستودعين للذخيرة", 2),
        ("دمرت الغارة مركزي قيادة للمسلحين", 2),
        ("أغلقت السلطات معبرين حدوديين", 2),
    ],
)
def test_masculine_duals_of_other_nouns(text, value):
    assert only(text).value == value


@pytest.mark.parametrize(
    "text",
    [
        "وخرجت النائبتان من القاعة مشيرتين إلى أن الجلسة انتهت",  # a participle, not two
        "وصل آلاف المهندسين والمعلمين",  # sound plurals, read only as the vague آلاف
    ],
)
def test_participles_and_plurals_are_not_duals(text):
    assert [c.value for c in extract_claims(text) if c.value == 2] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Waiting times remain at 14 months", 14),
        ("Unemployment held at 9 percent", 9),
        ("a total of 2000 people signed the petition", 2000),
    ],
)
def test_plain_numbers_after_at_and_of(text, value):
    assert only(text).value == value


@pytest.mark.parametrize(
    "text",
    [
        "وشاركت الكتيبة 310 في الهجوم",
        "وانسحب اللواء 166 من المدينة",
        "Brigade 7 moved north",
        "the 82nd Airborne Division and battalion 4 arrived",
        "The plan covers 2023-2024 and beyond",
        "خلال الموسم 2022-2023 ارتفعت الأسعار",
    ],
)
def test_unit_numbers_and_year_spans_are_not_claims(text):
    assert extract_claims(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "بلغ عدد القتلى ما ناهز 300 شخص",
        "تناهز الخسائر 300 مليون دولار",
        "وناهزت الحصيلة 300 قتيل",
    ],
)
def test_nahaza_is_approximately(text):
    assert only(text).qualifier == "approx"


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("وتجاوز عدد القتلى 200 شخص", "more_than"),
        ("قاربت الحصيلة 90 قتيلا", "approx"),
        ("وقتل 200 شخص", "exact"),
    ],
)
def test_a_hedging_verb_before_its_subject(text, qualifier):
    assert only(text).qualifier == qualifier


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("استضافت البلاد مليوني لاجئ", 2_000_000),
        ("نقلت السفن ألفي طن من القمح", 2000),
        ("وقع حادثين على الطريق", 2),
        ("About 6.8m patients were waiting", 6_800_000),
        ("The backlog fell to 2.35m", 2_350_000),
        ("استقبل المستشفى منذ العاشر من آذار 2,310 جرحى", 2310),  # grouped digits: no date
        ("The budget is 26.7 billion dollars", 26_700_000_000),
    ],
)
def test_more_number_forms(text, value):
    assert only(text).value == value  # exactly: scaled figures carry no float noise


def test_a_currency_code_before_the_digits():
    claim = only("The line cost SR12.5 billion to build")
    assert (claim.value, claim.unit, claim.quote) == (12_500_000_000, "SAR", "SR12.5 billion")


@pytest.mark.parametrize(
    "text",
    [
        "He won the 100m sprint",
        "زار الوفد باكستان وطاجيكستان",
        "التقى الوزير نظيريه والأوروبيتين",
        "ضربت مجاعة 1984 البلاد",
        "The 1948 armistice held",
        "The data covers the years between 2010 and 2014",
        "Patients should be seen within 30 minutes",
        "They signed a 10-year deal and began a three-day visit",
        "Line 3 opens next month",
        "انتهت الأزمة خلال يوم واحد",
        "بدأ موسم 1446هـ",
    ],
)
def test_more_numbers_that_are_not_claims(text):
    assert extract_claims(text) == []


def test_a_fixed_scale_is_not_a_second_figure():
    assert [c.value for c in extract_claims("حصلت البلاد على 30 نقطة من أصل 50")] == [30]
    assert [c.value for c in extract_claims("roughly one in 12 of the posts")] == []


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("صادرت الشرطة (2,300,000) مليونين وثلاثمئة ألف قرص", [2_300_000]),  # said twice
        ("زادت كميات الوقود المتاحة", []),  # كميات, not ك + مئات
        ("The list is now 2m longer", [2_000_000]),
        ("He swam 50m from the boat", []),
        ("صوّت 5 ملايين من أصل 12 مليون ناخب", [5_000_000, 12_000_000]),  # out of: a count too
        ("بلغت البطالة 30% بين من هم بعمر 20 سنة", [30]),  # an age is no figure
        ("Lines 2, 5 and 7 open today", []),
    ],
)
def test_restatements_lookalikes_ages_and_lists(text, values):
    assert [c.value for c in extract_claims(text)] == values


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A definite number after a noun with a possessive ending (his, my).
        ("ونجا أبواه الاثنان من الحادث", 2),
        ("قالت إن بناتي الثلاث بخير", 3),
        # Zero in words (صفر alone is a month).
        ("وكانت واردات الميناء صفرا خلال الشهر", 0),
        # The nominative dual of a nisba noun, after "among them".
        ("واعتقل سبعة أشخاص من بينهم سوريان", 2),
        # Negative figures.
        ("The trade balance fell to minus 4.1 per cent", -4.1),
        # Half of one unit; half a dozen.
        ("The village covers less than half a square mile", 0.5),
        ("Police arrested half a dozen men", 6),
        # One person and what befell them.
        ("One firefighter was slightly hurt, and one child died.", 1),
    ],
)
def test_more_forms_real_news_writes(text, value):
    assert extract_claims(text)[-1].value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A share of a whole is a percentage: joined to a pronoun, or before a definite noun.
        ("ويعيش في المخيم 900 شخص، نحو ثلثيهم من الأطفال", 66.7),
        ("وقال إن نصف المدارس مغلقة", 50),
        ("وتضرر ربع المنازل", 25),
        ("About two thirds of the applicants were refused", 66.7),
        ("A third of the wells have dried up", 33.3),
        ("Nearly a quarter of those polled said no", 25),
    ],
)
def test_shares_of_a_whole_are_percentages(text, value):
    claim = next(c for c in extract_claims(text) if c.unit == "%")
    assert claim.value == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    [
        "انتظرنا نصف ساعة أمام المعبر",  # a span of time
        "تأهل الفريق إلى ربع النهائي",  # a round of a contest
        "The deal would give a third party access",  # no whole after it
        "تحدث الرئيس الأرميني نيكول باشينيان أمس",  # a name that ends like a dual
    ],
)
def test_shares_and_duals_that_are_no_figures(text):
    assert extract_claims(text) == []


def test_several_dozen_is_vague():
    claim = only("Troops killed several dozen fighters")
    assert (claim.qualifier, claim.lower, claim.upper) == ("vague", 20, 99)


def test_a_range_whose_ends_are_in_two_units_is_in_the_larger():
    claim = only("وتتراوح الأجرة بين 50 قرشا و2 جنيه للراكب")
    assert (claim.qualifier, claim.lower, claim.upper) == ("range", 0.5, 2)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("More than 120mm of rain fell in six hours", 120),
        ("Crews cleared about 3km of road", 3),
    ],
)
def test_metric_units_written_onto_the_digits_are_measurements(text, value):
    assert extract_claims(text)[0].value == value


@pytest.mark.parametrize(
    "text",
    [
        "للإبلاغ اتصلوا بالرقمين 115 و1400",  # phone numbers after a cue
        "يمكن التواصل مع الخط الساخن للهيئة 16528",
        'وصلت أول طائرات "ألباتروس 300" إلى المطار',  # a quoted name ending with a number
        "ارتفعت كلفة شحن الحاوية (20 قدما)",  # the size of the thing named
        "Analysts say 2025 will be harder",  # a year as the subject of a verb
        "Artillery fired 155mm shells",  # a calibre
    ],
)
def test_numbers_in_names_phones_and_sizes_are_not_claims(text):
    assert extract_claims(text) == []


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        # A change in per cent, then the level it reached: two figures, not a range.
        ("Net income rose 23% to 1.86 billion dirhams.", [(23, None, None), (1.86e9, None, None)]),
        ("ارتفعت الإيرادات 12% إلى 4 مليارات ريال.", [(12, None, None), (4e9, None, None)]),
        # Ranges of per cent stay ranges, with the sign on one end or on both.
        ("Rates ranged from 5% to 7%.", [(None, 5, 7)]),
        ("Inflation will be between 5 and 7%.", [(None, 5, 7)]),
        # "and" joins English number words only after a scale word.
        ("Waiting times rose to between four and six days.", [(None, 4, 6)]),
        ("It cost two hundred and six dollars.", [(206, None, None)]),
    ],
)
def test_ranges_need_ends_of_one_kind(text, figures):
    claims = extract_claims(text)
    got = [
        (c.value, None, None) if c.qualifier != "range" else (None, c.lower, c.upper)
        for c in claims
    ]
    assert got == figures
