"""Figures are finite numbers within ±1e15: the database refuses the rest, forms say why, the
exports never write Infinity and no page shows "×inf"."""

from __future__ import annotations

import json
import math

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from claims import exports
from claims.models import LARGEST_FIGURE, Claim, Measure
from tests.conftest import make_article, make_claim

pytestmark = pytest.mark.django_db

BEYOND = [math.inf, -math.inf, math.nan, 1e16, -1e16, 1e308, LARGEST_FIGURE * 1.0000001]


@pytest.fixture
def article():
    return make_article("قال إن 1600 مقاتل انسحبوا و 1400 بقوا و 3 قادة")


@pytest.mark.parametrize("field", ["value", "lower", "upper"])
@pytest.mark.parametrize("number", BEYOND)
def test_the_database_refuses_a_figure_beyond_the_bound(article, field, number):
    values = {"value": 1.0, field: number}
    try:
        with transaction.atomic():
            claim = make_claim(article, "1600", **values)
    except IntegrityError:
        return
    # Only NaN on SQLite gets here: SQLite stores it as NULL, so nothing non-finite is kept.
    claim.refresh_from_db()
    assert math.isnan(number) and _sqlite()
    assert getattr(claim, field) is None


def test_a_figure_at_the_bound_is_stored(article):
    claim = make_claim(article, "1600", value=LARGEST_FIGURE, lower=-LARGEST_FIGURE)
    claim.refresh_from_db()
    assert claim.value == LARGEST_FIGURE


def test_an_update_cannot_sneak_an_infinity_in(article):
    claim = make_claim(article, "1600", value=1600)
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(value=math.inf)


@pytest.mark.parametrize("typed", ["1e16", "-1e16", "1" + ",000" * 120])
def test_the_claim_form_refuses_a_figure_beyond_the_bound_with_a_message(
    admin_client, article, typed
):
    claim = make_claim(article, "1600", value=1600)
    response = admin_client.post(
        reverse("admin:claims_claim_change", args=[claim.pk]),
        {
            "article": article.pk,
            "value": typed.replace(",", ""),
            "qualifier": "exact",
            "status": "extracted",
            "loaded_version": claim.version,
            "relays-TOTAL_FORMS": "0",
            "relays-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "value" in errors
    claim.refresh_from_db()
    assert claim.value == 1600


def test_json_exports_refuse_to_write_infinity():
    with pytest.raises(ValueError):
        "".join(exports._json_list(iter([{"value": math.inf}])))
    with pytest.raises(ValueError):
        exports.json_ld([{"reviewRating": {"ratingValue": math.nan}}])


def test_the_json_export_is_valid_json_at_the_bound(client, article):
    make_claim(article, "1600", value=LARGEST_FIGURE)
    make_claim(article, "1400", value=-LARGEST_FIGURE)
    response = client.get("/claims/export.json")
    body = b"".join(response.streaming_content).decode()
    records = json.loads(body, parse_constant=lambda name: pytest.fail(f"{name} in the export"))
    assert sorted(r["value"] for r in records) == [-LARGEST_FIGURE, LARGEST_FIGURE]


def test_no_measure_page_shows_an_infinite_spread(client, article):
    measure = Measure.objects.create(name="fighters")
    make_claim(article, "1600", value=1e-300, measure=measure)
    make_claim(article, "1400", value=LARGEST_FIGURE, measure=measure)
    make_claim(article, "3", value=3, measure=measure)
    for url in ["/measures/", f"/measures/{measure.pk}/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "inf" not in html.replace("info", ""), url
        assert "∞" not in html, url


def _sqlite() -> bool:
    from django.db import connection

    return connection.vendor == "sqlite"
