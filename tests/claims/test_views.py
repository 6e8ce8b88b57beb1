"""The public pages: claims list with filters and facets, comparison, matrix, article, profiles."""

from __future__ import annotations

import datetime as dt

import pytest

from articles.models import Article, Outlet
from articles.services import content_hash
from claims.models import Claim, ClaimRelay, Measure, Speaker

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
