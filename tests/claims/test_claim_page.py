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
