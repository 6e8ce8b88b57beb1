"""Independent sources (claims.sources): re-reports of one original count once, editors win."""

from __future__ import annotations

import random
from io import StringIO

import pytest
from django.core.management import call_command

from articles.importing import import_paths
from articles.models import Article, Outlet
from claims import curation
from claims.models import (
    Claim,
    ClaimRelay,
    Measure,
    OriginOverride,
    OriginRelation,
    Speaker,
    SpeakerLink,
)
from claims.sources import EXACT_COMPARISON, independent_origins
from tests.conftest import SEEDS, make_article

pytestmark = pytest.mark.django_db

# Sentences that share nothing but the figure: claims over them are never near-duplicates.
DISTINCT = [
    "أعلنت الوزارة صباح اليوم أن 1600 مقاتل غادروا المدينة باتجاه الجنوب بعد معارك عنيفة.",
    "وبحسب تقديرات ميدانية نشرت مساء الأحد فإن 1600 عنصر انسحبوا من المحاور الشرقية كلها.",
    "Local officials counted 1600 fighters leaving the front over the weekend, residents said.",
    "In a televised briefing the spokesman put the number at 1600 and declined further questions.",
    "ذكر شهود عيان في البلدة الساحلية أن 1600 مسلح عبروا الطريق الرئيسي ليلا دون توقف.",
    "The report, published on Tuesday by the monitor, says 1600 troops had withdrawn by May.",
]
# One sentence as two outlets printed it: a copy with its punctuation and a word changed.
COPIED = (
    "وقال رئيس البلدية إن الطائرات نقلت 1600 مقاتل من مطار بني وليد المدني مع أسلحة "
    "وعربات وآليات مسلحة إلى قاعدة الجفرة الجوية."
)
COPY = (
    "قال رئيس البلدية إن الطائرات نقلت 1600 مقاتل من مطار بني وليد المدني، مع أسلحة "
    "وعربات وآليات مسلحة نحو قاعدة الجفرة الجوية."
)
TEXTS = {"copied": COPIED, "copy": COPY}


def build(specs: list[dict]) -> list[Claim]:
    """Claims of one measure from specs: outlet, speaker (and kind), relays in order, text (an
    index into DISTINCT, or "copied"/"copy"), quote and figure, `article` to share the article
    of an earlier spec, `repeats` to repeat an earlier spec's claim."""
    measure = Measure.objects.get_or_create(name="Wagner fighters who left", unit="people")[0]
    claims: list[Claim] = []
    for n, spec in enumerate(specs):
        outlet = _outlet(spec.get("outlet"))
        if "article" in spec:
            article = claims[spec["article"]].article
        else:
            text = spec.get("text", n)
            body = TEXTS[text] if isinstance(text, str) else DISTINCT[text]
            article = make_article(body, outlet=outlet, title=f"article {n}")
        quote = spec.get("quote", "1600")
        start = article.body.index(quote)
        claim = Claim(
            article=article,
            quote=quote,
            start=start,
            end=start + len(quote),
            value=spec.get("value", 1600),
            qualifier=spec.get("qualifier", "exact"),
            unit=spec.get("unit", ""),
            status=spec.get("status", "verified"),
            speaker=_speaker(spec.get("speaker"), spec.get("kind", "person")),
            speaker_text=spec.get("speaker_text", ""),
            measure=measure,
            repeats=claims[spec["repeats"]] if "repeats" in spec else None,
        )
        claim.refresh_context()
        claim.save()
        for position, name in enumerate(spec.get("relays", []), start=1):
            ClaimRelay.objects.create(claim=claim, outlet=_outlet(name), position=position)
        claims.append(claim)
    return claims


def _outlet(name: str | None) -> Outlet | None:
    return Outlet.objects.get_or_create(name=name)[0] if name else None


def _speaker(name: str | None, kind: str) -> Speaker | None:
    return Speaker.objects.get_or_create(name=name, defaults={"kind": kind})[0] if name else None


def origins_of(claims: list[Claim]):
    loaded = list(Claim.objects.filter(pk__in=[c.pk for c in claims]).with_origins())
    return independent_origins(loaded)


MAYOR = "سالم عليوان"
BASHAGHA = "فتحي باشاغا"
QANUNU = "محمد قنونو"

CASES = [
    pytest.param(
        [
            {"outlet": "الجزيرة نت", "speaker": BASHAGHA, "relays": ["Bloomberg"]},
            {"outlet": "الأناضول", "speaker": BASHAGHA, "relays": ["Reuters"]},
        ],
        1,
        {"speaker"},
        id="same speaker via two outlets",
    ),
    pytest.param(
        [
            {"outlet": name, "speaker": MAYOR, "relays": ["Reuters"]}
            for name in ("الجزيرة نت", "الأناضول", "تركيا الآن")
        ],
        1,
        {"speaker"},
        id="Reuters citing the mayor, carried by three outlets",
    ),
    pytest.param(
        [
            {"outlet": "الجزيرة نت", "speaker": BASHAGHA},
            {"outlet": "الجزيرة نت", "speaker": QANUNU},
        ],
        2,
        set(),
        id="two different speakers with the same figure",
    ),
    pytest.param(
        [
            {"outlet": "الجزيرة نت", "speaker": MAYOR, "relays": ["Reuters"], "text": "copied"},
            {"outlet": "موقع ليبي", "text": "copy"},  # the copy drops the speaker and the wire
        ],
        1,
        {"near_duplicate"},
        id="near-duplicate quote in two outlets with different chains",
    ),
    pytest.param(
        [
            {"outlet": "الجزيرة نت", "speaker": MAYOR, "relays": ["Reuters"]},
            {"outlet": "موقع ليبي", "relays": ["Reuters"]},  # the narrator re-words the wire
        ],
        1,
        {"relayed"},
        id="a site narrating a Reuters wire is not a new origin",
    ),
    pytest.param(
        [
            {"outlet": "الجزيرة نت", "speaker": MAYOR, "relays": ["Reuters"]},
            {"outlet": "الجزيرة نت", "speaker": QANUNU, "relays": ["Reuters"]},
            {"outlet": "موقع ليبي", "relays": ["Reuters"]},
        ],
        2,
        {"relayed"},
        id="the wire's narrator joins one of the two speakers it quoted, not both",
    ),
    pytest.param(
        [
            {"outlet": "Bloomberg", "speaker": "Bloomberg", "kind": "outlet"},
            {"outlet": "موقع ليبي", "relays": ["Bloomberg"]},
            {"outlet": None, "speaker": "Bloomberg", "kind": "outlet"},
        ],
        1,
        {"agency"},
        id="an agency quoted as the speaker and relayed by others",
    ),
    pytest.param(
        [
            {"outlet": "الجزيرة نت", "speaker": "مسؤولون غربيون", "relays": ["Bloomberg"]},
            {"outlet": "الأناضول", "speaker": "مسؤولون غربيون", "relays": ["Bloomberg"]},
            {"outlet": "تركيا الآن", "speaker": "مسؤولون غربيون", "relays": ["Reuters"]},
        ],
        2,
        {"unnamed"},
        id="unnamed officials: one source per agency they spoke to",
    ),
    pytest.param(
        [
            {"outlet": "الجزيرة نت", "speaker": "a senior official", "relays": ["Reuters"]},
            {"outlet": "الأناضول", "speaker": "a senior official", "relays": ["AFP"]},
        ],
        2,
        set(),
        id="an unnamed source in English, told to two agencies",
    ),
    pytest.param(
        [{"outlet": "الجزيرة نت"}, {"outlet": "الجزيرة نت"}],
        1,
        {"outlet"},
        id="one outlet's own figure in two of its articles",
    ),
    pytest.param(
        [{"outlet": "الجزيرة نت"}, {"outlet": "الأناضول"}, {"outlet": None}, {"outlet": None}],
        4,
        set(),
        id="narrators of different outlets, and articles of unstated outlets, are independent",
    ),
    pytest.param(
        [
            {"outlet": "الجزيرة نت", "speaker": QANUNU},
            {"outlet": "الجزيرة نت", "article": 0, "quote": "1600 مقاتل", "repeats": 0},
        ],
        1,
        {"headline"},
        id="a headline repeating the body figure",
    ),
    pytest.param(
        [
            {"outlet": "الجزيرة نت", "speaker_text": "العقيد محمد قنونو"},
            {"outlet": "الأناضول", "speaker_text": "العقيد محمد قنونو"},
            {"outlet": "الأناضول", "speaker_text": "مصدر عسكري"},
            {"outlet": "تركيا الآن", "speaker_text": "مصدر عسكري"},
        ],
        3,
        {"speaker"},
        id="speakers named in the text only: a name once, a description per outlet",
    ),
]


@pytest.mark.parametrize(("specs", "expected", "reason_kinds"), CASES)
def test_independent_origins(specs, expected, reason_kinds):
    claims = build(specs)
    [figure] = origins_of(claims)
    assert figure.article_count == len({c.article_id for c in claims})
    assert figure.origin_count == expected
    assert sum(len(group.claims) for group in figure.groups) == len(claims)
    kinds = {reason.kind for group in figure.groups for reason in group.reasons}
    assert kinds == reason_kinds


@pytest.mark.parametrize(
    ("relation", "specs", "expected", "reason_kind"),
    [
        pytest.param(
            OriginRelation.SAME,
            [
                {"outlet": "الجزيرة نت", "speaker": BASHAGHA},
                {"outlet": "الأناضول", "speaker": QANUNU},
            ],
            1,
            "editor_same",
            id="an editor joins two speakers: the spokesman read out the minister's figure",
        ),
        pytest.param(
            OriginRelation.INDEPENDENT,
            [
                {"outlet": "الجزيرة نت", "speaker": BASHAGHA, "relays": ["Bloomberg"]},
                {"outlet": "الأناضول", "speaker": BASHAGHA, "relays": ["Reuters"]},
            ],
            2,
            "editor_independent",
            id="an editor splits one speaker's figure: counted separately, to two agencies",
        ),
        pytest.param(
            OriginRelation.INDEPENDENT,
            [
                {"outlet": "الجزيرة نت", "speaker": MAYOR, "text": "copied"},
                {"outlet": "موقع ليبي", "text": "copy"},
            ],
            2,
            "editor_independent",
            id="an editor keeps near-duplicate quotes apart",
        ),
    ],
)
def test_an_editor_overrides_the_machine(editor, relation, specs, expected, reason_kind):
    claims = build(specs)
    assert origins_of(claims)[0].origin_count == 3 - expected  # the machine says the other
    decision = curation.decide_origin(claims[1], claims[0], relation, by=editor, note="checked")
    assert (decision.first_claim, decision.second_claim) == (claims[0], claims[1])
    assert decision.decided_by == editor and decision.decided_at is not None
    assert decision.history.first().history_user == editor
    [figure] = origins_of(claims)
    assert figure.origin_count == expected
    assert reason_kind in {r.kind for g in figure.groups for r in g.reasons}


def test_a_second_decision_on_a_pair_replaces_the_first(editor):
    claims = build([{"outlet": "الجزيرة نت"}, {"outlet": "الأناضول"}])
    curation.decide_origin(claims[0], claims[1], OriginRelation.SAME, by=editor)
    curation.decide_origin(claims[0], claims[1], OriginRelation.INDEPENDENT, by=editor)
    assert OriginOverride.objects.get().relation == OriginRelation.INDEPENDENT
    assert OriginOverride.objects.get().history.count() == 2
    assert origins_of(claims)[0].origin_count == 2
    with pytest.raises(curation.CurationError):
        curation.decide_origin(claims[0], claims[0], OriginRelation.SAME, by=editor)


def test_an_independence_decision_breaks_only_what_it_names(editor):
    # Three claims of one speaker; the editor says the first and third were told separately.
    claims = build([{"outlet": name, "speaker": BASHAGHA} for name in ("أ", "ب", "ج")])
    curation.decide_origin(claims[0], claims[2], OriginRelation.INDEPENDENT, by=editor)
    [figure] = origins_of(claims)
    assert sorted(sorted(c.pk for c in g.claims) for g in figure.groups) == [
        [claims[0].pk, claims[1].pk],
        [claims[2].pk],
    ]


def test_speakers_merged_or_linked_as_one_office_are_one_origin(editor):
    claims = build(
        [
            {"outlet": "الجزيرة نت", "speaker": MAYOR, "relays": ["Reuters"]},
            {"outlet": "الجزيرة نت", "speaker": "سالم نوير"},
            {"outlet": "الأناضول", "speaker": "عليوان"},
        ]
    )
    mayor, other_name, short = (c.speaker for c in claims)
    short.merged_into = mayor  # a record left pointing on (merge_speakers moves the claims)
    short.save()
    assert origins_of(claims)[0].origin_count == 2
    curation.link_disputed_name(mayor, other_name, by=editor)
    [figure] = origins_of(claims)
    assert figure.origin_count == 1
    assert {r.kind for r in figure.groups[0].reasons} == {"speaker", "office"}


def test_speakers_an_editor_keeps_apart_are_never_joined_by_their_quotes(editor):
    claims = build(
        [
            {"outlet": "الجزيرة نت", "speaker": MAYOR, "text": "copied"},
            {"outlet": "الأناضول", "speaker": "سالم نوير", "text": "copy"},
        ]
    )
    assert origins_of(claims)[0].origin_count == 1  # the copied sentence
    a, b = (c.speaker for c in claims)
    curation.link_disputed_name(a, b, by=editor, relation=SpeakerLink.Relation.DISTINCT)
    assert origins_of(claims)[0].origin_count == 2


@pytest.mark.parametrize(
    ("first", "second", "figures"),
    [
        pytest.param({"unit": "flights"}, {"unit": "aircraft"}, 1, id="3 flights, 3 aircraft"),
        pytest.param({"unit": "km"}, {"unit": "miles"}, 2, id="150 km is not 150 miles"),
        pytest.param({"unit": "km"}, {"unit": "kilometres"}, 1, id="km and kilometres"),
        pytest.param({}, {"qualifier": "approx"}, 2, id="about 1,600 is not 1,600"),
        pytest.param({}, {"value": 1000, "quote": "1600"}, 2, id="1,000 is not 1,600"),
        pytest.param({}, {"status": "rejected"}, 1, id="a rejected claim is left out"),
    ],
)
def test_what_one_figure_is(first, second, figures):
    claims = build([{"outlet": "أ", **first}, {"outlet": "ب", **second}])
    result = origins_of(claims)
    assert len(result) == figures
    assert sum(f.article_count for f in result) == (1 if "status" in second else 2)


def test_figures_come_lowest_first_with_their_label():
    claims = build([{"outlet": "أ"}, {"outlet": "ب", "value": 1000}])
    assert [f.label for f in origins_of(claims)] == ["1,000", "1,600"]
    assert origins_of(claims)[0].first == claims[1]


@pytest.mark.parametrize(
    ("units", "label"),
    [(["people", "people"], "1,600 people"), (["flights", "aircraft"], "1,600")],
)
def test_a_figure_counted_in_different_words_is_labelled_by_its_number(units, label):
    claims = build([{"outlet": "أ", "unit": units[0]}, {"outlet": "ب", "unit": units[1]}])
    assert [f.label for f in origins_of(claims)] == [label]


def test_prefetched_claims_cost_no_query(django_assert_num_queries):
    claims = build(
        [
            {"outlet": "الجزيرة نت", "speaker": MAYOR, "relays": ["Reuters"], "text": "copied"},
            {"outlet": "موقع ليبي", "text": "copy"},
            {"outlet": "الأناضول", "speaker": BASHAGHA},
            {"outlet": "الأناضول", "article": 2, "quote": "1600 fighters", "repeats": 2},
        ]
    )
    curation_user = None
    curation.decide_origin(claims[0], claims[2], OriginRelation.INDEPENDENT, by=curation_user)
    # claims, relays, two for source decisions, two for speaker links
    with django_assert_num_queries(6):
        loaded = list(Claim.objects.filter(pk__in=[c.pk for c in claims]).with_origins())
    with django_assert_num_queries(0):
        [figure] = independent_origins(loaded)
        assert figure.origin_count == 2


def test_many_copies_are_bounded_work_and_still_one_source():
    """Past EXACT_COMPARISON claims the near-duplicates come from MinHash buckets: every copy
    still lands in one group, and unrelated sentences stay apart."""
    rng = random.Random(7)
    vocabulary = [f"كلمة{i}" for i in range(400)]
    original = [rng.choice(vocabulary) for _ in range(24)]
    bodies = []
    for n in range(EXACT_COMPARISON + 40):  # copies, each with one word changed
        words = list(original)
        words[rng.randrange(len(words))] = rng.choice(vocabulary)
        # The tail that makes each body (and its content hash) unique lies outside the quote's
        # 64-character context.
        bodies.append(" ".join([*words[:12], "1600", *words[12:], f"تذييل{n}"]))
    bodies += [
        " ".join([rng.choice(vocabulary) for _ in range(12)] + ["1600"] + [rng.choice(vocabulary)])
        + " "
        + " ".join(rng.choice(vocabulary) for _ in range(11))
        for _ in range(30)
    ]
    measure = Measure.objects.create(name="copies")
    claims = []
    for n, body in enumerate(bodies):
        article = make_article(body, outlet=_outlet(f"outlet {n}"), title=f"t{n}")
        start = body.index("1600")
        claim = Claim(article=article, quote="1600", start=start, end=start + 4, value=1600)
        claim.measure = measure
        claim.refresh_context()
        claim.save()
        claims.append(claim)
    [figure] = origins_of(claims)
    copies = {c.pk for c in claims[: EXACT_COMPARISON + 40]}
    groups = [{c.pk for c in g.claims} for g in figure.groups]
    assert groups[0] == copies
    assert figure.origin_count == 1 + 30


# The measure page -------------------------------------------------------------------------


def test_the_measure_page_shows_articles_and_independent_sources(
    client, editor, django_assert_max_num_queries
):
    claims = build(
        [
            {"outlet": name, "speaker": MAYOR, "relays": ["Reuters"]}
            for name in ("الجزيرة نت", "الأناضول", "تركيا الآن")
        ]
        + [{"outlet": "الجزيرة نت", "speaker": QANUNU, "value": 1000, "quote": "1600"}]
    )
    url = f"/measures/{claims[0].measure_id}/"
    html = client.get(url).content.decode()
    assert "1,600</a>: 3 articles, <strong>1 independent source</strong>" in html
    assert "1,000</a>: 1 article, <strong>1 independent source</strong>" in html
    assert f"same original speaker: {MAYOR}" in html
    # Constant: claims with their chains, decisions and links, whatever their number.
    with django_assert_max_num_queries(10):
        client.get(url)
    curation.decide_origin(claims[0], claims[1], OriginRelation.INDEPENDENT, by=editor)
    html = client.get(url).content.decode()
    assert "1,600</a>: 3 articles, <strong>2 independent sources</strong>" in html
    assert f"marked by an editor as independent of claim #{claims[0].pk}" in html


# The admin ---------------------------------------------------------------------------------


def test_an_editor_marks_claims_as_one_source_from_the_claim_list(editor_client, editor):
    claims = build(
        [{"outlet": "الجزيرة نت", "speaker": BASHAGHA}, {"outlet": "أ", "speaker": QANUNU}]
    )
    response = editor_client.post(
        "/admin/claims/claim/",
        {"action": "mark_one_source", "_selected_action": [c.pk for c in claims]},
        follow=True,
    )
    assert response.status_code == 200
    decision = OriginOverride.objects.get()
    assert decision.relation == OriginRelation.SAME and decision.decided_by == editor
    assert origins_of(claims)[0].origin_count == 1
    editor_client.post(
        "/admin/claims/claim/",
        {"action": "mark_independent_sources", "_selected_action": [c.pk for c in claims]},
    )
    assert OriginOverride.objects.get().relation == OriginRelation.INDEPENDENT


def test_a_viewer_cannot_decide_sources(viewer_client):
    claims = build([{"outlet": "أ"}, {"outlet": "ب"}])
    response = viewer_client.post(
        "/admin/claims/claim/",
        {"action": "mark_one_source", "_selected_action": [c.pk for c in claims]},
    )
    assert response.status_code == 403
    assert not OriginOverride.objects.exists()
    assert viewer_client.get("/admin/claims/originoverride/").status_code == 200


def test_the_decision_form_takes_the_pair_in_either_order(editor_client, editor):
    claims = build([{"outlet": "أ"}, {"outlet": "ب"}])
    response = editor_client.post(
        "/admin/claims/originoverride/add/",
        {
            "first_claim": claims[1].pk,
            "second_claim": claims[0].pk,
            "relation": OriginRelation.SAME,
            "note": "the same report",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    decision = OriginOverride.objects.get()
    assert (decision.first_claim, decision.second_claim) == (claims[0], claims[1])
    assert decision.decided_by == editor
    same = editor_client.post(
        "/admin/claims/originoverride/add/",
        {"first_claim": claims[0].pk, "second_claim": claims[0].pk, "relation": "same"},
    )
    assert "one source with itself" in same.content.decode()


def test_the_decision_list_has_a_constant_number_of_queries(
    editor_client, editor, django_assert_max_num_queries
):
    claims = build([{"outlet": f"o{n}"} for n in range(6)])
    for claim in claims[1:]:
        curation.decide_origin(claims[0], claim, OriginRelation.SAME, by=editor)
    with django_assert_max_num_queries(12):
        response = editor_client.get("/admin/claims/originoverride/")
    assert response.status_code == 200
    assert f"#{claims[5].pk}" in response.content.decode()


# The seed articles -------------------------------------------------------------------------


@pytest.fixture
def seeded_without_curation(db):
    import_paths([SEEDS])
    return Claim.objects.all()


def test_fresh_seed_the_mayors_copied_sentence_is_one_source(seeded_without_curation):
    """Al Jazeera's report (003) and the site relaying it (002) print the mayor's sentence on
    the air-defence systems; no editor has linked سالم عليوان and سالم نوير yet."""
    claims = [c for c in seeded_without_curation if c.quote == "وثلاث منظومات دفاع جوي"]
    assert len({c.article_id for c in claims}) == 2
    [figure] = origins_of(claims)
    assert (figure.article_count, figure.origin_count) == (2, 1)
    assert [r.kind for r in figure.groups[0].reasons] == ["near_duplicate"]


def test_seed_measure_pages_read_right(client, seeded_without_curation):
    call_command("load_curation", str(SEEDS / "curation.json"), stdout=StringIO())
    wagner = Measure.objects.get(name="Wagner fighters who left the Tripoli front, May 2020")
    response = client.get(f"/measures/{wagner.pk}/")
    figures = {f.label: (f.article_count, f.origin_count) for f in response.context["sources"]}
    assert figures == {"more than 1,000 people": (1, 1), "about 1,600 people": (1, 1)}
    [bloomberg] = [f for f in response.context["sources"] if f.label.startswith("more than")]
    assert bloomberg.groups[0].name == "بلومبرغ"
    systems = Measure.objects.get(name__startswith="air-defence systems")
    [figure] = client.get(f"/measures/{systems.pk}/").context["sources"]
    assert (figure.article_count, figure.origin_count) == (2, 1)
    assert [r.kind for r in figure.groups[0].reasons] == ["office"]  # linked by the editors
    assert Article.objects.count() == 5
