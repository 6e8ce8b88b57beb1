"""The measure list and the measure comparison page."""

from __future__ import annotations

import re

import pytest

from claims.models import Measure
from tests.conftest import wagner_claim

pytestmark = pytest.mark.django_db


def test_measure_comparison_shows_the_figures_side_by_side(client, wagner):
    measure = wagner["measure"]
    response = client.get(f"/measures/{measure.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("about 1,600", "1,000", "1,400", "Bloomberg", "فتحي باشاغا", "مسؤولون غربيون"):
        assert text in html
    assert "<svg" in html and "<circle" in html and "<rect" in html
    chains = {
        re.sub(r"<[^>]+>", "", part.split("</span>")[0])
        for part in html.split('class="chain">')[1:]
    }
    assert "مسؤولون غربيون → Bloomberg → Al Jazeera Net" in chains
    assert "Lowest <strong>1,000</strong> · highest <strong>1,600</strong>" in html
    # Reviewed figures only by default: 1,000 (disputed) against about 1,600 (verified); the
    # machine-extracted 1,400 joins when machine figures are included.
    assert len(response.context["conflicts"]) == 1
    assert "cannot both be true" in html
    assert "Include 1 machine-extracted figure" in html
    with_machine = client.get(f"/measures/{measure.pk}/?machine=1")
    assert len(with_machine.context["conflicts"]) == 3


def test_measure_comparison_shows_related_questions_from_the_same_articles(
    client, wagner, django_assert_max_num_queries
):
    deployed = Measure.objects.create(name="Russian mercenaries deployed in Libya", unit="")
    other_unit = Measure.objects.create(name="distance (km)", unit="km")
    article = wagner["articles"][0]
    wagner_claim(article, 1400, qualifier="more_than", lower=1400, measure=deployed)
    wagner_claim(article, 1000, measure=other_unit)  # another unit: not a neighbouring question
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
        claim = wagner_claim(article, figure_)
        claim.measure = narrow
        claim.save()
    response = client.get("/measures/")
    names = [m.name for m in response.context["measures"]]
    assert names.index(wagner["measure"].name) < names.index(narrow.name)
    assert "×1.60" in response.content.decode()


def test_a_large_measure_compares_its_latest_claims_but_spreads_over_all(
    client, wagner, monkeypatch
):
    monkeypatch.setattr("claims.views.MEASURE_PAGE_CLAIMS", 2)
    response = client.get(f"/measures/{wagner['measure'].pk}/")
    html = response.content.decode()
    assert {c.pk for c in response.context["claims"]} == {c.pk for c in wagner["claims"][1:]}
    assert "The latest 2 of 3 claims are compared here" in html
    assert "Lowest <strong>1,000</strong> · highest <strong>1,600</strong>" in html
