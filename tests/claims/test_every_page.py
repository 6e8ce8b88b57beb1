"""Every public page: constant query counts, and claims missing outlet/speaker/measure."""

from __future__ import annotations

import pytest

from articles.importing import content_hash
from articles.models import Article
from claims.models import Claim
from tests.conftest import many_claims

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        # measure, claims, relays, source decisions (2), speaker links (2), verdicts, related
        ("/measures/{measure}/", 9),
        ("/articles/{article}/", 3),  # article, claims, relays
        ("/speakers/{speaker}/", 5),  # speaker, aliases, links, claims, relays
        ("/outlets/{outlet}/", 5),  # outlet, carried claims, relays, relayed claims, relays
        ("/measures/", 2),  # cache key, measures
        # cache key, totals per outlet (published, relayed) and per measure, cells (published,
        # relayed)
        ("/matrix/", 6),
    ],
)
def test_pages_use_a_constant_number_of_queries(client, django_assert_num_queries, url, budget):
    from django.core.cache import cache

    claims = many_claims(40)
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


def test_claims_without_outlet_speaker_or_measure_render_everywhere(client):
    body = "قتل 15 مسلحا في المعارك"
    article = Article.objects.create(title="بلا مصدر", body=body, content_hash=content_hash(body))
    claim = Claim.objects.create(article=article, value=15, quote="15", start=4, end=6)
    for url in [
        "/",
        "/conflicts/",
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
    assert '<span class="muted not-stated">outlet not stated</span>' in html
    assert "the outlet itself" in html
