"""What generated articles talk about: outlets, places, speakers, measures, from a seed.

The word lists are Arabic first with their English counterparts; outlets, places, speakers and
measures are Zipf-skewed so that a few dominate, as in the news.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import dataclass, field

from articles.models import OutletKind
from claims.models import SpeakerKind

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

FIRST_DAY = dt.date(2017, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)


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
