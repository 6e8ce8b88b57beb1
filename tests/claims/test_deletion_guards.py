"""Deletion never takes an editor's work: the paths the integrity tests do not cover (a verdict
on a machine claim, the admin's bulk delete of articles)."""

from __future__ import annotations

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import ProtectedError
from django.urls import reverse

from articles.models import Article
from claims.models import Claim, Status, Verdict
from tests.conftest import make_article, make_claim

pytestmark = pytest.mark.django_db


def test_a_verdict_on_a_machine_claim_protects_its_article(editor):
    article = make_article("قال إن 1600 مقاتل غادروا")
    claim = make_claim(article, "1600", value=1600)
    assert not claim.is_curated
    Verdict.objects.create(claim=claim, rating=2, summary="Mostly false.", author=editor)
    with pytest.raises(ProtectedError):
        article.delete()
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_the_bulk_delete_of_articles_keeps_those_with_curated_claims(admin_client):
    kept = make_article("قال إن 1600 مقاتل غادروا")
    make_claim(kept, "1600", value=1600, status=Status.VERIFIED)
    machine_only = make_article("قال إن 1400 مقاتل غادروا")
    make_claim(machine_only, "1400", value=1400)
    response = admin_client.post(
        reverse("admin:articles_article_changelist"),
        {
            "action": "delete_selected",
            ACTION_CHECKBOX_NAME: [kept.pk, machine_only.pk],
            "post": "yes",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert Article.objects.filter(pk=kept.pk).exists()
    assert Claim.objects.filter(article=kept).count() == 1
