"""The public pages: claims list with filters and facets, comparison, matrix, article, profiles."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from articles.importing import content_hash
from articles.models import Article, Outlet
from claims.models import Claim, ClaimRelay, Measure, Speaker, Verdict

pytestmark = pytest.mark.django_db

BODY = (
    "قال مسؤولون غربيون إن نحو 1600 من مرتزقة فاغنر غادروا جبهة طرابلس، "
    "بينما قال باشاغا إن 1000 عنصر فقط انسحبوا، وذكرت مصادر أن 1400 من المرتزقة غادروا."
)
SPANS = {1600: (BODY.index("نحو 1600"), BODY.index("نحو 1600") + len("نحو 1600"))}


def make_article(outlet: Outlet, title: str, day: int, language: str = "ar") -> Article:
    body = f"{BODY} ({title})"
    return Article.objects.create(
        outlet=outlet,
        title=title,
        body=body,
        language=language,
        published_on=dt.date(2020, 5, day),
        content_hash=content_hash(body),
    )


def make_claim(article: Article, figure: float, **fields) -> Claim:
    quote = {1600: "نحو 1600", 1000: "1000 عنصر", 1400: "1400"}.get(int(figure), str(int(figure)))
    start = article.body.index(quote)
    values = {
        "value": figure,
        "qualifier": "exact",
        "quote": quote,
        "start": start,
        "end": start + len(quote),
        "counted": "مرتزقة فاغنر",
    }
    values.update(fields)
    return Claim.objects.create(article=article, **values)


@pytest.fixture
def wagner():
    """Three outlets carrying 1000 / 1400 / 1600 Wagner fighters, plus unrelated claims."""
    measure = Measure.objects.create(name="Wagner fighters who left the Tripoli front", unit="")
    bloomberg = Outlet.objects.create(name="Bloomberg", name_en="Bloomberg")
    jazeera = Outlet.objects.create(name="الجزيرة نت", name_en="Al Jazeera Net")
    anadolu = Outlet.objects.create(name="الأناضول", name_en="Anadolu")
    officials = Speaker.objects.create(name="مسؤولون غربيون", kind="collective")
    bashagha = Speaker.objects.create(name="فتحي باشاغا")
    a1 = make_article(jazeera, "مرتزقة فاغنر يغادرون", 20)
    a2 = make_article(anadolu, "باشاغا: ألف عنصر فقط", 21)
    a3 = make_article(bloomberg, "Wagner fighters leave Tripoli", 22, language="en")
    c1600 = make_claim(
        a1, 1600, qualifier="approx", speaker=officials, measure=measure, status="verified"
    )
    ClaimRelay.objects.create(claim=c1600, outlet=bloomberg, position=1)
    c1000 = make_claim(a2, 1000, speaker=bashagha, measure=measure, status="disputed")
    c1400 = make_claim(a3, 1400, measure=measure, speaker_text="sources")
    return {
        "measure": measure,
        "outlets": (bloomberg, jazeera, anadolu),
        "speakers": (officials, bashagha),
        "articles": (a1, a2, a3),
        "claims": (c1600, c1000, c1400),
    }


def claim_ids(response) -> set[int]:
    return {c.pk for c in response.context["page"].claims}


def test_home_is_the_claims_list(client, wagner):
    response = client.get("/")
    assert response.status_code == 200
    assert claim_ids(response) == {c.pk for c in wagner["claims"]}
    html = response.content.decode()
    assert "hx-push-url" in html and 'id="results"' in html
    assert "about 1,600" in html and "1,000" in html and "1,400" in html


def test_articles_moved_to_their_own_list(client, wagner):
    response = client.get("/articles/")
    assert response.status_code == 200
    assert "مرتزقة فاغنر يغادرون" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=verified", {1600}),
        ("status=disputed", {1000}),
        ("qualifier=approx", {1600}),
        ("qualifier=exact", {1000, 1400}),
        ("language=en", {1400}),
        ("language=ar", {1000, 1600}),
        ("value_min=1200", {1400, 1600}),
        ("value_max=1200", {1000}),
        ("value_min=1000&value_max=1400", {1000, 1400}),
        ("date_from=2020-05-21", {1000, 1400}),
        ("date_to=2020-05-20", {1600}),
        ("date_from=2020-05-21&date_to=2020-05-21", {1000}),
        ("q=Wagner", {1400}),
        ("q=مرتزقة", {1000, 1400, 1600}),
        ("q=باشاغا", {1000}),
    ],
)
def test_each_filter_narrows_the_table(client, wagner, query, expected):
    response = client.get(f"/claims/?{query}")
    assert response.status_code == 200
    assert {int(c.value) for c in response.context["page"].claims} == expected


def test_outlet_speaker_and_measure_filters(client, wagner):
    bloomberg, jazeera, _ = wagner["outlets"]
    _, bashagha = wagner["speakers"]
    c1600, c1000, c1400 = wagner["claims"]
    assert claim_ids(client.get(f"/claims/?outlet={jazeera.pk}")) == {c1600.pk}
    assert claim_ids(client.get(f"/claims/?speaker={bashagha.pk}")) == {c1000.pk}
    response = client.get(f"/claims/?measure={wagner['measure'].pk}&outlet={bloomberg.pk}")
    assert claim_ids(response) == {c1400.pk}
    assert response.context["selected"]["outlet"] == bloomberg


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("value_min=abc", "Enter a number"),
        ("value_max=1e400", "Ensure this value"),
        ("outlet=999999", "There is no outlet with id 999999"),
        ("outlet=abc", "There is no outlet with id abc"),
        ("speaker=999999", "There is no speaker with id 999999"),
        ("measure=-1", "There is no measure with id -1"),
        ("status=approved", "Select a valid choice"),
        ("date_from=2020-13-45", "Enter a valid date"),
        ("value_min=10&value_max=5", "The largest figure is below the smallest"),
        ("date_from=2021-01-01&date_to=2020-01-01", "The end date is before the start date"),
        ("sort=password", "Select a valid choice"),
        ("after=abc", "That page link is broken"),
        ("sort=-value&after=xyz~12", "That page link is broken"),
        ("sort=-value&after=inf~12", "That page link is broken"),
        ("per_page=7", "Rows per page must be one of"),
        ("per_page=100000000000000000000", "Rows per page must be one of"),
        ("sort=date&after=9999-12-31~99999999999999999999", "That page link is broken"),
        ("after=99999999999999999999", "That page link is broken"),
        ("q=%00", "Null characters are not allowed"),
    ],
)
def test_bad_filter_values_are_explained_never_a_500(client, wagner, query, message):
    response = client.get(f"/claims/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'role="alert"' in html
    assert response.context["page"] is None


def test_bad_filter_values_are_explained_to_htmx_too(client, wagner):
    response = client.get("/claims/?value_min=abc", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Enter a number" in response.content.decode()


def test_htmx_gets_only_the_results_and_out_of_band_facets(client, wagner):
    full = client.get("/claims/?status=verified")
    partial = client.get("/claims/?status=verified", headers={"HX-Request": "true"})
    html = partial.content.decode()
    assert "<html" not in html and "<form" not in html
    assert html.lstrip().startswith('<section id="results"')
    assert 'id="facets" class="facets" hx-swap-oob="true"' in html
    for name in ("outlet", "speaker", "measure"):
        assert f'<div id="{name}-chosen" hx-swap-oob="true">' in html
    assert claim_ids(partial) == claim_ids(full)
    assert len(partial.content) < len(full.content)


def test_history_restore_gets_the_whole_page(client, wagner):
    response = client.get(
        "/claims/?status=verified",
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    html = response.content.decode()
    assert "<html" in html and 'id="filters"' in html
    assert 'value="verified" checked' in html


def test_full_load_of_a_filter_url_shows_the_filter_set(client, wagner):
    bloomberg = wagner["outlets"][0]
    html = client.get(f"/claims/?status=verified&outlet={bloomberg.pk}&q=فاغنر").content.decode()
    assert 'value="verified" checked' in html
    assert f'name="outlet" value="{bloomberg.pk}" checked' in html
    assert 'value="فاغنر"' in html


def test_facets_count_claims_under_the_current_filter(client, wagner):
    facets = client.get("/claims/?language=ar").context["facets"]
    assert facets["total"] == 2 and not facets["capped"]
    status = {item["value"]: item["count"] for item in facets["status"]}
    assert status["verified"] == 1 and status["disputed"] == 1 and status["extracted"] == 0
    outlets = {item["label"]: item["count"] for item in facets["outlets"]}
    assert outlets == {"الجزيرة نت": 1, "الأناضول": 1}


def test_facet_counts_are_capped(client, wagner, monkeypatch):
    monkeypatch.setattr("claims.views.FACET_CAP", 2)
    response = client.get("/claims/")
    assert response.context["facets"]["capped"]
    assert "2+" in response.content.decode()


def _many_claims(count: int) -> list[Claim]:
    outlet = Outlet.objects.create(name="Reuters")
    measure = Measure.objects.create(name="Aircraft delivered")
    speakers = [Speaker.objects.create(name=f"speaker {i}") for i in range(3)]
    body = " ".join(f"n{i} {i + 10}" for i in range(count))
    article = Article.objects.create(
        outlet=outlet,
        title="many",
        body=body,
        language="en",
        published_on=dt.date(2020, 1, 1),
        content_hash=content_hash(body),
    )
    claims = []
    for i in range(count):
        quote = f"{i + 10}"
        start = body.index(f"n{i} {quote}") + len(f"n{i} ")
        claims.append(
            Claim.objects.create(
                article=article,
                value=float(i % 7) if i % 5 else None,
                lower=1 if i % 5 == 0 else None,
                upper=2 if i % 5 == 0 else None,
                qualifier="exact" if i % 5 else "range",
                quote=quote,
                start=start,
                end=start + len(quote),
                speaker=speakers[i % 3],
                measure=measure,
            )
        )
    for claim in claims[::4]:
        ClaimRelay.objects.create(claim=claim, outlet=outlet, position=1)
    return claims


@pytest.mark.parametrize("sort", ["-id", "id", "-date", "date", "-value", "value"])
def test_keyset_pages_cover_every_claim_once_in_order(client, sort):
    claims = _many_claims(23)
    # Three articles: two dates (many ties) and one undated.
    articles = []
    for index, day in enumerate([dt.date(2020, 5, 1), dt.date(2020, 6, 1), None]):
        body = f"copy {index} " + claims[0].article.body
        articles.append(
            Article.objects.create(
                title=f"a{index}", body=body, published_on=day, content_hash=content_hash(body)
            )
        )
    for i, claim in enumerate(claims):
        article = articles[i % 3]
        offset = len(article.body) - len(claims[0].article.body)
        Claim.objects.filter(pk=claim.pk).update(
            article=article,
            published_on=article.published_on,
            start=claim.start + offset,
            end=claim.end + offset,
        )
    field = {"date": "published_on", "value": "value", "id": "id"}[sort.lstrip("-")]
    expected = list(
        Claim.objects.filter(**{f"{field}__isnull": False})
        .order_by(*([f"-{field}", "-id"] if sort.startswith("-") else [field, "id"]))
        .values_list("pk", flat=True)
    )
    seen: list[int] = []
    url = f"/claims/?sort={sort}&per_page=10"
    for _ in range(5):
        page = client.get(url).context["page"]
        seen += [c.pk for c in page.claims]
        if not page.next_cursor:
            break
        url = f"/claims/?sort={sort}&per_page=10&after={page.next_cursor}"
    assert seen == expected
    assert len(expected) >= 10 + 1  # more than one page


def test_pages_use_no_offset(client, django_assert_max_num_queries):
    _many_claims(12)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page = client.get("/claims/?per_page=10").context["page"]
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/claims/?per_page=10&after={page.next_cursor}")
    assert not any("OFFSET" in q["sql"].upper() for q in queries.captured_queries)


@pytest.mark.parametrize(
    "query",
    ["", "status=extracted", "q=speaker", "sort=-value", "sort=date", "value_min=0", "outlet=OUT"],
)
def test_claims_page_queries_do_not_grow_with_rows(client, django_assert_num_queries, query):
    claims = _many_claims(70)
    query = query.replace("OUT", str(claims[0].outlet_id))
    counts = []
    for per_page in (10, 50):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/claims/?{query}&per_page={per_page}")
        assert len(response.context["page"].claims) == per_page
        counts.append(len(captured))
    assert counts[0] == counts[1] <= 6


def test_claims_page_query_budget(client, wagner, django_assert_num_queries):
    bloomberg = wagner["outlets"][0]
    # outlet lookup, rows, relays, facets
    with django_assert_num_queries(4):
        client.get(f"/claims/?outlet={bloomberg.pk}")
    with django_assert_num_queries(3):
        client.get("/claims/", headers={"HX-Request": "true"})


# Type-ahead ------------------------------------------------------------------------------


def test_speaker_suggestions_match_alias_prefixes(client, wagner):
    from claims.models import SpeakerAlias

    _, bashagha = wagner["speakers"]
    SpeakerAlias.objects.create(speaker=bashagha, name="فتحي باشاغا")
    SpeakerAlias.objects.create(speaker=bashagha, name="Fathi Bashagha")
    for typed in ("فتحى", "fathi", "FATHI B"):
        response = client.get("/suggest/speakers/", {"q": typed})
        assert response.status_code == 200
        html = response.content.decode()
        assert f'name="speaker" value="{bashagha.pk}"' in html, typed
        assert "<html" not in html
    assert "No speaker matches" in client.get("/suggest/speakers/?q=zzz").content.decode()


@pytest.mark.parametrize("endpoint", ["speakers", "outlets", "measures"])
@pytest.mark.parametrize("typed", ["%00", "%25", "_", "'", "x" * 500])
def test_suggestions_survive_odd_input(client, wagner, endpoint, typed):
    assert client.get(f"/suggest/{endpoint}/?q={typed}").status_code == 200


def test_outlet_and_measure_suggestions(client, wagner):
    bloomberg = wagner["outlets"][0]
    html = client.get("/suggest/outlets/", {"outlet_search": "bloom"}).content.decode()
    assert f'name="outlet" value="{bloomberg.pk}"' in html
    html = client.get("/suggest/measures/", {"q": "wagner"}).content.decode()
    assert f'name="measure" value="{wagner["measure"].pk}"' in html


def test_speakers_without_aliases_are_suggested_by_name(client, wagner):
    _, bashagha = wagner["speakers"]
    html = client.get("/suggest/speakers/", {"q": "فتحي"}).content.decode()
    assert f'name="speaker" value="{bashagha.pk}"' in html


def test_suggestions_are_capped_at_ten(client, django_assert_max_num_queries):
    from claims.models import SpeakerAlias

    for i in range(30):
        speaker = Speaker.objects.create(name=f"Source {i:02}")
        SpeakerAlias.objects.create(speaker=speaker, name=speaker.name)
    with django_assert_max_num_queries(1):
        html = client.get("/suggest/speakers/?q=source").content.decode()
    assert html.count('name="speaker"') == 10


# Measure comparison, measures, matrix -----------------------------------------------------


def test_measure_comparison_shows_the_figures_side_by_side(client, wagner):
    measure = wagner["measure"]
    response = client.get(f"/measures/{measure.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("about 1,600", "1,000", "1,400", "Bloomberg", "فتحي باشاغا", "مسؤولون غربيون"):
        assert text in html
    assert "<svg" in html and "<circle" in html and "<rect" in html
    assert "<bdi>مسؤولون غربيون</bdi> → <bdi>Bloomberg</bdi> → <bdi>الجزيرة نت</bdi>" in html
    assert "Lowest <strong>1,000</strong> · highest <strong>1,600</strong>" in html
    assert len(response.context["conflicts"]) == 3
    assert "cannot both be true" in html


def test_measure_comparison_shows_related_questions_from_the_same_articles(
    client, wagner, django_assert_max_num_queries
):
    deployed = Measure.objects.create(name="Russian mercenaries deployed in Libya", unit="")
    other_unit = Measure.objects.create(name="distance (km)", unit="km")
    article = wagner["articles"][0]
    make_claim(article, 1400, qualifier="more_than", lower=1400, measure=deployed)
    make_claim(article, 1000, measure=other_unit)  # another unit: not a neighbouring question
    response = client.get(f"/measures/{wagner['measure'].pk}/")
    html = response.content.decode()
    assert "Related questions in the same articles" in html
    assert [m.name for m, _ in response.context["related_groups"]] == [deployed.name]
    # Compared beside, never mixed into this measure's spread.
    assert "Lowest <strong>1,000</strong> · highest <strong>1,600</strong>" in html
    with django_assert_max_num_queries(12):
        client.get(f"/measures/{wagner['measure'].pk}/")


def test_measure_comparison_draws_open_ended_figures_as_arrows(client, wagner):
    c1400 = wagner["claims"][2]
    c1400.qualifier = "more_than"
    c1400.save()
    html = client.get(f"/measures/{wagner['measure'].pk}/").content.decode()
    assert 'class="arrowhead"' in html and "more than 1,400" in html


def test_measure_list_puts_the_widest_disagreement_first(client, wagner):
    narrow = Measure.objects.create(name="Distance Bani Walid to Tripoli", unit="km")
    article = wagner["articles"][0]
    for figure_ in (1000, 1400):  # reuse spans of the article
        claim = make_claim(article, figure_)
        claim.measure = narrow
        claim.save()
    response = client.get("/measures/")
    names = [m.name for m in response.context["measures"]]
    assert names.index(wagner["measure"].name) < names.index(narrow.name)
    assert "×1.60" in response.content.decode()


def test_matrix_cells_hold_each_outlets_figures_and_link_to_claims(client, wagner):
    from django.core.cache import cache

    cache.clear()
    response = client.get("/matrix/")
    html = response.content.decode()
    jazeera = wagner["outlets"][1]
    assert f"/claims/?outlet={jazeera.pk}&amp;measure={wagner['measure'].pk}" in html
    assert "about 1,600" in html and "1,400" in html
    rows = {
        row["outlet"]["name"]: row["cells"][0]["figures"]
        for row in response.context["table"]["rows"]
    }
    assert rows == {"Bloomberg": ["1,400"], "الجزيرة نت": ["about 1,600"], "الأناضول": ["1,000"]}


def test_matrix_is_cached_until_a_claim_changes(client, wagner, django_assert_num_queries):
    from django.core.cache import cache

    cache.clear()
    client.get("/matrix/")
    with django_assert_num_queries(1):  # the cache key: latest claim update
        client.get("/matrix/")
    claim = wagner["claims"][1]
    claim.value = 1100
    claim.save()
    assert "1,100" in client.get("/matrix/").content.decode()
    wagner["claims"][0].delete()
    assert "about 1,600" not in client.get("/matrix/").content.decode()
    measure = wagner["measure"]
    measure.name = "Wagner fighters (renamed)"
    measure.save()
    assert "Wagner fighters (renamed)" in client.get("/matrix/").content.decode()


# Article, speaker, outlet, claim ----------------------------------------------------------


def test_article_shows_its_text_right_to_left_with_claims_highlighted(client, wagner):
    article = wagner["articles"][0]
    response = client.get(f"/articles/{article.pk}/")
    html = response.content.decode()
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert 'class="claim-mark"' in html
    assert 'title="about 1,600 مرتزقة فاغنر · مسؤولون غربيون"' in html
    assert ">نحو 1600</a></mark>" in html


def test_article_text_is_escaped_and_overlaps_are_handled(client):
    body = "<script>alert(1)</script> قال إن 1600 إلى 2000 عنصر غادروا"
    article = Article.objects.create(title="t", body=body, content_hash=content_hash(body))
    start = body.index("1600")
    Claim.objects.create(article=article, value=1600, quote="1600", start=start, end=start + 4)
    Claim.objects.create(
        article=article,
        qualifier="range",
        lower=1600,
        upper=2000,
        quote=body[start : start + 12],
        start=start,
        end=start + 12,
    )
    html = client.get(f"/articles/{article.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'class="claim-mark overlap"' in html
    assert "1,600 · the outlet itself | between 1,600 and 2,000 · the outlet itself" in html


def test_english_article_is_left_to_right(client, wagner):
    html = client.get(f"/articles/{wagner['articles'][2].pk}/").content.decode()
    assert 'class="article" dir="ltr" lang="en"' in html


def test_speaker_and_outlet_pages_list_their_figures(client, wagner):
    _, bashagha = wagner["speakers"]
    html = client.get(f"/speakers/{bashagha.pk}/").content.decode()
    assert "فتحي باشاغا" in html and "1,000" in html and "about 1,600" not in html
    bloomberg = wagner["outlets"][0]
    html = client.get(f"/outlets/{bloomberg.pk}/").content.decode()
    assert "1,400" in html and "about 1,600" not in html


def test_speaker_page_shows_linked_speakers_and_follows_merges(client, wagner, editor):
    from claims.models import SpeakerLink

    officials, bashagha = wagner["speakers"]
    nuwair = Speaker.objects.create(name="سالم نوير", role="عميد بلدية بني وليد")
    alaywan = Speaker.objects.create(name="سالم عليوان", role="رئيس بلدية بني وليد")
    first, second = sorted([nuwair, alaywan], key=lambda s: s.pk)
    SpeakerLink.objects.create(first_speaker=first, second_speaker=second, created_by=editor)
    html = client.get(f"/speakers/{alaywan.pk}/").content.decode()
    assert "Same role, disputed name" in html and "سالم نوير" in html
    officials.merged_into = bashagha
    officials.save()
    response = client.get(f"/speakers/{officials.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/speakers/{bashagha.pk}/"


@pytest.mark.parametrize(
    "url", ["/claims/0/", "/measures/0/", "/articles/0/", "/speakers/0/", "/outlets/0/"]
)
def test_missing_objects_are_404(client, url):
    assert client.get(url).status_code == 404


def test_claim_with_a_verdict_carries_claimreview_json_ld(client, wagner, editor):
    from django.utils import timezone

    claim = wagner["claims"][1]
    Verdict.objects.create(
        claim=claim,
        rating=2,
        summary="Three outlets report 1,400–1,600 </script><b>",
        author=editor,
        published_at=timezone.now(),
    )
    html = client.get(f"/claims/{claim.pk}/").content.decode()
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    payload = html[start : html.index("</script>", start)]
    review = json.loads(payload)
    assert review["@type"] == "ClaimReview"
    assert review["reviewRating"]["ratingValue"] == 2
    assert review["itemReviewed"]["author"]["name"] == "فتحي باشاغا"
    assert review["url"].endswith(f"/claims/{claim.pk}/")
    assert "</script><b>" not in payload  # escaped like json_script
    measure_html = client.get(f"/measures/{wagner['measure'].pk}/").content.decode()
    assert "application/ld+json" in measure_html


def test_claim_without_verdict_has_no_json_ld(client, wagner):
    html = client.get(f"/claims/{wagner['claims'][0].pk}/").content.decode()
    assert "application/ld+json" not in html


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/measures/{measure}/", 5),  # measure, claims, relays, verdicts, related questions
        ("/articles/{article}/", 3),  # article, claims, relays
        ("/speakers/{speaker}/", 5),  # speaker, aliases, links, claims, relays
        ("/outlets/{outlet}/", 3),  # outlet, claims, relays
        ("/measures/", 2),  # cache key, measures
        ("/matrix/", 4),  # cache key, outlet totals, measure totals, cells
    ],
)
def test_pages_use_a_constant_number_of_queries(client, django_assert_num_queries, url, budget):
    from django.core.cache import cache

    claims = _many_claims(40)
    first = claims[0]
    url = url.format(
        measure=first.measure_id,
        article=first.article_id,
        speaker=first.speaker_id,
        outlet=first.outlet_id,
    )
    cache.clear()
    with django_assert_num_queries(budget):
        assert client.get(url).status_code == 200
    Claim.objects.filter(pk__in=[c.pk for c in claims[20:]]).delete()
    cache.clear()
    with django_assert_num_queries(budget):
        assert client.get(url).status_code == 200


# Exports ----------------------------------------------------------------------------------


def test_csv_export_of_a_filtered_view(client, wagner):
    response = client.get("/claims/export.csv?language=ar&sort=value")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeffid,figure,")
    lines = text.strip().splitlines()
    assert len(lines) == 3
    assert "1,000" in lines[1] and "about 1,600" in lines[2]
    assert "مسؤولون غربيون" in lines[2] and "Bloomberg" in lines[2]


def test_json_export_of_a_filtered_view(client, wagner):
    response = client.get("/claims/export.json?q=wagner")
    records = json.loads(b"".join(response.streaming_content))
    assert [r["value"] for r in records] == [1400.0]
    assert records[0]["outlet"] == "Bloomberg" and records[0]["relay_chain"] == []
    everything = json.loads(b"".join(client.get("/claims/export.json").streaming_content))
    assert {r["figure"] for r in everything} == {"about 1,600", "1,000", "1,400"}
    chained = next(r for r in everything if r["figure"] == "about 1,600")
    assert chained["relay_chain"] == ["Bloomberg"]


def test_export_refuses_bad_filters_with_a_message(client, wagner):
    response = client.get("/claims/export.csv?value_min=abc")
    assert response.status_code == 400
    assert "Enter a number" in response.content.decode()


def test_claims_without_outlet_speaker_or_measure_render_everywhere(client):
    body = "قتل 15 مسلحا في المعارك"
    article = Article.objects.create(title="بلا مصدر", body=body, content_hash=content_hash(body))
    claim = Claim.objects.create(article=article, value=15, quote="15", start=4, end=6)
    for url in [
        "/",
        "/claims/?language=ar",
        f"/claims/{claim.pk}/",
        f"/articles/{article.pk}/",
        "/claims/export.csv",
        "/claims/export.json",
        "/matrix/",
        "/measures/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    html = client.get("/").content.decode()
    assert '<span class="muted">outlet not stated</span>' in html and "the outlet itself" in html


def test_column_headers_sort_and_a_chosen_measure_links_to_its_comparison(client, wagner):
    measure = wagner["measure"]
    html = client.get(f"/claims/?measure={measure.pk}&sort=-value").content.decode()
    assert f'href="?measure={measure.pk}&amp;sort=value"' in html  # figure: flip to ascending
    assert f'href="?measure={measure.pk}&amp;sort=-date"' in html
    assert f'class="compare" href="/measures/{measure.pk}/"' in html
    values = [c.value for c in client.get("/claims/?sort=value").context["page"].claims]
    assert values == sorted(values)


def test_a_large_measure_compares_its_latest_claims_but_spreads_over_all(
    client, wagner, monkeypatch
):
    monkeypatch.setattr("claims.views.MEASURE_PAGE_CLAIMS", 2)
    response = client.get(f"/measures/{wagner['measure'].pk}/")
    html = response.content.decode()
    assert {c.pk for c in response.context["claims"]} == {c.pk for c in wagner["claims"][1:]}
    assert "the latest 2 of 3 claims" in html
    assert "Lowest <strong>1,000</strong> · highest <strong>1,600</strong>" in html


def test_search_results_page_like_any_other(client):
    outlet = Outlet.objects.create(name="Reuters")
    for i in range(15):
        body = f"Wagner fighters left Tripoli, {i + 100} of them ({i})"
        article = Article.objects.create(
            outlet=outlet,
            title=f"Wagner fighters left Tripoli ({i})",
            body=body,
            language="en",
            content_hash=content_hash(body),
        )
        start = body.index(str(i + 100))
        Claim.objects.create(
            article=article, value=i + 100, quote=str(i + 100), start=start, end=start + 3
        )
    for q in ("wagner", "wagner tripoli"):  # one term, and several (another plan on PostgreSQL)
        page = client.get("/claims/", {"q": q, "per_page": 10}).context["page"]
        second = client.get("/claims/", {"q": q, "per_page": 10, "after": page.next_cursor})
        seen = [c.pk for c in page.claims] + [c.pk for c in second.context["page"].claims]
        assert seen == sorted(Claim.objects.values_list("pk", flat=True), reverse=True)
