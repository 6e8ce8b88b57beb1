"""The words the grouping knows: counted things and their synonyms (Arabic and English), the
events a figure can count (left, deployed, killed ...), and the words that announce a place or an
organisation. General news vocabulary, not any one story's: a story's own names (فاغنر، بني وليد)
are found by the cues, never listed.

Every entry is written as in the text and compared after `articles.normalization.stem`, so
"المرتزقة", "مرتزقة" and "مرتزق" are one entry, as are "fighters" and "fighter".
"""

from __future__ import annotations

import functools
import re

from articles.normalization import normalize, stem

# Counted things: a concept and the words that name it. A figure's thing is the first word of
# what it counts that names a concept (عنصر من مرتزقة → fighters), else that word's own stem.
THINGS: dict[str, tuple[str, ...]] = {
    "fighters": (
        "مقاتل مقاتلين مقاتلون مرتزق مرتزقة عنصر عناصر مسلح مسلحين مسلحون جندي جنود عسكري "
        "عسكريين افراد فرد ميليشيا ميليشيات مليشيات مجند مجندين متطوع متطوعين "
        "fighter fighters mercenary mercenaries soldier soldiers troop troops militant militants "
        "gunman gunmen militiaman militiamen combatant combatants personnel recruit recruits"
    ).split(),
    "people": (
        "شخص اشخاص شخصا مواطن مواطنين مدني مدنيين نسمه ساكن سكان فرد مهاجر مهاجرين مهاجرون "
        "اخرين اخرون "
        "person persons people individual individuals civilian civilians resident residents "
        "migrant migrants others"
    ).split(),
    "dead": (
        "قتيل قتلى قتلي ضحيه ضحايا وفاه وفيات شهيد شهداء جثه جثث "
        "dead death deaths fatality fatalities victim victims body bodies casualty casualties"
    ).split(),
    "injured": (
        "جريح جرحى جرحي مصاب مصابين مصابون اصابه اصابات injured wounded injury injuries"
    ).split(),
    "missing": "مفقود مفقودين مفقودون missing".split(),
    "displaced": (
        "نازح نازحين نازحون مهجر مهجرين لاجئ لاجئين لاجئون مشرد مشردين "
        "displaced refugee refugees homeless evacuee evacuees"
    ).split(),
    "detained": (
        "معتقل معتقلين اسير اسرى محتجز محتجزين سجين سجناء موقوف موقوفين "
        "detainee detainees prisoner prisoners captive captives"
    ).split(),
    "aircraft": (
        "طائره طائرات طائرتين طائرتان مقاتله مقاتلات مروحيه مروحيات "
        "aircraft plane planes jet jets helicopter helicopters warplane warplanes"
    ).split(),
    "flights": "رحله رحلات flight flights sortie sorties".split(),
    "drones": "مسيره مسيرات drone drones".split(),
    "vehicles": (
        "اليه اليات اليتين عربه عربات سياره سيارات مدرعه مدرعات دبابه دبابات شاحنه شاحنات "
        "vehicle vehicles car cars truck trucks tank tanks"
    ).split(),
    "houses": (
        "منزل منازل بيت بيوت مسكن مساكن مبنى مباني وحده سكنيه "
        "house houses home homes building buildings dwelling dwellings"
    ).split(),
    "families": "اسره اسر عائله عائلات family families household households".split(),
    "schools": "مدرسه مدارس school schools".split(),
    "hospitals": "مستشفى مستشفيات hospital hospitals".split(),
    "villages": "قريه قرى village villages".split(),
    "rockets": "صاروخ صواريخ قذيفه قذائف rocket rockets missile missiles shell shells".split(),
    "systems": "منظومه منظومات system systems".split(),
    "votes": "صوت اصوات vote votes ballot ballots".split(),
    "cases": "حاله حالات اصابه case cases infection infections".split(),
    "tonnes": "طن اطنان tonne tonnes ton tons".split(),
    # Parts of a population are their own questions (12 of the dead were children).
    "children": "طفل اطفال طفلا children child kids".split(),
    "women": "امراه نساء سيده سيدات women woman".split(),
    "points": "نقطه نقاط point points".split(),
    "goals": "هدف اهداف goal goals".split(),
    "matches": "مباراه مباريات match matches game games".split(),
    "rounds": "جوله جولات round rounds matchday matchdays".split(),
    "boats": "قارب قوارب مركب مراكب سفينه سفن boat boats vessel vessels ship ships".split(),
}

# What an amount, a share or a duration is of: money is a debt, a loan, a fee; a percentage is
# inflation, an interest rate, a deficit. Two amounts of different subjects answer different
# questions; the subject is read from what is counted, else from the words near the figure.
SUBJECTS: dict[str, tuple[str, ...]] = {
    "debt": "دين ديون الدين مديونيه debt debts".split(),
    "reserves": "احتياطي احتياطيات احتياطات reserve reserves".split(),
    "inflation": "تضخم التضخم inflation".split(),
    "interest": "فائده الفائده ايداع الايداع اقراض الاقراض interest deposit lending".split(),
    "deficit": "عجز العجز deficit".split(),
    "growth": "نمو النمو growth".split(),
    "loan": "قرض القرض قروض برنامج البرنامج loan loans program programme facility".split(),
    "sales": "بيع مبيعات حصص حصه طرح stake stakes sale sales privatisation privatization".split(),
    "tranche": "شريحه الشريحه دفعه صرف تسلم تتسلم disbursement disbursements tranche".split(),
    "aid": (
        "مساعدات مساعده منحه منح اغاثه تبرع تبرعات aid assistance grant grants relief "
        "donation donations pledged pledge"
    ).split(),
    "appeal": "نداء النداء تمويل appeal appeals funding".split(),
    "revenue": "ايرادات عائدات ايرادات دخل revenue revenues income earnings".split(),
    "damage": "اضرار الاضرار خسائر خساير تكلفه كلفه damage damages losses cost costs".split(),
    "salary": "راتب رواتب اجر اجور salary salaries wage wages".split(),
    "fee": "صفقه الصفقه fee deal transfer".split(),
    "clause": "شرط جزائي clause".split(),
    "budget": "موازنه ميزانيه مصروفات نفقات budget spending expenditure".split(),
    "exports": "صادرات exports".split(),
    "imports": "واردات imports".split(),
    "gdp": "ناتج الناتج gdp output".split(),
    "unemployment": "بطاله البطاله unemployment jobless".split(),
    "prices": "اسعار الاسعار سعر price prices".split(),
    "age": "عمر العمر البالغ age aged old".split(),
    "target": "مستهدف المستهدف target targets goal".split(),
    "contract": "عقد العقد عقدا contract".split(),
    "transits": "عبور العبور حركه transits transit traffic".split(),
}

# Units of measurement name the thing themselves: 180 km is a distance whatever else is said.
UNIT_THINGS: dict[str, str] = {
    **dict.fromkeys(["km", "m", "miles", "kilometres", "kilometers"], "distance"),
    **dict.fromkeys(["%", "percent"], "share"),
    **dict.fromkeys(["hours", "minutes", "days", "weeks", "months", "years"], "duration"),
    **dict.fromkeys(["usd", "eur", "gbp", "sar", "egp", "try"], "money"),
    **dict.fromkeys(["mm"], "rainfall"),
    "hectares": "area",
    "km2": "area",
    "litres": "volume",
}

# Events: what happened to what is counted. Two figures about different events answer different
# questions (1,400 deployed vs 1,600 withdrawn), whatever the noun.
EVENTS: dict[str, tuple[str, ...]] = {
    "left": (
        "انسحب انسحبت انسحبوا انسحاب انسحابهم منسحب منسحبه المنسحبين فر فروا فرار فرارهم يفرون "
        "هرب هربوا هروب غادر غادروا غادرت مغادره مغادرتهم تراجع تراجعوا تراجعت رحيل خرج خرجوا "
        "خروج اخلي اخلاء "
        "withdrew withdrawn withdraw withdrawal withdrawing fled flee fleeing left leave leaving "
        "retreated retreat retreating evacuated pulled exodus departed departure"
    ).split(),
    "arrived": (
        "نشر نشرهم نشرت انتشار منتشر منتشرين وصل وصلت وصلوا وصول دخل دخلوا دخول ارسل ارسلت "
        "ارسال هبط هبطت هبوط استقدم استقدام جلب جلبت نقل نقلت "
        "deployed deploy deployment arrived arrive arrival sent send landed entered brought "
        "stationed dispatched"
    ).split(),
    "killed": (
        "قتل قتلوا مقتل لقي لقوا حتفهم توفي توفوا وفاه وفيات استشهد استشهاد قتيل قتلى ضحايا "
        "killed kill died die death deaths dead fatalities"
    ).split(),
    "injured": (
        "اصيب اصيبوا اصابه اصابات جرح جرحوا مصاب مصابين مصابون جريح جرحى "
        "injured wounded hurt injuring".split()
    ),
    "missing": "فقد فقدوا فقدان مفقود missing".split(),
    "displaced": ("نزح نزحت نزحوا نزوح تهجير هجر هجروا شرد تشريد displaced uprooted".split()),
    "aboard": "يقل تقل يقلون يحمل تحمل متن متنه carrying carried aboard board".split(),
    "intercepted": (
        "منع اعتراض اعترض احباط احبط ضبط stopped intercepted intercept prevented".split()
    ),
    "received": "تسلم تسلمت تلقى تلقت استلم استفاد استفادت received receive benefited".split(),
    "need": "بحاجه يحتاج يحتاجون need needs".split(),
    "rescued": "انقذ انقاذ انتشل انتشال rescued rescue saved".split(),
    "detained": (
        "اسر اسرت اسروا اعتقل اعتقال اعتقلت احتجز احتجاز اوقف توقيف "
        "captured capture arrested arrest detained detention seized"
    ).split(),
    "destroyed": (
        "دمر دمرت تدمير تضرر تضررت انهار انهيار destroyed damaged collapsed razed".split()
    ),
}

# Words after which the text names a place or an organisation (مدينة بني وليد، شركة فاغنر).
PLACE_CUES = (
    "مدينه بلده قريه منطقه محافظه ولايه اقليم مطار قاعده ميناء جزيره مخيم حي شارع نهر وادي "
    "سد جبل جبهه محور العاصمه عاصمه بلديه مديريه قضاء ناحيه مقاطعه "
    "جنوب شمال شرق غرب جنوبي شمالي شرقي غربي وسط ضواحي "
    "شركه مجموعه منظمه جماعه حركه حزب قوات ميليشيات مليشيات"
).split()

# Words that follow a cue without being a name (جنوب شرق طرابلس: شرق is another cue).
NOT_NAMES = (
    "من الى في على عن مع او ان التي الذي الذين هذه هذا تلك ذلك بعد قبل نحو حوالي اكثر اقل "
    "كل بين عند حتى منذ خلال لدى ضد عبر باتجاه المدني الجويه الجوي الدولي الرئيسي التابعه "
    "نفسها نفسه نحو قرب بالقرب دون خلال اجل"
).split()

# Capitalised English words that are not names.
ENGLISH_NOT_NAMES = (
    "the a an he she it they we i in on at of for from to by with and or but as this that these "
    "those there their his her its said says according about more than some at least nearly "
    "almost over up monday tuesday wednesday thursday friday saturday sunday january february "
    "march april may june july august september october november december mr mrs ms dr"
).split()

# Reporting and function words: never events, places or things.
STOPWORDS = (
    "قال قالت اضاف اضافت اكد اكدت اوضح اوضحت ذكر ذكرت افاد افادت قدر نقلت بحسب وفقا "
    "said told says according reported added stated estimated"
).split()


def _stem_set(words) -> frozenset[str]:
    return frozenset(stem(w) for w in words)


@functools.cache
def thing_of_stem() -> dict[str, str]:
    """Each known word's stem → its counted thing."""
    table: dict[str, str] = {}
    for thing, words in THINGS.items():
        for word in words:
            table.setdefault(stem(word), thing)
            table.setdefault(normalize(word).casefold(), thing)
    return table


@functools.cache
def event_of_word() -> dict[str, str]:
    """Each event word (as normalized, and its stem) → its event."""
    table: dict[str, str] = {}
    for event, words in EVENTS.items():
        for word in words:
            table.setdefault(normalize(word).casefold(), event)
            table.setdefault(stem(word), event)
    return table


@functools.cache
def place_cues() -> frozenset[str]:
    return frozenset(normalize(w) for w in PLACE_CUES) | _stem_set(PLACE_CUES)


@functools.cache
def not_names() -> frozenset[str]:
    words = [*NOT_NAMES, *STOPWORDS, *PLACE_CUES]
    return frozenset(normalize(w) for w in words) | _stem_set(words)


@functools.cache
def english_not_names() -> frozenset[str]:
    return frozenset(ENGLISH_NOT_NAMES) | frozenset(STOPWORDS)


# Directions: "جنوب طرابلس" names a place after them, "في الشرق" does not.
DIRECTIONS = "جنوب شمال شرق غرب جنوبي شمالي شرقي غربي".split()

# Words that describe rather than name (طائرة شحن عسكرية، military, local): left out of names.
GENERIC_MODIFIERS = (
    "عسكري عسكريه عسكريين جوي جويه بري بريه بحري بحريه مسلح مسلحه شحن ثقيل ثقيله خفيف دولي "
    "دوليه محلي محليه جديد جديده رسمي رسميه اخر اخرى اخري كبير كبيره صغير "
    "military air land naval armed cargo heavy light international local new official other "
    "large small"
).split()


@functools.cache
def directions() -> frozenset[str]:
    return frozenset(normalize(w) for w in DIRECTIONS)


@functools.cache
def generic_modifiers() -> frozenset[str]:
    return frozenset(normalize(w).casefold() for w in GENERIC_MODIFIERS)


# Words that make a figure a different snapshot of a quantity: an earlier figure (last year), a
# running total (so far this year), a part (in Mukalla alone), a forecast (next year), an
# increment (three new bodies). A figure marked so and one not answer different questions,
# unless they are the very same figure. Matched on normalized, case-folded text.
TIME_MARKS: dict[str, str] = {
    "past": (
        r"(العام|عام|السنه) (الماضي|السابق|المنصرم|الفائت)|السابق|السابقه|سابقا"
        r"|\blast year\b|\bprevious(ly)?\b|\byears? ago\b|\bformer\b"
    ),
    "cumulative": (
        r"منذ (بدايه|بدء|مطلع)|\bمجموع|تراكمي|العام الجاري|هذا العام"
        r"|\bso far\b|\bcumulative\b|\bthis year\b|\bto date\b"
    ),
    "part": r"وحده|وحدها|وحدهم|بينهم|بينها|\balone\b|\bincluding\b|\bamong\b|\bof whom\b",
    "whole": r"عموم|جميع|كافه|\bacross\b|\bthroughout\b|\bnationwide\b|\bentire\b",
    "per": r"كل |لكل|\bper\b|\beach\b|\bevery\b|\ba day\b|يوميا",
    "forecast": (
        r"توقع|متوقع|المقبل|القادم|سيصل|ستصل"
        r"|\bexpect|\bforecast|\bprojected\b|\bnext year\b|\bwill\b"
    ),
    "initial": r"الاوليه|الاولي|انذاك|في حينه|اليوم التالي|\binitial\b|\bat the time\b",
    "increment": r"\bجديد|جدد|اضافي|\bfurther\b|\badditional\b|\bnew\b|\banother\b",
}


@functools.cache
def subject_of_word() -> dict[str, str]:
    table: dict[str, str] = {}
    for subject, words in SUBJECTS.items():
        for word in words:
            table.setdefault(normalize(word).casefold(), subject)
            table.setdefault(stem(word), subject)
    return table


@functools.cache
def time_mark_patterns() -> dict[str, re.Pattern[str]]:
    return {mark: re.compile(pattern) for mark, pattern in TIME_MARKS.items()}
