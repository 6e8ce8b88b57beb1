"""The article page: text in its direction, every claim highlighted in place."""

from __future__ import annotations

import pytest

from articles.importing import content_hash
from articles.models import Article
from claims.models import Claim

pytestmark = pytest.mark.django_db


def test_article_shows_its_text_right_to_left_with_claims_highlighted(client, wagner):
    article = wagner["articles"][0]
    response = client.get(f"/articles/{article.pk}/")
    html = response.content.decode()
    assert 'class="body" dir="rtl" lang="ar"' in html
    claim = wagner["claims"][0]
    assert f'class="claim-mark status-verified" id="claim-{claim.pk}"' in html
    assert 'title="about 1,600 مرتزقة فاغنر · مسؤولون غربيون · verified"' in html
    assert f'<a href="#note-{claim.pk}"' in html and ">نحو 1600</a></mark>" in html
    assert f'id="note-{claim.pk}"' in html  # the highlight leads to its note in the margin


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
    assert 'class="claim-mark status-extracted overlap"' in html
    assert (
        "1,600 · the outlet itself · machine-extracted | "
        "between 1,600 and 2,000 · the outlet itself · machine-extracted"
    ) in html


def test_english_article_is_left_to_right(client, wagner):
    html = client.get(f"/articles/{wagner['articles'][2].pk}/").content.decode()
    assert 'class="body" dir="ltr" lang="en"' in html
