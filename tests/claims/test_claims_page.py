"""The claims page: filters, facets, htmx partials, keyset pages, sorting, search, query counts."""

from __future__ import annotations

import datetime as dt

import pytest

from articles.importing import content_hash
from articles.models import Article, Outlet
from claims.models import Claim
from tests.conftest import claim_ids, many_claims

pytestmark = pytest.mark.django_db


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
        ("q=Wagner", {1000, 1400, 1600}),  # the measure's name says Wagner
        ("q=فاجنر", {1000, 1400, 1600}),  # so does its transliteration
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
        ("q=" + "+".join(f"w{i}" for i in range(3000)), "at most 16 words (this one has 3,000)"),
        ("q=" + "x" * 50_000, "at most 500 characters long (this one has 50,000)"),
        ("q=" + "+".join(f"w{i}" for i in range(17)), "at most 16 words (this one has 17)"),
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
    # Named in the reader's language (the outlets' English names here).
    assert outlets == {"Al Jazeera Net": 1, "Anadolu": 1}


def test_facet_counts_are_capped(client, wagner, monkeypatch):
    monkeypatch.setattr("claims.views.FACET_CAP", 2)
    response = client.get("/claims/")
    assert response.context["facets"]["capped"]
    assert "2+" in response.content.decode()


@pytest.mark.parametrize("sort", ["-id", "id", "-date", "date", "-value", "value"])
def test_keyset_pages_cover_every_claim_once_in_order(client, sort):
    claims = many_claims(23)
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
    many_claims(12)
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
    claims = many_claims(70)
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


def test_column_headers_sort_and_a_chosen_measure_links_to_its_comparison(client, wagner):
    measure = wagner["measure"]
    html = client.get(f"/claims/?measure={measure.pk}&sort=-value").content.decode()
    assert f'href="?measure={measure.pk}&amp;sort=value"' in html  # figure: flip to ascending
    assert f'href="?measure={measure.pk}&amp;sort=-date"' in html
    assert f'class="compare" href="/measures/{measure.pk}/"' in html
    values = [c.value for c in client.get("/claims/?sort=value").context["page"].claims]
    assert values == sorted(values)


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


@pytest.mark.parametrize(
    "query",
    [
        " ".join(f"w{i}" for i in range(16)),  # at the caps: searched, not refused
        "wagner " * 70,  # long, but one word
        "a" * 500,
        "%_\\'\"():&|!<-> * 0fgnr",  # LIKE and tsquery syntax are words' punctuation here
        "'wagner':A | 0gnr",
    ],
)
def test_queries_at_the_caps_or_full_of_syntax_are_searched(client, wagner, query):
    response = client.get("/claims/", {"q": query})
    assert response.status_code == 200
    assert response.context["page"] is not None
