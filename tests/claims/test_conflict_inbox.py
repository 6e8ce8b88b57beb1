"""The conflict inbox: measures whose figures cannot all be true, widest first, filters as
shareable URLs, htmx partials, a constant number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse

from articles.importing import content_hash, import_paths
from articles.models import Article, Outlet
from claims.curation import assign_measure
from claims.grouping.conflicts import widest
from claims.models import Claim, Conflict, Measure
from tests.conftest import SEEDS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_cached_pages():
    """The inbox caches rendered pages by a stamp of the data: every test starts without any."""
    cache.clear()


def make_measure(name: str, figures: list[tuple[float, str]], outlet: Outlet, day: int = 1):
    """A curated measure with exact (or "approx") figures from one article each."""
    measure = Measure.objects.create(name=name, unit="people")
    for index, (value, qualifier) in enumerate(figures):
        body = f"{name}: {index} قال مسؤول إن {int(value)} شخصا غادروا"
        article = Article.objects.create(
            title=name,
            body=body,
            outlet=outlet,
            published_on=dt.date(2020, 5, day),
            content_hash=content_hash(body),
        )
        quote = str(int(value))
        start = body.index(f" {quote} ") + 1
        Claim.objects.create(
            article=article,
            measure=measure,
            value=value,
            qualifier=qualifier,
            quote=quote,
            start=start,
            end=start + len(quote),
        )
    return measure


@pytest.fixture
def measures():
    reuters = Outlet.objects.create(name="Reuters")
    jazeera = Outlet.objects.create(name="الجزيرة نت")
    return {
        "wide": make_measure("fighters who left", [(1000, "exact"), (1600, "approx")], reuters),
        "narrow": make_measure("aircraft landed", [(10, "exact"), (12, "exact")], jazeera, 20),
        "agreeing": make_measure("agreeing", [(100, "approx"), (105, "exact")], reuters),
        "outlets": (reuters, jazeera),
    }


def test_widest_disagreement_first_and_compatible_figures_left_out(client, measures):
    page = client.get("/conflicts/")
    assert page.status_code == 200
    labels = [row["conflict"].label for row in page.context["rows"]]
    assert labels == ["fighters who left", "aircraft landed"]  # 1440/1000 > 12/10
    html = page.text
    assert reverse("measure_detail", args=[measures["wide"].pk]) in html
    assert "agreeing" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=curated", {"fighters who left", "aircraft landed"}),
        ("status=proposed", set()),
        ("date_from=2020-05-10", {"aircraft landed"}),
        ("date_to=2020-05-10", {"fighters who left"}),
        ("place=aircraft", {"aircraft landed"}),
    ],
)
def test_filters_are_shareable_urls(client, measures, query, expected):
    page = client.get(f"/conflicts/?{query}")
    assert {row["conflict"].label for row in page.context["rows"]} == expected


def test_outlet_filter_and_bad_input(client, measures):
    reuters, _ = measures["outlets"]
    page = client.get(f"/conflicts/?outlet={reuters.pk}")
    assert {row["conflict"].label for row in page.context["rows"]} == {"fighters who left"}
    for bad in ("outlet=١", "outlet=99999999", "date_from=yesterday", "status=x"):
        response = client.get(f"/conflicts/?{bad}")
        assert response.status_code == 200
        assert "could not be used" in response.text


def test_htmx_gets_the_results_partial(client, measures):
    response = client.get("/conflicts/?status=curated", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="results"')
    assert "<html" not in response.text


def test_constant_queries_whatever_the_rows(client, measures, django_assert_num_queries):
    client.get("/conflicts/")  # the first look brings the rows up to date
    cache.clear()
    with django_assert_num_queries(20):
        client.get("/conflicts/")
    with django_assert_num_queries(10):  # the same page again, nothing changed: from the cache
        client.get("/conflicts/")
    for i in range(10):
        make_measure(
            f"more {i}", [(1, "exact"), (5, "exact"), (9, "exact")], measures["outlets"][0]
        )
    client.get("/conflicts/")
    cache.clear()
    with django_assert_num_queries(20):
        page = client.get("/conflicts/")
    assert len(page.context["rows"]) == 10  # a page
    assert page.context["page"].paginator.count == 12


def test_rows_follow_editors_changes(client, measures, editor):
    client.get("/conflicts/")
    wide = measures["wide"]
    one = wide.claims.order_by("value").first()
    assign_measure([one], None, by=editor)
    page = client.get("/conflicts/")
    assert "fighters who left" not in {row["conflict"].label for row in page.context["rows"]}
    assert not Conflict.objects.filter(measure=wide).exists()


def test_seed_withdrawal_figures_show_as_a_proposed_conflict(client):
    import_paths([SEEDS])
    page = client.get("/conflicts/?status=proposed")
    rows = page.context["rows"]
    withdrawal = [
        row for row in rows if any(f["claim"].quote == "بنحو 1600" for f in row["figures"])
    ]
    assert len(withdrawal) == 1
    quotes = {f["claim"].quote for f in withdrawal[0]["figures"]}
    assert any("1000" in q for q in quotes)
    assert not any("1400" in q for q in quotes)
    # Who said each, and through whom, and per figure its independent sources (claims.sources).
    assert "محمد قنونو" in page.text
    assert all(f["sources"] is not None for f in withdrawal[0]["figures"])
    assert "1 independent source" in page.text and "(1 article)" in page.text


def test_widest_pair_is_the_one_furthest_apart():
    class F:
        def __init__(self, value, qualifier="exact"):
            self.value, self.lower, self.upper, self.qualifier = value, None, None, qualifier

    figures = [F(1000), F(1600, "approx"), F(1200), F(1300)]
    low, high = widest(figures)
    assert (low.value, high.value) == (1000, 1600)
    assert widest([F(100, "approx"), F(105)]) is None
