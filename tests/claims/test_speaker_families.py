"""Speaker rule families of issue 11's third pass (set C's misses, in general form).

Every example is our own sentence, not one of a labelled set: each family is a construction of
news prose in general (which verbs report, who a pronoun or "the same speaker" is, who a report
"by X" speaks for ...)."""

from __future__ import annotations

import pytest

from claims.extraction import extract_claims


def _speakers(text: str) -> list[str | None]:
    return [c.speaker for c in extract_claims(text)]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # تابع "went on (to say)": a reporting verb like أضاف.
        ("وتابع وزير المالية سامي الخطيب أن العجز بلغ 4 مليارات دينار.", "سامي الخطيب"),
        ("وتابعت الهيئة أن 12 شركة تقدمت بعروض.", "الهيئة"),
        # What a report, an audit or a filing makes known.
        (
            "A study by the Pacific Climate Institute found that sea levels rose 9 centimetres.",
            "Pacific Climate Institute",
        ),
        ("The airline disclosed that 3,400 bookings were cancelled.", "airline"),
        ("The inquiry revealed that 17 inspections were skipped.", "inquiry"),
    ],
)
def test_more_reporting_verbs(text, speaker):
    (claim,) = extract_claims(text)
    assert claim.speaker is not None and speaker in claim.speaker


@pytest.mark.parametrize(
    "text",
    [
        "وتابع الفريق تدريباته بمشاركة 24 لاعبا.",  # followed (a match, training): no report
        "Police found 12 bodies near the river.",  # found as a discovery: the narrator's
    ],
)
def test_verbs_that_also_mean_something_else_need_a_clause(text):
    (claim,) = extract_claims(text)
    assert claim.speaker is None


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # وأضاف: "..." — a verb with no subject before a colon goes on with the last speaker.
        (
            "عنوان\nوقال مدير الميناء سالم حداد إن 30 سفينة تنتظر.\n"
            'وأضاف: "نحتاج إلى 12 رافعة جديدة".',
            ["سالم حداد", "سالم حداد"],
        ),
        # An aside of time or place between commas is no part of the name.
        (
            "وقالت الوزيرة هالة يوسف، رئيسة اللجنة، خلال مؤتمر صحفي عقد أمس، إن 45 مدرسة أغلقت.",
            ["هالة يوسف"],
        ),
        (
            "وأكد النائب عمر سليم، أمام البرلمان، أن 8 مشاريع تعثرت.",
            ["عمر سليم"],
        ),
    ],
)
def test_colon_and_asides(text, speakers):
    said = _speakers(text)
    assert len(said) == len(speakers)
    for got, want in zip(said, speakers, strict=True):
        assert got is not None and want in got and "خلال" not in got and "أمام" not in got


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # بيّن "made clear" opening the sentence, a definite subject, then أن: a report.
        ("وبيّن التقرير أن المخزون بلغ 38 مليون متر مكعب.", "التقرير"),
        ("وبين المتحدث باسم الشركة أن 120 موظفا سرحوا.", "المتحدث باسم الشركة"),
        # بين "between/among": no report.
        ("بين الحكومة والمعارضة خلاف على 40 مقعدا.", None),
        ("وبين المصابين 12 طفلا.", None),
        ("وتتراوح الأسعار بين 5 و7 دنانير.", None),
    ],
)
def test_bayyana_is_a_verb_only_before_a_subject_and_that(text, speaker):
    said = _speakers(text)
    if speaker is None:
        assert set(said) == {None}
    else:
        assert said and all(s is not None and speaker in s for s in said)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A document "issued by" a body (صادر عن): the body speaks through it.
        ("وأظهر تقرير صادر عن منظمة العمل الدولية أن 40 ألف عامل فقدوا وظائفهم.", "منظمة العمل"),
        ('وثّقت دراسة صادرة عن "مرصد المياه العربي" 230 حالة تلوث.', "مرصد المياه العربي"),
        ("A report by the Ocean Watch Trust found that 46 beaches failed tests.", "Ocean Watch"),
    ],
)
def test_a_document_issued_by_a_body_is_the_bodys(text, speaker):
    (claim,) = extract_claims(text)
    assert claim.speaker is not None and speaker in claim.speaker
    assert "صادر" not in claim.speaker


def test_according_to_holds_its_clause_not_the_one_opening_after_it():
    text = (
        "Floods have killed at least 35 people, according to the civil defence, "
        "as rainfall reached 240 millimetres in a day."
    )
    assert _speakers(text) == ["civil defence", None]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # يُذكر أن opening a sentence: the narrator's background, not the last speaker's.
        (
            "عنوان\nوقال مصدر في الوزارة إن 40 حافلة ستعمل.\n"
            "ويُذكر أن الجسر افتتح قبل 12 عاما بطول 900 متر.",
            ["مصدر في الوزارة", None, None],
        ),
        # With a subject it is an ordinary report (ويذكر المصدر أن).
        (
            "عنوان\nوقال مصدر في الوزارة إن 40 حافلة ستعمل.\nويذكر المصدر أن 12 محطة ستفتتح.",
            ["مصدر في الوزارة", "مصدر في الوزارة"],
        ),
    ],
)
def test_yudhkar_anna_is_the_narrators_aside(text, speakers):
    assert _speakers(text) == speakers


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # Documents "seen by" or "obtained by" someone speak for themselves.
        ("وبحسب محاضر الاجتماع التي اطلعت عليها الصحيفة، بلغ العجز 4 مليارات.", "محاضر الاجتماع"),
        ("ووفق الوثيقة التي حصل عليها المراسل، تضم القائمة 52 اسما.", "الوثيقة"),
        # Data "that someone presented" are that someone's.
        ("ووفق المعطيات التي قدمها وزير الصحة، بلغ عدد الإصابات 300 إصابة.", "وزير الصحة"),
    ],
)
def test_seen_by_is_not_the_source_presented_by_is(text, speaker):
    (claim,) = extract_claims(text)
    assert claim.speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        "ويواجه المتهم تهما طبقا للفصل 12 من القانون، الذي ينص على السجن 10 أعوام.",
        "وطبقا للقانون، يدفع المخالف 500 دينار.",
        "ووفق البند السابع، تمنح الشركة 30 يوما للاعتراض.",
    ],
)
def test_according_to_a_law_or_an_article_names_no_source(text):
    assert _speakers(text) and set(_speakers(text)) == {None}


def test_subject_first_then_an_aside_carried_by_an_agency():
    # الاسم، وفي تصريح نقلته الوكالة، قال إن: the name before the aside speaks; the agency that
    # carried the statement relays it.
    (claim,) = extract_claims(
        "وزير الزراعة سمير حداد، وفي تصريح نقلته وكالة الأنباء الأردنية، قال إن 300 مزرعة تضررت."
    )
    assert claim.speaker == "سمير حداد"
    assert claim.speaker_role == "وزير الزراعة"
    assert claim.relay == ("وكالة الأنباء الأردنية",)


def test_a_statement_carried_by_an_agency_opening_the_sentence():
    (claim,) = extract_claims("وفي بيان نقلته وكالة الأنباء، قالت الهيئة إن 12 سفينة وصلت.")
    assert claim.speaker == "الهيئة"
    assert claim.relay == ("وكالة الأنباء",)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # An English subject, then an aside of how or when it was said, then "said".
        ("The union, in a statement on Sunday, said 7,000 members had walked out.", "union"),
        ("The mayor, at a news conference late on Monday, said 40 homes were lost.", "mayor"),
        # A participle with its phrase is an aside; a noun with an -ing modifier is the subject.
        ("Jane Otieno, reporting from Nairobi, said 40 people died.", "Jane Otieno"),
        ("About 300 boats are idle in the harbour, fishing crews said.", "fishing crews"),
    ],
)
def test_english_asides_before_said(text, speaker):
    (claim,) = extract_claims(text)
    assert claim.speaker == speaker


def test_he_or_she_is_the_latest_person_not_a_body():
    text = (
        "Title\nCommission spokeswoman Anna Keller said 37 million euros would go to Poland.\n"
        "A study by the Farm Policy Institute found that 12 regions were hit.\n"
        '"We expect 20 million euros more," she said.'
    )
    assert _speakers(text) == ["Anna Keller", "Farm Policy Institute", "Anna Keller"]


def test_he_with_no_person_before_is_unsure_not_the_body():
    (first, second) = extract_claims(
        "Title\nThe farmers' union said 40 families were displaced.\n"
        '"I lost 3 cows in one night," he said.'
    )
    assert first.speaker is not None and "union" in first.speaker
    assert second.speaker is None and second.speaker_basis == "unsure"
    assert second.confidence < 0.75


def test_a_quotation_that_goes_on_in_the_next_sentence_keeps_its_speaker():
    text = (
        'Title\n"We are working on paper," Delgado said. "We have cancelled 400 operations."\n'
        '"A new paragraph opens with 12 cases," a line of narration says nothing.'
    )
    said = _speakers(text)
    assert said[0] == "Delgado"
    assert said[1] != "Delgado"  # a new paragraph is not the same speaker going on


def test_told_an_outlet_ends_before_the_clause_said():
    (claim,) = extract_claims("Dr. Imran Saleh told NPR his staff had treated 2,300 patients.")
    assert claim.speaker == "Imran Saleh" and claim.relay == ("NPR",)


@pytest.mark.parametrize(
    ("text", "speaker", "relay"),
    [
        # "X reported, citing Y" and "according to X, which cited Y": Y speaks, X relays.
        (
            "The strike costs about 250 million rand a day, Bloomberg reported, citing "
            "estimates by the Harbour Chamber of Commerce and Industry.",
            "Harbour Chamber of Commerce and Industry",
            ("Bloomberg",),
        ),
        (
            "The bank may buy up to 40% of a lender, Reuters reported, citing two people "
            "familiar with the matter.",
            "two people familiar with the matter",
            ("Reuters",),
        ),
        (
            "About 1.2 million cartons are in cold stores, according to Business Day, which "
            "cited Lindiwe Mokoena, head of the growers' body.",
            "Lindiwe Mokoena",
            ("Business Day",),
        ),
    ],
)
def test_the_source_cited_by_an_outlet_speaks(text, speaker, relay):
    claim = extract_claims(text)[0]
    assert claim.speaker is not None and speaker in claim.speaker
    assert claim.relay == relay


def test_cited_as_a_reason_is_no_source():
    (claim,) = extract_claims("The minister cited 3 reasons for the delay.")
    assert claim.speaker is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A rank or a score in an index or a report "issued by" a body is that body's.
        (
            "وجاء الأردن في المرتبة 63 من أصل 190 دولة في تقرير التنافسية الصادر عن البنك الدولي.",
            "البنك الدولي",
        ),
        (
            "وسجلت البلاد 41 نقطة في مؤشر الحرية الصادر عن منظمة فريدم هاوس.",
            "منظمة فريدم هاوس",
        ),
    ],
)
def test_a_figure_in_an_index_issued_by_a_body(text, speaker):
    said = _speakers(text)
    assert said and all(s == speaker for s in said)


def test_issued_alone_without_a_document_is_no_source():
    (claim,) = extract_claims("وصدر الحكم بالسجن 5 سنوات عن المحكمة الابتدائية.")
    assert claim.speaker is None


@pytest.mark.parametrize(
    ("text", "speaker", "relay"),
    [
        # An anonymous source's request to stay unnamed is no part of its name.
        ("وقال مصدر طلب عدم الكشف عن هويته إن 7 جنود قتلوا.", "مصدر", ()),
        (
            "وأكد مسؤول أمني فضل عدم ذكر اسمه لوكالة فرانس برس أن 12 مسلحا اعتقلوا.",
            "مسؤول أمني",
            ("فرانس برس",),
        ),
    ],
)
def test_an_anonymous_source_is_named_without_its_request(text, speaker, relay):
    (claim,) = extract_claims(text)
    assert (claim.speaker, claim.relay) == (speaker, relay)


def test_asking_not_to_publish_is_not_a_source():
    (claim,) = extract_claims("وطلب الوزير عدم نشر 5 تقارير.")
    assert claim.speaker is None
