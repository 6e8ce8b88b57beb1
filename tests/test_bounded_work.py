"""No request does unbounded work: highlighting is linear, an article page highlights a bounded
number of figures, anonymous exports are bounded, bulk deletes are bounded or gone."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from articles.admin import DELETE_LIMIT
from articles.importing import content_hash
from articles.models import Article
from claims.highlight import highlighted_body
from claims.models import Claim
from claims.views import ARTICLE_PAGE_CLAIMS

pytestmark = pytest.mark.django_db


class CountingClaim:
    """A claim-like row that counts how often highlighting reads its offsets."""

    reads = 0

    def __init__(self, pk: int, start: int, end: int) -> None:
        self.pk, self._start, self._end = pk, start, end
        self.qualifier, self.value, self.lower, self.upper = "exact", float(pk), None, None
        self.unit = self.counted = self.speaker_text = ""
        self.speaker = None
        self.status = "extracted"

    @property
    def start(self) -> int:
        CountingClaim.reads += 1
        return self._start

    @property
    def end(self) -> int:
        CountingClaim.reads += 1
        return self._end


def offset_reads(count: int, overlapping: bool = False) -> int:
    body = "".join(f"n {i:05d} " for i in range(count))
    claims = []
    for i in range(count):
        start = body.index(f"{i:05d}")
        end = start + (9 if overlapping and i + 1 < count else 5)
        claims.append(CountingClaim(i + 1, start, end))
    CountingClaim.reads = 0
    html = highlighted_body(body, claims)
    assert html.count("<mark") >= count
    return CountingClaim.reads


@pytest.mark.parametrize("overlapping", [False, True])
def test_highlighting_reads_each_claim_a_bounded_number_of_times(overlapping):
    """Work grows with the number of claims, not its square (the old loop read every claim's
    offsets for every piece of text: 10,000 figures took 20 s)."""
    small, large = offset_reads(1_000, overlapping), offset_reads(4_000, overlapping)
    assert large / small < 4.5  # linear: ×4 claims, ×4 reads (quadratic would be ×16)
    assert large / 4_000 < 20


@pytest.fixture
def crowded_article():
    count = ARTICLE_PAGE_CLAIMS + 7
    body = " ".join(f"n{i} {i + 10}" for i in range(count))
    article = Article.objects.create(
        title="crowded", body=body, language="en", content_hash=content_hash(body)
    )
    claims = []
    for i in range(count):
        quote = str(i + 10)
        start = body.index(f"n{i} {quote}") + len(f"n{i} ")
        claims.append(
            Claim(article=article, value=i + 10, quote=quote, start=start, end=start + len(quote))
        )
    Claim.objects.bulk_create(claims)
    return article, count


def test_an_article_page_highlights_at_most_a_bounded_number_of_figures(
    client, crowded_article, django_assert_max_num_queries
):
    article, count = crowded_article
    with django_assert_max_num_queries(6):
        response = client.get(f"/articles/{article.pk}/")
    html = response.content.decode()
    assert html.count('<mark class="claim-mark') == ARTICLE_PAGE_CLAIMS
    assert f"The first {ARTICLE_PAGE_CLAIMS} of {count} figures" in html


def export_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))[1:]


def test_anonymous_exports_are_bounded_and_signed_in_ones_less_so(
    client, admin_client, crowded_article, settings
):
    settings.ISNAD_ANONYMOUS_EXPORT_ROWS = 100
    settings.ISNAD_EXPORT_ROWS = 300
    anonymous = client.get("/claims/export.csv")
    assert len(export_rows(anonymous)) == 100
    assert anonymous["X-Isnad-Row-Limit"] == "100"
    assert len(export_rows(admin_client.get("/claims/export.csv"))) == 300
    assert len(b"".join(client.get("/claims/export.json").streaming_content)) > 0


def test_claims_cannot_be_deleted_in_bulk(admin_client, crowded_article):
    page = admin_client.get("/admin/claims/claim/")
    assert "delete_selected" not in page.content.decode()
    ids = list(Claim.objects.values_list("pk", flat=True)[:3])
    response = admin_client.post(
        "/admin/claims/claim/", {"action": "delete_selected", ACTION_CHECKBOX_NAME: ids}
    )
    assert response.status_code in (200, 302)
    assert Claim.objects.filter(pk__in=ids).count() == 3


def test_other_bulk_deletes_are_bounded(admin_client, db):
    articles = [
        Article(title=f"a{i}", body=f"body {i}", content_hash=content_hash(f"body {i}"))
        for i in range(DELETE_LIMIT + 1)
    ]
    Article.objects.bulk_create(articles)
    ids = list(Article.objects.values_list("pk", flat=True))
    response = admin_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: ids},
        follow=True,
    )
    assert "Nothing deleted: more than" in response.content.decode()
    assert Article.objects.count() == DELETE_LIMIT + 1
    # Within the bound, Django's confirmation page as usual.
    response = admin_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: ids[:2]},
    )
    assert response.status_code == 200 and "Are you sure" in response.content.decode()
