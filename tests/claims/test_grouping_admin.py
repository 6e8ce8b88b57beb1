"""Deciding on suggestions in one click: the proposed-measure and suggestion lists, the review
screen; viewers see them and decide nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.importing import import_paths
from claims.models import Claim, Measure, MeasureProposal, MeasureSuggestion
from tests.conftest import SEEDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposals():
    import_paths([SEEDS])  # extraction and suggestions, no curation
    return MeasureProposal.objects.all()


def test_proposal_list_accepts_in_one_click(
    editor_client, proposals, django_assert_max_num_queries
):
    url = reverse("admin:claims_measureproposal_changelist")
    with django_assert_max_num_queries(12):
        page = editor_client.get(url)
    assert page.status_code == 200
    distance = proposals.get(suggestions__claim__quote__contains="180")
    assert f'name="_accept_proposal" value="{distance.pk}"' in page.text
    response = editor_client.post(url, {"_accept_proposal": str(distance.pk)})
    assert response.status_code == 302
    distance.refresh_from_db()
    assert distance.status == "accepted"
    measure = Measure.objects.get(pk=distance.measure_id)
    assert measure.claims.count() == 2
    assert all(c.version == 2 for c in measure.claims.all())


def test_editing_the_label_then_accepting(editor_client, proposals):
    distance = proposals.get(suggestions__claim__quote__contains="180")
    url = reverse("admin:claims_measureproposal_change", args=[distance.pk])
    assert editor_client.get(url).status_code == 200
    response = editor_client.post(
        url, {"label": "المسافة بين بني وليد وطرابلس", "_accept_proposal": str(distance.pk)}
    )
    assert response.status_code == 302
    assert Measure.objects.get(name="المسافة بين بني وليد وطرابلس").claims.count() == 2


def test_proposal_list_rejects_in_one_click(editor_client, proposals):
    url = reverse("admin:claims_measureproposal_changelist")
    withdrawal = proposals.get(suggestions__claim__quote="بنحو 1600")
    editor_client.post(url, {"_reject_proposal": str(withdrawal.pk)})
    withdrawal.refresh_from_db()
    assert withdrawal.status == "rejected"
    assert not Measure.objects.exists()


def test_review_screen_lists_and_decides_suggestions(
    editor_client, proposals, django_assert_max_num_queries
):
    claim = Claim.objects.get(quote="بنحو 1600")
    suggestion = MeasureSuggestion.objects.get(claim=claim)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    with django_assert_max_num_queries(40):
        page = editor_client.get(url)
    assert f'name="_reject_suggestion" value="{suggestion.pk}"' in page.text
    assert "same event" in page.text  # the reasons are shown
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "relays"}
    data.update(
        {
            "article": claim.article_id,
            "loaded_version": claim.version,
            "relays-TOTAL_FORMS": 0,
            "relays-INITIAL_FORMS": 0,
            "_reject_suggestion": str(suggestion.pk),
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    suggestion.refresh_from_db()
    assert suggestion.status == "rejected"


def test_suggestion_list_loads(editor_client, proposals, django_assert_max_num_queries):
    url = reverse("admin:claims_measuresuggestion_changelist")
    with django_assert_max_num_queries(12):
        assert editor_client.get(url).status_code == 200


def test_viewers_see_suggestions_but_cannot_decide(viewer_client, proposals):
    url = reverse("admin:claims_measuresuggestion_changelist")
    assert viewer_client.get(url).status_code == 200
    suggestion = MeasureSuggestion.objects.first()
    viewer_client.post(url, {"_accept_suggestion": str(suggestion.pk)})
    suggestion.refresh_from_db()
    assert suggestion.status == "suggested"
    proposal_url = reverse("admin:claims_measureproposal_changelist")
    assert viewer_client.get(proposal_url).status_code == 200
    viewer_client.post(proposal_url, {"_accept_proposal": str(suggestion.proposal_id)})
    assert not Measure.objects.exists()
