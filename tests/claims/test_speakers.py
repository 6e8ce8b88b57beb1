"""Speaker attribution and relay chains."""

from __future__ import annotations

import pytest

from claims.extraction import extract_claims


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("وقال وزير الصحة خالد منصور إن 40 شخصا قتلوا", "خالد منصور"),
        ("وأكدت الأمم المتحدة أن 40 شخصا قتلوا", "الأمم المتحدة"),
        ("وأوضح المتحدث باسم الجيش، العقيد سامي حداد، أن 40 جنديا أصيبوا", None),
        ("وذكرت مصادر طبية أن 40 شخصا قتلوا", "مصادر طبية"),
        ("وأفاد شهود عيان بأن 40 شخصا قتلوا", "شهود عيان"),
        ("وقال -في مؤتمر صحفي- رئيس البلدية إن 40 منزلا دمرت", "رئيس البلدية"),
        ("قتل 40 شخصا، بحسب وزارة الصحة.", "وزارة الصحة"),
        ("وبحسب وزارة الصحة، فإن 40 شخصا قتلوا", "وزارة الصحة"),
        ("ووفقا لمصادر محلية، قتل 40 شخصا", "مصادر محلية"),
        ("وكان محافظ المدينة أحمد سالم قدّر عدد النازحين بنحو 900", "أحمد سالم"),
        ("كشفت منظمة العفو الدولية عن مقتل 40 شخصا", "منظمة العفو الدولية"),
        ("The health ministry said 40 people were killed", "health ministry"),
        ("40 people were killed, the health ministry said.", "health ministry"),
        ("40 people were killed, according to the health ministry.", "health ministry"),
        ('"We counted 40 bodies," said Dr. Ahmed Saleh.', "Ahmed Saleh"),
    ],
)
def test_speaker(text, speaker):
    (claim,) = extract_claims(text)
    if speaker is None:  # an appositive name: the name is the speaker, the title its role
        assert claim.speaker == "سامي حداد"
        assert "المتحدث باسم الجيش" in claim.speaker_role
    else:
        assert claim.speaker is not None and speaker in claim.speaker


def test_no_reporting_verb_is_the_narrator():
    (claim,) = extract_claims("وتبعد المدينة نحو 200 كيلومتر عن العاصمة.")
    assert claim.speaker is None


def test_relay_verb_names_the_outlet_and_the_source():
    (claim,) = extract_claims("ونقلت وكالة رويترز عن مسؤول أمني قوله إن 40 شخصا قتلوا")
    assert claim.speaker == "مسؤول أمني"
    assert claim.relay == ("رويترز",)


def test_told_an_outlet_is_a_relay():
    (claim,) = extract_claims('وقال المسؤول الأمني سامر علي لـ"رويترز" إن 40 شخصا قتلوا')
    assert "سامر علي" in claim.speaker
    assert claim.relay == ("رويترز",)


def test_statement_to_an_outlet_is_a_relay():
    (claim,) = extract_claims("وفي تصريحات للجزيرة، قال رئيس البلدية إن 40 منزلا دمرت")
    assert claim.speaker == "رئيس البلدية"
    assert claim.relay == ("الجزيرة",)


def test_outlet_relaying_a_quoted_source_yields_to_the_source():
    text = "وأوردت وكالة الأناضول -نقلا عن مصدر عسكري- أن 40 جنديا انسحبوا"
    (claim,) = extract_claims(text)
    assert claim.speaker == "مصدر عسكري"
    assert claim.relay == ("الأناضول",)


def test_outlet_as_its_own_source():
    (claim,) = extract_claims('كشفت وكالة "بلومبرغ" الأمريكية عن انسحاب 40 مقاتلا')
    assert claim.speaker == "بلومبرغ"


def test_subjectless_verb_continues_the_previous_speaker():
    text = "وقال وزير الصحة خالد منصور إن المستشفيات ممتلئة. وأضاف أن 40 مصابا نقلوا إلى مصر."
    (claim,) = extract_claims(text)
    assert claim.speaker == "خالد منصور"


def test_the_spokesman_refers_back_to_the_spokesman():
    text = (
        "وقال المتحدث باسم الدفاع المدني إن فرقه تعمل. وبحسب الأمم المتحدة، فإن الوضع صعب. "
        "وأشار المتحدث إلى أن 40 شخصا ما زالوا مفقودين."
    )
    (claim,) = extract_claims(text)
    assert claim.speaker == "المتحدث باسم الدفاع المدني"


def test_a_verb_after_the_figure_in_another_clause_does_not_claim_it():
    (claim, _) = extract_claims("أرسلت إسبانيا 40 منقذا، بينما قالت فرنسا إنها أرسلت 30 طبيبا")
    assert claim.speaker is None


def test_english_abbreviations_do_not_split_the_sentence():
    (claim,) = extract_claims("About 40 people were killed, the U.N. office said.")
    assert claim.speaker == "U.N office" or "office" in claim.speaker


def test_statement_to_a_named_agency_is_a_relay():
    (claim,) = extract_claims("وقال مسؤول أمني لوكالة رويترز إن 40 شخصا قتلوا")
    assert (claim.speaker, claim.relay) == ("مسؤول أمني", ("رويترز",))
    (claim, _) = extract_claims(
        "وأكد مصدر طبي لوكالة الأنباء الفرنسية مقتل خمسة أشخاص وإصابة عشرين"
    )
    assert (claim.speaker, claim.relay) == ("مصدر طبي", ("وكالة الأنباء الفرنسية",))


def test_present_tense_reporting_verb():
    (claim,) = extract_claims("وتقدر الأمم المتحدة أن نحو 25 مليون شخص يحتاجون إلى مساعدات")
    assert (claim.speaker, claim.value, claim.counted) == ("الأمم المتحدة", 25_000_000, "شخص")


def test_according_to_what_someone_announced_names_them():
    (claim,) = extract_claims("ارتفعت الحصيلة إلى 68 قتيلا، وفق ما أعلنته وزارة الصحة.")
    assert claim.speaker == "وزارة الصحة"


def test_subjectless_verb_continues_a_subject_earlier_in_the_sentence():
    text = "حذرت منظمة الصحة العالمية من تسارع انتشار الكوليرا، وقالت إن البلاد سجلت 95 ألف حالة"
    (claim,) = extract_claims(text)
    assert claim.speaker == "منظمة الصحة العالمية"


def test_appositive_name_then_a_statement_before_that():
    text = "وقال رئيس الهيئة موسى المعايطة، في مؤتمر صحفي عقده في عمان، إن النسبة بلغت 29.9 بالمئة"
    (claim,) = extract_claims(text)
    assert (claim.speaker, claim.speaker_role) == ("موسى المعايطة", "رئيس الهيئة")


def test_english_appositive_subject_before_said():
    (claim,) = extract_claims(
        "Its chairman, Osama Rabie, said last month that revenue fell to $7.2 billion"
    )
    assert claim.speaker == "Osama Rabie"


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        ("وقال العقيد ماهر الزين إن 40 جنديا أصيبوا", "ماهر الزين", "العقيد"),
        (
            "وقال الناطق باسم الدفاع المدني الرائد نبيل حمدان إن 40 منزلا دمرت",
            "نبيل حمدان",
            "الناطق باسم الدفاع المدني الرائد",
        ),
        (
            "وقال وزير الزراعة في الحكومة المؤقتة سعيد بركات إن 40 بئرا جفت",
            "سعيد بركات",
            "وزير الزراعة في الحكومة المؤقتة",
        ),
        ("وقال رئيس بلدية بني سويف إن 40 منزلا دمرت", "رئيس بلدية بني سويف", ""),
        ("Health Minister Laila Haddad said 40 people were killed", "laila haddad", "minister"),
        ("Colonel Omar Nasser said 40 people were treated", "omar nasser", "colonel"),
    ],
)
def test_a_title_or_role_before_a_name_is_the_role(text, speaker, role):
    (claim,) = extract_claims(text)
    assert claim.speaker.casefold() == speaker
    assert role in claim.speaker_role.casefold()


def test_the_object_of_an_estimating_verb_is_not_the_speaker():
    text = "وقدّر مدير الدفاع المدني العميد حسن علوان عدد النازحين بنحو 900 شخص"
    (claim,) = extract_claims(text)
    assert claim.speaker == "حسن علوان"


def test_a_later_short_mention_is_the_full_name():
    text = "وقال المتحدث باسم الهلال الأحمر يوسف دراج إن الوضع صعب. وأضاف دراج أن 40 مسعفا أصيبوا."
    (claim,) = extract_claims(text)
    assert claim.speaker == "يوسف دراج"


def test_a_title_alone_refers_back_to_the_person():
    text = "وقال العقيد ماهر الزين إن القتال مستمر. وأكد العقيد أن 40 جنديا أصيبوا."
    (claim,) = extract_claims(text)
    assert claim.speaker == "ماهر الزين"


def test_a_body_named_in_full_earlier_keeps_its_full_name():
    text = "بدأت عملية درع الساحل قبل أسبوع في المنطقة. وأعلنت العملية أن قواتها أسرت 40 مسلحا."
    (claim,) = extract_claims(text)
    assert claim.speaker == "عملية درع الساحل"


def test_an_official_page_of_a_body_is_a_relay_of_that_body():
    text = "وأعلنت الصفحة الرسمية لوزارة الداخلية أن 40 مهاجرا وصلوا"
    (claim,) = extract_claims(text)
    assert claim.speaker == "وزارة الداخلية"
    assert claim.relay == ("الصفحة الرسمية",)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("وأعلنت الشركة بحصولها على 40 عقدا", "الشركة"),
        ("وتحدث المحافظ عن نزوح 40 عائلة", "المحافظ"),
        ("واتهمت المنظمة الجيش بقتل 40 مدنيا", "المنظمة"),
        ("وناشدت الجمعية الخيرية المانحين تأمين 40 خيمة", "الجمعية الخيرية"),
        ("وأقرت الشركة بتسريح 40 عاملا", "الشركة"),
        ("The union fears that 40 jobs will go", "union"),
    ],
)
def test_reporting_verbs_followed_by_a_noun(text, speaker):
    (claim,) = extract_claims(text)
    assert claim.speaker is not None and speaker in claim.speaker


def test_a_new_subject_is_the_speaker_not_the_previous_person():
    text = "وقال الوزير خالد منصور إن الوضع صعب. وقال البيان إن 40 شخصا قتلوا."
    (claim,) = extract_claims(text)
    assert claim.speaker == "البيان"


def test_the_figure_goes_to_the_clause_that_holds_it():
    text = "وقال المتحدث إن الحصيلة بلغت 40 قتيلا وفق المعطيات التي قدمها وزير الصحة"
    (claim,) = extract_claims(text)
    assert claim.speaker == "وزير الصحة"


def test_subject_first_sentence_keeps_its_subject():
    text = "الوزير خالد منصور قال في جلسة البرلمان إن 40 مدرسة أغلقت"
    (claim,) = extract_claims(text)
    assert claim.speaker == "خالد منصور"


def test_a_headline_with_a_colon_is_the_speakers():
    (claim,) = extract_claims("منظمة الصحة: 80% من المستشفيات خارج الخدمة\nنص المقال.")
    assert claim.speaker == "منظمة الصحة"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("وقال الوزير خالد منصور يوم 3 مارس إن 40 شخصا قتلوا", "خالد منصور"),
        ("The mayor spoke first. But she said 40 homes were lost.", None),
        ("Officials have said 40 homes were lost in the fire", "officials"),
    ],
)
def test_names_end_where_the_name_ends(text, speaker):
    (claim,) = extract_claims(text)
    if speaker is None:
        assert claim.speaker is None or "but" not in claim.speaker.casefold()
    else:
        assert claim.speaker.casefold() == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("وأظهرت بيانات هيئة الإحصاء أن 40 ألف وظيفة فقدت", "هيئة الإحصاء"),
        ("بلغت الخسائر 40 مليونا، بحسب تقرير لوزارة التخطيط", "وزارة التخطيط"),
        ("The jobless rate hit 40%, according to figures released by the agency", "agency"),
        ("Annual inflation rose to 40%, official data showed on Monday", "official data"),
        ("The firm pleaded guilty to 40 breaches, Leeds Crown Court heard", "Leeds Crown Court"),
        ("The Poverty Group, made up of academics who track prices, said 40% were poor", None),
        ("Amal Haddad, reporting from Beirut, said 40 buildings collapsed", "Amal Haddad"),
        ("A clinic in the country's second city said 40 patients died", "clinic"),
        ("A Cairo-based think tank said 40% of firms closed", "Cairo-based think tank"),
        ("ورصد محرر الموقع ارتفاع سعر الخبز إلى 40 جنيها", "محرر الموقع"),
    ],
)
def test_data_documents_and_english_subjects(text, speaker):
    (claim,) = extract_claims(text)
    if speaker is None:
        assert claim.speaker == "Poverty Group"
    else:
        assert claim.speaker == speaker


def test_a_statement_without_its_author_is_the_latest_speakers():
    text = (
        "وقال وزير المالية سامي فاضل إن العجز تراجع. "
        "وأضاف بيان صحافي عقب الاجتماع أن 40 مشروعا أنجزت."
    )
    (claim,) = extract_claims(text)
    assert claim.speaker == "سامي فاضل"


def test_a_statement_named_again_is_the_statement_and_pointing_to_a_noun_reports():
    text = (
        "وقال وزير النقل، في بيان رسمي عقب الجلسة، إن المشروع تأخر. "
        "وأوضح البيان أن الكلفة بلغت 40 مليون دينار. "
        "وأشار الوزير إلى تخصيص 12 مليون دينار للصيانة."
    )
    statement, minister = extract_claims(text)
    assert statement.speaker == "البيان"
    assert minister.speaker == "وزير النقل"


def test_for_the_body_is_the_body_named_earlier():
    text = (
        "وقالت الهيئة العامة للإحصاء إن التضخم تراجع. "
        "وسجل الاقتصاد نموا بنسبة 4 بالمئة، بحسب تقديرات أولية للهيئة."
    )
    (claim,) = extract_claims(text)
    assert claim.speaker == "الهيئة العامة للإحصاء"


@pytest.mark.parametrize(
    ("text", "speaker", "relay"),
    [
        (
            'وقال مدير المستشفى، الدكتور سامر خليل، لموقع "الشرق اليوم" إن 40 جريحا وصلوا',
            "سامر خليل",
            ("الشرق اليوم",),
        ),
        ("وقال المسؤول، في تصريح لبي بي سي، إن 40 منزلا دمرت", "المسؤول", ("بي بي سي",)),
    ],
)
def test_told_an_outlet_named_in_quotes_or_short(text, speaker, relay):
    (claim,) = extract_claims(text)
    assert (claim.speaker, claim.relay) == (speaker, relay)


def test_a_counting_verbs_object_is_the_figure_not_the_subject():
    (claim,) = extract_claims("وأحصت مديرية الصحة في المحافظة نحو 40 إصابة")
    assert (claim.speaker, claim.qualifier) == ("مديرية الصحة في المحافظة", "approx")


def test_an_aside_after_the_subject_is_not_the_speaker():
    claim = extract_claims("وقالت أم خالد، وهي أم لثلاثة أطفال، إن 40 عائلة نزحت")[-1]
    assert (claim.value, claim.speaker) == (40, "أم خالد")


def test_an_estimated_is_no_report():
    (claim,) = extract_claims("Floods killed 40 people and caused an estimated damage")
    assert claim.speaker is None


def test_the_body_named_first_is_the_one_meant_later():
    text = (
        "وقالت منظمة الهجرة الدولية إن الأزمة تتفاقم. "
        "وقالت منظمة الأغذية والزراعة إن المحاصيل تراجعت. "
        "وتجاوز عدد النازحين 40 ألفا، بحسب المنظمة."
    )
    claim = extract_claims(text)[-1]
    assert claim.speaker == "منظمة الهجرة الدولية"


@pytest.mark.parametrize(
    ("text", "speakers", "relays"),
    [
        (
            'Mayor Omar Haddad told Reuters that 40 homes burned. "We lost 12 more," he said.',
            ["Omar Haddad", "Omar Haddad"],
            [("Reuters",), ("Reuters",)],
        ),
        ("An official told reporters that 40 homes burned", ["official"], [()]),
        (
            'وبحسب ما نقلته صحيفة "النهار" عن مصادر أمنية، قتل 40 شخصا',
            ["مصادر أمنية"],
            [("النهار",)],
        ),
        (
            "Ridership rose to 40,000, the operator said on Monday, as 12 new stations opened.",
            ["operator", None],
            [(), ()],
        ),
        (
            "Spain would get 40 million euros, she said, while Italy would get 12 million euros.",
            [None, None],
            [(), ()],
        ),
    ],
)
def test_relays_told_and_clauses_after_said(text, speakers, relays):
    claims = extract_claims(text)
    assert [c.relay for c in claims] == relays
    if speakers != [None, None]:
        assert [c.speaker for c in claims] == speakers


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"We expect prices to rise by 40%," said Lina Farouk, an analyst.', "Lina Farouk"),
        ("The central bank expects inflation to ease to 40% next year", "central bank"),
        ("Planners hope the bridge will carry 40,000 cars a day", "Planners"),
        ("The agency is reviewing 40 sites and has said more may close", None),
        ('"Demand is strong. We sold 40 units on day one," he said.', None),
        ('وأضافت "فقدنا 40 رأسا من الماشية".', None),
    ],
)
def test_quoted_verbs_forecasts_and_subjectless_english_verbs(text, speaker):
    (claim,) = extract_claims(text)
    assert claim.speaker == speaker
