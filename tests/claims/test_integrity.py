"""Nothing altered, nothing reverted: the evidence keeps its bytes through every form and reload.

A fact-checking tool that edits its evidence is worse than none: saving a claim unchanged (or with
only a note) must leave its quote and context byte for byte, write no history and no version; the
seed curation is applied once and never puts back what an editor changed; every curation step
says who and when; a figure in the wrong unit is refused for a measure; deleting an article never
takes curated claims or verdicts with it.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.db.models import ProtectedError
from django.urls import reverse

from articles.importing import import_paths
from articles.models import Article
from claims import curation
from claims.models import Claim, CurationLoad, Measure, Status, Verdict
from tests.conftest import SEEDS

pytestmark = pytest.mark.django_db

SNAPSHOT = ("quote", "prefix", "suffix", "speaker_text", "counted", "note", "unit", "version")


def snapshot(claim: Claim) -> tuple:
    claim.refresh_from_db()
    return (*tuple(getattr(claim, name) for name in SNAPSHOT), claim.history.count())


def browser_post(client, claim: Claim, **changes) -> dict:
    """What a browser submits for the claim's change form as rendered, with `changes` typed in."""
    page = client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    assert page.status_code == 200
    data: dict = {}
    forms = [page.context["adminform"].form]
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        forms.append(management)
        forms.extend(formset.forms)
    for form in forms:
        for bound in form:
            value = bound.value()
            if value is None or value is False:
                continue
            data[bound.html_name] = "on" if value is True else value
    data.update(changes)
    return data


@pytest.fixture
def seeded(db, capsys):
    import_paths([SEEDS])
    call_command("load_curation", str(SEEDS / "curation.json"), stdout=StringIO())
    return Claim.objects.order_by("pk")


def test_saving_every_seed_claim_unchanged_keeps_its_bytes_and_writes_nothing(
    seeded, editor_client
):
    claims = list(seeded)
    assert len(claims) >= 25
    # Real seed context starts and ends with spaces and line breaks: the case that was glued.
    assert any(c.prefix[:1].isspace() or c.suffix[-1:].isspace() for c in claims)
    logs = LogEntry.objects.count()
    for claim in claims:
        before = snapshot(claim)
        response = editor_client.post(
            reverse("admin:claims_claim_change", args=[claim.pk]),
            browser_post(editor_client, claim),
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
        assert snapshot(claim) == before, claim.quote
    assert LogEntry.objects.count() == logs


def test_a_note_changes_the_note_only(seeded, editor_client):
    claim = next(c for c in seeded if c.prefix[:1].isspace() or "\n" in c.prefix + c.suffix)
    quote, prefix, suffix = claim.quote, claim.prefix, claim.suffix
    response = editor_client.post(
        reverse("admin:claims_claim_change", args=[claim.pk]),
        browser_post(editor_client, claim, note="Checked against the Reuters wire."),
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.quote, claim.prefix, claim.suffix) == (quote, prefix, suffix)
    assert claim.note == "Checked against the Reuters wire."
    change = claim.history.order_by("-history_id").first()
    assert change.history_user.username == "ed"
    assert change.prev_record.quote == quote and change.prev_record.prefix == prefix


def test_save_and_next_without_a_change_writes_no_version(seeded, editor_client):
    claim = seeded.filter(status=Status.EXTRACTED).first() or seeded.first()
    before = snapshot(claim)
    data = browser_post(editor_client, claim, _savenext="1")
    editor_client.post(reverse("admin:claims_claim_change", args=[claim.pk]), data)
    assert snapshot(claim) == before


def test_a_second_seed_load_changes_nothing_an_editor_did(seeded, editor, capsys):
    claim = seeded.filter(measure__isnull=False).first()
    other = Measure.objects.exclude(pk=claim.measure_id).filter(unit=claim.measure.unit).first()
    curation.assign_measure([claim], other, by=editor, allow_unit_mismatch=True)
    claim.refresh_from_db()
    assert (claim.reviewed_by, claim.measure) == (editor, other)  # who and when, on every step
    assert claim.reviewed_at is not None
    histories = Claim.history.count()

    call_command("load_curation", str(SEEDS / "curation.json"))
    assert "already applied" in capsys.readouterr().out
    assert CurationLoad.objects.count() == 1
    claim.refresh_from_db()
    assert claim.measure == other
    assert Claim.history.count() == histories


def test_an_edited_curation_file_still_leaves_an_editors_change_alone(seeded, editor, tmp_path):
    claim = seeded.filter(measure__isnull=False).first()
    curation.assign_measure([claim], None, by=editor)
    edited = tmp_path / "curation.json"
    edited.write_text(
        (SEEDS / "curation.json").read_text(encoding="utf-8").replace("\n", "\n ", 1),
        encoding="utf-8",
    )  # same content, different bytes: a new file to apply
    call_command("load_curation", str(edited), stdout=StringIO())
    assert CurationLoad.objects.count() == 2
    claim.refresh_from_db()
    assert claim.measure is None


def test_every_curation_step_records_who_and_when(seeded, editor):
    claims = list(seeded.filter(status=Status.EXTRACTED)[:2]) or list(seeded[:2])
    measure = curation.create_measure_from_claims(
        claims, name="a new question", unit=claims[0].unit, by=editor, allow_unit_mismatch=True
    )
    for claim in claims:
        claim.refresh_from_db()
        assert (claim.measure, claim.reviewed_by) == (measure, editor)
        assert claim.history.order_by("-history_id").first().history_user == editor


def test_a_figure_in_the_wrong_unit_is_refused_for_a_measure(seeded, editor, editor_client):
    km = seeded.filter(unit="km").first()
    people = Measure.objects.filter(unit="people").first()
    with pytest.raises(curation.CurationError, match="not in the measure's unit"):
        curation.assign_measure([km], people, by=editor)
    km.refresh_from_db()
    assert km.measure != people

    url = reverse("admin:claims_claim_change", args=[km.pk])
    refused = editor_client.post(url, browser_post(editor_client, km, measure=people.pk))
    assert refused.status_code == 200
    assert "not in the measure" in refused.text
    km.refresh_from_db()
    assert km.measure != people

    forced = browser_post(editor_client, km, measure=people.pk, allow_unit_mismatch="on")
    assert editor_client.post(url, forced).status_code == 302
    km.refresh_from_db()
    assert km.measure == people
    reason = km.history.order_by("-history_id").first().history_change_reason
    assert "unit override: km → people" in reason


@pytest.mark.parametrize(
    ("claim_unit", "measure_unit", "conflict"),
    [
        ("km", "people", True),
        ("", "km", True),
        ("%", "percent", False),
        ("", "people", False),
        ("aircraft", "people", True),
        ("km", "", False),
        ("km", "KM", False),
    ],
)
def test_units_conflict(claim_unit, measure_unit, conflict):
    assert curation.units_conflict(claim_unit, measure_unit) is conflict


def test_reprocessing_unchanged_articles_writes_no_history(seeded):
    histories = Claim.history.count()
    relays = Claim.relays.rel.related_model.history.count()
    import_paths([SEEDS], reprocess=True)
    assert Claim.history.count() == histories
    assert Claim.relays.rel.related_model.history.count() == relays


def test_an_article_with_curated_claims_or_verdicts_cannot_be_deleted(seeded, editor):
    curated = seeded.exclude(status=Status.EXTRACTED).first()
    with pytest.raises(ProtectedError):
        curated.article.delete()
    assert Claim.objects.filter(pk=curated.pk).exists()

    verdict = Verdict.objects.create(claim=curated, rating=3, summary="Mixed.", author=editor)
    with pytest.raises(ProtectedError):
        curated.delete()
    assert Verdict.objects.filter(pk=verdict.pk).exists()


def test_an_article_with_only_machine_claims_can_be_deleted(db):
    import_paths([SEEDS])
    article = Article.objects.filter(claims__isnull=False).first()
    article.delete()
    assert not Claim.objects.filter(article_id=article.pk).exists()


def test_the_admin_explains_why_an_article_cannot_be_deleted(seeded, admin_client):
    curated = seeded.exclude(status=Status.EXTRACTED).first()
    url = reverse("admin:articles_article_delete", args=[curated.article_id])
    page = admin_client.post(url, {"post": "yes"})
    assert Article.objects.filter(pk=curated.article_id).exists()
    assert page.status_code == 200
