"""One claim in its context, with its verdicts as ClaimReview JSON-LD."""

from __future__ import annotations

import json

import pytest

from claims.models import Verdict

pytestmark = pytest.mark.django_db


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
    ("rating", "name", "numeric"),
    [
        (Verdict.Rating.FALSE, "False", True),
        (Verdict.Rating.TRUE, "True", True),
        (Verdict.Rating.COMPATIBLE, "Figures compatible", False),
        (Verdict.Rating.DIFFERENT_QUESTIONS, "Different questions", False),
    ],
)
def test_every_rating_makes_a_valid_claimreview_rating(
    client, wagner, editor, rating, name, numeric
):
    measure = wagner["measure"]
    Verdict.objects.create(measure=measure, rating=rating, summary="…", author=editor)
    html = client.get(f"/measures/{measure.pk}/").content.decode()
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    review = json.loads(html[start : html.index("</script>", start)])
    rating_ = review["reviewRating"]
    assert rating_["@type"] == "Rating" and rating_["alternateName"] == name
    if numeric:
        assert rating_["worstRating"] <= rating_["ratingValue"] <= rating_["bestRating"]
    else:
        # Not a point between false and true: no number that would say so.
        assert not {"ratingValue", "bestRating", "worstRating"} & rating_.keys()


def test_a_rating_outside_the_known_ones_is_refused_by_the_database(wagner, editor):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Verdict.objects.create(measure=wagner["measure"], rating=8, summary="x", author=editor)


def test_the_claim_page_quotes_in_whole_words_and_offers_a_citation(client, wagner):
    claim = wagner["claims"][0]
    claim.refresh_context()  # as import and the admin store it
    claim.save()
    html = client.get(f"/claims/{claim.pk}/").content.decode()
    assert f'href="/articles/{claim.article_id}/#claim-{claim.pk}"' in html
    assert 'class="copy-citation"' in html and f'data-permalink="/claims/{claim.pk}/"' in html
    citation = html.split('data-citation="')[1].split('"')[0]
    for part in (
        "about 1,600 مرتزقة فاغنر — مسؤولون غربيون",
        "Relay chain: مسؤولون غربيون → Bloomberg → Al Jazeera Net",
        "Published by: Al Jazeera Net, May 20, 2020",
        "URL not stated",
        "Quote: “قال مسؤولون غربيون إن نحو 1600 من مرتزقة فاغنر غادروا جبهة طرابلس،",
        "…”",  # the context goes on: cut after a whole word
        "Status: verified",
    ):
        assert part in citation.replace("&quot;", '"'), part
