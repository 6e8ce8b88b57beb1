"""The database refuses claims, speakers and verdicts that break the model's invariants."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from articles.importing import content_hash
from articles.models import Article
from claims.models import Claim, ClaimRelay, Speaker, SpeakerAlias, Verdict

pytestmark = pytest.mark.django_db


@pytest.fixture
def article() -> Article:
    body = "قال المتحدث إن نحو 1600 مقاتل غادروا."
    return Article.objects.create(title="t", body=body, content_hash=content_hash(body))


def claim(article, **fields) -> Claim:
    values = {"value": 1600, "quote": "نحو 1600", "start": 15, "end": 23}
    values.update(fields)
    return Claim.objects.create(article=article, **values)


def test_a_valid_claim_is_stored(article):
    stored = claim(article, lower=1600, upper=1600)
    assert article.body[stored.start : stored.end] == stored.quote
    assert stored.status == "extracted" and stored.version == 1
    assert not stored.is_curated


@pytest.mark.parametrize(
    "fields",
    [
        {"lower": 10, "upper": 5},
        {"start": 23, "end": 15},
        {"start": 15, "end": 15},
        {"status": "approved"},
        {"qualifier": "roughly"},
        {"extraction_method": "magic"},
        {"confidence": 1.5},
        {"confidence": -0.1},
        {"value": None, "lower": None, "upper": None},
        {"version": 0},
    ],
    ids=[
        "lower above upper",
        "start after end",
        "empty span",
        "unknown status",
        "unknown qualifier",
        "unknown method",
        "confidence above 1",
        "confidence below 0",
        "no number at all",
        "version zero",
    ],
)
def test_claim_constraints_reject_bad_rows(article, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        claim(article, **fields)


def test_one_claim_per_article_span(article):
    claim(article)
    with pytest.raises(IntegrityError), transaction.atomic():
        claim(article, value=1500)
    claim(article, start=19, end=23, quote="1600")  # another span of the same article is fine


def test_relay_positions_and_outlets_are_unique(article):
    from articles.models import Outlet

    stored = claim(article)
    reuters, bloomberg = Outlet.objects.create(name="Reuters"), Outlet.objects.create(name="B")
    ClaimRelay.objects.create(claim=stored, outlet=reuters, position=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimRelay.objects.create(claim=stored, outlet=bloomberg, position=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimRelay.objects.create(claim=stored, outlet=reuters, position=2)


def test_speaker_alias_is_normalized_and_unique():
    speaker = Speaker.objects.create(name="سالم عليوان", role="رئيس بلدية بني وليد")
    alias = SpeakerAlias.objects.create(speaker=speaker, name="سالمٌ عَليوان")
    assert alias.normalized == "سالم عليوان"
    with pytest.raises(IntegrityError), transaction.atomic():
        SpeakerAlias.objects.create(speaker=speaker, name="سالم عليوان")


def test_speaker_cannot_be_merged_into_itself():
    speaker = Speaker.objects.create(name="x")
    speaker.merged_into = speaker
    with pytest.raises(IntegrityError), transaction.atomic():
        speaker.save()


def test_verdict_rates_a_claim_or_a_measure(article, django_user_model):
    author = django_user_model.objects.create_user("author")
    with pytest.raises(IntegrityError), transaction.atomic():
        Verdict.objects.create(rating=3, summary="?", author=author)
    with pytest.raises(IntegrityError), transaction.atomic():
        Verdict.objects.create(claim=claim(article), rating=9, summary="?", author=author)


def test_every_change_is_in_history(article, django_user_model):
    stored = claim(article)
    stored.note = "checked against the Reuters wire"
    stored.save()
    assert [h.history_type for h in stored.history.order_by("history_id")] == ["+", "~"]
    assert stored.history.first().note == "checked against the Reuters wire"


def test_claims_follow_their_articles_outlet_language_and_date(article):
    import datetime as dt

    from articles.models import Outlet

    stored = claim(article)
    assert (stored.outlet_id, stored.language, stored.published_on) == (None, "ar", None)
    article.outlet = Outlet.objects.create(name="الجزيرة نت")
    article.published_on = dt.date(2020, 5, 25)
    article.save()
    stored.refresh_from_db()
    assert stored.outlet == article.outlet
    assert stored.published_on == dt.date(2020, 5, 25)


def test_a_measure_is_named_in_the_pages_language_else_by_its_name(db):
    from django.utils import translation

    from claims.models import Measure
    from claims.templatetags.isnad import display_name

    both = Measure(
        name="Wagner fighters", name_ar="مقاتلو فاغنر", name_en="Wagner fighters who left"
    )
    plain = Measure(name="distance (km)")
    assert both.display_name("ar") == "مقاتلو فاغنر"
    assert both.display_name("en") == "Wagner fighters who left"
    assert both.display_name("fr") == "Wagner fighters"  # no French name: the name
    assert plain.display_name("ar") == plain.display_name("en") == "distance (km)"
    with translation.override("ar"):
        assert display_name(both) == "مقاتلو فاغنر"
    assert display_name(None) == ""
