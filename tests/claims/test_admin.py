"""The admin is usable from day one by editors, and read-only for viewers."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from articles.importing import import_paths
from claims.admin.claims import ClaimAdmin
from claims.curation import decide_origin, link_disputed_name, merge_speakers
from claims.models import (
    Claim,
    ClaimRelay,
    Measure,
    MeasureProposal,
    MeasureSuggestion,
    OriginRelation,
    Speaker,
    Verdict,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_of_each(seed_dir, editor):
    import_paths([seed_dir], hooks=[])
    from articles.models import Article, ImportJob, Outlet

    article = Article.objects.get(source_name="002_a9c5babff44c5c26.txt")
    start = article.body.index("بنحو 1600")
    speaker = Speaker.objects.create(name="محمد قنونو", role="المتحدث باسم قوات حكومة الوفاق")
    speaker.aliases.create(name="قنونو")
    measure = Measure.objects.create(
        name="Wagner fighters who fled towards Bani Walid", unit="people"
    )
    claim = Claim.objects.create(
        article=article,
        speaker=speaker,
        measure=measure,
        value=1600,
        qualifier="approx",
        quote="بنحو 1600",
        start=start,
        end=start + len("بنحو 1600"),
    )
    ClaimRelay.objects.create(claim=claim, outlet=Outlet.objects.first(), position=1)
    Verdict.objects.create(claim=claim, rating=3, summary="Disputed.", author=editor)
    nuwayr = Speaker.objects.create(name="سالم نوير", role="عميد بلدية بني وليد")
    alaywan = Speaker.objects.create(name="سالم عليوان", role="رئيس بلدية بني وليد")
    link_disputed_name(nuwayr, alaywan, by=editor, note="Al Jazeera vs Reuters")
    merge_speakers(speaker, Speaker.objects.create(name="قنونو"), by=editor)
    headline = Claim.objects.create(
        article=article, value=1600, quote="1600", start=start + 5, end=start + 9
    )
    decide_origin(claim, headline, OriginRelation.SAME, by=editor)
    job = ImportJob.objects.create(created_by=editor)
    job.items.create(position=0, url="https://example.org/news/1", status="failed", reason="404")
    proposal = MeasureProposal.objects.create(label="مرتزقة · بني وليد", thing="fighters")
    MeasureSuggestion.objects.create(claim=claim, proposal=proposal, score=8, parts=[])
    return claim


def admin_urls(obj) -> list[str]:
    opts = obj._meta
    prefix = f"admin:{opts.app_label}_{opts.model_name}"
    return [
        reverse(f"{prefix}_changelist"),
        reverse(f"{prefix}_change", args=[obj.pk]),
        reverse(f"{prefix}_history", args=[obj.pk]),
    ]


def registered_objects(claim):
    objects = []
    for model in admin.site._registry:
        if model._meta.app_label in {"articles", "claims"}:
            instance = model.objects.first()
            assert instance is not None, f"fixture has no {model.__name__}"
            objects.append(instance)
    return objects


def test_every_admin_page_loads_for_an_editor(editor_client, one_of_each):
    for obj in registered_objects(one_of_each):
        for url in admin_urls(obj):
            response = editor_client.get(url)
            assert response.status_code == 200, url
        opts = obj._meta
        add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
        # Merges are records made by the merge action, never added by hand; articles come from
        # import_articles (the form has no body to type).
        # Suggestions and proposed measures are the machine's, decided but never added by hand.
        machine_made = {"SpeakerMerge", "Article", "MeasureProposal", "MeasureSuggestion"}
        expected = 403 if type(obj).__name__ in machine_made else 200
        assert editor_client.get(add).status_code == expected, add


def test_changelists_search_and_filter(editor_client, one_of_each):
    url = reverse("admin:claims_claim_changelist")
    assert "1600" in editor_client.get(url, {"q": "1600"}).text
    assert editor_client.get(url, {"status__exact": "verified"}).status_code == 200
    speakers = reverse("admin:claims_speaker_changelist")
    assert "محمد قنونو" in editor_client.get(speakers, {"q": "قنونو"}).text


def test_a_search_past_the_caps_is_explained_in_the_admin(editor_client, one_of_each):
    url = reverse("admin:claims_claim_changelist")
    response = editor_client.get(url, {"q": " ".join(f"w{i}" for i in range(3000))})
    assert response.status_code == 200
    assert "at most 16 words" in response.text
    assert response.context["cl"].result_count == 0


def test_article_text_is_readable_right_to_left_and_escaped(editor_client, one_of_each):
    article = one_of_each.article
    article.body += "\n<script>alert(1)</script>"
    article.save()
    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).text
    assert 'dir="rtl"' in page
    assert "بنحو 1600" in page
    assert "<script>alert(1)</script>" not in page


def test_a_viewer_can_look_but_not_touch(viewer_client, one_of_each):
    for obj in registered_objects(one_of_each):
        for url in admin_urls(obj):
            assert viewer_client.get(url).status_code == 200, url
    change = reverse("admin:claims_claim_change", args=[one_of_each.pk])
    response = viewer_client.post(change, {"status": "verified"})
    assert response.status_code == 403
    assert viewer_client.get(reverse("admin:claims_claim_add")).status_code == 403
    one_of_each.refresh_from_db()
    assert one_of_each.status == "extracted"


def test_changelists_use_a_bounded_number_of_queries(
    editor_client, one_of_each, django_assert_max_num_queries
):
    for name in ["claims_claim", "articles_article", "claims_speaker", "articles_outlet"]:
        with django_assert_max_num_queries(12):
            editor_client.get(reverse(f"admin:{name}_changelist"))


@pytest.mark.django_db
def test_roles_come_back_after_a_flush():
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    editors_before = set(
        Group.objects.get(name="editors").permissions.values_list("codename", flat=True)
    )
    call_command("flush", "--no-input")
    editors = Group.objects.get(name="editors")
    assert set(editors.permissions.values_list("codename", flat=True)) == editors_before
    assert Group.objects.filter(name="viewers").exists()


def test_the_review_queue_sorts_by_confidence_and_marks_the_unsure(editor_client):
    from claims.extraction.confidence import UNSURE_BELOW
    from tests.conftest import make_article, make_claim

    article = make_article("قال مصدر إن 40 شخصا قتلوا و12 أصيبوا")
    make_claim(article, "40 شخصا", 40, confidence=0.95)
    make_claim(article, "12", 12, confidence=UNSURE_BELOW - 0.2)
    url = reverse("admin:claims_claim_changelist")
    index = ClaimAdmin.list_display.index("confidence_cell") + 1
    page = editor_client.get(url, {"status__exact": "extracted", "o": str(index)}).text
    assert page.index(">12<") < page.index("40 شخصا")  # least sure first
    assert "(unsure)" in page
