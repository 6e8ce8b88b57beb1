"""Numbers that are not claims: dates, years, clock times, ordinals, models, references."""

from __future__ import annotations

import pytest

from claims.extraction import extract_claims


@pytest.mark.parametrize(
    "text",
    [
        "بدأت الهدنة في 15 مارس الماضي",  # date
        "وقعت الاشتباكات يوم 3 تموز",  # Levantine month name
        "اندلعت الحرب عام 2011",  # year
        "منذ 2014 والبلاد منقسمة",  # year after منذ
        "وأعلن ذلك في 2019.",
        "The talks began on 20 December 2016.",
        "The talks began on December 20.",
        "تبدأ الهدنة في الساعة 15:00 بتوقيت غرينتش",  # clock time
        "تبدأ الهدنة الساعة العاشرة ليلا",
        "تبدأ الهدنة عند الساعة 10 مساء",
        "وصلت مقاتلات من الجيل الرابع",  # ordinal
        "احتل المرتبة الثالثة عشرة",
        "He finished 3rd in the race",
        "أسقطت طائرة ميغ 29 فوق المدينة",  # model designations
        "اشترت تركيا منظومة إس 400 الروسية",
        "هبطت طائرة أنتونوف 32 في المطار",
        "حلقت طائرة سوخوي 24 فوق الساحل",
        "The army deployed SU-35 jets",
        "The plane was an A320",
        "Ukraine received F-16 jets",
        "تبنى مجلس الأمن القرار 2254",  # references
        "للاستفسار اتصلوا بالرقم 0912345678",
        "See page 12 of the report",
        "fired 155-mm shells",  # calibre
        "The attack happened at 1130 GMT",  # clock time as HHMM
        "The fire started at about 3 p.m. on Sunday",
        "سجلت حالات في عامي 2017 و2018",  # years joined by و
        "منذ 7 أكتوبر/تشرين الأول 2023 ارتفعت الحصيلة",
        "اتصلوا على الرقم المجاني 3333",  # reference two words back
        "alerts went out through the 112 emergency number",
    ],
)
def test_not_a_claim(text):
    assert [c.quote for c in extract_claims(text)] == []


def test_a_year_like_number_of_people_is_a_claim():
    (claim,) = extract_claims("وصل نحو 2000 مقاتل إلى المدينة")
    assert claim.value == 2000


def test_model_next_to_a_count_keeps_the_count():
    claims = extract_claims("هبطت ستة طائرات ميغ 29 وطائرتان من طراز سوخوي 24")
    assert [c.value for c in claims] == [6, 2]
