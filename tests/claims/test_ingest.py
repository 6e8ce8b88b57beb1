"""Import stores the extractor's candidates as claims; re-import never clobbers curated ones."""

from __future__ import annotations

import hashlib
from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article
from claims.extraction import extract_claims
from claims.models import Claim, ExtractionMethod, Speaker, Status

pytestmark = pytest.mark.django_db


def import_seeds(seed_dir, *extra: str) -> str:
    out = StringIO()
    call_command("import_articles", str(seed_dir), "--progress", "never", *extra, stdout=out)
    return out.getvalue()


def test_import_stores_every_candidate_as_an_extracted_claim(seed_dir):
    import_seeds(seed_dir)
    for article in Article.objects.all():
        expected = extract_claims(article.body, language=article.language)
        stored = list(article.claims.order_by("start"))
        assert [(c.start, c.end) for c in stored] == [(c.start, c.end) for c in expected]
        for claim in stored:
            assert article.body[claim.start : claim.end] == claim.quote
            assert claim.status == Status.EXTRACTED
            assert claim.extraction_method == ExtractionMethod.RULES
            assert claim.outlet_id == article.outlet_id


def test_speakers_and_relays_are_linked(seed_dir):
    import_seeds(seed_dir)
    claim = Claim.objects.get(quote__contains="1400")
    assert claim.speaker.name == "مسؤولون غربيون"
    pashagha = Claim.objects.filter(speaker__name__contains="باشاغا").first()
    assert pashagha is not None
    relayed = Claim.objects.filter(relay_outlets__name__in=["رويترز", "الأناضول"]).distinct()
    assert relayed.exists()


def test_narrator_figure_belongs_to_the_article_outlet(seed_dir):
    import_seeds(seed_dir)
    # 000 is تركيا الآن's own article; its 370 km has no reporting verb.
    claim = Claim.objects.get(quote__contains="370")
    assert claim.speaker.name == claim.article.outlet.name
    assert claim.speaker.kind == Speaker.Kind.OUTLET


def test_second_import_duplicates_nothing(seed_dir):
    import_seeds(seed_dir)
    before = sorted(Claim.objects.values_list("article_id", "start", "end"))
    second = import_seeds(seed_dir)
    assert "Nothing new" in second or "0 new" in second
    assert sorted(Claim.objects.values_list("article_id", "start", "end")) == before


def test_reprocess_keeps_what_an_editor_touched(seed_dir, editor):
    import_seeds(seed_dir)
    claim = Claim.objects.get(quote__contains="1600")
    claim.status = Status.VERIFIED
    claim.value = 1650  # an editor's correction
    claim.note = "checked against the GNA statement"
    claim.reviewed_by = editor
    claim.save()
    count = Claim.objects.count()
    import_seeds(seed_dir, "--reprocess")
    claim.refresh_from_db()
    assert (claim.value, claim.status, claim.note) == (1650, Status.VERIFIED, claim.note)
    assert Claim.objects.count() == count
    assert Claim.objects.filter(article=claim.article, start=claim.start).count() == 1


def test_a_speakers_title_is_kept_as_their_role():
    from claims.ingest import store_candidates

    body = "عنوان\nوقال المتحدث باسم الدفاع المدني العقيد ماهر الزين إن 40 منزلا دمرت."
    digest = hashlib.sha256(body.encode()).hexdigest()
    article = Article.objects.create(title="عنوان", body=body, language="ar", content_hash=digest)
    store_candidates(article, extract_claims(body))
    claim = article.claims.get()
    assert claim.speaker.name == "ماهر الزين"
    assert claim.speaker.role == "المتحدث باسم الدفاع المدني العقيد"
    assert claim.speaker_text == "المتحدث باسم الدفاع المدني العقيد ماهر الزين"


def test_a_headline_figure_is_linked_to_the_body_claim_it_repeats():
    from claims.ingest import store_candidates

    body = (
        "مقتل 40 شخصا في انهيار مبنى\n"
        "قال الدفاع المدني إن حصيلة انهيار المبنى ارتفعت إلى 40 قتيلا، وإن 12 آخرين أصيبوا."
    )
    digest = hashlib.sha256(body.encode()).hexdigest()
    article = Article.objects.create(title="t", body=body, language="ar", content_hash=digest)
    store_candidates(article, extract_claims(body))
    headline, dead, wounded = article.claims.order_by("start")
    assert headline.repeats == dead and wounded.repeats is None
    assert headline.speaker == dead.speaker and dead.speaker.name == "الدفاع المدني"


def test_an_import_profiles_its_claims_for_measure_suggestions(seed_dir):
    from claims.models import ClaimProfile

    import_seeds(seed_dir)
    assert ClaimProfile.objects.count() == Claim.objects.count() > 0


def test_a_backfill_without_suggestions_catches_up_with_suggest_measures(seed_dir, settings):
    from claims.models import ClaimProfile, MeasureSuggestion

    settings.ISNAD_SUGGEST_ON_IMPORT = False
    import_seeds(seed_dir)
    assert Claim.objects.exists()
    assert not ClaimProfile.objects.exists() and not MeasureSuggestion.objects.exists()
    call_command("suggest_measures", stdout=StringIO())
    assert ClaimProfile.objects.count() == Claim.objects.count()
    assert MeasureSuggestion.objects.exists()
