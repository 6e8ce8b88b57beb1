"""What is counted and its unit."""

from __future__ import annotations

import pytest

from claims.extraction import extract_claims


@pytest.mark.parametrize(
    ("text", "unit", "counted"),
    [
        ("تقع القرية على بعد 40 كيلومترا من الحدود", "km", "كيلومترا"),
        ("تقع القرية على بعد 40 كم من الحدود", "km", "كم"),
        ("تقع القرية على بعد 40 كلم من الحدود", "km", "كلم"),
        ("استمرت المعركة 72 ساعة", "hours", "ساعة"),
        ("استمر الحصار 18 شهرا", "months", "شهرا"),
        ("سجن سبع سنوات", "years", "سنوات"),
        ("قتل 40 مرتزقا روسيا في الهجوم", "people", "مرتزقا روسيا"),
        ("وصل 40 مقاتلا إلى الجبهة", "people", "مقاتلا"),
        ("وصلت 12 مقاتلة حربية إلى القاعدة", "aircraft", "مقاتلة حربية"),
        ("هبطت 5 طائرات شحن في المطار", "aircraft", "طائرات شحن"),
        ("نشرت أربع منظومات دفاع جوي قرب المطار", "systems", "منظومات دفاع جوي"),
        ("ارتفعت البطالة إلى 12% في الربع الأول", "%", ""),
        ("ارتفعت البطالة إلى 12 في المئة", "%", ""),
        ("خصص 40 مليون دولار للإعمار", "USD", "دولار"),
        ("The blast was felt 30 km away", "km", "km"),
        ("$40 million was pledged", "USD", ""),
        ("It lasted 12 hours", "hours", "hours"),
    ],
)
def test_unit_and_counted(text, unit, counted):
    (claim,) = extract_claims(text)
    assert claim.unit == unit
    assert claim.counted == counted


def test_counted_noun_before_the_number():
    # قدّر عدد X بنحو N: the figure has no noun after it; what it counts came first.
    (claim,) = extract_claims("وقدّر المتحدث عدد النازحين الذين عادوا بنحو 900.")
    assert claim.counted.startswith("النازحين")
    assert claim.quote == "بنحو 900"


def test_counted_stops_at_a_verb_or_preposition():
    (claim,) = extract_claims("نزح 300 شخص فروا من القصف")
    assert claim.counted == "شخص"
