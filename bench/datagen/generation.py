"""Synthetic outlets, speakers, measures, articles and claims for benchmarks, from a seed.

Everything is drawn from one `random.Random(seed)`, so the same arguments give the same rows.
Articles are composed from Arabic and English sentence templates that embed figures with their
qualifiers and speakers (the extractor would find them); each claim's quote is exactly
`body[start:end]`. Outlets, measures and speakers are Zipf-skewed so that a few dominate.

On PostgreSQL rows go in through psycopg 3 COPY, chunk by chunk; on SQLite through bulk_create.
Generated rows get no django-simple-history records: history is for editors' changes, and a
million "created" records would only measure the history table.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import hashlib
import itertools
import queue
import random
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from articles.models import Article, Outlet, OutletKind
from articles.normalization import normalize_for_matching
from claims.models import (
    Claim,
    ClaimRelay,
    ExtractionMethod,
    Measure,
    Qualifier,
    Speaker,
    SpeakerAlias,
    SpeakerKind,
    Status,
)

# (Arabic name, English name, kind, country). The first few carry most articles (Zipf).
OUTLETS: list[tuple[str, str, str, str]] = [
    ("الجزيرة نت", "Al Jazeera Net", OutletKind.NEWS_SITE, "Qatar"),
    ("رويترز", "Reuters", OutletKind.WIRE, "United Kingdom"),
    ("الأناضول", "Anadolu Agency", OutletKind.WIRE, "Turkey"),
    ("العربية نت", "Al Arabiya", OutletKind.NEWS_SITE, "Saudi Arabia"),
    ("بلومبرغ", "Bloomberg", OutletKind.WIRE, "United States"),
    ("فرانس برس", "AFP", OutletKind.WIRE, "France"),
    ("سكاي نيوز عربية", "Sky News Arabia", OutletKind.BROADCASTER, "United Arab Emirates"),
    ("بي بي سي عربي", "BBC Arabic", OutletKind.BROADCASTER, "United Kingdom"),
    ("تركيا الآن", "Turkey Now", OutletKind.NEWS_SITE, "Turkey"),
    ("العربي الجديد", "The New Arab", OutletKind.NEWSPAPER, "United Kingdom"),
    ("الشرق الأوسط", "Asharq Al-Awsat", OutletKind.NEWSPAPER, "Saudi Arabia"),
    ("بوابة الوسط", "Alwasat", OutletKind.NEWS_SITE, "Libya"),
    ("ليبيا الأحرار", "Libya Alahrar", OutletKind.BROADCASTER, "Libya"),
    ("عنب بلدي", "Enab Baladi", OutletKind.NEWS_SITE, "Syria"),
    ("المرصد السوري", "Syrian Observatory", OutletKind.OTHER, "United Kingdom"),
    ("أسوشيتد برس", "Associated Press", OutletKind.WIRE, "United States"),
    ("الغارديان", "The Guardian", OutletKind.NEWSPAPER, "United Kingdom"),
    ("ميدل إيست آي", "Middle East Eye", OutletKind.NEWS_SITE, "United Kingdom"),
    ("المونيتور", "Al-Monitor", OutletKind.NEWS_SITE, "United States"),
    ("ذا ناشونال", "The National", OutletKind.NEWSPAPER, "United Arab Emirates"),
    ("فرانس 24", "France 24", OutletKind.BROADCASTER, "France"),
    ("دويتشه فيله", "DW Arabic", OutletKind.BROADCASTER, "Germany"),
    ("القدس العربي", "Al-Quds Al-Arabi", OutletKind.NEWSPAPER, "United Kingdom"),
    ("عربي 21", "Arabi21", OutletKind.NEWS_SITE, "United Kingdom"),
    ("المكتب الإعلامي لحكومة الوفاق", "GNA Media Office", OutletKind.GOVERNMENT, "Libya"),
    ("وكالة الأنباء الليبية", "LANA", OutletKind.WIRE, "Libya"),
    ("سانا", "SANA", OutletKind.WIRE, "Syria"),
    ("وكالة الأنباء القطرية", "QNA", OutletKind.WIRE, "Qatar"),
    ("نيويورك تايمز", "The New York Times", OutletKind.NEWSPAPER, "United States"),
    ("واشنطن بوست", "The Washington Post", OutletKind.NEWSPAPER, "United States"),
]
# A long tail of small local outlets, so that type-ahead over outlets has something to search.
LOCAL_OUTLET_TOWNS = 30

# (Arabic, English) places; the first ones are in the news most (Zipf).
PLACES: list[tuple[str, str]] = [
    ("طرابلس", "Tripoli"),
    ("غزة", "Gaza"),
    ("إدلب", "Idlib"),
    ("الخرطوم", "Khartoum"),
    ("سرت", "Sirte"),
    ("حلب", "Aleppo"),
    ("بنغازي", "Benghazi"),
    ("مصراتة", "Misrata"),
    ("صنعاء", "Sanaa"),
    ("الموصل", "Mosul"),
    ("رفح", "Rafah"),
    ("خان يونس", "Khan Younis"),
    ("الفاشر", "El Fasher"),
    ("أم درمان", "Omdurman"),
    ("بني وليد", "Bani Walid"),
    ("ترهونة", "Tarhuna"),
    ("غريان", "Gharyan"),
    ("الجفرة", "Al Jufra"),
    ("سبها", "Sabha"),
    ("درنة", "Derna"),
    ("الزاوية", "Zawiya"),
    ("دمشق", "Damascus"),
    ("حمص", "Homs"),
    ("دير الزور", "Deir ez-Zor"),
    ("الرقة", "Raqqa"),
    ("عدن", "Aden"),
    ("الحديدة", "Hodeidah"),
    ("مأرب", "Marib"),
    ("بغداد", "Baghdad"),
    ("الفلوجة", "Fallujah"),
    ("كركوك", "Kirkuk"),
    ("نيالا", "Nyala"),
    ("الجنينة", "El Geneina"),
    ("تعز", "Taiz"),
    ("درعا", "Daraa"),
    ("القامشلي", "Qamishli"),
    ("جنين", "Jenin"),
    ("نابلس", "Nablus"),
    ("الوطية", "Al-Watiya"),
    ("قصر بن غشير", "Qasr bin Ghashir"),
]


@dataclass(frozen=True)
class Counted:
    """What a figure counts, in both languages, with the verbs that place it and its scale."""

    ar_singular: str
    ar_plural: str  # definite plural, for vague figures: عشرات المقاتلين
    en: str
    unit: str
    ar_predicate: str
    en_predicate: str
    low: int
    high: int


COUNTED: list[Counted] = [
    Counted(
        "مقاتل",
        "المقاتلين",
        "fighters",
        "people",
        "انسحبوا من محيط {p}",
        "withdrew from around {p}",
        200,
        6000,
    ),
    Counted(
        "مرتزق",
        "المرتزقة",
        "mercenaries",
        "people",
        "وصلوا إلى {p}",
        "arrived in {p}",
        300,
        3000,
    ),
    Counted(
        "نازح",
        "النازحين",
        "displaced people",
        "people",
        "فروا من {p}",
        "fled {p}",
        1000,
        250000,
    ),
    Counted(
        "قتيل",
        "القتلى",
        "people killed",
        "people",
        "سقطوا في {p}",
        "were killed in {p}",
        5,
        2500,
    ),
    Counted(
        "طائرة مسيرة",
        "الطائرات المسيرة",
        "drones",
        "aircraft",
        "أسقطت فوق {p}",
        "were shot down over {p}",
        3,
        300,
    ),
    Counted(
        "دبابة",
        "الدبابات",
        "tanks",
        "vehicles",
        "دمرت قرب {p}",
        "were destroyed near {p}",
        4,
        200,
    ),
    Counted(
        "صاروخ",
        "الصواريخ",
        "rockets",
        "munitions",
        "أطلقت على {p}",
        "were fired at {p}",
        10,
        1500,
    ),
    Counted(
        "عائلة",
        "العائلات",
        "families",
        "households",
        "عادت إلى {p}",
        "returned to {p}",
        50,
        30000,
    ),
    Counted(
        "جندي",
        "الجنود",
        "soldiers",
        "people",
        "انتشروا في {p}",
        "were deployed in {p}",
        100,
        12000,
    ),
    Counted(
        "معتقل",
        "المعتقلين",
        "detainees",
        "people",
        "أفرج عنهم في {p}",
        "were released in {p}",
        10,
        5000,
    ),
    Counted(
        "شاحنة مساعدات",
        "شاحنات المساعدات",
        "aid trucks",
        "vehicles",
        "دخلت {p}",
        "entered {p}",
        10,
        2000,
    ),
    Counted(
        "كيلومتر",
        "الكيلومترات",
        "km",
        "km",
        "تفصل {p} عن خط الجبهة",
        "separate {p} from the front line",
        5,
        900,
    ),
]

# (Arabic, English transliteration, another Arabic spelling or "")
FIRST_NAMES: list[tuple[str, str, str]] = [
    ("محمد", "Mohammed", "محمّد"),
    ("أحمد", "Ahmed", "احمد"),
    ("علي", "Ali", ""),
    ("عمر", "Omar", ""),
    ("خالد", "Khaled", ""),
    ("يوسف", "Youssef", "يوسيف"),
    ("إبراهيم", "Ibrahim", "ابراهيم"),
    ("مصطفى", "Mustafa", "مصطفي"),
    ("حسن", "Hassan", ""),
    ("حسين", "Hussein", ""),
    ("عبد الله", "Abdullah", "عبدالله"),
    ("سالم", "Salem", ""),
    ("فتحي", "Fathi", ""),
    ("ناصر", "Nasser", ""),
    ("عبد الرحمن", "Abdulrahman", "عبدالرحمن"),
    ("طارق", "Tarek", ""),
    ("سامي", "Sami", ""),
    ("كريم", "Karim", ""),
    ("هشام", "Hisham", ""),
    ("وليد", "Walid", ""),
    ("جمال", "Jamal", ""),
    ("رامي", "Rami", ""),
    ("ماجد", "Majed", ""),
    ("عادل", "Adel", ""),
    ("فيصل", "Faisal", ""),
    ("منصور", "Mansour", ""),
    ("سعيد", "Said", ""),
    ("أسامة", "Osama", "اسامه"),
    ("بشير", "Bashir", ""),
    ("نوري", "Nouri", ""),
    ("فاطمة", "Fatima", "فاطمه"),
    ("مريم", "Maryam", ""),
    ("نجلاء", "Najla", ""),
    ("هالة", "Hala", "هاله"),
    ("ليلى", "Laila", "ليلي"),
    ("سارة", "Sara", "ساره"),
    ("رانيا", "Rania", ""),
    ("دينا", "Dina", ""),
    ("آمنة", "Amna", "امنه"),
    ("زينب", "Zainab", ""),
    ("ياسين", "Yassin", ""),
    ("حمزة", "Hamza", "حمزه"),
    ("أنس", "Anas", "انس"),
    ("معاذ", "Moaz", ""),
    ("بلال", "Bilal", ""),
    ("إسماعيل", "Ismail", "اسماعيل"),
    ("عثمان", "Othman", ""),
    ("صالح", "Saleh", ""),
    ("جبريل", "Jibril", ""),
    ("مختار", "Mukhtar", ""),
]
FAMILY_NAMES: list[tuple[str, str, str]] = [
    ("باشاغا", "Bashagha", "باشآغا"),
    ("عليوان", "Alaywan", "عليوآن"),
    ("نوير", "Nuwair", ""),
    ("عمار", "Ammar", ""),
    ("الحسيني", "al-Husseini", "الحسينى"),
    ("المصري", "al-Masri", ""),
    ("التونسي", "al-Tunisi", ""),
    ("الشامي", "al-Shami", ""),
    ("القاسم", "al-Qasim", ""),
    ("النعيمي", "al-Nuaimi", ""),
    ("الزوي", "al-Zway", ""),
    ("المشري", "al-Mishri", ""),
    ("الدبيبة", "Dbeibah", "الدبيبه"),
    ("حفتر", "Haftar", ""),
    ("السراج", "al-Sarraj", ""),
    ("المنفي", "al-Menfi", ""),
    ("عقيلة", "Aguila", "عقيله"),
    ("الكبير", "al-Kabir", ""),
    ("الهاشمي", "al-Hashimi", ""),
    ("الجبوري", "al-Jubouri", ""),
    ("العبيدي", "al-Obaidi", ""),
    ("الحمدان", "al-Hamdan", ""),
    ("الخطيب", "al-Khatib", ""),
    ("البرغوثي", "Barghouti", ""),
    ("حمدان", "Hamdan", ""),
    ("البرهان", "al-Burhan", ""),
    ("دقلو", "Dagalo", ""),
    ("الحوثي", "al-Houthi", ""),
    ("العليمي", "al-Alimi", ""),
    ("الأحمر", "al-Ahmar", "الاحمر"),
    ("قباني", "Qabbani", ""),
    ("الأسعد", "al-Asaad", "الاسعد"),
    ("الرفاعي", "al-Rifai", ""),
    ("الشريف", "al-Sharif", ""),
    ("بن علي", "Ben Ali", "بنعلي"),
    ("الفيتوري", "al-Fitouri", ""),
    ("الورفلي", "al-Werfalli", ""),
    ("المقريف", "al-Magariaf", ""),
    ("الغويل", "al-Ghweil", ""),
    ("الطرابلسي", "al-Trabelsi", ""),
    ("السويحلي", "al-Swehli", ""),
    ("جويلي", "Juwaili", ""),
    ("النمروش", "al-Namroush", ""),
    ("التاجوري", "al-Tajouri", ""),
    ("الككلي", "al-Kikli", ""),
    ("المحجوب", "al-Mahjoub", ""),
    ("الصافي", "al-Safi", ""),
    ("الدرسي", "al-Dersi", ""),
    ("بوزيد", "Bouzid", ""),
    ("الشيباني", "al-Shibani", ""),
    ("العكيدي", "al-Ogaidi", ""),
    ("المجبري", "al-Majbari", ""),
    ("العريبي", "al-Oraibi", ""),
    ("الفرجاني", "al-Ferjani", ""),
    ("الزنتاني", "al-Zintani", ""),
    ("القطراني", "al-Gatrani", ""),
    ("المسماري", "al-Mismari", ""),
    ("الحاسي", "al-Hasi", ""),
    ("الجضران", "Jadhran", ""),
    ("الأوجلي", "al-Awjali", "الاوجلي"),
]
ROLES: list[tuple[str, str]] = [
    ("وزير الداخلية", "interior minister"),
    ("المتحدث باسم الجيش", "army spokesman"),
    ("قائد ميداني", "field commander"),
    ("عضو مجلس النواب", "member of parliament"),
    ("مسؤول في الأمم المتحدة", "UN official"),
    ("مدير المستشفى الميداني", "director of the field hospital"),
    ("رئيس البلدية", "mayor"),
    ("الناطق باسم الحكومة", "government spokesman"),
    ("محلل عسكري", "military analyst"),
    ("مسؤول في الهلال الأحمر", "Red Crescent official"),
]
ORGANISATIONS: list[tuple[str, str]] = [
    ("قوات حكومة الوفاق", "GNA forces"),
    ("القيادة الأمريكية في أفريقيا", "AFRICOM"),
    ("الأمم المتحدة", "the United Nations"),
    ("منظمة الصحة العالمية", "the World Health Organization"),
    ("المفوضية السامية لشؤون اللاجئين", "UNHCR"),
    ("الصليب الأحمر", "the Red Cross"),
    ("وزارة الصحة", "the health ministry"),
    ("وزارة الدفاع", "the defence ministry"),
    ("قوات الدعم السريع", "the Rapid Support Forces"),
    ("الجيش الوطني الليبي", "the Libyan National Army"),
    ("المنظمة الدولية للهجرة", "the IOM"),
    ("مكتب تنسيق الشؤون الإنسانية", "OCHA"),
]
COLLECTIVES: list[tuple[str, str]] = [
    ("مسؤولون غربيون", "Western officials"),
    ("مصدر عسكري", "a military source"),
    ("مصادر محلية", "local sources"),
    ("شهود عيان", "witnesses"),
    ("مسؤولون أمريكيون", "US officials"),
    ("مصادر طبية", "medical sources"),
    ("دبلوماسيون", "diplomats"),
    ("مصدر أمني", "a security source"),
]

MONTHS_EN = "January February March April May June July August September October November December"
MONTHS_AR = "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر"

# Reporting verbs and their English counterparts; {s} is the speaker, {r} the relaying outlet.
AR_ATTRIBUTIONS = [
    "وقال {s} إن ",
    "وأكد {s} أن ",
    "وأوضح {s} أن ",
    "وذكر {s} أن ",
    "وبحسب {s}، فإن ",
]
AR_RELAYED = ["ونقلت {r} عن {s} قوله إن ", "وأفاد {s}، وفق ما نقلت {r}، بأن "]
EN_ATTRIBUTIONS = ["{s} said ", "According to {s}, ", "{s} told reporters that "]
EN_RELAYED = ["{s} told {r} that ", "Citing {s}, {r} reported that "]
AR_FILLERS = [
    "وتشهد المنطقة توترا متصاعدا منذ مطلع عام {y}.",
    "وكانت الأمم المتحدة قد دعت في {m} {y} إلى وقف فوري لإطلاق النار.",
    "ولم يتسن التحقق من هذه الأرقام من مصدر مستقل.",
    "وجاءت هذه التطورات بعد اجتماع عقد في الساعة 10:30 صباحا.",
    "ويستخدم الطرفان طائرات من طراز ميغ 29 وسوخوي 24 في المعارك.",
]
EN_FILLERS = [
    "Tensions in the region have been rising since early {y}.",
    "The United Nations called for an immediate ceasefire in {m} {y}.",
    "The figures could not be independently verified.",
    "The meeting began at 10:30 in the morning.",
    "Both sides have fielded MiG-29 and Su-24 aircraft.",
]
# Arabic qualifier cues (design.md, "Numbers"), some written with their diacritics as in print.
AR_CUES = {
    Qualifier.EXACT: [""],
    Qualifier.APPROX: ["نحو ", "حوالي ", "قرابة ", "زهاء ", "حوالَي "],
    Qualifier.MORE_THAN: ["أكثر من ", "ما يزيد على ", "أكثرَ من "],
    Qualifier.AT_LEAST: ["ما لا يقل عن "],
    Qualifier.LESS_THAN: ["أقل من "],
    Qualifier.AT_MOST: ["ما لا يزيد على ", "حتى "],
}
EN_CUES = {
    Qualifier.EXACT: [""],
    Qualifier.APPROX: ["about ", "roughly ", "some "],
    Qualifier.MORE_THAN: ["more than ", "over "],
    Qualifier.AT_LEAST: ["at least "],
    Qualifier.LESS_THAN: ["fewer than "],
    Qualifier.AT_MOST: ["up to "],
}
# Vague plurals: (Arabic word, English word, lower, upper).
VAGUE = [("عشرات", "dozens of", 20, 99), ("مئات", "hundreds of", 200, 999)]
VAGUE += [("آلاف", "thousands of", 2000, 9999)]

QUALIFIER_WEIGHTS = [
    (Qualifier.EXACT, 40),
    (Qualifier.APPROX, 22),
    (Qualifier.MORE_THAN, 12),
    (Qualifier.AT_LEAST, 6),
    (Qualifier.LESS_THAN, 4),
    (Qualifier.AT_MOST, 4),
    (Qualifier.RANGE, 6),
    (Qualifier.VAGUE, 6),
]
STATUS_WEIGHTS = [
    (Status.EXTRACTED, 62),
    (Status.IN_REVIEW, 14),
    (Status.VERIFIED, 14),
    (Status.DISPUTED, 5),
    (Status.REJECTED, 5),
]
ARABIC_SHARE = 0.75
NARRATOR_SHARE = 0.15  # figures with no reporting verb belong to the article's outlet
RELAYED_SHARE = 0.2
MEASURED_SHARE = 0.6  # claims an editor (here: the generator) has tied to a measure
FIRST_DAY = dt.date(2017, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)

_ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def zipf_cumulative(n: int, s: float = 1.0) -> list[float]:
    """Cumulative Zipf weights for n items: item i drawn with probability ∝ 1 / (i + 1)^s."""
    return list(itertools.accumulate(1 / (i + 1) ** s for i in range(n)))


@dataclass(frozen=True)
class SpeakerSpec:
    name: str
    name_en: str
    kind: str
    role: str
    role_en: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class MeasureSpec:
    name: str
    counted: Counted
    place: tuple[str, str]
    period: str
    period_ar: str
    value: int  # the "true" figure claims scatter around


@dataclass
class Vocabulary:
    """The outlets, speakers and measures generated articles talk about; the same for a seed."""

    outlets: list[tuple[str, str, str, str]]
    speakers: list[SpeakerSpec]
    measures: list[MeasureSpec]
    outlet_weights: list[float] = field(default_factory=list)
    speaker_weights: list[float] = field(default_factory=list)
    measure_weights: list[float] = field(default_factory=list)
    place_weights: list[float] = field(default_factory=list)

    @classmethod
    def build(cls, seed: int, *, speakers: int = 3000, measures: int = 5000) -> Vocabulary:
        rng = random.Random(f"vocabulary-{seed}")
        outlets = list(OUTLETS)
        for i in range(LOCAL_OUTLET_TOWNS):
            ar, en = PLACES[i % len(PLACES)]
            outlets.append((f"صحيفة {ar} المحلية", f"{en} Local News", OutletKind.NEWSPAPER, ""))
        people = [
            (first, family)
            for first in FIRST_NAMES
            for family in FAMILY_NAMES
            if first[0] != family[0]
        ]
        rng.shuffle(people)
        speaker_specs = [
            SpeakerSpec(ar, en, SpeakerKind.ORGANISATION, "", "", (en,)) for ar, en in ORGANISATIONS
        ]
        speaker_specs += [
            SpeakerSpec(ar, en, SpeakerKind.COLLECTIVE, "", "", (en,)) for ar, en in COLLECTIVES
        ]
        for first, family in people[: max(0, speakers - len(speaker_specs))]:
            name = f"{first[0]} {family[0]}"
            name_en = f"{first[1]} {family[1]}"
            variants = [name_en, family[1]]
            if first[2] or family[2]:
                variants.append(f"{first[2] or first[0]} {family[2] or family[0]}")
            role_ar, role_en = rng.choice(ROLES)
            speaker_specs.append(
                SpeakerSpec(name, name_en, SpeakerKind.PERSON, role_ar, role_en, tuple(variants))
            )
        # The organisations and collectives are quoted everywhere; persons follow a long tail.
        order = speaker_specs[len(ORGANISATIONS) + len(COLLECTIVES) :]
        rng.shuffle(order)
        speaker_specs = speaker_specs[: len(ORGANISATIONS) + len(COLLECTIVES)] + order

        months_en, months_ar = MONTHS_EN.split(), MONTHS_AR.split()
        measure_specs: list[MeasureSpec] = []
        seen: set[str] = set()
        place_cum = zipf_cumulative(len(PLACES), 0.8)
        while len(measure_specs) < measures:
            counted = rng.choice(COUNTED)
            place = rng.choices(PLACES, cum_weights=place_cum)[0]
            year, month = rng.randint(FIRST_DAY.year, LAST_DAY.year), rng.randrange(12)
            period = f"{months_en[month]} {year}"
            name = f"{counted.en.capitalize()}, {place[1]}, {period}"
            if name in seen:
                continue
            seen.add(name)
            value = int(rng.lognormvariate(0, 1) * (counted.low + counted.high) / 4) + counted.low
            measure_specs.append(
                MeasureSpec(name, counted, place, period, f"{months_ar[month]} {year}", value)
            )
        return cls(
            outlets=outlets,
            speakers=speaker_specs,
            measures=measure_specs,
            outlet_weights=zipf_cumulative(len(outlets), 1.1),
            speaker_weights=zipf_cumulative(len(speaker_specs), 1.0),
            measure_weights=zipf_cumulative(len(measure_specs), 1.0),
            place_weights=place_cum,
        )


@dataclass(frozen=True)
class ComposedClaim:
    start: int
    end: int
    quote: str
    value: float | None
    lower: float | None
    upper: float | None
    qualifier: str
    unit: str
    counted: str
    speaker: int | None  # index into Vocabulary.speakers
    speaker_text: str
    measure: int | None  # index into Vocabulary.measures
    relay: int | None  # index into Vocabulary.outlets
    status: str
    confidence: float


@dataclass(frozen=True)
class ComposedArticle:
    title: str
    body: str
    language: str
    outlet: int | None  # index into Vocabulary.outlets
    published_on: dt.date | None
    claims: list[ComposedClaim]

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.body.encode("utf-8")).hexdigest()


def _pick(rng: random.Random, cum_weights: Sequence[float]) -> int:
    return bisect.bisect(cum_weights, rng.random() * cum_weights[-1])


def _number_text(value: int, arabic: bool, rng: random.Random) -> str:
    if arabic:
        # Mostly Western digits as Arabic sites print them; some Arabic-Indic digits.
        return str(value).translate(_ARABIC_DIGITS) if rng.random() < 0.15 else str(value)
    return f"{value:,}" if value >= 1000 and rng.random() < 0.7 else str(value)


def _figure(
    rng: random.Random, measure: MeasureSpec | None, counted: Counted, arabic: bool
) -> tuple[str, float | None, float | None, float | None, str]:
    """The quoted figure (cue, number, counted noun) and its value, lower, upper, qualifier."""
    qualifier = rng.choices([q for q, _ in QUALIFIER_WEIGHTS], cum_weights=_QUALIFIER_CUM, k=1)[0]
    if measure is not None:
        # Figures for one measure scatter around its value, so measures have real conflicts.
        value = max(1, int(measure.value * rng.choice((0.5, 0.8, 0.9, 1, 1, 1, 1.1, 1.25, 2))))
    else:
        value = rng.randint(counted.low, counted.high)
    noun = counted.ar_singular if arabic else counted.en
    if qualifier == Qualifier.VAGUE:
        ar_word, en_word, low, high = rng.choice(VAGUE)
        text = f"{ar_word} {counted.ar_plural}" if arabic else f"{en_word} {counted.en}"
        return text, None, float(low), float(high), qualifier
    if qualifier == Qualifier.RANGE:
        high = value + max(1, value // rng.choice((4, 5, 10)))
        low_text, high_text = _number_text(value, arabic, rng), _number_text(high, arabic, rng)
        if arabic:
            text = f"ما بين {low_text} و{high_text} {noun}"
        else:
            text = f"between {low_text} and {high_text} {noun}"
        return text, None, float(value), float(high), qualifier
    cue = rng.choice((AR_CUES if arabic else EN_CUES)[qualifier])
    text = f"{cue}{_number_text(value, arabic, rng)} {noun}"
    lower = upper = None
    if qualifier == Qualifier.EXACT:
        lower = upper = float(value)
    elif qualifier in (Qualifier.MORE_THAN, Qualifier.AT_LEAST):
        lower = float(value)
    elif qualifier in (Qualifier.LESS_THAN, Qualifier.AT_MOST):
        upper = float(value)
    return text, float(value), lower, upper, qualifier


_QUALIFIER_CUM = list(itertools.accumulate(w for _, w in QUALIFIER_WEIGHTS))
_STATUS_CUM = list(itertools.accumulate(w for _, w in STATUS_WEIGHTS))
_STATUSES = [s for s, _ in STATUS_WEIGHTS]


def compose_article(vocabulary: Vocabulary, rng: random.Random, number: int, claims: int):
    """One article with `claims` figures; `number` makes its text (and content hash) unique."""
    arabic = rng.random() < ARABIC_SHARE
    outlet = _pick(rng, vocabulary.outlet_weights) if rng.random() > 0.03 else None
    days = (LAST_DAY - FIRST_DAY).days
    # Later years carry more news: the triangular draw leans towards the end of the period.
    published_on = FIRST_DAY + dt.timedelta(days=int(rng.triangular(0, days, days)))
    if rng.random() < 0.02:
        published_on = None
    main_place = PLACES[_pick(rng, vocabulary.place_weights)]
    year = published_on.year if published_on else 2020
    if arabic:
        title = f"تطورات جديدة في {main_place[0]} (تقرير {number})"
    else:
        title = f"New developments in {main_place[1]} (report {number})"
    parts = [title, "\n"]
    length = len(title) + 1
    composed: list[ComposedClaim] = []
    fillers = AR_FILLERS if arabic else EN_FILLERS
    months = (MONTHS_AR if arabic else MONTHS_EN).split()
    for i in range(claims):
        if i % 3 == 1:
            filler = rng.choice(fillers).format(y=year, m=rng.choice(months)) + " "
            parts.append(filler)
            length += len(filler)
        measure_index = (
            _pick(rng, vocabulary.measure_weights) if rng.random() < MEASURED_SHARE else None
        )
        measure = vocabulary.measures[measure_index] if measure_index is not None else None
        counted = measure.counted if measure else rng.choice(COUNTED)
        place = measure.place if measure else main_place
        quote, value, lower, upper, qualifier = _figure(rng, measure, counted, arabic)
        speaker_index: int | None = None
        speaker_text = ""
        relay: int | None = None
        if rng.random() < NARRATOR_SHARE:
            lead = "" if not arabic else "و"
        else:
            speaker_index = _pick(rng, vocabulary.speaker_weights)
            spec = vocabulary.speakers[speaker_index]
            if arabic:
                speaker_text = spec.name
                if len(spec.aliases) > 2 and rng.random() < 0.2:
                    speaker_text = spec.aliases[2]  # another spelling of the same person
                shown = f"{spec.role} {speaker_text}" if spec.role else speaker_text
            else:
                speaker_text = spec.name_en
                shown = f"{spec.role_en} {speaker_text}" if spec.role_en else speaker_text
            if rng.random() < RELAYED_SHARE:
                relay = _pick(rng, vocabulary.outlet_weights)
                relay_name = vocabulary.outlets[relay][0 if arabic else 1]
                template = rng.choice(AR_RELAYED if arabic else EN_RELAYED)
                lead = template.format(s=shown, r=relay_name)
            else:
                lead = rng.choice(AR_ATTRIBUTIONS if arabic else EN_ATTRIBUTIONS).format(s=shown)
        if arabic:
            tail = " " + counted.ar_predicate.format(p=place[0])
            if measure:
                tail += f" خلال {measure.period_ar}"
            tail += ".\n"
        else:
            tail = " " + counted.en_predicate.format(p=place[1])
            if measure:
                tail += f" in {measure.period}"
            tail += ".\n"
            if not lead:
                quote_start = quote[:1].upper() + quote[1:]
                quote = quote_start
        start = length + len(lead)
        end = start + len(quote)
        parts += [lead, quote, tail]
        length = end + len(tail)
        composed.append(
            ComposedClaim(
                start=start,
                end=end,
                quote=quote,
                value=value,
                lower=lower,
                upper=upper,
                qualifier=qualifier,
                unit=counted.unit,
                counted=counted.ar_singular if arabic else counted.en,
                speaker=speaker_index,
                speaker_text=speaker_text,
                measure=measure_index,
                relay=relay,
                status=rng.choices(_STATUSES, cum_weights=_STATUS_CUM, k=1)[0],
                confidence=round(rng.uniform(0.5, 1.0), 2),
            )
        )
    return ComposedArticle(
        title=title,
        body="".join(parts),
        language="ar" if arabic else "en",
        outlet=outlet,
        published_on=published_on,
        claims=composed,
    )


def compose_articles(
    seed: int, articles: int, claims_per_article: int, *, first_number: int = 1
) -> Iterator[ComposedArticle]:
    """The generated articles for a seed, one by one (no database needed)."""
    vocabulary = Vocabulary.build(seed)
    rng = random.Random(seed)
    for number in range(first_number, first_number + articles):
        yield compose_article(vocabulary, rng, number, claims_per_article)


@dataclass
class GenerationReport:
    articles: int = 0
    claims: int = 0
    relays: int = 0
    outlets: int = 0
    speakers: int = 0
    measures: int = 0
    seconds: float = 0.0
    index_seconds: float = 0.0

    @property
    def summary(self) -> str:
        rate = self.claims / self.seconds if self.seconds else 0
        return (
            f"{self.articles} articles, {self.claims} claims, {self.relays} relays, "
            f"{self.outlets} outlets, {self.speakers} speakers, {self.measures} measures "
            f"in {self.seconds:.1f} s ({rate:,.0f} claims/s"
            + (
                f", of which {self.index_seconds:.1f} s building indexes)"
                if self.index_seconds
                else ")"
            )
        )


APP_TABLES = [
    ClaimRelay,
    Claim,
    SpeakerAlias,
    Speaker,
    Measure,
    Article,
    Outlet,
]


def reset_tables() -> None:
    """Empty the articles and claims tables (and their history); users and groups stay."""
    from django.apps import apps

    models = [
        m
        for m in apps.get_models()
        if m._meta.app_label in ("articles", "claims") and not m._meta.proxy
    ]
    tables = [m._meta.db_table for m in models]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        else:
            # Children before parents; foreign keys are checked per statement on SQLite.
            ordered = [m._meta.db_table for m in APP_TABLES]
            ordered = [t for t in tables if t not in ordered] + ordered
            for table in ordered:
                cursor.execute(f'DELETE FROM "{table}"')
            placeholders = ", ".join("%s" for _ in tables)
            cursor.execute(f"DELETE FROM sqlite_sequence WHERE name IN ({placeholders})", tables)


def _ensure_vocabulary(vocabulary: Vocabulary) -> tuple[list[int], list[int], list[int]]:
    """Database ids of the vocabulary's outlets, speakers and measures, created when missing."""
    existing = {o.name: o.pk for o in Outlet.objects.all()}
    new_outlets = [
        Outlet(name=ar, name_ar=ar, name_en=en, kind=kind, country=country)
        for ar, en, kind, country in vocabulary.outlets
        if ar not in existing
    ]
    for outlet in Outlet.objects.bulk_create(new_outlets, batch_size=500):
        existing[outlet.name] = outlet.pk
    outlet_ids = [existing[ar] for ar, *_ in vocabulary.outlets]

    speakers_by_name = dict(Speaker.objects.values_list("name", "pk"))
    new_speakers = [
        Speaker(name=s.name, kind=s.kind, role=s.role)
        for s in vocabulary.speakers
        if s.name not in speakers_by_name
    ]
    created = Speaker.objects.bulk_create(new_speakers, batch_size=1000)
    for speaker in created:
        speakers_by_name[speaker.name] = speaker.pk
    specs = {s.name: s for s in vocabulary.speakers}
    aliases = [
        SpeakerAlias(speaker_id=speaker.pk, name=name, normalized=normalize_for_matching(name))
        for speaker in created
        for name in dict.fromkeys((speaker.name, *specs[speaker.name].aliases))
    ]
    # Two spellings may normalize alike (احمد / أحمد): one alias row per matching key.
    unique_aliases = {(a.speaker_id, a.normalized): a for a in aliases}
    SpeakerAlias.objects.bulk_create(unique_aliases.values(), batch_size=2000)
    speaker_ids = [speakers_by_name[s.name] for s in vocabulary.speakers]

    measures_by_name = dict(Measure.objects.values_list("name", "pk"))
    new_measures = [
        Measure(
            name=m.name,
            unit=m.counted.unit,
            period=m.period,
            description=f"{m.counted.en} ({m.counted.ar_singular}), {m.place[1]} ({m.place[0]})",
        )
        for m in vocabulary.measures
        if m.name not in measures_by_name
    ]
    for measure in Measure.objects.bulk_create(new_measures, batch_size=2000):
        measures_by_name[measure.name] = measure.pk
    measure_ids = [measures_by_name[m.name] for m in vocabulary.measures]
    return outlet_ids, speaker_ids, measure_ids


ARTICLE_COLUMNS = [
    "id",
    "outlet_id",
    "title",
    "body",
    "language",
    "url",
    "published_on",
    "source_name",
    "content_hash",
    "imported_at",
]
CLAIM_COLUMNS = [
    "id",
    "article_id",
    "outlet_id",
    "language",
    "published_on",
    "speaker_id",
    "speaker_text",
    "measure_id",
    "value",
    "lower",
    "upper",
    "qualifier",
    "unit",
    "counted",
    "quote",
    "start",
    "end",
    "prefix",
    "suffix",
    "status",
    "extraction_method",
    "confidence",
    "note",
    "reviewed_at",
    "version",
    "created_at",
    "updated_at",
]
RELAY_COLUMNS = ["id", "claim_id", "outlet_id", "position"]


def search_document_cached() -> Callable[..., str] | None:
    """claims.search.search_document, memoised part by part (None before the dashboard).

    A document is its parts' terms in order, deduplicated; no term spans two parts, so each
    part's terms can be cached, and generated parts repeat (speakers, nouns, cues, numbers).
    """
    try:
        from claims.search import search_document  # noqa: F401 (the definition mirrored here)
    except ImportError:
        return None
    from articles.normalization import search_terms

    terms = functools.lru_cache(maxsize=200_000)(lambda part: tuple(search_terms(part)))

    def document(*parts: str | None) -> str:
        return " ".join(dict.fromkeys(itertools.chain.from_iterable(terms(p) for p in parts if p)))

    return document


def _extra_columns(model, known: list[str]) -> dict[str, Callable[[dict], object]]:
    """Columns later migrations add (search text, say) with a way to fill them from a row.

    A claim row carries `_speaker_name` and `_title` beside its columns for the search text.
    """
    fill: dict[str, Callable[[dict], object]] = {}
    for f in model._meta.concrete_fields:
        if f.column in known or getattr(f, "generated", False) or f.column == "reviewed_by_id":
            continue
        if model is Claim and f.column == "search_text" and search_document_cached():
            # The same document Claim.save() stores: quote, counted, speaker, speaker text, title.
            document = search_document_cached()
            fill[f.column] = lambda row, d=document: d(
                row["quote"],
                row["counted"],
                row["_speaker_name"],
                row["speaker_text"],
                row["_title"],
            )
        elif f.has_db_default() or f.null:
            continue
        elif f.has_default():
            default = f.get_default()
            fill[f.column] = lambda row, default=default: default
        elif f.get_internal_type() in ("TextField", "CharField"):
            fill[f.column] = lambda row: ""
    return fill


def generate(
    *,
    articles: int,
    claims_per_article: int,
    seed: int = 1,
    reset: bool = False,
    chunk: int = 2000,
    progress: Callable[[int], Callable[[int], None]] | None = None,
) -> GenerationReport:
    """Write `articles` generated articles with `claims_per_article` claims each.

    `progress(total)` returns a callback given the number of claims written after each chunk.
    """
    started = timezone.now()
    clock = _clock()
    if reset:
        reset_tables()
    vocabulary = Vocabulary.build(seed)
    outlet_ids, speaker_ids, measure_ids = _ensure_vocabulary(vocabulary)
    report = GenerationReport(
        outlets=len(outlet_ids), speakers=len(speaker_ids), measures=len(measure_ids)
    )
    next_article = (Article.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    next_claim = (Claim.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    next_relay = (ClaimRelay.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    speaker_names = [s.name for s in vocabulary.speakers]
    article_extra = _extra_columns(Article, ARTICLE_COLUMNS)
    claim_extra = _extra_columns(Claim, CLAIM_COLUMNS)
    article_columns = ARTICLE_COLUMNS + list(article_extra)
    claim_columns = CLAIM_COLUMNS + list(claim_extra)
    tick = progress(articles * claims_per_article) if progress else (lambda n: None)
    rng = random.Random(seed)
    # The article number continues from the rows already there, so appending never repeats a text.
    first_number = next_article
    # A bulk load into empty tables is faster without the secondary indexes: COPY, then build
    # each index once (what pg_restore does). Constraint indexes stay: they check the rows.
    dropped = (
        _drop_secondary_indexes()
        if reset and articles * claims_per_article >= BULK_LOAD_ROWS
        else []
    )
    writer = _ChunkWriter(threaded=connection.vendor == "postgresql")
    try:
        written = 0
        while written < articles:
            size = min(chunk, articles - written)
            article_rows: list[dict] = []
            claim_rows: list[dict] = []
            relay_rows: list[tuple] = []
            for offset in range(size):
                composed = compose_article(
                    vocabulary, rng, first_number + written + offset, claims_per_article
                )
                article_id = next_article
                next_article += 1
                outlet_id = outlet_ids[composed.outlet] if composed.outlet is not None else None
                row = {
                    "id": article_id,
                    "outlet_id": outlet_id,
                    "title": composed.title,
                    "body": composed.body,
                    "language": composed.language,
                    "url": f"https://example.org/{article_id}",
                    "published_on": composed.published_on,
                    "source_name": f"generated-{seed}-{article_id}.txt",
                    "content_hash": composed.content_hash,
                    "imported_at": started,
                }
                for column, fill in article_extra.items():
                    row[column] = fill(row)
                article_rows.append(row)
                body = composed.body
                for c in composed.claims:
                    claim = {
                        "id": next_claim,
                        "article_id": article_id,
                        "outlet_id": outlet_id,
                        "language": composed.language,
                        "published_on": composed.published_on,
                        "speaker_id": speaker_ids[c.speaker] if c.speaker is not None else None,
                        "speaker_text": c.speaker_text,
                        "measure_id": measure_ids[c.measure] if c.measure is not None else None,
                        "value": c.value,
                        "lower": c.lower,
                        "upper": c.upper,
                        "qualifier": c.qualifier,
                        "unit": c.unit,
                        "counted": c.counted,
                        "quote": c.quote,
                        "start": c.start,
                        "end": c.end,
                        "prefix": body[max(0, c.start - 64) : c.start],
                        "suffix": body[c.end : c.end + 64],
                        "status": c.status,
                        "extraction_method": ExtractionMethod.RULES,
                        "confidence": c.confidence,
                        "note": "",
                        "reviewed_at": started if c.status != Status.EXTRACTED else None,
                        "version": 1 if c.status == Status.EXTRACTED else 2,
                        "created_at": started,
                        "updated_at": started,
                        "_speaker_name": speaker_names[c.speaker] if c.speaker is not None else "",
                        "_title": composed.title,
                    }
                    for column, fill in claim_extra.items():
                        claim[column] = fill(claim)
                    claim_rows.append(claim)
                    if c.relay is not None and outlet_ids[c.relay] != outlet_id:
                        relay_rows.append((next_relay, next_claim, outlet_ids[c.relay], 1))
                        next_relay += 1
                    next_claim += 1
            writer.put(
                [
                    (
                        Article,
                        article_columns,
                        [[r[c] for c in article_columns] for r in article_rows],
                    ),
                    (Claim, claim_columns, [[r[c] for c in claim_columns] for r in claim_rows]),
                    (ClaimRelay, RELAY_COLUMNS, relay_rows),
                ]
            )
            written += size
            report.articles += size
            report.claims += len(claim_rows)
            report.relays += len(relay_rows)
            tick(len(claim_rows))
        writer.close()
    finally:
        writer.stop()
        report.index_seconds = _create_indexes(dropped)
    _finish()
    report.seconds = clock()
    return report


class _ChunkWriter:
    """Writes chunks on its own thread and connection while the next chunk is composed.

    PostgreSQL parses, checks and indexes one chunk while Python builds the next: on two cores
    that overlaps most of the generator's Python time. On SQLite (one writer) it writes inline.
    """

    def __init__(self, *, threaded: bool) -> None:
        self.error: BaseException | None = None
        self.thread: threading.Thread | None = None
        if threaded:
            self.queue: queue.Queue = queue.Queue(maxsize=1)
            self.thread = threading.Thread(target=self._run, name="generate-writer", daemon=True)
            self.thread.start()

    def put(self, writes: list[tuple]) -> None:
        if self.thread is None:
            self._apply(writes)
            return
        if self.error is not None:
            raise self.error
        self.queue.put(writes)

    def close(self) -> None:
        """Wait for every chunk to be written; raise what the writer met."""
        self.stop()
        if self.error is not None:
            raise self.error

    def stop(self) -> None:
        if self.thread is not None and self.thread.is_alive():
            self.queue.put(None)
            self.thread.join()

    @staticmethod
    def _apply(writes: list[tuple]) -> None:
        for model, columns, rows in writes:
            _write(model, columns, rows)

    def _run(self) -> None:
        try:
            while (writes := self.queue.get()) is not None:
                if self.error is None:
                    try:
                        self._apply(writes)
                    except BaseException as error:  # handed to the main thread
                        self.error = error
        finally:
            connection.close()  # this thread's own connection


BULK_LOAD_ROWS = 200_000
INDEXED_TABLES = [Article, Claim, ClaimRelay]


def _drop_secondary_indexes() -> list[str]:
    """Drop the PostgreSQL indexes no constraint needs; returns the statements recreating them."""
    if connection.vendor != "postgresql":
        return []
    statements: list[str] = []
    with connection.cursor() as cursor:
        for model in INDEXED_TABLES:
            table = model._meta.db_table
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s "
                "AND i.schemaname = current_schema() AND NOT EXISTS (SELECT 1 FROM pg_constraint "
                "c WHERE c.conname = i.indexname AND c.conrelid = %s::regclass)",
                [table, table],
            )
            for name, definition in cursor.fetchall():
                cursor.execute(f'DROP INDEX "{name}"')
                statements.append(definition)
    return statements


def _create_indexes(statements: list[str]) -> float:
    clock = _clock()
    if statements:
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '256MB'")
            for statement in statements:
                cursor.execute(statement)
            cursor.execute("RESET maintenance_work_mem")
    return clock() if statements else 0.0


def _clock() -> Callable[[], float]:
    import time

    start = time.perf_counter()
    return lambda: time.perf_counter() - start


def _write(model, columns: list[str], rows: Sequence[Sequence]) -> None:
    if not rows:
        return
    table = model._meta.db_table
    if connection.vendor == "postgresql":
        quoted = ", ".join(f'"{c}"' for c in columns)
        sql = f'COPY "{table}" ({quoted}) FROM STDIN'
        with transaction.atomic(), connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
    else:
        attnames = {f.column: f.attname for f in model._meta.concrete_fields}
        objects = [
            model(**{attnames[c]: v for c, v in zip(columns, row, strict=True)}) for row in rows
        ]
        with transaction.atomic():
            model.objects.bulk_create(objects, batch_size=500)


def _finish() -> None:
    """Sequences after explicit ids, and fresh planner statistics for the new rows."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for model in (Article, Claim, ClaimRelay):
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                    f'COALESCE((SELECT MAX(id) FROM "{table}"), 1))'
                )
            for model in (Article, Claim, ClaimRelay, Speaker, SpeakerAlias, Measure, Outlet):
                cursor.execute(f'ANALYZE "{model._meta.db_table}"')
        else:
            cursor.execute("ANALYZE")
