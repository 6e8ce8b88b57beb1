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


@pytest.mark.parametrize(
    "text",
    [
        "Cranes at Berth 4 stood idle.",  # named parts of a port, a bank's capital, a road
        "The bank's Tier 1 ratio improved.",
        "Traffic backed up on Interstate 10 overnight.",
        "Residents were urged to keep calling 999.",  # an emergency number
        "Call the helpline at 1-800-555-0199 for help.",  # a phone number in groups
        "Two people familiar with the matter confirmed the talks.",  # anonymous sources
        "Three officials with knowledge of the plan spoke to reporters.",
        "وتستند النيابة إلى القانون عدد 25 لسنة 2019.",  # a law's number "of the year"
        "وصدر الحكم طبقا للفصل 96 من المجلة الجزائية.",  # an article of a code, after لل
    ],
)
def test_names_numbers_and_sources_are_not_claims(text):
    assert extract_claims(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The fire killed two people with burns to their hands.",
        "Two people close to the scene were injured.",
    ],
)
def test_people_counted_are_still_claims(text):
    assert len(extract_claims(text)) == 1
