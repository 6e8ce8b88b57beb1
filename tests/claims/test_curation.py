"""Curation services: the workflow table, bulk steps, merges, links, measures, seed curation."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.importing import import_paths
from articles.models import Article, Outlet
from claims import curation
from claims.management.commands.load_curation import SEED_USER
from claims.models import (
    Claim,
    ExtractionMethod,
    Measure,
    Speaker,
    SpeakerAlias,
    SpeakerLink,
    SpeakerMerge,
    Status,
)
from tests.conftest import make_article

pytestmark = pytest.mark.django_db

NUMBERED_BODY = " ".join(f"رقم {i} هنا." for i in range(1, 80))

ROOT = Path(__file__).resolve().parents[2]
CURATION = ROOT / "seeds" / "curation.json"


def make_claims(n: int, article: Article | None = None, **fields) -> list[Claim]:
    article = article or make_article(NUMBERED_BODY)
    claims = []
    for i in range(1, n + 1):
        quote = f"رقم {i} "
        start = article.body.index(f"رقم {i} ")
        claims.append(
            Claim.objects.create(
                article=article, quote=quote, start=start, end=start + len(quote), value=i, **fields
            )
        )
    return claims


@pytest.mark.parametrize(
    ("current", "target", "path"),
    [
        ("extracted", "in_review", ["in_review"]),
        ("extracted", "verified", ["in_review", "verified"]),
        ("extracted", "rejected", ["in_review", "rejected"]),
        ("extracted", "disputed", ["in_review", "disputed"]),
        ("in_review", "verified", ["verified"]),
        ("verified", "in_review", ["in_review"]),
        ("verified", "disputed", ["disputed"]),
        ("disputed", "rejected", ["rejected"]),
        ("rejected", "in_review", ["in_review"]),
        ("verified", "verified", []),
    ],
)
def test_allowed_transitions(current, target, path):
    assert curation.transition_path(current, target) == path


@pytest.mark.parametrize(
    ("current", "target"),
    [
        ("verified", "rejected"),
        ("rejected", "verified"),
        ("in_review", "extracted"),
        ("verified", "extracted"),
        ("rejected", "disputed"),
    ],
)
def test_refused_transitions(current, target):
    with pytest.raises(curation.TransitionError, match="cannot go from"):
        curation.transition_path(current, target)


def test_verify_goes_through_review_and_records_who(editor):
    (claim,) = make_claims(1)
    outcome = curation.verify([claim], by=editor)
    claim.refresh_from_db()
    assert outcome.changed == 1
    assert claim.status == Status.VERIFIED
    assert claim.reviewed_by == editor
    assert claim.reviewed_at is not None
    assert claim.version == 3  # one bump per step
    steps = list(claim.history.order_by("history_id").values_list("status", "history_user"))
    assert steps[-2:] == [("in_review", editor.pk), ("verified", editor.pk)]


def test_a_refused_step_changes_nothing_in_the_batch(editor):
    first, second = make_claims(2)
    curation.verify([second], by=editor)
    with pytest.raises(curation.TransitionError):
        curation.reject(Claim.objects.all(), by=editor)  # verified → rejected is refused
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.EXTRACTED, Status.VERIFIED)


def test_bulk_steps_count_what_was_already_done(editor):
    claims = make_claims(3)
    curation.start_review(claims[:1], by=editor)
    outcome = curation.start_review(Claim.objects.all(), by=editor)
    assert (outcome.changed, outcome.unchanged) == (2, 1)


def test_dispute_and_reject_keep_the_editors_note(editor):
    first, second = make_claims(2)
    curation.dispute([first], by=editor, note="Reuters says 150.")
    curation.reject([second], by=editor, note="A date, not a count.")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.note) == (Status.DISPUTED, "Reuters says 150.")
    assert (second.status, second.note) == (Status.REJECTED, "A date, not a count.")


def test_assign_and_create_measure(editor):
    claims = make_claims(3, unit="km")
    measure = curation.create_measure_from_claims(
        claims[:2], name="distance Bani Walid–Tripoli (km)", unit="km", by=editor
    )
    assert set(measure.claims.all()) == set(claims[:2])
    assert measure.history.first().history_user == editor
    other = Measure.objects.create(name="another")
    assert curation.assign_measure(claims, other, by=editor).changed == 3
    assert Claim.objects.filter(measure=other).count() == 3
    with pytest.raises(curation.CurationError, match="already exists"):
        curation.create_measure_from_claims(claims, name="another", by=editor)
    with pytest.raises(curation.CurationError, match="needs a name"):
        curation.create_measure_from_claims(claims, name="  ", by=editor)


def test_merge_moves_claims_and_aliases_and_is_recorded(editor):
    keep = Speaker.objects.create(name="سالم عليوان")
    keep.aliases.create(name="سالم عليوان")
    drop = Speaker.objects.create(name="عليوان")
    drop.aliases.create(name="عليوان")
    drop.aliases.create(name="سالم عليوان")  # the same spelling: not duplicated
    drop.aliases.create(name="Salem Alaywan")
    claims = make_claims(3, speaker=drop)
    third = Speaker.objects.create(name="سالم نوير")
    curation.link_disputed_name(drop, third, by=editor, note="outlets disagree")

    merge = curation.merge_speakers(keep, drop, by=editor)

    drop.refresh_from_db()
    assert drop.merged_into == keep
    assert Claim.objects.filter(speaker=keep).count() == 3
    assert not Claim.objects.filter(speaker=drop).exists()
    assert sorted(keep.aliases.values_list("name", flat=True)) == [
        "Salem Alaywan",
        "سالم عليوان",
        "عليوان",
    ]
    assert (merge.claims_moved, merge.merged_by, sorted(merge.claim_ids)) == (
        3,
        editor,
        sorted(c.pk for c in claims),
    )
    assert SpeakerMerge.objects.get() == merge
    # The link follows the speaker kept.
    link = SpeakerLink.objects.get()
    assert {link.first_speaker, link.second_speaker} == {keep, third}
    assert drop.history.first().history_user == editor
    assert all(c.history.first().history_user == editor for c in keep.claims.all())


def test_merge_refuses_self_and_already_merged(editor):
    a, b, c = (Speaker.objects.create(name=n) for n in ("أ", "ب", "ج"))
    with pytest.raises(curation.CurationError, match="itself"):
        curation.merge_speakers(a, a, by=editor)
    curation.merge_speakers(a, b, by=editor)
    with pytest.raises(curation.CurationError, match="already merged"):
        curation.merge_speakers(c, b, by=editor)
    with pytest.raises(curation.CurationError, match="merge into that one"):
        curation.merge_speakers(b, c, by=editor)
    assert SpeakerAlias.objects.filter(speaker=a, name="ب").exists()


def test_disputed_name_link_is_one_row_per_pair(editor):
    nuwayr = Speaker.objects.create(name="سالم نوير")
    alaywan = Speaker.objects.create(name="سالم عليوان")
    first = curation.link_disputed_name(alaywan, nuwayr, by=editor, note="Reuters vs Al Jazeera")
    again = curation.link_disputed_name(nuwayr, alaywan, by=editor, note="updated")
    assert first.pk == again.pk
    assert (again.first_speaker_id, again.second_speaker_id) == tuple(
        sorted((nuwayr.pk, alaywan.pk))
    )
    assert SpeakerLink.objects.get().note == "updated"
    assert Speaker.objects.count() == 2  # kept apart
    with pytest.raises(curation.CurationError, match="itself"):
        curation.link_disputed_name(nuwayr, nuwayr, by=editor)


def test_changes_since_names_who_and_what(editor, viewer):
    (claim,) = make_claims(1)
    seen = claim.version
    claim.note = "checked against Reuters"
    claim.value = 150
    claim.version += 1
    claim._history_user = viewer  # anyone: the last change is editor's below
    claim.save()
    curation.verify([claim], by=editor)
    change = curation.changes_since(claim, seen)
    assert change.user == editor
    fields = {name: (old, new) for name, old, new in change.fields}
    assert fields["status"] == ("extracted", "verified")
    assert fields["note"] == ("—", "checked against Reuters")
    assert fields["value"] == ("1.0", "150.0")


def test_curated_claims_are_ignored_by_store_candidates(editor):
    claims = make_claims(2)
    curation.verify(claims[:1], by=editor)
    from claims.ingest import store_candidates

    store_candidates(claims[0].article, [])
    assert list(Claim.objects.values_list("pk", flat=True)) == [claims[0].pk]


@pytest.mark.skipif(
    importlib.util.find_spec("claims.extraction") is None,
    reason="needs the extractor (claims.extraction), not yet merged into this branch",
)
def test_a_reviewed_claim_survives_reimport(seed_dir, editor):
    import_paths([seed_dir])
    claim = Claim.objects.filter(status=Status.EXTRACTED).order_by("pk").first()
    assert claim is not None, "the extractor found no claims in the seeds"
    curation.verify([claim], by=editor)
    call_command("import_articles", str(seed_dir), "--reprocess", "--progress", "never")
    claim.refresh_from_db()
    assert (claim.status, claim.reviewed_by) == (Status.VERIFIED, editor)


# Seed curation ---------------------------------------------------------------------------------


def test_curation_json_anchors_are_in_the_seed_articles(seed_dir):
    doc = json.loads(CURATION.read_text(encoding="utf-8"))
    measures = {m["name"] for m in doc["measures"]}
    speakers = {s["name"] for s in doc["speakers"]}
    for entry in doc["claims"]:
        text = (seed_dir / entry["article"]).read_text(encoding="utf-8")
        assert text.count(entry["anchor"]) == 1, entry["anchor"]
        assert entry["quote"] in entry["anchor"]
        assert entry.get("measure") in measures | {None}
        assert entry.get("speaker") in speakers | {None}


def test_load_curation_shows_real_conflicts_and_is_idempotent(seed_dir, capsys):
    import_paths([seed_dir], hooks=[])
    call_command("load_curation", str(CURATION))
    first = capsys.readouterr().out
    distance = Measure.objects.get(name="distance Bani Walid–Tripoli (km)")
    assert sorted(distance.claims.values_list("value", flat=True)) == [150, 180]
    flights = Measure.objects.get(name="aircraft that flew fighters out of Bani Walid")
    assert sorted(flights.claims.values_list("value", flat=True)) == [3, 3, 15]
    alaywan = Speaker.objects.get(name="سالم عليوان")
    nuwayr = Speaker.objects.get(name="سالم نوير")
    link = SpeakerLink.objects.get()
    assert {link.first_speaker, link.second_speaker} == {alaywan, nuwayr}
    assert "عليوان" in alaywan.aliases.values_list("name", flat=True)
    seed = Claim.objects.filter(reviewed_by__username=SEED_USER)
    assert seed.filter(status=Status.VERIFIED).count() > 15
    assert seed.filter(status=Status.IN_REVIEW).exists()
    bloomberg = Claim.objects.get(quote="أكثر من 1400 مرتزق")
    assert [r.outlet.name for r in bloomberg.relays.all()] == ["بلومبرغ"]
    jazeera = Outlet.objects.get(name="الجزيرة نت")
    assert Article.objects.get(source_name__endswith="002_a9c5babff44c5c26.txt").outlet == jazeera
    # A figure no one is quoted for is the narrator's: the article's outlet, or no one.
    narrated = Claim.objects.get(quote="نحو 180 كيلومترا")
    assert (narrated.speaker.name, narrated.speaker.kind, narrated.speaker_text) == (
        "الجزيرة نت",
        "outlet",
        "",
    )
    assert Claim.objects.get(quote="650 كيلومتراً").speaker is None  # 001: outlet unknown
    assert "created" in first

    counts = (Claim.objects.count(), Speaker.objects.count(), Measure.objects.count())
    history = Claim.history.count()
    call_command("load_curation", str(CURATION))
    assert (Claim.objects.count(), Speaker.objects.count(), Measure.objects.count()) == counts
    assert Claim.history.count() == history
    assert "already applied" in capsys.readouterr().out


def test_load_curation_leaves_an_editors_decision_alone(seed_dir, editor):
    import_paths([seed_dir], hooks=[])
    call_command("load_curation", str(CURATION))
    claim = Claim.objects.get(quote="نحو 180 كيلومترا")
    curation.dispute([claim], by=editor, note="Google Maps says 175 km by road.")
    call_command("load_curation", str(CURATION))
    claim.refresh_from_db()
    assert (claim.status, claim.reviewed_by) == (Status.DISPUTED, editor)


def test_load_curation_links_the_extractors_claim_and_merges_its_speaker(seed_dir):
    import_paths([seed_dir], hooks=[])
    article = Article.objects.get(source_name__endswith="002_a9c5babff44c5c26.txt")
    start = article.body.index("بنحو 1600")
    extracted_speaker = Speaker.objects.create(name="قنونو")
    extracted_speaker.aliases.create(name="قنونو")
    machine = Claim.objects.create(
        article=article,
        quote="1600",
        start=start + 4,
        end=start + 8,
        value=1600,
        speaker=extracted_speaker,
    )
    call_command("load_curation", str(CURATION))
    machine.refresh_from_db()
    assert machine.measure.name == "Wagner fighters who left the Tripoli front, May 2020"
    assert machine.extraction_method == ExtractionMethod.RULES
    assert machine.speaker.name == "محمد قنونو"
    assert not Claim.objects.filter(article=article, quote="بنحو 1600").exists()
    assert SpeakerMerge.objects.filter(dropped=extracted_speaker).exists() or (
        machine.speaker == extracted_speaker
    )


@pytest.mark.parametrize(
    "content", ["not json", "[]", '{"speakers": [{"nom": "x"}], "measures": [], "claims": []}']
)
def test_load_curation_refuses_a_bad_file_by_name(tmp_path, content):
    from django.core.management.base import CommandError

    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=r"bad\.json"):
        call_command("load_curation", str(bad))
